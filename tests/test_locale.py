"""Dates and numbers in the briefing's language (Babel's CLDR data), and Letter paper."""
from __future__ import annotations

import zipfile

import pypdf
import pytest

from briefgen import dates, locales
from briefgen.build import build
from briefgen.load import load
from briefgen.plan import plan
from briefgen.select import select
from clients import docx_text, pdftotext, qpdf_check


@pytest.mark.parametrize("language, day, month", [
    ("en-US", "September 5, 2023", "September 2023"),
    ("en-GB", "5 September 2023", "September 2023"),
    ("cy", "5 Medi 2023", "Medi 2023"),
    ("de", "5. September 2023", "September 2023"),
])
def test_dates_are_written_as_each_language_writes_them(language, day, month):
    assert dates.display("2023-09-05", language) == day
    assert dates.display("2023-09", language) == month
    assert dates.display("2023", language) == "2023"


@pytest.mark.parametrize("language, count, decimal, share, exact", [
    ("en-GB", "20,254", "1.0", "15.5%", "32%"),
    ("en-US", "20,254", "1.0", "15.5%", "32%"),
    ("de", "20.254", "1,0", "15,5\xa0%", "32\xa0%"),
])
def test_numbers_keep_their_decimals_in_each_languages_separators(language, count, decimal, share, exact):
    assert locales.number(20254, language) == count
    assert locales.number(1.0, language) == decimal  # a written trailing zero is kept
    assert locales.percent(15.5, language) == share
    assert locales.percent(32, language) == exact


def localised(project, language: str, letter: bool = False):
    """Return a copy of the minimal project in `language`, every kind of date a full date."""
    p = project()
    p.edit("content/briefing.yaml", "language: en-GB", f"language: {language}")
    p.edit("content/sources.yaml", "date: 2024-07", "date: 2024-07-31")
    p.edit("content/recommendations.yaml", "{date: 2024-07,", "{date: 2024-07-15,")
    if letter:
        p.write("theme.yaml", "page: {size: letter}\n")
    return p


def built(p, tmp_path) -> tuple[list[str], str]:
    """Build the public audience; return its PDF's text page by page, and its DOCX's text."""
    out = tmp_path / "out"
    summary = build(p.root, out, ("public",), jobs=1)
    assert not [w for w in summary.warnings if "page_budget" in w.field], summary.warnings
    pdf, docx = out / "public" / "public.pdf", out / "public" / "public.docx"
    qpdf_check(pdf)
    return pdftotext(pdf).split("\f")[:-1], docx_text(docx.read_bytes())


US = {"cover and footer": "September 2, 2024", "quote": "July 22, 2024",
      "progress": "July 15, 2024", "references": "July 31, 2024"}
WELSH = {"cover and footer": "2 Medi 2024", "quote": "22 Gorffennaf 2024",
         "progress": "15 Gorffennaf 2024", "references": "31 Gorffennaf 2024"}


def test_an_en_us_briefing_prints_us_dates_everywhere_on_letter_paper(project, tmp_path):
    pages, docx = built(localised(project, "en-US", letter=True), tmp_path)
    text = "\n".join(pages)
    for where, date in US.items():
        assert date in text, f"{where}: {date} not in the PDF"
        assert date in docx, f"{where}: {date} not in the DOCX"
    assert all(US["cover and footer"] in page for page in pages)  # the footer of every page
    for british in ("2 September 2024", "22 July 2024", "31 July 2024"):
        assert british not in text and british not in docx
    reader = pypdf.PdfReader(tmp_path / "out" / "public" / "public.pdf")
    assert {tuple(round(float(v)) for v in page.mediabox[2:]) for page in reader.pages} == {(612, 792)}
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    with zipfile.ZipFile(tmp_path / "out" / "public" / "public.docx") as package:
        document = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert '<w:pgSz w:w="12240" w:h="15840"/>' in document
    assert 'w:val="en-US"' in styles


def test_a_welsh_briefing_prints_welsh_month_names(project, tmp_path):
    pages, docx = built(localised(project, "cy"), tmp_path)
    text = "\n".join(pages)
    for where, date in WELSH.items():
        assert date in text, f"{where}: {date} not in the PDF"
        assert date in docx, f"{where}: {date} not in the DOCX"
    assert "September" not in text + docx and "July" not in text + docx


def planned(p, audience: str = "public"):
    project = load(p.root)
    return plan(select(project.content, project.audiences[audience]))


def test_tables_and_chart_labels_use_the_languages_separators(project):
    p = project()
    p.edit("content/briefing.yaml", "language: en-GB", "language: de")
    document = planned(p)
    table = next(b for b in document.blocks if type(b).__name__ == "Table")
    assert table.rows[0] == ("Counted", "1.000", "1.234")
    chart = next(b for b in document.blocks if type(b).__name__ == "Chart")
    assert chart.series[1].labels == ("1.234", "600")
    assert document.meta.date == "2. September 2024"


def test_an_audience_may_set_its_own_language_and_its_templates_see_it(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "ceiling: public", "ceiling: public\nlanguage: cy")
    p.edit("templates/audiences/public.yaml", '"**Act** now."',
           '"{% if audience.language == \'cy\' %}Gweithredwch nawr.{% else %}Act now.{% endif %}"')
    welsh, english = planned(p), planned(p, "cleared")
    assert (welsh.meta.language, welsh.meta.date) == ("cy", "2 Medi 2024")
    assert (english.meta.language, english.meta.date) == ("en-GB", "2 September 2024")
    assert "Gweithredwch nawr." in repr(welsh.blocks)


@pytest.mark.parametrize("file, old, tag", [
    ("content/briefing.yaml", "language: en-GB", "en_US"),
    ("templates/audiences/public.yaml", "ceiling: public", "en_US"),
])
def test_a_language_that_is_not_a_bcp_47_tag_is_explained(project, file, old, tag):
    from briefgen.errors import ContentError

    p = project()
    p.edit(file, old, f"language: {tag}" if old.startswith("language") else f"{old}\nlanguage: {tag}")
    with pytest.raises(ContentError) as raised:
        load(p.root)
    assert ("field 'language': language 'en_US' is not a BCP 47 tag; use a tag such as en-US "
            "(language-REGION, with a hyphen)\n") in str(raised.value) + "\n"


def test_a_language_cldr_has_no_data_for_is_an_error(project):
    from briefgen.errors import ContentError

    p = project()
    p.edit("content/briefing.yaml", "language: en-GB", "language: xx-YY")
    with pytest.raises(ContentError, match="language 'xx-YY' is not one CLDR"):
        load(p.root)


def test_a_briefing_on_letter_keeps_its_page_budget_or_warns(project, tmp_path):
    p = project()
    p.write("theme.yaml", "page: {size: Letter}\n")
    summary = build(p.root, tmp_path / "fits", ("public",), ("pdf",), jobs=1)
    pages = len(pypdf.PdfReader(tmp_path / "fits" / "public" / "public.pdf").pages)
    assert pages <= 4 and not summary.warnings
    p.edit("templates/audiences/public.yaml", "page_budget: 4", "page_budget: 1")
    summary = build(p.root, tmp_path / "over", ("public",), ("pdf",), jobs=1)
    over = [str(w) for w in summary.warnings if w.field == "page_budget"]
    assert over and f"public.pdf has {pages} pages: {pages - 1} over the budget of 1" in over[0]
