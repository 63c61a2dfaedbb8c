"""Lines that break after a word's own hyphen ("model-" / "sharing"), as Word and LibreOffice
break them, so that the PDF's lines, and so its pages, end where the DOCX's do.

reportlab breaks there with `embeddedHyphenation`, but when a paragraph so broken is split
across pages it joins the pieces of the broken word again and strips a hyphen from the end of
the first piece, whether reportlab added it or the word had it: "model-sharing" came back as
"modelsharing". `_rejoin` is reportlab's `_rejoinSplitFragWords`, stripping the hyphen only
where reportlab added one; `install` puts it in place of reportlab's (the PDF writer's styles
module calls it once, on import).
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph


def _rejoin(pieces):
    """Return the word that the split pieces `pieces` were cut from."""
    out = [0]
    width = 0
    last_style = None
    for piece in pieces:
        width += piece[0]
        added = isinstance(piece, _paragraph._SplitFragHY)  # reportlab added its hyphen
        for part in piece[1:]:
            style, text = part
            if added and part is piece[-1]:
                width -= stringWidth(text[-1], style.fontName, style.fontSize) + 1e-8
                text = _paragraph._shyUnsplit(text)
            if last_style is style:
                out[-1] = (style, _join(out[-1][1], text))
            else:
                out.append((style, text))
                last_style = style
    out[0] = width
    return _paragraph._reconstructSplitFrags(piece)(out)


def _join(head: str, tail: str) -> str:
    """Return two pieces of one word joined, keeping a hyphen that ends the first."""
    if isinstance(head, _paragraph._SHYIndexedStr) or hasattr(tail, "_shyIndices"):
        return _paragraph._shyUnsplit(head, tail)  # soft hyphens: reportlab's own bookkeeping
    return head + tail


def install() -> None:
    """Put `_rejoin` in place of reportlab's own rejoining of split words."""
    _paragraph._rejoinSplitFragWords = _rejoin
