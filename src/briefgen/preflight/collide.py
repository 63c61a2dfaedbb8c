"""Rules on what covers what: text over text or a picture, clipped pictures, text off the text area."""
from __future__ import annotations

from .lines import Line, Sheet
from .model import Briefing, Fault, quote
from .read import Box

RULES = ("text-overlap", "furniture-crowded", "text-over-picture", "picture-clipped", "outside-margins")
TOUCH = 0.1  # points: glyphs overlapping by less than this both ways only touch
CLEAR = 0.25  # ems: the least gap between the marking or footer and any other line
SLACK = 2  # points a line may stand past the margin (a glyph's overhang)


def check(briefing: Briefing) -> list[Fault]:
    """Return every collision and overflow on the pages of `briefing`."""
    out = []
    for sheet in briefing.sheets:
        out += _text_over_text(briefing, sheet)
        out += _doubled(briefing, sheet)
        out += _crowded(briefing, sheet)
        out += _pictures(briefing, sheet)
        out += _outside(briefing, sheet)
    return out


def _text_over_text(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    out = []
    lines = sorted(sheet.lines, key=lambda line: -line.box.y1)
    for i, one in enumerate(lines):
        for other in lines[i + 1:]:
            if other.box.y1 <= one.box.y0:
                break  # sorted by top: nothing further down can reach this line
            if min(one.box.overlap(other.box)) <= TOUCH:
                continue
            near = max(abs(one.x0 - other.x0), abs(one.baseline - other.baseline)) < 1
            same = one.text == other.text and near  # a double print: no need to compare glyphs
            if same or _glyphs_collide(sheet, one, other):
                what = "is printed twice in the same place" if same else f"overlaps {_name(sheet, other)}"
                out.append(briefing.fault(sheet, one.text, "text-overlap", f"{_name(sheet, one)} {what}"))
    return out


def _doubled(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    """Return a fault for each text object drawn exactly over a line's text in the same font.

    PDFium reads a glyph drawn twice in one place once, so the second copy has no text.
    """
    out = []
    for unread in sheet.page.unread:
        for line in sheet.lines:
            if any(_same_place(run, unread) for run in line.runs):
                out.append(briefing.fault(sheet, line.text, "text-overlap",
                                          f"text {quote(line.text)} is printed twice in the same place"))
    return out


def _same_place(one, other) -> bool:
    a, b = one.box, other.box
    return one.font == other.font and max(abs(a.x0 - b.x0), abs(a.y0 - b.y0), abs(a.x1 - b.x1),
                                          abs(a.y1 - b.y1)) < 0.5


def _crowded(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    """Return a fault for each line the marking or footer sits on, under or over without a gap.

    The marking has a line of its own: glyphs that clear each other by a point still read as
    one crowded line (overlaps are text-overlap's).
    """
    out = []
    for furniture in (line for line in sheet.lines if line.kind == "furniture"):
        for other in sheet.lines:
            if other.row == furniture.row or (other.kind == "furniture" and other.row < furniture.row):
                continue  # the same line, or a pair already seen from the other side
            across, up = furniture.box.overlap(other.box)
            gap = -up
            if across > 0 and 0 <= gap < CLEAR * min(furniture.size, other.size):
                upper, lower = sorted((furniture, other), key=lambda line: -line.baseline)
                out.append(briefing.fault(sheet, furniture.text, "furniture-crowded",
                                          f"{_name(sheet, lower)} is only {gap:.1f} pt under "
                                          f"{_name(sheet, upper)}"))
    return out


def _name(sheet: Sheet, line: Line) -> str:
    """Return how a message names a line: the marking and the footer by what they are."""
    if line.kind != "furniture":
        return f"text {quote(line.text)}"
    if line.bold and line.text.isupper():
        return f"the marking {quote(line.text)}"
    where = "footer" if line.box.y1 <= sheet.frame.y0 + 1 else "header"
    return f"the {where} {quote(line.text)}"


def _glyphs_collide(sheet: Sheet, one: Line, other: Line) -> bool:
    """Return whether a glyph of one line overlaps a glyph of the other, not just their boxes."""
    mine = {run.handle for run in one.runs}
    theirs = {run.handle for run in other.runs}
    region = one.box.clip(other.box)
    glyphs = sheet.page.glyphs(Box(region.x0 - 1, region.y0 - 1, region.x1 + 1, region.y1 + 1))
    a = [box for box, owner in glyphs if owner in mine]
    b = [box for box, owner in glyphs if owner in theirs]
    return any(min(x.overlap(y)) > TOUCH for x in a for y in b)


def _pictures(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    out = []
    for picture in sheet.page.pictures:
        box, seen = picture.box, picture.visible
        near = _caption(sheet, seen if seen.height > 0 else box)
        where = f"picture under {quote(near)}" if near else "a picture"
        if seen.width <= 0 or seen.height <= 0:
            out.append(briefing.fault(sheet, near, "picture-clipped", f"{where} is hidden entirely by its clip"))
            continue
        hidden = {"top": box.y1 - seen.y1, "bottom": seen.y0 - box.y0,
                  "left": seen.x0 - box.x0, "right": box.x1 - seen.x1}
        cut = [f"{amount:.0f} pt at the {side}" for side, amount in hidden.items() if amount > 1]
        if cut:
            size = f"{box.width:.0f} x {box.height:.0f} pt"
            out.append(briefing.fault(sheet, near, "picture-clipped",
                                      f"{where} ({size}) is clipped: {', '.join(cut)} not shown"))
        for line in sheet.lines:
            if min(line.box.overlap(seen)) > 0.5:
                out.append(briefing.fault(sheet, line.text, "text-over-picture",
                                          f"text {quote(line.text)} overlaps {where}"))
    return out


def _caption(sheet: Sheet, box: Box) -> str:
    """Return the text of the block nearest above a picture, to name it by."""
    above = [b for b in sheet.blocks if b[-1].box.y0 >= box.y1 - 2 * b[-1].size]
    return above[-1][0].text if above else ""


def _outside(briefing: Briefing, sheet: Sheet) -> list[Fault]:
    out = []
    page = Box(0, 0, sheet.page.width, sheet.page.height)
    frame = sheet.frame
    for line in sheet.lines:
        box = line.box
        if box.x0 < -SLACK or box.y0 < -SLACK or box.x1 > page.x1 + SLACK or box.y1 > page.y1 + SLACK:
            out.append(briefing.fault(sheet, line.text, "outside-margins",
                                      f"text {quote(line.text)} runs off the page"))
            continue
        if line.kind == "furniture":
            continue  # the marking and footer belong in the margins
        over = {"left": frame.x0 - box.x0, "right": box.x1 - frame.x1,
                "bottom": frame.y0 - box.y0, "top": box.y1 - frame.y1}
        sides = [f"{side} margin by {amount:.0f} pt" for side, amount in over.items() if amount > SLACK]
        if sides:
            out.append(briefing.fault(sheet, line.text, "outside-margins",
                                      f"text {quote(line.text)} runs into the {' and '.join(sides)}"))
    return out
