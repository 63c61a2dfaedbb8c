"""Citations: sources numbered in order of first use, cited in the text with their pages.

A locator such as "Section 2 (Executive summary), p. 7; Section 5 (...), pp. 20-24" is cited
as "[2, pp. 7, 20–24]", so the reader can find the place; the reference list then names each
source once. A citation never breaks across lines (its spaces are non-breaking, U+00A0) and
its ranges take an en dash. A paragraph, a key point or a row of a list cites; consecutive ones citing the
same place leave it to the last.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from . import dates, locales
from . import document as d
from .model import Content

PAGES = re.compile(r"\bpp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)")
PARAGRAPHS = re.compile(r"\bparagraphs?\s+(\d+(?:\s*[-–]\s*\d+)?)", re.IGNORECASE)
NOTES = re.compile(r"\bnotes?\s+(\d+)", re.IGNORECASE)


NBSP = "\u00a0"


def short(locator: str) -> str:
    """Return the locator as a citation shows it: "p. 7", "pp. 7, 20–24", "para. 17", "paras. 19, 20", or ""
    when it names no page, paragraph or note; its spaces are non-breaking."""
    pages = _merged(PAGES.findall(locator))
    if pages:
        many = len(pages) > 1 or "–" in pages[0]  # a range
        return _joined("pp." if many else "p.", pages)
    paragraphs = _merged(PARAGRAPHS.findall(locator))
    if paragraphs:
        return _joined("paras." if len(paragraphs) > 1 or "–" in paragraphs[0] else "para.", paragraphs)
    notes = NOTES.findall(locator)
    return _joined("note", notes) if notes else ""


WORD_JOINER = "\u2060"  # after the dash: Word, LibreOffice and browsers would break a line there


def union(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Return the ranges (first, last) in order, those that meet or overlap run into one."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple((a, b) for a, b in merged)


def _merged(places: list[str]) -> list[str]:
    """Return the places ("19-20", "21", "7") as an editor writes them, in order, those that
    meet or overlap run into one range: "pp. 7, 19–21", not "pp. 19–20, 21"."""
    spans = [(int(ends[0]), int(ends[-1])) for ends in (re.findall(r"\d+", place) for place in places)]
    return [_range(f"{a}-{b}") if b > a else str(a) for a, b in union(spans)]


def _range(text: str) -> str:
    """Return "20 - 24" or "20-24" as "20–24", never broken across lines."""
    return re.sub(r"\s*[-–]\s*", "–" + WORD_JOINER, text.strip())


def _joined(word: str, places: list[str]) -> str:
    return word + NBSP + ("," + NBSP).join(dict.fromkeys(places))


@dataclass
class Citations:
    """Numbers sources in order of first use."""

    content: Content
    with_pages: bool = True
    language: str = locales.DEFAULT  # BCP 47: the language dates are written in
    numbers: dict[str, int] = field(default_factory=dict)

    def marker(self, source_id: str, locator: str) -> str:
        """Return the citation, e.g. "[2, p. 19]", numbering the source if it is new."""
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        where = short(locator) if self.with_pages else ""
        return f"[{number},{NBSP}{where}]" if where else f"[{number}]"

    def label(self, source_id: str, locator: str) -> str:
        """Return a source line, a table's, a chart's or a stat callout's: "IWF, July 2024 [2, p. 7]"."""
        return f"{self.name(source_id)} {self.marker(source_id, locator)}"

    def name(self, source_id: str) -> str:
        """Return the source as a source line names it: "IWF, July 2024"."""
        source = self.content.source(source_id)
        return f"{source.short or source.publisher}, {dates.display(source.date, self.language)}"

    def references(self) -> d.References:
        """Return the reference list: each source once, with publisher, title, date and link."""
        items = []
        for source_id, number in self.numbers.items():
            s = self.content.source(source_id)
            text = f"{s.publisher}. {s.title}. {dates.display(s.date, self.language)}."
            if s.retrieved:
                when = f", {dates.display(s.retrieved.date, self.language)}" if s.retrieved.date else ""
                text += f" Retrieved from {s.retrieved.name}{when}."
            items.append(d.Reference(number, text, s.url or (s.retrieved.url if s.retrieved else "")))
        return d.References(tuple(items))


def cited(text: d.Text, marker: str) -> d.Text:
    """Return `text` with the citation `marker` at its end, glued to its last word and inside
    a closing full stop ("…have advanced [1, pp. 7, 20–24]."), where the prose puts its own
    citations: the house style is one place for every citation."""
    runs = list(text)
    if not marker:
        return tuple(runs)
    last = runs[-1] if runs else None
    if last is not None and not last.link and last.text.endswith(".") and not last.text.endswith(".."):
        return (*runs[:-1], dataclasses.replace(last, text=last.text[:-1]), glued(marker),
                dataclasses.replace(last, text="."))
    return (*runs, glued(marker))


def glued(marker: str) -> d.Run:
    """Return the citation `marker` as the run after a text: a no-break space before it, so it
    is never alone at the start of a line."""
    return d.Run(NBSP + marker)


def once_per_group(markers: list[str]) -> list[str]:
    """Return `markers` with each one blanked where the next item cites the same place."""
    return [m if i + 1 == len(markers) or markers[i + 1] != m else "" for i, m in enumerate(markers)]
