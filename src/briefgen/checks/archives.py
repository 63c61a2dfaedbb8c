"""Archived source texts: read once per run from inside the project, as plain lines, indexed by number.

A source's `archive:` names the project's copy of its text (UTF-8 text, or a PDF read with
PDFium). It is untrusted input like any other file: it must lie inside the project with no
symbolic link on the way, and be at most MAX_BYTES. Lines keep their numbers in the file, so
a sidecar (`<name>.sections.yaml`, see locators.py) can tie locators to them; the header the
project adds ('# ' lines before the first blank line) is blanked, since it is not the source's
text. Form feeds, as pdftotext writes them and as PDF pages are joined here, mark pages.
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .numbers import Number, read

MAX_BYTES = 10_000_000
TEXT = (".txt", ".md", ".text")
SIDECAR = ".sections.yaml"
# Typography a quote may differ by: curly quotes, dashes, non-breaking spaces, the ellipsis.
TYPOGRAPHY = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                            **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
                            **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
                            **dict.fromkeys("\u00a0\u2009\u202f\t", " "), "\u2026": "..."})
MARKUP = [(re.compile(r"\*\*|__"), ""),  # Markdown emphasis in the archived text is not words
          (re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)"), r"\1"),  # [words](link) reads as its words
          (re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])"), r"\1")]  # Markdown escapes such as \$


class ArchiveProblem(ValueError):
    """An archive that cannot be used; the message follows the archive's name."""


def plain(text: str) -> str:
    """Return `text` as the fact-check compares it: typography made plain, Markdown markup removed."""
    text = text.translate(TYPOGRAPHY)
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class Archive:
    """One source's archived text: its lines as compared (1-based), pages, and number index."""

    file: str  # as `archive:` names it, relative to the project
    lines: list[str]  # plain(); lines[0] is line 1; header lines are empty
    pages: list[tuple[int, int]]  # page n is pages[n - 1]: (first line, last line); [] if unknown
    memo: dict = field(default_factory=dict, repr=False)  # what other modules compute from it once
    _numbers: dict | None = field(default=None, repr=False)
    _joined: dict = field(default_factory=dict, repr=False)

    def everything(self) -> tuple[tuple[int, int], ...]:
        return ((1, len(self.lines)),)

    def numbers(self) -> dict[tuple, list[tuple[int, Number]]]:
        """Return (value, kind) -> [(line, Number)], every number of the text, built on first use."""
        if self._numbers is None:
            index: dict[tuple, list[tuple[int, Number]]] = {}
            starts = list(itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))
            for number in read("\n".join(self.lines).lower()):  # one pass: a number may wrap a line
                line = bisect.bisect_right(starts, number.start)
                for value in number.values:
                    index.setdefault((value, number.kind), []).append((line, number))
            self._numbers = index
        return self._numbers

    def joined(self, ranges: tuple[tuple[int, int], ...]) -> tuple[str, list[tuple[int, int]]]:
        """Return the text of `ranges` with every run of whitespace (line breaks too) one space,
        and (offset, line) pairs saying where each line starts in it."""
        if ranges not in self._joined:
            parts, starts, offset = [], [], 0
            for first, last in ranges:
                for line in range(first, last + 1):
                    words = " ".join(self.lines[line - 1].split())
                    if words:
                        starts.append((offset, line))
                        parts.append(words)
                        offset += len(words) + 1
            self._joined[ranges] = (" ".join(parts), starts)
        return self._joined[ranges]


def resolve_inside(root: Path, relative: str, suffixes=(*TEXT, ".pdf"), limit: int | None = None) -> Path:
    """Return the file `relative` names inside `root`; raise ArchiveProblem if it is outside the
    project, reached through a symbolic link, missing, too big or not one of `suffixes`."""
    if not relative or Path(relative).is_absolute():
        raise ArchiveProblem("must be a path inside the project, e.g. sources/report.txt")
    real_root = Path(os.path.realpath(root))
    path = root / relative
    if not Path(os.path.realpath(path)).is_relative_to(real_root):
        raise ArchiveProblem("is outside the project folder; copy it into the project")
    for part in [path, *path.parents]:
        if part == root or Path(os.path.realpath(part)) == real_root:
            break
        if part.is_symlink():
            raise ArchiveProblem(f"is reached through the symbolic link '{part.relative_to(root)}'; "
                                 "archives are read without following links")
    if not path.is_file():
        raise ArchiveProblem("does not exist")
    if path.suffix.lower() not in suffixes:
        raise ArchiveProblem(f"is a '{path.suffix}' file; an archive is text ({', '.join(TEXT)}) or .pdf")
    size, limit = path.stat().st_size, MAX_BYTES if limit is None else limit
    if size > limit:
        raise ArchiveProblem(f"is {size:,} bytes; the limit is {limit:,}")
    return path


def sidecar_of(relative: str) -> str:
    """Return where the sidecar of the archive `relative` is: report.txt -> report.sections.yaml."""
    stem = relative[: -len(Path(relative).suffix)] if Path(relative).suffix else relative
    return stem + SIDECAR


def read_archive(root: Path, relative: str) -> Archive:
    """Return the archive `relative` names; raise ArchiveProblem if it cannot be used."""
    path = resolve_inside(root, relative)
    stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size, relative)


@lru_cache(maxsize=32)
def _read(path: str, mtime: int, size: int, relative: str) -> Archive:
    """Read and index one archive: cached, so check, build and audit read each file once."""
    data = Path(path).read_bytes()
    if path.lower().endswith(".pdf"):
        text = _pdf_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArchiveProblem(f"is not valid UTF-8 (byte 0x{data[exc.start]:02X} at offset "
                                 f"{exc.start:,})") from None
    raw = text.replace("\r\n", "\n").split("\n")
    header = _header_length(raw)
    lines, pages, first = [], [], 1
    for number, line in enumerate(raw, 1):
        if "\f" in line:  # a page ends here, or on the line before if the break opens this one
            end = number if line[:line.index("\f")].strip() else max(first, number - 1)
            pages += [(first, end)] + [(number, number)] * (line.count("\f") - 1)
            first = number
        lines.append("" if number <= header else plain(line.replace("\f", " ")))
    if pages:
        pages.append((first, len(raw)))
    return Archive(relative, lines, pages)


def _header_length(lines: list[str]) -> int:
    """Return how many lines the project's header takes: '# ' lines before the first blank one."""
    count = 0
    while count < len(lines) and lines[count].startswith("# "):
        count += 1
    return count if count < len(lines) and not lines[count].strip() else 0


def _pdf_text(data: bytes) -> str:
    """Return a PDF's text, its pages separated by form feeds."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise ArchiveProblem(f"is not a PDF PDFium can read ({exc})") from None
    try:
        return "\n\f".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf)
    finally:
        pdf.close()
