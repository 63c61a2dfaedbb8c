"""Loading content: every problem reported at once, with file, line, item and field."""
from __future__ import annotations

import pytest

from briefgen.errors import ContentError
from briefgen.load import load


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def test_minimal_project_loads_with_its_items(project):
    loaded = load(project().root)
    assert [f.id for f in loaded.content.findings] == ["finding-one", "finding-two"]
    assert sorted(loaded.audiences) == ["cleared", "public"]


def test_four_kinds_of_problem_are_all_reported_in_one_run(project):
    p = project()
    p.edit("content/findings.yaml", "    locator: p. 3\n", "    locator: p. 3\n    locator: p. 4\n")
    p.edit("content/quotes.yaml", "source: src-a", "source: no-such-source")
    p.edit("content/recommendations.yaml", "    sensitivity: public\n", "    sensitivty: public\n")
    p.edit("content/glossary.yaml", "Child sexual", "Child\x07 sexual")
    found = problems(p.root)
    assert found == [
        "content/findings.yaml:9: finding 'finding-one', field 'locator': duplicate key 'locator' "
        "(first at line 8); YAML would keep only one of them",
        "content/glossary.yaml:4: term 'csam', field 'definition': control character U+0007 at column 22; remove it",
        "content/quotes.yaml:8: quote 'org-quote', field 'source': unknown source 'no-such-source' (known: src-a)",
        "content/recommendations.yaml:10: recommendation 'gov-one', field 'sensitivty': unknown field "
        "'sensitivty'; did you mean 'sensitivity'?",
    ]


def test_norway_stays_a_string_and_is_rejected_where_a_level_is_expected(project):
    p = project()
    p.edit("content/findings.yaml", "sensitivity: public", "sensitivity: NO")
    assert problems(p.root) == [
        "content/findings.yaml:12: finding 'finding-one', field 'sensitivity': must be an id: lower-case "
        "letters, digits and '-', starting with a letter (got 'NO')"]


def test_missing_sensitivity_means_most_restrictive(project):
    p = project()
    p.edit("content/findings.yaml", "    sensitivity: public\n", "")
    finding = load(p.root).content.findings[0]
    assert finding.sensitivity == "restricted"


@pytest.mark.parametrize("yaml_text, message", [
    ("x: &a 1\ny: *a\n", "anchors and aliases (&, *) are not allowed"),
    ("x: !!python/object:os.system 1\n", "tags (tag:yaml.org,2002:python/object:os.system) are not allowed"),
    ("x: [1\n", "is not valid YAML"),
])
def test_yaml_features_that_could_hide_values_are_refused(project, yaml_text, message):
    p = project()
    p.write("content/glossary.yaml", yaml_text)
    assert any(message in line and line.startswith("content/glossary.yaml:") for line in problems(p.root))


def test_duplicate_ids_are_reported_with_both_lines(project):
    p = project()
    p.edit("content/findings.yaml", "id: finding-two", "id: finding-one")
    assert "content/findings.yaml:13: finding 'finding-one', field 'id': duplicate id (also used by line 2)" \
        in problems(p.root)


def test_ids_must_be_safe_file_names(project):
    p = project()
    p.edit("content/findings.yaml", "id: finding-two", "id: ../../etc")
    assert any("finding '../../etc', field 'id': must be an id" in line for line in problems(p.root))


def test_characters_the_font_cannot_draw_are_named(project):
    p = project()
    p.edit("content/findings.yaml", "The law has a gap", "The law has a gap \U0001F600")
    assert problems(p.root) == [
        "content/findings.yaml:14: finding 'finding-two', field 'headline': the font Noto Sans cannot draw "
        "U+1F600 '\U0001F600' (grinning face); use other characters or a theme font that has them"]


def test_links_other_than_https_and_mailto_are_refused(project):
    p = project()
    p.edit("content/findings.yaml", "*emphasis*", "[click](javascript:alert(1))")
    assert problems(p.root) == [
        "content/findings.yaml:4: finding 'finding-one', field 'body': link target 'javascript:alert(1)' "
        "must start with https:// or mailto:"]


def test_template_syntax_errors_are_found_at_load(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "{{ as_of }}", "{% if %}")
    assert problems(p.root) == [
        "templates/audiences/public.yaml:6: audience 'public', field 'prose.purpose': template error on its "
        "line 1: Expected an expression, got 'end of statement block'"]


def test_invalid_utf8_names_the_line(project):
    p = project()
    path = p.root / "content/glossary.yaml"
    path.write_bytes(path.read_bytes().replace(b"Child sexual", b"Child \xff sexual"))
    assert problems(p.root) == ["content/glossary.yaml:4: is not valid UTF-8 (byte 0xFF)"]


def test_an_audience_without_a_ceiling_is_refused(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "ceiling: public\n", "")
    assert problems(p.root) == [
        "templates/audiences/public.yaml:1: audience 'public', field 'ceiling': required field is missing"]


def test_a_cell_of_the_wrong_type_is_one_problem_naming_the_cell(project):
    p = project()
    p.edit("content/datasets.yaml", "[Counted, 1000, 1234]", "[Counted, [1000], 1234]")
    assert problems(p.root) == [
        "content/datasets.yaml:10: dataset 'counts', field 'rows[0][1]': Input should be a valid integer "
        "(got [1000])"]


@pytest.mark.parametrize("written", ["none", "None", "NO MARKING", "n/a", "-"])
def test_a_marking_that_means_no_marking_is_an_error_with_a_hint(project, written):
    p = project()
    p.edit("templates/audiences/public.yaml", "ceiling: public", f"ceiling: public\nmarking: '{written}'")
    assert problems(p.root) == [
        f"templates/audiences/public.yaml:5: audience 'public', field 'marking': a marking of '{written}' "
        f"would print {written.upper()} on every page; leave marking out (or write marking: null) for no marking"]


def test_a_levels_marking_of_none_is_an_error_too(project):
    p = project()
    p.edit("content/vocabulary.yaml", "{id: public, label: Public}", "{id: public, label: Public, marking: none}")
    assert problems(p.root) == [
        "content/vocabulary.yaml:2: field 'sensitivity[0].marking': a marking of 'none' would print NONE "
        "on every page; leave marking out (or write marking: null) for no marking"]


def test_marking_null_means_no_marking(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "ceiling: public", "ceiling: public\nmarking: null")
    assert load(p.root).audiences["public"].marking is None
