"""Where the print writers break pages, and how their components sit, as a reader sees the pages.

Each rule is checked on a document built to break it where the writers used to: a block that
moves whole and leaves a hole, a list split across pages, a reference tail alone on a page. The
PDF is read with the layout preflight's reader (PDFium); the DOCX as LibreOffice lays it out,
all of a test's files in one LibreOffice run.
"""
from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from lxml import etree

from briefgen import document as d
from briefgen import theme, writers
from briefgen.preflight import check_pdf
from briefgen.plan import label_groups
from briefgen.preflight.libreoffice import convert, soffice
from briefgen.preflight.lines import sheet
from briefgen.preflight.model import Settings
from briefgen.preflight.read import pages
from briefgen.writers import docx, pdf

from .sample import META, text

THEME = theme.default()
SETTINGS = Settings.of(THEME)
PLAIN = dataclasses.replace(META, marking="", handling_note=(), kicker="", toc_from_pages=0)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

# Paragraphs of filler without hyphens: LibreOffice breaks lines after a hyphen, the PDF only
# at spaces, so hyphenated words would make the two layouts differ for a reason of their own.
FILLER = d.Paragraph(text("Analysts assessed every image posted to the forum in one month and recorded "
                          "its severity, its realism and whether it showed a known victim of abuse."))


def filler(count: int) -> list[d.Paragraph]:
    """Return `count` paragraphs of filler, each numbered, so that no line repeats the one above."""
    return [d.Paragraph(text(f"Paragraph {n}. " + d.plain(FILLER.text))) for n in range(1, count + 1)]
EVIDENCE = tuple(text(f"Evidence line {n}: the finding behind this ask, said once in the words of its "
                      f"source, with its reference at the end. [1, p. {n}]") for n in range(1, 11))
ASK = d.Recommendation("AI developers", "Test every model for child safety before release",
                       text("Developers should test each image model for its capacity to generate CSAM."),
                       "Voluntary commitment only", "July 2024", text("Developers signed principles. [1, p. 4]"),
                       text(d.Run("IWF recommendation: ", bold=True), d.Run("“That models are tested before release.”", italic=True),
                            " [2, p. 5]"), EVIDENCE,
                       text("the IWF notes ", d.Run("“a first law in Europe”", italic=True)))


def document(*blocks: d.Block, meta: d.Meta = PLAIN) -> d.Document:
    return d.Document(meta, blocks)


def pdf_pages(data: bytes) -> list[list]:
    """Return each page's flow of lines (text, kind, size, box), the furniture left out."""
    with pages(data) as read:
        return [sheet(page, SETTINGS.margin, SETTINGS.body, SETTINGS.column).flow for page in read]


def texts(data: bytes) -> list[str]:
    """Return each page's text, side labels included, the furniture left out."""
    with pages(data) as read:
        sheets = [sheet(page, SETTINGS.margin, SETTINGS.body, SETTINGS.column) for page in read]
    return [" ".join(line.text for line in s.lines if line.kind != "furniture") for s in sheets]


def page_of(data: bytes, words: str) -> int:
    return next(n for n, page in enumerate(texts(data), 1) if words in page)


def faults(data: bytes) -> list[str]:
    return [f"page {f.page}: {f.rule}" for f in check_pdf(data, "test.pdf", THEME) if f.rule != "measure"]


def xml(data: bytes, name: str = "word/document.xml"):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """Return a function that lays out DOCX files with LibreOffice, once per test module."""
    folder = tmp_path_factory.mktemp("print")
    cache: dict[bytes, bytes] = {}

    def lay_out(*documents: d.Document) -> list[bytes]:
        todo = [doc for doc in documents if docx.render(doc, THEME).data not in cache]
        paths = []
        for number, doc in enumerate(todo):
            path = folder / f"{len(cache)}-{number}.docx"
            path.write_bytes(docx.render(doc, THEME).data)
            paths.append((doc, path))
        converted = convert([path for _, path in paths], folder / "work") if paths else {}
        for doc, path in paths:
            cache[docx.render(doc, THEME).data] = converted[path].read_bytes()
        return [cache[docx.render(doc, THEME).data] for doc in documents]

    return lay_out


# ---- pages break by one set of rules ----------------------------------------------------------

def long_ask_documents() -> list[d.Document]:
    """An ask with ten evidence bullets, after as much filler as moves it across a page end."""
    return [document(d.Heading("Filler", 1), *filler(count), d.Heading("Develop", 1), ASK,
                     d.Heading("Deploy", 1), *filler(8)) for count in (14, 17, 20, 23)]


def test_a_long_ask_breaks_across_pages_rather_than_leaving_a_hole():
    """The review: ask blocks moved to the next page whole left 35-125 mm holes."""
    for doc in long_ask_documents():
        data = pdf.render(doc, THEME).data
        assert faults(data) == []
        title, first = page_of(data, "Test every model for child safety"), page_of(data, "Evidence line 1:")
        assert title == first == page_of(data, "Develop")  # kept together, with its heading


@needs_soffice
def test_a_long_ask_breaks_across_pages_in_word_as_in_the_pdf(laid_out):
    documents = long_ask_documents()
    for doc, data in zip(documents, laid_out(*documents)):
        printed = pdf.render(doc, THEME).data
        assert faults(data) == []
        assert [page[:60] for page in texts(data)] == [page[:60] for page in texts(printed)]


def test_a_heading_keeps_with_the_first_two_lines_of_what_follows_and_no_more():
    long = d.Paragraph(text(" ".join(f"Sentence {n} of a long paragraph, which may break across pages."
                                     for n in range(1, 13))))
    for count in range(30, 40):
        data = pdf.render(document(*filler(count), d.Heading("Section", 1), long, FILLER), THEME).data
        assert faults(data) == [], count
        for flow in pdf_pages(data):
            if flow and flow[-1].kind == "heading":
                raise AssertionError(f"a heading ends a page ({count})")
            at = next((i for i, line in enumerate(flow) if line.text == "Section"), None)
            if at is not None:
                assert len(flow) - at - 1 >= 2, count


def test_a_knowledge_check_moves_to_the_next_page_whole_when_it_fits_on_one():
    questions = d.Questions(tuple(text(f"Question {n}: what would you check before accepting that an image "
                                       "was made with AI, and why?") for n in range(1, 7)))
    for count in range(36, 46):
        data = pdf.render(document(*filler(count), d.Heading("Knowledge check", 1), questions), THEME).data
        assert len({page_of(data, f"Question {n}:") for n in range(1, 7)}) == 1, count
        assert page_of(data, "Knowledge check") == page_of(data, "Question 1:")


def references(count: int) -> d.References:
    return d.References(tuple(d.Reference(n, f"Internet Watch Foundation. Report number {n} on AI child sexual "
                                             "abuse material, public version. July 2024.",
                                          f"https://www.iwf.org.uk/about-us/why-we-exist/our-research/report-{n}/")
                              for n in range(1, count + 1)))


def test_a_reference_never_splits_and_the_last_page_never_holds_only_the_last_one():
    for count in range(38, 50):
        data = pdf.render(document(*filler(count), d.Heading("References", 1), references(4)), THEME).data
        assert faults(data) == [], count
        for n in range(1, 5):
            assert page_of(data, f"[{n}] Internet") == page_of(data, f"report-{n}/"), count
        assert page_of(data, "[3] Internet") == page_of(data, "[4] Internet") == len(texts(data)), count


@needs_soffice
def test_word_keeps_the_questions_and_the_last_references_together_as_the_pdf_does(laid_out):
    questions = d.Questions(tuple(text(f"Question {n}: what would you check first, and why?") for n in range(1, 7)))
    documents = [document(*filler(count), d.Heading("Knowledge check", 1), questions,
                          d.Heading("References", 1), references(3)) for count in (36, 40, 44)]
    for doc, data in zip(documents, laid_out(*documents)):
        assert len({page_of(data, f"Question {n}:") for n in range(1, 7)}) == 1
        last = texts(data)[-1]
        assert "[3]" in last and "[2]" in last
        assert len(texts(data)) == len(texts(pdf.render(doc, THEME).data))


# ---- the side column -------------------------------------------------------------------------

def test_no_label_hangs_under_a_sub_section_number():
    finding = d.Finding(text("Most criminal AI images were realistic"), (text("Nine in ten were. [1]"),))
    data = pdf.render(document(d.Heading("Realism", 2, "5.1"), finding,
                               d.Heading("Asks", 2, "5.2"), ASK), THEME).data
    with pages(data) as read:
        runs = read[0].runs
    first = next(run for run in runs if run.text.strip() == "5.1")
    side = [run for run in runs if run.box.x1 < SETTINGS.margin + SETTINGS.column - 2
            and run.baseline <= first.baseline]
    labels = [run.text.strip() for run in side]
    assert labels == ["5.1", "5.2"]  # the addressee is on a line of its own, not under "5.2"
    assert "AI developers".upper() in texts(data)[0]


def test_a_term_too_long_for_the_side_column_goes_above_its_definition_in_the_text_column():
    glossary = d.Glossary((d.GlossaryEntry("CAID (Child Abuse Image Database)", text("The UK's database.")),
                           d.GlossaryEntry("LoRA", text("A small file that fine-tunes a model."))))
    data = pdf.render(document(d.Heading("Definitions", 1), glossary), THEME).data
    flow = pdf_pages(data)[0]
    column = SETTINGS.margin + SETTINGS.column
    term = next(line for line in flow if line.text.startswith("CAID"))
    definition = next(line for line in flow if line.text.startswith("The UK"))
    assert abs(term.x0 - column) < 1 and abs(definition.x0 - column) < 1 and term.box.y0 > definition.box.y1
    with pages(data) as read:
        short = next(run for run in read[0].runs if run.text.startswith("LoRA"))
    assert short.box.x1 < column  # a short term still hangs in the side column


@needs_soffice
def test_word_hangs_the_same_terms_as_the_pdf(laid_out):
    glossary = d.Glossary((d.GlossaryEntry("CAID (Child Abuse Image Database)", text("The UK's database.")),
                           d.GlossaryEntry("LoRA", text("A small file that fine-tunes a model."))))
    (data,) = laid_out(document(d.Heading("Definitions", 1), glossary))
    column = SETTINGS.margin + SETTINGS.column
    flow = pdf_pages(data)[0]
    term = next(line for line in flow if line.text.startswith("CAID"))
    assert abs(term.x0 - column) < 2 and term.bold
    assert any(line.text.startswith("A small file") and abs(line.x0 - column) < 2 for line in flow)


# ---- components ------------------------------------------------------------------------------

def test_an_asks_evidence_is_at_body_size_and_its_progress_line_stands_apart():
    data = pdf.render(document(ASK), THEME).data
    flow = pdf_pages(data)[0]
    evidence = next(line for line in flow if line.text.startswith("Evidence line 1") or "Evidence line 1" in line.text)
    assert evidence.size == THEME.text.body.size
    progress = next(i for i, line in enumerate(flow) if line.text.startswith("Progress:"))
    above = flow[progress - 1]
    gap = above.baseline - flow[progress].baseline
    assert gap >= THEME.text.progress.line + THEME.text.progress.before - 0.5
    with pages(data) as read:
        bold = {run.text.strip() for run in read[0].runs if run.bold}
    assert "IWF recommendation:" in bold and "Regulation:" in bold


def test_a_group_of_verbatim_quotes_is_labelled_once():
    quotes = [d.Quote(text(f"Words of offender {n}."), "Dark web forum user, 2023", verbatim=True,
                      label="Verbatim offender quote") for n in (1, 2, 3)]
    blocks = label_groups([*quotes, d.Quote(text("An analyst's words."), "IWF analyst, October 2023"), quotes[0]])
    data = pdf.render(document(*blocks), THEME).data
    assert " ".join(texts(data)).count("VERBATIM OFFENDER QUOTE") == 2


def test_capitals_keep_a_mixed_case_word_and_the_kicker_keeps_its_case():
    meta = dataclasses.replace(PLAIN, kicker="Briefing for MPs and peers")
    ask = dataclasses.replace(ASK, addressee="MPs and eSafety staff")
    data = pdf.render(document(ask, meta=meta), THEME).data
    page = texts(data)[0]
    assert page.startswith("Briefing for MPs and peers")
    assert "MPs AND eSafety STAFF" in page and "MPS" not in page


def test_word_turns_capitals_off_for_a_mixed_case_word_only():
    ask = dataclasses.replace(ASK, addressee="MPs and peers")
    body = xml(docx.render(document(ask), THEME).data)
    runs = [r for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}rStyle") is not None
            and r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "SideLabel"]
    shown = [("".join(r.itertext()), r.find(f"{W}rPr/{W}caps") is not None) for r in runs]
    assert shown == [("MPs", True), (" and peers", False)]  # the style's capitals apply to the rest


def test_a_citations_no_break_spaces_hold_it_on_one_line():
    cited = "[2,\u00a0pp.\u00a014\u201315]"
    for width in range(20, 60, 3):
        words = "Perpetrators shared guides on the forum " + "word " * width
        data = pdf.render(document(d.Paragraph(text(words + cited + " and more words to end it."))), THEME).data
        lines = [line.text for line in pdf_pages(data)[0]]
        assert any(cited.replace("\u00a0", " ") in line.replace("\u00a0", " ") for line in lines), width


def test_the_contents_sets_sections_in_bold_sub_sections_indented_and_nothing_underlined():
    meta = dataclasses.replace(PLAIN, toc_from_pages=1)
    blocks = [d.Heading("The evidence", 1, "1"), *filler(30), d.Heading("Realism", 2, "1.1"),
              *filler(30), d.Heading("The law", 1, "2"), FILLER]
    data = pdf.render(document(*blocks, meta=meta), THEME).data
    with pages(data) as read:
        first = read[0]
        runs = first.runs
        entries = {run.text.strip(): run for run in runs if run.text.strip() in ("1 The evidence", "1.1 Realism",
                                                                                 "2 The law")}
        assert entries["1 The evidence"].bold and entries["2 The law"].bold and not entries["1.1 Realism"].bold
        assert entries["1.1 Realism"].box.x0 > entries["1 The evidence"].box.x0 + 10
        underlines = [s for s in first.shapes if s.box.height <= 2 and s.box.width > 20
                      and any(min(s.box.overlap(r.box)[0], 1) > 0 and 0 <= r.box.y0 - s.box.y1 < 4 for r in
                              entries.values())]
        assert underlines == []


def test_document_control_is_a_small_ruled_table():
    control = d.DocumentControl((("Owner", "[Force training lead]"), ("Version", "1.0"),
                                 ("Review by", "March 2025"), ("Handling", "OFFICIAL-SENSITIVE.")))
    data = pdf.render(document(d.Heading("Document control", 1), control), THEME).data
    flow = pdf_pages(data)[0]
    rows = {line.row for line in flow if line.cells == 2}
    assert len(rows) == 4  # label and value side by side on each row
    with pages(data) as read:
        rules = [s for s in read[0].shapes if s.box.height <= 2 and s.box.width > 100]
    assert len(rules) >= 5  # a rule above the table and under each row
    word = xml(docx.render(document(control), THEME).data)
    table = word.find(f".//{W}tbl")
    assert [["".join(c.itertext()) for c in row.iter(f"{W}tc")] for row in table.iter(f"{W}tr")] == [
        ["Owner", "[Force training lead]"], ["Version", "1.0"], ["Review by", "March 2025"],
        ["Handling", "OFFICIAL-SENSITIVE."]]


# ---- the DOCX's page ---------------------------------------------------------------------------

def test_word_contents_indents_sub_sections_and_sets_sections_in_bold():
    styles = xml(docx.render(document(FILLER), THEME).data, "word/styles.xml")

    def style(name):
        return styles.find(f"{W}style[@{W}styleId='{name}']")
    left = [int(style(name).find(f"{W}pPr/{W}ind").get(f"{W}left")) for name in ("TOC1", "TOC2")]
    assert left[1] - left[0] == 16 * 20
    assert style("TOC1").find(f"{W}rPr/{W}b") is not None and style("TOC2").find(f"{W}rPr/{W}b") is None


def test_a_heading_after_a_page_break_has_no_space_above_it_and_gaps_are_no_paragraphs():
    doc = document(d.Notice("Support", (FILLER,)), d.Heading("After the box", 1), FILLER,
                   d.Heading("Answers", 1, page_break=True), FILLER)
    body = xml(docx.render(doc, THEME).data).find(f"{W}body")
    paragraphs = list(body.iter(f"{W}p"))
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in paragraphs]
    assert "Gap" not in styles  # a gap before a paragraph is its space before
    after_box = paragraphs[styles.index("Heading1")]
    assert after_box.find(f"{W}pPr/{W}spacing").get(f"{W}before") == str(int(THEME.text.h1.before * 20))
    answers = [p for p, s in zip(paragraphs, styles) if s == "Heading1"][1]
    assert answers.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert answers.find(f"{W}pPr/{W}spacing").get(f"{W}before") == "0"


def test_word_keeps_what_the_pdf_keeps_and_nothing_more():
    doc = document(d.Finding(text("Headline"), (FILLER.text, FILLER.text)), ASK,
                   d.Questions((text("One?"), text("Two?"))), references(12))
    body = xml(docx.render(doc, THEME).data).find(f"{W}body")

    def kept(p):
        props = p.find(f"{W}pPr")
        return (props.find(f"{W}keepNext") is not None, props.find(f"{W}keepLines") is not None)
    paragraphs = [("".join(p.itertext()), p) for p in body.iter(f"{W}p")]

    def find(words):
        return next(p for text_, p in paragraphs if words in text_)
    assert kept(find(d.plain(FILLER.text))) == (False, False)  # a finding's paragraphs break freely
    assert kept(find("Test every model for child safety")) == (True, True)  # the ask's first paragraph
    assert kept(find("Evidence line 1:")) == (False, False)
    assert kept(find("One?")) == (True, True) and kept(find("Two?")) == (False, True)
    refs = [kept(p) for text_, p in paragraphs if text_.startswith("[")]
    assert refs == [(False, True)] * 10 + [(True, True), (False, True)]  # each whole, the last two together
    # A list no taller than a third of a page, all together (with its heading), as the PDF keeps it.
    body = xml(docx.render(document(d.Heading("References", 1), references(3)), THEME).data).find(f"{W}body")
    refs = [kept(p) for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("[")]
    assert refs == [(True, True), (True, True), (False, True)]


def test_the_bottom_marking_has_its_own_line_under_the_footer():
    marked = dataclasses.replace(PLAIN, marking="OFFICIAL-SENSITIVE")
    data = docx.render(document(FILLER, meta=marked), THEME).data
    footer = xml(data, "word/footer1.xml") if "word/footer1.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist() \
        else next(xml(data, n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer"))
    marking = [p for p in footer.iter(f"{W}p") if "".join(p.itertext()) == "OFFICIAL-SENSITIVE"]
    assert len(marking) == 1
    assert int(marking[0].find(f"{W}pPr/{W}spacing").get(f"{W}before")) >= 7 * 20
    styles = xml(data, "word/styles.xml")
    rpr = styles.find(f"{W}style[@{W}styleId='Marking']/{W}rPr")
    assert rpr.find(f"{W}spacing") is None  # no letter-spacing: the PDF has none


@needs_soffice
def test_word_sets_the_marking_clear_of_the_footer_where_the_pdf_does(laid_out, tmp_path):
    marked = dataclasses.replace(PLAIN, marking="OFFICIAL-SENSITIVE")
    doc = document(FILLER, meta=marked)
    (laid,) = laid_out(doc)
    found = {}
    for name, data in (("pdf", pdf.render(doc, THEME).data), ("docx", laid)):
        with pages(data) as read:
            runs = [r for r in read[0].runs if r.baseline < SETTINGS.margin]
        marking = next(r for r in runs if r.text.strip() == "OFFICIAL-SENSITIVE")
        footer = next(r for r in runs if r.text.strip() != "OFFICIAL-SENSITIVE")
        found[name] = (marking.baseline, footer.baseline, marking.box.width)
        assert footer.box.y0 - marking.box.y1 > 5  # points clear
    for one, other in zip(found["pdf"], found["docx"]):
        assert abs(one - other) < 2.5, found  # points: baselines and the marking's width


def quote_gaps(data: bytes) -> list[float]:
    """Return the space from the foot of each line above a quote's first line to the top of it."""
    flow = pdf_pages(data)[0]
    firsts = [i for i, line in enumerate(flow) if line.text.startswith("Words of ")]
    return [flow[i - 1].box.y0 - flow[i].box.y1 for i in firsts]


@needs_soffice
def test_a_quote_has_a_line_and_a_half_above_it_and_two_quotes_no_more_between_them(laid_out):
    """A quote's space before (16 pt) is the larger of it and what the block above leaves: after
    a paragraph (6 pt after), 16 pt; between two quotes, the 18 pt after the first, not both."""
    quotes = (d.Quote(text("Words of the first quote."), "Someone, 2023"),
              d.Quote(text("Words of the second quote."), "Someone else, 2024"))
    document_ = document(FILLER, *quotes)
    box = THEME.box.quote
    printed, word = (quote_gaps(data) for data in (pdf.render(document_, THEME).data, *laid_out(document_)))
    for after_paragraph, between in (printed, word):
        assert box.before <= after_paragraph < box.before + 12  # glyph to glyph: the space and some leading
        assert box.after <= between < box.after + 12  # not the 34 pt of the two added up
    assert all(abs(a - b) < 2.5 for a, b in zip(printed, word))  # Word sets them as the PDF does


@needs_soffice
def test_word_sets_a_chart_between_the_margins_where_the_pdf_does(laid_out):
    chart = d.Chart("Caption", "bar", ("September 2023", "March-April 2024"),
                    (d.Series("Share", (82, 90), ("82%", "90%")),), "%", "Bar chart: 82% and 90%.", "IWF")
    document_ = document(FILLER, chart)
    boxes = []
    for data in (pdf.render(document_, THEME).data, *laid_out(document_)):
        with pages(data) as read:
            (picture,) = read[0].pictures
            boxes.append(picture.box)
    printed, word = boxes
    assert abs(printed.x0 - SETTINGS.margin) < 1 and abs(word.x0 - printed.x0) < 1  # not 0.32 cm right
    assert abs(word.x1 - printed.x1) < 1


# ---- how components sit -----------------------------------------------------------------------

STATS = d.Stats((d.Stat("70%", "of the 1,290 images whose metadata named a Checkpoint model used one anyone "
                        "could download", "Sourceone, July 2024 [1, pp. 25-26]"),
                 d.Stat("86%", "of AI images carried no useful metadata", "Sourcetwo, July 2024 [1, p. 26]")))


def source_tops(data: bytes) -> list[float]:
    with pages(data) as read:
        lines = sheet(read[0], SETTINGS.margin, SETTINGS.body, SETTINGS.column).lines
    return [round(line.box.y1) for line in lines if line.text.startswith("Source")]


@needs_soffice
def test_stat_callouts_sources_line_up_however_many_lines_a_label_takes(laid_out):
    # A label of two lines beside one of one: each source still under its own number, on one line.
    doc = document(*filler(2), STATS, *filler(2))
    [word] = laid_out(doc)
    for data in (pdf.render(doc, THEME).data, word):
        tops = source_tops(data)
        assert len(tops) == 2 and abs(tops[0] - tops[1]) <= 1, tops


@needs_soffice
def test_stat_callouts_stand_their_space_before_below_the_paragraph_above(laid_out):
    # The industry brief's callouts sat 4 pt under the paragraph above, their rule almost on it.
    doc = document(*filler(2), STATS, *filler(2))
    [word] = laid_out(doc)
    gaps = []
    for data in (pdf.render(doc, THEME).data, word):
        flow = pdf_pages(data)[0]
        value = next(i for i, line in enumerate(flow) if line.text.startswith("70%"))
        gaps.append(flow[value - 1].box.y0 - flow[value].box.y1)  # glyphs: the space, rule and padding
    room = THEME.box.stat.before + THEME.box.stat.pad[0]
    assert all(room <= gap < room + 12 for gap in gaps), gaps
    assert abs(gaps[0] - gaps[1]) < 2.5, gaps  # Word sets them as the PDF does


GLOSSARY = d.Glossary(tuple(d.GlossaryEntry(f"Term{n}", text(f"Definition {n}: a tool or a record that "
                                                                 "the briefing names, said in a line or two of "
                                                                 "its own words, as the sources use it."))
                              for n in range(1, 7)))


@needs_soffice
def test_the_last_glossary_entry_never_opens_a_page_alone(laid_out):
    # The industry brief's last term, "SynthID", opened its last page, away from the glossary.
    documents = [document(*filler(count), d.Heading("Glossary", 1), GLOSSARY, d.Heading("Contact", 1), *filler(1))
                 for count in range(30, 42)]
    tested = 0
    for doc, word in zip(documents, laid_out(*documents)):
        for data in (pdf.render(doc, THEME).data, word):
            last = page_of(data, "Term6")
            assert last == page_of(data, "Term5"), [p[:30] for p in texts(data)]
            tested += last > page_of(data, "Term1")  # the glossary went over a page break
    assert tested >= 4


@needs_soffice
def test_a_group_of_verbatim_quotes_is_one_box_ruled_from_its_label_to_its_last_attribution(laid_out):
    # Each quote had a rule of its own, so the label over the first read as that quote's alone.
    group = d.QuoteGroup("Restricted: verbatim offender quotes", tuple(
        d.Quote(text(f"Quoteword{n} of an offender, as the IWF recorded it, in a line or two."), f"Forum user {n}",
                verbatim=True) for n in (1, 2, 3)))
    doc = document(*filler(2), group, *filler(2))
    [word] = laid_out(doc)
    for data in (pdf.render(doc, THEME).data, word):
        with pages(data) as read:
            page = read[0]
            label = next(r for r in page.runs if r.text.startswith("RESTRICTED"))
            last = [r for r in page.runs if "Forum user 3" in r.text][0]
            # The rule, drawn in pieces (a row's, a paragraph's): they join, with no gap, from
            # the label to the last attribution.
            pieces = sorted((s.box for s in page.shapes if s.box.width <= 4 and s.box.height > 5
                             and s.box.x1 < label.box.x0), key=lambda box: -box.y1)
            top = next(box for box in pieces if box.y1 >= label.box.y1)
            reach = top.y0
            for box in pieces:
                if box.y1 >= reach - 1 and box.y0 < reach:
                    reach = box.y0
            assert top.y1 >= label.box.y1 and reach <= last.box.y0, (label.box, last.box, pieces)


def test_a_short_list_of_references_moves_whole_with_its_heading():
    # The police handout's end: "13 References" and its first reference at the foot of a page,
    # the other two alone on the last.
    for count in range(36, 48):
        data = pdf.render(document(*filler(count), d.Heading("References", 1), references(3)), THEME).data
        assert faults(data) == [], count
        assert len({page_of(data, words) for words in ("References", "[1] Internet", "report-3/")}) == 1, count


@needs_soffice
def test_an_asks_closing_lines_go_over_a_page_break_together_and_with_its_last_evidence(laid_out):
    # The industry brief: an ask's IWF recommendation and progress line opened a page alone,
    # away from the ask they belong to.
    lines = [d.Paragraph(text(f"A line of its own, number {n}.")) for n in range(1, 40)]
    documents = [document(*filler(14), *lines[:count], ASK, *filler(4)) for count in range(0, 39, 2)]
    for doc, word in zip(documents, laid_out(*documents)):
        for data in (pdf.render(doc, THEME).data, word):
            page = page_of(data, "Progress:")
            assert page == page_of(data, "IWF recommendation") == page_of(data, "Regulation:")
            assert page == page_of(data, "Evidence line 10:"), [p[:40] for p in texts(data)]


@needs_soffice
def test_a_table_of_a_label_and_a_value_sits_in_the_text_column_and_a_wider_one_across_the_page(laid_out):
    # The MP briefing's "figures behind the chart": across the page its values stood 140 mm
    # from their labels.
    two = d.Table("Twocolumn caption", (d.Column("Snapshot"), d.Column("Share", True)),
                  (("Sept 2023", "82%"), ("Marchrow 2024", "90%")), "Twosource note")
    three = d.Table("Threecolumn caption", (d.Column("Law"), d.Column("Covers"), d.Column("Issue")),
                    (("Lawcell", "What it covers", "What it misses"),), "Threesource note")
    doc = document(two, three)
    [word] = laid_out(doc)
    for data in (pdf.render(doc, THEME).data, word):
        with pages(data) as read:
            lines = sheet(read[0], SETTINGS.margin, SETTINGS.body, SETTINGS.column).lines
        left = {w: round(line.x0 - SETTINGS.margin) for line in lines for w in
                ("Twocolumn", "Marchrow", "Source: Twosource", "Threecolumn", "Lawcell", "Source: Threesource")
                if line.text.startswith(w)}
        in_column = [left["Twocolumn"], left["Marchrow"], left["Source: Twosource"]]
        across = [left["Threecolumn"], left["Lawcell"], left["Source: Threesource"]]
        assert all(abs(x - SETTINGS.column) <= 1.5 for x in in_column), left  # a glyph's side bearing apart
        assert all(abs(x) <= 1.5 for x in across), left


@needs_soffice
@pytest.mark.parametrize("cover", ("band", "plain"))
def test_a_band_cover_sets_the_head_on_the_covers_tint_and_a_plain_one_over_a_rule(laid_out, cover):
    # The MP briefing's head, as a POSTnote's, in a tinted band across the page (the theme's
    # `cover` box); the others over the accent rule. The same in print, Word and tagged.
    doc = d.Document(dataclasses.replace(PLAIN, cover=cover), tuple(filler(3)))
    [word] = laid_out(doc)
    tagged = writers.get("pdf-ua").render(doc, THEME).data
    for data in (pdf.render(doc, THEME).data, word, tagged):
        with pages(data) as read:
            page = read[0]
            title = [r for r in page.runs if r.size >= THEME.text.title.size - 1]
            top, bottom = max(r.box.y1 for r in title), min(r.box.y0 for r in title)
            behind = [s.box for s in page.shapes if s.filled and s.box.y1 > top and s.box.y0 < bottom
                      and s.box.width > 0.9 * (page.width - 2 * SETTINGS.margin)]
            rules = [s.box for s in page.shapes if s.box.height <= 3 and s.box.y1 < bottom
                     and s.box.width > 0.9 * (page.width - 2 * SETTINGS.margin)]
            first = next(r for r in page.runs if r.text.startswith("Paragraph 1"))
            rules = [box for box in rules if box.y0 > first.box.y1]  # between the head and the text
            assert (bool(behind), bool(rules)) == ((True, False) if cover == "band" else (False, True)), (behind, rules)


@needs_soffice
def test_the_handling_box_sits_in_the_text_column_in_print_word_and_tagged(laid_out):
    # It had run from the margin for the text column's width, so that its right edge lined up
    # with nothing on the page (three reviews).
    doc = d.Document(dataclasses.replace(PLAIN, handling_note=text("Handleword under the marking's rules.")),
                     tuple(filler(2)))
    [word] = laid_out(doc)
    column = SETTINGS.margin + THEME.page.indent_mm * 72 / 25.4
    for data in (pdf.render(doc, THEME).data, word, writers.get("pdf-ua").render(doc, THEME).data):
        with pages(data) as read:
            page = read[0]
            words = next(r for r in page.runs if r.text.startswith("Handleword"))
            # its rules, drawn as four lines or one rectangle: what spans the words' line
            sides = [s.box for s in page.shapes if not s.filled and s.box.y0 <= words.box.y0 and s.box.y1 >= words.box.y1]
            left, right = min(b.x0 for b in sides), max(b.x1 for b in sides)
            assert abs(left - column) < 3 and abs(right - (page.width - SETTINGS.margin)) < 3, (left, right, column)  # a rule's width
