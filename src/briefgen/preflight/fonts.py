"""Rules on type: every text in the theme's font family, and every font embedded."""
from __future__ import annotations

import re

from .model import Briefing, Fault, quote

RULES = ("font", "font-not-embedded")


def check(briefing: Briefing) -> list[Fault]:
    """Return one fault per file for fonts outside the theme's family, one for fonts not embedded."""
    family = _key(briefing.settings.family)
    foreign: dict[str, tuple] = {}  # font -> (first sheet, first text), in order of appearance
    pages: set[int] = set()
    bare: dict[str, object] = {}
    for sheet in briefing.sheets:
        for run in (run for line in sheet.lines for run in line.runs):
            if not _key(run.font).startswith(family):
                foreign.setdefault(run.font, (sheet, run.text))
                pages.add(sheet.page.number)
        for name, embedded in sheet.page.fonts.items():
            if not embedded:
                bare.setdefault(name, sheet)
    out = []
    if foreign:
        sheet, text = next(iter(foreign.values()))
        where = "every page" if len(pages) == len(briefing.sheets) else f"{_count(pages, 'page')}"
        out.append(briefing.fault(sheet, text, "font",
                                  f"text is set in {', '.join(foreign)}, not the theme's "
                                  f"{briefing.settings.family}, on {where} (first: {quote(text)})"))
    if bare:
        sheet = next(iter(bare.values()))
        out.append(briefing.fault(sheet, "", "font-not-embedded",
                                  f"font{'s' * (len(bare) != 1)} {', '.join(bare)} "
                                  f"{'are' if len(bare) != 1 else 'is'} not embedded: a reader without "
                                  "it sees another"))
    return out


def _key(name: str) -> str:
    """Return a font name reduced to letters and digits, lower case: "Noto Sans" -> "notosans"."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _count(numbers: set[int], noun: str) -> str:
    return f"{len(numbers)} {noun}{'s' * (len(numbers) != 1)}"
