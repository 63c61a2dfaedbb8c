"""The command line: exit codes, messages without tracebacks, help with examples, fast start."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefgen import writers
from briefgen.cli import FORMATS, main

HEAVY = ("docx", "reportlab", "matplotlib")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_on_clean_project_summarises_and_exits_0(project):
    result = invoke("check", "--project", str(project().root))
    assert result.exit_code == 0, result.output
    assert result.output == ("figures: 5 without an archive; numbers in text: 3 without an archive; quotes: 2 "
                             "without an archive; datasets: 1 with nothing to add up\n"
                             "Checked 2 findings, 2 quotes, 2 recommendations, 1 datasets, 1 terms, "
                             "2 audiences: 0 warnings, no errors.\n")


def test_check_on_broken_project_lists_problems_exits_2_without_traceback(project):
    p = project()
    p.edit("content/quotes.yaml", "source: src-a", "source: nowhere")
    p.edit("content/findings.yaml", "priority: 1", "priorty: 1")
    result = invoke("check", "-p", str(p.root))
    assert result.exit_code == 2
    assert result.output.startswith("Error: 2 problems in the content:\n")
    assert "content/quotes.yaml:8: quote 'org-quote', field 'source': unknown source 'nowhere'" in result.output
    assert "field 'priorty': unknown field 'priorty'; did you mean 'priority'?" in result.output
    assert "Traceback" not in result.output


def test_unknown_audience_is_a_usage_error_naming_the_valid_ones(project, tmp_path):
    result = invoke("build", "-p", str(project().root), "-a", "nobody", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert result.output == "Error: unknown audience 'nobody'; choose from: cleared, public\n"
    assert not (tmp_path / "o").exists()


def test_list_shows_what_each_audience_gets(project):
    result = invoke("list", "-p", str(project().root))
    assert result.exit_code == 0
    assert "public: Public readers (up to public; no marking; 4 page budget)" in result.output
    assert "  quotes          Quotes: org-quote\n" in result.output
    assert "cleared: Cleared trainers (up to restricted; OFFICIAL-SENSITIVE; no page budget)" in result.output


def test_schema_is_json_schema_per_file_refusing_unknown_keys():
    schemas = json.loads(invoke("schema").output)
    finding = schemas["content/findings.yaml"]["properties"]["findings"]["items"]
    assert finding["additionalProperties"] is False
    assert "sensitivity" in finding["properties"]
    assert "id" not in schemas["templates/audiences/*.yaml"]["properties"]


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        result = invoke(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output, f"'briefgen {name} --help' has no example"


def test_cli_formats_match_the_registered_writers():
    assert set(FORMATS) == set(writers.FORMATS)


def loaded_modules(*argv: str) -> set[str]:
    code = ("import sys\nfrom briefgen.cli import main\n"
            f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.splitlines()[-1].split())


def test_help_imports_neither_rendering_nor_validation_stack():
    assert not loaded_modules("--help") & {*HEAVY, "jinja2", "pydantic", "babel", "watchfiles", "pypdfium2", "PIL"}


def test_check_does_not_import_the_rendering_stack(project):
    modules = loaded_modules("check", "-p", str(project().root))
    assert "pydantic" in modules  # it did validate
    assert not modules & set(HEAVY)


def test_commands_find_the_project_from_a_folder_inside_it(project, monkeypatch):
    p = project()
    monkeypatch.chdir(p.root / "templates" / "audiences")
    result = invoke("list")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("cleared: Cleared trainers")


def test_outside_any_project_the_error_names_the_folder_searched(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 2
    assert result.output == (f"Error: no briefgen project in {tmp_path} or any folder above it (a project "
                             "holds content/ and templates/audiences/); run briefgen inside one, or name "
                             "it with --project DIR\n")


def test_check_with_recipients_renders_every_template_with_every_row(project, tmp_path):
    p = project()
    p.edit("templates/audiences/public.yaml", '"**Act** now."',
           '"{% if recipient %}{{ recipient.name }}, as {{ recipient.rol }}, act now.{% endif %}"')
    rows = tmp_path / "people.csv"
    rows.write_text("name,role\nAnn Example,Minister\nBo Example,Chair\n", "utf-8")
    assert invoke("check", "-p", str(p.root)).exit_code == 0  # without rows, the branch never runs
    result = invoke("check", "-p", str(p.root), "--recipients", str(rows))
    assert result.exit_code == 2
    assert result.output == (
        "Error: 1 problem in the content:\n"
        "  templates/audiences/public.yaml:7: audience 'public', field 'prose.call_to_action': template uses "
        "an undefined value: unknown column 'rol'; did you mean 'role'? Columns: name, role "
        "(recipient rows 2, 3)\n"
        "figures: 5 without an archive; numbers in text: 3 without an archive; quotes: 2 without an archive; "
        "datasets: 1 with nothing to add up\n")
    p.edit("templates/audiences/public.yaml", "recipient.rol", "recipient.role")
    result = invoke("check", "-p", str(p.root), "--recipients", str(rows))
    assert result.exit_code == 0, result.output


def test_every_command_is_documented_with_an_example_and_the_exit_codes_are_too():
    from pathlib import Path

    docs = Path(__file__).parent.parent / "docs" / "commands.md"
    text = docs.read_text("utf-8")
    readme = (docs.parent.parent / "README.md").read_text("utf-8")
    for name in main.commands:
        section = text.split(f"\n## briefgen {name}\n", 1)
        assert len(section) == 2, f"'briefgen {name}' has no section in docs/commands.md"
        assert "```sh\nbriefgen " in section[1].split("\n## ", 1)[0], f"'briefgen {name}' has no example"
        assert f"briefgen {name}" in readme, f"'briefgen {name}' is not in README.md"
    for code in range(5):
        assert f"\n| {code} |" in text, f"exit code {code} is not in docs/commands.md"
        assert f"| {code} |" in readme, f"exit code {code} is not in README.md"


# ---- --json: the shapes docs/commands.md gives ------------------------------------------------

PROBLEM_KEYS = {"file", "line", "item", "field", "severity", "message"}


def test_build_list_and_audit_print_json(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    built = json.loads(invoke("build", "-p", str(root), "--out", str(out), "-f", "pdf", "--json").output)
    assert set(built) == {"ok", "written", "up_to_date", "warnings", "seconds"} and built["ok"] is True
    assert sorted(Path(w["path"]).name for w in built["written"]) == ["cleared.pdf", "public.pdf"]
    assert all(isinstance(w["pages"], int) and w["pages"] > 0 for w in built["written"])
    again = json.loads(invoke("build", "-p", str(root), "--out", str(out), "-f", "pdf", "--json").output)
    assert again["written"] == [] and again["up_to_date"] == 2
    listed = json.loads(invoke("list", "-p", str(root), "--json").output)
    public = next(a for a in listed["audiences"] if a["id"] == "public")
    assert set(public) == {"id", "name", "ceiling", "marking", "page_budget", "sections"}
    assert public["ceiling"] == "public" and public["marking"] is None and public["page_budget"] == 4
    assert {"kind": "findings", "heading": "Evidence", "items": ["finding-one", "finding-two"]} in public["sections"]
    audited = json.loads(invoke("audit", "-p", str(root), str(out), "--json").output)
    assert audited == {"ok": True, "audited": [str(out / "cleared/cleared.pdf"), str(out / "public/public.pdf")],
                       "leaks": [], "warnings": []}


def test_json_reports_an_error_with_its_exit_code_and_every_problem(project, tmp_path):
    p = project()
    p.edit("content/findings.yaml", "priority: 1", "priority: high")
    result = invoke("build", "-p", str(p.root), "--out", str(tmp_path / "out"), "--json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["ok"] is False and report["error"]["exit_code"] == 2
    [problem] = report["error"]["problems"]
    assert set(problem) == PROBLEM_KEYS
    assert (problem["file"], problem["item"], problem["field"]) == ("content/findings.yaml", "finding 'finding-one'", "priority")


def test_audit_json_names_each_leak_and_exits_3(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    invoke("build", "-p", str(root), "--out", str(out), "-f", "pdf")
    (out / "public" / "public.pdf").write_bytes((out / "cleared" / "cleared.pdf").read_bytes())
    result = invoke("audit", "-p", str(root), str(out), "--json")
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert report["ok"] is False and [leak["file"] for leak in report["leaks"]] == [str(out / "public/public.pdf")]
    assert set(report["leaks"][0]) == PROBLEM_KEYS and "offender-quote" in report["leaks"][0]["message"]
