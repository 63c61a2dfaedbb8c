"""Every shipped HTML edition in headless Chromium: axe-core's WCAG 2.1 A and AA rules find
nothing, and nothing overflows the window at desktop width or at 320 px (400% zoom).

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
WIDTHS = (1280, 320)
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
    browser.evaluate("document.querySelector('figure img').removeAttribute('alt')")
    browser.evaluate(axe)
    found = browser.evaluate("axe.run(document, {runOnly: {type: 'tag', values: %s}})"
                             ".then(r => r.violations.map(v => v.id))" % json.dumps(AXE_TAGS))
    assert "image-alt" in found
