"""The DOCX writer, checked as a reader would meet it: python-docx, LibreOffice and the package."""
from __future__ import annotations

import dataclasses
import getpass
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from lxml import etree

import clients
from briefgen import document as d
from briefgen import theme, writers
from briefgen.writers import docx as writer

from .sample import BLOCKS, DOCUMENT, META

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
HEADINGS = [b for b in BLOCKS if isinstance(b, d.Heading)]
LITERALS = ("R&D", "<b>not bold</b>", "{{ 7*7 }}")

needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) is not installed, so the DOCX cannot be converted to check it")


def render(document: d.Document = DOCUMENT) -> bytes:
    return writer.render(document, theme.default()).data


def with_meta(**changes) -> d.Document:
    return dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, **changes))


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def parts(data: bytes, prefix: str) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if n.startswith(prefix)]
        return [etree.fromstring(package.read(n)) for n in names]


def paragraph_texts(root: etree._Element) -> list[str]:
    """Return the text of every paragraph, table cells included, in document order."""
    return ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in root.iter(f"{{{NS['w']}}}p")]


@pytest.fixture(scope="module")
def sample() -> bytes:
    return render()


@pytest.fixture(scope="module")
def word(sample: bytes):
    return docx.Document(io.BytesIO(sample))


def test_headings_are_word_headings_in_order(word):
    found = [" ".join(p.text.split()) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert found == [f"{h.number} {h.text}" for h in HEADINGS] + ["Answers for the trainer"]
    assert all(p.style.paragraph_format.keep_with_next for p in word.paragraphs
               if p.style.name.startswith("Heading"))


@needs_soffice
def test_libreoffice_opens_it_and_prints_title_and_marking(sample, tmp_path: Path):
    path = tmp_path / "brief.docx"
    path.write_bytes(sample)
    text = " ".join(clients.pdftotext(clients.soffice_to_pdf(path, tmp_path)).split())
    assert META.title in text
    assert text.count(META.marking) >= 2  # top and bottom of the page at least
    assert "Page 1 of" in text


def test_text_is_literal_and_emphasis_comes_only_from_runs(sample, word):
    texts = paragraph_texts(part(sample, "word/document.xml"))
    lead = next(p for p in word.paragraphs if "R&D" in p.text)
    assert all(literal in lead.text for literal in LITERALS)
    assert not any(run.bold for run in lead.runs)
    ask = next(p for table in word.tables for cell in table._cells for p in cell.paragraphs
               if p.text.startswith("Act now"))
    assert [run.text for run in ask.runs if run.bold] == ["support the amendment"]
    assert any("Ünïcödé ‘quotes’ — dashes … and Ελληνικά" in t for t in texts)


def test_nothing_in_the_sample_is_dropped(sample):
    text = "\n".join(paragraph_texts(part(sample, "word/document.xml")))
    for expected in ("Content note: The next section quotes offenders", "Key points",
                     "20,254", "AI images posted in one month", "IWF, October 2023 [1]",
                     "Scale: more images", "Jane Doe, Chief Executive, Example Org, 22 July 2024",
                     "Verbatim offender quote", "a verbatim offender quote", "Government",
                     "Review the law for the AI age.",
                     "Progress: partial progress, July 2024. Amendments were tabled.",
                     "Ban misuse in terms of use", "Source: IWF, July 2024, Section 5 [2]",
                     "first point", "LoRA",
                     "A small file that fine-tunes a model.", "Internet Watch Foundation. How AI",
                     "What has changed in the AI CSAM landscape? July 2024."):
        assert expected in text


def test_links_are_real_external_hyperlinks(sample):
    rels = part(sample, "word/_rels/document.xml.rels")
    targets = {rel.get("Target"): rel.get("TargetMode") for rel in rels
               if rel.get("Type").endswith("/hyperlink")}
    assert targets == {"https://www.iwf.org.uk/": "External",
                       "https://www.iwf.org.uk/about-us/why-we-exist/our-research/": "External"}
    body = part(sample, "word/document.xml")
    linked = body.xpath("//w:hyperlink[@r:id]//w:t/text()", namespaces=NS)
    # A long address shows on a line of its own, free to break after each "/" (a zero-width space).
    assert [t.replace("\u200b", "") for t in linked] == ["link", "https://www.iwf.org.uk/about-us/why-we-exist/our-research/"]


def furniture(data: bytes, index: int) -> tuple[list[str], list[str], list[str]]:
    """Return section `index`'s header and footer paragraphs and its footer's field codes."""
    section = docx.Document(io.BytesIO(data)).sections[index]
    header, footer = (etree.fromstring(etree.tostring(part._element)) for part in (section.header, section.footer))
    codes = [i.strip() for i in footer.xpath(".//w:instrText/text()", namespaces=NS)]
    return paragraph_texts(header), paragraph_texts(footer), codes


def test_marking_top_and_bottom_and_page_numbers_in_the_footer(sample):
    header, footer, codes = furniture(sample, 0)
    assert header == [META.marking]
    assert META.marking in footer
    # The briefing's section counts its own pages: the trainer's section follows it.
    assert codes == ["PAGE", "SECTIONPAGES"]
    assert footer[0].startswith(f"{META.running_title}\u2002·\u2002{META.date}")


def test_the_trainer_part_is_a_section_of_its_own_under_its_banner_numbered_apart(sample, word):
    assert len(word.sections) == 2
    header, footer, codes = furniture(sample, 1)
    assert header == [META.marking, "TRAINER COPY: REMOVE BEFORE ISSUE"]
    assert codes == ["PAGE", "SECTIONPAGES"] and "Trainer page" in footer[0] and META.marking in footer
    trainer = word.sections[1]._sectPr
    assert trainer.xpath("w:pgNumType/@w:start") == ["1"]
    assert trainer.xpath("w:type/@w:val") in ([], ["nextPage"])  # on a new page
    # The last results the fields show (LibreOffice shows them) are the print layout's counts.
    printed = writers.get("pdf").render(DOCUMENT, theme.default())
    briefing_pages = int(furniture(sample, 0)[1][0].rsplit(" ", 1)[-1])
    assert footer[0].endswith(f"Trainer page 1 of {printed.pages - briefing_pages}")
    assert 0 < briefing_pages < printed.pages
    texts = [p.text for p in word.paragraphs]
    title = word.paragraphs[texts.index("Answers for the trainer")]
    assert title.style.name == "Heading 1"  # in the navigation pane, as in the PDF's outline


def test_a_briefing_without_answers_has_one_section_that_counts_every_page():
    blocks = tuple(b for b in BLOCKS if not isinstance(b, d.Answers))
    data = render(dataclasses.replace(DOCUMENT, blocks=blocks))
    assert len(docx.Document(io.BytesIO(data)).sections) == 1
    header, footer, codes = furniture(data, 0)
    assert codes == ["PAGE", "NUMPAGES"] and "TRAINER" not in " ".join(header + footer).upper()
    contents = part(render(dataclasses.replace(DOCUMENT, blocks=blocks, meta=dataclasses.replace(META, toc_from_pages=2))),
                    "word/document.xml")
    assert contents.xpath("//w:instrText/text()", namespaces=NS)[0].strip() == r'TOC \o "1-2" \h \z \u'
    assert not contents.xpath("//w:bookmarkStart[@w:name='_Briefing']", namespaces=NS)


def test_no_marking_means_none_in_header_or_footer():
    data = render(with_meta(marking="", handling_note=()))
    header, footer, codes = furniture(data, 0)
    assert header == [""]
    assert not any("OFFICIAL" in t for t in footer)
    assert codes == ["PAGE", "SECTIONPAGES"]
    header, footer, _ = furniture(data, 1)
    assert header == ["TRAINER COPY: REMOVE BEFORE ISSUE"] and not any("OFFICIAL" in t for t in footer)


@needs_soffice
def test_libreoffice_numbers_the_briefing_and_the_trainer_part_apart(sample, tmp_path: Path):
    path = tmp_path / "brief.docx"
    path.write_bytes(sample)
    pages = clients.pdftotext(clients.soffice_to_pdf(path, tmp_path)).split("\f")[:-1]
    trainer = [page for page in pages if "TRAINER COPY: REMOVE BEFORE ISSUE" in page]
    briefing = pages[:len(pages) - len(trainer)]
    assert trainer and briefing and "Answers for the trainer" in trainer[0]
    for number, page in enumerate(briefing, 1):
        assert f"Page {number} of {len(briefing)}" in " ".join(page.split())
    for number, page in enumerate(trainer, 1):
        assert f"Trainer page {number} of {len(trainer)}" in " ".join(page.split())


@pytest.mark.parametrize("language", ["en-GB", "cy-GB"])
def test_language_is_set_for_the_whole_document(language):
    data = render(with_meta(language=language))
    lang = part(data, "word/styles.xml").xpath(
        "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS)
    assert lang == [language]
    assert docx.Document(io.BytesIO(data)).core_properties.language == language


def test_every_picture_has_alt_text(sample):
    chart = next(b for b in BLOCKS if isinstance(b, d.Chart))
    pictures = part(sample, "word/document.xml").xpath("//wp:docPr", namespaces=NS)
    assert [(p.get("descr"), p.get("title")) for p in pictures] == [(chart.alt, chart.caption)]


def test_logo_from_the_theme_heads_the_page_with_alt_text(tmp_path: Path):
    from PIL import Image

    Image.new("RGB", (300, 100), "#0B5C7A").save(tmp_path / "logo.png")
    styled = theme.default().model_copy(update={"logo_png": (tmp_path / "logo.png").read_bytes()})
    data = writer.render(DOCUMENT, styled).data
    first = part(data, "word/document.xml").xpath("//wp:docPr", namespaces=NS)[0]
    assert first.get("descr") == f"{META.organisation} logo"
    assert str(tmp_path) not in data.decode("latin-1")


def test_table_header_repeats_and_numbers_align_right(word):
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Measure")
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in table.rows[1].cells] == ["Images posted", "20,254", "13,906"]
    right = [c.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
             for c in table.rows[1].cells]
    assert right == [False, True, True]
    assert "wrap inside its cell" in table.rows[3].cells[0].text
    # Header cells sit on their rule, as the PDF's do, when one of them wraps.
    assert [c._tc.tcPr.xpath("string(w:vAlign/@w:val)") for c in table.rows[0].cells] == ["bottom"] * 3
    assert not table.rows[1].cells[0]._tc.tcPr.xpath("w:vAlign")


def test_content_note_stays_with_what_it_warns_about(word):
    note = next(p for p in word.paragraphs if p.text.startswith("Content note: "))
    assert note.runs[0].bold and note.paragraph_format.keep_with_next


def test_verbatim_quote_looks_different_from_an_organisation_quote(word):
    by_text = {p.text: p for p in word.paragraphs}
    verbatim = by_text["a verbatim offender quote"].style
    quoted = by_text["Quote from an organisation & its chief executive."].style
    assert verbatim.font.italic and not quoted.font.italic
    assert verbatim.font.color.rgb != quoted.font.color.rgb
    texts = [p.text for p in word.paragraphs]
    assert texts[texts.index("a verbatim offender quote") - 1] == "Verbatim offender quote"


def test_properties_name_the_author_and_the_date_and_nothing_of_the_machine(sample, word):
    props = word.core_properties
    assert (props.author, props.last_modified_by) == (META.author, META.author)
    assert (props.title, props.subject, props.keywords) == (META.title, META.subject, "")
    assert props.revision == 1
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2024-09-02"
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        everything = b"".join(package.read(n) for n in package.namelist()).lower()
    for leak in (b"python-docx", b"/tmp", b"/home", getpass.getuser().lower().encode()):
        assert leak not in everything


def test_same_document_gives_the_same_bytes(sample):
    assert render() == sample


def test_page_is_a4_with_the_theme_margins(word):
    section = word.sections[0]
    margin = Mm(theme.default().page.margin_mm)
    expected = [(section.page_width, Mm(210)), (section.page_height, Mm(297)),
                (section.left_margin, margin), (section.right_margin, margin),
                (section.top_margin, margin), (section.bottom_margin, margin)]
    assert all(abs(found - length) < Mm(0.1) for found, length in expected)


def test_contents_lists_the_headings_and_links_to_them():
    data = render(with_meta(toc_from_pages=2))
    body = part(data, "word/document.xml")
    # The contents lists the headings inside the briefing's section only, not the trainer's part.
    assert [i.strip() for i in body.xpath("//w:instrText/text()", namespaces=NS)] == [
        r'TOC \o "1-2" \h \z \u \b _Briefing'] + [rf"PAGEREF _Toc{n} \h" for n in range(1, len(HEADINGS) + 1)]
    start, end = (body.xpath(f"//w:{tag}[@w:id='0']", namespaces=NS) for tag in ("bookmarkStart", "bookmarkEnd"))
    assert start[0].get(f"{{{NS['w']}}}name") == "_Briefing"
    paragraphs = list(body.iter(f"{{{NS['w']}}}p"))
    last_heading = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS)[-1]  # the trainer's
    assert paragraphs.index(start[0].getparent()) == 0
    assert paragraphs.index(end[0].getparent()) < paragraphs.index(last_heading)
    assert end[0].getparent().xpath("w:pPr/w:sectPr", namespaces=NS)  # the briefing section's end
    entries = body.xpath("//w:hyperlink[@w:anchor]", namespaces=NS)
    assert ["".join(e.xpath(".//w:t/text()", namespaces=NS)).strip() for e in entries] == [
        f"{h.number} {h.text}" for h in HEADINGS]  # the trainer's answers are not among them
    # Word is not asked to update fields on opening (its prompt speaks of "other files"): each
    # entry shows its page in the print edition, whose page breaks the DOCX follows.
    settings = part(data, "word/settings.xml")
    assert settings.xpath("//w:updateFields", namespaces=NS) == []
    printed = writers.get("pdf").render(dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, toc_from_pages=2)),
                                        theme.default())
    shown = [p for p in body.xpath("//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'TOC') and @w:val != 'TOCHeading']]",
                                     namespaces=NS)]
    numbers = ["".join(p.xpath(".//w:r[preceding-sibling::w:r/w:instrText[contains(., 'PAGEREF')]]"
                                 "[following-sibling::w:r/w:fldChar[@w:fldCharType='end']]/w:t/text()",
                                 namespaces=NS)) for p in shown]
    assert [int(n) for n in numbers] == list(printed.layout.headings) and len(numbers) == len(HEADINGS)
    for entry in entries:
        anchor = entry.xpath("@w:anchor", namespaces=NS)[0]
        target = body.xpath("//w:bookmarkStart[@w:name=$name]/../w:pPr/w:pStyle/@w:val",
                            namespaces=NS, name=anchor)
        assert target[0].startswith("Heading")


def test_no_contents_unless_asked_for(sample):
    body = part(sample, "word/document.xml")
    assert not body.xpath("//w:instrText", namespaces=NS)
    assert "Contents" not in paragraph_texts(body)


def test_the_recommendation_an_ask_draws_on_is_labelled_once_in_bold(word):
    basis = [p for p in word.paragraphs if "recommendation:" in p.text]
    assert [p.text for p in basis] == ["IWF recommendation: “To ensure that …”"]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in basis[0].runs] == [
        ("IWF recommendation: ", True, False), ("“To ensure that …”", False, True)]


def test_the_handling_statement_is_bold_in_a_ruled_box_on_the_cover(word):
    body = list(word.element.body)
    box = next(t for t in word.tables if "Handle under" in t.rows[0].cells[0].text)
    cell = box.rows[0].cells[0]
    assert cell.paragraphs[0].text == "Handle under OFFICIAL-SENSITIVE rules."
    assert cell.paragraphs[0].style.name == "Handling Note" and cell.paragraphs[0].style.font.bold
    assert {edge.tag.split("}")[1] for edge in cell._tc.tcPr.xpath("w:tcBorders/*")} == {"top", "left", "bottom", "right"}
    facts = next(p for p in word.paragraphs if p.style.name == "Cover Details")
    rule = next(p for p in word.paragraphs if p.style.name == "Cover Rule")
    assert body.index(facts._p) + 1 == body.index(box._tbl) == body.index(rule._p) - 1  # on the cover


def test_contents_goes_where_the_print_has_it_page_two_after_a_short_opening_section():
    from .test_pdf import opening_section

    data = writer.render(opening_section(6), theme.default()).data
    body = part(data, "word/document.xml")
    styled = [(p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS), "".join(p.xpath(".//w:t/text()", namespaces=NS)),
               bool(p.xpath("w:pPr/w:pageBreakBefore", namespaces=NS))) for p in body.iter(f"{{{NS['w']}}}p")]
    order = [text for style, text, _ in styled if style in ("Heading1", "TOCHeading")]
    assert order == ["1 Learning objectives", "Contents", "2 About this handout", "3 The law"]
    breaks = {text for _, text, new_page in styled if new_page}
    assert breaks == {"Contents", "2 About this handout"}
    front = part(writer.render(opening_section(6, front_matter=True), theme.default()).data, "word/document.xml")
    styled = [("".join(p.xpath(".//w:t/text()", namespaces=NS)), bool(p.xpath("w:pPr/w:pageBreakBefore", namespaces=NS)))
              for p in front.iter(f"{{{NS['w']}}}p")]
    headings = [text for text, _ in styled if text in ("Contents", "Document control", "2 About this handout")]
    assert headings == ["Contents", "Document control", "2 About this handout"]  # no entry for it
    # A section's look, but body text to Word's outline: Word's own update of the contents
    # (TOC \o \u) leaves it out too.
    [heading] = [p for p in front.iter(f"{{{NS['w']}}}p") if "".join(p.xpath(".//w:t/text()", namespaces=NS)) == "Document control"]
    style = heading.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
    sheet = part(writer.render(opening_section(6, front_matter=True), theme.default()).data, "word/styles.xml")
    [definition] = sheet.xpath(f"w:style[@w:styleId='{style}']", namespaces=NS)
    assert definition.xpath("string(w:basedOn/@w:val)", namespaces=NS) == "Heading1"
    assert definition.xpath("string(w:pPr/w:outlineLvl/@w:val)", namespaces=NS) == "9"
    assert {text for text, new_page in styled if new_page} == {"Contents", "2 About this handout"}
    long = part(writer.render(opening_section(60), theme.default()).data, "word/document.xml")
    titles = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in long.iter(f"{{{NS['w']}}}p")
              if p.xpath("w:pPr/w:pStyle[@w:val='TOCHeading' or @w:val='Heading1']", namespaces=NS)]
    assert titles[:2] == ["Contents", "1 Learning objectives"]


@needs_soffice
def test_libreoffice_puts_the_contents_on_page_two_after_a_short_opening_section(tmp_path: Path):
    from .test_pdf import opening_section

    path = tmp_path / "short.docx"
    path.write_bytes(writer.render(opening_section(6), theme.default()).data)
    pages = clients.pdftotext(clients.soffice_to_pdf(path, tmp_path)).split("\f")
    assert "1 Learning objectives" in pages[0] and "Contents" not in pages[0]
    assert "Contents" in pages[1] and "A paragraph." not in pages[1] and "2 About this handout" in pages[2]
    path.write_bytes(writer.render(opening_section(6, front_matter=True), theme.default()).data)
    pages = clients.pdftotext(clients.soffice_to_pdf(path, tmp_path)).split("\f")
    assert "Contents" in pages[1] and "Owner: the training lead." in pages[1] and "A paragraph." not in pages[1]
    assert "2 About this handout" in pages[2]


def test_a_tables_last_row_keeps_with_its_source_line(tmp_path):
    table = d.Table("Caption", (d.Column("Item"), d.Column("Count", True)), (("One", "1"), ("Two", "2")), "A source")
    [grid] = [t for t in docx.Document(io.BytesIO(render(d.Document(META, (table,))))).tables
              if t.rows[0].cells[0].text == "Item"]
    rows = grid.rows
    kept = [[p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs] for row in rows]
    assert kept[-1] and all(kept[-1]) and not any(kept[1])  # the last row only, not the first


def lists_document() -> d.Document:
    from .sample import text

    return dataclasses.replace(DOCUMENT, blocks=(
        d.Paragraph(text("Discuss:")),
        d.BulletList((text("First question?"), text("Second question?")), numbered=True),
        d.BulletList((text("A point."), text("Another point."))),
        d.Questions((text("Which Act applies?"), text("Is a cartoon outside the law?"))),
        d.Answers("Answers", ((text("Which Act applies?"), text("The 1978 Act.")),
                              (text("Is a cartoon outside the law?"), text("Not necessarily."))), "Trainer copy")))


def test_lists_are_words_own_numbering_each_numbered_list_from_1():
    # Typed "1." and a tab let an editor who inserts a question break the numbering, and the
    # link between the questions and their answers.
    data = render(lists_document())
    body, numbering = part(data, "word/document.xml"), part(data, "word/numbering.xml")
    items = [("".join(p.xpath(".//w:t/text()", namespaces=NS)), p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)",
                                                                       namespaces=NS))
             for p in body.iter(f"{{{NS['w']}}}p") if p.xpath("w:pPr/w:numPr", namespaces=NS)]
    texts = [t for t, _ in items]
    assert texts == ["First question?", "Second question?", "A point.", "Another point.", "Which Act applies?",
                     "Is a cartoon outside the law?", "Which Act applies?", "Is a cartoon outside the law?"]
    ids = [n for _, n in items]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] == ids[5] and ids[6] == ids[7]
    assert len({ids[0], ids[2], ids[4], ids[6]}) == 4  # a list of its own each
    for number in {ids[0], ids[4], ids[6]}:  # numbered, restarting at 1
        [num] = numbering.xpath(f"w:num[@w:numId='{number}']", namespaces=NS)
        abstract = num.xpath("string(w:abstractNumId/@w:val)", namespaces=NS)
        assert numbering.xpath(f"string(w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl/w:numFmt/@w:val)",
                               namespaces=NS) == "decimal"
        assert num.xpath("string(w:lvlOverride/w:startOverride/@w:val)", namespaces=NS) == "1"
    assert not [t for t in paragraph_texts(body) if t[:2] in ("1.", "2.") or t.startswith("•")]  # nothing typed


@needs_soffice
def test_libreoffice_numbers_each_list_from_1_where_the_print_puts_its_numbers(tmp_path: Path):
    path = tmp_path / "lists.docx"
    document = lists_document()
    path.write_bytes(render(document))
    printed = tmp_path / "lists.pdf"
    printed.write_bytes(writers.get("pdf").render(document, theme.default()).data)

    def labels(pdf: Path) -> list[tuple[str, float, float]]:
        """Return each list label, where it starts and where the text after it starts."""
        import re

        found = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                           clients.run("pdftotext", "-bbox", str(pdf), "-").stdout)
        return [(label, float(at), float(found[i + 1][0])) for i, (at, label) in enumerate(found[:-1])
                if label in ("1.", "2.", "•")]

    word, print_ = labels(clients.soffice_to_pdf(path, tmp_path)), labels(printed)
    assert [label for label, *_ in word] == ["1.", "2.", "•", "•", "1.", "2.", "1.", "2."]
    assert [label for label, *_ in word] == [label for label, *_ in print_]
    assert all(abs(a[1] - b[1]) < 1.5 and abs(a[2] - b[2]) < 1.5 for a, b in zip(word, print_)), (word, print_)
