"""Paragraphs parsed, and their lines broken, once per process, not once per briefing.

reportlab parses a Paragraph's markup into fragments every time one is made, and breaks it
into lines every time it is wrapped. A recipients batch makes the same paragraphs hundreds of
times (only the lines naming the recipient differ), so the fragments of each (markup, font,
size, colour, label) are kept and handed to the next Paragraph made of them, and the lines of
each (fragments, style, width) are kept and handed to the next wrap at that width. reportlab
reads fragments and lines and never changes them after the break, except where it splits a
paragraph across pages: a paragraph split is first broken afresh, into lines of its own
(`Shared.split`). A test renders a batch with and without the shared lines and compares the
bytes.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser


_parsed: dict[tuple, tuple] = {}
_broken: dict[tuple, tuple] = {}
LIMIT = 20_000  # paragraphs (or broken paragraphs) kept, at most: a batch's, many times over


class Shared(Paragraph):
    """A Paragraph whose fragments and line breaks are shared with its twins in other briefings."""

    def __init__(self, text, style=None, bulletText=None, frags=None, key: tuple | None = None, **kw):
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)
        self._key = key  # None for the parts reportlab splits a paragraph into
        self._own_frags = list(frags or ())

    def breakLines(self, width):
        if self._key is None or _bidi(self.style):  # split (or drawn reversed): lines of its own
            return super().breakLines(width)
        listed = isinstance(width, list)  # reportlab narrows a list's first width for a hung label
        key = (self._key, id(self.style), tuple(width) if listed else width)
        hit = _broken.get(key)
        if hit is None:
            if len(_broken) >= LIMIT:
                _broken.clear()
            lines = super().breakLines(width)
            hit = _broken[key] = (lines, self.frags, self._width_max, self._splitLongWordCount,
                                  self._hyphenations, list(width) if listed else None,
                                  self.style)  # the style kept alive, so its id stays its own
        lines, self.frags, self._width_max, self._splitLongWordCount, self._hyphenations, narrowed, _ = hit
        self.height = 0
        if listed:
            width[:] = narrowed  # as the break narrowed it, in place
        return lines

    def split(self, availWidth, availHeight):
        if self._key is not None:  # splitting changes lines in place: break a private copy first
            self._key = None
            self.frags = list(self._own_frags)
            self.__dict__.pop("blPara", None)
        return super().split(availWidth, availHeight)


def _bidi(style: ParagraphStyle) -> bool:
    return (style.wordWrap or "").upper() in ("RTL", "LTR")


def paragraph(source: str, style: ParagraphStyle, label: str | None = None) -> Paragraph:
    """Return Paragraph(source, style, bulletText=label), its markup parsed once per process."""
    key = (source, label, style.fontName, style.fontSize, str(style.textColor),
           style.bulletFontName, style.bulletFontSize, str(style.bulletColor))
    if key not in _parsed:
        if len(_parsed) >= LIMIT:
            _parsed.clear()
        parser = ParaParser()
        parser.caseSensitive = 1
        _, frags, label_frags = parser.parse(cleanBlockQuotedText(source), style)
        if frags is None:
            raise ValueError(f"reportlab could not parse {source[:30]!r}: {parser.errors[0]}")
        textTransformFrags(frags, style)
        _parsed[key] = (tuple(frags), label_frags or label)
    frags, bullet = _parsed[key]
    return Shared(source, style, bullet, list(frags), key)
