"""Where pages break: headings kept with the first lines of what follows, boxes, lists and
references kept whole, and tables cut between rows only.

The rules are the DOCX writer's too (writers/docx/blocks.py), so the two print layouts break
their pages alike: a heading (or an ask's first paragraph, a term above its definition) keeps
with the next paragraph's first two lines; a paragraph splits anywhere that leaves two lines
on each page; boxes, quotes and a short list of questions move whole.
"""
from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn


class KeepStart(KeepTogether):
    """Keeps headings and captions (keepWithNext) with the start of what follows.

    reportlab's own KeepTogether moves a heading and all of what follows to the next page when
    the whole does not fit, leaving the foot of the page empty. Here the heads stay where they
    fit, and what follows begins under them when it can be split there: a paragraph with two
    lines or more on this page, a table after a row. What cannot be split (a box, a picture,
    a one-line paragraph) moves with its heads.
    """

    def wrap(self, aW, aH):
        dims = []
        width, self._H = _listWrapOn(self._content, aW, self.canv, dims=dims)
        self._H0 = dims[0][1] if dims else 0
        self._tail = dims[-1][1] if dims else 0
        self._wrapInfo = aW, aH
        return width, 0xffffff  # as KeepTogether: always split, so the frame decides

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        heads, tail = self._H - self._tail, self._content[-1]
        if self._H > aH and heads < aH:
            tail._frame = getattr(self, "_frame", None)  # as the frame will set it
            if tail.splitOn(self.canv, aW, aH - heads - _space_before(tail)):
                return list(self._content)  # the tail can begin on this page
        return super().split(aW, aH)


def _space_before(flowable) -> float:
    return getattr(flowable, "getSpaceBefore", lambda: 0)()


class WholeParagraph(Paragraph):
    """A paragraph that moves to the next page whole rather than split (a short first
    paragraph under a heading), as a heading does."""

    def split(self, availWidth, availHeight):
        return []


class Grid(Table):
    """A table cut inside a row only when that row could not fit on any page.

    reportlab cuts a row (or a box, which is a one-row table) wherever the page ends;
    moved whole to the next page it reads better. A row taller than a page is still cut,
    so it cannot stop the build with a LayoutError.
    """

    def split(self, availWidth, availHeight):
        if not self.splitInRow:
            return super().split(availWidth, availHeight)
        parts = self._between_rows(availWidth, availHeight)
        if parts or self._fits_a_page(availWidth):
            return parts  # [] moves the table to the next page
        return super().split(availWidth, availHeight)

    keep_last = False  # the last row (a table's source line) never starts a page alone

    def _between_rows(self, availWidth, availHeight):
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
            if self.keep_last and len(parts) == 2 and len(parts[1]._cellvalues) - self.repeatRows <= 1:
                # Only the last row would go over: a row more goes with it, or the whole table.
                kept = parts[0]._rowHeights[:-1]
                first = len(kept) > self.repeatRows + 1  # a body row would stay with the header
                parts = super().split(availWidth, sum(kept) + 0.1) if first else []
        finally:
            self.splitInRow = 1
        for part in parts:
            part.splitInRow = 1
            part.keep_last = self.keep_last
        return parts

    def _fits_a_page(self, availWidth):
        frame = getattr(self, "_frame", None)
        if frame is None:
            return False
        height = frame._height
        return (self.wrap(availWidth, height)[1] <= height
                or bool(self._between_rows(availWidth, height)))
