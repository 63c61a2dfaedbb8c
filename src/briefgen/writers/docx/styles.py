"""The style sheet, bullet numbering and page geometry of a briefing, as data from the theme."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from docx.shared import Length, Mm
from lxml import etree

from ...theme import Theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Children of w:pPr and w:rPr must appear in schema order, or Word refuses the file.
PPR_ORDER = ("keepNext", "keepLines", "widowControl", "numPr", "pBdr", "shd", "tabs", "spacing",
             "ind", "jc", "outlineLvl")
RPR_ORDER = ("rFonts", "b", "bCs", "i", "iCs", "caps", "color", "spacing", "sz", "szCs", "u",
             "lang")
BULLETS = 1  # the w:numId of every bullet list
NUMBERS = 1  # the w:abstractNumId of numbered lists: each list a w:num of its own, from 1

Props = dict  # element name -> its w: attributes; a dict value is a child element


@dataclass(frozen=True)
class Style:
    id: str
    name: str  # Word's own name for built-in styles ("heading 1"), so navigation and TOC work
    p: Props = field(default_factory=dict)
    r: Props = field(default_factory=dict)
    base: str | None = "Normal"
    kind: str = "paragraph"


def page_size(theme: Theme) -> tuple[Length, Length]:
    """Return the page's width and height."""
    width, height = theme.page.mm
    return Mm(width), Mm(height)


def text_width(theme: Theme) -> Length:
    """Return the width between the margins."""
    return Length(page_size(theme)[0] - Mm(2 * theme.page.margin_mm))


def twips(points: float) -> int:
    return round(points * 20)


def _half_points(points: float) -> int:
    return round(points * 2)


def _spacing_in_points(before: float = 0, after: float = 0, line: float | None = None, font_line: float = 1.0) -> Props:
    """Return w:spacing: points before and after, and `line` times the font size between lines.

    Word's "auto" line spacing multiplies the font's own line height (`font_line` em), not its
    size, so the multiple is divided by it: both writers then set the same leading.
    """
    spacing = {"before": twips(before), "after": twips(after)}
    if line is not None:
        spacing.update(line=round(240 * line / font_line), lineRule="auto")
    return spacing


@lru_cache(maxsize=4)
def font_line_height(font: Path) -> float:
    """Return the natural line height of a TrueType font, in em (what Word spaces lines by)."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as ttf:
        hhea, units = ttf["hhea"], ttf["head"].unitsPerEm
        return (hhea.ascent - hhea.descent + hhea.lineGap) / units


def _text(size: float | None = None, colour: str | None = None, bold: bool = False,
          italic: bool = False, caps: bool = False) -> Props:
    """Return run properties. Capitals (`caps`) are Word's, so the text keeps the case it was
    written in (text.add_text turns them off for a word such as "MPs"), without the
    letter-spacing the PDF has not either."""
    props: Props = {}
    if bold:
        props.update(b={}, bCs={})
    if italic:
        props.update(i={}, iCs={})
    if caps:
        props["caps"] = {}
    if colour:
        props["color"] = {"val": colour.lstrip("#")}
    if size:
        props.update(sz={"val": _half_points(size)}, szCs={"val": _half_points(size)})
    return props


def run_props(theme: Theme, name: str) -> Props:
    """Return the run properties of the theme's text style `name`."""
    style = getattr(theme.text, name)
    return _text(style.size, theme.colour_of(style.colour), style.bold, style.italic, style.caps)


def rule(theme: Theme, width: float, colour: str, space: float = 0) -> Props:
    """Return a border: `width` points of theme colour `colour`, `space` points from the text."""
    return {"val": "single", "sz": max(2, round(width * 8)), "space": min(31, round(space)),
            "color": theme.colour_of(colour).lstrip("#")}


def indent(theme: Theme) -> int:
    """Return where the text column starts, from the left margin, in twips."""
    return Mm(theme.page.indent_mm).twips


def box_props(theme: Theme, name: str) -> Props:
    """Return paragraph borders and shading that draw the theme's box `name` around a run of
    paragraphs in the text column, and the indents that put its left edge on the column.

    Word and LibreOffice join the borders of consecutive paragraphs that have the same ones,
    so the run of paragraphs is one box; sides without a rule get one in the fill's colour,
    which pads the shading out to the box's edge.
    """
    box = getattr(theme.box, name)
    top, right, bottom, left = box.pad
    fill = box.fill or "white"
    edges = {}
    for side, pad in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        line = box.rules().get(side)
        if line:
            edges[side] = rule(theme, line.width, line.colour, pad)
        elif box.fill:
            edges[side] = rule(theme, 0.25, fill, pad)
    width = box.left.width if box.left else 0
    props: Props = {"pBdr": edges, "ind": {"left": indent(theme) + twips(width + left), "right": twips(right)}}
    if box.fill:
        props["shd"] = {"val": "clear", "color": "auto", "fill": theme.colour_of(fill).lstrip("#")}
    return props


# (Word style id, Word name, theme text style, where it sits): "column" starts at the text
# column, "page" at the margin, "cell" inside a table cell; a box name puts it in that box.
PARAGRAPHS = (
    ("Normal", "Normal", "body", "column"), ("Lead", "Lead", "lead", "column"),
    ("Note", "Note", "note", "column"), ("Heading1", "heading 1", "h1", "page"),
    ("Heading2", "heading 2", "h2", "column"), ("Item", "Item", "item", "column"),
    ("Kicker", "Kicker", "kicker", "page"), ("Organisation", "Organisation", "organisation", "page"),
    ("Title", "Title", "title", "page"), ("Subtitle", "Subtitle", "subtitle", "page"),
    ("Meta", "Cover Details", "meta", "page"), ("Occasion", "Cover Occasion", "occasion", "page"),
    ("Handling", "Handling Note", "handling", "cell"),
    ("Progress", "Progress", "progress", "column"), ("BasedOn", "Based On", "basis", "column"),
    ("ListBullet", "List Bullet", "body", "column"), ("Caption", "caption", "caption", "page"),
    ("Source", "Source", "source", "page"), ("Reference", "Reference", "reference", "column"),
    ("StatValue", "Stat Value", "stat", "cell"), ("StatLabel", "Stat Label", "stat_label", "cell"),
    ("StatSource", "Stat Source", "source", "cell"), ("TableText", "Table Text", "cell", "cell"),
    ("TableHeader", "Table Header", "cell_head", "cell"), ("BoxTitle", "Box Title", "box_title", "cell"),
    ("BoxText", "Box Text", "box_text", "cell"),
    ("Quote", "Quote", "quote", "quote"), ("QuoteAttribution", "Quote Attribution", "attribution", "quote"),
    ("VerbatimLabel", "Verbatim Label", "label", "verbatim"),
    ("VerbatimQuote", "Verbatim Quote", "verbatim", "verbatim"),
    ("VerbatimAttribution", "Verbatim Attribution", "attribution", "verbatim"),
    ("ContentNote", "Content Note", "box_text", "content_note"),
    ("Marking", "Marking", "marking", "page"), ("Header", "header", "footer", "page"),
    ("Footer", "footer", "footer", "page"), ("TOCHeading", "TOC Heading", "h1", "page"),
    ("TOC1", "toc 1", "toc", "column"), ("TOC2", "toc 2", "toc2", "toc2"),
)
SUB_ENTRY = 16  # points a sub-section's contents entry is indented under its section's, as in the PDF
NARROW = {"subtitle", "meta", "note", "caption", "source"}  # text styles across the page, at a measure
CHARACTERS = (("SideLabel", "Side Label", "label"),
              ("SideTerm", "Side Term", "item"))


def sheet(theme: Theme) -> list[Style]:
    """Return every style a briefing uses, each from one of the theme's text styles and boxes."""
    line = _spacing_partial(theme)
    styles = []
    for style_id, name, text, place in PARAGRAPHS:
        spec = getattr(theme.text, text)
        p: Props = {}
        if spec.keep_with_next:
            p["keepNext"] = {}
        p.update(widowControl={}, spacing=line(spec.before, spec.after, spec.leading))
        if place == "column":
            p["ind"] = {"left": indent(theme)}
        elif place == "toc2":
            p["ind"] = {"left": indent(theme) + twips(SUB_ENTRY)}
        elif place == "cell":
            p["ind"] = {"left": 0}
        elif place == "page":  # from the margin; text lines no longer than the text column's
            p["ind"] = {"left": 0, "right": indent(theme) if text in NARROW else 0}
        else:
            p.update(box_props(theme, place))
        if spec.keep_with_next:  # a heading, a head, a caption: never split, kept with what follows
            p["keepLines"] = {}
        if style_id.startswith("Heading"):
            p["outlineLvl"] = {"val": int(style_id[-1]) - 1}
        if style_id == "Marking":
            p["jc"] = {"val": "center"}
        if style_id == "Footer":  # "Page N of M" at the right margin
            p["tabs"] = {"tab": {"val": "right", "pos": text_width(theme).twips}}
        styles.append(Style(style_id, name, p, run_props(theme, text), base=None if style_id == "Normal" else "Normal"))
    styles += [
        # A section's heading that is body text to Word's outline: front matter, which the
        # contents leaves out when Word updates it (TOC \o \u).
        Style("HeadingFront", "Heading Front Matter", {"outlineLvl": {"val": 9}}, base="Heading1"),
        Style("TableNumber", "Table Number", {"jc": {"val": "right"}}, base="TableText"),
        Style("TableHeaderNumber", "Table Header Number", {"jc": {"val": "right"}}, base="TableHeader"),
        Style("Figure", "Figure", {"keepNext": {}, "spacing": {"before": 0, "after": twips(2), "line": 240,
                                                                "lineRule": "auto"}, "ind": {"left": 0}}),
        Style("Gap", "Block Gap", {"spacing": {"before": 0, "after": 0, "line": 20, "lineRule": "exact"}},
              _text(1)),
        Style("Rule", "Cover Rule", {"pBdr": {"bottom": rule(theme, 1.5, "accent", 0)},
                                     "spacing": {"before": 0, "after": twips(16), "line": 20, "lineRule": "exact"},
                                     "ind": {"left": 0}}, _text(1)),
    ]
    styles += [Style(style_id, name, r=run_props(theme, text), base="DefaultParagraphFont", kind="character")
               for style_id, name, text in CHARACTERS]
    return styles + [
        Style("DefaultParagraphFont", "Default Paragraph Font", base=None, kind="character"),
        Style("Hyperlink", "Hyperlink", base="DefaultParagraphFont", kind="character",
              r={**_text(colour=theme.colour.accent), "u": {"val": "single"}}),
        Style("TableNormal", "Normal Table", base=None, kind="table"),
    ]


def caps_styles(theme: Theme) -> set[str]:
    """Return the ids of the paragraph and character styles that print in capitals."""
    return {style_id for style_id, _, text, *_ in PARAGRAPHS + CHARACTERS if getattr(theme.text, text).caps}


def _spacing_partial(theme: Theme):
    return partial(_spacing_in_points, font_line=font_line_height(theme.font.regular))


def _element(tag: str, attributes: Props, order: tuple[str, ...] = ()) -> etree._Element:
    node = etree.Element(f"{{{W}}}{tag}")
    children = sorted((k for k, v in attributes.items() if isinstance(v, dict)),
                      key=lambda k: order.index(k) if k in order else 0)
    for key, value in attributes.items():
        if not isinstance(value, dict):
            node.set(f"{{{W}}}{key}", str(value))
    for key in children:
        node.append(_element(key, attributes[key]))
    return node


def _style_element(style: Style) -> etree._Element:
    node = _element("style", {"type": style.kind, "styleId": style.id, "name": {"val": style.name}})
    if style.base:
        node.append(_element("basedOn", {"val": style.base}))
    if style.base is None:
        node.set(f"{{{W}}}default", "1")
    if style.kind == "paragraph":
        node.append(_element("qFormat", {}))
    if style.p:
        node.append(_element("pPr", style.p, PPR_ORDER))
    if style.r:
        node.append(_element("rPr", style.r, RPR_ORDER))
    return node


def styles_xml(theme: Theme) -> bytes:
    """Return styles.xml: document defaults (font, size, colour, language) and every style.

    The language is a placeholder that `set_language` replaces for each document.
    """
    family = theme.font.family
    fonts = {"ascii": family, "hAnsi": family, "eastAsia": family, "cs": family}
    defaults = {"rFonts": fonts, **_text(theme.text.body.size, theme.colour.text),
                "lang": {"val": "en-GB"}}
    root = etree.Element(f"{{{W}}}styles", nsmap={"w": W})
    docdefaults = etree.SubElement(root, f"{{{W}}}docDefaults")
    etree.SubElement(docdefaults, f"{{{W}}}rPrDefault").append(_element("rPr", defaults, RPR_ORDER))
    root.extend(_style_element(style) for style in sheet(theme))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_language(styles: etree._Element, language: str) -> None:
    """Set the language of the document defaults, which spelling and hyphenation follow."""
    styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}lang").set(
        f"{{{W}}}val", language)


def numbering_xml(theme: Theme) -> bytes:
    """Return numbering.xml: Word's own bullets ("•") and numbers ("1."), so that an editor who
    adds an item (a question) has the list renumber itself. Each paragraph sets its own indent
    (the writer's hang), and its style the label's font, as the PDF sets the label in the
    item's style; numbered lists each restart at 1 (blocks.numbered_list)."""
    def level(kind: str, text: str) -> dict:
        return {"ilvl": 0, "start": {"val": 1}, "numFmt": {"val": kind}, "lvlText": {"val": text},
                "lvlJc": {"val": "left"}, "pPr": {"ind": {"left": indent(theme) + twips(12), "hanging": twips(12)}}}
    root = etree.Element(f"{{{W}}}numbering", nsmap={"w": W})
    root.append(_element("abstractNum", {"abstractNumId": 0, "lvl": level("bullet", "\u2022")}))
    root.append(_element("abstractNum", {"abstractNumId": NUMBERS, "lvl": level("decimal", "%1.")}))
    root.append(_element("num", {"numId": BULLETS, "abstractNumId": {"val": 0}}))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def cell_rules(theme: Theme, box) -> dict[str, tuple[str, float]]:
    """Return the rules of the theme's `box` as text.shade_cell takes them: side -> (colour, points)."""
    return {side: (theme.colour_of(rule.colour), rule.width) for side, rule in box.rules().items()}
