"""The package around the content: a minimal template, document properties and a stable zip."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from docx.document import Document as WordDocument
from docx.shared import Mm
from fontTools.ttLib import TTFont

from ...document import Meta
from ...theme import Theme
from . import fonts, styles

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml"

ROOT_RELS = f"""<Relationships xmlns="{PACKAGE}/relationships">\
<Relationship Id="rId1" Type="{OFFICE}/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="{PACKAGE}/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="{OFFICE}/relationships/extended-properties" \
Target="docProps/app.xml"/></Relationships>"""

DOCUMENT_RELS = f"""<Relationships xmlns="{PACKAGE}/relationships">\
<Relationship Id="rId1" Type="{OFFICE}/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="{OFFICE}/relationships/numbering" Target="numbering.xml"/>\
<Relationship Id="rId3" Type="{OFFICE}/relationships/settings" Target="settings.xml"/>\
<Relationship Id="rId4" Type="{OFFICE}/relationships/fontTable" Target="fontTable.xml"/>\
<Relationship Id="rId5" Type="{OFFICE}/relationships/header" Target="header1.xml"/>\
<Relationship Id="rId6" Type="{OFFICE}/relationships/footer" Target="footer1.xml"/>\
</Relationships>"""

CORE = f"""<cp:coreProperties \
xmlns:cp="{PACKAGE}/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"""

APP = f"""<Properties xmlns="{OFFICE}/extended-properties">\
<DocSecurity>0</DocSecurity></Properties>"""  # no Application: the charity's file, not a tool's

SETTINGS = f"""<w:settings {W}><w:zoom w:percent="100"/>{{embed}}<w:defaultTabStop w:val="709"/>\
<w:characterSpacingControl w:val="doNotCompress"/><w:compat>\
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" \
w:val="15"/></w:compat></w:settings>"""
# Word keeps fonts embedded, and subset, when the recipient edits and saves the file.
EMBED_SETTINGS = "<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"

HEADER = f'<w:hdr {W}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'
FOOTER = f'<w:ftr {W}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'

CONTENT_TYPES = {
    "/word/document.xml": f"{WORD}.document.main+xml",
    "/word/styles.xml": f"{WORD}.styles+xml",
    "/word/numbering.xml": f"{WORD}.numbering+xml",
    "/word/settings.xml": f"{WORD}.settings+xml",
    "/word/fontTable.xml": f"{WORD}.fontTable+xml",
    "/word/header1.xml": f"{WORD}.header+xml",
    "/word/footer1.xml": f"{WORD}.footer+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
MEDIA = "word/media/"
FONTS = "word/fonts/"
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")  # readers sniff these first


def _document_xml(theme: Theme) -> str:
    """Return an empty body whose one section is the page set-up: size, margins, header and
    footer."""
    width, height = styles.page_size(theme)
    # The footer holds two lines (running title, marking); starting it lower keeps it clear
    # of the text above.
    margin, header, footer = (Mm(theme.page.margin_mm * share).twips for share in (1, 0.5, 0.35))
    return (f'<w:document {W} {R}><w:body><w:sectPr>'
            f'<w:headerReference w:type="default" r:id="rId5"/>'
            f'<w:footerReference w:type="default" r:id="rId6"/>'
            f'<w:pgSz w:w="{width.twips}" w:h="{height.twips}"/><w:pgMar w:top="{margin}" '
            f'w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="{header}" '
            f'w:footer="{footer}" w:gutter="0"/></w:sectPr></w:body></w:document>')


def _font_table(theme: Theme, faces: Iterable[fonts.Face] = ()) -> str:
    """Return fontTable.xml: the theme's font with its embedded `faces` (relationships rId1,
    rId2 … in order), and a Panose number that lets Word pick a close substitute for any face
    not embedded."""
    embeds = "".join(f'<w:embed{face.style} r:id="rId{number}" w:fontKey="{face.key}" '
                     f'w:subsetted="{"true" if face.subsetted else "false"}"/>'
                     for number, face in enumerate(faces, 1))
    return (f'<w:fonts {W} {R}><w:font w:name={quoteattr(theme.font.family)}>'
            f'<w:panose1 w:val="{_panose(theme.font.regular)}"/><w:charset w:val="00"/>'
            f'<w:family w:val="swiss"/><w:pitch w:val="variable"/>{embeds}</w:font></w:fonts>')


@lru_cache(maxsize=4)
def _panose(font: Path) -> str:
    with TTFont(font, lazy=True) as ttf:
        return "".join(f"{value:02X}" for value in vars(ttf["OS/2"].panose).values())


def _embed_fonts(entries: dict[str, bytes], theme: Theme) -> list[tuple[str, str]]:
    """Add to `entries` the theme's faces, subset to the characters of its parts, and the font
    table that points at them; return their (part name, content type) pairs.

    The template's font table only names the font: which glyphs to embed is known only now.
    """
    used = fonts.characters(data.decode() for name, data in entries.items()
                            if name.startswith("word/") and name.endswith(".xml"))
    faces = fonts.faces(theme, used)
    if not faces:
        return []
    names = [f"fonts/font{number}.odttf" for number in range(1, len(faces) + 1)]
    entries.update({f"word/{name}": face.data for name, face in zip(names, faces)})
    entries["word/fontTable.xml"] = (DECLARATION + _font_table(theme, faces)).encode()
    entries["word/_rels/fontTable.xml.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE}/relationships">'
        + "".join(f'<Relationship Id="rId{number}" Type="{OFFICE}/relationships/font" '
                  f'Target="{name}"/>' for number, name in enumerate(names, 1))
        + "</Relationships>").encode()
    return [(f"/word/{name}", OBFUSCATED_FONT) for name in names]


def _content_types(parts: Iterable[tuple[str, str]]) -> bytes:
    """Return [Content_Types].xml for (part name, content type) pairs; pictures by extension."""
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml"}
    overrides = {}
    for name, content_type in parts:
        if content_type.startswith("image/"):
            defaults[name.rsplit(".", 1)[-1]] = content_type
        else:
            overrides[name] = content_type
    return (DECLARATION + f'<Types xmlns="{PACKAGE}/content-types">'
            + "".join(f'<Default Extension="{e}" ContentType="{t}"/>'
                      for e, t in sorted(defaults.items()))
            + "".join(f'<Override PartName="{n}" ContentType="{t}"/>'
                      for n, t in sorted(overrides.items()))
            + "</Types>").encode()


@lru_cache(maxsize=8)
def template(theme: Theme) -> bytes:
    """Return the empty briefing package for `theme`: page set-up, styles, bullets, fonts.

    It is written here part by part rather than taken from python-docx's default, which carries
    a Mac Word thumbnail, a bibliography part, "python-docx" as author and 350 KB of styles.
    """
    embed = EMBED_SETTINGS if fonts.embeddable(theme) else ""
    parts = {
        "_rels/.rels": ROOT_RELS, "docProps/core.xml": CORE, "docProps/app.xml": APP,
        "word/document.xml": _document_xml(theme), "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles.styles_xml(theme),
        "word/numbering.xml": styles.numbering_xml(theme),
        "word/settings.xml": SETTINGS.format(embed=embed), "word/fontTable.xml": _font_table(theme),
        "word/header1.xml": HEADER, "word/footer1.xml": FOOTER,
    }
    entries = {name: part if isinstance(part, bytes) else (DECLARATION + part).encode()
               for name, part in parts.items()}
    entries["[Content_Types].xml"] = _content_types(CONTENT_TYPES.items())
    return _zip(entries, ZIP_EPOCH)


def issued(meta: Meta) -> dt.datetime:
    """Return the document's date at midnight UTC; a year or month alone means its first day."""
    parts = [int(p) for p in meta.issued.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


def set_properties(word: WordDocument, meta: Meta) -> None:
    """Fill the core properties from `meta`: the same every time, nothing about the machine."""
    props = word.core_properties
    props.title, props.subject = meta.title, meta.subject
    props.author = props.last_modified_by = meta.author
    props.language, props.version, props.keywords = meta.language, meta.version, ""
    props.revision = 1
    props.created = props.modified = issued(meta)


def save(word: WordDocument, meta: Meta, theme: Theme) -> bytes:
    """Return the package's bytes, the theme's fonts embedded: entries in a fixed order,
    stamped with the document's date.

    The parts are zipped here rather than by python-docx, which stamps every entry with the
    current time.
    """
    package = word.part.package
    parts = list(package.iter_parts())
    entries = {"_rels/.rels": package.rels.xml}
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    types = [(p.partname, p.content_type) for p in parts] + _embed_fonts(entries, theme)
    entries["[Content_Types].xml"] = _content_types(types)
    return _zip(entries, issued(meta).timetuple()[:6])


def _zip(entries: dict[str, bytes], stamp: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    names = [n for n in FIRST_ENTRIES if n in entries] + sorted(set(entries) - set(FIRST_ENTRIES))
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Pictures are compressed already; deflating them again costs time and saves nothing.
            stored = name.startswith(MEDIA)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system, info.external_attr = 0, 0
            # The fonts are most of the bytes: the fastest level takes half the time of the
            # default for 6% more size, and every briefing pays it.
            level = 1 if name.startswith(FONTS) else None
            archive.writestr(info, entries[name], compresslevel=level)
    return buffer.getvalue()
