"""The shipped briefings, built once and checked by the clients their readers will use."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from briefgen import document as d
from briefgen import inline
from briefgen.build import build
from briefgen.load import load
from briefgen.select import select
from clients import BAD_GLYPHS, fonts, pdftotext, qpdf_check, soffice_to_pdf

REPO = Path(__file__).parent.parent
AUDIENCES = ("industry", "parliament", "police-training")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped")
    build(REPO, out, force=True)
    return out


@pytest.fixture(scope="module")
def project():
    return load(REPO)


def fold(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """Return `text` without white space or hyphens: pdftotext drops a hyphen at a line end
    ("fine-" / "tuned" comes out "finetuned")."""
    return re.sub(r"[\s\-]", "", text)


def selected(project, audience: str, kind: str) -> list:
    selection = select(project.content, project.audiences[audience])
    return [item for chosen in selection.sections if chosen.section.kind == kind for item in chosen.items]


def test_every_audience_gets_every_edition(built):
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.suffix in (".docx", ".pdf", ".html")) == [
        f"{a}/{a}{suffix}" for a in AUDIENCES for suffix in (".accessible.pdf", ".docx", ".html", ".pdf")]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_is_valid_embeds_its_fonts_and_holds_the_selected_findings(built, project, audience):
    pdf = built / audience / f"{audience}.pdf"
    qpdf_check(pdf)
    assert all(row["emb"] == "yes" for row in fonts(pdf)), fonts(pdf)
    text = pdftotext(pdf)
    assert not [g for g in BAD_GLYPHS if g in text]
    # the text without the furniture (marking, footer, page numbers), so that a paragraph split
    # across pages reads as one
    furniture = re.compile(r"(OFFICIAL-SENSITIVE|TRAINER COPY.*|.* · \d+ \w+ \d{4}|(Trainer page|Page) \d+ of \d+)")
    folded = squash("\n".join(line for line in text.splitlines() if not furniture.fullmatch(line.strip())))
    selection = select(project.content, project.audiences[audience])
    shown = [(f, chosen.section.detail) for chosen in selection.sections if chosen.section.kind == "findings"
             for f in chosen.items]
    # a brief finding prints its summary, not its headline; its citation inside its full stop
    missing = [f.id for f, detail in shown
               if squash(d.plain(inline.parse(f.summary if detail == "brief" else f.headline))).rstrip(".") not in folded]
    assert shown and not missing, f"findings not found in {pdf.name}: {missing}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_reopens_and_libreoffice_sets_it_in_the_embedded_theme_font(built, project, audience,
                                                                        tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    path = built / audience / f"{audience}.docx"
    document = docx.Document(str(path))
    title = document.core_properties.title
    assert title and title == pypdf.PdfReader(built / audience / f"{audience}.pdf").metadata.title
    converted = soffice_to_pdf(path, tmp_path)
    assert fold(title) in fold(pdftotext(converted))
    # Noto Sans is not installed here, so LibreOffice can only have it from the DOCX.
    faces = {row["name"].split("+")[-1] for row in fonts(converted)}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= faces, faces
    assert all(face.startswith("NotoSans-") for face in faces), faces
    if audience == "police-training":  # the only one with italics: its verbatim quotes
        assert "NotoSans-Italic" in faces
    # The two print layouts break every page at the same place, so the DOCX's contents, whose
    # page numbers are the PDF's, are right where Word or LibreOffice lays it out.
    assert page_starts(converted) == page_starts(built / audience / f"{audience}.pdf")


def page_starts(pdf: Path) -> list[str]:
    """Return the first three words of each page's text, under the running marking."""
    starts = []
    for page in pdftotext(pdf).split("\f")[:-1]:
        lines = [line for line in page.splitlines() if line.strip() and not line.isupper()]
        starts.append(" ".join(" ".join(lines[:1]).split()[:3]))
    return starts


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_headings_match_the_pdf_outline(built, audience):
    document = docx.Document(str(built / audience / f"{audience}.docx"))
    headings = [fold(p.text) for p in document.paragraphs if p.style.name.lower().startswith("heading")]
    reader = pypdf.PdfReader(built / audience / f"{audience}.pdf")

    def titles(outline) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    assert headings and headings == titles(reader.outline)
    assert reader.metadata.title == document.core_properties.title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_tagged_pdf_starts_each_page_where_the_print_does(built, audience):
    # A reader may switch editions mid-session ("see page 9"): the pages hold the same text.
    folder = built / audience
    assert page_starts(folder / f"{audience}.accessible.pdf") == page_starts(folder / f"{audience}.pdf")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_has_page_numbers_and_alt_text_on_every_picture(built, audience):
    with zipfile.ZipFile(built / audience / f"{audience}.docx") as package:
        footers = "".join(package.read(n).decode() for n in package.namelist() if "footer" in n)
        body = package.read("word/document.xml").decode()
    assert re.search(r"instrText[^>]*>\s*PAGE\s*<", footers)
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert all(re.search(r'descr="[^"]{20,}"', p) for p in pictures), pictures


def test_parliament_pdf_fits_its_four_pages(built):
    assert len(pypdf.PdfReader(built / "parliament" / "parliament.pdf").pages) <= 4


def test_a_personalised_mp_briefing_with_the_longest_details_still_fits_four_pages(tmp_path):
    # A name, constituency and committee long enough to wrap: the salutation, the "Prepared for"
    # line and the committee's ask each take more room than in the shipped briefing.
    rows = tmp_path / "mps.csv"
    rows.write_text("name,constituency,party,committee\n"
                    "Yusuf Birtwhistle-Blackthorn,Larkridge and Larkfield North,Progress Union,"
                    "\"Science, Innovation and Technology Committee\"\n"
                    "Ann Lee,Bath,Independent,\n", encoding="utf-8")
    out = tmp_path / "out"
    build(REPO, out, ("parliament",), ("pdf",), strict=True, recipients=rows)  # over budget: an error
    pdfs = sorted((out / "parliament" / "mps").glob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["ann-lee.pdf", "yusuf-birtwhistle-blackthorn.pdf"]
    assert all(len(pypdf.PdfReader(pdf).pages) <= 4 for pdf in pdfs)
    assert squash("member of the Science, Innovation and Technology Committee") in squash(pdftotext(pdfs[1]))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_citation_stands_alone_on_a_line_or_breaks_inside(built, audience):
    # "[1, p. 16]" wrapped onto a line of its own reads as a stray reference: one that ends a
    # paragraph stays with the word before it. One within a paragraph may start a line (it
    # does in the police handout), rather than carry its word down and leave a short line.
    for pdf in (built / audience / f"{audience}.pdf", built / audience / f"{audience}.accessible.pdf"):
        lines = [line.strip() for line in pdftotext(pdf, layout=True).splitlines()]
        alone = [line for line in lines if re.fullmatch(r"\[\d+(,[^\]]*)?\][.,;:)]?", line)]
        split = [line for line in lines if re.search(r"\[\d+,$", line)]
        assert not alone and not split, (pdf.name, alone, split)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_shipped_pdf_passes_the_layout_preflight(built, audience):
    from briefgen.preflight import check_pdf
    from briefgen.theme import default

    for pdf in (built / audience / f"{audience}.pdf", built / audience / f"{audience}.accessible.pdf"):
        faults = check_pdf(pdf.read_bytes(), pdf.name, default())
        assert not faults, [f"{f.page}: {f.message}" for f in faults]


def test_police_handout_is_marked_on_every_page(built):
    pages = pdftotext(built / "police-training" / "police-training.pdf").split("\f")[:-1]
    assert pages and all(page.count("OFFICIAL-SENSITIVE") >= 2 for page in pages)


def contents_entries(pdf: Path) -> list[tuple[str, int]]:
    """Return (entry, page) of the contents list: the numbered lines with dot leaders of the
    page that holds "Contents" (not the rows of the document control under it)."""
    page = next(p for p in pdftotext(pdf).split("\f") if "\nContents\n" in f"\n{p}")
    found = (re.fullmatch(r"(\d+(?:\.\d+)? \S.*?)\s?\.[ .]*?\.\s?(\d+)", " ".join(line.split()))
             for line in page.splitlines())
    return [(m.group(1).rstrip(" ."), int(m.group(2))) for m in found if m]


def test_the_tagged_pdf_has_the_prints_contents_each_entry_with_its_own_page(built):
    folder = built / "police-training"
    printed = contents_entries(folder / "police-training.pdf")
    tagged = contents_entries(folder / "police-training.accessible.pdf")
    assert len(printed) > 20 and [entry for entry, _ in tagged] == [entry for entry, _ in printed]
    pages = [" ".join(p.split()) for p in pdftotext(folder / "police-training.accessible.pdf").split("\f")]
    for entry, page in tagged:  # a section's number and title are one line on the page it names
        number, title = entry.split(" ", 1)
        assert number in pages[page - 1] and title in pages[page - 1], entry


def test_the_police_handouts_page_two_is_its_contents_and_document_control_in_print_and_tagged(built):
    for name in ("police-training.pdf", "police-training.accessible.pdf"):
        pages = pdftotext(built / "police-training" / name).split("\f")
        two = [line.strip() for line in pages[1].splitlines() if line.strip()]
        assert two[1] == "Contents" and "Document control" in two and "Owner" in " ".join(two), name
        assert sum("Document control" in line for line in two) == 1, name  # its heading, no entry
        assert "2 About this handout" not in two[1:] and "2 About this handout" in pages[2], name
        last = pages[-3]  # the handout's last page, before the trainer's (and the text after the last form feed)
        assert "12 References" in last and "11 Contact" in last, name  # not a page of its own


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_file_names_the_tool_that_made_it_in_its_properties(built, audience):
    # File > Properties showed "briefgen" as the PDF's creator, the DOCX's application and the
    # HTML's generator: the charity's briefing should not read as a generator's.
    folder = built / audience
    assert "briefgen" not in str(pypdf.PdfReader(folder / f"{audience}.pdf").metadata).lower()
    with zipfile.ZipFile(folder / f"{audience}.docx") as package:
        assert not [n for n in ("docProps/app.xml", "docProps/core.xml") if b"briefgen" in package.read(n).lower()]
    head = (folder / f"{audience}.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "briefgen" not in head.lower() and 'name="generator"' not in head


def test_no_restricted_item_is_selected_for_parliament_or_industry(project):
    for audience in ("parliament", "industry"):
        selection = select(project.content, project.audiences[audience])
        levels = {item.sensitivity for chosen in selection.sections for item in chosen.items}
        assert "restricted" not in levels and selection.marking == ""


PUBLIC_BODIES = {"government", "law-enforcement"}  # every other addressee is a kind of company


@pytest.mark.parametrize("audience", ["parliament", "industry"])
def test_each_audience_gets_the_current_asks_addressed_to_its_reader(project, audience):
    """MPs get every ask of Government made in July 2024; companies every ask of a company,
    whichever kind of company it names (AI developers, search services ...)."""
    def for_reader(r) -> bool:
        if audience == "parliament":
            return r.addressee == "government" and r.issued >= "2024-07"
        return r.addressee not in PUBLIC_BODIES
    expected = {r.id for r in project.content.recommendations if for_reader(r)}
    assert len(expected) >= (4 if audience == "parliament" else 9)
    assert expected <= {r.id for r in selected(project, audience, "recommendations")}


def test_every_company_ask_names_the_kind_of_company_and_draws_on_no_ask_of_government(project):
    """A briefing to companies labels each ask with who can act on it, not "technology
    companies"; and an ask of companies is never "based on" a recommendation to Government."""
    labels = project.content.vocabulary.addressees
    company = [r for r in project.content.recommendations if r.addressee not in PUBLIC_BODIES]
    assert company and all("technology compan" not in labels[r.addressee].lower() for r in company)
    assert not [r.id for r in company if r.based_on and "Government" in r.based_on.text]


def test_the_training_handout_carries_no_advocacy(project):
    """Trainers are not the addressee of asks to Government."""
    assert selected(project, "police-training", "recommendations") == []
