"""The document model's blocks, each written as styled paragraphs and tables."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as WordDocument
from docx.shared import Twips

from ... import charts
from ... import document as d
from ...theme import Theme
from .text import (add_bookmark, add_jump, add_link, add_picture, add_text, cells, end_field,
                   paragraph, shade_cell, start_field, table)

ROLE_STYLES = {"body": "Normal", "lead": "Lead", "ask": "Ask", "note": "Note"}
BOX_MARGIN = 170  # twips inside key points and content notes
TOC_FIELD = r'TOC \o "1-2" \h \z \u'


@dataclass(frozen=True)
class Context:
    word: WordDocument
    body: BlockItemContainer
    theme: Theme
    width: int  # twips between the margins
    bookmarks: Iterator[int] | None = None  # numbers the headings when there is a contents list


def context(word: WordDocument, theme: Theme, width: int, toc: bool) -> Context:
    return Context(word, word._body, theme, width, itertools.count(1) if toc else None)


def render(ctx: Context, block: d.Block) -> None:
    RENDERERS[type(block)](ctx, block)


def label(heading: d.Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


def contents(ctx: Context, headings: list[d.Heading]) -> None:
    """Write a table of contents: a real TOC field (Word's "Update field" adds page numbers),
    whose shown result is the list of headings linked to their bookmarks.

    Computing the result here, rather than asking Word to update fields on opening, spares the
    reader Word's "update the fields?" prompt and shows the same list in every application.
    """
    paragraph(ctx.body, "TOCHeading", "Contents")
    for number, heading in enumerate(headings, 1):
        p = paragraph(ctx.body, f"TOC{heading.level}")
        if number == 1:
            start_field(p, TOC_FIELD)
        add_jump(p, f"_Toc{number}", label(heading))
        if number == len(headings):
            end_field(p)
    paragraph(ctx.body, "Gap")


def heading(ctx: Context, block: d.Heading) -> None:
    p = paragraph(ctx.body, f"Heading{block.level}", label(block))
    if ctx.bookmarks is not None:
        number = next(ctx.bookmarks)
        add_bookmark(p, number, f"_Toc{number}")


def text_paragraph(ctx: Context, block: d.Paragraph) -> None:
    paragraph(ctx.body, ROLE_STYLES[block.role], block.text)


def bullet_list(ctx: Context, block: d.BulletList) -> None:
    for item in block.items:
        paragraph(ctx.body, "ListBullet", item)


def _box(ctx: Context, **borders: tuple[str, float]):
    """Return the cell of a tinted one-cell table the width of the text."""
    cell = cells(table(ctx.word, [ctx.width], 1))[0][0]
    shade_cell(cell, ctx.theme.colour.tint, BOX_MARGIN, **borders)
    paragraph(ctx.body, "Gap")
    return cell


def content_note(ctx: Context, block: d.ContentNote) -> None:
    """Write the note as one boxed paragraph (its style), kept on the page of the material it
    warns about; a box made of a table would not keep with what follows in LibreOffice."""
    paragraph(ctx.body, "ContentNote", (d.Run("Content note: ", bold=True), *block.text))


def key_points(ctx: Context, block: d.KeyPoints) -> None:
    cell = _box(ctx, left=(ctx.theme.colour.accent, 4.5))
    paragraph(cell, "KeyPointsTitle", block.title)
    for item in block.items:
        paragraph(cell, "KeyPoint", item)


def stats(ctx: Context, block: d.Stats) -> None:
    count = len(block.items)
    widths = [ctx.width // count] * (count - 1) + [ctx.width - ctx.width // count * (count - 1)]
    for cell, stat in zip(cells(table(ctx.word, widths, 1))[0], block.items):
        shade_cell(cell, top=(ctx.theme.colour.accent, 1.5))
        paragraph(cell, "StatValue", stat.value)
        paragraph(cell, "StatLabel", stat.label)
        paragraph(cell, "Source", stat.source)
    paragraph(ctx.body, "Gap")


def finding(ctx: Context, block: d.Finding) -> None:
    """Write the headline and paragraphs, kept together on one page."""
    paragraph(ctx.body, "FindingHeadline", block.headline)
    for number, text in enumerate(block.paragraphs, 1):
        p = paragraph(ctx.body, "Normal", text)
        p.paragraph_format.keep_together = True
        p.paragraph_format.keep_with_next = number < len(block.paragraphs)


def quote(ctx: Context, block: d.Quote) -> None:
    """Write a pull quote; a verbatim offender quote is labelled, grey and italic."""
    kind = "Verbatim" if block.verbatim else "Quote"
    if block.verbatim:
        paragraph(ctx.body, "VerbatimLabel", "Verbatim offender quote")
    paragraph(ctx.body, "VerbatimQuote" if block.verbatim else "Quote", block.text)
    paragraph(ctx.body, f"{kind}Attribution", block.attribution)


def recommendation(ctx: Context, block: d.Recommendation) -> None:
    paragraph(ctx.body, "Addressee", block.addressee)
    paragraph(ctx.body, "RecommendationTitle", block.title)
    paragraph(ctx.body, "Normal", block.text)
    if block.status:
        when = ", ".join(part for part in (block.status, block.progress_date) if part)
        progress = (d.Run(f"Progress: {when}.", bold=True),)
        if block.progress:
            progress += (d.Run(" "), *block.progress)
        paragraph(ctx.body, "Normal", progress)


def _widths(block: d.Table, total: int) -> list[int]:
    """Return column widths in proportion to each column's longest text: capped for text, so
    one long cell wraps; for numbers, the header's longest word, since headers wrap too."""
    weights = []
    for i, column in enumerate(block.columns):
        values = [len(row[i]) for row in block.rows]
        if column.numeric:
            weights.append(max(values + [len(word) for word in column.label.split()]) + 4)
        else:
            weights.append(min(max(values + [len(column.label)]), 30) + 4)
    widths = [total * weight // sum(weights) for weight in weights]
    return widths[:-1] + [total - sum(widths[:-1])]


def data_table(ctx: Context, block: d.Table) -> None:
    """Write a caption, a table whose header row repeats on each page, and its source."""
    colour = ctx.theme.colour
    paragraph(ctx.body, "Caption", block.caption)
    rows = cells(table(ctx.word, _widths(block, ctx.width), len(block.rows) + 1, header=True))
    for column, cell in zip(block.columns, rows[0]):
        paragraph(cell, "TableHeaderNumber" if column.numeric else "TableHeader", column.label)
        shade_cell(cell, bottom=(colour.text, 1))
    for values, row in zip(block.rows, rows[1:]):
        for column, cell, value in zip(block.columns, row, values):
            paragraph(cell, "TableNumber" if column.numeric else "TableText", value)
            shade_cell(cell, bottom=(colour.rule, 0.5))
    # Even without a source, a paragraph follows: Word merges tables that touch.
    paragraph(ctx.body, "Source", f"Source: {block.source}" if block.source else "")


def chart(ctx: Context, block: d.Chart) -> None:
    """Write the chart as a picture the width of the text, with alt text.

    Its data table is a block of its own, which the plan puts right after the chart.
    """
    paragraph(ctx.body, "Caption", block.caption)
    add_picture(paragraph(ctx.body, "Figure"), charts.png(block, ctx.theme), alt=block.alt,
                title=block.caption, width=Twips(ctx.width))
    if block.source:
        paragraph(ctx.body, "Source", f"Source: {block.source}")


def glossary(ctx: Context, block: d.Glossary) -> None:
    for entry in block.entries:
        paragraph(ctx.body, "GlossaryTerm", entry.term)
        paragraph(ctx.body, "GlossaryDefinition", entry.definition)


def references(ctx: Context, block: d.References) -> None:
    for reference in block.items:
        p = paragraph(ctx.body, "Reference", f"[{reference.number}]\t{reference.text}")
        if reference.url:
            add_text(p, " ")
            add_link(p, reference.url, d.Run(reference.url))


RENDERERS = {
    d.Heading: heading, d.Paragraph: text_paragraph, d.BulletList: bullet_list,
    d.ContentNote: content_note, d.KeyPoints: key_points, d.Stats: stats, d.Finding: finding,
    d.Quote: quote, d.Recommendation: recommendation, d.Table: data_table, d.Chart: chart,
    d.Glossary: glossary, d.References: references,
}
