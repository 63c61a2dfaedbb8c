"""The theme's fonts embedded in the DOCX: obfuscated subsets that readers can open and use."""
from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

import clients
from briefgen import document as d
from briefgen import theme
from briefgen.writers import docx as writer
from briefgen.writers.docx import fonts

from .sample import DOCUMENT, META

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
STYLES = {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic",
          "embedBoldItalic": "Bold Italic"}  # the element, and the face's name-table subfamily
# The order in which LibreOffice's reader (writerfilter, EmbeddedFontHandler) takes the key's
# bytes from "{62E79491-959F-41E9-B76B-6B32631DEA5C}": the last pair first.
KEY_POSITIONS = (35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1)


def render(document: d.Document = DOCUMENT, look: theme.Theme | None = None) -> bytes:
    return writer.render(document, look or theme.default()).data


def embedded(data: bytes) -> dict[str, tuple[bytes, etree._Element]]:
    """Return {w:embed… element name: (the part's raw bytes, the element)} from the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        table = etree.fromstring(package.read("word/fontTable.xml"))
        names = package.namelist()
        rels = (etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
                if "word/_rels/fontTable.xml.rels" in names else etree.Element("none"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("rel:Relationship", NS)}
        out = {}
        for element in table.iterfind("w:font/*", NS):
            if element.tag.startswith(f"{{{W}}}embed"):
                part = "word/" + targets[element.get(f"{{{R}}}id")]
                out[etree.QName(element).localname] = (package.read(part), element)
        return out


def deobfuscate(raw: bytes, font_key: str) -> bytes:
    """Return the font as a reader gets it back, written from LibreOffice's reader, not ours."""
    key = [int(font_key[p:p + 2], 16) for p in KEY_POSITIONS]
    return bytes(b ^ key[i % 16] for i, b in enumerate(raw[:32])) + raw[32:]


def opened(raw: bytes, element: etree._Element) -> TTFont:
    return TTFont(io.BytesIO(deobfuscate(raw, element.get(f"{{{W}}}fontKey"))))


def restricted_copy(source: Path, folder: Path, fs_type: int) -> Path:
    """Return a copy of the font at `source` whose OS/2 fsType is `fs_type`."""
    font = TTFont(source)
    font["OS/2"].fsType = fs_type
    path = folder / f"{source.stem}-fstype-{fs_type}.ttf"
    font.save(path)
    return path


def with_faces(**paths: Path) -> theme.Theme:
    base = theme.default()
    return base.model_copy(update={"font": base.font.model_copy(update=paths)})


@pytest.fixture(scope="module")
def sample() -> bytes:
    return render()


def test_the_four_faces_are_obfuscated_subsets_that_cover_the_text(sample):
    faces = embedded(sample)
    assert list(faces) == list(STYLES)  # schema order, after w:pitch
    text = {ch for ch in clients.docx_text(sample) if ch.isprintable()}
    original = theme.default().font.regular.stat().st_size
    for name, (raw, element) in faces.items():
        assert raw[:4] != b"\x00\x01\x00\x00"  # obfuscated: no reader takes it as a plain font
        font = opened(raw, element)
        assert font["name"].getDebugName(1) == theme.default().font.family
        assert font["name"].getDebugName(2) == STYLES[name]
        assert not text - set(map(chr, font.getBestCmap())), name
        assert len(raw) < original / 10
        assert element.get(f"{{{W}}}subsetted") == "true"


def test_font_table_and_settings_ask_for_the_embedded_fonts(sample):
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        types = package.read("[Content_Types].xml").decode()
        settings = etree.fromstring(package.read("word/settings.xml"))
        table = etree.fromstring(package.read("word/fontTable.xml"))
    children = [etree.QName(c).localname for c in settings]
    assert children[:3] == ["zoom", "embedTrueTypeFonts", "saveSubsetFonts"]  # schema order
    font = table.find("w:font", NS)
    assert [etree.QName(c).localname for c in font] == ["panose1", "charset", "family", "pitch",
                                                       *STYLES]
    keys = [c.get(f"{{{W}}}fontKey") for c in font if "embed" in c.tag]
    assert all(len(k) == 38 and k == k.upper() and k[0] + k[-1] == "{}" for k in keys)
    assert types.count("application/vnd.openxmlformats-officedocument.obfuscatedFont") == 4


def test_a_character_outside_the_base_set_is_in_the_subset_too():
    greek = dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, title="Ωmega ΔΣ briefing"))
    for raw, element in embedded(render(greek)).values():
        assert {ord(c) for c in "ΩΔΣ"} <= set(opened(raw, element).getBestCmap())


@pytest.mark.parametrize("fs_type, embeds", [
    (0x0002, False),  # restricted licence
    (0x0200, False),  # bitmap embedding only: we embed outlines
    (0x0006, True),  # restricted and preview & print: the looser permission wins
    (0x0008, True),  # editable
])
def test_a_face_is_embedded_only_where_its_licence_allows(tmp_path, fs_type, embeds):
    regular = restricted_copy(theme.default().font.regular, tmp_path, fs_type)
    faces = embedded(render(look=with_faces(regular=regular)))
    assert ("embedRegular" in faces) is embeds
    assert {"embedBold", "embedItalic", "embedBoldItalic"} <= set(faces)


def test_fonts_that_forbid_embedding_leave_the_document_naming_them_only(tmp_path):
    default = theme.default().font
    look = with_faces(**{face: restricted_copy(getattr(default, face), tmp_path, 0x0002)
                         for face in ("regular", "bold", "italic", "bold_italic")})
    data = render(look=look)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode()
        table = package.read("word/fontTable.xml").decode()
    assert not [n for n in names if n.startswith("word/fonts/")]
    assert "embedTrueTypeFonts" not in settings and "w:embed" not in table
    assert 'w:name="Noto Sans"' in table


def test_a_font_that_forbids_subsetting_is_embedded_whole(tmp_path):
    regular = restricted_copy(theme.default().font.regular, tmp_path, 0x0100)
    raw, element = embedded(render(look=with_faces(regular=regular)))["embedRegular"]
    assert deobfuscate(raw, element.get(f"{{{W}}}fontKey")) == regular.read_bytes()
    assert element.get(f"{{{W}}}subsetted") == "false"


def test_subsets_come_from_the_cache_folder_then_from_memory(monkeypatch, tmp_path):
    made = []
    make_subset = fonts.make_subset
    monkeypatch.setattr(fonts, "make_subset", lambda *args: made.append(args) or make_subset(*args))
    monkeypatch.setenv("BRIEFGEN_CACHE", str(tmp_path))
    fonts._face.cache_clear()
    first = render()
    cached = list((tmp_path / "fonts").iterdir())
    assert len(made) == 4 and sorted(p.suffix for p in cached) == [".ttf"] * 4
    fonts._face.cache_clear()  # as in a new process: the subsets are read from the folder
    assert render() == first and len(made) == 4
    for path in cached:
        path.unlink()
    someone_else = dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, audience="Zoë Ng"))
    render(someone_else)  # other names in the base characters: the same subsets, from memory
    assert len(made) == 4 and not list((tmp_path / "fonts").iterdir())


def test_a_new_subset_gives_the_same_bytes_as_the_cached_one(monkeypatch, tmp_path):
    before = render()
    monkeypatch.setenv("BRIEFGEN_CACHE", str(tmp_path))
    fonts._face.cache_clear()
    assert render() == before
