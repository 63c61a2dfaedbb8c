"""Reading a PDF's pages as a reader gets them: runs of text, pictures and links, with positions.

PDFium (pypdfium2's raw API) gives every text object with its font, size, bounds and baseline,
every picture with the clip path it is drawn through, every filled shape and rule, and every
link with its target. Nothing here knows how the file was made. Coordinates are PDF points
from the page's bottom left.
"""
from __future__ import annotations

import ctypes
import math
from contextlib import contextmanager
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlap(self, other: Box) -> tuple[float, float]:
        """Return how far the boxes overlap across and up (negative: the gap between them)."""
        return (min(self.x1, other.x1) - max(self.x0, other.x0),
                min(self.y1, other.y1) - max(self.y0, other.y0))

    def clip(self, other: Box) -> Box:
        """Return the part of this box inside `other` (empty boxes have x1 <= x0 or y1 <= y0)."""
        return Box(max(self.x0, other.x0), max(self.y0, other.y0),
                   min(self.x1, other.x1), min(self.y1, other.y1))

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True, slots=True)
class Run:
    """Text drawn in one font at one size: its glyphs' bounds, its origin and baseline."""

    text: str
    box: Box
    x: float  # origin of the first glyph
    baseline: float
    font: str  # base font name without a subset tag, e.g. "NotoSans-Bold"
    size: float  # points, after scaling
    bold: bool
    handle: int = 0  # the text object's address, to tell its glyphs from others'


@dataclass(frozen=True, slots=True)
class Picture:
    box: Box  # where the picture is drawn
    visible: Box  # the part inside its clip path and the page


@dataclass(frozen=True, slots=True)
class Shape:
    """A path drawn on the page: a filled area (a box's tint) or a rule (a stroked line)."""

    box: Box
    filled: bool  # filled in a colour other than white (a box's tint), else a stroke


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    box: Box


@dataclass
class Page:
    number: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    fonts: dict[str, bool] = field(default_factory=dict)  # font name -> embedded
    # Text objects with glyphs but no text: PDFium reads a glyph drawn twice in one place once.
    unread: list[Run] = field(default_factory=list)
    _textpage: object = None
    _glyphs: list[tuple[Box, int]] | None = None

    def text(self) -> str:
        """Return the page's text as PDFium reads it."""
        return self._textpage.get_text_range()

    def glyphs(self, region: Box) -> list[tuple[Box, int]]:
        """Return (box, text object address) of every glyph that touches `region`.

        Glyphs are read one by one, which is slow, so only on pages where a rule asks.
        """
        if self._glyphs is None:
            self._glyphs = []
            page = self._textpage.raw
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            for index in range(raw.FPDFText_CountChars(page)):
                if raw.FPDFText_GetCharBox(page, index, left, right, bottom, top):
                    box = Box(left.value, bottom.value, right.value, top.value)
                    if box.width > 0 and box.height > 0:
                        owner = raw.FPDFText_GetTextObject(page, index)
                        self._glyphs.append((box, ctypes.cast(owner, ctypes.c_void_p).value or 0))
        return [(box, owner) for box, owner in self._glyphs if min(box.overlap(region)) > 0]


@contextmanager
def pages(data: bytes):
    """Yield the pages of the PDF `data`; their glyphs can be read until the block ends."""
    pdf = pdfium.PdfDocument(data)
    opened = []
    try:
        out = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            opened += [textpage, page]
            out.append(_read(pdf, page, textpage, index + 1))
        yield out
    finally:
        for item in opened:
            item.close()
        pdf.close()


def _read(pdf, page, textpage, number: int) -> Page:
    width, height = page.get_size()
    result = Page(number, width, height, _textpage=textpage)
    scratch = _Scratch(textpage.raw)
    stack = [(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, _IDENTITY)]
    while stack:  # form XObjects (e.g. a footer drawn once and reused) are read in place
        owner, count, get, matrix = stack.pop()
        for i in range(count(owner)):
            obj = get(owner, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                run = scratch.run(obj, matrix)
                if run and run.text.strip():
                    result.runs.append(run)
                elif run and run.box.width > 0 and run.box.height > 0:
                    result.unread.append(run)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                box = _transform(matrix, scratch.bounds(obj))
                clip = _clip_box(obj, matrix)
                page_box = Box(0, 0, width, height)
                result.pictures.append(Picture(box, box.clip(clip or page_box).clip(page_box)))
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                shape = scratch.shape(obj, matrix)
                if shape:
                    result.shapes.append(shape)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                stack.append((obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                              _compose(scratch.matrix(obj), matrix)))
    result.fonts = {name: embedded for name, embedded, _ in scratch.fonts.values()}
    result.links = _links(pdf, page)
    return result


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
BOLD = ("bold", "black", "heavy", "semibold")


class _Scratch:
    """Reads text objects through one set of C buffers: allocating them per call costs more
    than PDFium's work."""

    def __init__(self, textpage):
        self.textpage = textpage
        self.text = (ctypes.c_ushort * 1024)()
        self.m = raw.FS_MATRIX()
        self.edges = [ctypes.c_float() for _ in range(4)]
        self.size = ctypes.c_float()
        self.modes = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.fonts: dict[int, tuple[str, bool, bool]] = {}  # font address -> name, embedded, bold

    def matrix(self, obj) -> tuple[float, ...]:
        m = self.m
        raw.FPDFPageObj_GetMatrix(obj, m)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def bounds(self, obj) -> Box:
        left, bottom, right, top = self.edges
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        return Box(left.value, bottom.value, right.value, top.value)

    def shape(self, obj, matrix) -> Shape | None:
        """Return a path as a Shape: filled (not in white) or stroked; None if neither."""
        fill, stroke = self.modes
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        filled = False
        if fill.value:
            raw.FPDFPageObj_GetFillColor(obj, *self.rgba)
            red, green, blue, alpha = (c.value for c in self.rgba)
            filled = alpha > 0 and (red, green, blue) != (255, 255, 255)
        if not (filled or stroke.value):
            return None
        return Shape(_transform(matrix, self.bounds(obj)), filled)

    def run(self, obj, matrix) -> Run | None:
        if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            return None  # e.g. an OCR layer: nobody sees it
        length = raw.FPDFTextObj_GetText(obj, self.textpage, self.text, ctypes.sizeof(self.text))
        if length > ctypes.sizeof(self.text):
            self.text = (ctypes.c_ushort * length)()
            length = raw.FPDFTextObj_GetText(obj, self.textpage, self.text, ctypes.sizeof(self.text))
        # PDFium marks a hyphen it takes for a line-end hyphenation with U+0002.
        text = ctypes.string_at(self.text, max(0, length - 2)).decode("utf-16-le", "replace")
        own = self.matrix(obj)
        if matrix is not _IDENTITY:
            own = _compose(own, matrix)
        raw.FPDFTextObj_GetFontSize(obj, self.size)
        scale = math.sqrt(abs(own[0] * own[3] - own[1] * own[2]))
        name, _, bold = self.font(raw.FPDFTextObj_GetFont(obj))
        return Run(text.replace("\x02", "-"), _transform(matrix, self.bounds(obj)), own[4], own[5],
                   name, round(self.size.value * scale, 2), bold, ctypes.cast(obj, ctypes.c_void_p).value or 0)

    def font(self, font) -> tuple[str, bool, bool]:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if key not in self.fonts:
            length = raw.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(max(1, length))
            raw.FPDFFont_GetBaseFontName(font, buffer, length)
            name = buffer.value.decode("latin-1")
            if len(name) > 7 and name[6] == "+" and name[:6].isupper():
                name = name[7:]  # a subset tag, e.g. "BAAAAA+DejaVuSans"
            bold = raw.FPDFFont_GetWeight(font) >= 600 or any(w in name.lower() for w in BOLD)
            self.fonts[key] = (name, bool(raw.FPDFFont_GetIsEmbedded(font)), bold)
        return self.fonts[key]


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """Return the matrix that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _point(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _transform(m: tuple[float, ...], box: Box) -> Box:
    if m is _IDENTITY:
        return box
    xs, ys = zip(*(_point(m, x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)))
    return Box(min(xs), min(ys), max(xs), max(ys))


def _clip_box(obj, matrix) -> Box | None:
    """Return the bounds of the object's clip path (all its paths intersected), if it has one."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    out = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        points = []
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, index), x, y)
            points.append(_point(matrix, x.value, y.value))
        if points:
            xs, ys = zip(*points)
            box = Box(min(xs), min(ys), max(xs), max(ys))
            out = box if out is None else out.clip(box)
    return out


def _links(pdf, page) -> list[Link]:
    out = []
    position, link = ctypes.c_int(0), raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, position, link):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        buffer = ctypes.create_string_buffer(max(1, length))
        raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, length)
        rect = raw.FS_RECTF()
        raw.FPDFLink_GetAnnotRect(link, rect)
        out.append(Link(buffer.value.decode("latin-1"), Box(rect.left, rect.bottom, rect.right, rect.top)))
    return out
