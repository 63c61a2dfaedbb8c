"""The document model's blocks as Word paragraphs and tables, on the theme's grid.

Paragraphs in the text column carry its indent in their style; a label (a figure, a number,
an addressee) hangs in the side column before a tab. Boxes are drawn from the theme's box
definitions: a run of paragraphs with the same borders and shading (quotes, the content
note), or a one-cell table in the column (key points, notices, asks), whose box never splits.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as WordDocument
from docx.shared import Mm, Twips

from ... import charts
from ... import document as d
from ...theme import Theme
from ...theme.metrics import fits_side
from .styles import indent, twips
from .text import (add_bookmark, add_jump, add_link, add_picture, add_text, cells, child, end_field,
                   paragraph, shade_cell, start_field, table)

ROLE_STYLES = {"body": "Normal", "lead": "Lead", "note": "Note"}
TOC_FIELD = r'TOC \o "1-2" \h \z \u'
BULLET = 12  # points from a bullet to its text


@dataclass(frozen=True)
class Context:
    word: WordDocument
    body: BlockItemContainer
    theme: Theme
    width: int  # twips between the margins
    bookmarks: Iterator[int] | None = None  # numbers the headings when there is a contents list

    @property
    def indent(self) -> int:
        return indent(self.theme)

    @property
    def side(self) -> int:
        """Return the width of the side column and its gutter (a share of the page when the
        theme has none)."""
        return self.indent or self.width * 28 // 100


def context(word: WordDocument, theme: Theme, width: int, toc: bool) -> Context:
    return Context(word, word._body, theme, width, itertools.count(1) if toc else None)


def render(ctx: Context, block: d.Block) -> None:
    RENDERERS[type(block)](ctx, block)


def label(heading: d.Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


def hang(p, left: int, at: int = 0) -> None:
    """Indent `p` to `left` twips with its first line starting at `at`: a hung label, then a
    tab to the text."""
    ind = p._p.pPr.get_or_add_ind()  # python-docx keeps the children of w:pPr in schema order
    ind.set(_w("left"), str(left))
    ind.set(_w("hanging"), str(left - at))


def labelled(container, style: str, text: d.Text | str, side: str, side_style: str, left: int,
             at: int = 0, line: float = 0):
    """Return a paragraph of `text` with `side` hung before it (after a tab), or without.

    A label in larger type (a figure) would make its line taller than the paragraph's others,
    so with `line` (points) the paragraph's lines are exactly that far apart, as in the PDF.
    """
    p = paragraph(container, style)
    if side:
        add_text(p, (d.Run(side.upper() if side_style == "SideLabel" else side),), style=side_style)
        add_text(p, "\t")
        hang(p, left, at)
        if line:
            spacing = p._p.pPr.get_or_add_spacing()
            spacing.set(_w("line"), str(twips(line)))
            spacing.set(_w("lineRule"), "exact")
    add_text(p, text)
    return p


def _w(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def gap(ctx: Context, points: float) -> None:
    """Leave `points` of space, and keep two boxes of one kind from joining into one."""
    spacing = paragraph(ctx.body, "Gap")._p.pPr.get_or_add_spacing()
    for name, value in (("before", 0), ("after", 0), ("line", max(20, twips(points))), ("lineRule", "exact")):
        spacing.set(_w(name), str(value))


def contents(ctx: Context, headings: list[d.Heading], pages: tuple[int, ...]) -> None:
    """Write a table of contents: a real TOC field, filled in as Word would fill it (entries
    linked to their headings, page numbers as PAGEREF fields showing `pages`, the print
    layout's), which Word updates on opening (settings.xml asks it to)."""
    paragraph(ctx.body, "TOCHeading", "Contents")
    for number, heading in enumerate(headings, 1):
        p = paragraph(ctx.body, f"TOC{heading.level}")
        child(p._p.pPr.get_or_add_tabs(), "tab", val="right", leader="dot", pos=ctx.width)
        if number == 1:
            start_field(p, TOC_FIELD)
        add_jump(p, f"_Toc{number}", label(heading) + "\t")
        start_field(p, f"PAGEREF _Toc{number} \\h")
        add_text(p, str(pages[number - 1]) if number <= len(pages) else "")
        end_field(p)
        if number == len(headings):
            end_field(p)
    gap(ctx, 14)


def heading(ctx: Context, block: d.Heading) -> None:
    if block.page_break:
        child(child(paragraph(ctx.body, "Gap")._p, "r"), "br", type="page")
    numbered = block.level > 1 and block.number and ctx.indent
    style = f"Heading{block.level}"
    p = labelled(ctx.body, style, block.text, block.number, "", ctx.indent) if numbered else \
        paragraph(ctx.body, style, label(block))
    if ctx.bookmarks is not None:
        number = next(ctx.bookmarks)
        add_bookmark(p, number, f"_Toc{number}")


def text_paragraph(ctx: Context, block: d.Paragraph) -> None:
    p = paragraph(ctx.body, ROLE_STYLES[block.role], block.text)
    if block.keep_with_next:
        p.paragraph_format.keep_with_next = True
    if block.keep_together:
        p.paragraph_format.keep_together = True


def bullets(container, items: tuple[d.Text, ...], style: str, left: int, space_after: float,
            numbered: bool = False) -> None:
    """Write one bulleted (or numbered) paragraph per item, the bullet hung before the text."""
    shift = twips(16 if numbered else BULLET)
    for number, item in enumerate(items, 1):
        p = labelled(container, style, item, f"{number}." if numbered else "•", "", left + shift, left)
        if number < len(items):
            p._p.pPr.get_or_add_spacing().set(_w("after"), str(twips(space_after / 2)))


def bullet_list(ctx: Context, block: d.BulletList) -> None:
    bullets(ctx.body, block.items, "Normal", ctx.indent, ctx.theme.text.body.after, block.numbered)


def _box(ctx: Context, name: str):
    """Return the cell of a one-cell table in the text column drawn as the theme's box `name`."""
    box = getattr(ctx.theme.box, name)
    cell = cells(table(ctx.word, [ctx.width - ctx.indent], 1, indent=ctx.indent))[0][0]
    rules = {side: (r.colour and ctx.theme.colour_of(r.colour), r.width) for side, r in box.rules().items()}
    shade_cell(cell, box.fill and ctx.theme.colour_of(box.fill), [twips(p) for p in box.pad], **rules)
    gap(ctx, box.after)
    return cell


def boxed_text(ctx: Context, name: str, title: str, body: tuple) -> None:
    cell = _box(ctx, name)
    if title:
        paragraph(cell, "BoxTitle", title)
    for part in body:
        if isinstance(part, d.BulletList):
            bullets(cell, part.items, "BoxText", 0, ctx.theme.text.box_text.after, part.numbered)
        else:
            paragraph(cell, "BoxText", part.text)


def content_note(ctx: Context, block: d.ContentNote) -> None:
    """Write the note as one boxed paragraph, kept on the page of the material it warns
    about; a box made of a table would not keep with what follows in LibreOffice."""
    p = paragraph(ctx.body, "ContentNote", (d.Run("Content note: ", bold=True), *block.text))
    p.paragraph_format.keep_with_next = True
    gap(ctx, ctx.theme.box.content_note.after)


def key_points(ctx: Context, block: d.KeyPoints) -> None:
    boxed_text(ctx, "key_points", block.title, (d.BulletList(block.items),))


def notice(ctx: Context, block: d.Notice) -> None:
    boxed_text(ctx, block.kind, block.title, block.body)


def stats(ctx: Context, block: d.Stats) -> None:
    box, count, gap_width = ctx.theme.box.stat, len(block.items), Mm(7).twips
    column = (ctx.width - gap_width * (count - 1)) // count
    widths = [w for _ in range(count) for w in (column, gap_width)][:-1]
    row = cells(table(ctx.word, widths, 1))[0]
    for index, cell in enumerate(row):
        if index % 2:
            paragraph(cell, "StatSource")
            continue
        stat = block.items[index // 2]
        rules = {side: (ctx.theme.colour_of(r.colour), r.width) for side, r in box.rules().items()}
        shade_cell(cell, None, [twips(p) for p in box.pad], **rules)
        paragraph(cell, "StatValue", stat.value)
        paragraph(cell, "StatLabel", stat.label)
        paragraph(cell, "StatSource", stat.source)
    gap(ctx, box.after)


def finding(ctx: Context, block: d.Finding) -> None:
    """Write the headline, its figure hung in the side column, and its paragraphs, kept together."""
    figure = block.figure if block.figure and fits_side(ctx.theme, "figure", block.figure) else ""
    texts = [(block.headline, "Item")] if block.headline else []
    texts += [(p, "Normal") for p in block.paragraphs]
    for number, (text, style) in enumerate(texts):
        line = getattr(ctx.theme.text, "item" if style == "Item" else "body").line
        p = labelled(ctx.body, style, text, figure, "SideFigure", ctx.indent, line=line) if number == 0 else \
            paragraph(ctx.body, style, text)
        p.paragraph_format.keep_together = True
        p.paragraph_format.keep_with_next = number < min(1, len(texts) - 1) or style == "Item"


def quote(ctx: Context, block: d.Quote) -> None:
    """Write a pull quote; a verbatim offender quote is labelled, grey and italic."""
    kind = "Verbatim" if block.verbatim else "Quote"
    if block.verbatim:
        paragraph(ctx.body, "VerbatimLabel", "Verbatim offender quote").paragraph_format.keep_with_next = True
    text = paragraph(ctx.body, "VerbatimQuote" if block.verbatim else "Quote", block.text)
    text.paragraph_format.keep_with_next = True
    paragraph(ctx.body, f"{kind}Attribution", f"— {block.attribution}")
    gap(ctx, getattr(ctx.theme.box, "verbatim" if block.verbatim else "quote").after)


def recommendation(ctx: Context, block: d.Recommendation) -> None:
    side = block.addressee if block.addressee and fits_side(ctx.theme, "label", block.addressee) else ""
    parts = []
    if block.addressee and not side:  # too long for the side column: a line of its own
        parts.append(paragraph(ctx.body, "Item"))
        add_text(parts[-1], (d.Run(block.addressee.upper()),), style="SideLabel")
    ask = (d.Run(block.title.rstrip(".") + ". ", bold=True), *block.text)  # a run-in heading: said once
    parts.append(labelled(ctx.body, "Normal", ask, side, "SideLabel", ctx.indent))
    if block.based_on:
        parts.append(paragraph(ctx.body, "BasedOn", block.based_on))
    if block.evidence:
        bullets(ctx.body, block.evidence, "Progress", ctx.indent, ctx.theme.text.progress.after)
    if block.regulation:
        parts.append(paragraph(ctx.body, "Progress", (d.Run("Regulation: ", bold=True), *block.regulation)))
    if block.status:
        parts.append(paragraph(ctx.body, "Progress", d.progress_line(block)))
    for p in parts[:-1]:
        p.paragraph_format.keep_with_next = True
    gap(ctx, ctx.theme.text.body.line)


def asks_table(ctx: Context, block: d.AsksTable) -> None:
    columns = (d.Column("Ask"), d.Column("Status"), d.Column("As of"))
    widths = [ctx.width * 62 // 100, ctx.width * 24 // 100]
    data_table(ctx, d.Table(block.caption, columns, tuple((a.ask, a.status, a.as_of) for a in block.rows),
                            block.source), widths + [ctx.width - sum(widths)])


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


def data_table(ctx: Context, block: d.Table, widths: list[int] | None = None) -> None:
    """Write a caption, a table whose header row repeats on each page, and its source."""
    theme = ctx.theme
    paragraph(ctx.body, "Caption", block.caption)
    rows = cells(table(ctx.word, widths or _widths(block, ctx.width), len(block.rows) + 1, header=True))
    for name, row_cells, values in [("head", rows[0], [c.label for c in block.columns])] + \
            [("row", r, v) for r, v in zip(rows[1:], block.rows)]:
        box = theme.box.table_head if name == "head" else theme.box.table_row
        rules = {side: (theme.colour_of(r.colour), r.width) for side, r in box.rules().items()}
        for index, (column, cell, value) in enumerate(zip(block.columns, row_cells, values)):
            style = ("TableHeader" if name == "head" else "TableText") + ("Number" if column.numeric else "")
            style = style.replace("TableTextNumber", "TableNumber")
            paragraph(cell, style, value)
            pad = [twips(p) for p in box.pad]
            if index == 0:
                pad[3] = 0
            if index == len(row_cells) - 1:
                pad[1] = 0
            shade_cell(cell, box.fill and theme.colour_of(box.fill), pad, **rules)
    # Even without a source, a paragraph follows: Word merges tables that touch.
    paragraph(ctx.body, "Source", f"Source: {block.source}" if block.source else "")
    gap(ctx, 8)


def chart(ctx: Context, block: d.Chart) -> None:
    """Write the chart as a picture the width of the page's text, with alt text, in a
    single-spaced paragraph so nothing of it is clipped. Its data table follows as its own block."""
    paragraph(ctx.body, "Caption", block.caption)
    add_picture(paragraph(ctx.body, "Figure"), charts.png(block, ctx.theme), alt=block.alt,
                title=block.caption, width=Twips(ctx.width))
    if block.source:
        paragraph(ctx.body, "Source", f"Source: {block.source}")
    gap(ctx, 10)


def terms(ctx: Context, rows: list[tuple[str, str, str, d.Text | str]]) -> None:
    """Write term-and-text pairs: the term hung in the side column where it fits on a line,
    else on a line of its own above its text. Paragraphs, not a table, so that LibreOffice
    keeps the section's heading with the first of them."""
    for term_style, term, text_style, text in rows:
        if fits_side(ctx.theme, "item", term):
            labelled(ctx.body, text_style, text, term, term_style, ctx.indent)
        else:
            head = paragraph(ctx.body, "Item")
            hang(head, 0, 0)
            add_text(head, (d.Run(term),), style=term_style)
            head.paragraph_format.keep_with_next = True
            paragraph(ctx.body, text_style, text)


def glossary(ctx: Context, block: d.Glossary) -> None:
    terms(ctx, [("SideTerm", e.term, "Normal", e.definition) for e in block.entries])


def document_control(ctx: Context, block: d.DocumentControl) -> None:
    terms(ctx, [("SideTerm", label_, "Normal", value) for label_, value in block.rows])


def questions(ctx: Context, block: d.Questions) -> None:
    for number, item in enumerate(block.items, 1):
        labelled(ctx.body, "Normal", item, f"{number}.", "", ctx.indent + twips(16), ctx.indent)


def answers(ctx: Context, block: d.Answers) -> None:
    for number, (question, answer) in enumerate(block.items, 1):
        head = labelled(ctx.body, "Item", question, f"{number}.", "", ctx.indent + twips(16), ctx.indent)
        head.paragraph_format.keep_with_next = True
        p = paragraph(ctx.body, "Normal", answer)
        hang(p, ctx.indent + twips(16), ctx.indent + twips(16))


def references(ctx: Context, block: d.References) -> None:
    for reference in block.items:
        p = labelled(ctx.body, "Reference", reference.text, f"[{reference.number}]", "",
                     ctx.indent + twips(20), ctx.indent)
        if reference.url:  # on a line of its own, free to break after each "/" (a zero-width space)
            child(child(p._p, "r"), "br")
            add_link(p, reference.url, d.Run(reference.url.replace("/", "/\u200b").rstrip("\u200b")))


RENDERERS = {
    d.Heading: heading, d.Paragraph: text_paragraph, d.BulletList: bullet_list,
    d.ContentNote: content_note, d.KeyPoints: key_points, d.Stats: stats, d.Finding: finding,
    d.Quote: quote, d.Recommendation: recommendation, d.AsksTable: asks_table, d.Table: data_table,
    d.Chart: chart, d.Glossary: glossary, d.References: references, d.Notice: notice,
    d.Questions: questions, d.Answers: answers, d.DocumentControl: document_control,
}
