"""Recipients files (CSV): one personalised briefing per row, its file name from a slug."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem

MAX_ROWS = 10_000


@dataclass(frozen=True)
class Recipient:
    row: int  # the line number in the file, header = 1
    slug: str
    fields: dict[str, str]  # empty cells left out, so a template using one is an error


def slugify(text: str) -> str:
    """Return `text` as a safe file name: ascii letters, digits and '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def read(path: Path, slug_column: str = "name") -> list[Recipient]:
    """Return the recipients in `path`; raise ContentError listing every bad row."""
    label = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(label, 1, f"cannot be read as UTF-8 text: {exc}")]) from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    if slug_column not in header:
        raise ContentError([Problem(label, 1, f"has no '{slug_column}' column to name files by "
                                              f"(columns: {', '.join(header) or 'none'})")])
    problems, recipients, seen = [], [], {}
    for number, row in enumerate(reader, start=2):
        if None in row or len(recipients) >= MAX_ROWS:
            why = "has more cells than the header" if None in row else f"is past the limit of {MAX_ROWS:,} rows"
            problems.append(Problem(label, number, f"row {why}"))
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
            fields = {k: v.strip() for k, v in row.items() if v and v.strip()}
            recipients.append(Recipient(number, slug, fields))
    if problems:
        raise ContentError(problems)
    return recipients
