"""The page furniture: the marking, the running footer, and the cover."""
from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Mm, Pt

from ...document import Meta
from ...theme import Theme
from .text import add_field, add_picture, add_text, paragraph

LOGO_HEIGHT = Mm(14)
DOT = "\u2002\u00b7\u2002"  # en spaces, which no reader collapses


def header_and_footer(word: WordDocument, meta: Meta) -> None:
    """Put the marking top and bottom of every page (when there is one), and in the footer the
    running title, the date and "Page N of M"; the marking has a line of its own below it."""
    section = word.sections[0]
    # Where the PDF sets them (writers/pdf/page.py), as LibreOffice lays them out: the marking
    # 9 mm from the top edge; the footer's baseline 13 mm from the bottom, and under it the
    # marking on a line of its own, its baseline 6.7 mm from the bottom, 3 mm clear of the footer.
    section.header_distance = Mm(6)
    section.footer_distance = Mm(5.9 if meta.marking else 12.3)
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
        marking = paragraph(section.footer, "Marking", meta.marking)
        marking.paragraph_format.space_before = Pt(7)


def cover(word: WordDocument, meta: Meta, theme: Theme) -> None:
    """Write the first page's head, across the page: logo, the cover's label, organisation,
    title, subtitle, what it is for, date and version, the handling note, and a rule."""
    body = word._body
    if theme.logo_png:
        add_picture(paragraph(body, "Organisation"), theme.logo_png,
                    alt=f"{meta.organisation} logo", title=meta.organisation, height=LOGO_HEIGHT)
    if meta.kicker:
        paragraph(body, "Kicker", meta.kicker)
    paragraph(body, "Organisation", meta.organisation)
    paragraph(body, "Title", meta.title)
    if meta.subtitle:
        paragraph(body, "Subtitle", meta.subtitle)
    for line in (meta.occasion, f"{meta.date}{DOT}Version {meta.version}"):
        if line:
            paragraph(body, "Meta", line)
    if meta.handling_note:
        paragraph(body, "Handling", meta.handling_note).paragraph_format.space_before = Pt(6)
    paragraph(body, "Rule").paragraph_format.space_before = Pt(10)
