"""Every block type of the document model, rendered by every writer, shows up in the file.

Adding a block type without teaching every writer (and this table) fails here, so nothing
can be silently dropped.
"""
from __future__ import annotations

import dataclasses

import pytest

from briefgen import document as d
from briefgen import theme, writers

from accessibility import read_tree
from clients import docx_text, pdftotext
from .sample import META, text

EXAMPLES: dict[type, d.Block] = {
    d.Heading: d.Heading("Heading marker", 1, "7"),
    d.Paragraph: d.Paragraph(text("Paragraph marker ", d.Run("bold marker", bold=True))),
    d.BulletList: d.BulletList((text("Bullet marker one"), text("Bullet marker two"))),
    d.ContentNote: d.ContentNote(text("Content note marker")),
    d.KeyPoints: d.KeyPoints("Key points title marker", (text("Key point marker"),)),
    d.Stats: d.Stats((d.Stat("98,765", "Stat label marker", "Stat source marker"),)),
    d.Finding: d.Finding(text("Finding headline marker"), (text("Finding body marker"),)),
    d.Quote: d.Quote(text("Quote text marker"), "Attribution marker"),
    d.QuoteGroup: d.QuoteGroup("Group label marker", (d.Quote(text("Grouped quote marker"), "Group attribution marker",
                                                              verbatim=True),)),
    d.Recommendation: d.Recommendation("Addressee marker", "Recommendation title marker",
                                       text("Recommendation text marker"), "Status marker",
                                       "July 2024", text("Progress marker"), text("Based-on marker"),
                                       (text("Evidence marker"),), text("Regulation marker")),
    d.Table: d.Table("Table caption marker", (d.Column("Column marker"), d.Column("Count", True)),
                     (("Cell marker", "12,345"),), "Table source marker"),
    d.Chart: d.Chart("Chart caption marker", "bar", ("Category",), (d.Series("Series", (5.0,)),),
                     "things", "Chart alt marker", "Chart source marker"),
    d.Glossary: d.Glossary((d.GlossaryEntry("Term marker", text("Definition marker")),)),
    d.References: d.References((d.Reference(1, "Reference marker", "https://example.org/ref-marker"),)),
    d.AsksTable: d.AsksTable("Asks caption marker", (d.Ask("Ask marker", "Status marker", "As-of marker"),),
                             "Asks source marker"),
    d.Notice: d.Notice("Notice title marker", (d.Paragraph(text("Notice text marker")),
                                                d.BulletList((text("Notice bullet marker"),)))),
    d.Questions: d.Questions((text("Question marker one"), text("Question marker two"))),
    d.Answers: d.Answers("Answers title marker", ((text("Answered question marker"), text("Answer marker")),)),
    d.DocumentControl: d.DocumentControl((("Owner marker", "Owner value marker"),)),
}


def markers(block: d.Block) -> list[str]:
    """Return every text of `block` that a reader must find in the file."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            if "marker" in value or value in ("98,765", "12,345"):
                found.append(value)
        elif isinstance(value, d.Run):
            walk(value.text)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, tuple):
            for v in value:
                walk(v)

    walk(block)
    return found


def extract(fmt: str, data: bytes, tmp_path) -> str:
    """Return the text a reader gets from the file: for HTML its text and alt text (of a
    picture, or of a drawing that has role img), for the tagged PDF its page text and the
    structure tree's alt text."""
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html_text(data)
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    alt = [info["alt"] or "" for _, info in read_tree(data).elements] if fmt == "pdf-ua" else []
    return pdftotext(path) + "\n".join(alt)


def html_text(data: bytes) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []

    class Reader(HTMLParser):
        skip = False

        def handle_starttag(self, tag, attrs):
            self.skip = tag in ("style", "script")
            parts.extend(value for name, value in attrs if name in ("alt", "aria-label") and value)

        def handle_data(self, text):
            if not self.skip:
                parts.append(text)

    Reader().feed(data.decode("utf-8"))
    return " ".join(parts)


def test_the_table_covers_every_block_type():
    assert set(EXAMPLES) == set(d.BLOCK_TYPES)


@pytest.mark.parametrize("fmt", sorted(writers.FORMATS))
@pytest.mark.parametrize("block_type", d.BLOCK_TYPES, ids=lambda t: t.__name__)
def test_every_block_type_reaches_the_file(fmt, block_type, tmp_path):
    block = EXAMPLES[block_type]
    document = d.Document(dataclasses.replace(META, marking=""), (block,))
    data = writers.get(fmt).render(document, theme.default()).data
    text_found = " ".join(extract(fmt, data, tmp_path).split()).casefold()  # labels may be set in capitals
    expected = markers(block)
    if fmt == "pdf" and block_type is d.Chart:
        expected.remove("Chart alt marker")  # an untagged PDF has nowhere to carry alt text
    missing = [m for m in expected if m.casefold() not in text_found]
    assert not missing, f"{fmt} writer dropped {missing} of {block_type.__name__}"


@pytest.mark.parametrize("fmt", sorted(writers.FORMATS))
def test_each_writer_names_its_format_and_file_ending(fmt):
    module = writers.get(fmt)
    assert (module.NAME, module.SUFFIX) == (fmt, writers.SUFFIXES[fmt])
