"""The fact-check on copies of the shipped project: each change to a figure, a cell, a quote or a
part of a total is reported at its file:line, item and field, and fails `check --strict`."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from briefgen import checks
from briefgen.cli import main
from briefgen.load import load

REPORT = "sources/iwf-2024-07-ai-csam-report-update.txt"
NOWHERE = f"is not in source ({REPORT}) at its locator (lines 130-145, 435-600) nor anywhere else in it"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def line_of(p, relative: str, text: str) -> int:
    """Return the line of `relative` in project `p` that holds `text` (it must hold it once)."""
    lines = [n for n, line in enumerate((p.root / relative).read_text(encoding="utf-8").split("\n"), 1)
             if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def field_line(p, relative: str, item_id: str, key: str) -> int:
    """Return the line of `key:` in the item `item_id` of a list file (where a problem names it)."""
    lines = (p.root / relative).read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {item_id}")
    return next(n for n, line in enumerate(lines[start:], start + 1) if line.strip().startswith(f"{key}:"))


def problems(p) -> list[str]:
    return [f"{x.severity}: {x}" for x in checks.run(load(p.root))]


def strict(p):
    result = invoke("check", "-p", str(p.root), "--strict")
    assert result.exit_code == 2, result.output
    return result.output


def test_the_shipped_project_is_verified_against_its_archives_and_passes_strict(shipped):
    result = invoke("check", "-p", str(shipped.root), "--strict")
    assert result.exit_code == 0, result.output
    summary = result.output.split("\n")[-3]
    # Every figure is found in its source, or marked not verifiable with its reason; nothing is
    # not found, no quote differs, nothing superseded or undated is in use.
    assert re.fullmatch(r"figures: \d+ verified in source(, \d+ marked not verifiable)?; numbers in text: \d+ "
                        r"found in source; quotes: \d+ verbatim; datasets: \d+ add up, \d+ with nothing to add up",
                        summary), summary


def test_a_number_changed_in_a_finding_is_reported_in_its_headline_and_its_figure(shipped):
    shipped.edit("content/findings.yaml", "headline: 3,512 criminal", "headline: 4,512 criminal")
    shipped.edit("content/findings.yaml", 'value: "3,512"', 'value: "4,512"')
    headline = line_of(shipped, "content/findings.yaml", "headline: 4,512 criminal")
    figure = line_of(shipped, "content/findings.yaml", 'value: "4,512"')
    found = problems(shipped)
    assert (f"warning: content/findings.yaml:{headline}: warning: finding 'criminal-images-2024', field 'headline': "
            f"number 4,512 {NOWHERE}") in found
    assert (f"warning: content/findings.yaml:{figure}: warning: finding 'criminal-images-2024', field "
            f"'figures[0].value': '4,512' {NOWHERE}; the locator has 3,512 (line 136)") in found
    assert len(found) == 2
    output = strict(shipped)
    assert "figures: " in output.split("\n")[-2] and "1 not found" in output.split("\n")[-2]


def test_a_figure_with_two_digits_swapped_is_reported(shipped):
    shipped.edit("content/findings.yaml", 'value: "2,985"', 'value: "2,895"')
    line = line_of(shipped, "content/findings.yaml", 'value: "2,895"')
    assert problems(shipped) == [
        f"warning: content/findings.yaml:{line}: warning: finding 'criminal-images-2024', field 'figures[1].value': "
        f"'2,895' {NOWHERE}; the locator has 2,985 (line 472)"]
    assert f"content/findings.yaml:{line}: finding 'criminal-images-2024', field 'figures[1].value'" in strict(shipped)


def test_a_digit_changed_in_a_dataset_cell_is_reported_there_and_by_its_total(shipped):
    shipped.edit("content/datasets.yaml", "[Child depicted (non-criminal), 4340, 53, 6486, 75]",
                 "[Child depicted (non-criminal), 4340, 53, 6468, 75]")
    row = line_of(shipped, "content/datasets.yaml", "6468")
    totals = line_of(shipped, "content/datasets.yaml", "totals:")
    found = problems(shipped)
    assert (f"warning: content/datasets.yaml:{row}: warning: dataset 'discounted-reasons', field 'rows[1][3]': "
            f"'6,468' is not in source ({REPORT}) at its locator (lines 437-600) nor anywhere else in it; the "
            "locator has 6,486 (line 550)") in found
    assert (f"error: content/datasets.yaml:{totals}: dataset 'discounted-reasons', field 'totals': row 'Total', "
            "column 'mar-apr-2024' is 8,636, but its 5 parts add up to 8,618 (checks[0])") in found


def test_a_percentage_changed_from_3_to_30_is_reported(shipped):
    shipped.edit("content/datasets.yaml", "[Age indeterminate, 390, 5, 248, 3]", "[Age indeterminate, 390, 5, 248, 30]")
    row = line_of(shipped, "content/datasets.yaml", "[Age indeterminate, 390, 5, 248, 30]")
    found = problems(shipped)
    assert (f"error: content/datasets.yaml:{row}: dataset 'discounted-reasons', field 'rows[0]': row 'Age "
            "indeterminate', column 'mar-apr-2024-pct' is 30%, expected 3%: 248 of 8,636 is 2.87% (checks[2])") in found
    assert (f"warning: content/datasets.yaml:{row}: warning: dataset 'discounted-reasons', field 'rows[0][4]': "
            f"'30%' is in the source ({REPORT}, line 623), but not at its locator (lines 437-600)") in found


def test_a_part_that_no_longer_adds_up_to_the_sources_total_is_an_error(shipped):
    shipped.edit("content/datasets.yaml", "[Age indeterminate, 390, 5, 248, 3]", "[Age indeterminate, 391, 5, 248, 3]")
    totals = line_of(shipped, "content/datasets.yaml", "totals:")
    found = problems(shipped)
    assert (f"error: content/datasets.yaml:{totals}: dataset 'discounted-reasons', field 'totals': row 'Total', "
            "column 'sep-2023' is 8,130, but its 5 parts add up to 8,131 (checks[0])") in found
    assert f"content/datasets.yaml:{totals}: dataset 'discounted-reasons', field 'totals'" in strict(shipped)


def test_a_word_changed_dropped_or_added_in_a_quote_is_reported_with_the_words(shipped):
    shipped.edit("content/quotes.yaml", "manipulating the imagery of known", "manipulating the images of known")
    shipped.edit("content/quotes.yaml", "is even\n      more horrifying", "is\n      more horrifying")
    shipped.edit("content/quotes.yaml", "International collaboration is vital.", "International collaboration is truly vital.")
    known = field_line(shipped, "content/quotes.yaml", "iwf-ceo-known-victims", "text")
    international = field_line(shipped, "content/quotes.yaml", "iwf-ceo-international", "text")
    found = problems(shipped)
    assert found == [
        f"warning: content/quotes.yaml:{known}: warning: quote 'iwf-ceo-known-victims', field 'text': differs from "
        "source 'iwf-press-2024-07-22' (sources/iwf-2024-07-22-press-release-ai-videos.txt) at its locator "
        "(paragraph 15, line 53): source has 'imagery', quote has 'images'; the quote drops 'even'",
        f"warning: content/quotes.yaml:{international}: warning: quote 'iwf-ceo-international', field 'text': "
        "differs from source 'ukssc-2023-10-30' (sources/ukssc-2023-10-30-news-global-collaboration.txt) at its "
        "locator (paragraph 8, line 32): the quote adds 'truly'"]
    assert re.search(r"quotes: \d+ verbatim, 2 differ", strict(shipped))


def test_a_restricted_quote_that_differs_is_reported_without_its_words(shipped):
    shipped.edit("content/quotes.yaml", "Wanted to know if someone", "Wanting to know if someone")
    line = field_line(shipped, "content/quotes.yaml", "offender-software", "text")
    [message] = problems(shipped)
    assert message == (f"warning: content/quotes.yaml:{line}: warning: quote 'offender-software', field 'text': "
                       "differs from its source at its locator (values not shown: the item is above the lowest level)")
    assert "Want" not in strict(shipped)


def test_typography_and_line_breaks_do_not_make_a_quote_differ(shipped):
    shipped.edit("content/quotes.yaml", "The right decisions made now – by government",
                 "The right decisions made now - by government")
    shipped.edit("content/quotes.yaml", "If we\n      don’t get a grip", "If we don't\n      get a grip")
    assert problems(shipped) == []


def test_a_quote_found_only_away_from_its_locator_is_reported(shipped):
    shipped.edit("content/quotes.yaml", "locator: paragraph 17", "locator: paragraph 3")
    line = field_line(shipped, "content/quotes.yaml", "iwf-ceo-right-decisions", "text")
    assert problems(shipped) == [
        f"warning: content/quotes.yaml:{line}: warning: quote 'iwf-ceo-right-decisions', field 'text': is verbatim "
        "in source 'iwf-press-2024-07-22' (sources/iwf-2024-07-22-press-release-ai-videos.txt, line 57), but not "
        "at its locator (line 29)"]


def test_a_locator_that_does_not_resolve_is_searched_in_the_whole_archive_and_noted(shipped):
    shipped.edit("content/findings.yaml", 'locator: "Section 4 (Trends monitoring), pp. 17-18"',
                 'locator: "Section 14 (Trends monitoring), pp. 17-18"')
    line = line_of(shipped, "content/findings.yaml", "Section 14 (Trends")
    assert problems(shipped) == [
        f"info: content/findings.yaml:{line}: note: finding 'named-victims-2024', field 'locator': 'Section 14 "
        "(Trends monitoring), pp. 17-18' names section 14, which the sidecar does not list, so the whole archive "
        f"'{REPORT}' was searched"]
    result = invoke("check", "-p", str(shipped.root), "--strict")
    assert result.exit_code == 0 and "1 locator not resolved (whole archive searched)" in result.output


def test_a_figure_marked_unverifiable_is_counted_and_not_looked_for(shipped):
    before = int(re.search(r"(\d+) marked not verifiable;", invoke("check", "-p", str(shipped.root)).output)[1])
    shipped.edit("content/findings.yaml", 'value: "2,985"\n        label: of them indecent pseudo-photographs',
                 'value: "2,895"\n        label: of them indecent pseudo-photographs\n'
                 '        unverifiable: read from Figure 4, a chart image')
    shipped.edit("content/findings.yaml", "They classified 2,985 as", "They classified 2,895 as")
    result = invoke("check", "-p", str(shipped.root), "--strict")
    assert result.exit_code == 0, result.output
    assert re.search(rf"figures: \d+ verified in source, {before + 1} marked not verifiable;", result.output)


def test_json_gives_every_problem_and_the_counts(shipped):
    shipped.edit("content/findings.yaml", 'value: "2,985"', 'value: "2,895"')
    result = invoke("check", "-p", str(shipped.root), "--json", "--strict")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert set(report) == {"problems", "summary", "ok"} and report["ok"] is False
    [problem] = report["problems"]
    assert set(problem) == {"file", "line", "item", "field", "severity", "message"}
    assert (problem["file"], problem["item"], problem["field"], problem["severity"]) == (
        "content/findings.yaml", "finding 'criminal-images-2024'", "figures[1].value", "warning")
    summary = report["summary"]
    assert set(summary) == {"figures", "numbers", "quotes", "datasets", "staleness", "locators", "errors",
                            "warnings", "notes", "line"}
    assert set(summary["figures"]) == {"verified", "not_found", "not_at_locator", "unverifiable", "no_archive"}
    assert set(summary["quotes"]) == {"verbatim", "differ", "not_at_locator", "no_archive"}
    assert set(summary["datasets"]) == {"add_up", "fail", "nothing_to_check"}
    assert set(summary["staleness"]) == {"superseded", "undated"}
    assert summary["figures"]["not_found"] == 1 and summary["warnings"] == 1 and summary["errors"] == 0
    assert summary["line"].startswith("figures: ") and re.search(r", 1 not found[,;]", summary["line"])
    assert json.loads(invoke("check", "-p", str(shipped.root), "--json").output)["ok"] is True


def test_json_of_content_that_does_not_load_has_no_summary(project):
    p = project()
    p.edit("content/findings.yaml", "priority: 1", "priorty: 1")
    result = invoke("check", "-p", str(p.root), "--json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["ok"] is False and report["summary"] is None
    assert report["problems"][0]["field"] == "priorty"


def test_the_shipped_profiles_flag_a_2023_figure_whose_text_does_not_date_it(shipped):
    # The MP briefing prints this finding's summary alone; without its year it reads as current.
    shipped.edit("content/findings.yaml", "cited by the IWF in 2023, 37%", "cited by the IWF, 37%")
    line = field_line(shipped, "content/findings.yaml", "protect-children-2023", "as_of")
    assert problems(shipped) == [
        f"warning: content/findings.yaml:{line}: warning: finding 'protect-children-2023', field 'as_of': its figures "
        "are as of October 2023, 11 months before the briefing's date, and its text does not say so: audience "
        "'parliament' (6 months) would read them as current; date the text, e.g. '(2023)'"]
    assert "1 old figure in use without a date in the text" in strict(shipped)
