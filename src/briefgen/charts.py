"""Charts: a Chart block drawn as a PNG in the theme with matplotlib, cached in memory and disk."""
from __future__ import annotations

import hashlib
import io
import math
import textwrap

from . import cache
from .document import Chart
from .theme import Theme

DPI = 200
VERSION = "3"  # part of the cache key: bump it when the drawing changes
SECOND_SERIES_TINT = 0.35  # mixed with white; keeps 3:1 contrast against the page

_memory: dict[str, bytes] = {}


def png(chart: Chart, theme: Theme) -> bytes:
    """Return `chart` drawn as a PNG the width of the theme's text column, at DPI dots per inch.

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


def draw(chart: Chart, theme: Theme) -> bytes:
    """Return the PNG bytes of `chart`, drawn with matplotlib (imported only here, it is slow)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    # Whole pixels, rounded up, so the image never falls short of DPI across the column.
    width = math.ceil((theme.page.mm[0] - 2 * theme.page.margin_mm) / 25.4 * DPI) / DPI
    figure = Figure(figsize=(width, width * 0.34), dpi=DPI, layout="constrained")
    _bars(figure, chart, theme)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    # Opaque RGB (no alpha channel to become a PDF soft mask), written by Pillow without
    # software tag or timestamp, so the same chart always gives the same bytes.
    rgba = Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba())
    out = io.BytesIO()
    rgba.convert("RGB").save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def _bars(figure, chart: Chart, theme: Theme) -> None:
    """Draw flat bars with their values written on them: no gridlines, no y axis."""
    from matplotlib.font_manager import FontProperties

    # The theme's own files, by path: a family name could resolve to another installed copy.
    regular = FontProperties(fname=theme.font.regular, size=theme.text.cell.size)
    bold = FontProperties(fname=theme.font.bold, size=theme.text.cell.size)
    axes = figure.add_subplot()
    count = len(chart.series)
    step = 0.8 / count
    for index, (series, colour) in enumerate(zip(chart.series, series_colours(theme, count))):
        offset = (index - (count - 1) / 2) * step
        xs = [position + offset for position in range(len(chart.categories))]
        bars = axes.bar(xs, series.values, step * 0.9, color=colour, label=series.name)
        labels = series.labels or [value_label(value, chart.unit) for value in series.values]
        axes.bar_label(bars, labels, padding=3, color=theme.colour.text, fontproperties=bold)
    axes.set_xticks(range(len(chart.categories)), _wrapped(chart.categories, figure, regular),
                    fontproperties=regular, color=theme.colour.text)
    axes.tick_params(axis="x", length=0, pad=6)
    axes.set_yticks([])
    axes.margins(y=0.18)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(theme.colour.grey)
    if chart.kind == "grouped-bar":
        figure.legend(loc="outside upper left", ncols=count, frameon=False, prop=regular,
                      labelcolor=theme.colour.text, handlelength=1, handleheight=1)


def _wrapped(categories: tuple[str, ...], figure, font) -> list[str]:
    """Return the category labels broken into lines that fit under their own bars."""
    room = figure.get_figwidth() * 72 / len(categories) * 0.9  # points per category
    characters = max(6, int(room / (font.get_size_in_points() * 0.55)))
    return [textwrap.fill(category, characters, break_on_hyphens=False) for category in categories]


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
