"""The HTML edition: a Document as one self-contained, accessible web page, for screen readers,
phones and zoom, drawn with jinja2 (autoescape on) from the theme's one definition.

Everything is inside the file: the stylesheet (from the theme, `styles.py`), the theme's
faces as subsets, each chart as SVG (charts.py's drawing, its text as text), so it makes no
request. It has a contents list where the print edition has one, after the opening boxes.
"""
from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ... import charts
from ... import document as d
from ...theme import Theme, case_pieces
from .. import Output, in_text_column
from . import styles

NAME = "html"
SUFFIX = ".html"
HERE = Path(__file__).parent
ASKS_COLUMNS = (d.Column("Ask"), d.Column("Status"), d.Column("As of"))


def render(document: d.Document, theme: Theme) -> Output:
    """Return the HTML of `document`: the same document and theme give the same bytes."""
    items, contents = _items(document.blocks)
    html = _environment().get_template("briefing.html.j2").render(
        document=document, items=items, contents=contents, theme=theme,
        contents_at=_contents_at(document, theme), css=_stylesheet(theme, _characters(document)),
        logo=_uri("image/png", theme.logo_png), asks_columns=ASKS_COLUMNS)
    return Output(html.encode("utf-8"))


def has_contents(document: d.Document, theme: Theme) -> bool:
    """Return whether the print edition has a contents list: the PDF writer's rule, a list when
    the PDF runs past `meta.toc_from_pages` pages (the PDF is laid out only to know that)."""
    if not document.meta.toc_from_pages or not any(isinstance(b, d.Heading) for b in document.blocks):
        return False
    from .. import get

    return get("pdf").has_contents(document, theme)


def _contents_at(document: d.Document, theme: Theme) -> int | None:
    """Return the index of the block the contents list goes before, None when there is no
    list. It follows the opening, so a reader's first screen holds the briefing itself: the
    blocks before the first heading (the lead, key points, asks) or, in a document that
    opens with a heading, its first section ("About this handout")."""
    if not has_contents(document, theme):
        return None
    starts = [i for i, block in enumerate(document.blocks) if isinstance(block, d.Heading)
              and (block.level == 1 or i == 0)]
    return starts[0] if starts[0] > 0 or len(starts) == 1 else starts[1]


def _items(blocks: tuple[d.Block, ...]) -> tuple[list, list]:
    """Return (block type name, block, anchor) for each block, and the contents: each top
    heading (the first heading, whatever its level, and every level-1 one) with its anchor."""
    items, contents, headings = [], [], 0
    for index, block in enumerate(blocks):
        if isinstance(block, d.Heading):
            headings += 1
            anchor = f"section-{headings}"
            if (block.level == 1 or not contents) and block.in_contents:  # not front matter
                contents.append((block, anchor))
        else:
            anchor = f"block-{index + 1}"
        items.append((type(block).__name__, block, anchor))
    return items, contents


def stacks(columns: tuple[d.Column, ...]) -> bool:
    """Return whether a table's rows become cards on a phone: three columns or more, all of
    words (a table of numbers reads across, and fits)."""
    return len(columns) >= 3 and not any(c.numeric for c in columns)


@functools.cache
def _environment() -> jinja2.Environment:
    """Return the template environment: the package's templates, autoescape on for every
    template, undefined names an error."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.tests["safe_link"] = safe_link
    env.tests["stacked"] = stacks
    env.tests["wide_table"] = lambda columns: not in_text_column(columns)  # else in the text column, as printed
    env.filters.update(progress_line=d.progress_line, chart_svg=_chart_svg,
                       asks_row=lambda ask: (ask.ask, ask.status, ask.as_of),
                       heading_label=lambda h: f"{h.number} {h.text}".strip(),
                       cased=cased, cited=cited)
    return env


# A citation, "[1, p. 4]", whole, and the space before it; glued to the word before it (a
# no-break space) where it ends the text, give or take its punctuation.
CITATION = re.compile(r"([ \u00a0])(\[\d+(?:,\u00a0[^\]]*)?\])(?=([.,;:!?)”’]*$)?)")


def cited(text: str) -> Markup:
    """Return `text` escaped, each citation a span that never breaks; one that ends the text
    stays on the line of the word before it, as printed, never alone on a line of its own."""
    def span(match: re.Match) -> str:
        space = "\u00a0" if match.group(3) is not None else " "
        return f'{space}<span class="cite">{match.group(2)}</span>'
    return Markup(CITATION.sub(span, str(escape(text))))


def cased(text: str) -> Markup:
    """Return `text` escaped, each word that capitals would change ("MPs": theme.case_pieces)
    in a span set as written; a style in capitals (CSS text-transform) leaves those alone."""
    return Markup("".join(f'<span class="as-written">{escape(piece)}</span>' if kept else str(escape(piece))
                          for piece, kept in case_pieces(text)))


def safe_link(url) -> bool:
    """Return True for the only link targets a briefing may carry: https: and mailto:. The
    model already refuses others at load; a writer that escapes is not the place to trust it."""
    return isinstance(url, str) and url.lower().startswith(("https://", "mailto:"))


@jinja2.pass_context
def _chart_svg(context, chart: d.Chart, narrow: bool) -> Markup:
    """Return the chart's SVG (ours: numbers we format and text charts.py escapes) as a
    picture named by the chart's alt text."""
    drawn = charts.svg(chart, context["theme"], narrow)
    kind = "for-phone" if narrow else "as-printed"
    named = f'<svg class="drawing {kind}" role="img" aria-label="{escape(chart.alt)}" focusable="false" '
    return Markup(drawn.replace("<svg ", named, 1))


def _uri(kind: str, data: bytes | None) -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}" if data else ""


def _characters(document: d.Document) -> frozenset[int]:
    """Return the code points beyond ASCII the document's texts use, for the font subsets: its
    repr holds every text, and the rest of it (field names, numbers) is ASCII."""
    from ..docx.fonts import characters

    return characters([repr(document)])


@functools.lru_cache(maxsize=16)
def _stylesheet(theme: Theme, used: frozenset[int]) -> str:
    """Return the stylesheet with the theme's faces embedded, each holding `used` (cached: a
    batch of briefings that differ only in names shares one)."""
    from ..docx.fonts import embedded_font

    faces = {face: embedded_font(path, used) for face, path in theme.font.faces().items()}
    # Markup: the stylesheet is ours, made of validated theme values (colours match
    # #RRGGBB, the family name is cut to letters, digits, spaces and dashes).
    return Markup(styles.css(theme, {face: _uri("font/ttf", data) for face, data in faces.items() if data}))
