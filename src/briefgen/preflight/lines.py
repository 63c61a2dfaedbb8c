"""Lines as a reader sees them: runs joined into lines, each classed as furniture, heading or text.

A line is the text on one baseline up to a gap wider than about an em, so the cells of a table
row, or a footer's left and right parts, are lines of their own, counted in the row's `cells`.
A bold label in the side column (a sub-section's number, a term, an addressee) beside a line
that starts the text column is a label, not a cell: the line beside it is a heading or a
paragraph's first line as any other. Sizes are judged against the theme's body size; the page
furniture (marking, footer) is what lies wholly in the top or bottom margin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .read import Box, Page, Run

GAP = 0.9  # ems: a wider gap between runs on one baseline starts a new line (a table cell)
MARKER = re.compile(r"^(?:[•◦▪–-]|\[\d+\]|\d+[.)]|[a-z][.)])$")  # bullets and list numbers
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Line:
    text: str
    box: Box
    baseline: float
    size: float
    bold: bool
    runs: tuple[Run, ...]
    row: int  # lines on one baseline share a row
    cells: int  # how many lines that row holds: more than one is a table row or columns
    kind: str  # furniture | label | heading | body | small | large

    @property
    def x0(self) -> float:
        return self.box.x0

    @property
    def x1(self) -> float:
        return self.box.x1

    @property
    def marked(self) -> bool:
        """Whether the line starts with a bullet or list number, so the next is indented."""
        return bool(self.runs) and bool(MARKER.match(self.runs[0].text.strip()))


@dataclass
class Sheet:
    """One page read as lines: the furniture, and the flow of everything else top to bottom."""

    page: Page
    frame: Box  # the text area inside the theme's margins
    lines: list[Line]

    @cached_property
    def flow(self) -> list[Line]:
        return [line for line in self.lines if line.kind not in ("furniture", "label")]

    @cached_property
    def blocks(self) -> list[list[Line]]:
        """Return the flow in blocks: paragraphs, headings, and each row of a table."""
        out: list[list[Line]] = []
        for line in self.flow:
            if out and _continues(out[-1], line):
                out[-1].append(line)
            else:
                out.append([line])
        return out


def sheet(page: Page, margin: float, body_size: float, column: float = 0) -> Sheet:
    """Return `page` as lines; `margin` (points) bounds the text area, `body_size` is the theme's,
    `column` is where the text column starts, in points from the margin (0: no side column)."""
    frame = Box(margin, margin, page.width - margin, page.height - margin)
    runs = sorted(page.runs, key=lambda r: (-r.baseline, r.x))
    rows: list[list[Run]] = []
    for run in runs:
        if rows and abs(rows[-1][0].baseline - run.baseline) <= 0.25 * max(run.size, rows[-1][0].size):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for number, row in enumerate(rows):
        pieces = _split(sorted(row, key=lambda r: r.x))
        labels = _labels(pieces, frame.x0 + column) if column else 0
        for index, piece in enumerate(pieces):
            lines.append(_line(piece, number, len(pieces) - labels, frame, body_size, index < labels))
    return Sheet(page, frame, lines)


def _labels(pieces: list[list[Run]], column: float) -> int:
    """Return 1 if the row opens with a bold label in the side column beside text that starts
    the text column at `column`, else 0."""
    if len(pieces) != 2:
        return 0
    label, text = pieces
    starts = abs(text[0].box.x0 - column) <= 3
    bold = all(run.bold for run in label if LETTER.search(run.text))
    return int(starts and bold and label[-1].box.x1 <= column - 2)


def _split(row: list[Run]) -> list[list[Run]]:
    """Return the runs of one baseline cut where a gap is wider than GAP ems, or runs overlap."""
    out = [[row[0]]]
    for run in row[1:]:
        last = out[-1][-1]
        gap = run.box.x0 - last.box.x1
        after_marker = len(out[-1]) == 1 and MARKER.match(last.text.strip())
        if (gap > GAP * max(run.size, last.size) and not after_marker) or run.x < last.box.x1 - 1:
            out.append([run])
        else:
            out[-1].append(run)
    return out


def _line(runs: list[Run], row: int, cells: int, frame: Box, body: float, label: bool = False) -> Line:
    text = ""
    for previous, run in zip([None] + runs[:-1], runs):
        space = previous and run.box.x0 - previous.box.x1 > 0.15 * run.size
        if space and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
    box = runs[0].box
    for run in runs[1:]:
        box = box.union(run.box)
    # The line's size is that of most of its letters, so a bullet or a footnote mark cannot set it.
    weights: dict[float, int] = {}
    for run in runs:
        weights[run.size] = weights.get(run.size, 0) + len(run.text.strip())
    size = max(weights, key=weights.get)
    worded = [run for run in runs if LETTER.search(run.text)] or runs  # a bold comma is not a bold line
    bold = all(run.bold for run in worded)
    text = " ".join(text.split())
    kind = "label" if label and not _kind(text, box, size, bold, cells, frame, body) == "furniture" else \
        _kind(text, box, size, bold, cells, frame, body)
    return Line(text, box, runs[0].baseline, size, bold, tuple(runs), row, cells, kind)


def _kind(text: str, box: Box, size: float, bold: bool, cells: int, frame: Box, body: float) -> str:
    if box.y1 <= frame.y0 + 1 or box.y0 >= frame.y1 - 1:
        return "furniture"
    if bold and size >= body + 0.75 and cells == 1 and LETTER.search(text):
        return "heading"
    if size < body - 1:
        return "small"
    return "body" if size <= body + 2 else "large"


def _opens_bold(line: Line) -> bool:
    worded = [run for run in line.runs if run.text.strip()]
    return bool(worded) and worded[0].bold


def _continues(block: list[Line], line: Line) -> bool:
    """Return whether `line` is the next line of the paragraph `block` (not a new block)."""
    last = block[-1]
    if line.cells > 1 or last.cells > 1 or line.kind != last.kind:
        return False
    if abs(line.size - last.size) > 0.3:
        return False
    if line.bold != last.bold and not (last.bold and _opens_bold(line)):
        return False  # a bold line, then one that goes on in bold: a run-in head's paragraph
    if last.baseline - line.baseline > 1.6 * max(line.size, last.size):
        return False
    indent = line.x0 - last.x0
    return abs(indent) <= 1.5 or (len(block) == 1 and last.marked and 0 < indent <= 30)
