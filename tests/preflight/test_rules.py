"""Each preflight rule catches a page built to break it, and passes the same page built well."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.preflight import RULES, check_file, check_pdf

from .pages import BODY, HEIGHT, LEADING, MARGIN, THEME, WIDTH, Drawing, faults, rules, sentences

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def messages(data: bytes, rule: str, with_theme=THEME) -> list[str]:
    return [str(f) for f in faults(data, with_theme) if f.rule == rule]


def two_pages() -> Drawing:
    """Return a drawing with one clean page, to add a second page's content to (under a
    heading of its own, so that a short second page is a short section, not a tail)."""
    return Drawing().heading("1 Introduction").fill(MARGIN + 20).page().heading("2 What follows")


def test_clean_pages_with_headings_paragraphs_and_a_table_have_no_faults():
    d = Drawing(marking=18.2).heading("1 Introduction").paragraph(sentences(5)).heading("2 Findings")
    d.fill(MARGIN + 200).row(("Measure", "2023", "2024"), bold=True).row(("Reports", "1,200", "3,400"))
    d.y -= LEADING
    d.paragraph(["A one-line paragraph at the foot of a page."])
    d.page().heading("3 What this means").fill(HEIGHT / 2)
    assert faults(d.pdf()) == []


# ---- where pages break ---------------------------------------------------------------------

def test_a_heading_as_the_last_line_of_a_page_is_caught():
    d = Drawing().fill(MARGIN + 40).heading("4 What the law says").page().fill(HEIGHT / 2)
    assert messages(d.pdf(), "heading-at-foot") == [
        'test.pdf: page 1: warning: heading "4 What the law says" is the last line of the page (heading-at-foot)']


def test_a_section_heading_with_one_line_under_it_at_the_foot_is_caught_but_two_lines_are_enough():
    d = Drawing().fill(MARGIN + 120)
    d.y = MARGIN + 60
    d.heading("5 Victim identification").paragraph(sentences(1)).page().fill(HEIGHT / 2)
    assert messages(d.pdf(), "heading-at-foot") == [
        'test.pdf: page 1: warning: heading "5 Victim identification" has only 1 line under it at the foot '
        'of the page; its section goes on overleaf (heading-at-foot)']
    d = Drawing().fill(MARGIN + 120)
    d.y = MARGIN + 60
    d.heading("5 Victim identification").paragraph(sentences(2)).page().fill(HEIGHT / 2)
    assert rules(d.pdf()) == []  # the writers keep a heading with two lines of what follows


def test_a_sub_section_number_hung_beside_its_heading_is_read_as_part_of_the_heading():
    column = MARGIN + THEME.page.indent_mm * 72 / 25.4
    d = Drawing().fill(MARGIN + 40)
    d.y -= BODY * 0.8
    d.at(MARGIN, d.y, "4.3", size=THEME.text.h2.size, bold=True)
    d.line("Sentencing categories", size=THEME.text.h2.size, bold=True, x=column)
    d.page().fill(HEIGHT / 2)
    assert messages(d.pdf(), "heading-at-foot") == [
        'test.pdf: page 1: warning: heading "Sentencing categories" is the last line of the page (heading-at-foot)']


def test_a_heading_whose_short_section_ends_on_the_page_is_not_caught():
    d = Drawing().fill(MARGIN + 120)
    d.y = MARGIN + 60
    d.heading("6 Contact").paragraph(sentences(2)).page().heading("7 References").fill(HEIGHT / 2)
    assert rules(d.pdf()) == []


def test_a_bold_caption_alone_at_the_foot_of_a_page_is_caught():
    d = Drawing().fill(MARGIN + 30).line("Table 2: Reports by year", bold=True).page().fill(HEIGHT / 2)
    assert (1, "heading-at-foot") in rules(d.pdf())


def full_lines(count: int) -> list[str]:
    """Return lines as wide as the column (no full stop at the end): a paragraph going on."""
    return [line[:66].ljust(66, "x").rstrip() for line in sentences(count)]


def test_an_orphan_first_line_at_the_foot_of_a_page_is_caught():
    d = Drawing().fill(MARGIN + 40)
    d.line(full_lines(1)[0]).page()
    d.paragraph(full_lines(3) + ["and this is where the paragraph ends."]).fill(HEIGHT / 2)
    found = messages(d.pdf(), "orphan")
    assert len(found) == 1 and found[0].startswith("test.pdf: page 1: warning: the first line of a paragraph, ")
    assert found[0].endswith(", is alone at the foot of the page (orphan)")


def test_a_widow_last_line_at_the_top_of_a_page_is_caught():
    d = Drawing().fill(MARGIN + 80)
    for line in full_lines(3):
        d.line(line)
    d.page().paragraph(["the end of the paragraph."]).fill(HEIGHT / 2)
    assert messages(d.pdf(), "widow") == [
        'test.pdf: page 2: warning: the last line of a paragraph, "the end of the paragraph.", is alone at '
        'the top of the page (widow)']


def test_a_one_line_paragraph_at_the_foot_of_a_page_is_not_an_orphan():
    d = Drawing().fill(MARGIN + 40).paragraph(["This paragraph is only one line long."]).page()
    d.paragraph(full_lines(3) + ["and it ends here."]).fill(HEIGHT / 2)
    assert rules(d.pdf()) == []


def test_a_run_in_head_and_the_line_it_runs_into_at_the_foot_of_a_page_are_no_orphan():
    # A finding's headline in bold, running into its text (the police handout): its two lines
    # at a page's foot are the paragraph's first two, not a bold head and an orphan line.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def run_in(second_bold: str) -> bytes:
        d = Drawing().fill(MARGIN + 40)
        d.line("90% of the AI images assessed on the forum in March-April 2024 could be", bold=True)
        d.at(MARGIN, d.y, second_bold, bold=True)
        rest = " The share counts every image on the forum that"  # the paragraph goes on overleaf
        d.at(MARGIN + stringWidth(second_bold, d.fonts["bold"], BODY), d.y, rest)
        d.y -= LEADING
        d.page().paragraph(full_lines(3) + ["and this is where the paragraph ends."]).fill(HEIGHT / 2)
        return d.pdf()

    assert messages(run_in("assessed under the same law."), "orphan") == []
    d = Drawing().fill(MARGIN + 40)  # a bold head, then a paragraph's first line alone: an orphan
    d.line("A head of its own in bold", bold=True).line(full_lines(1)[0]).page()
    d.paragraph(full_lines(3) + ["and this is where the paragraph ends."]).fill(HEIGHT / 2)
    assert len(messages(d.pdf(), "orphan")) == 1


def test_a_table_header_row_alone_at_the_foot_of_a_page_is_caught():
    d = Drawing().fill(MARGIN + 40).row(("Measure", "September 2023", "March 2024"), bold=True)
    d.page().row(("Reports", "1,200", "3,400"))
    d.y -= LEADING
    d.fill(HEIGHT / 2)
    assert messages(d.pdf(), "table-header-at-foot") == [
        'test.pdf: page 1: warning: the header row of a table, "Measure | September 2023 | March 2024", is '
        'the last row of the page (table-header-at-foot)']


def test_an_empty_page_is_caught():
    d = Drawing().heading("1 Introduction").fill(MARGIN + 20).page().page().fill(HEIGHT / 2)
    assert rules(d.pdf()) == [(2, "empty-page")]


def test_a_page_ending_short_though_what_opens_the_next_would_have_fitted_is_caught():
    """The review's holes: a page ending 35-125 mm short of its foot because a heading and all
    of what follows it were kept together and moved on."""
    d = Drawing().fill(MARGIN + 20).page().fill(MARGIN + 150).page()
    d.heading("6 Investigation and victim identification").fill(MARGIN + 20).page()
    d.heading("7 How offenders use AI").fill(HEIGHT / 2)
    found = messages(d.pdf(), "underfull-page")
    assert len(found) == 1 and found[0].startswith(
        'test.pdf: page 2: warning: the page ends 73 mm (28% of the text area) short of its foot, below "')
    assert found[0].endswith('though what opens page 3, "6 Investigation and victim…" and the lines kept with it '
                             '(21 mm), would have fitted there (underfull-page)')


def test_a_page_ending_a_little_short_or_the_first_page_is_not_underfull():
    d = Drawing().fill(HEIGHT - 250).page().fill(MARGIN + 20).page().fill(HEIGHT / 2)
    assert messages(d.pdf(), "underfull-page") == []  # page 1 (the cover), and a space of 26 mm


def test_a_page_short_of_a_box_or_picture_taller_than_its_space_is_not_underfull():
    """Boxes and pictures never split: a space they could not have used is no fault."""
    for draw in ("box", "picture"):
        d = Drawing().fill(MARGIN + 20).page().fill(MARGIN + 150).page()
        top = d.y + BODY
        if draw == "box":
            d.canvas.setFillColorRGB(0.91, 0.95, 0.96)
            d.canvas.rect(MARGIN, top - 260, WIDTH - 2 * MARGIN, 260, stroke=0, fill=1)
            d.canvas.setFillColorRGB(0, 0, 0)
        else:
            d.canvas.drawImage(ImageReader(_png()), MARGIN, top - 260, WIDTH - 2 * MARGIN, 260)
        d.y = top - 270
        d.fill(MARGIN + 40)
        assert messages(d.pdf(), "underfull-page") == [], draw
        d = Drawing().fill(MARGIN + 20).page().fill(MARGIN + 300).page()
        d.canvas.setFillColorRGB(0.91, 0.95, 0.96)
        d.canvas.rect(MARGIN, d.y + BODY - 100, WIDTH - 2 * MARGIN, 100, stroke=0, fill=1)
        d.canvas.setFillColorRGB(0, 0, 0)
        d.y -= 110
        d.fill(MARGIN + 40)
        assert len(messages(d.pdf(), "underfull-page")) == 1  # a short box would have fitted


def _png():
    picture = io.BytesIO()
    Image.new("RGB", (300, 200), "#0B5C7A").save(picture, "PNG")
    picture.seek(0)
    return picture


def test_a_page_break_before_the_last_part_is_not_underfull():
    d = Drawing().fill(MARGIN + 20).page().fill(HEIGHT - 250).page()
    d.heading("Answers to the knowledge check").fill(HEIGHT - 250)
    assert messages(d.pdf(), "underfull-page") == []
    d = Drawing().fill(MARGIN + 20).page().fill(HEIGHT - 250).page()
    d.heading("A lesser heading", size=THEME.text.h2.size).fill(HEIGHT - 250)
    assert len(messages(d.pdf(), "underfull-page")) == 1  # only a top-level heading starts a part
    d = Drawing().fill(MARGIN + 20).page().fill(HEIGHT - 250).page()
    d.heading("5 Assessing AI images").fill(MARGIN + 40).page().heading("6 The last part").fill(HEIGHT / 2)
    assert len(messages(d.pdf(), "underfull-page")) == 1  # a part that is not the last


def ruled_row(d: Drawing, cells: list[tuple[str, ...]], bold: bool = False) -> Drawing:
    """Draw a table row of lines of three cells, and the rule under it, as the writers rule rows."""
    for line in cells:
        d.row(line, bold)
    d.canvas.setLineWidth(0.5)
    d.canvas.line(MARGIN, d.y + LEADING - 3, WIDTH - MARGIN, d.y + LEADING - 3)
    d.y -= 4
    return d


def ending(space: float) -> Drawing:
    """Return a drawing whose page 2 ends about `space` points above the text area's foot."""
    d = Drawing().fill(MARGIN + 20).page().fill(MARGIN + space + 80)
    while d.y - LEADING > MARGIN + space:
        d.line(sentences(1)[0])
    return d.line("the end of it.").page()


def test_a_tables_last_row_gone_over_with_its_source_is_not_underfull():
    # The writers keep a table's last row with its source note (print: Grid.keep_last; tagged
    # PDF: both in the table's footer), under the header repeated on the new page.
    source = "Source: IWF, October 2023 [2, pp. 6, 17-18]. Note: the law as the IWF summarises it, not the text."

    def table_over(rows: int, lines: int) -> bytes:  # page 2 ends 35 mm short of its foot
        d = ending(100)
        ruled_row(d, [("Law", "What it covers", "Issue for AI images")], bold=True)
        for _ in range(rows):
            ruled_row(d, [("No specific offence (AI", "Models fine-tuned on", "It is unclear whether")] * lines)
        for _ in range(4):
            d.line(source, size=THEME.text.source.size)
        return d.fill(HEIGHT / 2).pdf()

    assert messages(table_over(1, 3), "underfull-page") == []  # the last row and its source, together
    assert len(messages(table_over(3, 1), "underfull-page")) == 1  # a longer table's first rows would have fitted


def test_a_short_list_of_references_moved_whole_is_not_underfull():
    # The tagged PDF moves a list of references no taller than a third of a page whole, with its
    # heading; a longer list breaks between references, so its first would have fitted.
    def references(count: int) -> bytes:
        d = ending(100).heading("References", size=THEME.text.h2.size)
        for number in range(1, count + 1):
            reference(d, number, ["Internet Watch Foundation. What has changed in the AI CSAM landscape?",
                                  "https://www.iwf.org.uk/about-us/why-we-exist/our-research/"])
            d.y -= 4
        return d.pdf()

    assert messages(references(3), "underfull-page") == []
    assert len(messages(references(14), "underfull-page")) == 1


def reference(d: Drawing, number: int, lines: list[str]) -> Drawing:
    """Draw a reference: its number hung at the margin, its text 20 pt in, line by line."""
    size = THEME.text.reference.size
    d.at(MARGIN, d.y, f"[{number}]", size=size)
    for text in lines:
        d.line(text, size=size, x=MARGIN + 20)
    return d


def test_a_last_page_holding_only_the_tail_of_a_reference_is_caught():
    d = Drawing().fill(MARGIN + 20).page().heading("References").fill(MARGIN + 40)
    d.y = MARGIN + 10
    reference(d, 3, ["Internet Watch Foundation. AI-generated videos of child sexual abuse. Retrieved from"]).page()
    d.line("worldcampaign.net, 23 July 2024.", size=THEME.text.reference.size, x=MARGIN + 20)
    d.line("https://worldcampaign.net/?p=15517", size=THEME.text.reference.size, x=MARGIN + 20)
    found = messages(d.pdf(), "stranded-tail")
    assert found == [
        'test.pdf: page 3: warning: the page holds only 2 lines (3% of the text area), from "worldcampaign.net, '
        '23 July 2024.": the end of what page 2 began; keep it with that page (stranded-tail)']


def test_the_tail_of_the_page_before_the_last_part_is_caught():
    d = Drawing().fill(MARGIN + 20).page().fill(MARGIN + 40)
    d.y = MARGIN + 10
    reference(d, 2, ["Internet Watch Foundation. What has changed in the AI CSAM landscape?"]).page()
    d.line("https://www.iwf.org.uk/about-us/why-we-exist/our-research/", size=THEME.text.reference.size,
           x=MARGIN + 20)
    reference(d, 3, ["Internet Watch Foundation. AI-generated videos.", "https://worldcampaign.net/"])
    d.page().heading("Answers to the knowledge check").fill(HEIGHT / 2)
    assert [f.page for f in faults(d.pdf()) if f.rule == "stranded-tail"] == [3]


def test_a_short_last_page_of_whole_references_or_a_short_section_is_not_a_tail():
    d = Drawing().fill(MARGIN + 20).page().heading("References").fill(MARGIN + 20).page()
    reference(d, 3, ["Internet Watch Foundation. AI-generated videos.", "https://worldcampaign.net/"])
    reference(d, 4, ["Internet Watch Foundation. Another report.", "https://www.iwf.org.uk/"])
    assert [f.rule for f in faults(d.pdf())] == []  # the writers keep the last two references together
    d = Drawing().fill(MARGIN + 20).page().heading("Contact").paragraph(["policy@example.org"])
    assert rules(d.pdf()) == []


# ---- what covers what ----------------------------------------------------------------------

def test_text_overlapping_text_is_caught():
    d = two_pages().at(MARGIN, 600, "Reports rose again this year")
    d.at(MARGIN + 30, 604, "Another line drawn on top of it")
    assert messages(d.pdf(), "text-overlap") == [
        'test.pdf: page 2: warning: text "Another line drawn on top of it" overlaps text "Reports rose again '
        'this year" (text-overlap)']


def test_a_line_printed_twice_in_the_same_place_is_caught():
    d = two_pages().at(MARGIN, 600, "Reports rose again this year").at(MARGIN, 600, "Reports rose again this year")
    assert messages(d.pdf(), "text-overlap") == [
        'test.pdf: page 2: warning: text "Reports rose again this year" is printed twice in the same place '
        '(text-overlap)']


def test_a_marking_crowding_the_footer_is_caught():
    d = Drawing(marking=26.3).fill(HEIGHT / 2)  # the marking's capitals 1 pt under the footer's descenders
    assert messages(d.pdf(), "furniture-crowded") == [
        'test.pdf: page 1: warning: the marking "OFFICIAL-SENSITIVE" is only 1.0 pt under the footer "A test '
        'briefing on AI child sexual…" (furniture-crowded)']


def picture() -> ImageReader:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#0B5C7A").save(buffer, "PNG")
    return ImageReader(io.BytesIO(buffer.getvalue()))


def test_a_picture_clipped_by_a_rectangle_smaller_than_it_is_caught():
    d = two_pages().line("Figure 1: Reports by year", bold=True)
    d.canvas.saveState()
    clip = d.canvas.beginPath()
    clip.rect(MARGIN, 500, 400, 120)  # the picture is 200 pt tall, from 500 up
    d.canvas.clipPath(clip, stroke=0, fill=0)
    d.canvas.drawImage(picture(), MARGIN, 500, 400, 200)
    d.canvas.restoreState()
    assert messages(d.pdf(), "picture-clipped") == [
        'test.pdf: page 2: warning: picture under "Figure 1: Reports by year" (400 x 200 pt) is clipped: '
        '80 pt at the top not shown (picture-clipped)']


def test_a_picture_drawn_whole_is_not_clipped():
    d = two_pages().line("Figure 1: Reports by year", bold=True)
    d.canvas.drawImage(picture(), MARGIN, 500, 400, 200)
    assert rules(d.pdf()) == []


def test_text_over_a_picture_is_caught():
    d = two_pages()
    d.canvas.drawImage(picture(), MARGIN, 500, 400, 200)
    d.at(MARGIN + 10, 600, "A label drawn over the chart")
    assert messages(d.pdf(), "text-over-picture") == [
        'test.pdf: page 2: warning: text "A label drawn over the chart" overlaps picture under "2 What follows" '
        '(text-over-picture)']


def test_text_past_the_margin_and_off_the_page_is_caught():
    d = two_pages().at(WIDTH - MARGIN - 100, 600, "A line that runs into the margin")
    d.at(WIDTH - 40, 500, "A line that runs off the page")
    assert messages(d.pdf(), "outside-margins") == [
        'test.pdf: page 2: warning: text "A line that runs into the margin" runs into the right margin by '
        '54 pt (outside-margins)',
        'test.pdf: page 2: warning: text "A line that runs off the page" runs off the page (outside-margins)']


# ---- the text ------------------------------------------------------------------------------

LONG = "Analysts assessed every image posted to the forum in one month and found most were realistic."


def test_a_body_line_longer_than_the_measure_is_caught():
    d = two_pages().paragraph([LONG])
    assert len(LONG) == 93  # as long as the shipped briefings' lines, and inside the margins
    assert messages(d.pdf(), "measure") == [
        f'test.pdf: page 2: warning: 1 body line is longer than the measure of 75 characters (the longest, '
        f'{len(LONG)}: "Analysts assessed every image posted to…") (measure)']


def test_the_measure_is_the_themes():
    wide = THEME.model_copy(update={"page": THEME.page.model_copy(update={"measure": 100})})
    narrow = THEME.model_copy(update={"page": THEME.page.model_copy(update={"measure": 60})})
    data = two_pages().paragraph([LONG]).pdf()
    assert rules(data, wide) == []
    assert rules(data, narrow) == [(1, "measure"), (2, "measure")]  # the filler lines are 60-68 long


def test_lines_closer_than_their_type_size_are_caught():
    d = two_pages()
    for number, text in enumerate(sentences(3)):
        d.at(MARGIN, 600 - number * BODY * 0.88, text)
    found = messages(d.pdf(), "tight-leading")
    assert len(found) == 1
    assert found[0].startswith("test.pdf: page 2: warning: 2 lines are closer to the line above than their type "
                               "size (the closest, ")
    assert found[0].endswith(", 9.2 pt under a line of 10.5 pt type) (tight-leading)")


def test_the_same_line_twice_in_a_row_is_caught():
    d = two_pages().paragraph(["Reports rose again this year, to the highest level yet,"] * 2 + ["and fell."])
    assert messages(d.pdf(), "repeated-line") == [
        'test.pdf: page 2: warning: line "Reports rose again this year, to the…" is printed twice in a row '
        '(repeated-line)']


URL = "https://www.iwf.org.uk/our-research/child-sexual-abuse-imagery/"


@pytest.mark.parametrize("annotated", [True, False], ids=["with-link", "text-only"])
def test_a_link_broken_inside_a_word_is_caught(annotated):
    d = two_pages()
    top = d.y
    d.paragraph(["See https://www.iwf.org.uk/our-research/child-sexual-a", "buse-imagery/ for the report."])
    if annotated:
        d.canvas.linkURL(URL, (MARGIN, d.y, 400, top + BODY), relative=0)
    assert messages(d.pdf(), "link-broken") == [
        'test.pdf: page 2: warning: link "…uk/our-research/child-sexual-a" / "buse-imagery/" is broken '
        'inside the word "abuse" (link-broken)']


def test_a_link_broken_after_a_slash_or_hyphen_is_not_caught():
    d = two_pages().paragraph(["See https://www.iwf.org.uk/our-research/", "child-sexual-", "abuse-imagery/ now."])
    assert rules(d.pdf()) == []


def test_a_word_broken_across_lines_without_a_hyphen_is_caught():
    d = two_pages().paragraph(["Reports rose between September 2023 and March 2024."])
    d.paragraph(["The figures for Septemb", "er 2023 are provisional."])
    assert messages(d.pdf(), "word-broken") == [
        'test.pdf: page 2: warning: the word "September" is broken across lines without a hyphen '
        '("Septemb" / "er") (word-broken)']


def test_a_word_hyphenated_across_lines_is_not_caught():
    d = two_pages().paragraph(["Reports rose between September 2023 and March 2024."])
    d.paragraph(["The figures for Septem-", "ber 2023 are provisional."])
    assert rules(d.pdf()) == []


# ---- type ----------------------------------------------------------------------------------

@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_text_in_a_font_other_than_the_themes_is_caught():
    if "PfDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PfDejaVu", str(DEJAVU)))
    d = two_pages().line("A line set in DejaVu Sans", font="PfDejaVu")
    assert messages(d.pdf(), "font") == [
        "test.pdf: page 2: warning: text is set in DejaVuSans, not the theme's Noto Sans, on 1 page "
        '(first: "A line set in DejaVu Sans") (font)']


def test_a_font_that_is_not_embedded_is_caught():
    d = two_pages().line("A line in Helvetica, which reportlab does not embed", font="Helvetica")
    assert [str(f) for f in faults(d.pdf())] == [
        "test.pdf: page 2: warning: text is set in Helvetica, not the theme's Noto Sans, on 1 page (first: "
        '"A line in Helvetica, which reportlab…") (font)',
        "test.pdf: page 2: warning: font Helvetica is not embedded: a reader without it sees another "
        "(font-not-embedded)"]


# ---- the file ------------------------------------------------------------------------------

def test_a_file_that_is_not_a_pdf_is_one_fault_and_check_pdf_raises():
    found, pages = check_file(Path("out/x.pdf"), b"not a PDF at all", THEME)
    assert pages == 0 and [str(f) for f in found] == [
        "out/x.pdf: warning: cannot be read as a PDF (Failed to load document (PDFium: Data format error).) (unreadable)"]
    with pytest.raises(ValueError):
        check_pdf(b"not a PDF at all", "x.pdf", THEME)


def test_every_rule_is_documented():
    text = (Path(__file__).parents[2] / "docs" / "checks.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in text] == []


def test_a_contents_page_of_its_own_may_end_short_but_a_page_of_prose_may_not():
    def page_two(d: Drawing, entry, front_matter: bool = False) -> bytes:
        d.heading("Contents", size=THEME.text.h2.size)
        for number in range(1, 16):
            d.line(entry(number))
        if front_matter:  # document control under the list, on the contents' page
            d.heading("Document control").line("Owner  [Force training lead]").line("Version  1.0")
        d.page().heading("2 About this handout").fill(MARGIN + 40)
        return d.page().heading("3 The last part").fill(HEIGHT / 2).pdf()

    def entry(n: int) -> str:
        return f"{n} Section {n} " + ". " * 30 + str(n)

    assert messages(page_two(Drawing().fill(MARGIN + 20).page(), entry), "underfull-page") == []
    assert messages(page_two(Drawing().fill(MARGIN + 20).page(), entry, True), "underfull-page") == []
    prose = page_two(Drawing().fill(MARGIN + 20).page(), lambda n: f"A line of prose number {n}, which is not a contents entry.")
    assert len(messages(prose, "underfull-page")) == 1
    # a page that opens with prose and has a list with leaders further down is not a contents page
    late = Drawing().fill(MARGIN + 20).page().heading("1 Opening").line("A line of prose, not an entry.")
    assert len(messages(page_two(late, entry, True), "underfull-page")) == 1
