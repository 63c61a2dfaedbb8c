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
BULLETS = 1  # the w:numId of the bullet list

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
    props: Props = {}
    if bold:
        props.update(b={}, bCs={})
    if italic:
        props.update(i={}, iCs={})
    if caps:
        props.update(caps={}, spacing={"val": 10})
    if colour:
        props["color"] = {"val": colour.lstrip("#")}
    if size:
        props.update(sz={"val": _half_points(size)}, szCs={"val": _half_points(size)})
    return props


def _rule(colour: str, points: float, style: str = "single", gap: float = 8) -> Props:
    return {"val": style, "sz": round(points * 8), "space": round(gap), "color": colour.lstrip("#")}


def sheet(theme: Theme) -> list[Style]:
    """Return every style a briefing uses, sized and coloured from `theme`."""
    s, c = theme.size, theme.colour
    line = s.body * s.leading  # one line of body text, in points
    _spacing = partial(_spacing_in_points, font_line=font_line_height(theme.font.regular))
    # A rule beside the quote only: attributions have none, so consecutive quotes' rules,
    # which Word and LibreOffice join when they match, stay apart.
    quote_indent = {"left": twips(13)}
    quote_rule = {"pBdr": {"left": _rule(c.accent, 3, gap=10)}, "ind": quote_indent}
    verbatim_rule = {"pBdr": {"left": _rule(c.grey, 1.5, gap=10)}, "ind": quote_indent}
    box_sides = (("top", 6), ("left", 8), ("bottom", 6), ("right", 8))
    return [
        Style("Normal", "Normal", base=None,
              p={"widowControl": {}, "spacing": _spacing(after=0.5 * line, line=s.leading),
                 "jc": {"val": "left"}}),
        Style("Title", "Title", p={"keepNext": {}, "spacing": _spacing(after=4, line=1.15)},
              r=_text(s.title, c.text, bold=True)),
        Style("Subtitle", "Subtitle", p={"keepNext": {}, "spacing": _spacing(after=10, line=1.2)},
              r=_text(s.subtitle, c.grey)),
        Style("Masthead", "Masthead", p={"spacing": _spacing(after=14, line=1.2)},
              r=_text(s.small, c.accent, bold=True, caps=True)),
        Style("Details", "Details", p={"spacing": _spacing(after=14, line=1.2)},
              r=_text(s.small, c.grey)),
        Style("Handling", "Handling Note",
              p={"pBdr": {"top": _rule(c.rule, 0.75, gap=4), "bottom": _rule(c.rule, 0.75, gap=4)},
                 "spacing": _spacing(after=14, line=1.2)},
              r=_text(s.small, c.text)),
        Style("Heading1", "heading 1",
              p={"keepNext": {}, "keepLines": {}, "spacing": _spacing(1.5 * line, 0.5 * line, 1.15),
                 "outlineLvl": {"val": 0}},
              r=_text(s.h1, c.accent, bold=True)),
        Style("Heading2", "heading 2",
              p={"keepNext": {}, "keepLines": {}, "spacing": _spacing(line, 0.4 * line, 1.15),
                 "outlineLvl": {"val": 1}},
              r=_text(s.h2, c.text, bold=True)),
        Style("Lead", "Lead", p={"spacing": _spacing(after=0.8 * line, line=1.35)},
              r=_text(s.quote, c.text)),
        Style("Ask", "Ask",
              p={"pBdr": {"left": _rule(c.accent, 3, gap=10)}, "spacing": _spacing(6, 10),
                 "ind": {"left": twips(13)}},
              r=_text(s.quote, c.text, bold=True)),
        Style("Note", "Note", r=_text(s.small, c.grey)),
        Style("ListBullet", "List Bullet",
              p={"numPr": {"numId": {"val": BULLETS}}, "spacing": _spacing(after=3)}),
        Style("KeyPointsTitle", "Key Points Title",
              p={"keepNext": {}, "spacing": _spacing(after=4)},
              r=_text(s.h2, c.accent, bold=True)),
        Style("KeyPoint", "Key Point", base="ListBullet", p={"spacing": _spacing(after=4)}),
        Style("ContentNote", "Content Note",
              p={"keepNext": {}, "keepLines": {}, "pBdr": {side: _rule(c.accent, 0.75, gap=gap)
                                                           for side, gap in box_sides},
                 "shd": {"val": "clear", "color": "auto", "fill": c.tint.lstrip("#")},
                 "spacing": _spacing(10, 16, 1.3), "ind": {"left": twips(9), "right": twips(9)}}),
        Style("StatValue", "Stat Value", p={"keepNext": {}, "spacing": _spacing(line=1.0)},
              r=_text(s.stat, c.accent, bold=True)),
        Style("StatLabel", "Stat Label", p={"keepNext": {}, "spacing": _spacing(2, 3, 1.2)},
              r=_text(s.body, c.text, bold=True)),
        Style("Source", "Source", p={"spacing": _spacing(2, 0.5 * line, 1.2)},
              r=_text(s.small, c.grey)),
        Style("Caption", "caption", p={"keepNext": {}, "spacing": _spacing(8, 4, 1.2)},
              r=_text(s.body, c.text, bold=True)),
        Style("Figure", "Figure", p={"keepNext": {}, "spacing": _spacing(after=2, line=1.0)}),
        Style("FindingHeadline", "Finding Headline",
              p={"keepNext": {}, "keepLines": {}, "spacing": _spacing(6, 3, 1.3)},
              r=_text(s.quote, c.text, bold=True)),
        Style("Quote", "Quote", p={"keepNext": {}, **quote_rule, "spacing": _spacing(8, 2, 1.35)},
              r=_text(s.quote, c.text)),
        Style("QuoteAttribution", "Quote Attribution",
              p={"ind": quote_indent, "spacing": _spacing(after=12, line=1.2)},
              r=_text(s.small, c.grey)),
        Style("VerbatimLabel", "Verbatim Label",
              p={"keepNext": {}, **verbatim_rule, "spacing": _spacing(8, 2, 1.2)},
              r=_text(s.small, c.grey, bold=True, caps=True)),
        Style("VerbatimQuote", "Verbatim Quote", p={"keepNext": {}, **verbatim_rule},
              r=_text(s.body, c.grey, italic=True)),
        Style("VerbatimAttribution", "Verbatim Attribution",
              p={"ind": quote_indent, "spacing": _spacing(after=12, line=1.2)},
              r=_text(s.small, c.grey)),
        Style("Addressee", "Addressee", p={"keepNext": {}, "spacing": _spacing(10, 1, 1.2)},
              r=_text(s.small, c.accent, bold=True, caps=True)),
        Style("RecommendationTitle", "Recommendation Title",
              p={"keepNext": {}, "spacing": _spacing(after=2)},
              r=_text(s.quote, c.text, bold=True)),
        Style("GlossaryTerm", "Glossary Term", p={"keepNext": {}, "spacing": _spacing()},
              r=_text(bold=True)),
        Style("GlossaryDefinition", "Glossary Definition", p={"ind": {"left": twips(14)}}),
        Style("Reference", "Reference",
              p={"tabs": {"tab": {"val": "left", "pos": twips(24)}}, "spacing": _spacing(after=4),
                 "ind": {"left": twips(24), "hanging": twips(24)}}),
        Style("TableText", "Table Text", p={"spacing": _spacing(line=1.15)}),
        Style("TableNumber", "Table Number", base="TableText", p={"jc": {"val": "right"}}),
        Style("TableHeader", "Table Header", base="TableText", p={"keepNext": {}},
              r=_text(bold=True)),
        Style("TableHeaderNumber", "Table Header Number", base="TableHeader",
              p={"jc": {"val": "right"}}),
        Style("Gap", "Block Gap", p={"spacing": {"before": 0, "after": 0, "line": twips(0.5 * line),
                                                  "lineRule": "exact"}}, r=_text(2)),
        Style("Header", "header", p={"spacing": _spacing(line=1.0)}, r=_text(s.small, c.grey)),
        Style("Footer", "footer",
              p={"tabs": {"tab": {"val": "right", "pos": text_width(theme).twips}},
                 "spacing": _spacing(line=1.1)}, r=_text(s.small, c.grey)),
        Style("Marking", "Marking", p={"spacing": _spacing(line=1.1), "jc": {"val": "center"}},
              r=_text(s.body, c.text, bold=True, caps=True)),
        Style("TOCHeading", "TOC Heading", p={"keepNext": {}, "spacing": _spacing(12, 4)},
              r=_text(s.h2, c.text, bold=True)),
        Style("TOC1", "toc 1", p={"spacing": _spacing(after=2, line=1.25)}),
        Style("TOC2", "toc 2", p={"spacing": _spacing(after=2, line=1.25),
                                  "ind": {"left": twips(12)}}),
        Style("DefaultParagraphFont", "Default Paragraph Font", base=None, kind="character"),
        Style("Hyperlink", "Hyperlink", base="DefaultParagraphFont", kind="character",
              r={**_text(colour=c.accent), "u": {"val": "single"}}),
        Style("TableNormal", "Normal Table", base=None, kind="table"),
    ]


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
    defaults = {"rFonts": fonts, **_text(theme.size.body, theme.colour.text),
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
    """Return numbering.xml with one bullet list, its bullets in the accent colour."""
    level = {"ilvl": 0, "start": {"val": 1}, "numFmt": {"val": "bullet"},
             "lvlText": {"val": "\u2022"}, "lvlJc": {"val": "left"},
             "pPr": {"ind": {"left": twips(14), "hanging": twips(10)}},
             "rPr": {"color": {"val": theme.colour.accent.lstrip("#")}}}
    root = etree.Element(f"{{{W}}}numbering", nsmap={"w": W})
    root.append(_element("abstractNum", {"abstractNumId": 0, "lvl": level}))
    root.append(_element("num", {"numId": BULLETS, "abstractNumId": {"val": 0}}))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
