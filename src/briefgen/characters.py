"""Text checks at load: characters no document can carry, glyphs the font lacks, bad links.

A character the PDF font cannot draw would print as a black box, and one XML cannot carry
would crash the DOCX writer half way; both are reported here, naming the field, instead.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from . import inline, yamlfile
from .theme import Theme

MARKDOWN_FIELDS = {"headline", "body", "text", "definition", "content_note", "notes"}
ALLOWED_CONTROLS = frozenset("\n\t\r")


@lru_cache(maxsize=8)
def coverage(font: Path) -> frozenset[int]:
    """Return the code points the TrueType font at `font` has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as ttf:
        return frozenset(ttf.getBestCmap())


def check_text(reader, theme: Theme) -> None:
    """Record a problem for every unusable character and bad link in every file read."""
    fonts = [theme.font.regular, theme.font.bold, theme.font.italic, theme.font.bold_italic]
    covered = frozenset(map(chr, frozenset.intersection(*(coverage(f) for f in fonts)))) | ALLOWED_CONTROLS
    for located in reader.files.values():
        for path, value in strings(located.data, ()):
            _check_string(reader, located, path, value, covered, theme.font.family)


def _check_string(reader, located, path: tuple, value: str, covered: frozenset[str], family: str) -> None:
    unusual = set(value) - covered  # almost always empty: one set operation per string
    bad = sorted(ch for ch in unusual if yamlfile.BAD_CHARS.match(ch))
    if bad:
        names = ", ".join(yamlfile.char_name(ch) for ch in bad)
        reader.add(located, path, f"contains control or invalid characters ({names}); remove them")
    missing = sorted(ch for ch in unusual if not yamlfile.BAD_CHARS.match(ch))
    if missing:
        names = ", ".join(f"{yamlfile.char_name(ch)} {_name(ch)}" for ch in missing[:5])
        more = " and more" if len(missing) > 5 else ""
        reader.add(located, path, f"the font {family} cannot draw {names}{more}; use other "
                                  "characters or a theme font that has them")
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


def _name(ch: str) -> str:
    return f"'{ch}' ({unicodedata.name(ch, 'unnamed').lower()})"
