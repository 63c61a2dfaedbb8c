"""Rules on where pages break: headings and table headers at the foot, widows, orphans, empty
and underfull pages, and a page holding only the tail of the page before."""
from __future__ import annotations

import re

from .keeps import opening
from .lines import Line, Sheet
from .model import POINTS_PER_MM, Briefing, Fault, quote
from .text import LEADER

RULES = ("heading-at-foot", "orphan", "widow", "table-header-at-foot", "empty-page", "underfull-page",
         "stranded-tail")
AFTER_HEADING = 2  # lines a heading needs under it when its section goes on overleaf (as the writers keep)
HOLE = 0.12  # of the text area's height (31 mm on A4): a page ending no further from its foot is not underfull
SLACK = 24  # points: the space above a unit (a heading's) that it needs besides its own height
TAIL = 0.15  # of the text area's height: a page ending a part that holds less, and no heading, is a tail
ENDS = re.compile(r"[.!?:;\])”\"]$")  # a line that ends like the end of a paragraph


def check(briefing: Briefing) -> list[Fault]:
    """Return the faults of where each page of `briefing` ends and the next begins."""
    out = []
    sheets = briefing.sheets
    last_part = _last_part(briefing)
    for index, sheet in enumerate(sheets):
        following = sheets[index + 1] if index + 1 < len(sheets) else None
        if not sheet.flow and not sheet.page.pictures:
            out.append(briefing.fault(sheet, "", "empty-page", "the page is empty"))
            continue
        if index and (following is None or following.page.number == last_part):
            out += _stranded(briefing, sheets[index - 1], sheet)
        if following is None:
            continue  # the last page may end anywhere
        out += _heading_at_foot(briefing, sheet, following)
        out += _orphan_and_widow(briefing, sheet, following)
        out += _table_header(briefing, sheet)
        if index and following.page.number != last_part and not _contents_page(sheet):  # the cover may end short
            out += _underfull(briefing, sheet, following)
    return out


def _last_part(briefing: Briefing) -> int:
    """Return the page that the file's last part heading opens (0 if none does).

    A briefing's last part (the trainer's answers) may start a page of its own by design; so
    the page before it may end short, and may hold only the end of what it began."""
    part = briefing.settings.part - 0.25
    for sheet in reversed(briefing.sheets):
        headings = [line for line in sheet.flow if line.kind == "heading" and line.size >= part]
        if headings:
            return sheet.page.number if sheet.flow[0] is headings[0] else 0
    return 0


def _contents_page(sheet: Sheet) -> bool:
    """Return whether `sheet` opens with the contents list (its heading, then entries with dot
    leaders): a page of its own by design, with any front matter after the list (document
    control), which may end short as the cover may."""
    flow = sheet.flow
    entries = [line for line in flow if line.kind != "heading"]
    return bool(entries) and flow[0].kind == "heading" and bool(LEADER.search(entries[0].text))


def _runs_on(before: Sheet, first: Line, sheet: Sheet) -> bool:
    """Return whether `first`, the first line of `sheet`, goes on with the block that ends the
    page `before`: a paragraph split there, or an item or reference whose number or bullet
    hangs to the left of its text (`first` starts where that text does)."""
    if _split_paragraph(before, before.flow[-1], first, sheet):
        return True
    block = before.blocks[-1]
    hung = block[0].marked and len(block[0].runs) > 1
    return hung and not first.marked and abs(first.x0 - block[0].runs[1].box.x0) <= 2 and \
        abs(first.size - block[0].size) <= 0.3


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
    """Return a fault when the page ends far above its foot although what opens the next page
    (its heading and first lines, or a box, a picture, a numbered list whole) would have fitted
    in the space: something was kept together that need not have been.

    A space that the next page's first unit could not have used (a box or picture taller
    than it) is not a fault: boxes and pictures never split."""
    frame = sheet.frame
    bottoms = [line.box.y0 for line in sheet.flow] + [p.visible.y0 for p in sheet.page.pictures
                                                       if p.visible.height > 0]
    space = min(bottoms) - frame.y0 if bottoms else frame.height
    if space <= HOLE * frame.height:
        return []
    need, opens = opening(following)
    if space < need + SLACK:
        return []
    last = sheet.flow[-1].text if sheet.flow else ""
    return [briefing.fault(sheet, last, "underfull-page",
                           f"the page ends {space / POINTS_PER_MM:.0f} mm ({space / frame.height:.0%} of the text "
                           f"area) short of its foot, below {quote(last)}, though what opens page "
                           f"{following.page.number}, {quote(opens)} and the lines kept with it "
                           f"({need / POINTS_PER_MM:.0f} mm), would have fitted there")]


def _stranded(briefing: Briefing, before: Sheet, sheet: Sheet) -> list[Fault]:
    """Return a fault when a page that ends a part (the last page, or the one before the last
    part) holds only a few lines, none a heading, and opens with the rest of what the page
    before ended with: a paragraph's last lines, a reference's last line and address."""
    flow = sheet.flow
    if not flow or not before.flow or sheet.page.pictures or any(line.kind == "heading" for line in flow):
        return []
    if not _runs_on(before, flow[0], sheet):
        return []
    share = (flow[0].box.y1 - min(line.box.y0 for line in flow)) / sheet.frame.height
    if share > TAIL:
        return []
    rows = len({line.row for line in flow})
    return [briefing.fault(sheet, flow[0].text, "stranded-tail",
                           f"the page holds only {rows} line{'s' * (rows != 1)} ({share:.0%} of the text area), "
                           f"from {quote(flow[0].text)}: the end of what page {before.page.number} began; keep "
                           "it with that page")]
