"""The PDF writer's type: the theme's TTF family registered once, its text styles as
paragraph styles, and run markup that keeps every text literal."""
from __future__ import annotations

import functools
import hashlib
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...document import Text
from ...theme import Fonts, TextStyle, Theme
from . import hyphens

hyphens.install()  # a line may end after a word's own hyphen, kept across page breaks

FACES = ("regular", "bold", "italic", "bold_italic")
ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


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
    """Return a theme colour, by name (text, accent, grey, tint, rule, white) or #RRGGBB."""
    return HexColor(theme.colour_of(name))


def face(theme: Theme, style: TextStyle) -> str:
    """Return the reportlab font name of a text style's face."""
    key = "bold_italic" if style.bold and style.italic else "bold" if style.bold else \
        "italic" if style.italic else "regular"
    return fonts(theme.font)[key]


def indent(theme: Theme) -> float:
    """Return where the text column starts, from the left margin, in points."""
    return theme.page.indent_mm * mm


@functools.cache
def paragraph_style(theme: Theme, name: str, left: float, align: str = "left",
                    label_at: float | None = None, label_style: str = "",
                    right: float = 0) -> ParagraphStyle:
    """Return the theme's text style `name` as a paragraph style starting `left` points from
    the margin and ending `right` points before the other, aligned; with `label_at`, a label
    (a bullet, a number, a figure) in the text style `label_style` is hung at that many
    points from the margin."""
    style = getattr(theme.text, name)
    label = getattr(theme.text, label_style or name)
    return ParagraphStyle(
        f"{name}@{left:g}:{right:g}{align}{label_at}{label_style}", fontName=face(theme, style),
        fontSize=style.size, leading=style.line, textColor=colour(theme, style.colour),
        alignment=ALIGN[align], spaceBefore=style.before, spaceAfter=style.after,
        keepWithNext=int(style.keep_with_next), leftIndent=left, rightIndent=right,
        allowWidows=0, allowOrphans=0,
        bulletFontName=face(theme, label), bulletFontSize=label.size,
        bulletIndent=left if label_at is None else label_at, bulletColor=colour(theme, label.colour),
        # A line may end after a word's own hyphen ("model-" / "sharing"), as in Word and
        # LibreOffice (hyphens.py keeps that hyphen when the paragraph is split across pages);
        # no hyphen is ever added. Contents entries are links too, but a list of them
        # underlined reads as a web page.
        linkUnderline=0 if name.startswith("toc") else 1, embeddedHyphenation=1, uriWasteReduce=0,
        splitLongWords=1,  # capitals (`caps`) are in the text already: TextStyle.shown
        # reportlab lets a line run up to 5% of its spaces past the column's edge (it would
        # close the spaces up in justified text); Word and LibreOffice never do, so with it
        # the PDF's lines held a word more than the DOCX's and the pages drifted apart.
        spaceShrinkage=0,
    )


JOINERS = dict.fromkeys(map(ord, "\u2060"))  # the word joiner a citation's range carries


def literal(text: str) -> str:
    """Return `text` escaped as Paragraph markup, so it prints as written, without word
    joiners: reportlab gives U+2060 a width (a visible gap) and breaks lines only at spaces."""
    return escape(text.translate(JOINERS))


def markup(text: Text, link_colour: str, shown=str) -> str:
    """Return Paragraph markup for `text`: every run escaped, so content is always literal;
    `shown` gives each run's text as its style prints it (TextStyle.shown)."""
    out = []
    for run in text:
        piece = literal(shown(run.text))
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.link:
            piece = f"<a href={quoteattr(run.link)} color={quoteattr(link_colour)}>{piece}</a>"
        out.append(piece)
    return "".join(out)
