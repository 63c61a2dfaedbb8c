"""theme.yaml → Theme: the project's keys laid over the shipped theme, every value checked.

Each value is validated by the theme's models (theme/__init__.py); the font files must lie in
the project (or the package) and be TrueType fonts fontTools can read, and the logo is
verified and re-encoded (images.py). Every problem names theme.yaml, its line and the key.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import images
from .theme import HERE as PACKAGE_THEME, Theme, ThemeFile, default_mapping

FILE = "theme.yaml"
MAX_FONT_BYTES = 30_000_000


def read(reader) -> Theme | None:
    """Return the shipped theme with the project's theme.yaml (if any) laid over it, or None
    after recording every problem in it."""
    base = default_mapping()
    located = reader.read(FILE, required=False)
    if located is None:
        return Theme.model_validate(base) if not (reader.root / FILE).exists() else None
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        reader.add(located, (), "must be a mapping of theme keys (font, colour, size, page, logo)")
        return None
    merged = overlay(base, data)
    for face, value in (data["font"] if isinstance(data.get("font"), dict) else {}).items():
        if face != "family" and isinstance(value, str) and isinstance(merged["font"], dict):
            merged["font"][face] = str(reader.root / value)  # the project's files: in the project
    chosen = reader.validate(ThemeFile, merged, located, ())
    if chosen is None:
        return None
    ok = all([_check_font(reader, located, face, path) for face, path in chosen.font.faces().items()])
    if ok and chosen.font.family not in family_names(chosen.font.regular):
        names = " or ".join(f"'{n}'" for n in sorted(family_names(chosen.font.regular)))
        reader.add(located, ("font", "family"), f"'{chosen.font.family}' is not the family name of the regular "
                   f"font file ({names}); Word and LibreOffice find an embedded font by that name")
        ok = False
    logo = None
    if chosen.logo is not None:
        try:
            logo = images.clean_image(reader.root / chosen.logo, reader.root)
        except images.ImageProblem as exc:
            reader.add(located, ("logo",), f"logo '{data.get('logo')}' {exc}")
            ok = False
    _check_contrast(reader, located, chosen)
    return Theme(**dict(chosen), logo_png=logo) if ok else None


def contrast(one: str, other: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two #RRGGBB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _check_contrast(reader, located, theme: ThemeFile) -> None:
    """Warn of any text colour that does not meet WCAG AA (4.5:1) on the page or in a box."""
    colours = theme.colour
    for name in ("text", "accent", "grey"):
        for ground, shade in (("the page", "#FFFFFF"), ("the tint of boxes", colours.tint)):
            ratio = contrast(getattr(colours, name), shade)
            if ratio < 4.5:
                problem = located.problem(("colour", name), f"{getattr(colours, name)} on {ground} ({shade}) has "
                                          f"a contrast of {ratio:.1f}:1; text needs 4.5:1 (WCAG AA)")
                reader.problems.append(dataclasses.replace(problem, severity="warning"))


def overlay(base: dict, changes: dict) -> dict:
    """Return `base` with `changes` laid over it, mapping by mapping: a theme.yaml that sets
    `text: {body: {size: 11}}` changes that size and keeps the body style's other values."""
    out = dict(base)
    for key, value in changes.items():
        out[key] = overlay(base[key], value) if isinstance(base.get(key), dict) and isinstance(value, dict) else value
    return out


def _check_font(reader, located, face: str, path: Path) -> bool:
    """Return True if the font file for `face` can be embedded; else record why not."""
    problem = font_problem(path, reader.root)
    if problem:
        shown = located.data.get("font", {}).get(face, path) if isinstance(located.data, dict) else path
        reader.add(located, ("font", face), f"font file '{shown}' {problem}")
    return problem is None


def family_names(path: Path) -> set[str]:
    """Return the family names the font at `path` gives itself (name IDs 1 and 16)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return {str(record) for record in font["name"].names if record.nameID in (1, 16)}


def font_problem(path: Path, root: Path) -> str | None:
    """Return why the font at `path` cannot be used (outside the project, missing, too big,
    not TrueType), or None."""
    resolved = path.resolve()
    if not (resolved.is_relative_to(root.resolve()) or resolved.is_relative_to(PACKAGE_THEME)):
        return "is outside the project folder; copy it into the project"
    if not resolved.is_file():
        return "does not exist"
    if resolved.stat().st_size > MAX_FONT_BYTES:
        return f"is over {MAX_FONT_BYTES:,} bytes"
    from fontTools.ttLib import TTFont

    try:
        with TTFont(resolved, lazy=True) as font:
            outlines = "glyf" in font
            font.getBestCmap()
            font["name"], font["OS/2"], font["hhea"], font["head"]  # what the writers read
    except Exception as exc:  # an untrusted file: fontTools raises many kinds of error on junk
        return f"is not a font fontTools can read ({type(exc).__name__}); use a TrueType (.ttf) file"
    if not outlines:
        return "has PostScript (CFF) outlines; use a TrueType (.ttf) font, which both writers embed"
    return None
