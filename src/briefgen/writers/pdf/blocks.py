"""The PDF writer's blocks: each document block, and the title block, as reportlab flowables."""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from ... import charts
from ... import document as d
from ...theme import Theme
from .breaks import Grid
from .page import HeadingParagraph, page_size
from .styles import colour, markup, styles

RULE = 3  # points: the accent rule to the left of key points, asks and quotes
PAD = 10  # points: inner padding of boxes
SHORT = 700  # characters: a finding this short is kept on one page


@dataclass(frozen=True)
class Kit:
    """What every block needs: the theme, its styles and the width of the text column."""

    theme: Theme
    styles: dict[str, ParagraphStyle]
    width: float

    def para(self, text: d.Text | str, style: str) -> Paragraph:
        """Return a Paragraph of `text` (runs, or a plain string), escaped so it stays literal."""
        source = escape(text) if isinstance(text, str) else markup(text, self.theme.colour.accent)
        return Paragraph(source, self.styles[style])

    def grid(self, rows: list, widths: list[float], style: list, **kw) -> Grid:
        """Return a Table in the theme font: reportlab draws even an empty cell in a font."""
        font = ("FONT", (0, 0), (-1, -1), self.styles["body"].fontName)
        return Grid(rows, colWidths=widths, style=[font] + style, hAlign="LEFT", **kw)


@functools.cache
def kit(theme: Theme) -> Kit:
    """Return the Kit for `theme`, built once per process."""
    width = page_size(theme)[0] - 2 * theme.page.margin_mm * mm
    return Kit(theme, styles(theme), width)


def flowables(block: d.Block, kit: Kit) -> list[Flowable]:
    """Return the flowables that show `block`."""
    return RENDER[type(block)](block, kit)


def title_block(meta: d.Meta, kit: Kit, contents: bool) -> list[Flowable]:
    """Return the first page's head: logo, organisation, title, audience, date, handling note."""
    out: list[Flowable] = [_logo(kit.theme)] if kit.theme.logo_png else []
    out += [kit.para(meta.organisation, "organisation"), kit.para(meta.title, "title")]
    if meta.subtitle:
        out.append(kit.para(meta.subtitle, "subtitle"))
    out.append(kit.para(f"Briefing for {meta.audience}", "strong"))
    out.append(kit.para(f"{meta.date}  ·  Version {meta.version}", "small"))
    if meta.handling_note:
        out += [Spacer(0, 6), kit.para(meta.handling_note, "note")]
    out.append(HRFlowable(width="100%", thickness=1.5, color=colour(kit.theme, "accent"),
                          spaceBefore=8, spaceAfter=14))
    if contents:
        out += _space_after([kit.para("Contents", "h2"), _contents(kit)], 14)
    return out


def _contents(kit: Kit) -> TableOfContents:
    rows = TableStyle([("FONT", (0, 0), (-1, -1), kit.styles["body"].fontName),
                       ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    return TableOfContents(levelStyles=[kit.styles["toc0"], kit.styles["toc1"]], dotsMinLevel=0,
                           tableStyle=rows)


def _logo(theme: Theme) -> Image:
    width, height = ImageReader(io.BytesIO(theme.logo_png)).getSize()
    tall = 14 * mm
    logo = Image(io.BytesIO(theme.logo_png), width * tall / height, tall, hAlign="LEFT")
    logo.spaceAfter = 10
    return logo


def _ruled(content: list[Flowable], kit: Kit, rule: str, tint: bool = False) -> Grid:
    """Return `content` beside a thick left rule of theme colour `rule`, on a tint if asked."""
    style = [("BACKGROUND", (0, 0), (0, 0), colour(kit.theme, rule)),
             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
             ("LEFTPADDING", (1, 0), (1, 0), PAD), ("RIGHTPADDING", (1, 0), (1, 0), PAD),
             ("TOPPADDING", (0, 0), (-1, -1), PAD * 0.6 if tint else 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), PAD * 0.6 if tint else 2)]
    if tint:
        style.append(("BACKGROUND", (1, 0), (1, 0), colour(kit.theme, "tint")))
    return kit.grid([["", content]], [RULE, kit.width - RULE], style, splitInRow=1,
                    spaceBefore=4, spaceAfter=12)


def _space_after(flowables: list[Flowable], points: float) -> list[Flowable]:
    """Return `flowables` with space after the last; unlike a Spacer, the frame merges it
    with the next block's space before (a heading's), instead of adding the two."""
    flowables[-1].spaceAfter = points
    return flowables


def _chain(flowables: list[Flowable]) -> list[Flowable]:
    """Return `flowables`, each kept on the page of the next (reportlab's keepWithNext)."""
    for flowable in flowables[:-1]:
        flowable.keepWithNext = 1
    return flowables


def _heading(block: d.Heading, kit: Kit) -> list[Flowable]:
    return [HeadingParagraph(block, kit.styles["h1" if block.level == 1 else "h2"])]


def _paragraph(block: d.Paragraph, kit: Kit) -> list[Flowable]:
    para = kit.para(block.text, block.role)
    return [_ruled([para], kit, "accent")] if block.role == "ask" else [para]


def _bullets(items: tuple[d.Text, ...], kit: Kit) -> list[Flowable]:
    return [Paragraph(markup(item, kit.theme.colour.accent), kit.styles["bullet"], bulletText="•")
            for item in items]


def _bullet_list(block: d.BulletList, kit: Kit) -> list[Flowable]:
    return _space_after(_bullets(block.items, kit), kit.styles["body"].spaceAfter)


def _content_note(block: d.ContentNote, kit: Kit) -> list[Flowable]:
    content = [kit.para("Content note", "strong"), kit.para(block.text, "box_text")]
    style = [("BOX", (0, 0), (-1, -1), 0.75, colour(kit.theme, "grey")),
             ("BACKGROUND", (0, 0), (-1, -1), colour(kit.theme, "tint")),
             ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
             ("TOPPADDING", (0, 0), (-1, -1), PAD * 0.6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), PAD * 0.6)]
    return [kit.grid([[content]], [kit.width], style, splitInRow=1, spaceBefore=4, spaceAfter=12)]


def _key_points(block: d.KeyPoints, kit: Kit) -> list[Flowable]:
    content = [kit.para(block.title, "box_title")] + _bullets(block.items, kit)
    return [_ruled(content, kit, "accent", tint=True)]


def _stats(block: d.Stats, kit: Kit) -> list[Flowable]:
    gap, count = 8 * mm, len(block.items)
    column = (kit.width - gap * (count - 1)) / count
    cells, widths = [], []
    for stat in block.items:
        cells += [[kit.para(stat.value, "stat"), kit.para(stat.label, "stat_label"),
                   kit.para(stat.source, "small")], ""]
        widths += [column, gap]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 4)]
    style += [("LINEABOVE", (2 * i, 0), (2 * i, 0), 2, colour(kit.theme, "accent"))
              for i in range(count)]
    return [kit.grid([cells[:-1]], widths[:-1], style, spaceBefore=6, spaceAfter=14)]


def _finding(block: d.Finding, kit: Kit) -> list[Flowable]:
    out = [kit.para(block.headline, "strong")] + [kit.para(p, "body") for p in block.paragraphs]
    short = sum(len(d.plain(p)) for p in block.paragraphs) < SHORT
    return _chain(out) if short else out


def _quote(block: d.Quote, kit: Kit) -> list[Flowable]:
    content = [kit.para("Verbatim offender quote", "label")] if block.verbatim else []
    content += [kit.para(block.text, "verbatim" if block.verbatim else "quote"),
                kit.para(f"— {block.attribution}", "small")]
    return [_ruled(content, kit, "grey" if block.verbatim else "accent")]


def _recommendation(block: d.Recommendation, kit: Kit) -> list[Flowable]:
    out = [kit.para(block.addressee.upper(), "label"), kit.para(block.title, "rec_title"),
           kit.para(block.text, "emphasis")]
    if block.status:
        status = escape(f"Progress: {block.status}, {block.progress_date}".rstrip(", ") + ".")
        progress = markup(block.progress, kit.theme.colour.accent)
        out.append(Paragraph(f"<b>{status}</b> {progress}", kit.styles["progress"]))
    return _space_after(_chain(out), 12)


def _table(block: d.Table, kit: Kit) -> list[Flowable]:
    head = [kit.para(c.label, "cell_head_num" if c.numeric else "cell_head") for c in block.columns]
    body = [[kit.para(cell, "cell_num" if column.numeric else "cell")
             for cell, column in zip(row, block.columns)] for row in block.rows]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
             ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
             ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
             ("LINEBELOW", (0, 0), (-1, 0), 1, colour(kit.theme, "text")),
             ("LINEBELOW", (0, 1), (-1, -1), 0.5, colour(kit.theme, "rule"))]
    # splitInRow: a row taller than a page is split inside, not a LayoutError.
    grid = kit.grid([head] + body, _widths(block, kit), style, repeatRows=1, splitInRow=1)
    out: list[Flowable] = [kit.para(block.caption, "caption"), grid]
    if block.source:
        out.append(kit.para(f"Source: {block.source}", "source"))
    return _space_after(out, 12)


def _widths(block: d.Table, kit: Kit) -> list[float]:
    """Return column widths filling the text column: numbers as wide as they need, text shares.

    Each text column's share follows its one-line width, held between an eighth and a half
    of the page so that one long cell cannot squeeze its neighbours to nothing.
    """
    style = kit.styles["cell_head"]

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
    data = charts.png(block, kit.theme)
    width, height = ImageReader(io.BytesIO(data)).getSize()
    figure = [kit.para(block.caption, "caption"),
              Image(io.BytesIO(data), kit.width, kit.width * height / width)]
    if block.source:
        figure.append(kit.para(f"Source: {block.source}", "source"))
    return _space_after(_chain(figure), 10)


def _glossary(block: d.Glossary, kit: Kit) -> list[Flowable]:
    """Return one two-column row per entry: a single long table would be re-measured at every
    page break, which makes a long glossary cost time in the square of its length."""
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 10),
             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    widths = [kit.width * 0.25, kit.width * 0.75]
    return [kit.grid([[kit.para(e.term, "emphasis"), kit.para(e.definition, "body")]], widths, style,
                     splitInRow=1) for e in block.entries]


def _references(block: d.References, kit: Kit) -> list[Flowable]:
    out = []
    for reference in block.items:
        text = escape(reference.text)
        if reference.url:
            link = d.Run(reference.url, link=reference.url)
            text += f"<br/>{markup((link,), kit.theme.colour.accent)}"
        out.append(Paragraph(text, kit.styles["reference"], bulletText=f"[{reference.number}]"))
    return out


RENDER = {
    d.Heading: _heading, d.Paragraph: _paragraph, d.BulletList: _bullet_list,
    d.ContentNote: _content_note, d.KeyPoints: _key_points, d.Stats: _stats,
    d.Finding: _finding, d.Quote: _quote, d.Recommendation: _recommendation,
    d.Table: _table, d.Chart: _chart, d.Glossary: _glossary, d.References: _references,
}
