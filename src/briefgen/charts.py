"""Charts: a Chart block laid out once, in points, as flat horizontal bars with direct labels,
then drawn as a PNG for print (matplotlib) or written as SVG for the HTML edition.

The layout (`layout`) puts each category's label beside its bars in the side column (or above
them, on a narrow screen), writes each bar's value at its end and, where there are two or more
series, each series' name after the values of the first category: no legend, no axis, no
gridlines. The PNG is cached in memory and on disk; the SVG is text and needs no matplotlib.
"""
from __future__ import annotations

import hashlib
import html
import io
import math
import re
from dataclasses import dataclass

from . import cache
from .document import Chart
from .theme import Theme

DPI = 200
VERSION = "4"  # part of the cache key: bump it when the drawing changes
SECOND_SERIES_TINT = 0.35  # mixed with white; keeps 3:1 contrast against the page
NARROW_REM = 22.5  # the HTML's narrow drawing, in body sizes: a 360 px phone at 16 px text
BAR = 1.35  # a bar's thickness, in label sizes
PAD = 4.0  # points between a bar's end and its value, and between a value and a series name
ASCENT = 0.36  # a label's baseline below the middle of its bar, in label sizes (about half the cap height)
SAFE_FAMILY = re.compile(r"[^A-Za-z0-9 _-]")
BOLD = ' font-weight="700"'

_memory: dict[str, bytes] = {}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float  # top
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    bold: bool
    colour: str


@dataclass(frozen=True)
class Layout:
    width: float  # points
    height: float
    size: float  # the labels' size in points
    bars: tuple[Bar, ...]
    labels: tuple[Label, ...]


def png(chart: Chart, theme: Theme) -> bytes:
    """Return `chart` drawn as a PNG the width of the theme's frame, at DPI dots per inch.

    The same chart in the same theme is drawn once: later calls come from memory, or from
    the cache folder (`$BRIEFGEN_CACHE`, else `$XDG_CACHE_HOME/briefgen`, else
    `~/.cache/briefgen`), shared by every build, so a build into a new output folder does not
    import matplotlib to draw a chart it has drawn before.
    """
    key = cache_key(chart, theme)
    if key not in _memory:
        path = cache.folder() / "charts" / f"{key}.png"
        found = cache.read(path)
        if found is None:
            found = draw(chart, theme)
            cache.store(path, found)
        _memory[key] = found
    return _memory[key]


def cache_key(chart: Chart, theme: Theme) -> str:
    """Return a hash of everything that shows in the image: the data and the theme's values."""
    drawn = (VERSION, DPI, chart.kind, chart.categories, chart.series, chart.unit,
             theme.colour, theme.text, theme.font, theme.page)
    return hashlib.sha256(repr(drawn).encode()).hexdigest()


def frame_width(theme: Theme) -> float:
    """Return the width of the print frame, between the margins, in points."""
    return theme.page.frame_mm * 72 / 25.4


def layout(chart: Chart, theme: Theme, width: float, beside: bool) -> Layout:
    """Return `chart` laid out `width` points wide: each category's label in the side column
    beside its bars when `beside` (and the theme has a side column), else above them."""
    size, line = theme.text.cell.size, theme.text.cell.line
    side = theme.page.side_mm * 72 / 25.4 if beside else 0.0
    left = side + theme.page.gutter_mm * 72 / 25.4 if side else 0.0
    thick, gap, between = size * BAR, size * 0.25, line * 0.8
    colours = series_colours(theme, len(chart.series))
    named = len(chart.series) > 1
    ends = _end_labels(chart, named)
    scale = _scale(chart, theme, width - left, ends)
    bars, labels, names, top = [], [], [], 0.0
    for index, category in enumerate(chart.categories):
        lines = wrap(theme, category, side or width)
        if side:  # the first line's middle level with the first bar's
            first = top + thick / 2 + ASCENT * size
            bars_top = top
        else:
            first = top + 0.8 * size
            bars_top = top + len(lines) * line + gap
        labels += [Label(0.0, first + n * line, text, False, theme.colour.text) for n, text in enumerate(lines)]
        y = bars_top
        for number, (series, colour) in enumerate(zip(chart.series, colours)):
            value = max(series.values[index], 0.0) if index < len(series.values) else 0.0
            length = value * scale
            bars.append(Bar(left, y, length, thick, colour))
            value_text, name = ends[number][index]
            x, baseline = left + length + PAD, y + thick / 2 + ASCENT * size
            labels.append(Label(x, baseline, value_text, True, theme.colour.text))
            if name:
                names.append(Label(x + _width(theme, value_text, True) + PAD, baseline, name, False, theme.colour.grey))
            y += thick + gap
        bottom = max(y - gap, first + (len(lines) - 1) * line + 0.3 * size)
        top = bottom + between
    # The series' names last: the labels read, in order, as the chart's data table does (each
    # category, then its values), not as a sentence of the source it came from.
    return Layout(width, top - between + 2, size, tuple(bars), tuple(labels + names))


def _end_labels(chart: Chart, named: bool) -> list[list[tuple[str, str]]]:
    """Return, per series and category, the value written at the bar's end and the series'
    name written after it (on the first category only, where there are several series)."""
    out = []
    for series in chart.series:
        values = [series.labels[i] if i < len(series.labels) else value_label(v, chart.unit)
                  for i, v in enumerate(series.values)]
        values += [""] * (len(chart.categories) - len(values))
        out.append([(value, series.name if named and i == 0 else "") for i, value in enumerate(values)])
    return out


def _scale(chart: Chart, theme: Theme, room: float, ends) -> float:
    """Return points per unit of value: the most that leaves every bar room for its labels."""
    scales = []
    for series, row in zip(chart.series, ends):
        for value, (value_text, name) in zip(series.values, row):
            written = PAD + _width(theme, value_text, True) + (PAD + _width(theme, name, False) if name else 0)
            if value > 0:
                scales.append(max(room - written, 0.0) / value)
    return min(scales, default=0.0)


def _width(theme: Theme, text: str, bold: bool) -> float:
    from .theme.metrics import width

    return width(theme, "cell_head" if bold else "cell", text)


def wrap(theme: Theme, text: str, room: float) -> list[str]:
    """Return `text` broken between words into lines no wider than `room` points (a word
    longer than that has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(theme, f"{lines[-1]} {word}", False) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def draw(chart: Chart, theme: Theme) -> bytes:
    """Return the PNG bytes of `chart` the width of the frame, labels beside the bars,
    drawn with matplotlib (imported only here, it is slow)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Rectangle
    from PIL import Image

    # Whole pixels, rounded up, so the image never falls short of DPI across the frame.
    width = math.ceil(frame_width(theme) / 72 * DPI) / DPI * 72
    drawn = layout(chart, theme, width, beside=True)
    height = math.ceil(drawn.height / 72 * DPI) / DPI * 72
    figure = Figure(figsize=(width / 72, height / 72), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    for bar in drawn.bars:
        axes.add_patch(Rectangle((bar.x, bar.y), bar.width, bar.height, facecolor=bar.colour, linewidth=0))
    faces = {False: FontProperties(fname=theme.font.regular, size=drawn.size),
             True: FontProperties(fname=theme.font.bold, size=drawn.size)}
    for label in drawn.labels:
        axes.text(label.x, label.y, label.text, fontproperties=faces[label.bold], color=label.colour,
                  ha="left", va="baseline")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    # Opaque RGB (no alpha channel to become a PDF soft mask), written by Pillow without
    # software tag or timestamp, so the same chart always gives the same bytes.
    rgba = Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba())
    out = io.BytesIO()
    rgba.convert("RGB").save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def svg(chart: Chart, theme: Theme, narrow: bool = False) -> str:
    """Return `chart` as an SVG element whose text is text, in the theme's family: as the
    print draws it (the frame's width, labels beside the bars), or, `narrow`, for a phone
    (NARROW_REM body sizes wide, labels above the bars). It has a viewBox and no size, so it
    takes the width it is given; the writer adds its role and accessible name."""
    width = NARROW_REM * theme.text.body.size if narrow else frame_width(theme)
    drawn = layout(chart, theme, width, beside=not narrow)
    family = SAFE_FAMILY.sub("", theme.font.family) or "sans-serif"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawn.width:.2f} {drawn.height:.2f}" '
           f"font-family=\"'{family}', Arial, sans-serif\" font-size=\"{drawn.size:g}\">"]
    out += [f'<rect x="{b.x:.2f}" y="{b.y:.2f}" width="{b.width:.2f}" height="{b.height:.2f}" fill="{b.colour}"/>'
            for b in drawn.bars]
    out += [f'<text x="{t.x:.2f}" y="{t.y:.2f}" fill="{t.colour}"{BOLD if t.bold else ""}>{html.escape(t.text)}</text>'
            for t in drawn.labels]
    return "".join(out) + "</svg>"


def series_colours(theme: Theme, count: int) -> list[str]:
    """Return a colour per series: the accent, a lighter tint of it, then grey."""
    accent = theme.colour.accent.lstrip("#")
    rgb = [int(accent[i:i + 2], 16) for i in (0, 2, 4)]
    tint = "#" + "".join(f"{round(c + SECOND_SERIES_TINT * (255 - c)):02X}" for c in rgb)
    palette = [theme.colour.accent, tint, theme.colour.grey]
    return [palette[i % len(palette)] for i in range(count)]


def value_label(value: float, unit: str) -> str:
    """Return `value` as printed on a bar whose series brings no labels: "20,254", "32%", "1.5"."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + "%" if unit == "%" else text
