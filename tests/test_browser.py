"""Every shipped HTML edition in headless Chromium: axe-core's WCAG 2.1 A and AA rules find
nothing, and nothing overflows the window at desktop width, on a phone (390 px) or at 320 px
(400% zoom); the first screen holds the briefing, not its contents list; headings, labels,
tables and charts are set as the print sets them, and the chart's text stays readable.

Locally the test skips when Chromium, axe-core (npm) or websocket-client is missing; in CI
($CI set) a missing tool is a failure, since .ci/run installs them all.
"""
from __future__ import annotations

import json
import os

import pytest

from briefgen.build import build

from browser import Browser, axe_source, chromium
from conftest import REPO, copy_shipped

AUDIENCES = ("industry", "parliament", "police-training")
WIDTHS = (1280, 390, 320)
PHONE = (390, 844)  # CSS pixels of a common phone's screen
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The longest line of body text, in characters: each paragraph's words, grouped by the top
# of the line their first rectangle sits on (a word split by emphasis counts as two).
LONGEST_LINE = """(() => {
  let longest = 0;
  for (const p of document.querySelectorAll("main p.body, main p.lead, main ul.body li, main p.box-text, main .box-text li")) {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        const line = lines.get(top) || {letters: 0, words: 0};
        lines.set(top, {letters: line.letters + match[0].length, words: line.words + 1});
      }
    }
    // A line's characters: its words, and one space between each two of them.
    for (const line of lines.values()) longest = Math.max(longest, line.letters + line.words - 1);
  }
  return longest;
})()"""


def needed(what: str, found) -> None:
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing; .ci/run installs it")
        pytest.skip(f"{what} is not installed (CI installs it: see .ci/run)")


@pytest.fixture(scope="module")
def browser():
    needed("Debian's chromium", chromium())
    try:
        import websocket  # noqa: F401  (needed by the browser driver)
    except ImportError:
        needed("websocket-client (pip)", None)
    page = Browser(chromium())
    yield page
    page.close()


@pytest.fixture(scope="module")
def axe():
    source = axe_source(REPO)
    needed("axe-core (npm install axe-core)", source)
    return source


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Return the HTML edition of every shipped briefing, built once."""
    root = tmp_path_factory.mktemp("shipped")
    copy_shipped(root)
    build(root, root / "output", formats=("html",), force=True)
    return {a: root / "output" / a / f"{a}.html" for a in AUDIENCES}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_axe_finds_no_wcag_21_aa_violation(browser, axe, editions, audience, width):
    browser.open(editions[audience].as_uri(), width)
    browser.evaluate(axe)
    found = browser.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))" % json.dumps(AXE_TAGS))
    assert found == [], json.dumps(found, indent=1)
    assert browser.evaluate("typeof axe.version") == "string"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_overflows_the_window(browser, editions, audience, width):
    browser.open(editions[audience].as_uri(), width)
    scroll, inner = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"the page is {scroll} px wide in a window of {inner} px"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_readable_type_and_measure(browser, editions, audience):
    browser.open(editions[audience].as_uri(), 1280)
    size = browser.evaluate("parseFloat(getComputedStyle(document.querySelector('main p.body')).fontSize)")
    assert size >= 16
    assert browser.evaluate("getComputedStyle(document.querySelector('main p.body')).textAlign") in ("left", "start")
    assert browser.evaluate(LONGEST_LINE) < 75


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_page_makes_no_request(browser, editions, audience):
    browser.open(editions[audience].as_uri(), 1280)
    resources = browser.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in resources if not r.startswith("data:")] == []


def test_axe_sees_a_picture_without_alt_text(browser, axe, editions):
    """The test above can fail: a chart whose alt text is removed is a violation."""
    browser.open(editions["parliament"].as_uri(), 1280)
    browser.evaluate("document.querySelector('figure svg.as-printed').removeAttribute('aria-label')")
    browser.evaluate(axe)
    found = browser.evaluate("axe.run(document, {runOnly: {type: 'tag', values: %s}})"
                             ".then(r => r.violations.map(v => v.id))" % json.dumps(AXE_TAGS))
    assert "svg-img-alt" in found


def top_of(browser, selector: str):
    """Return the top of the first element matching `selector`, in page pixels, or None."""
    return browser.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                            " return e ? e.getBoundingClientRect().top + scrollY : null; })()")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_first_screen_on_a_phone_holds_the_briefing_not_its_contents(browser, editions, audience):
    browser.open(editions[audience].as_uri(), *PHONE)
    contents = top_of(browser, "nav.contents")
    assert contents is None or contents > PHONE[1], f"the contents list starts at {contents} px"
    # Below the cover, the briefing itself starts on the first screen.
    first = top_of(browser, "main > :not(.cover):not(nav)")
    assert first < PHONE[1] - 100, f"the first block after the cover starts at {first} px"


@pytest.mark.parametrize("audience", ["industry", "parliament"])
def test_the_key_points_start_on_the_first_screen_at_desktop_width(browser, editions, audience):
    browser.open(editions[audience].as_uri(), 1280, 900)
    assert top_of(browser, ".box-key-points") < 900 - 150


HEADING_GAPS = r"""[...document.querySelectorAll('main h2, main h3')].filter(h => h.querySelector('.number')).map(h => {
  const number = h.querySelector('.number').getBoundingClientRect();
  const after = h.querySelector('.number').nextSibling;  // the heading's text: " About this handout"
  const start = after.data.search(/\S/);
  const range = document.createRange();
  range.setStart(after, start);
  range.setEnd(after, start + 1);
  return {heading: h.textContent, level: h.tagName, gap: range.getBoundingClientRect().left - number.right,
          size: parseFloat(getComputedStyle(h).fontSize)};
})"""


@pytest.mark.parametrize("width", (1280, 390))
def test_a_heading_number_is_a_space_from_its_text_or_hung_in_the_side_column(browser, editions, width):
    browser.open(editions["police-training"].as_uri(), width)
    headings = browser.evaluate(HEADING_GAPS)
    assert headings
    for h in headings:
        if h["level"] == "H3" and width == 1280:  # hung in the side column, as the print hangs it
            assert h["gap"] > 50, h
        else:
            assert 0 < h["gap"] < 0.5 * h["size"], h


PHONE_READING = """(() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const one = e => e.getClientRects().length === 1;
  return {citations: document.querySelectorAll('.cite').length,
          broken: [...document.querySelectorAll('.cite')].filter(c => !one(c)).map(c => c.textContent),
          title: size(document.querySelector('h1.title')),
          sections: Math.max(...[...document.querySelectorAll('main > h2')].map(size)),
          footer: [...document.querySelectorAll('.colophon .footer > span')].slice(1).filter(s => !one(s)).length};
})()"""


@pytest.mark.parametrize("audience", AUDIENCES)
def test_on_a_phone_citations_stay_whole_the_title_outranks_headings_and_the_footer_wraps_between_parts(
        browser, editions, audience):
    # A citation glued to its word carried the word down to a short line on a phone ("these /
    # guides. [1, p. 4]"); on screen the line may break before it, never inside it. The section
    # headings had the title's size; the footer's second line began with "·".
    browser.open(editions[audience].as_uri(), PHONE[0])
    found = browser.evaluate(PHONE_READING)
    assert found["citations"] > 10 and found["broken"] == [], found
    assert found["title"] >= 1.3 * found["sections"], found
    assert found["footer"] == 0, found


@pytest.mark.parametrize("audience", AUDIENCES)
def test_section_headings_take_the_width_of_the_page(browser, editions, audience):
    browser.open(editions[audience].as_uri(), 1280)
    widths = browser.evaluate("[...document.querySelectorAll('main > h2')].map(h => h.getBoundingClientRect().width)")
    page = browser.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert widths and min(widths) == page


def test_a_section_heading_that_fits_the_page_stays_on_one_line(browser, editions):
    browser.open(editions["industry"].as_uri(), 1280)
    lines = browser.evaluate("[...document.querySelectorAll('main > h2')].filter(h => h.textContent.startsWith('Develop'))"
                             ".map(h => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)))")
    assert lines == [1]


def test_the_kicker_keeps_the_authored_case_of_mps(browser, editions):
    browser.open(editions["parliament"].as_uri(), 1280)
    shown = browser.evaluate("document.querySelector('.kicker').innerText")  # as CSS shows it
    assert "MPs" in shown and "MPS" not in shown


@pytest.mark.parametrize("audience", AUDIENCES)
def test_row_labels_of_data_tables_are_set_as_cells(browser, editions, audience):
    browser.open(editions[audience].as_uri(), 1280)
    weights = browser.evaluate("[...document.querySelectorAll('table:not(.control) tbody th')]"
                               ".map(th => getComputedStyle(th).fontWeight)")
    assert set(weights) <= {"400"}


CHART_TEXT = """[...document.querySelectorAll('figure svg')].filter(s => s.getBoundingClientRect().width > 0).map(s => {
  const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
  return {kind: s.getAttribute('class'), smallest: scale * parseFloat(s.getAttribute('font-size'))};
})"""


@pytest.mark.parametrize("width, kind, smallest", [(1280, "drawing as-printed", 12), (390, "drawing for-phone", 12)])
def test_one_drawing_of_each_chart_shows_and_its_text_is_readable(browser, editions, width, kind, smallest):
    browser.open(editions["parliament"].as_uri(), width)
    shown = browser.evaluate(CHART_TEXT)
    assert [s["kind"] for s in shown] == [kind]
    assert shown[0]["smallest"] >= smallest


CELLS = """[...document.querySelectorAll('.stacked tbody tr')].map(tr => {
  const row = tr.getBoundingClientRect();
  return [...tr.children].map(c => ({width: c.getBoundingClientRect().width / row.width,
                                      display: getComputedStyle(c).display}));
})"""


@pytest.mark.parametrize("width, cards", [(1280, False), (390, True), (320, True)])
def test_the_law_table_is_a_card_per_row_on_a_phone_and_a_table_on_a_desktop(browser, editions, width, cards):
    browser.open(editions["police-training"].as_uri(), width)
    rows = browser.evaluate(CELLS)
    assert len(rows) >= 4
    for cells in rows:
        if cards:  # every cell the card's width, under its column's label
            assert all(c["width"] > 0.95 and c["display"] == "block" for c in cells), cells
        else:
            assert all(c["width"] < 0.5 and c["display"] == "table-cell" for c in cells), cells
    labels = browser.evaluate("[...document.querySelectorAll('.stacked .cell-label')].map(s => s.getBoundingClientRect().height)")
    assert labels and all((h > 0) == cards for h in labels)
    # A screen reader still meets a table: rows, column headers and cells.
    roles = browser.evaluate("(() => { const t = document.querySelector('.stacked table');"
                             " return [t.getAttribute('role'), t.querySelectorAll('[role=columnheader]').length,"
                             " t.querySelectorAll('[role=cell]').length]; })()")
    assert roles[0] == "table" and roles[1] == 3 and roles[2] == 2 * len(rows)


FIRST_LINES = """[...document.querySelectorAll('.glossary div')].map(row => {
  const top = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects()[0].top; };
  return top(row.querySelector('dd')) - top(row.querySelector('dt'));
})"""


def test_a_definitions_term_sits_level_with_its_first_line(browser, editions):
    browser.open(editions["police-training"].as_uri(), 1280)
    offsets = browser.evaluate(FIRST_LINES)
    assert offsets and all(abs(o) < 1 for o in offsets), offsets


STAT_ROWS = """[...document.querySelectorAll('.stats li')].map(li => ({
  label: li.querySelector('.stat-label').getBoundingClientRect().height,
  source: Math.round(li.querySelector('.source').getBoundingClientRect().top)}))"""


def test_stat_callouts_sources_line_up_however_many_lines_a_label_takes(browser, tmp_path):
    from briefgen import document as d
    from briefgen import theme
    from briefgen.writers import html
    from writers.sample import META

    stats = d.Stats((d.Stat("70%", "of the 1,290 images whose metadata named a Checkpoint model used one that "
                                   "anyone could download from a model-sharing site", "IWF, July 2024"),
                     d.Stat("86%", "carried no useful metadata", "IWF, July 2024")))
    page = tmp_path / "stats.html"
    above = d.Paragraph((d.Run("The paragraph above."),))
    page.write_bytes(html.render(d.Document(META, (above, stats)), theme.default()).data)
    browser.open(page.as_uri(), 1280)
    stats = browser.evaluate(STAT_ROWS)
    assert len(stats) == 2 and stats[0]["label"] > stats[1]["label"]  # two lines beside one
    assert stats[0]["source"] == stats[1]["source"]
    # the stat box's space before, as printed, between the paragraph and the callouts' rules
    gap = browser.evaluate("document.querySelector('ul.stats').getBoundingClientRect().top - "
                           "document.querySelector('ul.stats').previousElementSibling.getBoundingClientRect().bottom")
    size = browser.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    space = theme.default().box.stat.before
    assert space * size / theme.default().text.body.size - 1 <= gap, gap


REFERENCE_LINES = """[...document.querySelectorAll('.references li')].map(li => {
  const text = li.querySelector('.reference-text');
  const r = document.createRange(); r.selectNodeContents(text);
  const lefts = [...r.getClientRects()].map(x => Math.round(x.left));
  return {number: li.querySelector('.reference-number').getBoundingClientRect().left - li.getBoundingClientRect().left,
          lefts: [...new Set(lefts)], indent: text.getBoundingClientRect().left - li.getBoundingClientRect().left,
          size: parseFloat(getComputedStyle(document.documentElement).fontSize)};
})"""


@pytest.mark.parametrize("width", (1280, 390))
def test_a_reference_hangs_its_lines_beside_its_number(browser, editions, width):
    browser.open(editions["police-training"].as_uri(), width)
    for reference in browser.evaluate(REFERENCE_LINES):
        assert reference["number"] == 0
        assert len(reference["lefts"]) == 1, reference  # every line of the text starts where the first does
        assert abs(reference["indent"] - 20 / 10.5 * reference["size"]) < 1  # the print's 20 pt at body size 10.5


def test_the_trainers_answers_are_closed_until_opened_and_open_pass_axe(browser, axe, editions):
    browser.open(editions["police-training"].as_uri(), 1280)
    shown = "document.querySelector('details.trainer-copy ol.answers').checkVisibility()"
    assert browser.evaluate(shown) is False
    assert browser.evaluate("document.querySelector('details.trainer-copy summary').innerText").lower().count("trainer copy") == 1
    browser.evaluate("document.querySelector('details.trainer-copy').open = true")
    assert browser.evaluate(shown) is True
    browser.evaluate(axe)
    found = browser.evaluate("axe.run(document, {runOnly: {type: 'tag', values: %s}})"
                             ".then(r => r.violations.map(v => v.id))" % json.dumps(AXE_TAGS))
    assert found == []


COVER_STYLE = """(() => {
  const style = (selector) => { const e = document.querySelector(selector); if (!e) return null;
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {weight: s.fontWeight, colour: s.color, size: parseFloat(s.fontSize), width: r.width,
            borders: ['Top', 'Right', 'Bottom', 'Left'].map(side => s['border' + side + 'Style'] + ' ' + s['border' + side + 'Color']),
            text: e.textContent}; };
  return {box: style('.cover .box-handling'), handling: style('.cover .box-handling > .handling'),
          occasion: style('.cover .occasion'), meta: style('.cover .meta'),
          column: document.querySelector('main p.body').getBoundingClientRect().width};
})()"""


def test_the_covers_handling_statement_is_bold_in_a_ruled_box_and_the_occasion_bold_in_the_accent(browser, editions):
    browser.open(editions["police-training"].as_uri(), 1280)
    police = browser.evaluate(COVER_STYLE)
    assert police["handling"]["text"].startswith("For police training use only.")
    assert police["handling"]["weight"] == "700"
    assert police["box"]["borders"] == ["solid rgb(11, 92, 122)"] * 4  # the theme's accent, all round
    assert police["box"]["width"] <= police["column"] + 1  # no wider than the text column, as printed
    browser.open(editions["parliament"].as_uri(), 1280)
    parliament = browser.evaluate(COVER_STYLE)
    assert parliament["box"] is None
    occasion = parliament["occasion"]
    assert occasion["text"].startswith("For the [example] Westminster Hall debate")
    assert occasion["weight"] == "700" and occasion["colour"] == "rgb(11, 92, 122)"  # the accent
    assert occasion["size"] > parliament["meta"]["size"]


def test_a_tables_source_note_stands_a_tables_space_above_what_follows(browser, tmp_path):
    # The police handout's forum table: its note ran straight into the next paragraph.
    from briefgen import document as d
    from briefgen import theme
    from briefgen.writers import html
    from writers.sample import META

    table = d.Table("Counts", (d.Column("Law"), d.Column("Covers"), d.Column("Count", True)),
                    (("A law", "What it covers", "1"),), "IWF, July 2024")
    after = d.Paragraph((d.Run("After the table."),))
    page = tmp_path / "table.html"
    page.write_bytes(html.render(d.Document(META, (table, after)), theme.default()).data)
    browser.open(page.as_uri(), 1280)
    gap, rem = browser.evaluate(
        "(() => { const s = document.querySelector('.scroll + .source').getBoundingClientRect();"
        " const p = document.querySelector('.scroll + .source + p').getBoundingClientRect();"
        " return [p.top - s.bottom, parseFloat(getComputedStyle(document.documentElement).fontSize)]; })()")
    shipped = theme.default()
    assert gap >= (shipped.box.table_row.after + 8) / shipped.text.body.size * rem - 1, gap
