"""Paragraph markup parsed once per process, not once per briefing.

reportlab parses a Paragraph's markup into fragments every time one is made. A recipients
batch makes the same paragraphs hundreds of times (only the lines naming the recipient
differ), so the fragments of each (markup, font, size, colour, label) are kept and handed to
the next Paragraph made of them: reportlab reads fragments and never changes them after the
parse (a test renders a briefing twice and compares the bytes).
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser


_parsed: dict[tuple, tuple] = {}
LIMIT = 20_000  # fragments kept, at most: a batch's paragraphs, many times over


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
    return Paragraph(source, style, bulletText=bullet, frags=list(frags))
