"""The theme: colours, fonts, sizes and page set-up that feed every writer, validated strictly.

The shipped theme is `default.yaml`; a project's `theme.yaml` overrides any of its keys. Both
are read into these models, which forbid unknown keys and check every value, so a typo or an
impossible size is a content error naming the file and line, never a crash mid-build.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

HERE = Path(__file__).parent
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4),
                 "Legal": (215.9, 355.6)}


def _page_size(value):
    """Return a page size name as the theme spells it, whatever its case ('letter' -> 'Letter')."""
    if isinstance(value, str):
        for name in PAGE_SIZES_MM:
            if value.strip().casefold() == name.casefold():
                return name
    return value


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Points = Annotated[float, Field(ge=4, le=96)]
PageSize = Annotated[Literal["A4", "A5", "Letter", "Legal"], BeforeValidator(_page_size)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fonts(_Strict):
    family: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def faces(self) -> dict[str, Path]:
        """Return the four font files by face name."""
        return {"regular": self.regular, "bold": self.bold, "italic": self.italic,
                "bold_italic": self.bold_italic}


class Colours(_Strict):
    text: Colour
    accent: Colour
    grey: Colour
    tint: Colour
    rule: Colour


class Sizes(_Strict):
    body: Points
    leading: Annotated[float, Field(ge=1.0, le=2.5)]  # line height as a multiple of the size
    small: Points
    h1: Points
    h2: Points
    title: Points
    subtitle: Points
    stat: Points
    quote: Points


class Page(_Strict):
    size: PageSize = "A4"
    margin_mm: Annotated[float, Field(ge=5, le=50)] = 20

    @property
    def mm(self) -> tuple[float, float]:
        """Return the page's width and height in millimetres."""
        return PAGE_SIZES_MM[self.size]


class ThemeFile(_Strict):
    """What theme.yaml may say."""

    font: Fonts
    colour: Colours
    size: Sizes
    page: Page = Page()
    logo: Path | None = None  # the project's logo, a PNG or JPEG, relative to the project


class Theme(ThemeFile):
    """The theme the writers draw with: the file's values, and the logo verified."""

    logo_png: bytes | None = None  # re-encoded by images.py; writers never read the logo's file


def default_mapping() -> dict:
    """Return the shipped theme as a mapping, its font paths absolute."""
    from .. import yamlfile

    located, problems = yamlfile.read(HERE / "default.yaml", "theme/default.yaml")
    assert located is not None and not problems, problems
    data = located.data
    data["font"] = {k: v if k == "family" else str(HERE / v) for k, v in data["font"].items()}
    return data


def default() -> Theme:
    """Return the shipped theme."""
    return Theme.model_validate(default_mapping())
