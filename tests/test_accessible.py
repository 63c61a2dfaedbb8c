"""The accessible editions of the shipped briefings: the tagged PDF passes the structural
check (and a bad one fails it), and every edition lists the same sections in the same order."""
from __future__ import annotations

import dataclasses
import io
import re

import pytest

from briefgen import document as d
from briefgen import theme, writers
from briefgen.build import build
from briefgen.writers.pdfua import AccessibilityError, typeset

import accessibility
from clients import pdftotext
from conftest import copy_shipped
from writers.sample import DOCUMENT

AUDIENCES = ("industry", "parliament", "police-training")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Return the output folder of the shipped project built in every format."""
    root = tmp_path_factory.mktemp("shipped")
    copy_shipped(root)
    out = root / "output"
    summary = build(root, out, force=True)
    assert len(summary.written) == len(AUDIENCES) * len(writers.FORMATS)
    return out


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_tagged_pdf_passes_the_structural_check(built, audience):
    data = (built / audience / f"{audience}.accessible.pdf").read_bytes()
    assert accessibility.problems(data) == []
    roles = accessibility.read_tree(data).roles()
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= set(roles)
    # As many data tables, figures and quotes as the HTML edition has (its document control
    # is a table headed by row, which Typst cannot tag: there it is label and value in turn).
    html = (built / audience / f"{audience}.html").read_text(encoding="utf-8")
    # (A table that stacks as cards on a phone restates its role: <table role="table" …>.)
    assert roles.count("/Table") == len(re.findall(r'<table(?: role="table"[^>]*)?>', html))
    assert roles.count("/Figure") == html.count('<figure class="chart') + html.count("<img ") - html.count('class="logo"')
    assert roles.count("/BlockQuote") == html.count("<blockquote>")


def test_the_sample_covers_every_structure_the_check_knows():
    data = writers.get("pdf-ua").render(DOCUMENT, theme.default()).data
    assert accessibility.problems(data) == []
    tree = accessibility.read_tree(data)
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/Link", "/Figure", "/BlockQuote"} <= set(tree.roles())
    assert [alt for role, info in tree.elements if role == "/Figure" for alt in [info["alt"]]] == [
        next(b for b in DOCUMENT.blocks if isinstance(b, d.Chart)).alt]
    assert [text for _, text in tree.headings()][:3] == [DOCUMENT.meta.title, "1 The evidence", "1.1 What experts say"]


def without_alt(document: d.Document) -> d.Document:
    return dataclasses.replace(document, blocks=tuple(
        dataclasses.replace(b, alt="") if isinstance(b, d.Chart) else b for b in document.blocks))


def skipping_a_level(document: d.Document) -> d.Document:
    """Return `document` opening with a sub-heading: H1 (the title), then H3."""
    return dataclasses.replace(document, blocks=(d.Heading("A sub-heading first", 2, "0.1"), *document.blocks))


@pytest.mark.parametrize("change, fault", [(without_alt, "a Figure without alt text (/Alt)"),
                                           (skipping_a_level, "heading levels skip from H1 to H3")])
def test_the_check_fails_a_pdf_built_without_alt_text_or_with_a_skipped_level(change, fault):
    data, _ = typeset(change(DOCUMENT), theme.default(), ())  # tagged, but not held to PDF/UA
    assert fault in accessibility.problems(data)


@pytest.mark.parametrize("change, message", [(without_alt, "missing alt text"),
                                             (skipping_a_level, "skipped from heading level 1 to 3")])
def test_the_writer_refuses_what_pdf_ua_forbids(change, message):
    with pytest.raises(AccessibilityError, match=message):
        writers.get("pdf-ua").render(change(DOCUMENT), theme.default())


def test_the_check_fails_an_untagged_pdf():
    data = writers.get("pdf").render(DOCUMENT, theme.default()).data
    found = accessibility.problems(data)
    assert "no StructTreeRoot: the PDF is not tagged" in found
    assert "the XMP does not claim PDF/UA-1 (pdfuaid:part 1)" in found


def test_the_tagged_pdf_is_deterministic():
    first = writers.get("pdf-ua").render(DOCUMENT, theme.default()).data
    assert writers.get("pdf-ua").render(DOCUMENT, theme.default()).data == first


# ---- the same sections in every edition ---------------------------------------------------

def docx_sections(data: bytes) -> list[str]:
    import docx

    word = docx.Document(io.BytesIO(data))
    # front matter (document control) is a section too, which Word's contents leaves out
    return [" ".join(p.text.split()) for p in word.paragraphs
            if p.style.name in ("Heading 1", "Heading 2", "Heading Front Matter")]


def pdf_sections(data: bytes) -> list[str]:
    from pypdf import PdfReader

    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [" ".join(item.title.split())]

    return list(walk(PdfReader(io.BytesIO(data)).outline))


def html_sections(data: bytes) -> list[str]:
    from html.parser import HTMLParser

    found: list[str] = []

    class Reader(HTMLParser):
        heading = False

        def handle_starttag(self, tag, attrs):
            if tag in ("h2", "h3") and not self.heading:
                self.heading = True
                found.append("")

        def handle_endtag(self, tag):
            self.heading = self.heading and tag not in ("h2", "h3")

        def handle_data(self, text):
            if self.heading:
                found[-1] += text

    Reader().feed(data.decode())
    return [" ".join(s.split()) for s in found]


def tagged_sections(data: bytes) -> list[str]:
    return [text for level, text in accessibility.read_tree(data).headings() if level in (2, 3)]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_edition_lists_the_same_sections_in_the_same_order(built, audience):
    folder = built / audience
    sections = {
        "docx": docx_sections((folder / f"{audience}.docx").read_bytes()),
        "pdf": pdf_sections((folder / f"{audience}.pdf").read_bytes()),
        "html": html_sections((folder / f"{audience}.html").read_bytes()),
        "pdf-ua": tagged_sections((folder / f"{audience}.accessible.pdf").read_bytes()),
    }
    assert len(sections["pdf"]) >= 5
    for fmt, found in sections.items():
        assert found == sections["pdf"], fmt


def test_the_tagged_pdf_says_the_same_as_the_print_pdf(built, tmp_path):
    """Every word of the print edition's body is in the tagged edition (the furniture aside)."""
    words = {}
    for name in ("parliament.pdf", "parliament.accessible.pdf"):
        path = tmp_path / name
        path.write_bytes((built / "parliament" / name).read_bytes())
        words[name] = set(pdftotext(path).replace("-\n", "").split())
    missing = words["parliament.pdf"] - words["parliament.accessible.pdf"]
    assert len(missing) < 0.02 * len(words["parliament.pdf"]), sorted(missing)[:40]
