"""The leak audit: restricted items reach only cleared audiences, and a leak anywhere is caught."""
from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

from briefgen import audit, extract
from briefgen import document as d
from briefgen.build import build
from briefgen.load import load
from briefgen.errors import LeakError
from briefgen.writers import SUFFIXES

from clients import docx_text, pdftotext

# A restricted item of every kind, with a marker word in every text field it has.
PLANTED = {
    "content/findings.yaml": """
  - id: planted-finding
    headline: Qxfindhead is the headline of a restricted planted finding
    body: Qxfindbody is the body of a restricted planted finding, with *emphasis* inside it.
    figures:
      - {value: "4,321", label: Qxfiglabel counted by the restricted planted finding}
    source: src-a
    locator: p. 11
    as_of: 2024-05
    priority: 1
    sensitivity: restricted
""",
    "content/quotes.yaml": """
  - id: planted-quote
    text: >-
      Qxquotetext is what the restricted planted quote says,
      [see](https://leak.example/qxlinkpath/restricted-planted-page)
    speaker: Qxspeaker Restricted Speaker
    role: Qxrole Restricted Role
    organisation: Qxorganisation Restricted Organisation
    date: 2024-04
    source: src-a
    locator: p. 12
    kind: organisation
    sensitivity: restricted
""",
    "content/recommendations.yaml": """
  - id: planted-recommendation
    addressee: government
    title: Qxrectitle restricted planted recommendation title
    text: Qxrectext is what the restricted planted recommendation asks for.
    issued: 2024-01
    source: src-a
    locator: p. 13
    sensitivity: restricted
    progress:
      - date: 2024-06
        status: partial
        text: Qxprogress is the progress of the restricted planted recommendation.
        source: src-a
        locator: p. 14
""",
    "content/datasets.yaml": """
  - id: planted-dataset
    title: Qxdstitle the title of the restricted planted dataset
    columns:
      - {id: label, label: Qxcolumnlabel restricted planted column, type: text}
      - {id: n, label: Qxnumberlabel restricted planted numbers, type: integer}
    rows:
      - [Qxcelltext restricted planted row label, 77]
    source: src-a
    locator: p. 15
    as_of: 2024-04
    notes: Qxdsnotes are the notes of the restricted planted dataset.
    sensitivity: restricted
    chart: {type: bar, category: label, values: [n], alt: Qxchartalt describes the chart of the restricted planted dataset.}
""",
    "content/glossary.yaml": """
  - id: planted-term
    term: Qxglossterm restricted planted term
    definition: Qxdefinition is the definition of the restricted planted term.
    sensitivity: restricted
""",
}
CLEARED_SECTIONS = """\
  - {kind: stats, heading: Stats, ids: [planted-finding]}
  - {kind: findings, heading: Findings}
  - {kind: datasets, heading: Figures}
  - {kind: glossary, heading: Glossary}
  - {kind: references, heading: References}"""
MARKERS = {"Qxfindhead", "Qxfindbody", "Qxfiglabel", "Qxquotetext", "Qxspeaker", "Qxrole",
           "Qxorganisation", "Qxrectitle", "Qxrectext", "Qxprogress", "Qxdstitle", "Qxcolumnlabel",
           "Qxnumberlabel", "Qxcelltext", "Qxdsnotes", "Qxchartalt", "Qxglossterm", "Qxdefinition"}
NOT_IN_PDF = {"Qxchartalt"}  # reportlab cannot tag a picture with alt text; the DOCX carries it
RESTRICTED_QUOTE = "Qxquotetext is what the restricted planted quote says"


def planted(project):
    p = project()
    for name, items in PLANTED.items():
        path = p.root / name
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + items.lstrip("\n"), "utf-8")
    p.edit("templates/audiences/cleared.yaml", "  - {kind: references, heading: References}", CLEARED_SECTIONS)
    return p


def markers_in(text: str) -> set[str]:
    return set(re.findall(r"Qx[a-z]+", text))


def everything_in(path) -> str:
    """Return all text of an output, read by tools other than the audit as far as possible."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return pdftotext(path) + extract.extract_pdf(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        raw = "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist()
                        if n.endswith((".xml", ".rels")))
    return docx_text(data) + raw


def test_restricted_items_reach_only_the_cleared_audience(project, tmp_path):
    p = planted(project)
    out = tmp_path / "out"
    build(p.root, out, force=True, jobs=1)
    assert markers_in(everything_in(out / "cleared/cleared.docx")) == MARKERS
    assert markers_in(everything_in(out / "cleared/cleared.pdf")) == MARKERS - NOT_IN_PDF
    assert "https://leak.example/qxlinkpath/restricted-planted-page" in everything_in(out / "cleared/cleared.pdf")
    for name in ("public/public.docx", "public/public.pdf"):
        text = everything_in(out / name)
        assert markers_in(text) == set() and "qxlinkpath" not in text, name
    assert audit.audit_folder(load(p.root), out) == []


def test_forbidden_texts_cover_every_field_kind_and_only_items_above_the_ceiling(project):
    loaded = load(planted(project).root)
    forbidden = dict(audit.forbidden_texts(loaded.content, loaded.audiences["public"]))
    assert sorted(forbidden) == [
        "dataset 'planted-dataset' (restricted)", "finding 'planted-finding' (restricted)",
        "quote 'offender-quote' (restricted)", "quote 'planted-quote' (restricted)",
        "recommendation 'planted-recommendation' (restricted)", "term 'planted-term' (restricted)"]
    found = " | ".join(s for strings in forbidden.values() for s in strings)
    assert {m.lower() for m in MARKERS} <= set(found.split())
    assert "https leak example qxlinkpath restricted planted" in found
    assert audit.forbidden_texts(loaded.content, loaded.audiences["cleared"]) == []


def test_text_the_audience_may_see_anyway_is_not_distinctive(project):
    p = project()
    p.edit("content/quotes.yaml", "RESTRICTED-QUOTE-MARKER asks for a tutorial",
           "A body with emphasis, R&D and <b>tags</b> kept literal. Then the secret part of it")
    loaded = load(p.root)
    [(label, strings)] = audit.forbidden_texts(loaded.content, loaded.audiences["public"])
    # The quote's first twelve words are a public finding's body: only runs reaching past it count.
    assert label == "quote 'offender-quote' (restricted)"
    assert strings == {"b tags b kept literal then", "tags b kept literal then the", "b kept literal then the secret",
                       "kept literal then the secret part", "literal then the secret part of",
                       "then the secret part of it"}


def leaky(monkeypatch, fmt: str, change):
    """Make the `fmt` writer render a changed document: a writer bug that leaks."""
    from briefgen import writers

    module = writers.get(fmt)
    original = module.render
    monkeypatch.setattr(module, "render", lambda document, theme: original(change(document), theme))


def meta(**changes):
    return lambda document: dataclasses.replace(document, meta=dataclasses.replace(document.meta, **changes))


def chart_alt(text: str):
    def change(document):
        blocks = tuple(dataclasses.replace(b, alt=text) if isinstance(b, d.Chart) else b for b in document.blocks)
        return dataclasses.replace(document, blocks=blocks)
    return change


def link(url: str):
    def change(document):
        first = d.Paragraph((d.Run("Read more", link=url),))
        return dataclasses.replace(document, blocks=(first, *document.blocks))
    return change


def paragraph(text: str):
    def change(document):
        return dataclasses.replace(document, blocks=(d.Paragraph((d.Run(text),)), *document.blocks))
    return change


LEAKS = [
    # the page text as the layout preflight read it, which the build's audit reuses
    ("pdf", paragraph(RESTRICTED_QUOTE), r"quote 'planted-quote' \(restricted\) in page 1$"),
    ("pdf", meta(subject=RESTRICTED_QUOTE), r"quote 'planted-quote' \(restricted\) in metadata /Subject$"),
    ("pdf", link("https://leak.example/qxlinkpath/restricted-planted-page"),
     r"quote 'planted-quote' \(restricted\) in annotation /URI$"),
    ("docx", meta(subject=RESTRICTED_QUOTE), r"quote 'planted-quote' \(restricted\) in docProps/core.xml$"),
    ("docx", chart_alt("Qxchartalt describes the chart of the restricted planted dataset."),
     r"dataset 'planted-dataset' \(restricted\) in word/document.xml$"),
    ("docx", meta(running_title=RESTRICTED_QUOTE),
     r"quote 'planted-quote' \(restricted\) in word/(header|footer)\d*.xml$"),
    ("docx", link("https://leak.example/qxlinkpath/restricted-planted-page"),
     r"quote 'planted-quote' \(restricted\) in word/_rels/document.xml.rels$"),
    ("html", chart_alt("Qxchartalt describes the chart of the restricted planted dataset."),
     r"dataset 'planted-dataset' \(restricted\) in HTML attribute aria-label$"),  # the chart's SVG is named by it
    ("html", meta(title=RESTRICTED_QUOTE), r"quote 'planted-quote' \(restricted\) in .*HTML title"),
    ("html", link("https://leak.example/qxlinkpath/restricted-planted-page"),
     r"quote 'planted-quote' \(restricted\) in HTML attribute href$"),
    ("pdf-ua", chart_alt("Qxchartalt describes the chart of the restricted planted dataset."),
     r"dataset 'planted-dataset' \(restricted\) in structure tree /Alt$"),
    ("pdf-ua", meta(subject=RESTRICTED_QUOTE), r"quote 'planted-quote' \(restricted\) in .*XMP metadata"),
]


@pytest.mark.parametrize("fmt, change, expected", LEAKS)
def test_a_writer_that_leaks_is_caught_and_its_file_not_written(project, tmp_path, monkeypatch, fmt, change, expected):
    p = planted(project)
    leaky(monkeypatch, fmt, change)
    out = tmp_path / "out"
    with pytest.raises(LeakError) as caught:
        build(p.root, out, ("public",), (fmt,), force=True, jobs=1)
    assert re.search(expected, str(caught.value)), str(caught.value)
    assert "Qxquotetext" not in str(caught.value)  # the message never repeats restricted text
    assert not (out / "public" / f"public{SUFFIXES[fmt]}").exists()


def test_the_audit_of_a_folder_names_the_file_the_item_and_where(project, tmp_path):
    p = planted(project)
    out = tmp_path / "out"
    build(p.root, out, force=True, jobs=1)
    (out / "public" / "public.pdf").write_bytes((out / "cleared" / "cleared.pdf").read_bytes())
    problems = [str(x) for x in audit.audit_folder(load(p.root), out)]
    pattern = (re.escape(f"{out}/public/public.pdf:1: holds text of ") + r"(.+ \(restricted\)) in page \d.*"
               + re.escape(", above the 'public' audience's ceiling (public)"))
    assert sorted(re.fullmatch(pattern, x).group(1) for x in problems) == [
        "dataset 'planted-dataset' (restricted)", "finding 'planted-finding' (restricted)",
        "quote 'offender-quote' (restricted)", "quote 'planted-quote' (restricted)",
        "recommendation 'planted-recommendation' (restricted)", "term 'planted-term' (restricted)"]


def test_a_file_the_audit_cannot_read_fails_closed(project):
    loaded = load(project().root)
    forbidden = audit.forbidden_texts(loaded.content, loaded.audiences["public"])
    assert audit.audit_bytes(b"%PDF-1.4 truncated", "pdf", forbidden)[0].startswith(
        "the file cannot be read for the audit")
    assert audit.audit_bytes(b"not a zip", ".docx", forbidden)[0].startswith("the file cannot be read for the audit")


def test_a_folder_that_is_not_an_audience_is_reported(project, tmp_path):
    (tmp_path / "out" / "nobody").mkdir(parents=True)
    problems = audit.audit_folder(load(project().root), tmp_path / "out")
    assert [(x.severity, x.message) for x in problems] == [
        ("warning", "not an audience of this project; its files were not audited")]


@pytest.mark.parametrize("written", [
    "RESTRICTED-QUOTE-MARKER asks for a tutorial",
    "restricted\u2010quote\u2010marker ASKS for a tu\u00adtorial",  # hyphens, case, soft hyphen
    "\uff32\uff25\uff33\uff34\uff32\uff29\uff23\uff34\uff25\uff24-QUOTE-MARKER asks\n for  a tutorial",  # NFKC
    "“RESTRICTED-QUOTE-MARKER” asks for a tutorial",
])
def test_matching_survives_typography_runs_and_line_breaks(project, written):
    import docx

    loaded = load(project().root)
    forbidden = audit.forbidden_texts(loaded.content, loaded.audiences["public"])
    word = docx.Document()
    paragraph = word.add_paragraph()
    half = len(written) // 2
    paragraph.add_run(written[:half]).bold = True  # split into two runs mid-word
    paragraph.add_run(written[half:])
    data = io.BytesIO()
    word.save(data)
    assert audit.audit_bytes(data.getvalue(), "docx", forbidden) == [
        "quote 'offender-quote' (restricted) in word/document.xml"]


def test_shipped_audiences_pass_the_audit(shipped, tmp_path):
    out = tmp_path / "out"
    build(shipped.root, out, force=True)
    loaded = load(shipped.root)
    assert audit.audit_folder(loaded, out) == []
    restricted = [label for a in loaded.audiences.values() for label, _ in audit.forbidden_texts(loaded.content, a)]
    assert restricted, "the shipped content has restricted items for some audience to be audited against"


def test_run_summarises_a_clean_folder_and_raises_on_a_leak(project, tmp_path):
    p = planted(project)
    out = tmp_path / "out"
    build(p.root, out, force=True, jobs=1)
    assert audit.run(p.root, out) == "Audited 8 files for 2 audiences: nothing above any audience's ceiling."
    (out / "public" / "public.docx").write_bytes((out / "cleared" / "cleared.docx").read_bytes())
    with pytest.raises(LeakError) as caught:
        audit.run(p.root, out)
    assert caught.value.exit_code == 3
    message = str(caught.value)
    assert message.startswith("1 file holds material above its audience's ceiling:\n  "
                              f"{out}/public/public.docx:1: holds text of ")
    assert message.count("\n") == 6 and "Qx" not in message


def test_briefgen_audit_command(project, tmp_path):
    from click.testing import CliRunner

    from briefgen.cli import main

    p = project()
    out = tmp_path / "out"
    build(p.root, out, force=True, jobs=1)
    result = CliRunner().invoke(main, ["audit", "-p", str(p.root), str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == "Audited 8 files for 2 audiences: nothing above any audience's ceiling.\n"
    (out / "public" / "public.pdf").write_bytes((out / "cleared" / "cleared.pdf").read_bytes())
    result = CliRunner().invoke(main, ["audit", "-p", str(p.root), str(out)])
    assert result.exit_code == 3
    assert result.output == ("Error: 1 file holds material above its audience's ceiling:\n"
                             f"  {out}/public/public.pdf:1: holds text of quote 'offender-quote' (restricted) "
                             "in page 1, above the 'public' audience's ceiling (public)\n")
