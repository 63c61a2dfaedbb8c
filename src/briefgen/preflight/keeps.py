"""What opens a page, as a unit that could not have been split: how much room it needs.

The print writers break pages by one set of rules (writers/pdf/breaks.py): a heading (a bold
line: a section heading, a finding's headline, a term above its definition, a caption, an
ask's run-in title) keeps with the first two lines of what follows; a paragraph splits where
two lines stay on each page; a box, a picture and a table row never split; a numbered list of
questions and each reference move whole. Read from the page alone, the same rules say how tall
the first unit on a page is: if the page before ended further from its foot than that, the
unit would have fitted there, and something was kept together that need not have been.
"""
from __future__ import annotations

import re

from .lines import Line, Sheet
from .read import Box

RULE = 4  # points: a shape no thicker than this is a rule, not an area
NUMBERED = re.compile(r"^\d+[.)]$")
REFERENCE = re.compile(r"^\[\d+\]$")
SHORT = 1 / 3  # of the text area: a list of references no taller moves to a page whole (the writers' WHOLE_SHARE)


def solids(sheet: Sheet) -> list[Box]:
    """Return the page's regions that no page break may cut: pictures, tinted boxes, and what
    a rule down its left side holds (a quote, an ask box), as far as the text column's edge."""
    out = [p.visible for p in sheet.page.pictures if p.visible.height > 0 and p.visible.width > 0]
    rules: list[Box] = []
    for shape in sheet.page.shapes:
        box = shape.box
        if shape.filled and box.width > RULE and box.height > RULE and box.width < sheet.page.width * 0.95:
            out.append(box)
        elif box.width <= RULE and box.height > RULE:
            rules.append(box)
    for rule in _joined(rules):
        out.append(Box(rule.x0, rule.y0, sheet.frame.x1, rule.y1))
    return out


def _joined(rules: list[Box]) -> list[Box]:
    """Return vertical rules at one place joined where they touch (LibreOffice draws a
    paragraph's share of a bordered run of paragraphs as a rule of its own)."""
    out: list[Box] = []
    for rule in sorted(rules, key=lambda r: (round(r.x0), -r.y1)):
        last = out[-1] if out else None
        if last and abs(last.x0 - rule.x0) < 1 and rule.y1 >= last.y0 - 2:
            out[-1] = last.union(rule)
        else:
            out.append(rule)
    return out


def opening(sheet: Sheet) -> tuple[float, str]:
    """Return the height (points, from the top of the text area) of the first unit on the page
    that could not have been split, and the text it starts with.

    A unit is: heads (headings and bold lines, kept with what follows) and then a box or
    picture whole, a numbered list whole, a reference whole (with the next when the two end
    the list), a table's first two rows, or a paragraph's first two lines (all of it when it
    has three lines or fewer, which cannot be split leaving two on each page).
    """
    blocks = sheet.blocks
    regions = solids(sheet)
    top = bottom = sheet.frame.y1
    for index, block in enumerate(blocks):
        first = block[0]
        region = next((r for r in regions if _inside(first, r)), None)
        if region is not None:
            bottom = min(bottom, region.y0)
            break
        bottom = min(bottom, block[-1].box.y0)
        if _head(block):
            continue  # kept with what follows
        if first.cells > 1:
            bottom = min(bottom, _rows(sheet, first, 2))
            source = _source_under(sheet, bottom)
            if source is not None:  # the table ends: its last row goes over with its source
                bottom = min(bottom, source)
        elif NUMBERED.match(_marker(first)):
            bottom = min(line.box.y0 for item in _items(blocks[index:]) for line in item)
        elif REFERENCE.match(_marker(first)):
            rest = blocks[index + 1:]
            listed = [first] + [line for block in rest for line in block]
            if first.box.y1 - min(line.box.y0 for line in listed) <= SHORT * sheet.frame.height:
                bottom = min(line.box.y0 for line in listed)  # a short list moves whole
            elif len(rest) == 1 and REFERENCE.match(_marker(rest[0][0])):
                bottom = rest[0][-1].box.y0  # the last two references go together
        elif len(block) > 3:
            bottom = block[1].box.y0
        break
    return top - bottom, blocks[0][0].text if blocks else ""


def _source_under(sheet: Sheet, y: float) -> float | None:
    """Return the bottom of the source note right under a table's row ending at `y` (small
    text, not in a cell, within a line's space), or None if the table goes on or has none."""
    below = [line for line in sheet.flow if line.box.y1 <= y + 1]
    if not below or below[0].cells > 1 or below[0].kind != "small" or y - below[0].box.y1 > 2 * below[0].size:
        return None
    note = [below[0]]
    for line in below[1:]:
        if line.kind != "small" or line.cells > 1 or note[-1].box.y0 - line.box.y1 > line.size:
            break
        note.append(line)
    return note[-1].box.y0


def _items(blocks: list[list[Line]]) -> list[list[Line]]:
    """Return the numbered list that opens `blocks`: its items and the lines under them."""
    out = [blocks[0]]
    for block in blocks[1:]:
        numbered = NUMBERED.match(_marker(block[0]))
        if not numbered and not (block[0].x0 > out[0][0].x0 + 1 and block[0].kind == out[-1][-1].kind):
            break
        out.append(block)
    return out


def _marker(line: Line) -> str:
    return line.runs[0].text.strip() if line.runs else ""


def _head(block: list[Line]) -> bool:
    """Return whether `block` is kept with what follows: a heading, a bold line or two (a
    headline, a term, a caption), or a paragraph that opens with a bold run (an ask's title,
    a content note)."""
    first = block[0]
    if first.kind == "heading" or all(line.bold for line in block):
        return True
    worded = [run for run in first.runs if run.text.strip()]
    return bool(worded) and worded[0].bold and not all(run.bold for run in worded) and \
        not NUMBERED.match(_marker(first))


def _rows(sheet: Sheet, first: Line, count: int) -> float:
    """Return the bottom of the `count`th row of the table that `first` opens: the rule under
    it, where the table rules its rows; else `count` lines down."""
    wide = sheet.frame.width * 0.3
    rules = sorted((s.box for s in sheet.page.shapes if s.box.height <= RULE and s.box.width >= wide
                    and s.box.y1 <= first.box.y0 + 1 and first.box.y0 - s.box.y1 < 200),
                   key=lambda box: -box.y1)
    if len(rules) >= count:
        return rules[count - 1].y0
    if rules:
        return rules[-1].y0  # the table ends in fewer rows
    flow = sheet.flow
    below = flow[flow.index(first):flow.index(first) + count]
    return min(line.box.y0 for line in below)


def _inside(line: Line, region: Box) -> bool:
    """Return whether `line` starts inside `region`."""
    middle = (line.box.y0 + line.box.y1) / 2
    return region.x0 - 1 <= line.x0 <= region.x1 and region.y0 - 1 <= middle <= region.y1 + 1
