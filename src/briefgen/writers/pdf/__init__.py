"""The PDF writer: a Document laid out as an A4 briefing with reportlab, fonts embedded."""
from __future__ import annotations

import functools

from ...document import Document
from ...theme import Theme
from .. import Output
from . import blocks, page

NAME = "pdf"
SUFFIX = ".pdf"


@functools.lru_cache(maxsize=4)
def render(document: Document, theme: Theme) -> Output:
    """Return the PDF of `document` and its page count.

    A table of contents is added, in a second layout, when the document runs past
    `meta.toc_from_pages` pages. The last few are kept: the DOCX writer asks for the same
    document's pages, to fill in its contents (writers/docx/__init__.py).
    """
    data, pages, layout = page.build(document.meta, theme, _story(document, theme, False), False)
    if 0 < document.meta.toc_from_pages < pages:
        data, pages, layout = page.build(document.meta, theme, _story(document, theme, True), True)
    return Output(data, pages, layout)


def _story(document: Document, theme: Theme, contents: bool) -> list:
    kit = blocks.kit(theme)
    story = blocks.cover(document.meta, kit, contents)
    previous = None
    for block in document.blocks:
        story += blocks.flowables(block, kit, previous)
        previous = block
    return story
