"""What the layout rules share: a Fault, the theme's settings they judge by, the briefing's pages."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from .lines import Sheet

MEASURE = 75  # characters per body line when the theme sets no `measure`
POINTS_PER_MM = 72 / 25.4
WORD = re.compile(r"[^\W\d_]+")  # letters only: "non-criminal" is two words


@dataclass(frozen=True)
class Fault:
    """One layout fault: where (file, page, block) and what (rule id, message)."""

    file: str
    page: int  # from 1; 0 when the fault is the whole file's
    block: str  # the text it concerns, shortened: a line, a heading, a caption
    rule: str  # e.g. "heading-at-foot"
    message: str
    severity: str = "warning"  # error with --strict

    def as_error(self) -> Fault:
        return dataclasses.replace(self, severity="error")

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        page = f"page {self.page}: " if self.page else ""  # 0: the whole file
        return f"{self.file}: {page}{label}{self.message} ({self.rule})"


@dataclass(frozen=True)
class Settings:
    """The theme's numbers the rules judge pages by."""

    family: str  # the font family every text must be set in
    body: float  # body text size, points
    section: float  # the smallest section heading's size (the theme's h2), points
    part: float  # a top-level heading's size (the theme's h1), points
    margin: float  # page margin, points
    measure: int  # longest body line, characters
    column: float = 0  # where the text column starts, points from the margin (0: no side column)

    @classmethod
    def of(cls, theme) -> Settings:
        """Return the settings of a briefgen Theme: its font, body and h2 sizes, margin, measure."""
        text = theme.text
        return cls(theme.font.family, text.body.size, text.h2.size, text.h1.size,
                   theme.page.margin_mm * POINTS_PER_MM, theme.page.measure,
                   theme.page.indent_mm * POINTS_PER_MM)


@dataclass
class Briefing:
    """One file's pages as lines, with what every rule needs to know about it."""

    file: str
    sheets: list[Sheet]
    settings: Settings

    def fault(self, sheet: Sheet, block: str, rule: str, message: str) -> Fault:
        return Fault(self.file, sheet.page.number, block, rule, message)

    @cached_property
    def words(self) -> set[str]:
        """Return every word printed inside a line (not at its ends, where a word may be cut)."""
        out: set[str] = set()
        for sheet in self.sheets:
            for line in sheet.lines:
                out.update(w.casefold() for w in WORD.findall(" ".join(line.text.split()[1:-1])))
        return out


def quote(text: str, limit: int = 40) -> str:
    """Return `text` in double quotes, cut to about `limit` characters at a word."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        text = cut.rstrip(",;:") + "…"
    return f'"{text}"'
