"""Rules on where pages break: headings and table headers at the foot, widows, orphans, empty pages."""
from __future__ import annotations

import re

from .lines import Line, Sheet
from .model import Briefing, Fault, quote

RULES = ("heading-at-foot", "orphan", "widow", "table-header-at-foot", "empty-page", "underfull-page")
AFTER_HEADING = 4  # lines a heading needs under it when its section goes on overleaf
EMPTY = 0.6  # a page emptier than this before a page break is underfull
ENDS = re.compile(r"[.!?:;\])”\"]$")  # a line that ends like the end of a paragraph


def check(briefing: Briefing) -> list[Fault]:
    """Return the faults of where each page of `briefing` ends and the next begins."""
    out = []
    sheets = briefing.sheets
    for index, sheet in enumerate(sheets):
        following = sheets[index + 1] if index + 1 < len(sheets) else None
        if not sheet.flow and not sheet.page.pictures:
            out.append(briefing.fault(sheet, "", "empty-page", "the page is empty"))
            continue
        if following is None:
            continue  # the last page may end anywhere
        out += _heading_at_foot(briefing, sheet, following)
        out += _orphan_and_widow(briefing, sheet, following)
        out += _table_header(briefing, sheet)
        out += _underfull(briefing, sheet, following)
    return out


def _heading_at_foot(briefing: Briefing, sheet: Sheet, following: Sheet) -> list[Fault]:
    blocks = sheet.blocks
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        last = index == len(blocks) - 1
        if block[0].kind == "heading" or (last and _run_in_head(block)):
            break
    else:
        return []
    heading = " ".join(line.text for line in block)
    bottom = block[-1].box.y0
    if any(p.visible.y1 <= bottom + 1 and p.visible.height > 0 for p in sheet.page.pictures):
        return []  # a figure follows the heading on this page
    under = len({line.row for b in blocks[index + 1:] for line in b})
    overleaf = following.flow[0] if following.flow else None
    continues = overleaf is not None and overleaf.kind != "heading"  # the section goes on overleaf
    if under == 0 and (block[0].kind == "heading" or continues):
        return [briefing.fault(sheet, heading, "heading-at-foot",
                               f"heading {quote(heading)} is the last line of the page")]
    # A section heading needs a few lines of its section under it; a lesser head (a finding's
    # headline, a recommendation's title) only that its first paragraph is not cut.
    section = block[0].size >= briefing.settings.section - 0.25
    cut = section or _split_paragraph(sheet, sheet.flow[-1], overleaf, following)
    if 0 < under < AFTER_HEADING and continues and cut:
        lines = f"{under} line{'s' * (under != 1)}"
        return [briefing.fault(sheet, heading, "heading-at-foot",
                               f"heading {quote(heading)} has only {lines} under it at the foot of the "
                               "page; its section goes on overleaf")]
    return []


def _run_in_head(block: list[Line]) -> bool:
    """Return whether a block is a bold line or two at body size: a run-in head or a caption."""
    return len(block) <= 2 and all(line.bold and line.kind == "body" and line.cells == 1 for line in block)


def _orphan_and_widow(briefing: Briefing, sheet: Sheet, following: Sheet) -> list[Fault]:
    if not sheet.blocks or not following.blocks:
        return []
    foot, head = sheet.blocks[-1], following.blocks[0]
    if not _split_paragraph(sheet, foot[-1], head[0], following):
        return []
    out = []
    if len(foot) == 1:
        out.append(briefing.fault(sheet, foot[0].text, "orphan",
                                  f"the first line of a paragraph, {quote(foot[0].text)}, is alone at the "
                                  "foot of the page"))
    if len(head) == 1:
        out.append(briefing.fault(following, head[0].text, "widow",
                                  f"the last line of a paragraph, {quote(head[0].text)}, is alone at the "
                                  "top of the page"))
    return out


def _split_paragraph(sheet: Sheet, last: Line, first: Line | None, following: Sheet | None = None) -> bool:
    """Return whether the paragraph ending page `sheet` with `last` goes on with `first` overleaf.

    The last line must run (nearly) as wide as its column's widest line, not end as a paragraph
    ends, and the next page must open with a line of the same style and indent; table rows
    never count.
    """
    if first is None or last.kind != "body" or first.kind != "body" or last.cells > 1 or first.cells > 1:
        return False
    column = [line.x1 for s in (sheet, following) if s for line in s.flow
              if line.kind == "body" and line.cells == 1 and abs(line.x0 - last.x0) <= 2]
    full = last.x1 - last.x0 >= 0.8 * (max(column, default=last.x1) - last.x0)
    same = abs(last.size - first.size) <= 0.3 and last.bold == first.bold and abs(last.x0 - first.x0) <= 2
    return full and same and not ENDS.search(last.text)


def _table_header(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    """Return a fault when the page ends with a table's bold header row and none of its body."""
    rows: list[list[Line]] = []
    for line in sheet.flow:
        if rows and rows[-1][0].row == line.row:
            rows[-1].append(line)
        else:
            rows.append([line])
    tail = []
    for row in reversed(rows):
        if not all(line.bold for line in row):
            break
        tail.insert(0, row)
    header = next((row for row in tail if len(row) > 1), None)
    if header is None:
        return []
    text = " | ".join(line.text for line in header)
    return [briefing.fault(sheet, text, "table-header-at-foot",
                           f"the header row of a table, {quote(text)}, is the last row of the page")]


def _underfull(briefing: Briefing, sheet: Sheet, following: Sheet) -> list[Fault]:
    first = following.flow[0] if following.flow else None
    if first is not None and first.kind == "heading" and first.size >= briefing.settings.part - 0.25:
        return []  # a new part starts overleaf, such as the trainer's answers: a page break by design
    frame = sheet.frame
    bottoms = [line.box.y0 for line in sheet.flow] + [p.visible.y0 for p in sheet.page.pictures
                                                       if p.visible.height > 0]
    empty = (min(bottoms) - frame.y0) / frame.height if bottoms else 1
    if empty <= EMPTY:
        return []
    last = sheet.flow[-1].text if sheet.flow else ""
    return [briefing.fault(sheet, last, "underfull-page",
                           f"the page is {empty:.0%} empty below {quote(last)} before the page break")]
