"""Rules on the text itself: lines over the measure, lines printed twice, words and links cut."""
from __future__ import annotations

import re

from .lines import Line, Sheet
from .model import Briefing, Fault, quote

RULES = ("measure", "tight-leading", "repeated-line", "link-broken", "word-broken")
URL = re.compile(r"(?:https?://|www\.|mailto:)", re.I)
LEADER = re.compile(r"(?:\. ?){4,}")  # a contents line's dot leader: not prose


def check(briefing: Briefing) -> list[Fault]:
    """Return the faults in the text of every page of `briefing`."""
    out = []
    previous: Sheet | None = None
    for sheet in briefing.sheets:
        out += _measure(briefing, sheet)
        pairs = _pairs(sheet)
        out += _tight(briefing, sheet, pairs)
        if previous and previous.flow and sheet.flow:
            pairs.insert(0, (previous.flow[-1], sheet.flow[0]))  # a line may repeat overleaf
        urls = [link.url for page in (previous, sheet) if page for link in page.page.links]
        for upper, lower in pairs:
            out += _repeated(briefing, sheet, upper, lower)
            out += _broken(briefing, sheet, upper, lower, urls)
        previous = sheet
    return out


def _end(text: str, limit: int = 30) -> str:
    """Return the end of `text` in double quotes: where a link breaks is what matters."""
    return f'"{text}"' if len(text) <= limit else f'"…{text[-limit:]}"'


def _measure(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    limit = briefing.settings.measure
    body = [line for line in sheet.flow if line.kind == "body" and line.cells == 1
            and not LEADER.search(line.text)]
    long = [line for line in body if _characters(line) > limit]
    if not long:
        return []
    longest = max(long, key=_characters)
    count = f"{len(long)} body line{'s are' if len(long) != 1 else ' is'}"
    return [briefing.fault(sheet, longest.text, "measure",
                           f"{count} longer than the measure of {limit} characters (the longest, "
                           f"{_characters(longest)}: {quote(longest.text)})")]


def _tight(briefing: Briefing, sheet: Sheet, pairs: list[tuple[Line, Line]]) -> list[Fault]:
    """Return a fault for a page whose text lines sit closer than their size: ascenders meet
    descenders. Headings, set tight on purpose, are left out."""
    tight = [(upper, lower) for upper, lower in pairs
             if upper.kind in ("body", "small") and lower.kind == upper.kind
             and abs(upper.size - lower.size) <= 0.3 and upper.baseline - lower.baseline < upper.size]
    if not tight:
        return []
    upper, lower = min(tight, key=lambda pair: (pair[0].baseline - pair[1].baseline) / pair[0].size)
    step = upper.baseline - lower.baseline
    count = f"{len(tight)} lines are" if len(tight) != 1 else "1 line is"
    their = "their" if len(tight) != 1 else "its"
    return [briefing.fault(sheet, upper.text, "tight-leading",
                           f"{count} closer to the line above than {their} type size (the closest, "
                           f"{quote(lower.text)}, {step:.1f} pt under a line of {upper.size:g} pt type)")]


def _characters(line: Line) -> int:
    """Return the characters of a line's text, not counting a bullet or list number before it."""
    return len(line.text) - (len(line.runs[0].text.strip()) + 1 if line.marked else 0)


def _pairs(sheet: Sheet) -> list[tuple[Line, Line]]:
    """Return (line, the line printed under it in the same column) for every line of the flow."""
    out = []
    flow = sheet.flow
    for i, upper in enumerate(flow):
        for lower in flow[i + 1:i + 16]:
            step = upper.baseline - lower.baseline
            if step > 1.8 * max(upper.size, lower.size):
                break
            across = min(upper.x1, lower.x1) - max(upper.x0, lower.x0)
            if step > 0.5 * lower.size and across > 0.5 * min(upper.box.width, lower.box.width):
                out.append((upper, lower))
                break
    return out


def _repeated(briefing: Briefing, sheet: Sheet, upper: Line, lower: Line) -> list[Fault]:
    text = upper.text
    if len(text) < 12 or " " not in text or text.casefold() != lower.text.casefold():
        return []
    if upper.cells > 1 or lower.cells > 1:
        return []  # a table column may repeat a value
    return [briefing.fault(sheet, text, "repeated-line", f"line {quote(text)} is printed twice in a row")]


def _broken(briefing: Briefing, sheet: Sheet, upper: Line, lower: Line, urls: list[str]) -> list[Fault]:
    """Return a fault when a line ends inside a word that the line under it finishes."""
    if not upper.text or not lower.text:
        return []
    tail, head = upper.text.split()[-1], lower.text.split()[0]
    if not (tail[-1].isalnum() and head[0].isalnum()):
        return []  # broken at a space, a hyphen or a slash: where a reader expects a break
    joined = tail + head
    end, start = re.search(r"[^\W_]+$", tail).group(), re.match(r"[^\W_]+", head).group()
    # Ten characters of a link's target cannot be two words of prose by chance.
    in_link = len(joined) >= 10 and any(joined in url for url in urls)
    if in_link or (URL.search(tail) and re.search(r"[/.=?&#-]", head)):
        return [briefing.fault(sheet, f"{tail} / {head}", "link-broken",
                               f"link {_end(tail)} / {quote(head, 30)} is broken inside the word "
                               f"\"{end + start}\"")]
    if not (head[0].islower() and end.isalpha() and start.isalpha()):
        return []
    words = briefing.words
    whole = (end + start).casefold()
    if whole in words and not (end.casefold() in words and start.casefold() in words):
        return [briefing.fault(sheet, f"{end} / {start}", "word-broken",
                               f"the word \"{end + start}\" is broken across lines without a hyphen "
                               f"(\"{end}\" / \"{start}\")")]
    return []
