"""Fail closed: access control, the file system, bounded resources, text that looks right but
is not, and every problem at once. Each class of failure is tried with several inputs; each
must end in the documented exit code with a message naming file:line, item and field, no
traceback, nothing written outside OUT and previous outputs untouched.
"""
from __future__ import annotations

import errno
import hashlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import audit, extract, outputs, theme, yamlfile
from briefgen.cli import main
from briefgen.load import load

SECRET = "Qzxsecretword"  # in restricted items only; must never appear in any output or message


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def build(root: Path, out: Path, *args: str):
    return run("build", "-p", str(root), "--out", str(out), "--jobs", "1", *args)


def tree(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under `folder` (links as their target)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()
            and p.name not in (outputs.LOCK, outputs.MANIFEST)}


def outputs_text(out: Path) -> str:
    return "\n".join(extract.extract_docx(p.read_bytes()) if p.suffix == ".docx" else extract.extract_pdf(p.read_bytes())
                     for p in sorted(out.rglob("*")) if p.suffix in (".docx", ".pdf"))


# ---- access control: vocabularies ----------------------------------------------------------

LEVELS = "sensitivity:\n  - {id: public, label: Public}\n  - {id: sensitive, label: Sensitive, content_note: true}\n" \
         "  - {id: restricted, label: Restricted, content_note: true, marking: OFFICIAL-SENSITIVE}\n"


@pytest.mark.parametrize("extra, expected", [
    ("  - {id: public, label: Public again}\n",
     "content/vocabulary.yaml:5: level 'public', field 'id': is listed twice (first at line 2)"),
    ("  - {id: top, label: Restricted, content_note: true, marking: SECRET}\n",
     "content/vocabulary.yaml:5: level 'top', field 'label': has the label of level 'restricted'"),
    ("  - {id: top, label: Top, content_note: true}\n",
     "content/vocabulary.yaml:5: level 'top', field 'marking': is above 'restricted' but has no marking"),
    ("  - {id: top, label: Top, marking: SECRET}\n",
     "content/vocabulary.yaml:5: level 'top', field 'content_note': is above 'sensitive' but needs no content note"),
])
def test_a_vocabulary_whose_levels_are_not_strictly_ordered_is_refused(project, tmp_path, extra, expected):
    p = project()
    p.edit("content/vocabulary.yaml", LEVELS, LEVELS + extra)
    p.edit("content/findings.yaml", "    priority: 2\n    sensitivity: public\n", "    priority: 2\n")  # no level
    out = tmp_path / "out"
    result = build(p.root, out)
    assert result.exit_code == 2 and expected in result.output, result.output
    assert tree(out) == {}


def test_an_item_without_a_level_gets_the_most_restrictive_one(project, tmp_path):
    p = project()
    p.edit("content/quotes.yaml", "We must act now.", f"We must act now, {SECRET}.")
    p.edit("content/quotes.yaml", "    kind: organisation\n    sensitivity: public\n", "    kind: organisation\n")
    loaded = load(p.root)
    assert {q.id: q.sensitivity for q in loaded.content.quotes}["org-quote"] == "restricted"
    assert build(p.root, tmp_path / "out").exit_code == 0
    assert SECRET not in outputs_text(tmp_path / "out" / "public")
    assert SECRET in outputs_text(tmp_path / "out" / "cleared")


# ---- access control: references to more restricted items -----------------------------------

RESTRICTED_DATASET = """  - id: secret-counts
    title: Restricted counts
    columns:
      - {id: measure, label: Measure, type: text}
      - {id: n, label: Number, type: integer}
    rows:
      - [Seized, 4242]
    source: src-a
    locator: p. 8
    as_of: 2024-04
    sensitivity: restricted
"""


def test_a_public_figure_naming_a_restricted_dataset_cell_is_refused(project, tmp_path):
    p = project()
    p.write("content/datasets.yaml", (p.root / "content/datasets.yaml").read_text() + RESTRICTED_DATASET)
    p.edit("content/findings.yaml", '      - {value: "1,234", label: things counted in one month}',
           '      - {value: "4,242", label: seized, dataset: secret-counts, row: Seized, column: n}')
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert ("content/findings.yaml:6: finding 'finding-one', field 'figures[0].dataset': refers to dataset "
            "'secret-counts' (restricted), which is more restricted than this finding (public)") in result.output
    assert tree(tmp_path / "out") == {}


def test_a_public_recommendation_drawing_on_a_restricted_finding_is_refused(project, tmp_path):
    p = project()
    p.edit("content/findings.yaml", "    priority: 2\n    sensitivity: public", "    priority: 2\n    sensitivity: sensitive")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert ("content/recommendations.yaml:9: recommendation 'gov-one', field 'findings[0]': refers to finding "
            "'finding-two' (sensitive), which is more restricted than this recommendation (public)") in result.output


def test_a_public_item_citing_a_restricted_source_is_refused(project, tmp_path):
    p = project()
    p.edit("content/sources.yaml", "    url: https://example.org/a\n",
           "    url: https://example.org/a\n    sensitivity: restricted\n")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert ("content/findings.yaml:7: finding 'finding-one', field 'source': refers to source 'src-a' "
            "(restricted), which is more restricted than this finding (public)") in result.output


def test_a_source_cited_only_by_restricted_items_is_itself_restricted(project, tmp_path):
    p = project()
    p.edit("content/sources.yaml", "sources:\n", f"sources:\n  - id: src-secret\n    title: Internal {SECRET} review\n"
           "    publisher: Force Intelligence Unit\n    date: 2024-01\n")
    p.edit("content/quotes.yaml", "    source: src-a\n    locator: p. 9", "    source: src-secret\n    locator: p. 9")
    loaded = load(p.root)
    labels = [label for label, _ in audit.forbidden_texts(loaded.content, loaded.audiences["public"])]
    assert "source 'src-secret' (restricted)" in labels
    assert build(p.root, tmp_path / "out").exit_code == 0
    assert SECRET not in outputs_text(tmp_path / "out" / "public")
    assert SECRET in outputs_text(tmp_path / "out" / "cleared")


# ---- access control: messages never quote restricted values --------------------------------

@pytest.mark.parametrize("old, new, field", [
    ("    kind: offender\n", "    kind: offender\n    priority: high\n", "field 'priority'"),
    ("    date: 2024-04\n", f"    date: {SECRET}\n", "field 'date'"),
    ("    kind: offender\n", f"    kind: offender\n    topics: [{SECRET.lower()}]\n", "field 'topics[0]'"),
    ("    kind: offender\n", f"    kind: offender\n    note: {SECRET}\n", "unknown field 'note'"),
    ("    sensitivity: restricted\n", f"    sensitivity: restricted\n    role: [{SECRET}]\n", "field 'role'"),
])
def test_errors_about_a_restricted_item_never_print_its_values(project, tmp_path, old, new, field):
    p = project()
    p.edit("content/quotes.yaml", "RESTRICTED-QUOTE-MARKER", SECRET)
    p.edit("content/quotes.yaml", old, new)
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2 and "quote 'offender-quote'" in result.output and field in result.output
    assert SECRET not in result.output and SECRET.lower() not in result.output, result.output


def test_errors_about_an_item_of_unknown_level_withhold_its_values_too(project, tmp_path):
    p = project()
    p.edit("content/findings.yaml", "    priority: 2\n    sensitivity: public", f"    priority: {SECRET}\n    sensitivity: publik")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2 and "finding 'finding-two', field 'priority'" in result.output
    assert SECRET not in result.output


def test_check_messages_about_a_restricted_dataset_withhold_its_numbers(project, tmp_path):
    p = project()
    p.write("content/datasets.yaml", (p.root / "content/datasets.yaml").read_text()
            + RESTRICTED_DATASET.replace("      - [Seized, 4242]\n", "      - [Seized, 4242]\n      - [Total, 9876]\n")
            + "    checks:\n      - {sum: Total, parts: [Seized]}\n")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert "dataset 'secret-counts', field 'rows[1]': its parts do not add up to it (checks[0]) (values not shown" in result.output
    for value in ("4,242", "9,876", "4242", "9876", "Seized", "Total"):
        assert value not in result.output


# ---- the file system -----------------------------------------------------------------------

@pytest.mark.parametrize("name", [outputs.LOCK, outputs.STAGING, outputs.MANIFEST, "public", "public/public.pdf"])
def test_nothing_is_written_through_a_symbolic_link(project, tmp_path, name):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me")
    out = tmp_path / "out"
    target = outside if name in (outputs.STAGING, "public") else outside / "precious.txt"
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, out / name)
    result = build(project().root, out)
    assert (outside / "precious.txt").read_text() == "keep me"
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    if name == outputs.STAGING:  # briefgen's own folder: the link is removed, never followed
        assert result.exit_code == 0, result.output
        assert not (out / name).is_symlink()
    else:
        assert result.exit_code == 1
        assert result.output == (f"Error: it is a symbolic link, which briefgen never writes through while writing "
                                 f"{out / name}; "
                                 "nothing was written\n")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_an_os_error_while_writing_is_one_message_and_previous_outputs_are_untouched(project, tmp_path, monkeypatch, code):
    root, out = project().root, tmp_path / "out"
    assert build(root, out).exit_code == 0
    before = tree(out)
    real = outputs.os.fsync
    calls = []

    def failing(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file of the batch
            raise OSError(code, os.strerror(code))
        return real(fd)

    monkeypatch.setattr(outputs.os, "fsync", failing)
    result = build(root, out, "--force")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {os.strerror(code).lower()} while writing {out / outputs.STAGING}/")
    assert result.output.endswith("; previous outputs are untouched\n")
    assert tree(out) == before


def test_a_real_file_size_limit_ends_the_build_cleanly(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    assert build(root, out).exit_code == 0
    before = tree(out)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so the write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run([sys.executable, "-m", "briefgen", "build", "-p", str(root), "--out", str(out), "--force",
                             "--jobs", "1"], capture_output=True, text=True, preexec_fn=limit, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "file too large while writing" in result.stderr and "previous outputs are untouched" in result.stderr
    assert tree(out) == before


@pytest.mark.parametrize("name, file", [("CON", "con_"), ("nul", "nul_"), ("Aux", "aux_"), ("COM1", "com1_"),
                                        ("LPT9", "lpt9_"), ("Prn", "prn_"), ("Connor", "connor")])
def test_recipients_with_windows_reserved_names_get_portable_file_names(project, tmp_path, name, file):
    p = project()
    p.write("templates/audiences/personal.yaml", "name: Personal\npurpose: A test\nceiling: public\n"
            "sections:\n  - {kind: summary, heading: Key points}\n")
    csv_file = tmp_path / "NUL.csv"
    csv_file.write_text(f"name\n{name}\n", "utf-8")
    out = tmp_path / "out"
    assert build(p.root, out, "-a", "personal", "-f", "pdf", "-r", str(csv_file)).exit_code == 0
    assert list(tree(out)) == [f"personal/NUL_/{file}.pdf"]


def test_an_audience_file_with_a_windows_reserved_name_is_refused(project, tmp_path):
    p = project()
    (p.root / "templates/audiences/public.yaml").rename(p.root / "templates/audiences/aux.yaml")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert "templates/audiences/aux.yaml:1: audience 'aux': the file name 'aux' names the output folder" in result.output


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_workers_die_with_a_killed_build_and_the_next_build_starts(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", "name: Personal\npurpose: A test\nceiling: public\n"
            "prose: {purpose: 'Dear {{ recipient.name }}.'}\n"
            "sections:\n  - {kind: summary, heading: Key points}\n  - {kind: findings, heading: Evidence}\n"
            "  - {kind: datasets, heading: Figures}\n")
    csv_file = tmp_path / "mps.csv"
    csv_file.write_text("name\n" + "".join(f"Member {i}\n" for i in range(300)), "utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefgen", "build", "-p", str(p.root), "-a", "personal", "-r", str(csv_file),
               "-f", "pdf", "--out", str(out), "--jobs", "2", "--force"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.time() + 60, []
    while time.time() < deadline and len(workers) < 2:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build did not start its workers"
    time.sleep(0.3)  # let them take work
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.time() + 2
    while time.time() < deadline and any(map(_alive, workers)):
        time.sleep(0.05)
    assert not any(map(_alive, workers)), "a worker outlived its parent by more than 2 s"
    result = subprocess.run(command[:-1] + ["--jobs", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert len(tree(out / "personal")) == 300


# ---- resources -----------------------------------------------------------------------------

LAUGHS = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(10))


@pytest.mark.parametrize("text", [
    LAUGHS,
    "glossary:\n  - &a {id: x}\n  - *a\n",
    "glossary:\n  - id: x\n    term: &t Term\n    definition: *t\n",
    "a: &x " + "[" * 20 + "1" + "]" * 20 + "\nb: [" + ", ".join(["*x"] * 1000) + "]\n",
])
def test_aliases_are_refused_before_anything_is_composed(tmp_path, text):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, "utf-8")
    started = time.perf_counter()
    located, problems = yamlfile.read(path, "content/glossary.yaml")
    assert time.perf_counter() - started < 1.0
    assert located is None
    assert problems and all("anchors and aliases (&, *) are not allowed" in p.message for p in problems)


@pytest.mark.parametrize("text", [
    "glossary: " + "[" * 30_000 + "]" * 30_000,
    "glossary: " + "{a: " * 30_000 + "1" + "}" * 30_000,
    "glossary:\n  " + "- " * 30_000 + "x\n",
    "glossary: " + "[{a: " * 15_000 + "1" + "}]" * 15_000,
])
@pytest.mark.parametrize("parser", ["c", "pure"])
def test_deep_nesting_is_refused_by_both_parsers_without_crashing(tmp_path, text, parser):
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    (project / "content/glossary.yaml").write_text(text, "utf-8")
    code = ("import sys; from pathlib import Path; from briefgen import yamlfile\n"
            + ("from ruamel.yaml import YAML\nyamlfile._parsers = lambda: (YAML(typ='safe', pure=True),) * 2\n"
               if parser == "pure" else "")
            + "located, problems = yamlfile.read(Path(sys.argv[1]), 'content/glossary.yaml')\n"
              "print(located is None, problems[0])")
    result = subprocess.run([sys.executable, "-c", code, str(project / "content/glossary.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.startswith("True content/glossary.yaml:")
    assert "is nested more than 40 levels deep" in result.stdout


@pytest.mark.parametrize("cell", ["1" * 400, "-" + "9" * 400, "1" * 5000, ".nan", ".inf", "-.inf", "1e400",
                                  "1_000_000_000_000_000"])
def test_numbers_out_of_range_are_content_errors(project, tmp_path, cell):
    p = project()
    p.edit("content/datasets.yaml", "[Assessed, 500, 600]", f"[Assessed, 500, {cell}]")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert ("content/datasets.yaml:11: dataset 'counts', field 'rows[1][2]': is not a usable number: numbers "
            "must be finite and between -10^15 and 10^15") in result.output


# ---- text that looks right but is not --------------------------------------------------------

@pytest.mark.parametrize("text, named", [
    ('"The law\\0 has a gap"', "U+0000"),
    ('"The law\\e has a gap"', "U+001B"),
    ('"The law\\x7f has a gap"', "U+007F"),
    ('"The law\\L has a gap"', "U+2028"),
    ('"The law\\x85 has a gap"', "U+0085"),
])
def test_control_characters_are_refused_however_they_are_written(project, tmp_path, text, named):
    p = project()
    p.edit("content/findings.yaml", "headline: The law has a gap", f"headline: {text}")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert (f"content/findings.yaml:14: finding 'finding-two', field 'headline': contains control or "
            f"invalid characters ({named})") in result.output


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2069", "\u200f", "\u061c"])
def test_bidirectional_controls_are_refused(project, tmp_path, char):
    p = project()
    p.edit("content/findings.yaml", "1,234 things", f"1,234{char} things")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2
    assert (f"content/findings.yaml:3: finding 'finding-one', field 'headline': contains bidirectional control "
            f"characters (U+{ord(char):04X}), which can make text display in another order") in result.output


def test_a_right_to_left_briefing_may_use_bidi_marks_but_never_overrides(project, tmp_path):
    p = project()
    p.edit("content/briefing.yaml", "language: en-GB", "language: he")
    p.edit("content/findings.yaml", "1,234 things", "1,234\u200f things")
    assert load(p.root)
    p.edit("content/findings.yaml", "1,234\u200f things", "1,234\u202e things")
    result = build(p.root, tmp_path / "out")
    assert result.exit_code == 2 and "U+202E" in result.output


def test_control_characters_in_recipient_rows_are_refused(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", "name: Personal\npurpose: A test\nceiling: public\n"
            "prose: {purpose: 'Dear {{ recipient.name }}.'}\nsections:\n  - {kind: summary}\n")
    csv_file = tmp_path / "mps.csv"
    csv_file.write_text("name,town\nAmy\x00 Pond,Lead\u202eworth\n", "utf-8")
    result = build(p.root, tmp_path / "out", "-a", "personal", "-r", str(csv_file))
    assert result.exit_code == 2
    assert "mps.csv:2: field 'name': contains control or invalid characters (U+0000)" in result.output
    assert "mps.csv:2: field 'town': contains bidirectional control characters (U+202E)" in result.output


@pytest.mark.parametrize("written, shown", [
    ("child p\u200born", '"child p<U+200B>orn"'),
    ("child p\u00adorn", '"child p<U+00AD>orn"'),
    ("child p\u2060orn", '"child p<U+2060>orn"'),
    ("child p\u043ern", '"child p\u043ern" ("\u043e" is cyrillic small letter o (U+043E), not "o")'),
    ("ch\u0456ld pornography", '"ch\u0456ld pornography" ("\u0456" is cyrillic small letter byelorussian-ukrainian i'),
    ("child p\u03bfrn", '"child p\u03bfrn" ("\u03bf" is greek small letter omicron (U+03BF), not "o")'),
])
def test_the_terminology_check_sees_through_invisible_and_look_alike_letters(project, tmp_path, written, shown):
    p = project()
    p.edit("content/findings.yaml", "The law has a gap", f"The law on {written} has a gap")
    result = run("check", "-p", str(p.root))
    assert result.exit_code == 0
    assert f"content/findings.yaml:14: warning: finding 'finding-two', field 'headline': {shown}" in result.output


# ---- all problems at once --------------------------------------------------------------------

def test_every_problem_of_a_recipients_file_and_its_templates_in_one_run(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", "name: Personal\npurpose: A test\nceiling: public\n"
            "prose:\n  title: '{{ recipient.rol }}'\n  purpose: '{{ recipient.nme }}'\n"
            "sections:\n  - {kind: summary}\n")
    csv_file = tmp_path / "mps.csv"
    csv_file.write_text("person,role\nAnn,MP,extra\nBob\x07,Peer\n", "utf-8")
    result = build(p.root, tmp_path / "out", "-a", "personal", "-r", str(csv_file))
    assert result.exit_code == 2
    assert "mps.csv:1: has no 'name' column to name files by (columns: person, role)" in result.output
    assert "mps.csv:2: row has more cells than the header" in result.output
    result = build(p.root, tmp_path / "out", "-a", "personal", "-r", str(csv_file.with_name("x.csv")))
    csv_file.write_text("name,role\nAnn,MP,extra\nBob\x07,Peer\nCyd,Lord\n", "utf-8")
    result = build(p.root, tmp_path / "out", "-a", "personal", "-r", str(csv_file))
    lines = result.output.splitlines()
    assert lines[0] == "Error: 4 problems in the content:"
    assert "  mps.csv:2: row has more cells than the header" in lines
    assert "  mps.csv:3: field 'name': contains control or invalid characters (U+0007); remove them" in lines
    assert ("  templates/audiences/personal.yaml:5: audience 'personal', field 'prose.title': template uses an "
            "undefined value: unknown column 'rol'; did you mean 'role'? Columns: name, role "
            "(recipient rows 3 and 4)") in lines or any("unknown column 'rol'; did you mean 'role'?" in l for l in lines)
    assert any("field 'prose.purpose'" in line and "unknown column 'nme'; did you mean 'name'?" in line for line in lines)
    assert tree(tmp_path / "out") == {}


def test_every_broken_template_of_an_audience_is_reported(project, tmp_path):
    p = project()
    p.edit("templates/audiences/public.yaml", 'purpose: "For {{ audience.name }}:', 'purpose: "For {{ audience.nam }}:')
    p.edit("templates/audiences/public.yaml", 'call_to_action: "**Act** now."', 'call_to_action: "{{ briefing.titel }}"')
    result = run("check", "-p", str(p.root))
    assert result.exit_code == 2
    assert "field 'prose.purpose': template uses an undefined value" in result.output
    assert "field 'prose.call_to_action': template uses an undefined value" in result.output


@pytest.mark.parametrize("theme, expected", [
    ("font:\n  regular: notes.txt\n", "theme.yaml:2: field 'font.regular': font file 'notes.txt' is not a font fontTools can read"),
    ("font:\n  bold: /etc/hostname\n", "theme.yaml:2: field 'font.bold': font file '/etc/hostname' is outside the project folder"),
    ("font:\n  italic: missing.ttf\n", "theme.yaml:2: field 'font.italic': font file 'missing.ttf' does not exist"),
    ("font:\n  family: Noto Sanz\n", "theme.yaml:2: field 'font.family': 'Noto Sanz' is not the family name of the regular font file ('Noto Sans')"),
    ("page: {size: B7}\n", "theme.yaml:1: field 'page.size': Input should be 'A4', 'A5', 'Letter' or 'Legal'"),
    ("page: {margin_mm: -3}\n", "theme.yaml:1: field 'page.margin_mm': Input should be greater than or equal to 5"),
    ("colour: {accent: teal}\n", "theme.yaml:1: field 'colour.accent': String should match pattern"),
    ("text: {body: {size: 400}}\n", "theme.yaml:1: field 'text.body.size': Input should be less than or equal to 96"),
    ("colours: {accent: '#000000'}\n", "theme.yaml:1: field 'colours': unknown field 'colours'; did you mean 'colour'?"),
    ("page: [A4]\n", "theme.yaml:1: field 'page': Input should be a valid dictionary"),
    ("- a\n", "theme.yaml:1: must be a mapping of theme keys"),
])
def test_every_theme_value_is_a_content_error_with_its_line(project, tmp_path, theme, expected):
    p = project()
    p.write("notes.txt", "not a font")
    p.write("theme.yaml", theme)
    for command in (["check", "-p", str(p.root)], ["build", "-p", str(p.root), "--out", str(tmp_path / "out")]):
        result = run(*command)
        assert result.exit_code == 2 and expected in result.output, result.output
    assert tree(tmp_path / "out") == {}


@pytest.mark.parametrize("colour, ground", [("grey: '#9AA0A6'", "the page"), ("accent: '#3D9BC4'", "the page"),
                                            ("tint: '#8FB3C4'", "the tint of boxes")])
def test_a_theme_colour_below_aa_contrast_is_a_warning(project, colour, ground):
    p = project()
    p.write("theme.yaml", f"colour: {{{colour}}}\n")
    result = run("check", "-p", str(p.root))
    assert result.exit_code == 0 and "theme.yaml:1: warning: field 'colour." in result.output
    assert f"on {ground}" in result.output and "text needs 4.5:1 (WCAG AA)" in result.output
    assert run("check", "--strict", "-p", str(p.root)).exit_code == 2


def test_the_shipped_theme_meets_aa_contrast_everywhere():
    from briefgen.themefile import contrast

    colours = theme.default().colour
    for name in ("text", "accent", "grey"):
        for ground in ("#FFFFFF", colours.tint):
            assert contrast(getattr(colours, name), ground) >= 4.5, (name, ground)


def test_a_theme_changes_only_the_values_it_names(project):
    p = project()
    p.write("theme.yaml", "text: {body: {size: 11}}\ncolour: {accent: '#7A1F5C'}\n")
    changed, shipped = load(p.root).theme, theme.default()
    assert changed.text.body.size == 11 and changed.text.body.size != shipped.text.body.size
    assert changed.text.body.model_copy(update={"size": shipped.text.body.size}) == shipped.text.body
    assert changed.colour.accent == "#7A1F5C" and changed.colour.grey == shipped.colour.grey


@pytest.mark.parametrize("size, points", [("letter", (612, 792)), ("LEGAL", (612, 1008)), ("a5", (420, 595)),
                                          ("A4", (595, 842))])
def test_page_sizes_are_accepted_in_any_case_and_used(project, tmp_path, size, points):
    from pypdf import PdfReader

    p = project()
    p.write("theme.yaml", f"page: {{size: {size}}}\n")
    assert build(p.root, tmp_path / "out", "-a", "public").exit_code == 0
    box = PdfReader(tmp_path / "out/public/public.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points
