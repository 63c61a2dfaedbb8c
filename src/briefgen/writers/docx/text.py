"""Paragraphs, runs, links, fields and tables: the WordprocessingML that blocks are made of."""
from __future__ import annotations

import copy
import io
import re
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from ...document import Run, Text
from ...theme import case_pieces

BREAKS = re.compile(r"(\t|\n)")


@lru_cache(maxsize=None)
def _name(name: str) -> str:
    """Return the Clark name of `name`: a `w:` name unless it carries another prefix."""
    return qn(name if ":" in name else f"w:{name}")


def element(tag: str, **attributes: object):
    """Return a new `w:` element; attribute names are `w:` names unless they name a prefix."""
    return oxml_parser.makeelement(_name(tag), {_name(k): str(v) for k, v in attributes.items()},
                                   nsmap={"w": nsmap["w"]})


def child(parent, tag: str, **attributes: object):
    """Append a new `w:` element to `parent` and return it."""
    return SubElement(parent, _name(tag), {_name(k): str(v) for k, v in attributes.items()})


def paragraph(container, style: str, text: Text | str = ()) -> Paragraph:
    """Return a new paragraph of style id `style` at the end of `container` (the body, a cell,
    a header or footer), holding `text`.

    Paragraphs and runs are built with lxml and styled by id: python-docx's style lookup by
    name and its schema-ordered insertion of each child were most of the build time.
    """
    parent = container._element
    p = element("p")
    if len(parent) and parent[-1].tag == _name("sectPr"):
        parent[-1].addprevious(p)  # the body ends with its section properties
    else:
        parent.append(p)
    child(child(p, "pPr"), "pStyle", val=style)
    result = Paragraph(p, container)
    add_text(result, text)
    return result


def add_text(p: Paragraph, text: Text | str, style: str = "") -> None:
    """Append `text` to `p`: each run literal, with its emphasis (and character style `style`);
    links as real hyperlinks."""
    for run in ((Run(text),) if isinstance(text, str) else text):
        if run.link:
            add_link(p, run.link, run)
        elif run.text:
            _run(p._p, run, style)


def _run(parent, run: Run, style: str = "") -> None:
    """Append `run` to `parent` (a paragraph or hyperlink); tabs and newlines become w:tab and
    w:br, as Word expects."""
    r = child(parent, "r")
    if style or run.bold or run.italic:
        props = child(r, "rPr")
        if style:
            child(props, "rStyle", val=style)
        if run.bold:
            child(props, "b")
        if run.italic:
            child(props, "i")
    for piece in BREAKS.split(run.text):
        if piece == "\t":
            child(r, "tab")
        elif piece == "\n":
            child(r, "br")
        elif piece:
            child(r, "t", **{"xml:space": "preserve"}).text = piece


def keep_case(root, caps_styles: set[str]) -> None:
    """Give each word whose mix of cases means something ("MPs", "eSafety") a run of its own
    with capitals off, wherever its paragraph or character style prints in capitals: Word's
    capitals would print "MPs" as "MPS". The text keeps the case it was written in."""
    for r in list(root.iter(_name("r"))):
        texts = [c for c in r if c.tag != _name("rPr")]
        if len(texts) != 1 or texts[0].tag != _name("t") or not _in_caps(r, caps_styles):
            continue
        pieces = case_pieces(texts[0].text or "")
        if not any(kept for _, kept in pieces):
            continue
        for piece, kept in pieces:
            new = copy.deepcopy(r)
            new.find(_name("t")).text = piece
            if kept:
                props = new.find(_name("rPr"))
                if props is None:
                    props = element("rPr")
                    new.insert(0, props)
                _insert_caps_off(props)
            r.addprevious(new)
        r.getparent().remove(r)


def _in_caps(r, caps_styles: set[str]) -> bool:
    style = r.find(f"{_name('rPr')}/{_name('rStyle')}")
    if style is not None and style.get(_name("val")) in caps_styles:
        return True
    p = next((a for a in r.iterancestors(_name("p"))), None)
    pstyle = p.find(f"{_name('pPr')}/{_name('pStyle')}") if p is not None else None
    return pstyle is not None and pstyle.get(_name("val")) in caps_styles


def _insert_caps_off(props) -> None:
    """Add w:caps w:val="0" to run properties, in schema order (after rStyle, b, i)."""
    off = element("caps", val=0)
    earlier = [c for c in props if c.tag in (_name("rStyle"), _name("rFonts"), _name("b"), _name("bCs"),
                                             _name("i"), _name("iCs"))]
    if earlier:
        earlier[-1].addnext(off)
    else:
        props.insert(0, off)


def add_link(p: Paragraph, url: str, run: Run) -> None:
    """Append `run` to `p` as an external hyperlink to `url`."""
    rid = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
    _run(child(p._p, "hyperlink", **{"r:id": rid}), run, "Hyperlink")


def add_jump(p: Paragraph, bookmark: str, text: str) -> None:
    """Append `text` to `p` as a link to `bookmark` in the same document."""
    _run(child(p._p, "hyperlink", anchor=bookmark, history=1), Run(text))


def add_bookmark(p: Paragraph, number: int, name: str) -> None:
    """Wrap the whole of `p` in bookmark `name`, for the contents to link to."""
    p._p.pPr.addnext(element("bookmarkStart", id=number, name=name))
    child(p._p, "bookmarkEnd", id=number)


def add_picture(p: Paragraph, data: bytes, alt: str, title: str, **size: Length) -> None:
    """Append the PNG or JPEG `data` to `p` at `size` (width or height), with alt text."""
    inline = p.add_run().add_picture(io.BytesIO(data), **size)._inline
    # No space around it: LibreOffice reads a missing distance as its own default, 0.32 cm,
    # and set a chart the text's width that far right, past the right margin.
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", title)


def add_field(p: Paragraph, instruction: str, shown: str) -> None:
    """Append a field (PAGE, NUMPAGES …) that Word and LibreOffice compute on layout; `shown`
    is its result until they do."""
    start_field(p, instruction)
    _run(p._p, Run(shown))
    end_field(p)


def start_field(p: Paragraph, instruction: str) -> None:
    """Append the start of a field whose result follows, up to `end_field`."""
    child(child(p._p, "r"), "fldChar", fldCharType="begin")
    child(child(p._p, "r"), "instrText", **{"xml:space": "preserve"}).text = f" {instruction} "
    child(child(p._p, "r"), "fldChar", fldCharType="separate")


def end_field(p: Paragraph) -> None:
    child(child(p._p, "r"), "fldChar", fldCharType="end")


def table(word, widths: list[int], rows: int, header: bool = False, indent: int = 0) -> Table:
    """Return a new fixed-layout table of `rows` rows with column `widths` (twips), no borders,
    its left edge `indent` twips from the margin.

    Rows never split across pages; with `header`, the first row repeats on each page.
    """
    grid = word.add_table(rows, len(widths))
    tbl = grid._tbl
    tbl.remove(tbl.tblPr)
    tbl.insert(0, _table_properties(sum(widths), indent))
    for col, width in zip(tbl.tblGrid.gridCol_lst, widths):
        col.set(_name("w"), str(width))
    for index, tr in enumerate(tbl.tr_lst):
        props = element("trPr")
        tr.insert(0, props)
        child(props, "cantSplit")
        if header and index == 0:
            child(props, "tblHeader")
        for tc, width in zip(tr.tc_lst, widths):
            tc.tcPr.tcW.set(_name("w"), str(width))
    return grid


def _table_properties(width: int, indent: int):
    props = element("tblPr")  # children in schema order
    child(props, "tblW", w=width, type="dxa")
    child(props, "tblInd", w=indent, type="dxa")
    child(props, "tblLayout", type="fixed")
    margins = child(props, "tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        child(margins, side, w=0, type="dxa")
    child(props, "tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0,
          noHBand=1, noVBand=1)
    return props


def cells(grid: Table) -> list[list[_Cell]]:
    """Return the table's cells by row, each emptied of python-docx's placeholder paragraph
    (a cell must end with a paragraph, so fill each one before saving)."""
    out = []
    for tr in grid._tbl.tr_lst:
        for tc in tr.tc_lst:
            tc.remove(tc.p_lst[0])
        out.append([_Cell(tc, grid) for tc in tr.tc_lst])
    return out


def shade_cell(cell: _Cell, fill: str | None = None, margin: list[int] | None = None,
               **borders: tuple[str, float]) -> None:
    """Give `cell` borders (side=(colour, points)), a background `fill` and inner `margin`
    (twips: top, right, bottom, left)."""
    props = cell._tc.tcPr  # python-docx gives every new cell one, holding its width
    if borders:
        edges = child(props, "tcBorders")
        for side in ("top", "left", "bottom", "right"):
            if side in borders:
                colour, points = borders[side]
                child(edges, side, val="single", sz=round(points * 8), space=0,
                      color=colour.lstrip("#"))
    if fill:
        child(props, "shd", val="clear", color="auto", fill=fill.lstrip("#"))
    if margin is not None:
        margins = child(props, "tcMar")
        top, right, bottom, left = margin
        for side, size in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
            child(margins, side, w=size, type="dxa")
