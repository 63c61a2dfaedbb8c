"""Content checks: terminology, figures against datasets, and dates of figures and sources."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefgen import checks
from briefgen.cli import main
from briefgen.errors import ContentError
from briefgen.load import load

SHARES = """
  - id: shares
    title: Shares of things
    columns:
      - {id: kind, label: Kind, type: text}
      - {id: n, label: Number, type: integer}
      - {id: pct, label: Share, type: percent}
      - {id: all, label: All, type: integer}
    rows:
      - [Red, 390, 5, 8130]
      - [Blue, 4340, 53.4, 8130]
      - [Green, 3400, 42, 8130]
      - [Total, 8130, 100, 8130]
    source: src-a
    locator: p. 8
    as_of: 2024-04
    sensitivity: public
    checks:
      - {sum: Total, parts: [Red, Blue, Green], columns: [n, pct]}
      - {percent: pct, count: n, total: all}
"""


def found(root) -> list[str]:
    return [f"{p.severity}: {p}" for p in checks.run(load(root))]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_shipped_content_is_clean(shipped):
    result = invoke("check", "-p", str(shipped.root), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 warnings, no errors.\n")
    assert checks.run(load(shipped.root)) == []


def test_minimal_project_is_clean(project):
    assert found(project().root) == []


# ---- terminology ----------------------------------------------------------------------------

def test_a_term_to_avoid_is_a_warning_naming_the_field_and_the_suggestion(project):
    p = project()
    p.edit("content/findings.yaml", "The law has a gap", "The law on Child-Pornography has a gap")
    assert found(p.root) == [
        "warning: content/findings.yaml:14: warning: finding 'finding-two', field 'headline': "
        "\"Child-Pornography\" is a term to avoid; write \"child sexual abuse material (CSAM)\" instead "
        "(Luxembourg Guidelines (2016), \"child pornography\"; IWF guidance on terminology)"]


@pytest.mark.parametrize("text, term", [
    ("so-called kiddie porn", "kiddie porn"),
    ("every child\n      prostitute", "child prostitute"),
    ("live webcam child sex tourism", "webcam child sex tourism"),
    ("a child sex tourist", "child sex tourist"),
])
def test_terms_match_whole_words_across_case_hyphens_and_line_breaks(project, text, term):
    p = project()
    p.edit("content/findings.yaml", "body: A body with", f"body: |-\n      {text} with")
    messages = found(p.root)
    assert len(messages) == 1 and f'"{term}" is a term to avoid' in messages[0]


def test_words_that_only_contain_a_term_are_not_flagged(project):
    p = project()
    p.edit("content/findings.yaml", "The law has a gap", "Pornographic child porno-graphy childporn")
    assert found(p.root) == []


def test_terms_in_audience_prose_are_found_too(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "call_to_action: \"**Act** now.\"",
           "call_to_action: \"**Act** on child prostitution now.\"")
    assert found(p.root) == [
        "warning: templates/audiences/public.yaml:7: warning: audience 'public', field 'prose.call_to_action': "
        "\"child prostitution\" is a term to avoid; write \"exploitation of children in prostitution\" "
        "instead (Luxembourg Guidelines (2016), \"child prostitution\")"]


def test_a_verbatim_quote_is_exempt_and_reported_as_a_note(project):
    p = project()
    p.edit("content/quotes.yaml", "asks for a tutorial", "asks for child porn tutorials")
    assert found(p.root) == [
        "info: content/quotes.yaml:13: note: quote 'offender-quote', field 'text': \"child porn\" left as written: "
        "exempt as a verbatim quote (elsewhere write \"child sexual abuse material (CSAM)\")"]
    result = invoke("check", "-p", str(p.root), "--strict")
    assert result.exit_code == 0, result.output  # a note never fails, even with --strict


def test_the_same_term_in_an_organisation_quote_is_not_exempt(project):
    p = project()
    p.edit("content/quotes.yaml", "We must act now.", "We must end child porn now.")
    assert [m.split(": ")[0] for m in found(p.root)] == ["warning"]


def test_titles_of_statutes_and_treaties_in_the_rule_file_are_exempt(project):
    p = project()
    p.edit("content/findings.yaml", "body: A body with", "body: The Optional Protocol to the Convention on the "
           "Rights of the Child on the sale of children, child prostitution and child pornography says, with")
    assert found(p.root) == []


def test_strict_turns_term_warnings_into_errors(project):
    p = project()
    p.edit("content/glossary.yaml", "Child sexual abuse material.", "Once called child pornography.")
    result = invoke("check", "-p", str(p.root), "--strict")
    assert result.exit_code == 2
    assert result.output == (
        "Error: 1 problem in the content:\n"
        "  content/glossary.yaml:4: term 'csam', field 'definition': \"child pornography\" is a term to avoid; "
        "write \"child sexual abuse material (CSAM)\" instead (Luxembourg Guidelines (2016), \"child "
        "pornography\"; IWF guidance on terminology)\n"
        "figures: 5 without an archive; numbers in text: 3 without an archive; quotes: 2 without an archive; "
        "datasets: 1 with nothing to add up\n")
    assert invoke("check", "-p", str(p.root)).exit_code == 0


def test_a_project_adds_its_own_rules_and_exempt_titles(project):
    p = project()
    p.write("content/terminology.yaml", (
        "rules:\n"
        "  - terms: [revenge porn]\n"
        "    suggest: intimate image abuse\n"
        "exempt:\n"
        "  - Child Porn Act of Testland\n"))
    p.edit("content/findings.yaml", "The law has a gap", "The Child Porn Act of Testland misses revenge porn")
    assert found(p.root) == [
        "warning: content/findings.yaml:14: warning: finding 'finding-two', field 'headline': \"revenge porn\" "
        "is a term to avoid; write \"intimate image abuse\" instead"]


def test_a_broken_project_rule_file_is_an_error_with_its_line(project):
    p = project()
    p.write("content/terminology.yaml", "rules:\n  - terms: [revenge porn]\n    sugest: intimate image abuse\n")
    assert found(p.root) == [
        "error: content/terminology.yaml:2: field 'rules[0].suggest': required field is missing",
        "error: content/terminology.yaml:3: field 'rules[0].sugest': unknown field 'sugest'; did you mean 'suggest'?"]


# ---- figures --------------------------------------------------------------------------------

def test_a_figure_that_names_a_dataset_cell_must_quote_it(project):
    p = project()
    p.edit("content/findings.yaml", '{value: "1,234", label: things counted in one month}',
           '{value: "1,243", label: things counted in one month, dataset: counts, row: Counted, column: y2024}')
    assert found(p.root) == [
        "error: content/findings.yaml:6: finding 'finding-one', field 'figures[0].value': '1,243' does not "
        "match dataset 'counts', row 'Counted', column 'y2024': expected '1,234'"]


@pytest.mark.parametrize("value", ["1,234", "over 1,234", "1,234 things"])
def test_a_figure_may_qualify_the_cell_it_quotes(project, value):
    p = project()
    p.edit("content/findings.yaml", '{value: "1,234", label: things counted in one month}',
           f'{{value: "{value}", label: things, dataset: counts, row: Counted, column: y2024}}')
    assert found(p.root) == []


def with_shares(project):
    p = project()
    p.write("content/datasets.yaml", (p.root / "content/datasets.yaml").read_text("utf-8") + SHARES)
    return p


def test_consistent_counts_percentages_and_totals_pass_within_rounding(project):
    assert found(with_shares(project).root) == []  # 5 + 53.4 + 42 = 100.4 is within rounding of 100


def test_a_percentage_that_does_not_match_its_count_is_an_error(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "[Green, 3400, 42, 8130]", "[Green, 3400, 43, 8130]")
    assert found(p.root) == [
        "error: content/datasets.yaml:28: dataset 'shares', field 'rows[2]': row 'Green', column 'pct' is 43%, "
        "expected 42%: 3,400 of 8,130 is 41.82% (checks[1])"]


def test_a_percentage_is_held_to_the_decimals_it_shows(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "[Blue, 4340, 53.4, 8130]", "[Blue, 4340, 53.5, 8130]")
    assert found(p.root) == [
        "error: content/datasets.yaml:27: dataset 'shares', field 'rows[1]': row 'Blue', column 'pct' is 53.5%, "
        "expected 53.4%: 4,340 of 8,130 is 53.383% (checks[1])"]


def test_parts_must_add_up_to_their_total_exactly_for_counts(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "[Total, 8130, 100, 8130]", "[Total, 8131, 100, 8131]")
    assert found(p.root) == [
        "error: content/datasets.yaml:29: dataset 'shares', field 'rows[3]': row 'Total', column 'n' is 8,131, "
        "but its 3 parts add up to 8,130 (checks[0])"]


def test_percentages_beyond_their_rounding_do_not_add_up(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "[Green, 3400, 42, 8130]", "[Green, 3400, 42, 8095]")  # 42.00%
    p.edit("content/datasets.yaml", "[Red, 390, 5, 8130]", "[Red, 390, 7, 5571]")  # 7.0006%
    assert found(p.root) == [
        "error: content/datasets.yaml:29: dataset 'shares', field 'rows[3]': row 'Total', column 'pct' is 100%, "
        "but its 3 parts add up to 102.4% (rounding allows ±1.55) (checks[0])"]


def test_a_check_naming_a_missing_row_or_a_text_column_is_a_load_error(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "parts: [Red, Blue, Green]", "parts: [Red, Bleu, Green]")
    p.edit("content/datasets.yaml", "{percent: pct, count: n, total: all}", "{percent: pct, count: kind, total: all}")
    with pytest.raises(ContentError) as caught:
        load(p.root)
    assert [str(x) for x in caught.value.problems] == [
        "content/datasets.yaml:35: dataset 'shares', field 'checks[0].parts[1]': dataset 'shares' has no row 'Bleu'",
        "content/datasets.yaml:36: dataset 'shares', field 'checks[1].count': column 'kind' is text; a check "
        "needs numbers"]


# ---- dates and freshness --------------------------------------------------------------------

def test_figures_older_than_an_audience_accepts_are_flagged_once_naming_each_audience(project):
    p = project()
    for name in ("public", "cleared"):
        p.edit(f"templates/audiences/{name}.yaml", "ceiling:", "freshness_months: 10\nceiling:")
    p.edit("templates/audiences/cleared.yaml", "{kind: quotes, heading: Quotes}",
           "{kind: quotes, heading: Quotes}\n  - {kind: findings, heading: Findings}")
    assert found(p.root) == [
        "warning: content/findings.yaml:18: warning: finding 'finding-two', field 'as_of': figures as of "
        "October 2023 are 11 months old on the briefing's date (2 September 2024), older than audiences "
        "'cleared' (10 months) and 'public' (10 months) accept"]
    result = invoke("check", "-p", str(p.root), "--strict")
    assert result.exit_code == 2 and "figures as of October 2023 are 11 months old" in result.output


def test_items_no_audience_receives_are_not_flagged_stale(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "ceiling:", "freshness_months: 1\nceiling:")
    assert found(p.root) == []  # the cleared audience has no findings or datasets sections


def test_dates_later_than_the_source_or_the_briefing_are_flagged(project):
    p = project()
    p.edit("content/findings.yaml", "as_of: 2024-04", "as_of: 2024-10")
    p.edit("content/quotes.yaml", "date: 2024-07-22", "date: 2024-08-01")
    assert found(p.root) == [
        "warning: content/findings.yaml:9: warning: finding 'finding-one', field 'as_of': as_of October 2024 "
        "is after its source 'src-a' was published (July 2024)",
        "warning: content/findings.yaml:9: warning: finding 'finding-one', field 'as_of': as_of October 2024 "
        "is after the briefing's date (2 September 2024)",
        "warning: content/quotes.yaml:7: warning: quote 'org-quote', field 'date': date 1 August 2024 is after "
        "its source 'src-a' was published (July 2024)"]


def test_dates_are_compared_at_the_coarser_precision(project):
    p = project()
    p.edit("content/quotes.yaml", "date: 2024-07-22", "date: 2024-07-31")  # source: 2024-07
    assert found(p.root) == []


def test_a_check_of_neither_or_both_kinds_is_a_load_error(project):
    p = with_shares(project)
    p.edit("content/datasets.yaml", "{percent: pct, count: n, total: all}", "{percent: pct, count: n}")
    with pytest.raises(ContentError) as caught:
        load(p.root)
    assert [str(x) for x in caught.value.problems] == [
        "content/datasets.yaml:36: dataset 'shares', field 'checks[1]': a percent check takes 'count' and one "
        "of 'total' (a column) or 'total_row' (a row label) (got {'percent': 'pct', 'count': 'n'})"]
