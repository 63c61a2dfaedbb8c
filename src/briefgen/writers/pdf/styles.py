"""The PDF writer's type: the theme's TTF family registered once, paragraph styles, run markup."""
from __future__ import annotations

import functools
import hashlib
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...document import Text
from ...theme import Fonts, Theme

FACES = ("regular", "bold", "italic", "bold_italic")


@functools.cache
def fonts(font: Fonts) -> dict[str, str]:
    """Return the reportlab names of the theme's four faces, registering them on first use.

    Registering parses each TTF, which is slow, so it happens once per process. The name
    carries a hash of the files so that two themes with the same family name cannot clash.
    """
    digest = hashlib.sha256(repr(font).encode()).hexdigest()[:8]
    tag = f"{font.family.replace(' ', '')}-{digest}"
    names = {face: f"{tag}-{face}" for face in FACES}
    for face, name in names.items():
        pdfmetrics.registerFont(TTFont(name, getattr(font, face)))
    pdfmetrics.registerFontFamily(tag, normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bold_italic"])
    return names


def colour(theme: Theme, name: str) -> HexColor:
    """Return the theme colour `name` (text, accent, grey, tint, rule) as a reportlab colour."""
    return HexColor(getattr(theme.colour, name))


@functools.cache
def styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """Return the paragraph styles for `theme`, built once per theme per process."""
    face = fonts(theme.font)
    size, lead = theme.size, theme.size.leading
    text, accent, grey = (colour(theme, c) for c in ("text", "accent", "grey"))
    body = ParagraphStyle(
        "body", fontName=face["regular"], fontSize=size.body, leading=size.body * lead,
        textColor=text, alignment=TA_LEFT, spaceAfter=size.body * 0.6,
        allowWidows=0, allowOrphans=0, bulletFontName=face["regular"],
        linkUnderline=1,
    )

    def like(name: str, parent: ParagraphStyle = body, **kw) -> ParagraphStyle:
        if "fontSize" in kw and "leading" not in kw:
            kw["leading"] = kw["fontSize"] * lead
        return ParagraphStyle(name, parent=parent, **kw)

    small = like("small", fontSize=size.small, textColor=grey, spaceAfter=0)
    cell = like("cell", fontSize=size.body - 1, spaceAfter=0)
    head = like("cell_head", cell, fontName=face["bold"])
    return {
        "body": body,
        "lead": like("lead", fontSize=size.body + 1.5),
        "ask": like("ask", fontName=face["bold"], spaceAfter=0),
        "emphasis": like("emphasis", fontName=face["bold"]),
        "rec_title": like("rec_title", fontName=face["bold"], fontSize=size.body + 1.5,
                          spaceAfter=2),
        "progress": like("progress", fontSize=size.body - 1),
        "box_text": like("box_text", spaceAfter=2),
        "box_title": like("box_title", fontName=face["bold"], fontSize=size.h2,
                          leading=size.h2 * 1.25, spaceAfter=4),
        "note": like("note", small, spaceAfter=size.body * 0.6),
        "small": small,
        "label": like("label", small, fontName=face["bold"], textColor=accent),
        "bullet": like("bullet", leftIndent=14, bulletIndent=2, spaceAfter=size.body * 0.3),
        "h1": like("h1", fontName=face["bold"], fontSize=size.h1, leading=size.h1 * 1.25,
                   textColor=accent, spaceBefore=size.body * lead * 1.5,
                   spaceAfter=size.body * lead * 0.5, keepWithNext=1),
        "h2": like("h2", fontName=face["bold"], fontSize=size.h2, leading=size.h2 * 1.25,
                   spaceBefore=size.body * lead * 1.2, spaceAfter=size.body * lead * 0.4,
                   keepWithNext=1),
        "strong": like("strong", fontName=face["bold"], spaceAfter=size.body * 0.3,
                       keepWithNext=1),
        "organisation": like("organisation", fontName=face["bold"], textColor=accent,
                             spaceAfter=size.body),
        "title": like("title", fontName=face["bold"], fontSize=size.title,
                      leading=size.title * 1.15, spaceAfter=size.title * 0.3),
        "subtitle": like("subtitle", fontSize=size.subtitle, textColor=grey,
                         spaceAfter=size.subtitle),
        "stat": like("stat", fontName=face["bold"], fontSize=size.stat, leading=size.stat * 1.2,
                     textColor=accent, spaceAfter=0),
        "stat_label": like("stat_label", spaceAfter=2),
        "quote": like("quote", fontSize=size.quote, spaceAfter=4),
        "verbatim": like("verbatim", fontName=face["italic"], fontSize=size.quote,
                         textColor=grey, spaceAfter=4),
        "source": like("source", small, spaceBefore=3),
        "caption": like("caption", fontName=face["bold"], spaceAfter=4, keepWithNext=1),
        "cell": cell,
        "cell_num": like("cell_num", cell, alignment=TA_RIGHT),
        "cell_head": head,
        "cell_head_num": like("cell_head_num", head, alignment=TA_RIGHT),
        "reference": like("reference", fontSize=size.small + 0.5, leftIndent=22, bulletIndent=0,
                          spaceAfter=size.small * 0.5),
        "toc0": like("toc0", fontName=face["bold"], spaceAfter=0, linkUnderline=0),
        "toc1": like("toc1", leftIndent=16, spaceAfter=0, linkUnderline=0),
    }


def markup(text: Text, link_colour: str) -> str:
    """Return Paragraph markup for `text`: every run escaped, so content is always literal."""
    out = []
    for run in text:
        piece = escape(run.text)
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.link:
            piece = f"<a href={quoteattr(run.link)} color={quoteattr(link_colour)}>{piece}</a>"
        out.append(piece)
    return "".join(out)
