"""The theme: colours, fonts, sizes and page set-up that feed every writer, validated strictly.

The shipped theme is `default.yaml`; a project's `theme.yaml` overrides any of its keys. Both
are read into these models, which forbid unknown keys and check every value, so a typo or an
impossible size is a content error naming the file and line, never a crash mid-build.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

HERE = Path(__file__).parent
LETTERS = re.compile(r"[^\W\d_]+")  # a word's run of letters
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4),
                 "Legal": (215.9, 355.6)}


def _page_size(value):
    """Return a page size name as the theme spells it, whatever its case ('letter' -> 'Letter')."""
    if isinstance(value, str):
        for name in PAGE_SIZES_MM:
            if value.strip().casefold() == name.casefold():
                return name
    return value


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]  # #RRGGBB
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


ColourName = Literal["text", "accent", "grey", "tint", "rule", "white"]
Space = Annotated[float, Field(ge=0, le=72)]  # points of space


class TextStyle(_Strict):
    """One text style: every writer sets a paragraph of this style alike."""

    size: Points
    leading: Annotated[float, Field(ge=1.0, le=2.5)] = 1.4  # line height as a multiple of the size
    bold: bool = False
    italic: bool = False
    caps: bool = False
    colour: ColourName | Colour = "text"
    before: Space = 0
    after: Space = 0
    keep_with_next: bool = False

    @property
    def line(self) -> float:
        """Return the distance between baselines, in points."""
        return self.size * self.leading

    def shown(self, text: str) -> str:
        """Return `text` as this style prints it: in capitals when it has `caps`, except a word
        whose mix of cases means something ("MPs", "eSafety", "iOS"), which capitals would
        turn into another word ("MPS"); it keeps the case it was written in. The PDF prints
        a style's text through this; the DOCX keeps the text and turns Word's capitals off
        for those words (case_pieces)."""
        if not self.caps:
            return text
        return "".join(piece if kept else piece.upper() for piece, kept in case_pieces(text))


def case_pieces(text: str) -> list[tuple[str, bool]]:
    """Return `text` in pieces, each with whether it must keep its case under capitals: the
    words whose mix of cases means something ("MPs", "eSafety", "iOS")."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in LETTERS.finditer(text):
        word = match[0]
        if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
            if match.start() > at:
                out.append((text[at:match.start()], False))
            out.append((word, True))
            at = match.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


class TextStyles(_Strict):
    body: TextStyle
    lead: TextStyle
    note: TextStyle
    h1: TextStyle
    h2: TextStyle
    item: TextStyle  # a finding's headline, a recommendation's ask, a glossary term
    kicker: TextStyle
    organisation: TextStyle
    title: TextStyle
    subtitle: TextStyle
    meta: TextStyle
    occasion: TextStyle  # the cover's occasion line (what it is for: a debate, a bill stage)
    handling: TextStyle  # the cover's handling statement, in the handling box
    label: TextStyle
    box_title: TextStyle
    box_text: TextStyle
    stat: TextStyle
    stat_label: TextStyle
    quote: TextStyle
    verbatim: TextStyle
    attribution: TextStyle
    progress: TextStyle
    caption: TextStyle
    source: TextStyle
    cell: TextStyle
    cell_head: TextStyle
    reference: TextStyle
    marking: TextStyle
    footer: TextStyle
    toc: TextStyle  # a contents entry for a section (level 1)
    toc2: TextStyle  # a contents entry for a sub-section (level 2), indented under its section
    basis: TextStyle  # an ask's basis (the recommendation it draws on) and its regulation line


class Rule(_Strict):
    width: Annotated[float, Field(gt=0, le=12)]
    colour: ColourName | Colour = "accent"


class Box(_Strict):
    """A box around a component: a fill, rules on any side, inner padding, space before and after."""

    fill: ColourName | Colour | None = None
    top: Rule | None = None
    right: Rule | None = None
    bottom: Rule | None = None
    left: Rule | None = None
    pad: tuple[Space, Space, Space, Space] = (0, 0, 0, 0)  # top, right, bottom, left
    before: Space = 0  # the larger of this and the space after what comes before it
    after: Space = 0

    def rules(self) -> dict[str, Rule]:
        """Return the box's rules by side."""
        sides = {"top": self.top, "right": self.right, "bottom": self.bottom, "left": self.left}
        return {side: rule for side, rule in sides.items() if rule}


class Boxes(_Strict):
    key_points: Box
    notice: Box
    content_note: Box
    ask: Box
    handling: Box  # the cover's handling statement (a document with a handling note)
    cover: Box  # the cover's head as a band, for an audience with `cover: band`
    quote: Box
    verbatim: Box
    stat: Box
    table_head: Box
    table_row: Box


class Page(_Strict):
    size: PageSize = "A4"
    margin_mm: Annotated[float, Field(ge=5, le=50)] = 20
    side_mm: Annotated[float, Field(ge=0, le=80)] = 42  # the side column; 0 for one column
    gutter_mm: Annotated[float, Field(ge=0, le=20)] = 8
    measure: Annotated[int, Field(ge=30, le=120)] = 75  # most characters in a body line

    @property
    def mm(self) -> tuple[float, float]:
        """Return the page's width and height in millimetres."""
        return PAGE_SIZES_MM[self.size]

    @property
    def frame_mm(self) -> float:
        """Return the width between the margins, in millimetres."""
        return self.mm[0] - 2 * self.margin_mm

    @property
    def indent_mm(self) -> float:
        """Return where the text column starts, from the left margin, in millimetres."""
        return self.side_mm + self.gutter_mm if self.side_mm else 0.0


class ThemeFile(_Strict):
    """What theme.yaml may say."""

    font: Fonts
    colour: Colours
    page: Page = Page()
    text: TextStyles
    box: Boxes
    logo: Path | None = None  # the project's logo, a PNG or JPEG, relative to the project


class Theme(ThemeFile):
    """The theme the writers draw with: the file's values, and the logo verified."""

    logo_png: bytes | None = None  # re-encoded by images.py; writers never read the logo's file

    def colour_of(self, name: str) -> str:
        """Return the #RRGGBB of a colour given by name (accent, grey …) or as #RRGGBB."""
        if name.startswith("#"):
            return name
        return "#FFFFFF" if name == "white" else getattr(self.colour, name)


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
