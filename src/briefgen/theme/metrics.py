"""Text widths from the theme's own font files, so every writer makes the same layout choices.

Whether a label fits the side column is decided here, from the fonts' advance widths, not by
each writer's own measuring: the PDF and the DOCX then hang the same labels beside the text.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import Theme


@lru_cache(maxsize=8)
def _advances(path: Path) -> tuple[dict[int, int], int]:
    """Return the font's advance width per code point, and its units per em."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        metrics, cmap = font["hmtx"].metrics, font.getBestCmap()
        return {code: metrics[glyph][0] for code, glyph in cmap.items()}, font["head"].unitsPerEm


def width(theme: Theme, style_name: str, text: str) -> float:
    """Return the width of `text` set in the theme's text style `style_name`, in points."""
    style = getattr(theme.text, style_name)
    face = "bold_italic" if style.bold and style.italic else "bold" if style.bold else \
        "italic" if style.italic else "regular"
    advances, units = _advances(getattr(theme.font, face))
    shown = style.shown(text)
    default = advances.get(ord("n"), units // 2)
    return sum(advances.get(ord(ch), default) for ch in shown) * style.size / units


def fits_side(theme: Theme, style_name: str, text: str) -> bool:
    """Return True if `text` in `style_name` fits on one line of the side column."""
    side = theme.page.side_mm * 72 / 25.4
    return bool(side) and width(theme, style_name, text) <= side
