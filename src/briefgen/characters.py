"""Text checks at load: characters no document can carry, glyphs the font lacks, bad links.

A character the PDF font cannot draw would print as a black box, and one XML cannot carry
would crash the DOCX writer half way; both are reported here, naming the field, instead.
Text that looks right but is not is refused too: control characters of any kind (whatever
the font maps them to: Noto Sans has a glyph for U+0000), and bidirectional controls, which
can make "10.0" display as "0.01". The same rules apply to every YAML file and to recipient
rows, through `problems`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from . import inline, yamlfile
from .theme import Theme

MARKDOWN_FIELDS = {"headline", "summary", "body", "text", "definition", "content_note", "notes"}
ALLOWED_CONTROLS = frozenset("\n\t\r")
# Embeddings, overrides, isolates and marks (UAX #9). Overrides reorder any text; the others
# are needed only where right-to-left text is mixed with left-to-right.
BIDI_OVERRIDES = frozenset("\u202d\u202e")
BIDI_OTHERS = frozenset("\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})
SUSPECT = re.compile("[" + yamlfile.BAD_CHARS.pattern[1:-1] + "".join(BIDI_OVERRIDES | BIDI_OTHERS)
                     + "\u2028\u2029]")


@lru_cache(maxsize=8)
def coverage(font: Path) -> frozenset[int]:
    """Return the code points the TrueType font at `font` has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as ttf:
        return frozenset(ttf.getBestCmap())


def drawable(theme: Theme) -> frozenset[str]:
    """Return the characters every face of the theme's font can draw, and the allowed controls."""
    return _drawable(tuple(theme.font.faces().values()))


@lru_cache(maxsize=8)
def _drawable(paths: tuple) -> frozenset[str]:
    # Cached by the font files, not the Theme: hashing a whole theme model, as a key, costs
    # more than the check it caches, once for every text of the content.
    faces = [coverage(path) for path in paths]
    return frozenset(map(chr, frozenset.intersection(*faces))) | ALLOWED_CONTROLS


def right_to_left(language: str) -> bool:
    """Return True if `language` (BCP 47) is written right to left, where bidi marks belong."""
    return language.split("-")[0].lower() in RTL_LANGUAGES


def problems(value: str, theme: Theme, rtl: bool = False) -> list[str]:
    """Return a message for each kind of unusable character in `value`: controls and invalid
    characters, bidirectional controls (marks and isolates are allowed in a right-to-left
    briefing, overrides never), and characters the theme's font cannot draw."""
    found = []
    suspect = set(SUSPECT.findall(value))
    bad = sorted(ch for ch in suspect if yamlfile.BAD_CHARS.match(ch) or ch in "\u2028\u2029")
    if bad:
        found.append(f"contains control or invalid characters ({_names(bad)}); remove them")
    bidi = sorted(ch for ch in suspect if ch in BIDI_OVERRIDES or (ch in BIDI_OTHERS and not rtl))
    if bidi:
        found.append(f"contains bidirectional control characters ({_names(bidi)}), which can make "
                     "text display in another order than it is stored, e.g. '10.0' as '0.01'; "
                     "remove them")
    missing = sorted(set(value) - drawable(theme) - suspect)
    if missing:
        names = ", ".join(f"{yamlfile.char_name(ch)} {_name(ch)}" for ch in missing[:5])
        more = " and more" if len(missing) > 5 else ""
        found.append(f"the font {theme.font.family} cannot draw {names}{more}; use other "
                     "characters or a theme font that has them")
    return found


def check_text(reader, theme: Theme, language: str = "") -> None:
    """Record a problem for every unusable character and bad link in every file read."""
    rtl = right_to_left(language)
    for located in reader.files.values():
        for path, value in strings(located.data, ()):
            for message in problems(value, theme, rtl):
                reader.add(located, path, message)
            _check_links(reader, located, path, value)


def _check_links(reader, located, path: tuple, value: str) -> None:
    markdown = path and (path[-1] in MARKDOWN_FIELDS or path[0] == "prose")  # prose: templates
    if markdown and "](" in value:  # only a link can fail to parse
        try:
            inline.paragraphs(value)
        except inline.LinkError as exc:
            reader.add(located, path, str(exc))
    if path and path[-1] == "url" and value and not value.startswith(inline.LINK_SCHEMES):
        reader.add(located, path, f"link target '{value}' must start with https:// or mailto:")


def strings(data, path: tuple):
    """Yield (path, text) for every string in `data`, a value built by yamlfile."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))


def _names(chars: list[str]) -> str:
    return ", ".join(yamlfile.char_name(ch) for ch in chars)


def _name(ch: str) -> str:
    return f"'{ch}' ({unicodedata.name(ch, 'unnamed').lower()})"
