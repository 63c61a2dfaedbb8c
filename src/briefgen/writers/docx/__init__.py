"""The DOCX writer: a Document as a Word file whose styles, page and fonts come from the theme."""
from __future__ import annotations

import dataclasses
import io

import docx

from ...document import Document, Heading
from ...theme import Theme
from .. import Output, get
from . import blocks, package, page, styles, text

NAME = "docx"
SUFFIX = ".docx"


def _print_pages(document: Document, theme: Theme) -> tuple[int, ...] | None:
    """Return the page of each heading in the print layout, if it has a contents list.

    The DOCX has the same contents list as the PDF, when the PDF has one, and its page
    numbers: Word recomputes them on opening (the TOC field is updated), LibreOffice shows
    them as they are, and the two layouts break pages nearly alike.
    """
    pdf = get("pdf")
    return pdf.render(document, theme).layout.headings if pdf.has_contents(document, theme) else None


def _part_pages(document: Document, theme: Theme) -> tuple[int, int] | None:
    """Return the briefing's pages and the trainer's part's in the print layout, if the
    document has that part: each section of the DOCX counts its own ("Page N of M")."""
    answers = document.answers
    if answers is None:
        return None
    printed = get("pdf").render(document, theme)
    title = theme.text.h1.shown(answers.title)
    where = next(at for name, at in reversed(printed.layout.sections) if name == title)
    start = round(where) + 1  # the page the part starts at its top (its bookmark a little above)
    return start - 1, printed.pages - start + 1


def render(document: Document, theme: Theme) -> Output:
    """Return the Word file of `document`: the same document and theme give the same bytes."""
    meta = document.meta
    word = docx.Document(io.BytesIO(package.template(theme)))
    styles.set_language(word.styles.element, meta.language)
    parts = _part_pages(document, theme)
    page.header_and_footer(word, meta, parts[0] if parts else None)
    page.cover(word, meta, theme)
    headings = [block for block in document.blocks if isinstance(block, Heading)]
    pages = _print_pages(document, theme) if meta.toc_from_pages > 0 and headings else None
    ctx = blocks.context(word, theme, styles.text_width(theme).twips, toc=pages is not None, meta=meta,
                         trainer_pages=parts[1] if parts else 1)
    printed = get("pdf")
    at = printed.contents_at(document, theme) if ctx.bookmarks is not None else None
    resume = printed.after_contents(document, at) if at else None
    previous = None
    for index, block in enumerate(document.blocks):
        if index == at:  # where the PDF has it: under the cover's head, or a page of its own
            blocks.contents(ctx, headings, pages, new_page=index > 0, scope=page.BRIEFING if parts else "")
        if index == resume:  # the section after the contents page starts the next page
            block = dataclasses.replace(block, page_break=True)
        blocks.render(ctx, block, previous)
        previous = block
    blocks.fold_gaps(ctx)
    caps = styles.caps_styles(theme)
    for part in (word.element.body, *(s.header._element for s in word.sections),
                 *(s.footer._element for s in word.sections)):
        text.keep_case(part, caps)
    package.set_properties(word, meta)
    return Output(package.save(word, meta, theme))
