"""The DOCX writer: a Document as a Word file whose styles, page and fonts come from the theme."""
from __future__ import annotations

import io

import docx

from ...document import Document, Heading
from ...theme import Theme
from .. import Output
from . import blocks, package, page, styles

NAME = "docx"
SUFFIX = ".docx"


def render(document: Document, theme: Theme) -> Output:
    """Return the Word file of `document`: the same document and theme give the same bytes."""
    meta = document.meta
    word = docx.Document(io.BytesIO(package.template(theme)))
    styles.set_language(word.styles.element, meta.language)
    page.header_and_footer(word, meta)
    page.cover(word, meta, theme)
    headings = [block for block in document.blocks if isinstance(block, Heading)]
    ctx = blocks.context(word, theme, styles.text_width(theme).twips,
                         toc=meta.toc_from_pages > 0 and bool(headings))
    if ctx.bookmarks is not None:
        blocks.contents(ctx, headings)
        package.update_fields_on_open(word)
    for block in document.blocks:
        blocks.render(ctx, block)
    package.set_properties(word, meta)
    return Output(package.save(word, meta, theme))
