"""Recipients files (CSV): one personalised briefing per row, its file name from a slug.

Every problem in the file is reported in one run: a missing name column, rows with more cells
than the header, file names that repeat, and cells with characters no briefing can carry.
File names are portable: a row named "Con" or "NUL" gets "con_", since Windows, where these
briefings are opened, reserves such names.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .prose import Fields

MAX_ROWS = 10_000
MAX_BYTES = 5_000_000
WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Recipient:
    row: int  # the line number in the file, header = 1
    slug: str
    fields: Fields  # empty cells left out, so a template using one is an error


def slugify(text: str) -> str:
    """Return `text` as a safe, portable file name: ascii letters, digits and '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return portable(re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80])


def portable(name: str) -> str:
    """Return `name` usable as a file or folder name on Windows too: no reserved device name
    (CON, NUL, COM1 …, with any extension), no character Windows refuses, no trailing dot."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name).rstrip(". ")
    return name + "_" if WINDOWS_RESERVED.match(name) else name


def read(path: Path, slug_column: str = "name") -> tuple[list[Recipient], list[Problem]]:
    """Return the recipients in `path` and every problem found in it."""
    label = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [Problem(label, 1, f"is over {MAX_BYTES:,} bytes")]
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(label, 1, f"cannot be read as UTF-8 text: {exc}")]
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    problems, recipients, seen = [], [], {}
    if slug_column not in header:
        problems.append(Problem(label, 1, f"has no '{slug_column}' column to name files by "
                                          f"(columns: {', '.join(header) or 'none'})"))
    for number, row in enumerate(reader, start=2):
        if None in row or len(recipients) >= MAX_ROWS:
            why = "has more cells than the header" if None in row else f"is past the limit of {MAX_ROWS:,} rows"
            problems.append(Problem(label, number, f"row {why}"))
            continue
        if slug_column not in header:
            continue
        slug = slugify(row.get(slug_column) or "")
        if not slug:
            problems.append(Problem(label, number, f"row has no usable '{slug_column}' to name its file",
                                    field=slug_column))
        elif slug in seen:
            problems.append(Problem(label, number, f"row gives the file name '{slug}' again (row {seen[slug]})",
                                    field=slug_column))
        else:
            seen[slug] = number
            fields = Fields({k: v.strip() for k, v in row.items() if v and v.strip()},
                            columns=tuple(header))
            recipients.append(Recipient(number, slug, fields))
    return recipients, problems


def check_text(path: Path, recipients: list[Recipient], theme, rtl: bool) -> list[Problem]:
    """Return a problem for each cell holding characters no briefing can carry."""
    from .characters import problems

    return [Problem(path.name, person.row, message, field=column)
            for person in recipients for column, value in person.fields.items()
            for message in problems(value, theme, rtl)]
