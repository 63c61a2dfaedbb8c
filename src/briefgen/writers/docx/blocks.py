"""The document model's blocks as Word paragraphs and tables, on the theme's grid.

Paragraphs in the text column carry its indent in their style; a label (a sub-section's
number, an addressee, a term) hangs in the side column before a tab. Boxes are drawn from the
theme's box definitions: a run of paragraphs with the same borders and shading (quotes, the
content note), or a one-cell table in the column (key points, notices, asks), whose box never
splits.

Pages break by the PDF writer's rules (writers/pdf/breaks.py), in Word's terms: headings, an
ask's first paragraph and a term above its definition are never split and keep with the next
paragraph (keepLines, keepNext), whose widow control then keeps its first two lines with
them; every paragraph has widow control; boxes, quotes, a list of questions and each
reference are kept whole, the last two references together.
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
from ...theme.metrics import fits_side, width as text_width
from .. import in_text_column, quote_gap
from ..pdf.blocks import short_references
from .page import trainer_section
from .styles import BULLETS, NUMBERS, PARAGRAPHS, cell_rules, indent, twips
from .text import (add_bookmark, add_jump, add_link, add_picture, add_text, cells, child, element,
                   end_field, paragraph, shade_cell, start_field, table)

ROLE_STYLES = {"body": "Normal", "lead": "Lead", "note": "Note"}
BOXED = {style_id for style_id, _, _, place in PARAGRAPHS if place not in ("column", "page", "cell", "toc2")}
TOC_FIELD = r'TOC \o "1-2" \h \z \u'
CONTENTS_AFTER = 18  # points after the contents list, as in the PDF
BULLET = 12  # points from a bullet to its text
NUMBER = 16  # points from a list number to its text


@dataclass(frozen=True)
class Context:
    word: WordDocument
    body: BlockItemContainer
    theme: Theme
    width: int  # twips between the margins
    meta: d.Meta | None = None  # for the trainer's section's header and footer
    trainer_pages: int = 1  # the trainer's part's pages in the print layout
    bookmarks: Iterator[int] | None = None  # numbers the headings when there is a contents list

    @property
    def indent(self) -> int:
        return indent(self.theme)

    @property
    def side(self) -> int:
        """Return the width of the side column and its gutter (a share of the page when the
        theme has none)."""
        return self.indent or self.width * 28 // 100


def context(word: WordDocument, theme: Theme, width: int, toc: bool, meta: d.Meta | None = None,
            trainer_pages: int = 1) -> Context:
    return Context(word, word._body, theme, width, meta, trainer_pages, itertools.count(1) if toc else None)


def render(ctx: Context, block: d.Block, previous: d.Block | None = None) -> None:
    """Write `block`, which follows `previous`."""
    RENDERERS[type(block)](ctx, block, previous)


def side_free(ctx: Context, previous: d.Block | None) -> bool:
    """Return whether a block after `previous` may hang a label in the side column: not right
    under a sub-section's number hung there, where the two would read as one."""
    return not (isinstance(previous, d.Heading) and previous.level > 1 and previous.number and ctx.indent)


def keep(p, with_next: bool = True, whole: bool = True) -> None:
    """Keep `p` on the page of the next paragraph's first lines, and in one piece.

    Written with lxml, straight after the paragraph's style, where the schema orders them
    (python-docx's own setters search for that place: a tenth of a DOCX's time)."""
    props = p._p.get_or_add_pPr()
    style = props.find(_w("pStyle"))
    for tag, on in (("keepLines", whole), ("keepNext", with_next)):  # keepNext ends up first
        for old in props.findall(_w(tag)):
            props.remove(old)
        if on and style is not None:
            style.addnext(element(tag))
        elif on:
            props.insert(0, element(tag))


def label(heading: d.Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


def hang(p, left: int, at: int = 0) -> None:
    """Indent `p` to `left` twips with its first line starting at `at`: a hung label, then a
    tab to the text."""
    ind = p._p.pPr.get_or_add_ind()  # python-docx keeps the children of w:pPr in schema order
    ind.set(_w("left"), str(left))
    ind.set(_w("hanging"), str(left - at))


def list_item(container, style: str, text: d.Text, number: int, left: int, at: int):
    """Return a paragraph of list `number` (a w:numId: Word's own bullet or number, in the
    paragraph's style), its label at `at` twips and its text at `left`, as the PDF hangs them."""
    p = paragraph(container, style)
    props = p._p.pPr
    num = element("numPr")
    child(num, "ilvl", val=0)
    child(num, "numId", val=number)
    props.find(_w("pStyle")).addnext(num)
    hang(p, left, at)
    add_text(p, text)
    return p


def numbered_list(ctx: Context) -> int:
    """Return the w:numId of a new numbered list, which Word and LibreOffice start at 1."""
    numbering = ctx.word.part.numbering_part.element
    number = len(numbering.findall(_w("num"))) + 1
    num = child(numbering, "num", numId=number)
    child(num, "abstractNumId", val=NUMBERS)
    child(child(num, "lvlOverride", ilvl=0), "startOverride", val=1)
    return number


def labelled(container, style: str, text: d.Text | str, side: str, side_style: str, left: int,
             at: int = 0, line: float = 0):
    """Return a paragraph of `text` with `side` hung before it (after a tab), or without.

    A label in larger type would make its line taller than the paragraph's others, so with
    `line` (points) the paragraph's lines are exactly that far apart, as in the PDF.
    """
    p = paragraph(container, style)
    if side:
        add_text(p, (d.Run(side),), style=side_style)
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


def fold_gaps(ctx: Context) -> None:
    """Move each gap left after a block into the space before the paragraph that follows it.

    Word and LibreOffice drop the space before the first paragraph of a page, as the PDF does,
    but a gap is a paragraph of its own: at the top of a page it pushed what followed down
    (by a gap and the heading's space). As the space before, it is the larger of the gap and
    the paragraph's own, as reportlab lets a flowable's space before and the space after the
    one above overlap (and as LibreOffice does between two paragraphs). A gap stays where a
    table or a box made of bordered paragraphs follows: without it, two tables, or two such
    boxes, would join into one.
    """
    body = ctx.body._element
    before = {style_id: getattr(ctx.theme.text, text).before for style_id, _, text, _ in PARAGRAPHS}
    for gap_p in body.findall(_w("p")):
        if _style_of(gap_p) != "Gap" or gap_p.find(f".//{_w('br')}") is not None \
                or gap_p.find(f".//{_w('sectPr')}") is not None:  # a section's end
            continue
        following = gap_p.getnext()
        if following is None or following.tag != _w("p") or _style_of(following) in BOXED:
            continue
        props = following.find(_w("pPr"))
        spacing = props.find(_w("spacing")) if props is not None else None
        if props is None or props.find(_w("pageBreakBefore")) is None:
            points = int(gap_p.find(f"{_w('pPr')}/{_w('spacing')}").get(_w("line"))) / 20
            own = spacing.get(_w("before")) if spacing is not None else None
            start = int(own) / 20 if own is not None else before.get(_style_of(following), 0)
            _space_before(following, max(start, points))
        body.remove(gap_p)


def _widen_gap(p, points: float) -> bool:
    """Make the gap left just before paragraph `p` (after a box) at least `points` tall and
    return True; False if there is none. Space before a box is the larger of its own and the
    space after the block above, as in the PDF: a gap and a space before would add up."""
    above = p.getprevious()
    if above is None or above.tag != _w("p") or _style_of(above) != "Gap":
        return False
    spacing = above.find(f"{_w('pPr')}/{_w('spacing')}")
    spacing.set(_w("line"), str(max(int(spacing.get(_w("line"))), twips(points))))
    return True


def space_above_table(ctx: Context, points: float) -> None:
    """Leave at least `points` above the table written next: a table has no space before of its
    own, so the gap or the paragraph just above it is widened (the larger of the two spaces
    counts, as in the PDF)."""
    above = next((child for child in reversed(ctx.body._element) if child.tag != _w("sectPr")), None)
    if not points or above is None or above.tag != _w("p"):
        return
    spacing = above.get_or_add_pPr().get_or_add_spacing()
    if _style_of(above) == "Gap":
        spacing.set(_w("line"), str(max(int(spacing.get(_w("line"))), twips(points))))
        return
    own = spacing.get(_w("after"))
    after = {style_id: getattr(ctx.theme.text, text).after for style_id, _, text, _ in PARAGRAPHS}
    start = int(own) if own is not None else twips(after.get(_style_of(above) or "Normal", 0))
    spacing.set(_w("after"), str(max(start, twips(points))))


def _style_of(p) -> str:
    style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style.get(_w("val")) if style is not None else ""


def _space_before(p, points: float) -> None:
    p.get_or_add_pPr().get_or_add_spacing().set(_w("before"), str(twips(points)))


def contents(ctx: Context, headings: list[d.Heading], pages: tuple[int, ...], new_page: bool = False,
             scope: str = "") -> None:
    """Write a table of contents: a real TOC field, filled in as Word would fill it (entries
    linked to their headings, page numbers as PAGEREF fields showing `pages`, the print
    layout's), which a reader updates with F9; with `new_page`, at the top of a new page; with
    `scope`, a bookmark, of the headings inside it only (the briefing's, not the trainer's)."""
    title = paragraph(ctx.body, "TOCHeading", "Contents")
    if new_page:
        title.paragraph_format.page_break_before = True
        _space_before(title._p, 0)
    # Each heading's bookmark is numbered among all of them; front matter has no entry.
    listed = [(number, heading) for number, heading in enumerate(headings, 1) if heading.in_contents]
    for number, heading in listed:
        p = paragraph(ctx.body, f"TOC{heading.level}")
        child(p._p.pPr.get_or_add_tabs(), "tab", val="right", leader="dot", pos=ctx.width)
        if number == listed[0][0]:
            start_field(p, f"{TOC_FIELD} \\b {scope}" if scope else TOC_FIELD)
        add_jump(p, f"_Toc{number}", label(heading) + "\t")
        start_field(p, f"PAGEREF _Toc{number} \\h")
        add_text(p, str(pages[number - 1]) if number <= len(pages) else "")
        end_field(p)
        if number == listed[-1][0]:
            end_field(p)
            # The space after the list on its last entry, not a paragraph of its own that could
            # open the next page and push its heading down.
            p._p.pPr.get_or_add_spacing().set(_w("after"), str(twips(CONTENTS_AFTER)))


def heading(ctx: Context, block: d.Heading, previous: d.Block | None = None) -> None:
    numbered = block.level > 1 and block.number and ctx.indent
    # Front matter looks like a section's heading, but is body text to Word's outline, so
    # that the contents (TOC \o \u) leaves it out when Word updates it, as the print does.
    style = f"Heading{block.level}" if block.in_contents else "HeadingFront"
    p = labelled(ctx.body, style, block.text, block.number, "", ctx.indent) if numbered else \
        paragraph(ctx.body, style, label(block))
    if block.page_break:
        # Word keeps the space before a paragraph after a page break that it does not keep at
        # the top of any other page (nor does the PDF): the heading starts the page at its top.
        p.paragraph_format.page_break_before = True
        p._p.pPr.get_or_add_spacing().set(_w("before"), "0")
    if ctx.bookmarks is not None:
        number = next(ctx.bookmarks)
        add_bookmark(p, number, f"_Toc{number}")


def text_paragraph(ctx: Context, block: d.Paragraph, previous: d.Block | None = None) -> None:
    p = paragraph(ctx.body, ROLE_STYLES[block.role], block.text)
    # Kept with the next, it is kept whole too, as the PDF keeps it (writers/pdf/breaks.py).
    if block.keep_with_next or block.keep_together:
        keep(p, block.keep_with_next)


def bullets(ctx: Context, container, items: tuple[d.Text, ...], style: str, left: int, space_after: float,
            numbered: bool = False) -> list:
    """Write one bulleted (or numbered) paragraph per item, the bullet hung before the text;
    return the paragraphs."""
    shift = twips(NUMBER if numbered else BULLET)
    listed = numbered_list(ctx) if numbered else BULLETS
    out = []
    for number, item in enumerate(items, 1):
        p = list_item(container, style, item, listed, left + shift, left)
        if number < len(items):
            p._p.pPr.get_or_add_spacing().set(_w("after"), str(twips(space_after / 2)))
        out.append(p)
    return out


def bullet_list(ctx: Context, block: d.BulletList, previous: d.Block | None = None) -> None:
    bullets(ctx, ctx.body, block.items, "Normal", ctx.indent, ctx.theme.text.body.after, block.numbered)


def _box(ctx: Context, name: str):
    """Return the cell of a one-cell table in the text column drawn as the theme's box `name`."""
    box = getattr(ctx.theme.box, name)
    cell = cells(table(ctx.word, [ctx.width - ctx.indent], 1, indent=ctx.indent))[0][0]
    shade_cell(cell, box.fill and ctx.theme.colour_of(box.fill), [twips(p) for p in box.pad], **cell_rules(ctx.theme, box))
    gap(ctx, box.after)
    return cell


def boxed_text(ctx: Context, name: str, title: str, body: tuple) -> None:
    cell = _box(ctx, name)
    if title:
        paragraph(cell, "BoxTitle", title)
    for part in body:
        if isinstance(part, d.BulletList):
            bullets(ctx, cell, part.items, "BoxText", 0, ctx.theme.text.box_text.after, part.numbered)
        else:
            paragraph(cell, "BoxText", part.text)
    # The box's padding ends it, not the last paragraph's space after (nor does it in the PDF).
    cell.paragraphs[-1]._p.get_or_add_pPr().get_or_add_spacing().set(_w("after"), "0")


def content_note(ctx: Context, block: d.ContentNote, previous: d.Block | None = None) -> None:
    """Write the note as one boxed paragraph, kept on the page of the material it warns
    about; a box made of a table would not keep with what follows in LibreOffice."""
    keep(paragraph(ctx.body, "ContentNote", (d.Run("Content note: ", bold=True), *block.text)))
    gap(ctx, ctx.theme.box.content_note.after)


def key_points(ctx: Context, block: d.KeyPoints, previous: d.Block | None = None) -> None:
    boxed_text(ctx, "key_points", block.title, (d.BulletList(block.items),))


def notice(ctx: Context, block: d.Notice, previous: d.Block | None = None) -> None:
    boxed_text(ctx, block.kind, block.title, block.body)


def stats(ctx: Context, block: d.Stats, previous: d.Block | None = None) -> None:
    """Write the stat callouts side by side: number and label in a row, the sources in a row
    under it, so that they line up however many lines a label takes (as the PDF's do)."""
    box, count, gap_width = ctx.theme.box.stat, len(block.items), Mm(7).twips
    space_above_table(ctx, box.before)
    column = (ctx.width - gap_width * (count - 1)) // count
    widths = [w for _ in range(count) for w in (column, gap_width)][:-1]
    stats, sources = cells(table(ctx.word, widths, 2))
    rules = cell_rules(ctx.theme, box)
    for index, (cell, under) in enumerate(zip(stats, sources)):
        if index % 2:
            keep(paragraph(cell, "StatSource"))
            paragraph(under, "StatSource")
            continue
        stat = block.items[index // 2]
        shade_cell(cell, None, [twips(p) for p in box.pad], **rules)
        for p in (paragraph(cell, "StatValue", stat.value), paragraph(cell, "StatLabel", stat.label)):
            keep(p)  # the row on the page of the sources under it
        paragraph(under, "StatSource", stat.source)
    gap(ctx, box.after)


def finding(ctx: Context, block: d.Finding, previous: d.Block | None = None) -> None:
    """Write the headline (its style keeps it with the first lines of what follows) and the
    paragraphs, which break across pages as any paragraph does."""
    if block.headline:
        paragraph(ctx.body, "Item", block.headline)
    for text in block.paragraphs:
        paragraph(ctx.body, "Normal", text)


def quote(ctx: Context, block: d.Quote, previous: d.Block | None = None) -> None:
    """Write a pull quote, kept whole as the PDF's box is; a verbatim offender quote is grey and
    italic."""
    _quotes(ctx, "", (block,), block.verbatim)


def quote_group(ctx: Context, block: d.QuoteGroup, previous: d.Block | None = None) -> None:
    """Write verbatim quotes under their one label as one box: paragraphs with the same border
    in a row, which Word and LibreOffice draw as one rule down the group, a body line between
    the quotes, each kept whole, the last two together."""
    _quotes(ctx, block.label, block.quotes, True)


def _quotes(ctx: Context, label: str, quotes: tuple[d.Quote, ...], verbatim: bool) -> None:
    """Write quotes, one or a group under `label`, as bordered paragraphs in a row: the words,
    then the attribution, each quote kept whole, the last two together."""
    kind = "Verbatim" if verbatim else "Quote"
    box = ctx.theme.box.verbatim if verbatim else ctx.theme.box.quote
    first = paragraph(ctx.body, "VerbatimLabel", label) if label else None
    if first is not None:
        keep(first)
    for index, quote in enumerate(quotes):
        words = paragraph(ctx.body, "VerbatimQuote" if verbatim else "Quote", quote.text)
        keep(words)
        if index:  # inside the group's rule: no gap paragraph, which would cut it
            _space_before(words._p, quote_gap(ctx.theme))
        first = first if first is not None else words
        attribution = paragraph(ctx.body, f"{kind}Attribution", f"— {quote.attribution}")
        if index == len(quotes) - 2:  # the last quote never alone on a page, as the PDF keeps it
            keep(attribution)
    if box.before and not _widen_gap(first._p, box.before):
        _space_before(first._p, box.before)  # the larger of it and the space after
    gap(ctx, box.after)


def recommendation(ctx: Context, block: d.Recommendation, previous: d.Block | None = None) -> None:
    """Write the ask: its addressee as a label (in the side column where it fits and no
    sub-section's number is hung just above), the title in bold running into its text, the
    evidence at body size, the recommendation it draws on, the regulation and the progress.
    The label and the ask's paragraph keep with the first lines of what follows; the closing
    lines (basis, regulation, progress) go to a page together, with the last line of evidence,
    as the PDF keeps them."""
    theme = ctx.theme
    beside = bool(block.addressee) and side_free(ctx, previous) and fits_side(theme, "label", block.addressee)
    if block.addressee and not beside:  # a line of its own in the text column
        head = paragraph(ctx.body, "Normal")
        add_text(head, (d.Run(block.addressee),), style="SideLabel")
        keep(head)
    ask = (d.Run(block.title.rstrip(".") + ". ", bold=True), *block.text)  # a run-in heading: said once
    p = labelled(ctx.body, "Normal", ask, block.addressee if beside else "", "SideLabel", ctx.indent)
    if block.evidence or block.based_on or block.regulation or block.status:
        keep(p)
    evidence = bullets(ctx, ctx.body, block.evidence, "Normal", ctx.indent, theme.text.body.after) if block.evidence else []
    closing = []
    if block.based_on:
        closing.append(paragraph(ctx.body, "BasedOn", block.based_on))
    if block.regulation:
        closing.append(paragraph(ctx.body, "BasedOn", (d.Run("Regulation: ", bold=True), *block.regulation)))
    if block.status:
        closing.append(paragraph(ctx.body, "Progress", d.progress_line(block)))
    if closing:
        for kept in (evidence[-1:] + closing)[:-1]:
            keep(kept)
    gap(ctx, theme.text.body.line)


def asks_table(ctx: Context, block: d.AsksTable, previous: d.Block | None = None) -> None:
    columns = (d.Column("Ask"), d.Column("Status"), d.Column("As of"))
    widths = [ctx.width * 62 // 100, ctx.width * 24 // 100]
    data_table(ctx, d.Table(block.caption, columns, tuple((a.ask, a.status, a.as_of) for a in block.rows),
                            block.source), previous, widths + [ctx.width - sum(widths)])


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


def data_table(ctx: Context, block: d.Table, previous: d.Block | None = None,
               widths: list[int] | None = None) -> None:
    """Write a caption, a table whose header row repeats on each page, and its source; a table
    of a label and a value in the text column, as the PDF sets it."""
    theme = ctx.theme
    left = ctx.indent if widths is None and in_text_column(block.columns) else 0
    caption = paragraph(ctx.body, "Caption", block.caption)
    rows = cells(table(ctx.word, widths or _widths(block, ctx.width - left), len(block.rows) + 1, header=True,
                       indent=left))
    last_row = len(block.rows)  # rows[0] is the header
    for at, (name, row_cells, values) in enumerate([("head", rows[0], [c.label for c in block.columns])] +
                                                   [("row", r, v) for r, v in zip(rows[1:], block.rows)]):
        box = theme.box.table_head if name == "head" else theme.box.table_row
        rules = cell_rules(theme, box)
        for index, (column, cell, value) in enumerate(zip(block.columns, row_cells, values)):
            style = ("TableHeader" if name == "head" else "TableText") + ("Number" if column.numeric else "")
            style = style.replace("TableTextNumber", "TableNumber")
            p = paragraph(cell, style, value)
            if block.source and at == last_row:
                keep(p)  # the last row on the page of the source line, as the PDF keeps them
            pad = [twips(p) for p in box.pad]
            if index == 0:
                pad[3] = 0
            if index == len(row_cells) - 1:
                pad[1] = 0
            shade_cell(cell, box.fill and theme.colour_of(box.fill), pad, **rules)
            if name == "head":  # a header that wraps sits on its rule, as in the PDF
                child(cell._tc.tcPr, "vAlign", val="bottom")
    # Even without a source, a paragraph follows: Word merges tables that touch.
    source = paragraph(ctx.body, "Source", f"Source: {block.source}" if block.source else "")
    if left:  # in the text column, as wide as it (the styles' measure is from the margin)
        for p in (caption, source):
            hang(p, left, left)
            p._p.pPr.get_or_add_ind().set(_w("right"), "0")
    gap(ctx, 8)


def chart(ctx: Context, block: d.Chart, previous: d.Block | None = None) -> None:
    """Write the chart as a picture the width of the page's text, with alt text, in a
    single-spaced paragraph so nothing of it is clipped. Its data table follows as its own block."""
    paragraph(ctx.body, "Caption", block.caption)
    add_picture(paragraph(ctx.body, "Figure"), charts.png(block, ctx.theme), alt=block.alt,
                title=block.caption, width=Twips(ctx.width))
    if block.source:
        paragraph(ctx.body, "Source", f"Source: {block.source}")
    gap(ctx, 10)


def glossary(ctx: Context, block: d.Glossary, previous: d.Block | None = None) -> None:
    """Write each term hung in the side column beside its definition where it fits on one
    line of it, else in bold above its definition in the text column (as the PDF does).
    Paragraphs, not a table, so that LibreOffice keeps the heading with the first of them; the
    last two entries together, as the PDF keeps them."""
    for index, entry in enumerate(block.entries):
        free = index > 0 or side_free(ctx, previous)
        if free and fits_side(ctx.theme, "item", entry.term):
            p = labelled(ctx.body, "Normal", entry.definition, entry.term, "SideTerm", ctx.indent)
        else:
            paragraph(ctx.body, "Item", entry.term)  # its style keeps it with its definition
            p = paragraph(ctx.body, "Normal", entry.definition)
        if index == len(block.entries) - 2:
            keep(p)


def document_control(ctx: Context, block: d.DocumentControl, previous: d.Block | None = None) -> None:
    """Write the document's owner, version, review date and handling as a small table in the
    text column, ruled as the theme's tables are, kept on one page."""
    theme = ctx.theme
    row_box, rule = theme.box.table_row, theme.box.table_head.bottom
    column = ctx.width - ctx.indent
    first = min(twips(max(text_width(theme, "cell_head", name) for name, _ in block.rows)
                      + row_box.pad[1] + row_box.pad[3]), column * 2 // 5)
    grid = cells(table(ctx.word, [first, column - first], len(block.rows), indent=ctx.indent))
    rules = cell_rules(theme, row_box)
    for index, (row, (name, value)) in enumerate(zip(grid, block.rows)):
        edges = {**rules, "top": (theme.colour_of(rule.colour), rule.width)} if index == 0 and rule else rules
        for cell, style, text in ((row[0], "TableHeader", name), (row[1], "TableText", value)):
            p = paragraph(cell, style, text)
            if index < len(block.rows) - 1:
                keep(p, whole=False)  # every row on the page of the next: the table on one page
            pad = [twips(x) for x in row_box.pad]
            pad[3 if cell is row[0] else 1] = 0
            shade_cell(cell, row_box.fill and theme.colour_of(row_box.fill), pad, **edges)
    gap(ctx, row_box.after + 8)


def questions(ctx: Context, block: d.Questions, previous: d.Block | None = None) -> None:
    """Write the numbered questions, on one page when they fit on one."""
    listed = numbered_list(ctx)
    for number, item in enumerate(block.items, 1):
        p = list_item(ctx.body, "Normal", item, listed, ctx.indent + twips(NUMBER), ctx.indent)
        keep(p, number < len(block.items))


def answers(ctx: Context, block: d.Answers, previous: d.Block | None = None) -> None:
    """Write the trainer's part: a section of its own (page.trainer_section) under its title, a
    Word heading (in the navigation pane, as in the PDF's outline) that the contents leaves out:
    its TOC field lists the headings of the briefing's section only (`TOC ... \\b`)."""
    trainer_section(ctx.word, ctx.meta, ctx.trainer_pages, block.banner)
    title = paragraph(ctx.body, "Heading1", block.title)
    # Word keeps the space before the first paragraph of a section (the PDF does not): the
    # title starts the page at its top.
    _space_before(title._p, 0)
    listed = numbered_list(ctx)  # the questions' numbers, in bold as the questions are
    for question, answer in block.items:
        list_item(ctx.body, "Item", question, listed, ctx.indent + twips(NUMBER), ctx.indent)
        p = paragraph(ctx.body, "Normal", answer)
        hang(p, ctx.indent + twips(NUMBER), ctx.indent + twips(NUMBER))


def references(ctx: Context, block: d.References, previous: d.Block | None = None) -> None:
    """Write the references, each on one page, the last two together, so that no page holds
    only the tail of the list; a list the PDF keeps on one page, all together."""
    whole = short_references(block, ctx.theme)
    for number, reference in enumerate(block.items, 1):
        p = labelled(ctx.body, "Reference", reference.text, f"[{reference.number}]", "",
                     ctx.indent + twips(20), ctx.indent)
        keep(p, number == len(block.items) - 1 or whole and number < len(block.items))
        if reference.url:  # on a line of its own, free to break after each "/" (a zero-width space)
            child(child(p._p, "r"), "br")
            add_link(p, reference.url, d.Run(reference.url.replace("/", "/\u200b").rstrip("\u200b")))


RENDERERS = {
    d.Heading: heading, d.Paragraph: text_paragraph, d.BulletList: bullet_list,
    d.ContentNote: content_note, d.KeyPoints: key_points, d.Stats: stats, d.Finding: finding,
    d.Quote: quote, d.QuoteGroup: quote_group, d.Recommendation: recommendation, d.AsksTable: asks_table, d.Table: data_table,
    d.Chart: chart, d.Glossary: glossary, d.References: references, d.Notice: notice,
    d.Questions: questions, d.Answers: answers, d.DocumentControl: document_control,
}
