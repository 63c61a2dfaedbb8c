"""The HTML edition's stylesheet, generated from the theme's text styles, boxes and colours.

One scale turns the theme's points into CSS: 1rem is the theme's body size, so every size,
space, rule and padding keeps its print proportion to the body, and the body itself is the
reader's default font size (16px unless they have chosen larger). Lengths of the page grid
(side column, gutter, text column) go through the same scale, so a line of the HTML holds
as many characters as a line of the print PDF.
"""
from __future__ import annotations

import re

from ...theme import Box, TextStyle, Theme
from ...theme.metrics import width
from .. import quote_gap

MM = 72 / 25.4  # points per millimetre
# Where the side column sits beside the text and not above it: the width of side, gutter
# and text column together (in rem, the body size), so a phone, or 400% zoom, gets one column.
SIDE_BY_SIDE = "(min-width: {wide}rem)"
SAFE_FAMILY = re.compile(r"[^A-Za-z0-9 _-]")
# The text column holds at most this share of the theme's measure in average characters of
# the body face: lines break between words, and a line of narrow letters holds more than the
# average, so a column exactly `measure` characters wide gives lines longer than the measure.
MEASURE_SHARE = 0.85
SAMPLE = "Offenders are using AI to generate child sexual abuse material at scale, 2024: 3,512 images."
# Points from a reference's number to its text, as the print and the tagged PDF hang it.
REFERENCE_NUMBER = 20
# Below this width (in rem) a table of three or more columns of words is a card per row: on
# a phone three columns of ~75 px hold a word a line.
CARDS = "(max-width: 40rem)"

# The CSS class of each text style the template uses (the same name as in the theme).
STYLE_CLASSES = ("body", "lead", "note", "item", "kicker", "organisation", "title", "subtitle",
                 "meta", "occasion", "handling", "label", "box_title", "box_text", "stat", "stat_label", "quote",
                 "verbatim", "attribution", "basis", "progress", "caption", "source", "cell",
                 "cell_head", "reference", "marking", "footer")


def rem(theme: Theme, points: float) -> str:
    """Return `points` in rem, the theme's body size being 1rem: "0.571rem"."""
    return f"{points / theme.text.body.size:.4g}rem"


def text_rules(theme: Theme, style: TextStyle) -> list[str]:
    """Return the CSS declarations of one text style."""
    rules = [f"font-size: {rem(theme, style.size)}", f"line-height: {style.leading:g}",
             f"font-weight: {700 if style.bold else 400}",
             f"font-style: {'italic' if style.italic else 'normal'}",
             f"color: {theme.colour_of(style.colour)}",
             f"margin: {rem(theme, style.before)} 0 {rem(theme, style.after)}"]
    if style.caps:
        rules += ["text-transform: uppercase", "letter-spacing: 0.03em"]
    if style.keep_with_next:
        rules.append("break-after: avoid")
    return rules


def box_rules(theme: Theme, box: Box) -> list[str]:
    """Return the CSS declarations of one box: fill, rules on each side, padding, space before
    and after (CSS margins collapse, as the print's spaces do: the larger one counts)."""
    rules = [f"padding: {' '.join(rem(theme, p) for p in box.pad)}",
             f"margin: {rem(theme, box.before)} 0 {rem(theme, box.after)}", "break-inside: avoid"]
    if box.fill:
        rules.append(f"background: {theme.colour_of(box.fill)}")
    for side, rule in box.rules().items():
        # A hairline of the print edition stays visible on screen: at least one CSS pixel.
        rules.append(f"border-{side}: max(1px, {rem(theme, rule.width)}) solid {theme.colour_of(rule.colour)}")
    return rules


def _cell(rules: list[str]) -> list[str]:
    """Return a box's rules for a table cell: its padding, fill and rules, without the space
    after and the page-break rule, which belong to the table."""
    return [r for r in rules if not r.startswith(("margin", "break"))]


def _block(selector: str, rules: list[str]) -> str:
    return f"{selector} {{ {'; '.join(rules)}; }}"


def css(theme: Theme, faces: dict[str, str]) -> str:
    """Return the stylesheet for `theme`; `faces` maps a face name (regular, bold …) to the
    data: URI of its font, embedded so the edition makes no request."""
    family = SAFE_FAMILY.sub("", theme.font.family) or "sans-serif"
    page = theme.page
    side, gutter = page.side_mm * MM, page.gutter_mm * MM if page.side_mm else 0
    column = min(page.frame_mm * MM - side - gutter,
                 MEASURE_SHARE * page.measure * width(theme, "body", SAMPLE) / len(SAMPLE))
    out = [_font_face(family, name, uri) for name, uri in faces.items()]
    out.append(":root { " + "; ".join([
        f"--text: {theme.colour.text}", f"--accent: {theme.colour.accent}",
        f"--grey: {theme.colour.grey}", f"--tint: {theme.colour.tint}", f"--rule: {theme.colour.rule}",
        f"--side: {rem(theme, side)}", f"--gutter: {rem(theme, gutter)}",
        f"--column: {rem(theme, column)}", f"--page: {rem(theme, side + gutter + column)}",
        f"--reference-number: {rem(theme, REFERENCE_NUMBER)}"]) + "; }")
    out.append(_block("html", [f"font-family: '{family}', Arial, sans-serif", "font-size: 100%",
                               "color: var(--text)", "background: #FFFFFF",
                               "-webkit-text-size-adjust: 100%", "text-size-adjust: 100%"]))
    out += [_block(f".{name.replace('_', '-')}", text_rules(theme, getattr(theme.text, name)))
            for name in STYLE_CLASSES]
    out += [_block(f".box-{name.replace('_', '-')}", box_rules(theme, getattr(theme.box, name)))
            for name in type(theme.box).model_fields if not name.startswith("table")]
    out.append(_block("h2", text_rules(theme, theme.text.h1)))
    out.append(_block("h3", text_rules(theme, theme.text.h2)))
    out.append(_block("th", text_rules(theme, theme.text.cell_head)))
    out.append(_block("td, tbody th", text_rules(theme, theme.text.cell)))  # row labels as the print sets them
    out.append(_block(".control th", text_rules(theme, theme.text.cell_head)))
    # On a narrow window the title shrinks with it, down to the size of a section heading,
    # rather than filling a phone's screen with five lines.
    # On a phone the sections' headings step down, so the title still stands above them.
    out.append(_block("h1.title", [f"font-size: clamp({rem(theme, theme.text.h1.size * 1.2)}, 8vw, "
                                   f"{rem(theme, theme.text.title.size)})"]))
    out.append(f"@media {CARDS} {{ main > h2 {{ font-size: {rem(theme, theme.text.h1.size * 0.85)}; }} }}")
    # The cover's rule is the handling box's space after it below the box, as printed: the
    # cover's own padding (1rem) and the rest as the box's margin.
    out.append(_block(".cover > .box-handling:last-child",
                      [f"margin-bottom: max(0rem, {rem(theme, theme.box.handling.after)} - 1rem)"]))
    # A line's space between one recommendation and the next, as in the print edition, and a
    # paragraph's space above its progress line.
    out.append(_block(".recommendation", [f"margin-bottom: {rem(theme, theme.text.body.line)}"]))
    # A table's source note, then the table's space after, as printed (the note has none).
    out.append(_block(".scroll + .source", [f"margin-bottom: {rem(theme, theme.box.table_row.after + 8)}"]))
    # A cover as a band: the theme's cover box, its own padding and space after, no rule under it.
    band = theme.box.cover
    out.append(_block(".cover.box-cover", ["border-bottom: 0", f"padding: {' '.join(rem(theme, p) for p in band.pad)}",
                                          f"margin-bottom: {rem(theme, band.after)}"]))
    # The quotes of a group a body line apart, inside its one rule, as printed.
    out.append(_block(".verbatim-quotes figure + figure", [f"margin-top: {rem(theme, quote_gap(theme))}"]))
    # The stat callouts' space above them as a whole, as printed (each card has none of its own).
    out.append(_block("ul.stats", [f"margin-top: {rem(theme, theme.box.stat.before)}"]))
    above = max(theme.text.progress.before, theme.text.body.after)
    out.append(_block(".recommendation .progress-line", [f"margin-top: {rem(theme, above)}"]))
    out.append(_block("thead th", _cell(box_rules(theme, theme.box.table_head))))
    out.append(_block("tbody th, tbody td", _cell(box_rules(theme, theme.box.table_row))))
    # A row as a card: its rule under it, its cells' padding above and below only.
    row = theme.box.table_row
    card = [f"padding: {rem(theme, row.pad[0])} 0 {rem(theme, row.pad[2])}"] + [
        r for r in box_rules(theme, row) if r.startswith("border")]
    wide = (side + gutter + column) / theme.text.body.size + 2
    layout = LAYOUT.replace("{side_by_side}", SIDE_BY_SIDE.format(wide=f"{wide:.4g}")).replace("{cards}", CARDS)
    return "\n".join(out) + "\n" + layout.replace("{card}", "; ".join(card))


def _font_face(family: str, name: str, uri: str) -> str:
    weight = 700 if "bold" in name else 400
    style = "italic" if "italic" in name else "normal"
    return (f"@font-face {{ font-family: '{family}'; src: url({uri}) format('truetype'); "
            f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")


# The layout: a centred page the width of the print grid, one column until the side column
# fits, tables that scroll inside their own box rather than widening the page, and print.
LAYOUT = """
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; }
.page { max-width: calc(var(--page) + 2rem); margin: 0 auto; padding: 0 1rem; }
a { color: var(--accent); text-decoration-thickness: max(1px, 0.0625rem); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 0.15em; }
a:focus-visible, .scroll:focus-visible, main:focus-visible { outline: 3px solid #FFDD00; outline-offset: 0; box-shadow: 0 0 0 5px var(--text); }
.skip { position: absolute; left: 1rem; top: -100rem; background: #FFFFFF; padding: 0.5rem 1rem; z-index: 1; }
.skip:focus { top: 0.5rem; }
.page > main:first-child { padding-top: 1.5rem; }
.banner, .colophon { padding: 0.75rem 0; }
.banner { margin-bottom: 0.75rem; }
.colophon { border-top: 2px solid var(--accent); margin-top: 2.5rem; padding-bottom: 2rem; }
.banner p, .colophon p { margin: 0.25rem 0; }
.colophon .footer > span + span { white-space: nowrap; }  /* a narrow window wraps it between its parts */
.marking { text-align: center; }
.cover { margin-bottom: 1.5rem; padding-bottom: 1rem; border-bottom: 2px solid var(--accent); }
.cover .box-handling { max-width: var(--column); }
h1.title { margin-top: 0; }
main { display: block; }
main > *, .text { max-width: var(--column); }
main > .wide, main > .cover, main > .row, main > h2, main > nav { max-width: none; }
nav.contents { margin: 1.5rem 0; }
p, li, dd, dt, td, th, caption, figcaption { overflow-wrap: break-word; }
ul, ol { padding-left: 1.25rem; }
ul.plain, ol.plain { list-style: none; padding-left: 0; }
li { margin-bottom: 0.25rem; }
.box-title + ul, .box-text + ul { margin-top: 0; }
.as-written { text-transform: none; letter-spacing: normal; }
.side { margin-top: 0; }
.row { margin-top: 0; }
.row > .text > :first-child { margin-top: 0; }
.cite { white-space: nowrap; }  /* a citation never breaks; a line may start with it */
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1.5rem; list-style: none; padding: 0; }
.stats li { margin-top: 0; display: flex; flex-direction: column; }
.stats li .source { margin-top: auto; }  /* the sources of a row line up, as printed */
figure { margin: 0 0 1.5rem; }
figure svg { display: block; width: 100%; height: auto; margin-bottom: 0.5rem; }
figure svg.as-printed { display: none; }
figure svg.for-phone { max-width: 30rem; }
blockquote { margin: 0; }
.scroll { overflow-x: auto; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; }
th, td { text-align: left; vertical-align: top; }
/* Data tables as printed: flush with the text column's edges, header cells on their rule. */
.scroll thead th { vertical-align: bottom; }
.scroll th:first-child, .scroll td:first-child { padding-left: 0; }
.scroll th:last-child, .scroll td:last-child { padding-right: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
dl { margin: 0 0 1rem; }
dd { margin: 0; }
.references li { display: grid; grid-template-columns: var(--reference-number) minmax(0, 1fr); }
.references .url { display: block; overflow-wrap: anywhere; }
.glossary div { border-bottom: 1px solid var(--rule); padding: 0.25rem 0; }
.glossary div > dt { margin-top: 0; }
details.trainer-copy { margin: 2rem 0 1rem; border-left: 3px solid var(--accent); padding-left: 0.75rem; }
details.trainer-copy > summary { cursor: pointer; padding: 0.5rem 0; }
details.trainer-copy > summary > h2 { display: inline; margin: 0; }
details.trainer-copy > summary > .trainer-banner { display: block; margin-left: 1.1rem; font-weight: 700; font-size: 0.875rem; letter-spacing: 0.04em; text-transform: uppercase; }
.verbatim-quotes figure { margin: 0; }
.cell-label { display: none; }
@media {cards} {
  .stacked table, .stacked caption, .stacked tbody, .stacked tr, .stacked th, .stacked td { display: block; }
  .stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .stacked tbody tr { {card}; }
  .stacked tbody th, .stacked tbody td { border: 0; padding: 0; }
  .stacked tbody td { margin-top: 0.375rem; }
  .stacked tbody th { font-weight: 700; }
  .stacked .cell-label { display: block; font-weight: 700; color: var(--grey); }
}
table.control { width: 100%; max-width: var(--column); margin-bottom: 1rem; }  /* in the text column, as printed */
.control th { width: 1%; white-space: nowrap; }  /* as wide as the longest label */
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
nav ol { list-style: none; padding-left: 0; }
@media {side_by_side} {
  .row { display: grid; grid-template-columns: var(--side) minmax(0, var(--column)); column-gap: var(--gutter); }
  .row > .side { grid-column: 1; margin: 0; padding-top: 0.15rem; }
  .row > .text { grid-column: 2; }
  main > *:not(.wide):not(.cover):not(.row):not(h2):not(nav) { margin-left: calc(var(--side) + var(--gutter)); }
  .cover .box-handling { margin-left: calc(var(--side) + var(--gutter)); }  /* in the text column, as printed */
  main > h3 { position: relative; }
  h3 > .number { position: absolute; left: calc(-1 * (var(--side) + var(--gutter))); }
  .glossary div { display: grid; grid-template-columns: var(--side) minmax(0, 1fr); column-gap: var(--gutter); }
  figure svg.as-printed { display: block; }
  figure svg.for-phone { display: none; }
  nav.contents ol { columns: 2; column-gap: var(--gutter); }
  nav.contents li { break-inside: avoid; }
}
@media print {
  .skip, nav { display: none; }
  .page { max-width: none; padding: 0; }
  a { color: inherit; }
  .references a::after { content: none; }
  .page-break { break-before: page; }
  details.trainer-copy[open] { break-before: page; }  /* opened, the trainer's part prints on pages of its own */
  .keep-with-next { break-after: avoid; }
  .keep-together { break-inside: avoid; }
  .scroll { overflow: visible; }
  tr, figure, .stats li { break-inside: avoid; }
  figure svg.as-printed { display: block; }
  figure svg.for-phone { display: none; }
  thead { display: table-header-group; }
}
"""
