"""The page furniture: the marking, the running footer, the cover, and the trainer's section.

A briefing's last part may be the trainer's (the knowledge check's answers): a section of its
own, on a new page, whose header carries its banner (d.Answers.banner) under the marking and whose pages are
numbered apart ("Trainer page 1 of 1"). Each section counts its own pages (SECTIONPAGES, not
NUMPAGES), so the briefing's "Page N of M" stays right once the trainer's pages are removed.
"""
from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt

from ...document import Meta
from ...theme import Theme
from .styles import cell_rules, indent, text_width, twips
from .text import add_field, add_picture, add_text, cells, element, paragraph, shade_cell, table

BRIEFING = "_Briefing"  # a bookmark over the briefing's section, which its contents lists

LOGO_HEIGHT = Mm(14)
DOT = "\u2002\u00b7\u2002"  # en spaces, which no reader collapses


def header_and_footer(word: WordDocument, meta: Meta, pages: int | None = None) -> None:
    """Put the marking top and bottom of every page (when there is one), and in the footer the
    running title, the date and "Page N of M"; the marking has a line of its own below it.

    With `pages` (the briefing's pages in the print layout, when a trainer's section follows),
    M counts the section's pages only: SECTIONPAGES, which Word computes; LibreOffice (7.4)
    shows the field's last result, which is `pages`. Without, M is every page (NUMPAGES)."""
    section = word.sections[0]
    # Where the PDF sets them (writers/pdf/page.py), as LibreOffice lays them out: the marking
    # 9 mm from the top edge; the footer's baseline 13 mm from the bottom, and under it the
    # marking on a line of its own, its baseline 6.7 mm from the bottom, 3 mm clear of the footer.
    section.header_distance = Mm(6)
    section.footer_distance = Mm(5.9 if meta.marking else 12.3)
    _furniture(section, meta, "Page", pages)


def _furniture(section: Section, meta: Meta, label: str, pages: int | None, banner: str = "") -> None:
    """Write `section`'s header (the marking, then `banner`) and footer ("`label` N of M",
    M counting the section's `pages` when given, else the document's, then the marking)."""
    for index, text in enumerate(t for t in (meta.marking, banner.upper()) if t):
        line = section.header.paragraphs[0] if index == 0 else paragraph(section.header, "Marking")
        line._p.style = "Marking"
        add_text(line, text)
    line = section.footer.paragraphs[0]
    add_text(line, f"{meta.running_title or meta.title}{DOT}{meta.date}\t{label} ")
    add_field(line, "PAGE", "1")
    add_text(line, " of ")
    add_field(line, "NUMPAGES" if pages is None else "SECTIONPAGES", str(pages or 1))
    if meta.marking:
        marking = paragraph(section.footer, "Marking", meta.marking)
        marking.paragraph_format.space_before = Pt(7)


def trainer_section(word: WordDocument, meta: Meta, pages: int, banner: str) -> None:
    """Start the trainer's section on a new page: its own header and footer, its pages
    numbered from 1 to `pages` (its pages in the print layout, as header_and_footer's).

    The briefing's section ends with a paragraph of a point's height that holds its
    properties (a Word section ends at a paragraph), so that it cannot push a page over.
    """
    body = word.element.body
    last = body.get_or_add_sectPr()  # the document's last section: from here, the trainer's
    ending = paragraph(word._body, "Gap")
    spacing = ending._p.pPr.get_or_add_spacing()
    for name, value in (("before", 0), ("after", 0), ("line", 20), ("lineRule", "exact")):
        spacing.set(qn(f"w:{name}"), str(value))
    ending._p.pPr.append(last.clone())  # the briefing's section, its header and footer with it
    # The contents lists the headings inside this bookmark, from the cover to here (TOC \b).
    first = body.find(qn("w:p"))
    first.insert(1 if first.find(qn("w:pPr")) is not None else 0, element("bookmarkStart", id=0, name=BRIEFING))
    ending._p.append(element("bookmarkEnd", id=0))
    for reference in last.xpath("w:headerReference|w:footerReference"):
        last.remove(reference)
    numbering = element("pgNumType", start=1)
    following = last.find(qn("w:cols"))
    if following is not None:
        following.addprevious(numbering)
    else:
        last.append(numbering)
    section = word.sections[-1]
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    _furniture(section, meta, "Trainer page", pages, banner)


def cover(word: WordDocument, meta: Meta, theme: Theme) -> None:
    """Write the first page's head, across the page: logo, the cover's label, organisation,
    title, subtitle, what it is for, date and version (for a `cover: band` audience in the
    theme's `cover` box, a one-cell table across the page, as the PDF draws it; else over a
    rule), and the handling note."""
    band = meta.cover == "band"
    body = word._body
    if band:
        box = theme.box.cover
        body = cells(table(word, [text_width(theme).twips], 1))[0][0]
        shade_cell(body, box.fill and theme.colour_of(box.fill), [twips(p) for p in box.pad], **cell_rules(theme, box))
    if theme.logo_png:
        add_picture(paragraph(body, "Organisation"), theme.logo_png,
                    alt=f"{meta.organisation} logo", title=meta.organisation, height=LOGO_HEIGHT)
    if meta.kicker:
        paragraph(body, "Kicker", meta.kicker)
    paragraph(body, "Organisation", meta.organisation)
    paragraph(body, "Title", meta.title)
    if meta.subtitle:
        paragraph(body, "Subtitle", meta.subtitle)
    if meta.occasion:
        paragraph(body, "Occasion", meta.occasion)
    facts = paragraph(body, "Meta", f"{meta.date}{DOT}Version {meta.version}")
    if band:
        # the band's space after it, as a gap (the larger of it and the space before what
        # follows, writers/docx/blocks.fold_gaps); the handling box, a table, after it
        spacing = paragraph(word._body, "Gap")._p.get_or_add_pPr().get_or_add_spacing()
        for name, value in (("before", 0), ("after", 0), ("line", twips(box.after)), ("lineRule", "exact")):
            spacing.set(qn(f"w:{name}"), str(value))
        if meta.handling_note:
            handling(word, meta, theme)
        return
    rule_before = 10
    if meta.handling_note:
        box = theme.box.handling
        facts.paragraph_format.space_after = Pt(max(box.before, theme.text.meta.after))
        handling(word, meta, theme)
        rule_before = max(rule_before, box.after)
    paragraph(body, "Rule").paragraph_format.space_before = Pt(rule_before)


def handling(word: WordDocument, meta: Meta, theme: Theme) -> None:
    """Write the handling statement in the theme's `handling` box: a one-cell table in the text
    column, as the PDF draws it."""
    box = theme.box.handling
    width = text_width(theme).twips - indent(theme)
    cell = cells(table(word, [width], 1, indent=indent(theme)))[0][0]
    shade_cell(cell, box.fill and theme.colour_of(box.fill), [twips(p) for p in box.pad], **cell_rules(theme, box))
    paragraph(cell, "Handling", meta.handling_note)
