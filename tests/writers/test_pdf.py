"""The PDF writer, checked as a reader would meet it: qpdf, pdffonts, pdftotext and pypdf."""
from __future__ import annotations

import dataclasses
import re
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

import clients
from briefgen import document as d
from briefgen import theme
from briefgen.writers import pdf

from .sample import BLOCKS, DOCUMENT, META, text

BANNER = "Trainer copy: remove before issue"  # the sample's (writers/sample.py), a profile's default

TESTS = Path(__file__).parent.parent
STANDARD_14 = {"Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats"}
HEADINGS = [b for b in BLOCKS if isinstance(b, d.Heading)]


def render(document: d.Document, path: Path) -> tuple[Path, int]:
    output = pdf.render(document, theme.default())
    path.write_bytes(output.data)
    return path, output.pages


def with_meta(**changes) -> d.Document:
    return dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, **changes))


def page_texts(path: Path, layout: bool = False) -> list[str]:
    return clients.pdftotext(path, layout).split("\f")[:-1]


def lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def outline(path: Path) -> list[tuple[str, int, int]]:
    """Return (title, level, page index) for every bookmark, in order."""
    reader = pypdf.PdfReader(path)
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((item.title, level, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, int]:
    return render(DOCUMENT, tmp_path_factory.mktemp("pdf") / "sample.pdf")


def test_qpdf_finds_no_errors(sample):
    path, _ = sample
    assert "No syntax or stream encoding errors found" in clients.qpdf_check(path)


@pytest.mark.parametrize("toc_from_pages", [0, 1], ids=["plain", "with-contents"])
def test_every_font_is_embedded_and_none_is_a_standard_14_font(tmp_path, toc_from_pages):
    path, _ = render(with_meta(toc_from_pages=toc_from_pages), tmp_path / "fonts.pdf")
    rows = clients.fonts(path)
    assert rows, "no fonts listed"
    for row in rows:
        assert row["emb"] == "yes", row
        base = row["name"].split("+")[-1].split("-")[0]
        assert base not in STANDARD_14, row


def test_content_text_comes_out_literally(sample):
    flat = " ".join(clients.pdftotext(sample[0]).split())
    for expected in (META.title, META.subtitle, META.kicker, META.occasion,
                     "2 September 2024", "Version 1.0", "R&D", "<b>not bold</b>", "{{ 7*7 }}",
                     "Ünïcödé ‘quotes’ — dashes … and Ελληνικά.",
                     "Quote from an organisation & its chief executive."):
        assert expected in flat
    assert not any(glyph in flat for glyph in clients.BAD_GLYPHS)


def test_marking_is_the_first_and_last_line_of_every_page(sample):
    path, pages = sample
    texts = page_texts(path)
    assert len(texts) == pages > 1
    for page in texts:
        assert lines(page)[0] == lines(page)[-1] == META.marking


def test_footer_numbers_every_page_out_of_the_total(sample):
    """The briefing's pages count themselves only; the trainer's part, last, is numbered apart
    under its banner, so the briefing reads right once the trainer's pages are removed."""
    path, pages = sample
    texts = page_texts(path, layout=True)
    briefing = [page for page in texts if BANNER.upper() not in page]
    assert 0 < len(briefing) < pages
    for number, page in enumerate(briefing, 1):
        assert f"Page {number} of {len(briefing)}" in page
        assert META.running_title in page
    trainer = texts[len(briefing):]
    for number, page in enumerate(trainer, 1):
        assert f"Trainer page {number} of {len(trainer)}" in page
        assert BANNER.upper() in page and META.running_title in page
    assert "Answers for the trainer" in trainer[0] and "Answers for the trainer" not in "".join(briefing)


def test_the_trainer_part_starts_a_page_under_its_banner_and_each_of_its_pages_has_it(tmp_path):
    answers = tuple((text(f"Question {n}: " + "a question that runs on " * 4), text("The answer. " * 30))
                    for n in range(1, 25))
    document = d.Document(META, (d.Paragraph(text("The briefing's one paragraph.")),
                                 d.Answers("Answers for the trainer", answers, BANNER)))
    path, pages = render(document, tmp_path / "trainer.pdf")
    texts = page_texts(path, layout=True)
    assert pages == len(texts) >= 3
    assert "Page 1 of 1" in texts[0] and "Answers" not in texts[0]
    assert lines(texts[1])[:3] == [META.marking, BANNER.upper(), "Answers for the trainer"]
    for number, page in enumerate(texts[1:], 1):
        assert lines(page)[1] == BANNER.upper()
        assert f"Trainer page {number} of {pages - 1}" in page
        assert lines(page)[-1] == META.marking


def test_a_briefing_without_answers_has_no_trainer_page(tmp_path):
    blocks = tuple(b for b in BLOCKS if not isinstance(b, d.Answers))
    path, pages = render(d.Document(META, blocks), tmp_path / "no-answers.pdf")
    flat = clients.pdftotext(path)
    assert BANNER.upper() not in flat and "Trainer page" not in flat
    assert f"Page {pages} of {pages}" in page_texts(path, layout=True)[-1]


def test_page_count_is_the_number_of_pages_in_the_file(sample):
    path, pages = sample
    assert len(pypdf.PdfReader(path).pages) == pages


def test_outline_lists_the_headings_in_order_and_goes_to_their_pages(sample):
    path, _ = sample
    entries = outline(path)
    # The trainer's part has a bookmark of its own after the briefing's headings.
    assert [(title, level) for title, level, _ in entries] == [
        (f"{h.number} {h.text}", h.level - 1) for h in HEADINGS] + [("Answers for the trainer", 0)]
    assert entries[-1][2] == len(page_texts(path)) - 1
    texts = page_texts(path)
    for (title, _, page), heading in zip(entries, HEADINGS):  # a sub-section's number hangs apart
        assert heading.text in lines(texts[page]) or title in lines(texts[page])


def test_metadata_names_the_briefing_and_hides_local_paths(sample):
    path, _ = sample
    reader = pypdf.PdfReader(path)
    info, root = reader.metadata, reader.trailer["/Root"]
    assert (info.title, info.author, info.subject, info.creator) == (
        META.title, META.author, META.subject, META.organisation)  # the charity's, not the tool's
    assert root["/Lang"] == "en-GB"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240902"  # META.issued
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    data = path.read_bytes()
    assert str(theme.HERE).encode() not in data and b"anonymous" not in data.lower()


def test_reference_url_is_a_clickable_link(sample):
    reader = pypdf.PdfReader(sample[0])
    uris = [a.get_object()["/A"].get("/URI") for page in reader.pages
            for a in page.get("/Annots", [])]
    assert "https://www.iwf.org.uk/about-us/why-we-exist/our-research/" in uris
    assert "https://www.iwf.org.uk/" in uris  # the link inside a finding's paragraph


def test_same_document_gives_identical_bytes_even_in_another_process():
    first = pdf.render(DOCUMENT, theme.default()).data
    assert pdf.render.__wrapped__(DOCUMENT, theme.default()).data == first  # made again, not the writer's cached file
    code = ("import sys; from briefgen import theme; from briefgen.writers import pdf; "
            "from writers.sample import DOCUMENT; "
            "sys.stdout.buffer.write(pdf.render(DOCUMENT, theme.default()).data)")
    env = {**os.environ, "PYTHONHASHSEED": "7", "PYTHONPATH": str(TESTS)}
    env.pop("BRIEFGEN_CACHE", None)
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    assert other.stdout == first


def test_paragraphs_parsed_once_per_process_draw_the_same_bytes_for_every_briefing(tmp_path):
    """A recipients batch reuses each paragraph's parsed markup: drawing another briefing in
    between, with the same paragraphs and others, changes nothing in the first one's bytes."""
    fresh = pdf.render.__wrapped__  # past the writer's cache of whole documents
    first = fresh(DOCUMENT, theme.default()).data
    other = dataclasses.replace(DOCUMENT, blocks=(d.Paragraph(text("Dear Ann Example, R&D <b>")),) + DOCUMENT.blocks)
    (tmp_path / "other.pdf").write_bytes(fresh(other, theme.default()).data)
    assert "Dear Ann Example, R&D <b>" in " ".join(clients.pdftotext(tmp_path / "other.pdf").split())
    assert fresh(DOCUMENT, theme.default()).data == first


def test_a_table_cell_taller_than_a_page_splits_and_keeps_all_its_text(tmp_path):
    words = [f"word{i}" for i in range(2500)]
    table = d.Table("Tall", (d.Column("Label"), d.Column("Text"), d.Column("Count", True)),
                    (("first", " ".join(words), "1"), ("second", "last row", "2")), "Source")
    path, pages = render(d.Document(META, (table,)), tmp_path / "tall.pdf")
    assert pages > 2
    printed = clients.pdftotext(path).split()
    assert [w for w in printed if w.startswith("word")] == words
    assert "last" in printed and "second" in printed


def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path):
    rows = tuple((f"Row {i}", f"{i * 1000:,}") for i in range(120))
    table = d.Table("Long", (d.Column("Measure"), d.Column("Images", True)), rows)
    path, pages = render(d.Document(META, (table,)), tmp_path / "long.pdf")
    assert pages > 1
    for page in page_texts(path):
        assert "Measure" in lines(page) and "Images" in lines(page)


@pytest.mark.parametrize("follower", [
    d.Finding(text("Headline"), (text("A long paragraph. " * 40), text("Another. " * 40))),
    d.Table("Caption", (d.Column("A"), d.Column("B", True)),
            tuple((f"r{i}", str(i)) for i in range(40))),
], ids=["finding", "table"])
def test_a_heading_never_ends_a_page(tmp_path, follower):
    filler = d.Paragraph(text("A line of filler text, long enough to fill most of the column."))
    for count in range(26, 40, 2):
        document = d.Document(META, (filler,) * count + (d.Heading("Moved on", 1, "9"), follower))
        path, _ = render(document, tmp_path / "heading.pdf")
        for page in page_texts(path):
            body = [line for line in lines(page) if line != META.marking
                    and not line.startswith(("Page ", META.running_title))]
            assert body[-1] != "9 Moved on", count


def test_a_short_box_moves_to_the_next_page_whole(tmp_path):
    filler = d.Paragraph(text("A line of filler text, long enough to fill most of the column."))
    quote = d.QuoteGroup("Verbatim offender quote",
                         (d.Quote(text("Words of the quote " * 12), "Someone, somewhere, 2023", verbatim=True),))
    for count in range(20, 27):
        path, _ = render(d.Document(META, (filler,) * count + (quote,)), tmp_path / "box.pdf")
        page = next(p for p in page_texts(path) if "verbatim offender quote" in p.casefold())
        assert "Someone, somewhere, 2023" in page, count


def test_the_document_control_table_stays_on_one_page(tmp_path):
    # As the DOCX keeps it (every row kept with the next): a page break between its rows would
    # also put the two print layouts' pages out of step.
    filler = d.Paragraph(text("A line of filler text, long enough to fill most of the column."))
    control = d.DocumentControl(tuple((f"Row{n}", f"Value{n}") for n in range(1, 7)))
    for count in range(22, 30):
        path, _ = render(d.Document(META, (filler,) * count + (control,)), tmp_path / "control.pdf")
        pages = [page for page in page_texts(path) if "Row1" in page or "Row6" in page]
        assert len(pages) == 1 and "Row1" in pages[0] and "Row6" in pages[0], count


def test_a_tables_source_line_never_starts_a_page_without_a_row_of_figures(tmp_path):
    filler = d.Paragraph(text("A line of filler text, long enough to fill most of the column."))
    table = d.Table("Caption", (d.Column("Item"), d.Column("Count", True)),
                    tuple((f"Row{n}", str(n)) for n in range(1, 6)),
                    "Sourceword, July 2024. Note: " + "a note long enough to run to three lines " * 4)
    for count in range(10, 25):  # the table at the foot of page 1, and over it
        path, _ = render(d.Document(META, (filler,) * count + (table,)), tmp_path / "source.pdf")
        [page] = [p for p in page_texts(path) if "Sourceword" in p]
        assert "Row5" in page, count  # the last row goes over with it
        assert all(f"Row{n}" in "".join(page_texts(path)) for n in range(1, 6))


def test_without_marking_there_is_no_banner(tmp_path):
    path, _ = render(with_meta(marking="", handling_note=()), tmp_path / "open.pdf")
    assert "OFFICIAL" not in clients.pdftotext(path)
    first = lines(page_texts(path)[0])
    assert first[0] == META.kicker  # in the case it is written in: "MPs" stays "MPs"


def test_contents_with_page_numbers_only_when_longer_than_toc_from_pages(tmp_path):
    path, pages = render(with_meta(toc_from_pages=1), tmp_path / "toc.pdf")
    first = page_texts(path, layout=True)[0]
    assert "Contents" in first
    *sections, (answers, _, _) = outline(path)
    for title, _, page in sections:
        entry = next(line for line in first.splitlines() if title in line)
        assert entry.rstrip().endswith(str(page + 1)), entry
    assert answers == "Answers for the trainer" and answers not in first  # not the briefing's
    short, _ = render(with_meta(toc_from_pages=pages + 5), tmp_path / "short.pdf")
    assert "Contents" not in clients.pdftotext(short)


def test_sensitive_material_is_labelled(sample):
    flat = " ".join(clients.pdftotext(sample[0]).split())
    assert flat.index("Content note") < flat.casefold().index("verbatim offender quote")
    assert "Progress: partial progress, July 2024." in flat


def test_a_paragraph_laid_out_twice_keeps_its_hyphens():
    """reportlab lays a paragraph out again when it moves it to the next page; with hyphenation
    on, the second layout printed "fine-tune" as "finetune"."""
    from briefgen.writers.pdf import blocks

    kit = blocks.kit(theme.default())
    words = text(d.Run("Make it an offence. ", bold=True),
                 "The Government should legislate to make it an offence to train or fine-tune an AI "
                 "model to generate child sexual abuse material, and to share a well-known guide.")
    for first, second in ((340, 300), (300, 340), (340, 340), (250, 330)):
        paragraph = kit.para(words, "body")
        paragraph.wrap(kit.indent + first, 1000)
        paragraph.wrap(kit.indent + second, 1000)
        lines = ["".join(w.text for w in line.words) for line in paragraph.blPara.lines]
        joined = " ".join(lines)
        assert "fine-tune" in joined.replace("- ", "-") and "finetune" not in joined, lines
        assert "well-known" in joined.replace("- ", "-"), lines


def test_words_broken_at_their_own_hyphens_keep_them_when_a_box_is_laid_out_again(tmp_path):
    """A line may end after a word's hyphen ("peer-to-" / "peer"), as in Word and LibreOffice.
    A box that does not fit at the foot of a page is laid out again on the next: reportlab then
    joined the pieces of each broken word and dropped its hyphen ("peertopeer")."""
    words = " ".join(["model-sharing sites and peer-to-peer hosts"] * 12)
    lead = text(d.Run("Lead. ", bold=True), words)
    filler = d.Paragraph(text("A line of filler text, long enough to fill most of the column."))
    box = d.Notice("Box", (d.Paragraph(lead), d.BulletList((lead,))))
    path, pages = render(d.Document(META, (filler,) * 20 + (box, d.Paragraph(lead))), tmp_path / "hyphens.pdf")
    texts = page_texts(path, layout=True)
    assert pages == 2 and "Box" not in texts[0]  # the box moved on, laid out twice
    body = [line for page in texts for line in lines(page)]
    flat = re.sub(r"-\s+", "-", " ".join(body))
    assert "modelsharing" not in flat and "peertopeer" not in flat and "peer-topeer" not in flat
    assert flat.count("model-sharing") == flat.count("peer-to-peer") == 36
    assert any(line.endswith("-") for line in body)  # a line broken at a word's hyphen


def test_the_recommendation_an_ask_draws_on_is_labelled_once(sample):
    flat = " ".join(clients.pdftotext(sample[0]).split())
    assert flat.count("recommendation:") == 1 and "IWF recommendation: “To ensure that …”" in flat


def test_the_handling_statement_is_bold_in_a_ruled_box_on_the_cover(sample):
    from briefgen.preflight.read import pages

    with pages(sample[0].read_bytes()) as read:
        first = next(iter(read))
        start = next(r for r in first.runs if "Handle under" in r.text)
        words = [r for r in first.runs if abs(r.baseline - start.baseline) < 1 and r.text.strip()]
        assert "".join(r.text for r in words).split() == ["Handle", "under", "OFFICIAL-SENSITIVE", "rules."]
        assert all(r.bold and r.size == theme.default().text.handling.size for r in words)
        top = max(r.box.y1 for r in words)
        bottom = min(r.box.y0 for r in words)
        left, right = min(r.box.x0 for r in words), max(r.box.x1 for r in words)
        rules = [s.box for s in first.shapes if not s.filled]

        def ruled(test) -> bool:
            return any(test(box) for box in rules)

        assert ruled(lambda b: b.height <= 4 and b.y0 > top and b.x0 < left and b.x1 > right)  # above
        assert ruled(lambda b: b.height <= 4 and b.y1 < bottom and b.x0 < left and b.x1 > right)  # below
        assert ruled(lambda b: b.width <= 4 and b.x1 < left and b.y0 < bottom and b.y1 > top)  # left
        assert ruled(lambda b: b.width <= 4 and b.x0 > right and b.y0 < bottom and b.y1 > top)  # right
    flat = " ".join(clients.pdftotext(sample[0]).split())
    assert flat.index(META.date) < flat.index("Handle under OFFICIAL-SENSITIVE rules.")


def opening_section(lines_: int, front_matter: bool = False) -> d.Document:
    """Return a briefing with a contents list that opens with a section of `lines_` lines;
    with `front_matter`, an unnumbered section after it (document control)."""
    words = "An objective of the session, which takes a line of the column or so. "
    front = (d.Heading("Document control", 1, "", in_contents=False),  # as the plan makes front matter
             d.Paragraph(text("Owner: the training lead."))) if front_matter else ()
    blocks = (d.Heading("Learning objectives", 1, "1"),
              d.BulletList(tuple(text(words) for _ in range(lines_))), *front,
              d.Heading("About this handout", 1, "2"), d.Paragraph(text("A paragraph. " * 200)),
              d.Heading("The law", 1, "3"), d.Paragraph(text("Another paragraph. " * 200)))
    return d.Document(dataclasses.replace(META, toc_from_pages=1), blocks)


def test_a_short_opening_section_stays_on_the_cover_and_the_contents_is_page_two(tmp_path):
    path, _ = render(opening_section(6), tmp_path / "short.pdf")
    texts = page_texts(path)
    assert "1 Learning objectives" in texts[0] and "Contents" not in texts[0]
    assert lines(texts[1])[1] == "Contents" and "2 About this handout" not in lines(texts[1])
    assert lines(texts[2])[1] == "2 About this handout"  # the next section starts page 3
    assert pdf.contents_at(opening_section(6), theme.default()) == 2


def test_unnumbered_front_matter_after_the_contents_shares_its_page(tmp_path):
    document = opening_section(6, front_matter=True)
    path, _ = render(document, tmp_path / "front.pdf")
    texts = page_texts(path)
    assert lines(texts[1])[1] == "Contents"
    assert "Document control" in lines(texts[1]) and "Owner: the training lead." in lines(texts[1])
    # on the contents' page, so not among its entries; in the outline, as every section is
    assert not [line for line in lines(texts[1]) if line.startswith("Document control .")]
    assert "Document control" in [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]
    assert lines(texts[2])[1] == "2 About this handout"  # the next numbered section starts page 3
    assert (pdf.contents_at(document, theme.default()), pdf.after_contents(document, 2)) == (2, 4)
    unnumbered = dataclasses.replace(document, blocks=tuple(
        dataclasses.replace(b, number="") if isinstance(b, d.Heading) else b for b in document.blocks))
    assert pdf.after_contents(unnumbered, 2) == 2  # a briefing without numbers: the next section


def test_a_long_opening_section_leaves_the_contents_on_the_cover(tmp_path):
    path, _ = render(opening_section(60), tmp_path / "long.pdf")
    texts = page_texts(path)
    assert texts[0].index("Contents") < texts[0].index("1 Learning objectives")
    assert pdf.contents_at(opening_section(60), theme.default()) == 0


def test_the_occasion_line_is_set_in_its_own_style_under_the_subtitle(sample):
    from briefgen.preflight.read import pages

    style = theme.default().text.occasion
    with pages(sample[0].read_bytes()) as read:
        runs = [r for r in next(iter(read)).runs if META.occasion in r.text]
    assert len(runs) == 1 and runs[0].bold == style.bold and abs(runs[0].size - style.size) < 0.1


def test_a_briefing_made_in_a_batch_is_byte_for_byte_the_briefing_made_alone(monkeypatch):
    # A batch shares each paragraph's parse and line breaks between its briefings
    # (writers/pdf/parsed.py). Personalised copies break their first page differently, so a
    # paragraph split across pages in one is whole in the next: splitting must not change the
    # lines the others share; and one text wrapped at two widths (a cell of two tables) must
    # keep both. Made alone, every briefing is reportlab's own: no caches, no shared lines.
    from reportlab.platypus import Paragraph

    from briefgen.load import load
    from briefgen.plan import plan
    from briefgen.recipients import read
    from briefgen.select import select
    from briefgen.writers.pdf import parsed

    repo = Path(__file__).parents[2]
    project = load(repo)
    people, _ = read(repo / "content" / "recipients.example.csv")
    mps = select(project.content, project.audiences["parliament"])
    documents = [plan(mps, person.fields) for person in people]
    documents += [plan(select(project.content, project.audiences[a])) for a in ("police-training", "industry")]
    cell = "A cell long enough to wrap in a narrow column but not in a wide one"
    documents.append(d.Document(META, (
        d.Table("Narrow", (d.Column("A"), d.Column("B"), d.Column("C"), d.Column("D")), ((cell, "x", "y", "z"),), ""),
        d.Table("Wide", (d.Column("A"), d.Column("B"), d.Column("C")), ((cell, "x", "y"),), ""))))
    render = pdf.render.__wrapped__  # past the writer's own cache of whole files
    batch = [render(document, project.theme).data for document in documents]
    assert parsed._broken, "the batch shared no line breaks"
    monkeypatch.setattr(parsed.Shared, "breakLines", Paragraph.breakLines)
    monkeypatch.setattr(parsed.Shared, "split", Paragraph.split)
    alone = []
    for document in documents:
        parsed._parsed.clear()
        alone.append(render(document, project.theme).data)
    assert [len(b) for b in batch] == [len(a) for a in alone]
    assert batch == alone
