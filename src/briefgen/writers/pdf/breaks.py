"""Where pages break: headings kept with what follows, boxes and rows cut only when they must."""
from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn

LONG = 180  # points: a flowable taller than this needs only its start kept with a heading


class KeepStart(KeepTogether):
    """Keeps headings and captions (keepWithNext) with what follows, or with its start if long.

    reportlab's own KeepTogether moves a heading and all of a long table to the next page
    when the whole does not fit, leaving most of a page empty. Short groups stay whole.
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
        if self._tail > LONG and heads < aH:
            tail._frame = getattr(self, "_frame", None)  # as the frame will set it
            if tail.splitOn(self.canv, aW, aH - heads):
                return list(self._content)  # the tail can begin on this page
        return super().split(aW, aH)


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

    def _between_rows(self, availWidth, availHeight):
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 1
        for part in parts:
            part.splitInRow = 1
        return parts

    def _fits_a_page(self, availWidth):
        frame = getattr(self, "_frame", None)
        if frame is None:
            return False
        height = frame._height
        return (self.wrap(availWidth, height)[1] <= height
                or bool(self._between_rows(availWidth, height)))
