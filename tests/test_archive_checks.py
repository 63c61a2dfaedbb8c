"""Archives as inputs (inside the project, readable, paged by sidecars or page breaks, PDF), numbers
as values, staleness, the fingerprint and the leak audit, on the minimal fixture with an archive."""
from __future__ import annotations

import io
import os

import pytest
from click.testing import CliRunner

from briefgen import audit, checks, fingerprint
from briefgen.checks import archives
from briefgen.checks.numbers import read
from briefgen.cli import main
from briefgen.errors import ContentError
from briefgen.load import load

PAGES = ["Report A", "We must act now.", "In one month 1,234 things were counted.",
         "The law has a gap, in 7 ways.", "Close the gap. Train every officer.", "Amendments were tabled.",
         "Counted: 1000 in 2023 and 1234 in 2024. Assessed: 500 and 600.", "",
         "RESTRICTED-QUOTE-MARKER asks for a tutorial"]


def archived(project, pages=PAGES, name="sources/a.txt"):
    """Return the minimal fixture whose source src-a has an archive of `pages` (form feeds between)."""
    p = project()
    p.write(name, "# Archived copy of source src-a, for the tests.\n\n" + "\n\f".join(pages) + "\n")
    p.edit("content/sources.yaml", "url: https://example.org/a", f"url: https://example.org/a\n    archive: {name}")
    p.edit("content/quotes.yaml", "locator: paragraph 2", "locator: p. 2")
    return p


def found(p) -> list[str]:
    return [f"{x.severity}: {x.field}: {x.message}" for x in checks.run(load(p.root))]


def test_every_figure_quote_and_number_is_verified_by_page(project):
    p = archived(project)
    assert found(p) == []
    output = CliRunner().invoke(main, ["check", "-p", str(p.root), "--strict"]).output
    assert ("figures: 5 verified in source; numbers in text: 3 found in source; quotes: 2 verbatim; "
            "datasets: 1 with nothing to add up\n") in output


def test_a_figure_on_another_page_is_not_at_its_locator(project):
    p = archived(project)
    p.edit("content/findings.yaml", "locator: p. 3", "locator: p. 5")
    assert found(p) == [
        "warning: headline: number 1,234 is in the source (sources/a.txt), but not at its locator (line 7)",
        "warning: figures[0].value: '1,234' is in the source (sources/a.txt, lines 5, 9), but not at its locator (line 7)"]


@pytest.mark.parametrize("archive, message", [
    ("../outside.txt", "is outside the project folder; copy it into the project"),
    ("sources/none.txt", "does not exist"),
    ("/etc/hostname", "must be a path inside the project, e.g. sources/report.txt"),
    ("sources/a.docx", "is a '.docx' file; an archive is text (.txt, .md, .text) or .pdf"),
])
def test_an_archive_that_cannot_be_used_is_an_error_naming_the_source(project, archive, message):
    p = archived(project)
    (p.root.parent / "outside.txt").write_text("1,234", encoding="utf-8")
    (p.root / "sources" / "a.docx").write_bytes(b"PK")
    p.edit("content/sources.yaml", "archive: sources/a.txt", f"archive: {archive}")
    result = CliRunner().invoke(main, ["check", "-p", str(p.root)])
    assert result.exit_code == 2
    assert f"content/sources.yaml:8: source 'src-a', field 'archive': archive '{archive}' {message}" in result.output


def test_an_archive_through_a_symbolic_link_is_refused(project):
    p = archived(project)
    os.symlink(p.root / "sources", p.root / "linked")
    p.edit("content/sources.yaml", "archive: sources/a.txt", "archive: linked/a.txt")
    assert found(p)[0] == ("error: archive: archive 'linked/a.txt' is reached through the symbolic link "
                           "'linked'; archives are read without following links")


def test_an_archive_too_big_or_not_utf8_is_refused(project, monkeypatch):
    p = archived(project)
    monkeypatch.setattr(archives, "MAX_BYTES", 100)
    assert found(p)[0].endswith("archive 'sources/a.txt' is 321 bytes; the limit is 100")
    monkeypatch.undo()
    (p.root / "sources" / "a.txt").write_bytes(b"caf\xe9 1,234")
    assert found(p)[0] == "error: archive: archive 'sources/a.txt' is not valid UTF-8 (byte 0xE9 at offset 3)"


def test_without_sidecar_or_page_breaks_the_whole_archive_is_searched_and_said_so(project):
    p = archived(project, [" ".join(PAGES)])
    assert found(p) == ["info: archive: archive 'sources/a.txt' has no sidecar (sources/a.sections.yaml) and no "
                        "page breaks, so locators citing it cannot be resolved; each is searched in the whole archive"]
    p.edit("content/findings.yaml", 'value: "1,234"', 'value: "1,243"')
    assert "warning: figures[0].value: '1,243' is not in source (sources/a.txt); the locator has 1,234 (line 3)" in found(p)


def test_a_sidecar_ties_paragraphs_and_sections_to_lines(project):
    p = archived(project, ["\n\n".join(PAGES)])
    p.write("sources/a.sections.yaml", "paragraphs:\n" + "".join(
        f"  - {{number: {n}, lines: [{2 * n + 3}, {2 * n + 3}]}}\n" for n in range(1, 9))  # PAGES[n]
        + "sections:\n  - {number: '1', title: Counts, page: 3, next_page: 7, line: 5, end_line: 15}\n")
    p.edit("content/quotes.yaml", "locator: p. 2", "locator: paragraph 1")
    p.edit("content/findings.yaml", "locator: p. 3", "locator: Section 1 (Counts), p. 3")
    p.edit("content/findings.yaml", "locator: p. 4", "locator: paragraph 3")
    p.edit("content/quotes.yaml", "locator: p. 9", "locator: paragraph 8")
    p.edit("content/datasets.yaml", "locator: p. 7", "locator: paragraph 6")
    assert found(p) == []
    p.edit("content/findings.yaml", "Section 1 (Counts)", "Section 1 (Tallies)")
    assert ("info: locator: 'Section 1 (Tallies), p. 3' gives section 1 the title 'Tallies'; the sidecar's is "
            "'Counts', so the whole archive 'sources/a.txt' was searched") in found(p)


def test_a_sidecar_line_outside_the_archive_is_reported(project):
    p = archived(project)
    p.write("sources/a.sections.yaml", "paragraphs:\n  - {number: 1, lines: [3, 400]}\n")
    assert "sources/a.sections.yaml:1: paragraph 1 has lines 3-400, outside the archive's 12 lines" in [
        str(x) for x in checks.run(load(p.root))]


def test_a_pdf_archive_is_read_page_by_page(project):
    from reportlab.pdfgen import canvas

    data = io.BytesIO()
    pdf = canvas.Canvas(data)
    for page in PAGES:
        pdf.drawString(72, 720, page)
        pdf.showPage()
    pdf.save()
    p = archived(project)
    (p.root / "sources" / "a.pdf").write_bytes(data.getvalue())
    p.edit("content/sources.yaml", "archive: sources/a.txt", "archive: sources/a.pdf")
    assert found(p) == []
    p.edit("content/findings.yaml", "locator: p. 3", "locator: p. 4")
    assert "warning: figures[0].value: '1,234' is in the source (sources/a.pdf, lines 3, 7), but not at its locator (line 4)" in found(p)


def test_numbers_are_read_as_values_kinds_currencies_and_qualifiers():
    shown = lambda text: [(n.shown(), n.qualifier) for n in read(text.lower())]
    assert shown("2,978 or 2978") == [("2,978", ""), ("2,978", "")]
    assert shown("32% and 32 per cent and 32 percent") == [("32%", "")] * 3
    assert shown("over five times; just over 100; up to 30%") == [("5", "over"), ("100", "over"), ("30%", "up to")]
    assert shown("half of them, a quarter, 10 percentage points") == [
        ("50%", ""), ("25%", ""), ("10 percentage points", "")]
    assert shown("$316.50 a month, 93-104 reports, 36 million") == [("$316.5", ""), ("93", ""), ("104", ""),
                                                                    ("36,000,000", "")]
    assert shown("CSAM1 and A-5") == []


def test_a_qualifier_the_source_does_not_give_is_reported(project):
    p = archived(project)
    p.edit("content/findings.yaml", 'value: "1,234"', 'value: "over 1,234"')
    assert found(p) == ["warning: figures[0].value: 'over 1,234' is not in source (sources/a.txt) as written: its "
                        "locator has 1,234 (line 5), without 'over'"]


def stale(project, headline="The law has a gap"):
    """Return the fixture where the public audience shows only finding-two (October 2023)."""
    p = archived(project)
    p.edit("templates/audiences/public.yaml", "{kind: summary, heading: Key points, limit: 3}",
           "{kind: summary, heading: Key points, ids: [finding-two]}")
    p.edit("templates/audiences/public.yaml", "{kind: findings, heading: Evidence}",
           "{kind: findings, heading: Evidence, ids: [finding-two]}")
    p.edit("content/findings.yaml", "headline: The law has a gap", f"headline: {headline}")
    return p


def test_a_superseded_finding_without_its_successor_or_a_date_is_warned_about(project):
    p = stale(project)
    p.edit("content/findings.yaml", "    source: src-a\n    locator: p. 3",
           "    supersedes: [finding-two]\n    source: src-a\n    locator: p. 3")
    assert found(p) == ["warning: as_of: is superseded by finding 'finding-one' (as of April 2024), which "
                        "audience 'public' does not include, and its text does not say it is from 2023: include "
                        "'finding-one' too, or date the text, e.g. '(2023)'"]
    result = CliRunner().invoke(main, ["check", "-p", str(p.root)])
    assert "; 1 superseded figure in use\n" in result.output
    p.edit("content/findings.yaml", "headline: The law has a gap", "headline: The law had a gap (2023)")
    assert found(p) == []


def test_a_shared_measure_supersedes_the_older_finding_unless_the_newer_is_included(project):
    p = stale(project)
    p.edit("content/findings.yaml", "    locator: p. 3", "    measure: things\n    locator: p. 3")
    p.edit("content/findings.yaml", "    locator: p. 4", "    measure: things\n    locator: p. 4")
    assert found(p)[0].startswith("warning: as_of: is superseded by finding 'finding-one'")
    p.edit("templates/audiences/public.yaml", "ids: [finding-two]}\n  - {kind: recommendations",
           "ids: [finding-two, finding-one]}\n  - {kind: recommendations")
    assert found(p) == []


def test_an_old_figure_must_say_its_date_in_its_text(project):
    p = stale(project)
    p.edit("content/findings.yaml", "    locator: p. 4", '    figures: [{value: "7", label: ways}]\n    locator: p. 4')
    assert found(p) == ["warning: as_of: its figures are as of October 2023, 11 months before the briefing's date, "
                        "and its text does not say so: audience 'public' (6 months) would read them as current; "
                        "date the text, e.g. '(2023)'"]
    p.edit("templates/audiences/public.yaml", "ceiling: public", "ceiling: public\nundated_months: 12")
    assert found(p) == []


def test_archives_are_part_of_the_fingerprint_wherever_they_are(project):
    p = archived(project, name="archives/a.txt")
    before = fingerprint.project(p.root)
    (p.root / "archives" / "a.txt").write_text("changed", encoding="utf-8")
    assert fingerprint.project(p.root) != before


def test_the_audit_finds_archived_text_in_a_briefing_but_not_what_the_audience_may_see(project):
    import docx

    p = archived(project, PAGES + ["An archived passage that no briefing may ever contain, however it is set."])
    loaded = load(p.root)
    forbidden = audit.forbidden_texts(loaded.content, loaded.audiences["cleared"], p.root)

    def audited(text: str) -> list[str]:
        document = docx.Document()
        document.add_paragraph(text)
        data = io.BytesIO()
        document.save(data)
        return audit.audit_bytes(data.getvalue(), "docx", forbidden)

    assert audited("Intro. An archived passage that no briefing may ever contain.") == [
        "the archived text of source 'src-a' (sources/a.txt; restricted) in word/document.xml"]
    assert audited("RESTRICTED-QUOTE-MARKER asks for a tutorial") == []  # cleared for the quote
    p.edit("content/sources.yaml", "archive: sources/a.txt", "archive: sources/gone.txt")
    with pytest.raises(ContentError, match="archive 'sources/gone.txt' does not exist; the audit cannot look"):
        audit.forbidden_texts(load(p.root).content, loaded.audiences["cleared"], p.root)


@pytest.mark.parametrize("totals, message", [
    ("{label: Counted, values: {y2023: 1500}}", "field 'totals.label': is also a row of dataset 'counts'"),
    ("{label: Total, values: {y2025: 1500}}", "field 'totals.values.y2025': dataset 'counts' has no numeric column"),
])
def test_totals_name_numeric_columns_and_a_row_of_their_own(project, totals, message):
    p = archived(project)
    p.edit("content/datasets.yaml", "    source: src-a", f"    totals: {totals}\n    source: src-a")
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load(p.root)
