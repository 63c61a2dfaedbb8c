"""The HTML edition: semantic structure, literal text, safe links, self-contained, stable."""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from briefgen import document as d
from briefgen import theme, writers
from briefgen.plan import label_groups

from .sample import DOCUMENT, META, text


class Elements(HTMLParser):
    """Every start tag, in order, with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, *names: str) -> list[tuple[str, dict]]:
        return [(tag, attrs) for tag, attrs in self.tags if tag in names]


def render(document: d.Document = DOCUMENT) -> str:
    return writers.get("html").render(document, theme.default()).data.decode("utf-8")


def with_meta(**changes) -> d.Document:
    return dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, **changes))


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_landmarks_skip_link_language_and_title():
    html = render()
    found = Elements(html)
    assert found.tags[0] == ("html", {"lang": "en-GB"})
    # The title alone: not run together with the subtitle behind a second colon.
    assert "<title>AI-generated child sexual abuse material</title>" in html
    titled = render(with_meta(title="AI CSAM: four gaps in UK law", subtitle="The evidence to July 2024"))
    assert "<title>AI CSAM: four gaps in UK law</title>" in titled and "The evidence to July 2024</title>" not in titled
    assert [tag for tag, _ in found.named("header", "nav", "main", "footer")] == ["header", "main", "footer"]
    with_contents = Elements(render(with_meta(toc_from_pages=1)))
    assert [tag for tag, _ in with_contents.named("header", "nav", "main", "footer")] == ["header", "main", "nav", "footer"]
    assert found.named("a")[0] == ("a", {"class": "skip", "href": "#main"})
    assert ("main", {"id": "main", "tabindex": "-1"}) in found.tags


def test_one_h1_and_headings_in_order():
    levels = [int(tag[1]) for tag, _ in Elements(render()).named("h1", "h2", "h3", "h4")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:]))


def test_the_marking_is_a_banner_top_and_bottom_announced_once_and_never_a_note():
    html = render()
    header = html[html.index("<header"):html.index("</header>")]
    footer = html[html.index("<footer"):html.index("</footer>")]
    # Read out once, from the top banner; the bottom one repeats it for the eye only.
    assert '<p class="marking"><span class="visually-hidden">Marking: </span>OFFICIAL-SENSITIVE</p>' in header
    assert '<p class="marking" aria-hidden="true">OFFICIAL-SENSITIVE</p>' in footer
    assert html.count("OFFICIAL-SENSITIVE</p>") == 2
    assert "OFFICIAL-SENSITIVE" not in main_of(html).replace("<strong>OFFICIAL-SENSITIVE</strong> rules", "")
    assert "box-content-note" not in main_of(render(dataclasses.replace(DOCUMENT, blocks=())))
    unmarked = render(with_meta(marking=""))
    assert "Marking" not in unmarked and "<header" not in unmarked


def test_the_organisation_sits_under_the_kicker_on_the_cover():
    cover = re.search(r'<div class="cover">(.*?)</div>', render(), re.S).group(1)
    kicker, organisation, title = (cover.index(s) for s in ('class="kicker"', 'class="organisation"', "<h1"))
    assert kicker < organisation < title


@pytest.mark.parametrize("text, shown", [
    ("Briefing for MPs and peers", 'Briefing for <span class="as-written">MPs</span> and peers'),
    ("LoRA models", '<span class="as-written">LoRA</span> models'), ("NGOs", '<span class="as-written">NGOs</span>'),
    ("Training handout for police trainers", "Training handout for police trainers"),
    ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"), ("AI developers", "AI developers")])
def test_a_label_in_capitals_keeps_a_word_capitals_would_change(text, shown):
    html = render(with_meta(kicker=text))
    assert f'<p class="kicker">{shown}</p>' in html
    assert ".as-written { text-transform: none;" in html


def test_an_addressee_label_keeps_its_case_where_capitals_would_change_it():
    ask = d.Recommendation("MPs", "Speak in the debate", text("Say the law has gaps."))
    html = render(dataclasses.replace(DOCUMENT, blocks=(ask,)))
    assert '<p class="side label"><span class="as-written">MPs</span></p>' in html


def test_figures_tables_and_quotes_carry_their_semantics():
    html = render()
    chart = next(b for b in DOCUMENT.blocks if isinstance(b, d.Chart))
    figure = re.search(r'<figure class="chart wide">\s*<figcaption class="caption">Images on one forum</figcaption>'
                       r'(.*?)</figure>', html, re.S).group(1)
    # Two drawings of the chart as SVG, each a picture named by the alt text; its labels are text.
    drawings = [attrs for tag, attrs in Elements(figure).named("svg")]
    assert [a["class"] for a in drawings] == ["drawing as-printed", "drawing for-phone"]
    assert all(a["role"] == "img" and a["aria-label"] == chart.alt and "viewbox" in a for a in drawings)
    assert figure.count(">Posted</text>") == 2 and figure.count(">20,254</text>") == 2
    assert "<img" not in figure and "data:image/png" not in html
    found = Elements(html)
    assert len(found.named("table")) == len(found.named("caption")) == 3  # two data tables, document control
    assert {attrs.get("scope") for tag, attrs in found.named("th")} == {"col", "row"}
    assert html.count("<blockquote>") == 2
    assert "<figcaption class=\"attribution\">— Jane Doe, Chief Executive, Example Org, 22 July 2024</figcaption>" in html


def test_text_is_escaped_never_markup():
    html = render()
    assert "Why you have this briefing: R&amp;D &lt;b&gt;not bold&lt;/b&gt; {{ 7*7 }}." in html
    hostile = d.Paragraph(text('</p><script>alert(1)</script> " onload="x'))
    html = render(dataclasses.replace(DOCUMENT, blocks=(hostile,)))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &#34; onload=&#34;x" in html


def test_only_https_and_mailto_links_are_links():
    runs = (d.Run("safe", link="https://example.org/a?b=1&c=2"), d.Run(" mail", link="mailto:team@example.org"),
            d.Run(" bad", link="javascript:alert(1)"), d.Run(" plain", link="http://example.org"))
    html = render(dataclasses.replace(DOCUMENT, blocks=(d.Paragraph(runs),)))
    main = html[html.index("<main"):]
    assert re.findall(r'href="([^"]+)"', main) == ["https://example.org/a?b=1&amp;c=2", "mailto:team@example.org"]
    assert "javascript" not in html and " bad plain" in html


def test_self_contained_no_request():
    html = render()
    sources = re.findall(r'(?:src|href)="([^"#][^"]*)"', html) + re.findall(r"url\(([^)]+)\)", html)
    assert sources and all(s.startswith(("data:", "https://www.iwf.org.uk/")) for s in sources)
    assert [s for s in re.findall(r'src="([^"]+)"', html) if not s.startswith("data:")] == []
    assert "<link" not in html and "@import" not in html


def test_css_from_the_theme_body_is_1rem_and_sizes_keep_their_proportion():
    html = render()
    shipped = theme.default()
    assert ".body { font-size: 1rem;" in html
    assert f".title {{ font-size: {shipped.text.title.size / shipped.text.body.size:.4g}rem;" in html
    assert f"--accent: {shipped.colour.accent}" in html and f"background: {shipped.colour.tint}" in html
    assert "@media print" in html and "text-align: justify" not in html


def rule_of(html: str, selector: str) -> str:
    """Return the declarations of the stylesheet's rule for `selector`."""
    return re.search(r"\n" + re.escape(selector) + r" \{ ([^}]*) \}", html).group(1)


def test_the_handling_statement_is_in_the_themes_handling_box_in_its_bold_style():
    html = render()
    shipped = theme.default()
    # In its box on the cover, as the print and Word draw it, not a grey note.
    cover = main_of(html)[:main_of(html).index("\n</div>")]
    assert ('<div class="box-handling"><p class="handling">Handle under <strong>OFFICIAL-SENSITIVE</strong>'
            ' rules.</p></div>') in cover
    assert '<p class="note">Handle under' not in html
    # The box's rules, padding and spaces and the text style are the theme's.
    box, style = rule_of(html, ".box-handling"), rule_of(html, ".handling")
    size = shipped.text.body.size
    for side in ("top", "right", "bottom", "left"):
        assert f"border-{side}: max(1px, {1.5 / size:.4g}rem) solid {shipped.colour.accent}" in box
    assert f"padding: {7 / size:.4g}rem {10 / size:.4g}rem {6 / size:.4g}rem {10 / size:.4g}rem" in box
    assert f"margin: {8 / size:.4g}rem 0 {14 / size:.4g}rem" in box
    assert "font-weight: 700" in style and f"font-size: {10 / size:.4g}rem" in style
    # The width of the text column, as printed (the cover itself spans the page).
    assert ".cover .box-handling { max-width: var(--column); }" in html
    # A theme's own box is the one drawn.
    ruled = shipped.model_copy(update={"box": shipped.box.model_copy(update={
        "handling": shipped.box.handling.model_copy(update={"left": shipped.box.key_points.left})})})
    themed = writers.get("html").render(DOCUMENT, ruled).data.decode("utf-8")
    assert f"border-left: max(1px, {3 / size:.4g}rem) solid {shipped.colour.accent}" in rule_of(themed, ".box-handling")


def test_the_occasion_is_in_the_themes_occasion_style_bold_in_the_accent():
    html = render()
    assert '<p class="occasion">For the AI CSAM module of the grading course</p>' in main_of(html)
    style = rule_of(html, ".occasion")
    assert "font-weight: 700" in style and f"color: {theme.default().colour.accent}" in style
    assert f"font-size: {12 / theme.default().text.body.size:.4g}rem" in style


def test_row_labels_are_set_as_cells_and_headings_numbered_without_a_gap():
    html = render()
    assert "td, tbody th { font-size: 0.8571rem; line-height: 1.3; font-weight: 400;" in html
    assert '<h2 id="section-1"><span class="number">1</span> The evidence</h2>' in html
    assert "\n.number {" not in html  # no fixed width between a number and its heading
    assert "h3 > .number { position: absolute; left: calc(-1 * (var(--side) + var(--gutter))); }" in html


def test_a_recommendation_is_the_component_of_the_print():
    ask = d.Recommendation("Government", "Legislate", text("Make it an offence."), "Partial", "July 2024",
                           text("An amendment fell."), text(d.Run("IWF recommendation: ", bold=True), "“Legislate.” [1]"),
                           (text("Evidence one [1]"), text("Evidence two [2]")), text("Online Safety Act 2023 [3]"))
    html = render(dataclasses.replace(DOCUMENT, blocks=(ask,)))
    component = html[html.index('<div class="row recommendation">'):html.index("</main>")]
    parts = ['<p class="side label">Government</p>', '<p class="body"><strong>Legislate.</strong> Make it an offence.</p>',
             '<ul class="body evidence">', '<li>Evidence one\u00a0<span class="cite">[1]</span></li>',
             '<li>Evidence two\u00a0<span class="cite">[2]</span></li>',
             '<p class="basis"><strong>IWF recommendation: </strong>“Legislate.”\u00a0<span class="cite">[1]</span></p>',
             '<p class="basis"><strong>Regulation:</strong> Online Safety Act 2023\u00a0<span class="cite">[3]</span></p>',
             '<p class="progress progress-line"><strong>Progress: partial, July 2024.</strong> An amendment fell.</p>']
    assert [component.index(part) for part in parts] == sorted(component.index(part) for part in parts)
    assert ".recommendation .progress-line { margin-top: 0.5714rem; }" in html  # a paragraph's space above
    # The basis and regulation in the print's style for them, smaller than the ask.
    shipped = theme.default()
    assert f".basis {{ font-size: {shipped.text.basis.size / shipped.text.body.size:.4g}rem;" in html


def test_document_control_is_a_small_table_headed_by_row():
    control = re.search(r'<table class="control">.*?</table>', render(), re.S).group(0)  # in the text column
    assert '<caption class="visually-hidden">Document control</caption>' in control
    assert re.findall(r'<th scope="row" class="cell-head">([^<]+)</th><td class="cell">([^<]+)</td>', control) == [
        ("Owner", "[Force training lead]"), ("Version", "1.0"), ("Review by", "March 2025")]


def contents_of(html: str) -> list[str]:
    nav = re.search(r'<nav class="contents" aria-label="Contents">(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', nav.group(1)) if nav else []


def test_contents_only_where_the_print_has_them():
    pages = writers.get("pdf").render(DOCUMENT, theme.default()).pages
    assert pages > 1
    assert contents_of(render()) == []  # toc_from_pages 0: the print has none
    assert contents_of(render(with_meta(toc_from_pages=pages))) == []  # not longer than the limit
    # Level-1 headings only, after the lead, key points and asks, before the first section.
    html = render(with_meta(toc_from_pages=pages - 1))
    assert contents_of(html) == ["1 The evidence", "2 Recommendations", "3 Glossary", "4 References"]
    main = main_of(html)
    assert main.index('class="box-ask"') < main.index('<nav class="contents"') < main.index('id="section-1"')


def test_contents_follow_the_first_section_of_a_document_that_opens_with_a_heading():
    blocks = DOCUMENT.blocks[DOCUMENT.blocks.index(next(b for b in DOCUMENT.blocks if isinstance(b, d.Heading))):]
    html = render(d.Document(dataclasses.replace(META, toc_from_pages=1), blocks))
    main = main_of(html)
    assert contents_of(html)[0] == "1 The evidence"
    assert main.index('id="section-1"') < main.index('<nav class="contents"') < main.index(">2</span> Recommendations")


def test_front_matter_is_a_section_but_not_in_the_contents():
    first = next(i for i, b in enumerate(DOCUMENT.blocks) if isinstance(b, d.Heading))
    front = (d.Heading("Document control", 1, "", in_contents=False), d.Paragraph(text("Owner: the lead.")))
    blocks = DOCUMENT.blocks[first:first + 2] + front + DOCUMENT.blocks[first + 2:]
    html = render(d.Document(dataclasses.replace(META, toc_from_pages=1), blocks))
    assert "Document control" not in contents_of(html) and "2 Recommendations" in contents_of(html)
    assert re.search(r"<h2 id=\"section-\d+\">Document control</h2>", html)


def test_the_same_document_gives_the_same_bytes():
    assert render() == render()


def test_the_trainers_part_is_closed_and_not_in_the_contents():
    html = render(with_meta(toc_from_pages=1))
    part = re.search(r'<details class="trainer-copy" id="[^"]+">(.*?)</details>', main_of(html), re.S)
    assert part, "the answers are not in a closed <details>"
    # Its title a heading in the summary, as every edition has it, and the banner under it.
    assert ('<summary><h2 class="trainer-title">Answers for the trainer</h2>'
            '<span class="trainer-banner">Trainer copy: remove before issue</span></summary>') in part.group(1)
    assert "The Protection of Children Act 1978." in part.group(1)  # the answers are inside it
    assert html.count("The Protection of Children Act 1978.") == 1
    assert "Answers for the trainer" not in " ".join(contents_of(html))
    assert not re.search(r"<h[1-6][^>]*>[^<]*<span class=\"number\">[^<]*</span>[^<]*Answers", html)  # unnumbered
    # Opened and printed, it starts a page of its own, as the print's trainer copy does.
    assert "details.trainer-copy[open] { break-before: page; }" in html.split("@media print {")[1]


def test_the_trainers_banner_is_the_profiles_words():
    answers = d.Answers("Answers", ((text("Which Act?"), text("The 1978 Act.")),), "Trainer only & not for issue")
    html = main_of(render(with_blocks(answers)))
    assert '<span class="trainer-banner">Trainer only &amp; not for issue</span></summary>' in html
    assert "remove before issue" not in html.lower()


def with_blocks(*blocks: d.Block) -> d.Document:
    return dataclasses.replace(DOCUMENT, blocks=blocks)


def test_verbatim_quotes_in_a_row_are_one_group_with_the_label_once():
    def verbatim(n):
        return d.Quote(text(f"verbatim words {n}"), f"Forum user {n}", verbatim=True, label="Restricted: verbatim offender quotes")

    html = main_of(render(with_blocks(*label_groups([  # labelled as the plan labels them
        verbatim(1), verbatim(2), verbatim(3), d.Paragraph(text("Between.")),
        verbatim(4), d.Quote(text("An organisation's words."), "Jane Doe")]))))
    groups = re.findall(r'<div class="box-verbatim verbatim-quotes" role="group" aria-labelledby="([^"]+)">(.*?)</div>',
                        html, re.S)
    assert [g.count("<blockquote>") for _, g in groups] == [3, 1]
    for anchor, group in groups:  # the label names its group, once, over its first quote, in its one box
        assert group.count('class="label"') == 1 and group.count('class="box-') == 0
    # Restricted material, as the sources' rules mark it (the vocabulary's label).
    (first, group3), (second, group1) = groups
    assert f'<p class="label" id="{first}">Restricted: verbatim offender quotes</p>' in group3.split("<figure>")[0]
    assert f'<p class="label" id="{second}">Restricted: verbatim offender quotes</p>' in group1
    assert html.count("Restricted: verbatim offender") == 2
    assert '<figure class="box-quote">' in html.split("Between.")[1]  # an ordinary quote is no member


def test_a_table_of_three_columns_of_words_has_cards_for_a_phone_and_keeps_its_semantics():
    law = d.Table("The law", (d.Column("Law"), d.Column("What it covers"), d.Column("The gap")),
                  (("PCA 1978", "Indecent photographs", "Untested in court"),))
    html = main_of(render(with_blocks(law, *[b for b in DOCUMENT.blocks if isinstance(b, d.Table)])))
    stacked, numbers = html.split('<div class="scroll wide', 2)[1:]
    assert stacked.startswith(' stacked"') and not numbers.startswith(" stacked")
    # Roles restate the table's own (a table set as blocks loses them in some browsers) …
    assert re.search(r'<table role="table" aria-labelledby="(block-\d+)-caption">\s*<caption class="caption" id="\1-caption">',
                     stacked)
    assert '<th scope="col" role="columnheader">What it covers</th>' in stacked
    assert '<th scope="row" role="rowheader">PCA 1978</th>' in stacked
    # … and each cell repeats its column's label for the eye only.
    assert ('<td role="cell"><span class="cell-label" aria-hidden="true">What it covers</span>'
            'Indecent photographs</td>') in stacked
    table = numbers[numbers.index("<table"):numbers.index("</table>")]
    assert "role=" not in table and "cell-label" not in table
    css = render()
    assert "@media (max-width: 40rem) {" in css and ".stacked thead { position: absolute;" in css


def test_a_reference_hangs_its_text_beside_a_number_column_as_wide_as_the_prints():
    html = render()
    assert ('<li class="reference" id="ref-2"><span class="reference-number">[2]</span> '
            '<span class="reference-text">Internet Watch Foundation. What has changed') in html
    assert f"--reference-number: {20 / theme.default().text.body.size:.4g}rem" in html
    assert ".references li { display: grid; grid-template-columns: var(--reference-number) minmax(0, 1fr); }" in html


def test_a_table_of_a_label_and_a_value_sits_in_the_text_column_as_printed():
    from briefgen.writers import html as writer

    two = d.Table("Two", (d.Column("Snapshot"), d.Column("Share", True)), (("Sept 2023", "82%"),), "Twosource")
    three = d.Table("Three", (d.Column("A"), d.Column("B"), d.Column("C")), (("1", "2", "3"),), "Threesource")
    page = writer.render(d.Document(META, (two, three)), theme.default()).data.decode()
    assert '<div class="scroll" role="region" aria-label="Two"' in page
    assert '<p class="source">Source: Twosource</p>' in page  # its source under it, in the column
    assert '<p class="source wide">Source: Threesource</p>' in page
    assert re.search(r'<div class="scroll wide[^"]*" role="region" aria-label="Three"', page)


def test_a_citation_is_a_span_that_never_breaks_glued_to_its_word_only_where_it_ends_the_text():
    para = d.Paragraph((d.Run("Both remained\u00a0[1,\u00a0pp.\u00a016\u201318]. R&D <b> [2]."),))
    html = main_of(render(with_blocks(para)))
    assert ('Both remained <span class="cite">[1,\u00a0pp.\u00a016\u201318]</span>. R&amp;D &lt;b&gt;\u00a0'
            '<span class="cite">[2]</span>.') in html


def test_a_band_cover_is_the_themes_cover_box_without_the_rule():
    html = render(with_meta(cover="band"))
    assert '<div class="cover box-cover">' in html and ".cover.box-cover { border-bottom: 0;" in html
    assert '<div class="cover">' in render()  # plain: the rule under it
