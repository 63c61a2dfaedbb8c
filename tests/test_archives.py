"""The archived source texts in sources/ and their locator sidecars.

Each archive is a source's text with a '# ' header, every verbatim offender comment the content
does not quote replaced by a marker, and a sidecar (<name>.sections.yaml) that ties the content's
locators (sections and pages of the reports, paragraphs of the press release and news item) to
line ranges of the archive.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).parent.parent
SOURCES = REPO / "sources"
OFFENDER = "[offender comment not archived]"
PASSAGE = "[passage not archived]"

# source id (content/sources.yaml) -> archive file
ARCHIVES = {
    "iwf-2023-10": "iwf-2023-10-ai-csam-report.txt",
    "iwf-2024-07": "iwf-2024-07-ai-csam-report-update.txt",
    "iwf-press-2024-07-22": "iwf-2024-07-22-press-release-ai-videos.txt",
    "ukssc-2023-10-30": "ukssc-2023-10-30-news-global-collaboration.txt",
}
# markers counted when the archives were made: (offender comments replaced, passages replaced)
MARKERS = {
    "iwf-2023-10-ai-csam-report.txt": (41, 2),
    "iwf-2024-07-ai-csam-report-update.txt": (14, 2),
    "iwf-2024-07-22-press-release-ai-videos.txt": (1, 1),
    "ukssc-2023-10-30-news-global-collaboration.txt": (0, 0),
}
KEPT_OFFENDER_QUOTES = {
    "offender-tutorials", "offender-software", "offender-safety-features", "offender-waste-resources"}
# Every line of a report archive that is a quotation on its own line is one of these (by its first
# words): organisation and analyst statements, other non-offender sources, and the four offender
# quotes the content uses. A new quoted line means an offender comment crept back in.
QUOTED_LINES = {
    "iwf-2023-10-ai-csam-report.txt": [
        "could cause legal troubles",  # Stability AI's CEO
        "We have a good idea of the common glitches",  # analysts 1-6
        "Currently AI generated images are quite simple",
        "I've been both surprised and disappointed",
        "Some were scarily realistic",
        "It can feel odd to question",
        "Hashing these images were difficult",
        "There were a lot of digitally",
        "There are some very weird concoctions",
        "This paper covers a very restricted definition",  # a research paper
        "I disagree, by signing your work",  # offender-waste-resources
    ],
    "iwf-2024-07-ai-csam-report-update.txt": [
        "We've always set the ability",  # RunwayML
        "I first saw Olivia",  # an IWF analyst, 2018 annual report
        "If there is any alignment training",  # offender-safety-features
        "Just wondering if you have any tutorials",  # offender-tutorials
        "Wanted to know if someone could point me",  # offender-software
    ],
}

yaml = YAML(typ="safe")


def normalise(text: str) -> str:
    """Whitespace, typographic quotes, dashes and ellipses made plain, for comparing wording."""
    text = re.sub("[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u201f\u2033]", '"', text)
    text = re.sub("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]", "-", text)
    text = text.replace("\u2026", "...").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def lines_of(name: str) -> list[str]:
    return (SOURCES / name).read_bytes().decode("utf-8").split("\n")


def header_length(lines: list[str]) -> int:
    return lines.index("")


def body(name: str) -> str:
    lines = lines_of(name)
    return "\n".join(lines[header_length(lines) + 1:])


def sidecar(name: str) -> dict:
    return yaml.load((SOURCES / (name[: -len(".txt")] + ".sections.yaml")).read_text(encoding="utf-8"))


def quotes() -> list[dict]:
    return yaml.load((REPO / "content" / "quotes.yaml").read_text(encoding="utf-8"))["quotes"]


def entries(side: dict):
    for section in side["sections"]:
        yield section
        yield from section.get("subsections", [])


def test_every_source_of_the_content_has_an_archive():
    sources = yaml.load((REPO / "content" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    assert {s["id"] for s in sources} == set(ARCHIVES)


@pytest.mark.parametrize("name", ARCHIVES.values())
def test_archive_is_utf8_with_a_header(name):
    lines = lines_of(name)  # decoding raises if a file is not UTF-8
    n = header_length(lines)
    assert n >= 5
    assert all(line.startswith("# ") for line in lines[:n])
    header = "\n".join(lines[:n])
    assert "Archived: 2026-12-01" in header
    assert "URL: http" in header
    assert OFFENDER in header  # the header says what the marker replaced


@pytest.mark.parametrize("name", ARCHIVES.values())
def test_marker_counts(name):
    text = body(name)
    assert (text.count(OFFENDER), text.count(PASSAGE)) == MARKERS[name]
    header = "\n".join(lines_of(name)[: header_length(lines_of(name))])
    offenders, passages = MARKERS[name]
    if offenders:
        assert f"{offenders} replaced" in header
    if passages:
        assert f"{passages} replaced" in header


def test_the_four_offender_quotes_the_content_uses_are_kept_verbatim():
    offender = [q for q in quotes() if q["kind"] == "offender"]
    assert {q["id"] for q in offender} == KEPT_OFFENDER_QUOTES
    for q in offender:
        assert normalise(q["text"]) in normalise(body(ARCHIVES[q["source"]])), q["id"]


@pytest.mark.parametrize("name", list(QUOTED_LINES))
def test_no_other_quoted_line_is_left_in_the_reports(name):
    allowed = [normalise(p) for p in QUOTED_LINES[name]]
    found = set()
    for line in body(name).split("\n"):
        plain = normalise(line)
        if plain.startswith('"'):
            match = [p for p in allowed if plain[1:].startswith(p)]
            assert match, f"quoted line not on the allowlist: {line[:60]!r}"
            found.update(match)
    assert found == set(allowed)


@pytest.mark.parametrize("kind", ["organisation", "analyst"])
def test_organisation_and_analyst_quotes_are_in_their_source_archive(kind):
    missing = [q["id"] for q in quotes()
               if q["kind"] == kind and normalise(q["text"]) not in normalise(body(ARCHIVES[q["source"]]))]
    assert not missing


@pytest.mark.parametrize("name", [ARCHIVES["iwf-2023-10"], ARCHIVES["iwf-2024-07"]])
def test_report_sidecar_headings_point_at_their_lines(name):
    lines = lines_of(name)
    side = sidecar(name)
    assert side["archive"] == name and side["header_lines"] == header_length(lines) + 1
    previous = 0
    for entry in entries(side):
        assert lines[entry["line"] - 1] == entry["heading"], entry["title"]
        plain = lambda s: re.sub(r"[.?:]+$", "", s.replace("**", "")).strip().lower()
        if plain(entry["heading"]) != plain(entry["title"]):
            assert entry.get("note"), f"heading differs from the ToC without a note: {entry['title']}"
        assert previous < entry["line"] <= entry["end_line"] <= len(lines)
        previous = entry["line"]
        for other in entry.get("other_headings", []):
            assert lines[other["line"] - 1] == other["heading"]
            assert entry["line"] < other["line"] <= entry["end_line"]
        assert entry["next_page"] is None or entry["next_page"] >= entry["page"]


@pytest.mark.parametrize("name", [ARCHIVES["iwf-2023-10"], ARCHIVES["iwf-2024-07"]])
def test_report_sidecar_matches_the_table_of_contents(name):
    """Every ToC line of the archive appears in the sidecar, with its number and start page."""
    lines = lines_of(name)
    start = next(i for i, line in enumerate(lines) if line.startswith("INTERACTIVE REPORT")) + 1
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
    toc = []
    for line in lines[start + 1:end]:
        cells = line.split("\t")
        toc.append((cells[0].strip() or None, re.sub(r"\.{3,}$", "", cells[1]).strip(), int(cells[2])))
    assert toc == [(e["number"], e["title"], e["page"]) for e in entries(sidecar(name))]


@pytest.mark.parametrize("source", ["iwf-press-2024-07-22", "ukssc-2023-10-30"])
def test_paragraph_sidecars_point_at_their_paragraphs(source):
    name = ARCHIVES[source]
    lines = lines_of(name)
    side = sidecar(name)
    assert side["header_lines"] == header_length(lines) + 1
    previous = 0
    for n, para in enumerate(side["paragraphs"], 1):
        first, last = para["lines"]
        assert para["number"] == n and previous < first <= last
        assert lines[first - 1].startswith(para["starts"])
        assert all(lines[i - 1].strip() for i in (first, last))
        assert not lines[first - 2].strip() and not lines[last].strip()  # blank on either side
        previous = last


def locate(q: dict, name: str) -> int:
    """The archive line on which a quote starts (its first eight words)."""
    start = normalise(" ".join(q["text"].split()[:8]))
    hits = [i for i, line in enumerate(lines_of(name), 1) if start in normalise(line)]
    assert len(hits) == 1, q["id"]
    return hits[0]


def test_quote_locators_resolve_to_the_quote():
    """A quote's locator (paragraph N; Section N (title), pp. a-b; Foreword, p. a) names the place it is."""
    for q in quotes():
        name = ARCHIVES[q["source"]]
        line = locate(q, name)
        side = sidecar(name)
        if m := re.fullmatch(r"paragraph (\d+)", q["locator"]):
            para = side["paragraphs"][int(m[1]) - 1]
            assert para["lines"][0] <= line <= para["lines"][1], q["id"]
            continue
        m = re.fullmatch(r"(?:Section (\d+) \((.+)\)|(Foreword)), pp?\. (\d+)(?:-(\d+))?", q["locator"])
        assert m, q["locator"]
        number, title, foreword, first, last = m.groups()
        first, last = int(first), int(last or first)
        section = next(s for s in side["sections"]
                       if (foreword and s["title"] == "Foreword") or s["number"] == number)
        assert foreword or section["title"] == title, q["id"]
        assert section["line"] <= line <= section["end_line"], q["id"]
        # the innermost ToC entry holding the quote spans pages that overlap the locator's
        inner = [e for e in [section, *section.get("subsections", [])] if e["line"] <= line <= e["end_line"]][-1]
        assert inner["page"] <= last and first <= (inner["next_page"] or inner["page"]), q["id"]


SHARED = Path(os.environ.get("BRIEFGEN_SHARED_SOURCES", REPO.parent / "shared" / "sources"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the original source texts are not on this machine")
@pytest.mark.parametrize("name", ARCHIVES.values())
def test_archive_is_the_source_byte_for_byte_but_for_the_markers(name):
    original = (SHARED / name).read_bytes().decode("utf-8").split("\n")
    archived = body(name).split("\n")
    assert len(archived) == len(original)
    for mine, theirs in zip(archived, original):
        if mine == theirs:
            continue
        marker = OFFENDER if OFFENDER in mine else PASSAGE
        assert mine.count(marker) == 1, mine
        before, after = mine.split(marker)
        assert theirs.startswith(before) and theirs.endswith(after) and len(theirs) > len(before + after)
