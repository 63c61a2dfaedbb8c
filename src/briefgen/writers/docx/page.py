"""The page furniture: the marking, running footer and title block."""
from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Mm

from ...document import Meta
from ...theme import Theme
from .text import add_field, add_picture, add_text, paragraph

LOGO_HEIGHT = Mm(14)
DOT = "\u2002\u00b7\u2002"  # en spaces, which no reader collapses


def header_and_footer(word: WordDocument, meta: Meta) -> None:
    """Put the marking top and bottom of every page (when there is one), and in the footer the
    running title, the date and "Page N of M"."""
    section = word.sections[0]
    if meta.marking:
        top = section.header.paragraphs[0]
        top._p.style = "Marking"
        add_text(top, meta.marking)
    line = section.footer.paragraphs[0]
    add_text(line, f"{meta.running_title or meta.title}{DOT}{meta.date}\tPage ")
    add_field(line, "PAGE", "1")
    add_text(line, " of ")
    add_field(line, "NUMPAGES", "1")
    if meta.marking:
        paragraph(section.footer, "Marking", meta.marking)


def title_block(word: WordDocument, meta: Meta, theme: Theme) -> None:
    """Write the logo, organisation, title, subtitle, audience, date, version and handling note."""
    body = word._body
    if theme.logo_png:
        add_picture(paragraph(body, "Masthead"), theme.logo_png,
                    alt=f"{meta.organisation} logo", title=meta.organisation, height=LOGO_HEIGHT)
    paragraph(body, "Masthead", meta.organisation)
    paragraph(body, "Title", meta.title)
    if meta.subtitle:
        paragraph(body, "Subtitle", meta.subtitle)
    paragraph(body, "Details", f"For: {meta.audience}{DOT}{meta.date}{DOT}Version {meta.version}")
    if meta.handling_note:
        paragraph(body, "Handling", meta.handling_note)
