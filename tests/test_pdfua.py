"""The tagged PDF draws the components as the print does: the recommendation (evidence at body
size, basis, regulation, progress), document control as a small table, labels in their
authored case where capitals would change them, and no side figure beside a finding."""
from __future__ import annotations

import dataclasses
import re

import pypdf
import pytest

from briefgen import document as d
from briefgen import theme, writers
from briefgen.plan import label_groups

import accessibility
from clients import pdftotext, run
from writers.sample import DOCUMENT, META, text

ASK = d.Recommendation("Government", "Legislate now", text("Make it an offence to share guides."),
                       "Partial", "July 2024", text("An amendment fell at the election."),
                       text(d.Run("IWF recommendation: ", bold=True), "“Legislate.” [1]"), (text("Evidenceword one [1]"), text("Evidenceword two [2]")),
                       text("Online Safety Act 2023 [3]"))


def rendered(tmp_path, blocks=(), **meta) -> tuple[str, object]:
    document = d.Document(dataclasses.replace(META, marking="", **meta), tuple(blocks))
    path = tmp_path / "out.pdf"
    path.write_bytes(writers.get("pdf-ua").render(document, theme.default()).data)
    return " ".join(pdftotext(path).split()), path


def word_heights(path) -> dict[str, float]:
    """Return the height of each word's box on the pages (its size, give or take the face), to
    a hundredth of a point: where on the page a word sits changes the last digits."""
    boxes = run("pdftotext", "-bbox", str(path), "-").stdout
    return {word: round(float(y2) - float(y1), 2) for y1, y2, word in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', boxes)}


def test_a_recommendation_reads_ask_evidence_basis_regulation_progress(tmp_path):
    found, path = rendered(tmp_path, (ASK,))
    parts = ["GOVERNMENT", "Legislate now. Make it an offence", "Evidenceword one [1]", "Evidenceword two [2]",
             "IWF recommendation: “Legislate.” [1]", "Regulation: Online Safety Act 2023 [3]",
             "Progress: partial, July 2024. An amendment fell"]
    assert [found.index(part) for part in parts] == sorted(found.index(part) for part in parts)
    heights = word_heights(path)
    # The evidence at the ask's (body) size; the basis, regulation and progress lines smaller.
    assert heights["Evidenceword"] == heights["offence"] > heights["recommendation:"] == heights["Progress:"]


def test_document_control_reads_each_label_then_its_value(tmp_path):
    found, _ = rendered(tmp_path, (d.DocumentControl((("Owner", "[Force training lead]"), ("Review by", "March 2025"))),))
    assert "Owner [Force training lead] Review by March 2025" in found


def test_a_label_in_capitals_keeps_a_word_capitals_would_change(tmp_path):
    asks = (d.Recommendation("MPs and peers", "Speak", text("Say the law has gaps.")),
            d.Recommendation("AI developers", "Test", text("Test every model.")))
    found, _ = rendered(tmp_path, asks, kicker="Briefing for MPs and peers")
    assert "Briefing for MPs and peers" in found  # the kicker is printed as written
    assert "MPs AND PEERS" in found and "AI DEVELOPERS" in found




# ---- pages as the print lays them out -----------------------------------------------------

MARGIN = theme.default().page.margin_mm * 72 / 25.4
PAGE_WIDTH = theme.default().page.mm[0] * 72 / 25.4


def words(path) -> list[tuple[int, float, float, float, float, str]]:
    """Return every word on the pages: (page, left, top, right, bottom, text), in points."""
    out = []
    for page, body in enumerate(run("pdftotext", "-bbox", str(path), "-").stdout.split("<page ")[1:]):
        out += [(page, float(x1), float(y1), float(x2), float(y2), word) for x1, y1, x2, y2, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', body)]
    return out


def both_words(tmp_path, blocks) -> list[list]:
    """Return the words (as `words`) of `blocks` rendered by the print writer and the tagged one."""
    document = d.Document(dataclasses.replace(META, marking=""), tuple(blocks))
    out = []
    for name in ("pdf", "pdf-ua"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(writers.get(name).render(document, theme.default()).data)
        out.append(words(path))
    return out


def page_of(found, word: str) -> int:
    pages = {page for page, *_, text_ in found if text_ == word}
    assert len(pages) == 1, (word, pages)
    return pages.pop()


def filler(lines: int) -> d.Paragraph:
    """Return a paragraph of about `lines` lines of the text column: under the cover, 24 to 36
    end in the lower half of the first page, where what follows may have to break."""
    return d.Paragraph(text("Filler " * (11 * lines)))


def pages_of(path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)).stdout).group(1))
    return [" ".join(run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-").stdout.split())
            for n in range(1, count + 1)]


def test_the_trainers_part_has_pages_of_its_own_numbered_apart_under_a_banner(tmp_path):
    from pypdf import PdfReader

    answers = d.Answers("Answers for the trainer", ((text("Which Act?"), text("The 1978 Act.")),),
                        "Trainer copy: remove before issue")
    _, path = rendered(tmp_path, (d.Heading("The evidence", 1, "1"), filler(60), d.Paragraph(text("Trainee end.")), answers))
    pages = pages_of(path)
    assert len(pages) == 3
    assert "Trainee end." in pages[1] and "Which Act?" not in pages[1]
    # The trainee pages count themselves only; the trainer's part is numbered on its own, as
    # the print's is. The banner is drawn where the print draws it, above the title; a screen
    # reader reads it once, after the title.
    assert ["Page 1 of 2" in pages[0], "Page 2 of 2" in pages[1], "Trainer page 1 of 1" in pages[2]] == [True] * 3
    assert pages[2].startswith("TRAINER COPY: REMOVE BEFORE ISSUE Answers for the trainer 1. Which Act?")
    assert pages[2].count("TRAINER COPY") == 1
    assert "TRAINER COPY" not in pages[0] + pages[1]
    read = accessibility.read_tree(path.read_bytes()).tagged
    assert "Answers for the trainerTRAINER COPY: REMOVE BEFORE ISSUE1. Which Act?" in read
    # Its title is a heading to a screen reader, but no section: no number, no bookmark; a
    # section's number is one space from its title, as the print's outline has it.
    headings = [t for _, t in accessibility.read_tree(path.read_bytes()).headings()]
    assert "Answers for the trainer" in headings and "1 The evidence" in headings
    assert [item.title for item in PdfReader(path).outline] == ["1 The evidence"]


def test_under_a_marking_every_trainer_page_has_the_banner_under_it_and_a_reader_hears_it_once(tmp_path):
    items = tuple((text(f"Question {n}?"), text("An answer long enough to take a few lines. " * 6)) for n in range(1, 13))
    answers = d.Answers("Answers for the trainer", items, "Trainer copy: remove before issue")
    path = tmp_path / "out.pdf"
    path.write_bytes(writers.get("pdf-ua").render(d.Document(META, (d.Paragraph(text("Trainee page.")), answers)),
                                                   theme.default()).data)
    trainer = pages_of(path)[1:]
    assert len(trainer) == 2
    # As the print's: the marking, the banner under it, then the page (the title on the first).
    assert trainer[0].startswith("OFFICIAL-SENSITIVE TRAINER COPY: REMOVE BEFORE ISSUE Answers for the trainer 1.")
    assert trainer[1].startswith("OFFICIAL-SENSITIVE TRAINER COPY: REMOVE BEFORE ISSUE ")
    assert all(page.count("OFFICIAL-SENSITIVE") == 2 for page in trainer)  # head and foot
    read = " ".join(accessibility.read_tree(path.read_bytes()).tagged.split())
    part = read[read.index("Answers for the trainer"):]
    assert read.count("TRAINER COPY") == 1 and "OFFICIAL-SENSITIVE" not in part  # the header is an artifact


# ---- the cover as the print draws it ------------------------------------------------------

def chars(path, phrase: str, page: int = 0) -> list[tuple[bool, float, tuple[int, int, int]]]:
    """Return each letter of `phrase` on `page` as (bold: its face's weight 700 or more, size,
    fill colour)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(str(path))
    try:
        textpage = document[page].get_textpage()
        start = textpage.get_text_range().index(phrase)
        out = []
        for index in range(start, start + len(phrase)):
            if phrase[index - start].isspace():
                continue
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            pdfium.FPDFText_GetFillColor(textpage, index, r, g, b, a)
            out.append((pdfium.FPDFText_GetFontWeight(textpage, index) >= 700, round(pdfium.FPDFText_GetFontSize(textpage, index), 2),
                        (r.value, g.value, b.value)))
        return out
    finally:
        document.close()


def frames(path, page: int = 0) -> list[tuple[float, float, float, float]]:
    """Return the box round the shapes drawn on `page` narrower than the frame (the cover's
    rule across the page left out), rounded to a point: (left, bottom, right, top)."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(str(path))
    try:
        bounds = [o.get_bounds() for o in document[page].get_objects(filter=[pdfium.FPDF_PAGEOBJ_PATH])]
    finally:
        document.close()
    bounds = [b for b in bounds if b[2] - b[0] < PAGE_WIDTH - 2 * MARGIN - 2]
    if not bounds:
        return []
    return [tuple(round(v) for v in (min(b[0] for b in bounds), min(b[1] for b in bounds),
                                      max(b[2] for b in bounds), max(b[3] for b in bounds)))]


def cover_only(tmp_path, **meta) -> tuple[object, object]:
    """Return the tagged PDF and the print PDF of a cover alone (META with `meta`)."""
    document = d.Document(dataclasses.replace(META, **meta), (d.Paragraph(text("Body.")),))
    paths = []
    for name, suffix in (("pdf-ua", "ua.pdf"), ("pdf", "print.pdf")):
        paths.append(tmp_path / suffix)
        paths[-1].write_bytes(writers.get(name).render(document, theme.default()).data)
    return tuple(paths)


def test_the_handling_statement_is_bold_in_the_handling_box_where_the_print_draws_it(tmp_path):
    tagged, printed = cover_only(tmp_path)
    shipped = theme.default()
    style = shipped.text.handling
    letters = chars(tagged, "Handle under OFFICIAL-SENSITIVE rules.")
    assert letters == chars(printed, "Handle under OFFICIAL-SENSITIVE rules.")  # as the print sets it
    assert {(bold, size) for bold, size, _ in letters} == {(True, style.size)}
    # Ruled round by the theme's box, the width of the text column, where the print rules it.
    box = shipped.box.handling
    [frame] = frames(tagged)
    assert frames(printed) == [frame]
    column = PAGE_WIDTH - 2 * MARGIN - (shipped.page.side_mm + shipped.page.gutter_mm) * 72 / 25.4
    assert column - 1 <= frame[2] - frame[0] <= column + 2 * box.left.width + 1  # the rules' width on each side
    found = {w: (x1, y1) for _, x1, y1, _, _, w in words(tagged)}
    assert found["Handle"][0] - frame[0] == pytest.approx(box.left.width + box.pad[3], abs=1.5)
    # Without a handling statement, no box.
    tagged, _ = cover_only(tmp_path, handling_note=())
    assert frames(tagged) == [] and "Handle" not in pdftotext(tagged)


def test_the_occasion_is_in_the_occasion_style_bold_in_the_accent_as_printed(tmp_path):
    tagged, printed = cover_only(tmp_path)
    style = theme.default().text.occasion
    letters = chars(tagged, "For the AI CSAM module")
    assert letters == chars(printed, "For the AI CSAM module")
    accent = tuple(int(theme.default().colour.accent[i:i + 2], 16) for i in (1, 3, 5))
    assert set(letters) == {(True, style.size, accent)}


def test_a_table_spans_the_page_from_the_left_margin_as_printed(tmp_path):
    table = d.Table("Captionword of the table", (d.Column("Measure"), d.Column("Where"), d.Column("Count", True)),
                    (("Images", "A forum", "20,254"), ("Videos", "A forum", "9")), "Sourceword")
    _, path = rendered(tmp_path, (table,))  # three columns: across the page (two sit in the text column)
    found = words(path)
    left = {w: x1 for _, x1, _, _, _, w in found}
    right = {w: x2 for _, _, _, x2, _, w in found}
    assert abs(left["Captionword"] - MARGIN) < 1 and abs(left["Measure"] - MARGIN) < 1
    assert abs(left["Source:"] - MARGIN) < 1
    assert abs(right["20,254"] - (PAGE_WIDTH - MARGIN)) < 1.5  # the numbers flush with the right margin


def test_a_row_never_breaks_across_pages_and_the_header_repeats(tmp_path):
    rows = tuple((f"Row{n}top " + "tall " * 40 + f"Row{n}foot", f"{n}") for n in range(14))
    table = d.Table("A long table", (d.Column("Headword"), d.Column("Count", True)), rows)
    _, path = rendered(tmp_path, (filler(24), table))
    found = words(path)
    assert all(page_of(found, f"Row{n}top") == page_of(found, f"Row{n}foot") for n in range(14))
    pages = {page_of(found, f"Row{n}top") for n in range(14)}
    assert len(pages) > 1
    assert {page for page, *_, w in found if w == "Headword"} == pages


def test_a_row_taller_than_a_page_breaks_rather_than_lose_its_end(tmp_path):
    rows = (("Tallrow " * 1500 + "Lastword", "1"), ("Next", "2"))
    _, path = rendered(tmp_path, (filler(4), d.Table("A table", (d.Column("Item"), d.Column("Count", True)), rows)))
    found = [w for *_, w in words(path)]
    assert found.count("Tallrow") == 1500 and "Lastword" in found and "Next" in found


@pytest.mark.parametrize("block", [
    d.Notice("Box", (d.Paragraph(text("Tallword " * 1500 + "Lastword")),)),
    d.Quote(text("Tallword " * 1500 + "Lastword"), "A forum user", verbatim=True),
    d.References((d.Reference(1, "Tallword " * 1500 + "Lastword"),)),
    d.Recommendation("Government", "Legislate", text("Tallword " * 1500 + "Lastword")),
    d.Glossary((d.GlossaryEntry("Term", text("Tallword " * 1500 + "Lastword")),)),
], ids=("box", "quote", "reference", "ask", "definition"))
def test_a_block_kept_whole_but_taller_than_a_page_breaks_rather_than_lose_its_end(tmp_path, block):
    _, path = rendered(tmp_path, (block,))
    found = [w for *_, w in words(path)]
    assert found.count("Tallword") == 1500 and "Lastword" in found


def test_a_tables_source_never_starts_a_page_without_its_last_row(tmp_path):
    # As the print's (writers/pdf: Grid.keep_last): the last row goes over with the source, under
    # the repeated header, rather than the source alone.
    rows = tuple((f"Row{n}top " + "tall " * 14 + f"Row{n}foot", f"{n}") for n in range(12))
    table = d.Table("A long table", (d.Column("Headword"), d.Column("Count", True)), rows,
                    "Sourceword July 2024. Note: " + "a note long enough to run to three lines " * 4)
    for lines in range(0, 44, 3):  # the table's end falls at every height of a page
        _, path = rendered(tmp_path, (filler(lines), table))
        found = words(path)
        assert page_of(found, "Sourceword") == page_of(found, "Row11foot"), lines


@pytest.mark.parametrize("lines", range(26, 38, 2))
def test_a_short_table_moves_to_the_next_page_whole(tmp_path, lines):
    rows = tuple((f"Short{n}", f"{n}") for n in range(5))
    _, path = rendered(tmp_path, (filler(lines), d.Table("A short table", (d.Column("Item"), d.Column("Count", True)), rows)))
    found = words(path)
    assert len({page_of(found, f"Short{n}") for n in range(5)}) == 1


@pytest.mark.parametrize("lines", range(26, 38, 2))
def test_an_addressee_stays_with_its_ask_and_each_reference_whole_the_last_two_together(tmp_path, lines):
    numbers = range(1, 11)  # a list longer than a third of a page
    references = d.References(tuple(d.Reference(n, f"Ref{n}start " + "words " * 30 + f"Ref{n}end") for n in numbers))
    ask = d.Recommendation("App stores and hosting providers", "Askword now", text("Stop offering the apps."))
    for block in (ask, references):
        _, path = rendered(tmp_path, (filler(lines), block))
        found = words(path)
        if block is ask:
            assert page_of(found, "APP") == page_of(found, "Askword")
        else:
            assert all(page_of(found, f"Ref{n}start") == page_of(found, f"Ref{n}end") for n in numbers)
            assert page_of(found, "Ref9start") == page_of(found, "Ref10end")


@pytest.mark.parametrize("lines", range(26, 38, 2))
def test_a_short_list_of_references_moves_whole_with_its_heading(tmp_path, lines):
    # As a short table does, so no page holds the heading and one reference, the rest over it.
    references = d.References(tuple(d.Reference(n, f"Ref{n}start " + "words " * 30 + f"Ref{n}end") for n in (1, 2, 3)))
    _, path = rendered(tmp_path, (filler(lines), d.Heading("Referencesword", 1), references))
    found = words(path)
    assert len({page_of(found, word) for word in ("Referencesword", "Ref1start", "Ref3end")}) == 1


@pytest.mark.parametrize("lines", range(24, 38, 2))
def test_a_group_of_verbatim_quotes_has_its_label_once_and_never_leaves_one_alone(tmp_path, lines):
    quotes = [d.Quote(text(f"Quote{n}start " + "words " * 25 + f"Quote{n}end"), "Forum user", verbatim=True,
                      label="Restricted: verbatim offender quotes") for n in (1, 2, 3)]
    blocks = label_groups([filler(lines), *quotes, d.Paragraph(text("Between.")), quotes[0]])  # as the plan does
    found_text, path = rendered(tmp_path, blocks)
    # Once for the group of three, once for the one after: restricted material, as marked.
    assert found_text.count("RESTRICTED: VERBATIM OFFENDER QUOTES") == 2
    found = words(path)
    assert page_of(found, "Quote2start") == page_of(found, "Quote3end")


def test_a_chart_sits_inside_the_margins_its_title_from_the_left(tmp_path):
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    chart = next(b for b in DOCUMENT.blocks if isinstance(b, d.Chart))
    _, path = rendered(tmp_path, (dataclasses.replace(chart, caption="Charttitle of the chart"),))
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pictures = [o.get_bounds() for o in pdf[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    finally:
        pdf.close()
    assert len(pictures) == 1
    left, _, right, _ = pictures[0]
    assert abs(left - MARGIN) < 0.5 and right <= PAGE_WIDTH - MARGIN + 0.5
    assert abs(next(x1 for _, x1, _, _, _, w in words(path) if w == "Charttitle") - MARGIN) < 1


ASK_BEFORE = d.Recommendation("Government", "Legislate", text("Make it an offence."), "Partial", "July 2024",
                              text("An amendment Sourceword end"))


@pytest.mark.parametrize("before, level", [
    (d.Table("A table", (d.Column("Item"), d.Column("Count", True)), (("One", "1"),), "Sourceword end"), 2),
    (ASK_BEFORE, 1), (ASK_BEFORE, 2),
    (d.Quote(text("Sourceword end"), "Analyst"), 2),
    (d.Quote(text("Words"), "Sourceword end", verbatim=True), 1),
    (d.Notice("Box", (d.Paragraph(text("Sourceword end")),)), 2),
    (d.Questions((text("A question?"), text("Sourceword end"))), 1),
    (d.BulletList((text("One"), text("Sourceword end"))), 2),
], ids=("table", "ask-h1", "ask-h2", "quote", "verbatim", "notice", "questions", "bullets"))
def test_a_heading_after_a_table_or_an_ask_is_as_far_below_it_as_in_the_print(tmp_path, before, level):
    blocks = (d.Heading("Section", 1, "1"), before, d.Heading("Nextheading", level, ""))
    gaps = []
    for fmt in ("pdf", "pdf-ua"):
        document = d.Document(dataclasses.replace(META, marking=""), blocks)
        path = tmp_path / f"{fmt}.pdf"
        path.write_bytes(writers.get(fmt).render(document, theme.default()).data)
        found = {w: (y1, y2) for _, _, y1, _, y2, w in words(path)}
        gaps.append(found["Nextheading"][0] - found["Sourceword"][1])
    assert abs(gaps[1] - gaps[0]) < 3, gaps


def test_a_tables_columns_start_where_the_prints_do(tmp_path):
    # The rule is written twice (writers/pdf and writers/pdfua): the pages must agree.
    table = d.Table("The law", (d.Column("Lawhead"), d.Column("Coverhead"), d.Column("Issuehead"), d.Column("Counthead", True)),
                    (("Protection of Children Act 1978", "Indecent photographs and pseudo-photographs of a child, "
                      "including any that appear to be photographs", "Untested", "2,985"),
                     ("Coroners and Justice Act 2009", "Prohibited images", "More criteria and a shorter sentence", "527")))
    lefts = []
    for fmt in ("pdf", "pdf-ua"):
        path = tmp_path / f"{fmt}.pdf"
        document = d.Document(dataclasses.replace(META, marking=""), (table,))
        path.write_bytes(writers.get(fmt).render(document, theme.default()).data)
        found = {w: (x1, x2) for _, x1, _, x2, _, w in words(path)}
        lefts.append([found["Lawhead"][0], found["Coverhead"][0], found["Issuehead"][0], found["Counthead"][1]])
    assert all(abs(a - b) < 1.5 for a, b in zip(*lefts)), lefts


def test_a_sub_headings_number_hangs_in_the_side_column_as_printed(tmp_path):
    blocks = (d.Heading("The law", 1, "5"), d.Paragraph(text("Intro.")), d.Heading("Legalframe here", 2, "5.1"))
    found = {}
    for fmt in ("pdf", "pdf-ua"):
        path = tmp_path / f"{fmt}.pdf"
        document = d.Document(dataclasses.replace(META, marking=""), blocks)
        path.write_bytes(writers.get(fmt).render(document, theme.default()).data)
        found[fmt] = {w: x1 for _, x1, _, _, _, w in words(path)}
    assert abs(found["pdf-ua"]["5.1"] - MARGIN) < 1
    assert abs(found["pdf-ua"]["Legalframe"] - found["pdf"]["Legalframe"]) < 1
    # Read as one heading, its number first.
    headings = [t for _, t in accessibility.read_tree((tmp_path / "pdf-ua.pdf").read_bytes()).headings()]
    assert "5.1 Legalframe here" in headings
    # and so in the bookmarks, a space between them, as the print's ("5.1Legalframe" had run on)
    outline = [item.title for item in pypdf.PdfReader(tmp_path / "pdf-ua.pdf").outline if not isinstance(item, list)]
    nested = [item.title for group in pypdf.PdfReader(tmp_path / "pdf-ua.pdf").outline if isinstance(group, list)
              for item in group if not isinstance(item, list)]
    assert "5.1 Legalframe here" in outline + nested, outline + nested


def test_a_long_running_title_is_cut_in_the_footer_and_never_runs_into_the_page_number(tmp_path):
    title = "Runningword " * 30 + "Titleend"
    _, path = rendered(tmp_path, (d.Paragraph(text("Body.")),), running_title=title)
    found = words(path)
    number = next(w for w in found if w[5] == "Page")
    footer = [w for w in found if w[5].startswith("Runningword") and w[2] > number[2] - 20]
    assert 5 < len(footer) < 31 and "Titleend" not in [w[5] for w in found]
    assert any(w[5] == "Runningword…" for w in footer)  # cut at a word, and said to be
    assert all(w[3] < number[1] - 4 for w in footer)  # every word left of "Page", with a gap
    assert len({round(w[4]) for w in footer} | {round(number[4])}) == 1  # one line
    assert "2 September 2024" in " ".join(w[5] for w in found if abs(w[4] - number[4]) < 1)


def test_stat_callouts_sources_line_up_however_many_lines_a_label_takes(tmp_path):
    stats = d.Stats((d.Stat("70%", "of the 1,290 images whose metadata named a Checkpoint model used one anyone "
                            "could download", "Sourceone July 2024"),
                     d.Stat("86%", "of AI images carried no useful metadata", "Sourcetwo July 2024")))
    _, path = rendered(tmp_path, (stats,))
    tops = {word: top for _, _, top, _, _, word in words(path) if word.startswith("Source")}
    assert set(tops) == {"Sourceone", "Sourcetwo"} and abs(tops["Sourceone"] - tops["Sourcetwo"]) <= 1


def test_stat_callouts_stand_as_far_below_the_paragraph_above_as_printed(tmp_path):
    stats = d.Stats((d.Stat("70%", "of images", "Sourceone"), d.Stat("86%", "of AI images", "Sourcetwo")))
    gaps = [next(w[2] for w in found if w[5] == "70%") - next(w[4] for w in found if w[5] == "Abovepara")
            for found in both_words(tmp_path, (d.Paragraph(text("Abovepara ends here.")), stats))]
    assert gaps[1] > theme.default().box.stat.before and abs(gaps[0] - gaps[1]) < 2.5, gaps


def test_the_last_glossary_entry_never_opens_a_page_alone_as_printed(tmp_path):
    entries = tuple(d.GlossaryEntry(f"Term{n}", text(f"Definition {n}: a tool or a record that the briefing "
                                                     "names, said in a line or two of its own words."))
                    for n in range(1, 7))
    went_over = 0
    for count in range(26, 34):
        filler = tuple(d.Paragraph(text(f"Paragraph {n} of the filler, which takes a line or two of the "
                                        "text column and no more than that.")) for n in range(count))
        _, path = rendered(tmp_path, (*filler, d.Heading("Glossary"), d.Glossary(entries), d.Paragraph(text("End."))))
        found = words(path)
        assert page_of(found, "Term6") == page_of(found, "Term5"), count
        went_over += page_of(found, "Term6") > page_of(found, "Term1")
    assert went_over >= 2


def test_an_addressee_hung_in_the_side_column_sits_on_its_asks_first_baseline_as_printed(tmp_path):
    ask = d.Recommendation("AI developers", "Testword every model", text("Developers should test each model."))
    drops = [next(w for w in found if w[5] == "Testword")[4] - next(w for w in found if w[5] == "DEVELOPERS")[4]
             for found in both_words(tmp_path, (d.Paragraph(text("Above.")), ask))]  # foot of the text to the label's
    assert abs(drops[0] - drops[1]) < 0.5, drops  # the label's baseline is the text's, in both


def test_a_bullets_text_and_the_footers_separators_sit_where_printed(tmp_path):
    # The tagged list's text sat 4 pt further in than the print's; its footer's "·" had one
    # space each side where the print has two.
    listed = d.BulletList((text("Bulletword one goes here"), text("Bulletword two goes here")))
    places = [(next(w[1] for w in found if w[5] == "•"), next(w[1] for w in found if w[5] == "Bulletword"),
               next(w[1] for w in found if w[5] == "·" and w[2] > 700))
              for found in both_words(tmp_path, (d.Paragraph(text("Above.")), listed))]
    assert all(abs(a - b) < 0.5 for a, b in zip(*places)), places


def test_a_quote_stands_its_space_before_below_the_paragraph_above_as_printed(tmp_path):
    # The box's own space before (16 pt) was left to Typst's default: each quote sat 10 pt
    # higher than printed, and the police handout's pages broke a line apart from page 9.
    blocks = (d.Paragraph(text("Abovepara ends here.")), d.Quote(text("Quoteword of the analyst."), "Analyst, 2023"))
    gaps = [next(w[2] for w in found if w[5] == "Quoteword") - next(w[4] for w in found if w[5] == "Abovepara")
            for found in both_words(tmp_path, blocks)]
    assert gaps[1] > theme.default().box.quote.before and abs(gaps[0] - gaps[1]) < 1, gaps


def test_every_numbered_list_sets_its_text_16_points_from_its_number_as_the_print_does(tmp_path):
    # On the line of its first words (its baseline), whatever the item's style: the answers'
    # numbers are bold, as their questions are.
    listed = d.BulletList(tuple(text(f"Listword{n} goes here") for n in range(1, 4)), numbered=True)
    questions = d.Questions(tuple(text(f"Askword{n} goes here?") for n in range(1, 4)))
    answers = d.Answers("Answers", tuple((text(f"Answerword{n} which Act?"), text("The 1978 Act.")) for n in range(1, 4)),
                        "Trainer copy")
    _, path = rendered(tmp_path, (listed, questions, answers))
    found = words(path)
    for stem in ("Listword", "Askword", "Answerword"):
        for n in range(1, 4):
            [(page, x, bottom)] = [(p, x1, y2) for p, x1, _, _, y2, w in found if w.startswith(f"{stem}{n}")]
            [number] = [x1 for p, x1, _, _, y2, w in found if w == f"{n}." and p == page and abs(y2 - bottom) < 0.5]
            assert x - number == pytest.approx(16, abs=1), (stem, n)
    last = len(pages_of(path)) - 1
    assert {bold for bold, _, _ in chars(path, "1.", last)} == {True}


def test_an_asks_closing_lines_go_over_a_page_break_together_and_with_its_last_evidence(tmp_path):
    evidence = tuple(text(f"Evidence{n} line of the finding behind the ask, long enough to wrap once in the column.")
                     for n in range(1, 6))
    ask = d.Recommendation("Online platforms", "Publish how you moderate", text("Say how you rank it."),
                           "none reported", "July 2024", (), text(d.Run("IWF recommendation: ", bold=True),
                                                              "“To consider Basisword challenges.”"), evidence)
    for lines in range(20, 44, 2):
        _, path = rendered(tmp_path, (filler(lines), ask))
        found = words(path)
        assert page_of(found, "Basisword") == page_of(found, "Progress:") == page_of(found, "Evidence5"), lines


def test_definitions_are_as_far_apart_as_in_the_print(tmp_path):
    glossary = d.Glossary(tuple(d.GlossaryEntry(f"Termword{n}", text("A definition long enough to take two lines "
                                                                     "of the column, as most of them do in a briefing."))
                                for n in range(1, 5)))
    document = d.Document(dataclasses.replace(META, marking=""), (glossary,))
    tops = []
    for name in ("pdf-ua", "pdf"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(writers.get(name).render(document, theme.default()).data)
        found = {w: y1 for _, _, y1, _, _, w in words(path) if w.startswith("Termword")}
        tops.append([found[f"Termword{n}"] for n in range(1, 5)])
    tagged, printed = ([b - a for a, b in zip(t, t[1:])] for t in tops)
    assert tagged == pytest.approx(printed, abs=1)


def test_a_table_of_a_label_and_a_value_sits_in_the_text_column_as_printed(tmp_path):
    two = d.Table("Twocolumn caption", (d.Column("Snapshot"), d.Column("Share", True)),
                  (("Sept 2023", "82%"), ("Marchrow 2024", "90%")), "Twosource note")
    three = d.Table("Threecolumn caption", (d.Column("Law"), d.Column("Covers"), d.Column("Issue")),
                    (("Lawcell", "What it covers", "What it misses"),), "Threesource note")
    document = d.Document(dataclasses.replace(META, marking=""), (two, three))
    lefts = []
    for name in ("pdf-ua", "pdf"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(writers.get(name).render(document, theme.default()).data)
        found = {w: x1 for _, x1, _, _, _, w in words(path)}
        lefts.append([found[w] for w in ("Twocolumn", "Marchrow", "Twosource", "Threecolumn", "Lawcell", "Threesource")])
    tagged, printed = lefts
    assert tagged == pytest.approx(printed, abs=1.5)
    assert tagged[0] > tagged[3] + 100  # the two-column table in the text column, the other across


def spacing(tmp_path, blocks, words_in_order: list[str]) -> list[list[float]]:
    """Return, for the tagged PDF and then the print, the distances down the page between
    the tops of `words_in_order` (each a word that appears once)."""
    document = d.Document(dataclasses.replace(META, marking=""), tuple(blocks))
    out = []
    for name in ("pdf-ua", "pdf"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(writers.get(name).render(document, theme.default()).data)
        found = {w: y1 for _, _, y1, _, _, w in words(path)}
        tops = [found[w] for w in words_in_order]
        out.append([b - a for a, b in zip(tops, tops[1:])])
    return out


def test_an_asks_evidence_and_closing_lines_are_spaced_as_printed(tmp_path):
    # Its last item of evidence goes over a page break with the closing lines, a list of its
    # own in the tagged PDF: the items still sit as close as the others, as printed.
    evidence = tuple(text(f"Evidence{n} line of the finding behind the ask.") for n in range(1, 4))
    ask = d.Recommendation("Online platforms", "Publish how you moderate", text("Say how you rank it."),
                           "partial", "July 2024", text("Progressword came."),
                           text(d.Run("IWF recommendation: ", bold=True), "“To consider Basisword challenges.”"),
                           evidence)
    tagged, printed = spacing(tmp_path, (ask,), ["Evidence1", "Evidence2", "Evidence3", "IWF", "Progress:"])
    assert tagged == pytest.approx(printed, abs=1.5)


def test_a_tables_source_is_as_far_from_what_follows_as_printed(tmp_path):
    table = d.Table("Caption", (d.Column("Law"), d.Column("Covers"), d.Column("Count", True)),
                    (("Lawrow", "What it covers", "1"),), "Sourceword note")
    after = d.Paragraph(text("Followword paragraph after the table."))
    tagged, printed = spacing(tmp_path, (table, after), ["Lawrow", "Sourceword", "Followword"])
    assert tagged == pytest.approx(printed, abs=1.5)
