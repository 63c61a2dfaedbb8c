"""The PDF writer's blocks: each document block as reportlab flowables on the theme's grid.

The page has a side column (labels, numbers, figures, terms) left of a text column of a
readable measure; the cover, tables, charts and stat callouts span both. Every size, colour,
rule and padding comes from the theme's text styles and boxes.
"""
from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, Image, PageBreak, Paragraph, Spacer

from ... import charts
from ... import document as d
from ...theme import Box, Theme
from ...theme.metrics import fits_side
from .breaks import Grid, WholeParagraph
from .pictures import Picture
from .page import HeadingParagraph, page_size
from .styles import colour, indent, markup, paragraph_style

SHORT = 700  # characters: a finding this short is kept on one page
BULLET = 12  # points from a bullet to its text


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
        source = escape(text) if isinstance(text, str) else markup(text, self.theme.colour.accent)
        left = self.indent if left is None else left
        if label and getattr(self.theme.text, label_style or style).caps:
            label = label.upper()
        style_ = paragraph_style(self.theme, style, left, align, label_at if label else None,
                                 label_style or style, self.indent if measure else 0)
        return Paragraph(source, style_, bulletText=label or None)

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
        grid = self.grid(rows, widths, style, splitInRow=1, spaceAfter=box.after)
        return [grid]


@functools.cache
def kit(theme: Theme) -> Kit:
    """Return the Kit for `theme`, built once per process."""
    width = page_size(theme)[0] - 2 * theme.page.margin_mm * mm
    return Kit(theme, width, indent(theme))


def flowables(block: d.Block, kit: Kit) -> list[Flowable]:
    """Return the flowables that show `block`."""
    return RENDER[type(block)](block, kit)


def cover(meta: d.Meta, kit: Kit, contents: bool) -> list[Flowable]:
    """Return the first page's head, across the page: logo, the cover's label, organisation,
    title, subtitle, who and what it is for, date and version, and the handling note."""
    out: list[Flowable] = [_logo(kit.theme)] if kit.theme.logo_png else []
    if meta.kicker:
        out.append(kit.para(meta.kicker, "kicker", 0))
    out += [kit.para(meta.organisation, "organisation", 0), kit.para(meta.title, "title", 0)]
    if meta.subtitle:
        out.append(kit.para(meta.subtitle, "subtitle", 0, measure=True))
    facts = [meta.occasion, f"{meta.date}  ·  Version {meta.version}"]
    out += [kit.para(line, "meta", 0, measure=True) for line in facts if line]
    if meta.handling_note:
        out += [Spacer(0, 6), kit.para(meta.handling_note, "note", 0, measure=True)]
    out.append(HRFlowable(width="100%", thickness=1.5, color=colour(kit.theme, "accent"),
                          spaceBefore=10, spaceAfter=16))
    if contents:
        out += _contents(kit)
    return out


def _contents(kit: Kit) -> list[Flowable]:
    from reportlab.platypus.tableofcontents import TableOfContents

    rows = [("FONT", (0, 0), (-1, -1), paragraph_style(kit.theme, "toc", 0).fontName),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    styles = [paragraph_style(kit.theme, "toc", kit.indent), paragraph_style(kit.theme, "toc", kit.indent + 16)]
    toc = TableOfContents(levelStyles=styles, dotsMinLevel=0, tableStyle=rows)
    toc.spaceAfter = 18
    return [kit.para("Contents", "h2", kit.indent), toc]


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


def _heading(block: d.Heading, kit: Kit) -> list[Flowable]:
    style = "h1" if block.level == 1 else "h2"
    left = 0 if block.level == 1 else kit.indent
    hang = block.level > 1 and block.number and kit.indent
    paragraph = HeadingParagraph(block, paragraph_style(kit.theme, style, left, "left", 0 if hang else None,
                                                        style), hang_number=bool(hang))
    return ([PageBreak()] if block.page_break else []) + [paragraph]


def _paragraph(block: d.Paragraph, kit: Kit) -> list[Flowable]:
    paragraph = kit.para(block.text, block.role)
    if block.keep_together:
        paragraph = WholeParagraph(paragraph.text, paragraph.style)
    paragraph.keepWithNext = int(block.keep_with_next)
    return [paragraph]


def _bullets(items: tuple[d.Text, ...], kit: Kit, style: str = "body", left: float | None = None,
             numbered: bool = False) -> list[Flowable]:
    left = kit.indent if left is None else left
    shift = 16 if numbered else BULLET
    out = [kit.para(item, style, left + shift, label=f"{n}." if numbered else "•", label_at=left + 1)
           for n, item in enumerate(items, 1)]
    for paragraph in out[:-1]:
        paragraph.spaceAfter = getattr(kit.theme.text, style).after / 2  # a list's items sit closer
    return out


def _bullet_list(block: d.BulletList, kit: Kit) -> list[Flowable]:
    return _bullets(block.items, kit, numbered=block.numbered)


def _content_note(block: d.ContentNote, kit: Kit) -> list[Flowable]:
    return kit.box([kit.para((d.Run("Content note: ", bold=True), *block.text), "box_text", 0)], "content_note")


def _key_points(block: d.KeyPoints, kit: Kit) -> list[Flowable]:
    content = [kit.para(block.title, "box_title", 0)] + _bullets(block.items, kit, "box_text", 0)
    return kit.box(content, "key_points")


def _notice(block: d.Notice, kit: Kit) -> list[Flowable]:
    content = [kit.para(block.title, "box_title", 0)] if block.title else []
    for part in block.body:
        if isinstance(part, d.BulletList):
            content += _bullets(part.items, kit, "box_text", 0, part.numbered)
        else:
            content.append(kit.para(part.text, "box_text", 0))
    return kit.box(content, block.kind)


def _stats(block: d.Stats, kit: Kit) -> list[Flowable]:
    box, gap, count = kit.theme.box.stat, 7 * mm, len(block.items)
    column = (kit.width - gap * (count - 1)) / count
    cells, widths, style = [], [], []
    for index, stat in enumerate(block.items):
        cells += [[kit.para(stat.value, "stat", 0), kit.para(stat.label, "stat_label", 0),
                   kit.para(stat.source, "source", 0)], ""]
        widths += [column, gap]
        style += kit.boxed([], box, ((2 * index, 0), (2 * index, 0)))
    style += [("LEFTPADDING", (i, 0), (i, 0), 0) for i in range(1, 2 * count - 1, 2)]
    return [kit.grid([cells[:-1]], widths[:-1], style, spaceBefore=4, spaceAfter=box.after)]


def _finding(block: d.Finding, kit: Kit) -> list[Flowable]:
    figure = block.figure if block.figure and fits_side(kit.theme, "figure", block.figure) else ""
    texts = [(block.headline, "item")] if block.headline else []
    texts += [(p, "body") for p in block.paragraphs]
    out = [kit.para(text, style, label=figure, label_style="figure", label_at=0) if i == 0
           else kit.para(text, style) for i, (text, style) in enumerate(texts)]
    short = sum(len(d.plain(p)) for p in block.paragraphs) < SHORT
    return _chain(out) if short else _chain(out[:2]) + out[2:]


def _quote(block: d.Quote, kit: Kit) -> list[Flowable]:
    content = [kit.para("Verbatim offender quote", "label", 0)] if block.verbatim else []
    content += [kit.para(block.text, "verbatim" if block.verbatim else "quote", 0),
                kit.para(f"— {block.attribution}", "attribution", 0)]
    return kit.box(content, "verbatim" if block.verbatim else "quote")


def _recommendation(block: d.Recommendation, kit: Kit) -> list[Flowable]:
    label = block.addressee if block.addressee and fits_side(kit.theme, "label", block.addressee) else ""
    out = [kit.para(block.addressee, "label")] if block.addressee and not label else []
    ask = (d.Run(block.title.rstrip(".") + ". ", bold=True), *block.text)  # a run-in heading: said once
    out += [kit.para(ask, "body", label=label, label_style="label", label_at=0)]
    if block.based_on:
        out.append(kit.para(block.based_on, "note"))
    if block.evidence:
        out += _bullets(block.evidence, kit, "progress")
    if block.regulation:
        out.append(kit.para((d.Run("Regulation: ", bold=True), *block.regulation), "progress"))
    if block.status:
        out.append(kit.para(d.progress_line(block), "progress"))
    out = _chain(out)
    out[-1].spaceAfter = kit.theme.text.body.line  # a line's space between one ask and the next
    return out


def _asks_table(block: d.AsksTable, kit: Kit) -> list[Flowable]:
    table = d.Table(block.caption, (d.Column("Ask"), d.Column("Status"), d.Column("As of")),
                    tuple((a.ask, a.status, a.as_of) for a in block.rows), block.source)
    return _table(table, kit, widths=[kit.width * 0.62, kit.width * 0.24, kit.width * 0.14])


def _table(block: d.Table, kit: Kit, widths: list[float] | None = None) -> list[Flowable]:
    head = [kit.para(c.label, "cell_head", 0, "right" if c.numeric else "left") for c in block.columns]
    body = [[kit.para(cell, "cell", 0, "right" if column.numeric else "left")
             for cell, column in zip(row, block.columns)] for row in block.rows]
    theme = kit.theme
    style = kit.boxed([], theme.box.table_row, ((0, 1), (-1, -1)))
    style += kit.boxed([], theme.box.table_head, ((0, 0), (-1, 0)))
    style += [("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("LEFTPADDING", (0, 0), (0, -1), 0),
              ("RIGHTPADDING", (-1, 0), (-1, -1), 0)]
    # splitInRow: a row taller than a page is split inside, not a LayoutError.
    grid = kit.grid([head] + body, widths or _widths(block, kit), style, repeatRows=1, splitInRow=1)
    out: list[Flowable] = [kit.para(block.caption, "caption", 0, measure=True), grid]
    if block.source:
        out.append(kit.para(f"Source: {block.source}", "source", 0, measure=True))
    out[-1].spaceAfter = theme.box.table_row.after + 8
    return out


def _widths(block: d.Table, kit: Kit) -> list[float]:
    """Return column widths filling the page: numbers as wide as they need, text shares.

    Each text column's share follows its one-line width, held between an eighth and a half
    of the page so that one long cell cannot squeeze its neighbours to nothing.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = paragraph_style(kit.theme, "cell_head", 0)

    def natural(index: int) -> float:
        texts = [block.columns[index].label] + [row[index] for row in block.rows]
        return max(stringWidth(t, style.fontName, style.fontSize) for t in texts) + 10

    widths = [min(natural(i), kit.width / 4) if c.numeric
              else min(max(natural(i), kit.width / 8), kit.width / 2)
              for i, c in enumerate(block.columns)]
    numbers = sum(w for w, c in zip(widths, block.columns) if c.numeric)
    words = sum(widths) - numbers
    if words and numbers < kit.width * 0.6:
        share = (kit.width - numbers) / words
        return [w if c.numeric else w * share for w, c in zip(widths, block.columns)]
    return [w * kit.width / sum(widths) for w in widths]


def _chart(block: d.Chart, kit: Kit) -> list[Flowable]:
    """Return the chart's caption, picture and source; its data table is the plan's next block."""
    figure = [kit.para(block.caption, "caption", 0, measure=True), Picture(charts.png(block, kit.theme), kit.width)]
    if block.source:
        figure.append(kit.para(f"Source: {block.source}", "source", 0, measure=True))
    figure[-1].spaceAfter = 12
    return _chain(figure)


def _terms(rows: list[tuple[str, str, d.Text | str, str]], kit: Kit) -> list[Flowable]:
    """Return term-and-text pairs: the term hung in the side column where it fits on a line,
    else on a line of its own above its text (as the DOCX does: a table there would not keep
    with its heading in LibreOffice)."""
    out = []
    for term_style, term, text_style, text in rows:
        if fits_side(kit.theme, term_style, term):
            out.append(kit.para(text, text_style, label=term, label_style=term_style, label_at=0))
        else:
            out += _chain([kit.para(term, term_style, 0), kit.para(text, text_style)])
    return out


def _glossary(block: d.Glossary, kit: Kit) -> list[Flowable]:
    return _terms([("item", e.term, "body", e.definition) for e in block.entries], kit)


def _document_control(block: d.DocumentControl, kit: Kit) -> list[Flowable]:
    return _terms([("item", label, "body", value) for label, value in block.rows], kit)


def _questions(block: d.Questions, kit: Kit) -> list[Flowable]:
    return [kit.para(item, "body", kit.indent + 16, label=f"{n}.", label_at=kit.indent)
            for n, item in enumerate(block.items, 1)]


def _answers(block: d.Answers, kit: Kit) -> list[Flowable]:
    out = []
    for n, (question, answer) in enumerate(block.items, 1):
        out += _chain([kit.para(question, "item", kit.indent + 16, label=f"{n}.", label_at=kit.indent),
                       kit.para(answer, "body", kit.indent + 16)])
    return out


def _references(block: d.References, kit: Kit) -> list[Flowable]:
    style = paragraph_style(kit.theme, "reference", kit.indent + 20, "left", kit.indent, "reference")
    out = []
    for reference in block.items:
        text = escape(reference.text)
        if reference.url:
            lines = url_lines(reference.url, kit.width - style.leftIndent, style.fontName, style.fontSize)
            text += "<br/>" + "<br/>".join(markup((d.Run(line, link=reference.url),), kit.theme.colour.accent)
                                           for line in lines)
        out.append(Paragraph(text, style, bulletText=f"[{reference.number}]"))
    return out


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
    d.Finding: _finding, d.Quote: _quote, d.Recommendation: _recommendation,
    d.AsksTable: _asks_table, d.Table: _table, d.Chart: _chart, d.Glossary: _glossary,
    d.References: _references, d.Notice: _notice, d.Questions: _questions, d.Answers: _answers,
    d.DocumentControl: _document_control,
}
