"""The PDF writer: a Document laid out as an A4 briefing with reportlab, fonts embedded."""
from __future__ import annotations

import dataclasses
import functools

from reportlab.platypus import PageBreak

from ...document import Document, Heading
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
    banner = document.answers.banner if document.answers else ""
    data, pages, layout = page.build(document.meta, theme, _story(document, theme), False, banner)
    if 0 < document.meta.toc_from_pages < pages:
        story = _story(document, theme, contents_at(document, theme))
        data, pages, layout = page.build(document.meta, theme, story, True, banner)
    return Output(data, pages, layout)


def has_contents(document: Document, theme: Theme) -> bool:
    """Return whether the print has a contents list: when it runs past `meta.toc_from_pages`
    pages (0: never). Every paginated edition, and the HTML, has one where the print has."""
    return 0 < document.meta.toc_from_pages < render(document, theme).pages  # laid out only when it may


@functools.lru_cache(maxsize=4)
def contents_at(document: Document, theme: Theme) -> int:
    """Return the index of the block that the contents list goes before: 0, on the cover under
    its head; or, when the briefing opens with a section that fits on the cover with the head
    (learning objectives, a summary), the next section's: the contents is then page 2, a page
    of its own (what follows it starts page 3, rather than under it, where a box too tall for
    the rest of the page would leave a hole).

    The DOCX writer puts its contents where this says, so that its pages break as the PDF's.
    """
    first = document.blocks[:1]
    if not (first and isinstance(first[0], Heading) and first[0].level == 1):
        return 0
    end = next((i for i, block in enumerate(document.blocks[1:], 1)
                if isinstance(block, Heading) and block.level == 1), 0)
    if not end:
        return 0
    opening = dataclasses.replace(document, blocks=document.blocks[:end])
    return end if page.build(document.meta, theme, _story(opening, theme), False)[1] == 1 else 0


def after_contents(document: Document, at: int) -> int:
    """Return the index of the block that starts the page after a contents page that goes
    before block `at`: the next section with a number, when the briefing numbers its sections
    (the unnumbered ones before it, front matter such as document control, share the contents'
    page), else the section at `at`."""
    if not any(isinstance(block, Heading) and block.number for block in document.blocks):
        return at
    return next((i for i, block in enumerate(document.blocks[at:], at)
                 if isinstance(block, Heading) and block.level == 1 and block.number), at)


def _story(document: Document, theme: Theme, contents: int | None = None) -> list:
    """Return the flowables of `document`, with the contents list before block `contents`
    (0: on the cover; after it, on a new page) or without one (None)."""
    kit = blocks.kit(theme)
    story = blocks.cover(document.meta, kit, contents == 0)
    resume = after_contents(document, contents) if contents else None
    previous = None
    for index, block in enumerate(document.blocks):
        if contents and index == contents:
            story += [PageBreak()] + blocks.contents(kit)
        if index == resume:
            story.append(PageBreak())
        story += blocks.flowables(block, kit, previous)
        previous = block
    return story
