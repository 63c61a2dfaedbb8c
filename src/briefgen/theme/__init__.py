"""The theme: colours, fonts, sizes and page set-up that feed every writer."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Fonts:
    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True)
class Colours:
    text: str
    accent: str
    grey: str
    tint: str
    rule: str


@dataclass(frozen=True)
class Sizes:
    body: float
    leading: float
    small: float
    h1: float
    h2: float
    title: float
    subtitle: float
    stat: float
    quote: float


@dataclass(frozen=True)
class Theme:
    font: Fonts
    colour: Colours
    size: Sizes
    page_size: str
    margin_mm: float
    logo: Path | None = None

    def files(self) -> list[Path]:
        """Return every file the theme draws on, for the build's input hash."""
        f = self.font
        return [f.regular, f.bold, f.italic, f.bold_italic] + ([self.logo] if self.logo else [])


def from_mapping(data: dict, base: Path) -> Theme:
    """Return the Theme a (validated) mapping describes; paths are relative to `base`."""
    font = dict(data["font"])
    for key in ("regular", "bold", "italic", "bold_italic"):
        font[key] = (base / font[key]).resolve()
    logo = data.get("logo")
    return Theme(
        font=Fonts(**font),
        colour=Colours(**data["colour"]),
        size=Sizes(**data["size"]),
        page_size=data["page"]["size"],
        margin_mm=float(data["page"]["margin_mm"]),
        logo=(base / logo).resolve() if logo else None,
    )


def default_mapping() -> dict:
    """Return the shipped theme as a mapping."""
    from .. import yamlfile

    located, problems = yamlfile.read(HERE / "default.yaml", "theme/default.yaml")
    assert located is not None and not problems, problems
    return located.data


def default() -> Theme:
    """Return the shipped theme."""
    return from_mapping(default_mapping(), HERE)
