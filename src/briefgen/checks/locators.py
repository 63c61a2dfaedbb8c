"""Locators to line ranges: "Section 5 (Title), pp. 20-24", "Foreword, p. 3", "paragraph 17", "Notes".

A sidecar next to an archive (`report.sections.yaml` for `report.txt`) lists the source's
sections (number, title, start page, lines) and its numbered paragraphs; any other key holding
`lines: [first, last]` names a part of the text (`notes`, `standfirst` ...). A locator is read
part by part (parts are separated by ';'); each part names a section, a paragraph or a named
part, optionally narrowed by pages. Pages narrow a section to the subsections whose pages
overlap them; without a sidecar, pages resolve on their own where the archive has page breaks.
A locator that does not resolve is searched in the whole archive, and the check says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, model_validator

from ..citations import union

Ranges = tuple[tuple[int, int], ...]
PAGES = re.compile(r"\bpp?\.\s*(\d+)(?:\s*-\s*(\d+))?")
PARAGRAPHS = re.compile(r"^paragraphs?\s+(\d+)(?:\s*(?:-|to|and)\s*(\d+))?\b", re.IGNORECASE)
SECTION = re.compile(r"^section\s+(\d+(?:\.\d+)*)(?:\s*\(([^()]*)\))?", re.IGNORECASE)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)  # notes and headings are for people


class Entry(_Loose):
    number: str | int | None = None
    title: str
    page: int | None = None
    next_page: int | None = None
    line: int
    end_line: int
    subsections: list[Entry] = []


class Paragraph(_Loose):
    number: int
    lines: tuple[int, int]


class Block(_Loose):
    lines: tuple[int, int]


class Sidecar(_Loose):
    sections: list[Entry] = []
    paragraphs: list[Paragraph] = []
    blocks: dict[str, Block] = {}  # every other key with `lines:`, by its name

    @model_validator(mode="before")
    @classmethod
    def _named_parts(cls, data):
        if isinstance(data, dict):
            blocks = {k: v for k, v in data.items() if isinstance(v, dict) and "lines" in v}
            data = {k: v for k, v in data.items() if k not in blocks} | {"blocks": blocks}
        return data


@dataclass(frozen=True)
class Resolved:
    """Where a locator points: line ranges, or the whole archive and why."""

    ranges: Ranges
    unresolved: str = ""  # why the whole archive is searched; "" when the locator resolved

    def describe(self) -> str:
        """Return the ranges for people: 'lines 130-145, 437-600', 'line 87'."""
        spans = [str(a) if a == b else f"{a}-{b}" for a, b in self.ranges]
        one = len(self.ranges) == 1 and self.ranges[0][0] == self.ranges[0][1]
        return f"line{'' if one else 's'} {', '.join(spans)}"


def resolve(locator: str, sidecar: Sidecar | None, pages: list[tuple[int, int]], everything: Ranges) -> Resolved:
    """Return the line ranges `locator` names in an archive with this sidecar and page breaks."""
    ranges: list[tuple[int, int]] = []
    for part in (p.strip() for p in locator.split(";") if p.strip()):
        found, why = _part(part, sidecar, pages)
        if why:
            return Resolved(everything, f"'{part}' {why}")
        ranges += found
    return Resolved(union(ranges)) if ranges else Resolved(everything, "names no place")


def _part(part: str, sidecar: Sidecar | None, pages: list[tuple[int, int]]) -> tuple[list, str]:
    """Return (ranges, "") for one part of a locator, or ([], why it does not resolve)."""
    span = _pages(part)
    if sidecar is None:
        if span and pages and span[0] <= len(pages):
            return [(pages[p - 1][0], pages[p - 1][1]) for p in range(span[0], min(span[1], len(pages)) + 1)], ""
        return [], "cannot be resolved: the archive has no sidecar" + ("" if pages else " and no page breaks")
    if m := PARAGRAPHS.match(part):
        first, last = int(m[1]), int(m[2] or m[1])
        found = [p.lines for p in sidecar.paragraphs if first <= p.number <= last]
        return (found, "") if len(found) == last - first + 1 else ([], "names a paragraph the sidecar does not list")
    if m := SECTION.match(part):
        entry = next((e for e in sidecar.sections if str(e.number) == m[1]), None)
        if entry is None:
            return [], f"names section {m[1]}, which the sidecar does not list"
        if m[2] and _words(m[2]) != _words(entry.title):
            return [], f"gives section {m[1]} the title '{m[2]}'; the sidecar's is '{entry.title}'"
        return _narrow(entry, span), ""
    name = _words(part.split(",")[0])
    entry = next((e for e in _flat(sidecar.sections) if _words(e.title) == name), None)
    if entry is not None:
        return _narrow(entry, span), ""
    block = next((b for key, b in sidecar.blocks.items() if _words(key) in (name, name.rstrip("s"))), None)
    if block is not None:
        return [block.lines], ""
    if span and not part.split(",")[0].strip().lower().startswith(("p.", "pp.")):
        return [], "names a part the sidecar does not list"
    if span:
        found = [(e.line, e.end_line) for e in _leaves(sidecar.sections) if _overlaps(e, span)]
        return (found, "") if found else ([], "names pages the sidecar's sections do not cover")
    return [], "names no section, paragraph or part the sidecar lists"


def _narrow(entry: Entry, span: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Return the lines of `entry`, narrowed to the parts of it on pages `span` where known."""
    if span is None or entry.page is None:
        return [(entry.line, entry.end_line)]
    parts = []
    if entry.subsections:
        first = entry.subsections[0]
        own = Entry(title=entry.title, page=entry.page, next_page=first.page, line=entry.line,
                    end_line=first.line - 1)
        parts = [own] + [e for sub in entry.subsections for e in _leaves([sub])]
    found = [(e.line, e.end_line) for e in parts if e.line <= e.end_line and _overlaps(e, span)]
    return found or [(entry.line, entry.end_line)]  # pages outside the section: all of it


def _overlaps(entry: Entry, span: tuple[int, int]) -> bool:
    if entry.page is None:
        return False
    last = entry.next_page if entry.next_page is not None else 10**6
    return entry.page <= span[1] and span[0] <= last


def _pages(part: str) -> tuple[int, int] | None:
    m = PAGES.search(part)
    return (int(m[1]), int(m[2] or m[1])) if m else None


def _flat(entries: list[Entry]):
    for entry in entries:
        yield entry
        yield from _flat(entry.subsections)


def _leaves(entries: list[Entry]):
    for entry in entries:
        if entry.subsections:
            yield from _leaves(entry.subsections)
        else:
            yield entry


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.replace("**", "").casefold()))

