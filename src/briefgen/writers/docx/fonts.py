"""The theme's faces as a DOCX embeds them: subset, cached, and obfuscated (ECMA-376 §17.8.1)."""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from ... import cache
from ...theme import Theme

VERSION = "1"  # part of the cache key: bump it when the subsetting options change
STYLES = (("Regular", "regular"), ("Bold", "bold"), ("Italic", "italic"),
          ("BoldItalic", "bold_italic"))  # the w:embed… element, and the theme's face
# Every subset holds these, so documents that differ only in names and numbers share one
# cached subset: Basic Latin, Latin-1 Supplement, Latin Extended-A (names such as Dafydd
# Llŵyd or Łucja) and General Punctuation (the furniture's bullet, en space and dashes).
BASE = frozenset(chain(range(0x20, 0x7F), range(0xA0, 0x180), range(0x2000, 0x2070)))
# Only the features that compose and place accents and pick local forms. Kerning and
# ligatures are left out: the PDF (reportlab) sets text without them, and neither Word nor
# LibreOffice kerns a DOCX unless w:kern asks (LibreOffice set the same lines with them).
FEATURES = ("ccmp", "locl", "mark", "mkmk")
NON_ASCII = re.compile(r"[^\x00-\x7f]")  # printable ASCII is in BASE; controls draw nothing
# OS/2 fsType bits (OpenType spec): usage permissions, then two modifiers.
RESTRICTED, PRINT_AND_PREVIEW, EDITABLE, NO_SUBSETTING, BITMAP_ONLY = 2, 4, 8, 0x100, 0x200


@dataclass(frozen=True)
class Face:
    style: str  # Regular, Bold, Italic or BoldItalic: which w:embed… element points at it
    key: str  # the w:fontKey GUID, "{…}", that `data` is obfuscated with
    data: bytes  # the obfuscated font, the word/fonts/fontN.odttf part
    subsetted: bool


def characters(texts: Iterable[str]) -> frozenset[int]:
    """Return the code points beyond ASCII that `texts` (the package's XML) use."""
    return frozenset(ord(ch) for text in texts for ch in set(NON_ASCII.findall(text)))


def faces(theme: Theme, used: frozenset[int]) -> list[Face]:
    """Return the theme's faces that their licence lets a document embed, each holding BASE
    and the characters in `used`; a face whose licence forbids it is left out, and the
    document then only names it."""
    out, extra = [], used - BASE
    for style, attribute in STYLES:
        path = getattr(theme.font, attribute)
        # Characters the font lacks are left out, so they do not make a new subset.
        wanted = BASE | (extra & _cmap(path)) if extra else BASE
        face = _face(path, style, wanted)
        if face is not None:
            out.append(face)
    return out


def embedded_font(path: Path, used: frozenset[int]) -> bytes | None:
    """Return the face at `path` as any document may embed it (the HTML edition too): subset
    to BASE and those of `used` it has, whole when its licence forbids subsetting, or None
    when it forbids embedding."""
    permission = _permission(path)
    if permission is None:
        return None
    if permission == "whole":
        return path.read_bytes()
    extra = used - BASE
    return subset(path, BASE | (extra & _cmap(path)) if extra else BASE)


def embeddable(theme: Theme) -> bool:
    """Return whether any of the theme's faces may be embedded."""
    return any(_permission(getattr(theme.font, attribute)) for _, attribute in STYLES)


@lru_cache(maxsize=64)
def _face(path: Path, style: str, wanted: frozenset[int]) -> Face | None:
    """Return the face at `path` subset to `wanted` and obfuscated, or None if its licence
    forbids embedding; kept in memory, so a batch subsets each face once."""
    permission = _permission(path)
    if permission is None:
        return None
    font = path.read_bytes() if permission == "whole" else subset(path, wanted)
    key = font_key(font)
    return Face(style, key, obfuscate(font, key), subsetted=permission == "subset")


@lru_cache(maxsize=8)
def _permission(path: Path) -> str | None:
    """Return "subset" or "whole" (how the font at `path` may be embedded), or None when its
    OS/2 fsType forbids embedding: restricted licence, or bitmaps only (we embed outlines)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as ttf:
        fs_type = ttf["OS/2"].fsType
    usage = fs_type & (RESTRICTED | PRINT_AND_PREVIEW | EDITABLE)
    if usage == RESTRICTED or fs_type & BITMAP_ONLY:  # a looser bit set too wins (spec)
        return None
    return "whole" if fs_type & NO_SUBSETTING else "subset"


@lru_cache(maxsize=8)
def _cmap(path: Path) -> frozenset[int]:
    """Return the code points the font at `path` has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as ttf:
        return frozenset(ttf.getBestCmap())


@lru_cache(maxsize=8)
def _digest(path: Path) -> str:
    """Return the SHA-256 of the font file, for the cache key."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def subset(path: Path, wanted: frozenset[int]) -> bytes:
    """Return the font at `path` cut down to the glyphs of `wanted`, from the cache folder
    (`cache.folder()`) when a build has made it before, keyed by the font's bytes,
    the characters and VERSION."""
    key = hashlib.sha256(f"{VERSION} {_digest(path)} {sorted(wanted)}".encode()).hexdigest()
    cached = cache.folder() / "fonts" / f"{key}.ttf"
    found = cache.read(cached)
    if found is not None:
        return found
    font = make_subset(path, wanted)
    cache.store(cached, font)
    return font


def make_subset(path: Path, wanted: frozenset[int]) -> bytes:
    """Return the subset itself, made by fontTools.subset (imported only here: it is slow)."""
    from fontTools import subset as fonttools_subset

    options = fonttools_subset.Options()
    options.layout_features = list(FEATURES)
    options.hinting = False  # 40% of the subset; Word and LibreOffice draw well without it
    options.name_IDs = ["*"]  # the family name readers match, and the OFL's copyright notice
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    font = fonttools_subset.load_font(path, options)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out = io.BytesIO()
    fonttools_subset.save_font(font, out, options)
    return out.getvalue()


def font_key(font: bytes) -> str:
    """Return a GUID derived from `font`'s bytes, "{8-4-4-4-12}" in capitals (LibreOffice
    reads only capitals): the same font always gets the same key, so the output is stable."""
    h = hashlib.sha256(font).hexdigest().upper()
    return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}}}"


def obfuscate(font: bytes, key: str) -> bytes:
    """Return `font` obfuscated with `key` as ECMA-376 Part 1 §17.8.1 says: its first 32
    bytes XORed with the GUID's 16 bytes taken from last to first (as written in the key),
    twice over. XOR undoes itself, so the same call de-obfuscates."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ guid[index % 16] for index, byte in enumerate(font[:32]))
    return head + font[32:]
