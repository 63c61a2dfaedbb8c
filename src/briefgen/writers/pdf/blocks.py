"""The PDF writer's blocks: each document block as reportlab flowables on the theme's grid.

The page has a side column (sub-section numbers, addressees, terms) left of a text column of
a readable measure; the cover, tables, charts and stat callouts span both. Every size, colour,
rule and padding comes from the theme's text styles and boxes; where pages may break is in
breaks.py, by the rules the DOCX writer follows too.
"""
from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, Image, Indenter, NextPageTemplate, PageBreak, Paragraph

from ... import charts
from ... import document as d
from .. import WHOLE_SHARE, column_widths, in_text_column, quote_gap
from ...theme import Box, Theme
from ...theme.metrics import fits_side, width as text_width
from .breaks import Grid, WholeParagraph
from . import parsed
from .pictures import Picture
from .page import TRAINER, HeadingParagraph, PartTitle, page_size
from .styles import colour, indent, literal, markup, paragraph_style

BULLET = 12  # points from a bullet to its text
NUMBER = 16  # points from a list number to its text


@dataclass(frozen=True)
class Kit:
    """What every block needs: the theme, the frame's width and where the text column starts."""

    theme: Theme
    width: float
    indent: float

    @property
    def column(self) -> float:
        return self.width - self.indent

    @property
    def side(self) -> float:
        """Return the width left of the text column, for terms and labels (a share of the
        page when the theme has no side column)."""
        return self.indent or self.width * 0.28

    def para(self, text: d.Text | str, style: str, left: float | None = None, align: str = "left",
             label: str = "", label_style: str = "", label_at: float = 0,
             measure: bool = False) -> Paragraph:
        """Return a Paragraph of `text` (runs, or a plain string), escaped so it stays literal,
        in style `style`, starting `left` points from the margin (the text column if None),
        with `label` hung to its left at `label_at`; with `measure`, lines from the margin
        are no longer than the text column's."""
        shown = getattr(self.theme.text, style).shown
        source = literal(shown(text)) if isinstance(text, str) else markup(text, self.theme.colour.accent, shown)
        left = self.indent if left is None else left
        label = getattr(self.theme.text, label_style or style).shown(label)
        style_ = paragraph_style(self.theme, style, left, align, label_at if label else None,
                                 label_style or style, self.indent if measure else 0)
        return parsed.paragraph(source, style_, label or None)

    def grid(self, rows: list, widths: list[float], style: list, **kw) -> Grid:
        """Return a Table in the theme font: reportlab draws even an empty cell in a font."""
        font = ("FONT", (0, 0), (-1, -1), paragraph_style(self.theme, "body", 0).fontName)
        return Grid(rows, colWidths=widths, style=[font] + style, hAlign="LEFT", **kw)

    def boxed(self, content: list[Flowable], box: Box, cells: tuple = ((0, 0), (-1, -1)),
              ) -> list:
        """Return table commands that draw `box` (fill, rules, padding) over `cells`."""
        start, end = cells
        top, right, bottom, left = box.pad
        style = [("TOPPADDING", start, end, top), ("RIGHTPADDING", start, end, right),
                 ("BOTTOMPADDING", start, end, bottom), ("LEFTPADDING", start, end, left),
                 ("VALIGN", start, end, "TOP")]
        if box.fill:
            style.append(("BACKGROUND", start, end, colour(self.theme, box.fill)))
        for side, rule in box.rules().items():
            command = {"top": "LINEABOVE", "bottom": "LINEBELOW", "left": "LINEBEFORE",
                       "right": "LINEAFTER"}[side]
            style.append((command, start, end, rule.width, colour(self.theme, rule.colour)))
        return style

    def box(self, content: list[Flowable], name: str, column: bool = True) -> list[Flowable]:
        """Return `content` in the theme's box `name`, in the text column (or across the page)."""
        box = getattr(self.theme.box, name)
        rows, widths = ([["", content]], [self.indent, self.column]) if column and self.indent \
            else ([[content]], [self.width])
        cell = (len(widths) - 1, 0)
        style = self.boxed(content, box, (cell, cell))
        style += [("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0)] if len(widths) > 1 else []
        grid = self.grid(rows, widths, style, splitInRow=1, spaceBefore=box.before, spaceAfter=box.after)
        return [grid]


@functools.cache
def kit(theme: Theme) -> Kit:
    """Return the Kit for `theme`, built once per process."""
    width = page_size(theme)[0] - 2 * theme.page.margin_mm * mm
    return Kit(theme, width, indent(theme))


def flowables(block: d.Block, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the flowables that show `block`, which follows `previous`."""
    return RENDER[type(block)](block, kit, previous)


def side_free(previous: d.Block | None, kit: Kit) -> bool:
    """Return whether a block after `previous` may hang a label in the side column: not right
    under a sub-section's number hung there, where the two would read as one."""
    return not (isinstance(previous, d.Heading) and previous.level > 1 and previous.number and kit.indent)


def cover(meta: d.Meta, kit: Kit, toc: bool) -> list[Flowable]:
    """Return the first page's head, across the page: logo, the cover's label, organisation,
    title, subtitle, what it is for, date and version (in the theme's `cover` box, a band,
    for a `cover: band` audience, else over a rule), and the handling statement in its box;
    with `toc`, the contents list under it."""
    head: list[Flowable] = [_logo(kit.theme)] if kit.theme.logo_png else []
    if meta.kicker:
        head.append(kit.para(meta.kicker, "kicker", 0))
    head += [kit.para(meta.organisation, "organisation", 0), kit.para(meta.title, "title", 0)]
    if meta.subtitle:
        head.append(kit.para(meta.subtitle, "subtitle", 0, measure=True))
    if meta.occasion:
        head.append(kit.para(meta.occasion, "occasion", 0))
    head.append(kit.para(f"{meta.date}  ·  Version {meta.version}", "meta", 0, measure=True))
    band = meta.cover == "band"
    out = kit.box(head, "cover", column=False) if band else head
    if meta.handling_note:
        out += handling(meta.handling_note, kit)
    if not band:
        out.append(HRFlowable(width="100%", thickness=1.5, color=colour(kit.theme, "accent"),
                              spaceBefore=10, spaceAfter=16))
    if toc:
        out += contents(kit)
    return out


def handling(note: d.Text, kit: Kit) -> list[Flowable]:
    """Return the handling statement as the cover prints it: in the theme's `handling` box, in
    the text column, its edges on the body text's (the DOCX draws the same box)."""
    return kit.box([kit.para(note, "handling", 0)], "handling")


def contents(kit: Kit) -> list[Flowable]:
    """Return the contents list: its heading and the entries reportlab fills in (page.py)."""
    from reportlab.platypus.tableofcontents import TableOfContents

    rows = [("FONT", (0, 0), (-1, -1), paragraph_style(kit.theme, "toc", 0).fontName),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    styles = [paragraph_style(kit.theme, "toc", kit.indent), paragraph_style(kit.theme, "toc2", kit.indent + NUMBER)]
    toc = TableOfContents(levelStyles=styles, dotsMinLevel=0, tableStyle=rows)
    toc.spaceAfter = 18
    return [kit.para("Contents", "h1", 0), toc]  # a section's heading: the front matter's after it alike


def _logo(theme: Theme) -> Image:
    width, height = ImageReader(io.BytesIO(theme.logo_png)).getSize()
    tall = 14 * mm
    logo = Image(io.BytesIO(theme.logo_png), width * tall / height, tall, hAlign="LEFT")
    logo.spaceAfter = 10
    return logo


def _chain(flowables: list[Flowable]) -> list[Flowable]:
    """Return `flowables`, each kept on the page of the next (reportlab's keepWithNext)."""
    for flowable in flowables[:-1]:
        flowable.keepWithNext = 1
    return flowables


def _heading(block: d.Heading, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    style = "h1" if block.level == 1 else "h2"
    left = 0 if block.level == 1 else kit.indent
    hang = block.level > 1 and block.number and kit.indent
    paragraph = HeadingParagraph(block, paragraph_style(kit.theme, style, left, "left", 0 if hang else None,
                                                        style), hang_number=bool(hang),
                                 shown=getattr(kit.theme.text, style).shown)
    return ([PageBreak()] if block.page_break else []) + [paragraph]


def _paragraph(block: d.Paragraph, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    paragraph = kit.para(block.text, block.role)
    if block.keep_together:
        paragraph = WholeParagraph(paragraph.text, paragraph.style)
    paragraph.keepWithNext = int(block.keep_with_next)
    return [paragraph]


def _bullets(items: tuple[d.Text, ...], kit: Kit, style: str = "body", left: float | None = None,
             numbered: bool = False) -> list[Flowable]:
    left = kit.indent if left is None else left
    shift = NUMBER if numbered else BULLET
    out = [kit.para(item, style, left + shift, label=f"{n}." if numbered else "•", label_at=left + 1)
           for n, item in enumerate(items, 1)]
    for paragraph in out[:-1]:
        paragraph.spaceAfter = getattr(kit.theme.text, style).after / 2  # a list's items sit closer
    return out


def _bullet_list(block: d.BulletList, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    return _bullets(block.items, kit, numbered=block.numbered)


def _content_note(block: d.ContentNote, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    return kit.box([kit.para((d.Run("Content note: ", bold=True), *block.text), "box_text", 0)], "content_note")


def _key_points(block: d.KeyPoints, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    content = [kit.para(block.title, "box_title", 0)] + _bullets(block.items, kit, "box_text", 0)
    return kit.box(content, "key_points")


def _notice(block: d.Notice, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    content = [kit.para(block.title, "box_title", 0)] if block.title else []
    for part in block.body:
        if isinstance(part, d.BulletList):
            content += _bullets(part.items, kit, "box_text", 0, part.numbered)
        else:
            content.append(kit.para(part.text, "box_text", 0))
    return kit.box(content, block.kind)


def _stats(block: d.Stats, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the stat callouts side by side: number and label in a row, the sources in a row
    under it, so that they line up however many lines a label takes."""
    box, gap, count = kit.theme.box.stat, 7 * mm, len(block.items)
    column = (kit.width - gap * (count - 1)) / count
    stats, sources, widths, style = [], [], [], []
    for index, stat in enumerate(block.items):
        stats += [[kit.para(stat.value, "stat", 0), kit.para(stat.label, "stat_label", 0)], ""]
        sources += [kit.para(stat.source, "source", 0), ""]
        widths += [column, gap]
        style += kit.boxed([], box, ((2 * index, 0), (2 * index, 0)))
    last = 2 * count - 2
    style += [("LEFTPADDING", (i, 0), (i, 0), 0) for i in range(1, last, 2)]
    style += [(name, (0, 1), (last, 1), 0) for name in ("LEFTPADDING", "RIGHTPADDING", "BOTTOMPADDING")]
    style += [("TOPPADDING", (0, 1), (last, 1), kit.theme.text.stat_label.after + kit.theme.text.source.before),
              ("VALIGN", (0, 1), (last, 1), "TOP")]
    return [kit.grid([stats[:-1], sources[:-1]], widths[:-1], style, spaceBefore=box.before, spaceAfter=box.after)]


def _finding(block: d.Finding, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the headline, kept with the first lines of its paragraphs, which break across
    pages as any paragraph does."""
    out = [kit.para(block.headline, "item")] if block.headline else []
    out += [kit.para(p, "body") for p in block.paragraphs]
    return _chain(out[:2]) + out[2:] if block.headline else out


def _quote(block: d.Quote, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    content = [kit.para(block.text, "verbatim" if block.verbatim else "quote", 0),
               kit.para(f"— {block.attribution}", "attribution", 0)]
    return kit.box(content, "verbatim" if block.verbatim else "quote")


def _quote_group(block: d.QuoteGroup, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the group as one box, its rule down the left from the label to the last
    attribution, a row a quote: it breaks between quotes, never inside one, and never leaves
    the last quote alone on a page (Grid.keep_last)."""
    box = kit.theme.box.verbatim
    rows = []
    for index, quote in enumerate(block.quotes):
        content = [kit.para(block.label, "label", 0)] if index == 0 and block.label else []
        content += [kit.para(quote.text, "verbatim", 0), kit.para(f"— {quote.attribution}", "attribution", 0)]
        rows.append(["", content] if kit.indent else [content])
    widths = [kit.indent, kit.column] if kit.indent else [kit.width]
    cell = len(widths) - 1
    style = kit.boxed([], box, ((cell, 0), (cell, -1)))
    style.append(("TOPPADDING", (cell, 1), (cell, -1), quote_gap(kit.theme)))
    if kit.indent:
        style += [("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 0)]
    grid = kit.grid(rows, widths, style, spaceBefore=box.before, spaceAfter=box.after)
    grid.keep_last = True
    return [grid]


def _recommendation(block: d.Recommendation, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the ask: its addressee as a label (in the side column where it fits and no
    sub-section's number is hung just above), the title in bold running into its text, the
    evidence at body size, the recommendation it draws on, the regulation, and the progress.
    The label and the ask's paragraph keep with the first lines of what follows; the evidence
    breaks across pages as paragraphs do; the closing lines (basis, regulation, progress) go to
    a page together, with the last line of evidence, never on their own."""
    beside = bool(block.addressee) and side_free(previous, kit) and fits_side(kit.theme, "label", block.addressee)
    out = [kit.para(block.addressee, "label")] if block.addressee and not beside else []
    ask = (d.Run(block.title.rstrip(".") + ". ", bold=True), *block.text)  # a run-in heading: said once
    out.append(kit.para(ask, "body", label=block.addressee if beside else "", label_style="label", label_at=0))
    out = _chain(out)
    rest = _bullets(block.evidence, kit, "body") if block.evidence else []
    closing = []
    if block.based_on:
        closing.append(kit.para(block.based_on, "basis"))
    if block.regulation:
        closing.append(kit.para((d.Run("Regulation: ", bold=True), *block.regulation), "basis"))
    if block.status:
        closing.append(kit.para(d.progress_line(block), "progress"))
    if closing:
        _chain(rest[-1:] + closing)
    rest += closing
    if rest:
        out[-1].keepWithNext = 1
    out += rest
    out[-1].spaceAfter = kit.theme.text.body.line  # a line's space between one ask and the next
    return out


def _asks_table(block: d.AsksTable, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    table = d.Table(block.caption, (d.Column("Ask"), d.Column("Status"), d.Column("As of")),
                    tuple((a.ask, a.status, a.as_of) for a in block.rows), block.source)
    return _table(table, kit, previous, [kit.width * 0.62, kit.width * 0.24, kit.width * 0.14])


def _table(block: d.Table, kit: Kit, previous: d.Block | None = None,
           widths: list[float] | None = None) -> list[Flowable]:
    if widths is None and kit.indent and in_text_column(block.columns):
        column = Kit(kit.theme, kit.column, 0)  # the text column's width, moved to it
        return [Indenter(left=kit.indent), *_table(block, column, previous, column_widths(block, kit.theme, column.width)),
                Indenter(left=-kit.indent)]
    head = [kit.para(c.label, "cell_head", 0, "right" if c.numeric else "left") for c in block.columns]
    body = [[kit.para(cell, "cell", 0, "right" if column.numeric else "left")
             for cell, column in zip(row, block.columns)] for row in block.rows]
    theme = kit.theme
    # The source line is the table's last row, across it: it goes over a page break with the
    # last row of figures (Grid.keep_last), as the DOCX keeps that row with its source.
    last = -2 if block.source else -1
    style = kit.boxed([], theme.box.table_row, ((0, 1), (-1, last)))
    style += kit.boxed([], theme.box.table_head, ((0, 0), (-1, 0)))
    style += [("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("LEFTPADDING", (0, 0), (0, -1), 0),
              ("RIGHTPADDING", (-1, 0), (-1, -1), 0)]
    rows = [head] + body
    if block.source:
        source = theme.text.source
        rows.append([kit.para(f"Source: {block.source}", "source", 0, measure=True)] + [""] * (len(head) - 1))
        style += [("SPAN", (0, -1), (-1, -1)), ("LEFTPADDING", (0, -1), (-1, -1), 0),
                  ("TOPPADDING", (0, -1), (-1, -1), source.before), ("BOTTOMPADDING", (0, -1), (-1, -1), 0)]
    # splitInRow: a row taller than a page is split inside, not a LayoutError.
    grid = kit.grid(rows, widths or column_widths(block, kit.theme, kit.width), style, repeatRows=1, splitInRow=1,
                    spaceAfter=theme.box.table_row.after + 8)
    grid.keep_last = bool(block.source)
    return [kit.para(block.caption, "caption", 0, measure=True), grid]


def _chart(block: d.Chart, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the chart's caption, picture and source; its data table is the plan's next block."""
    figure = [kit.para(block.caption, "caption", 0, measure=True), Picture(charts.png(block, kit.theme), kit.width)]
    if block.source:
        figure.append(kit.para(f"Source: {block.source}", "source", 0, measure=True))
    figure[-1].spaceAfter = 12
    return _chain(figure)


def _glossary(block: d.Glossary, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return each term hung in the side column beside its definition where it fits on one
    line of it, else in bold above its definition in the text column (as the DOCX does); the
    last two together, as the references, so that the last never opens a page alone."""
    out = []
    for index, entry in enumerate(block.entries):
        free = index > 0 or side_free(previous, kit)
        if free and fits_side(kit.theme, "item", entry.term):
            out.append(kit.para(entry.definition, "body", label=entry.term, label_style="item", label_at=0))
        else:
            out += _chain([kit.para(entry.term, "item"), kit.para(entry.definition, "body")])
        if index == len(block.entries) - 2:
            out[-1].keepWithNext = 1
    return out


def _document_control(block: d.DocumentControl, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the document's owner, version, review date and handling as a small table in the
    text column, ruled as the theme's tables are, kept on one page."""
    theme = kit.theme
    head = max(text_width(theme, "cell_head", label) for label, _ in block.rows)
    pad = theme.box.table_row.pad
    first = min(head + pad[1] + pad[3], kit.column * 0.4)
    rows = [["", kit.para(label, "cell_head", 0), kit.para(value, "cell", 0)] for label, value in block.rows]
    style = kit.boxed([], theme.box.table_row, ((1, 0), (-1, -1)))
    rule = theme.box.table_head.bottom
    if rule:
        style.append(("LINEABOVE", (1, 0), (-1, 0), rule.width, colour(theme, rule.colour)))
    style += [("LEFTPADDING", (0, 0), (1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 0),
              ("RIGHTPADDING", (-1, 0), (-1, -1), 0)]
    grid = kit.grid(rows, [kit.indent, first, kit.column - first], style)
    # Kept on one page, as the DOCX keeps it: a one-cell table around it moves whole.
    whole = [(name, (0, 0), (0, 0), 0) for name in ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")]
    return [kit.grid([[grid]], [kit.width], whole, splitInRow=1, spaceAfter=theme.box.table_row.after + 8)]


def _questions(block: d.Questions, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the numbered questions, on one page when they fit on one: each kept with the next,
    the last one whole (so the group moves on rather than split; taller than a page, it flows)."""
    style = paragraph_style(kit.theme, "body", kit.indent + NUMBER, "left", kit.indent, "body")
    items = [WholeParagraph(markup(item, kit.theme.colour.accent, kit.theme.text.body.shown), style,
                            bulletText=f"{n}.")
             for n, item in enumerate(block.items, 1)]
    return _chain(items)


def _answers(block: d.Answers, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the trainer's part: on pages of its own (the trainer's page template: its banner,
    its own page numbers), under its title, which is in the outline but not the contents."""
    title = PartTitle(kit.theme.text.h1.shown(block.title), paragraph_style(kit.theme, "h1", 0))
    out: list[Flowable] = [NextPageTemplate(TRAINER), PageBreak(), title]
    for n, (question, answer) in enumerate(block.items, 1):
        out += _chain([kit.para(question, "item", kit.indent + NUMBER, label=f"{n}.", label_at=kit.indent),
                       kit.para(answer, "body", kit.indent + NUMBER)])
    return out


def _references(block: d.References, kit: Kit, previous: d.Block | None = None) -> list[Flowable]:
    """Return the references, each on one page, the last two together, so that no page holds
    only the tail of the list; a short list (`short_references`) all together."""
    style = paragraph_style(kit.theme, "reference", kit.indent + 20, "left", kit.indent, "reference")
    out: list[Flowable] = []
    for reference in block.items:
        text = literal(reference.text)
        if reference.url:
            lines = url_lines(reference.url, kit.width - style.leftIndent, style.fontName, style.fontSize)
            text += "<br/>" + "<br/>".join(markup((d.Run(line, link=reference.url),), kit.theme.colour.accent)
                                           for line in lines)
        out.append(WholeParagraph(text, style, bulletText=f"[{reference.number}]"))
    kept = out[:-1] if _short(out, kit) else out[-2:-1]
    for flowable in kept:
        flowable.keepWithNext = 1
    return out


def _short(flowables: list[Flowable], kit: Kit) -> bool:
    """Return whether `flowables` fill no more than WHOLE_SHARE of the page's text area."""
    height = page_size(kit.theme)[1] - 2 * kit.theme.page.margin_mm * mm
    return sum(f.wrap(kit.width, height)[1] + f.getSpaceAfter() for f in flowables) <= WHOLE_SHARE * height


@functools.lru_cache(maxsize=64)  # a batch's briefings share their references
def short_references(block: d.References, theme: Theme) -> bool:
    """Return whether the PDF keeps the whole list on one page (the DOCX keeps it so too)."""
    return _short(_references(block, kit(theme)), kit(theme))


def url_lines(url: str, width: float, font: str, size: float) -> list[str]:
    """Return `url` in lines no wider than `width`, broken only after a "/" or a "-": reportlab
    would otherwise cut a long one inside a word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = [""]
    for piece in re.findall(r"[^/-]*[/-]+|[^/-]+$", url):
        if lines[-1] and stringWidth(lines[-1] + piece, font, size) > width:
            lines.append("")
        lines[-1] += piece
    return lines


RENDER = {
    d.Heading: _heading, d.Paragraph: _paragraph, d.BulletList: _bullet_list,
    d.ContentNote: _content_note, d.KeyPoints: _key_points, d.Stats: _stats,
    d.Finding: _finding, d.Quote: _quote, d.QuoteGroup: _quote_group, d.Recommendation: _recommendation,
    d.AsksTable: _asks_table, d.Table: _table, d.Chart: _chart, d.Glossary: _glossary,
    d.References: _references, d.Notice: _notice, d.Questions: _questions, d.Answers: _answers,
    d.DocumentControl: _document_control,
}
