"""The HTML edition: semantic structure, literal text, safe links, self-contained, stable."""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from briefgen import document as d
from briefgen import theme, writers

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


def test_landmarks_skip_link_language_and_title():
    html = render()
    found = Elements(html)
    assert found.tags[0] == ("html", {"lang": "en-GB"})
    assert "<title>AI-generated child sexual abuse material: The evidence and the asks</title>" in html
    assert [tag for tag, _ in found.named("header", "nav", "main", "footer")] == ["header", "main", "nav", "footer"]
    assert found.named("a")[0] == ("a", {"class": "skip", "href": "#main"})
    assert ("main", {"id": "main", "tabindex": "-1"}) in found.tags


def test_one_h1_and_headings_in_order():
    levels = [int(tag[1]) for tag, _ in Elements(render()).named("h1", "h2", "h3", "h4")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:]))


def test_the_marking_in_header_and_footer_and_announced_once_in_main():
    html = render()
    assert html.count('<p class="marking" aria-hidden="true">OFFICIAL-SENSITIVE</p>') == 2
    main = html[html.index("<main"):html.index("</main>")]
    assert main.count("Marking: OFFICIAL-SENSITIVE") == 1
    assert "Marking:" not in render(dataclasses.replace(DOCUMENT, meta=dataclasses.replace(META, marking="")))


def test_figures_tables_and_quotes_carry_their_semantics():
    html = render()
    chart = next(b for b in DOCUMENT.blocks if isinstance(b, d.Chart))
    assert re.search(r'<figure class="chart wide">\s*<figcaption class="caption">Images on one forum</figcaption>\s*'
                     r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)">', html).group(1) == chart.alt
    found = Elements(html)
    assert len(found.named("table")) == len(found.named("caption")) == 2
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


def test_the_same_document_gives_the_same_bytes():
    assert render() == render()
