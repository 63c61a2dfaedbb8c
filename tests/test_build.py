"""Builds: deterministic, incremental, atomic under SIGKILL, one at a time, recipients by row."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import outputs
from briefgen.build import build
from briefgen.cli import main
from briefgen.errors import ContentError

from clients import qpdf_check

PERSONAL = """name: Personal
purpose: Personalised test briefing
ceiling: public
prose:
  purpose: "Dear {{ recipient.name }}, as MP for {{ recipient.constituency }}:"
sections:
  - {kind: summary, heading: Key points}
  - {kind: references, heading: References}
"""


def files(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every DOCX, PDF and HTML file under `folder`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.suffix in (".docx", ".pdf", ".html")
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def assert_valid(path: Path) -> None:
    if path.suffix == ".pdf":
        qpdf_check(path)
    else:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None and "word/document.xml" in z.namelist()


def recipients_csv(path: Path, rows: int) -> Path:
    lines = ["name,constituency,party"] + [f"Member {i},Town {i},Party" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_forced_builds_are_byte_identical(project, tmp_path):
    root = project().root
    build(root, tmp_path / "a", force=True)
    build(root, tmp_path / "b", force=True, jobs=1)
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert sorted(first) == [f"{a}/{a}{suffix}" for a in ("cleared", "public")
                             for suffix in (".accessible.pdf", ".docx", ".html", ".pdf")]
    assert first == second


def test_noop_rebuild_writes_nothing(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    build(root, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    summary = build(root, out)
    assert summary.written == [] and summary.current == 8  # 2 audiences x 4 formats
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before


def test_changing_one_audience_rebuilds_only_its_files(project, tmp_path):
    p = project()
    out = tmp_path / "out"
    build(p.root, out)
    p.edit("templates/audiences/public.yaml", "name: Public readers", "name: General readers")
    summary = build(p.root, out)
    assert sorted(path.relative_to(out).as_posix() for path, _ in summary.written) == [
        "public/public.accessible.pdf", "public/public.docx", "public/public.html", "public/public.pdf"]


def test_a_changed_or_deleted_output_is_rebuilt(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    build(root, out)
    (out / "public/public.pdf").write_bytes(b"tampered")
    (out / "cleared/cleared.docx").unlink()
    summary = build(root, out)
    assert sorted(path.name for path, _ in summary.written) == ["cleared.docx", "public.pdf"]
    assert_valid(out / "public/public.pdf")


def test_a_second_build_on_the_same_folder_is_refused(project, tmp_path):
    out = tmp_path / "out"
    with outputs.locked(out):
        result = CliRunner().invoke(main, ["build", "-p", str(project().root), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == (f"Error: another build (pid {os.getpid()}) is writing to {out}; "
                             "wait for it to finish or choose another --out\n")
    assert files(out) == {}


def test_stale_temporary_files_are_swept(project, tmp_path):
    out = tmp_path / "out"
    (out / "public").mkdir(parents=True)
    (out / "public" / ".public.pdf.abc123.tmp").write_bytes(b"half")
    build(project().root, out)
    assert list(out.rglob("*.tmp")) == []


def test_build_killed_while_rendering_leaves_the_folder_as_it_was(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", PERSONAL)
    csv_file = recipients_csv(tmp_path / "mps.csv", 40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefgen", "build", "-p", str(p.root), "-a", "personal",
               "--recipients", str(csv_file), "--out", str(out), "--jobs", "1"]
    subprocess.run(command, check=True, capture_output=True)
    old = files(out)
    p.edit("content/findings.yaml", "1,234 things", "1,234 items")  # every output changes
    process = subprocess.Popen(command + ["--force"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    staging = out / outputs.STAGING
    deadline = time.time() + 60
    while time.time() < deadline and process.poll() is None:
        if len(list(staging.glob("*.*"))) >= 5:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(list(staging.glob("*.*"))) >= 5, "the kill did not land mid-batch"
    assert files(out) == old, "a published file changed or went missing"
    build(p.root, out, ("personal",), recipients=csv_file)  # picks up where nothing was published
    new = files(_fresh_build(p.root, csv_file, tmp_path / "fresh"))
    assert files(out) == new and not staging.exists()


def test_a_publish_cut_short_is_completed_by_the_next_build(project, tmp_path):
    root, out = project().root, tmp_path / "out"
    build(root, out)
    old = files(out)
    # What a build killed between two renames leaves: its journal, one file already moved.
    stage = outputs.Stage(out).__enter__()
    finals = [(out / "public/public.pdf").resolve(), (out / "public/public.docx").resolve()]
    staged = [stage.path(f) for f in finals]
    for path in staged:
        outputs.write_new(path, b"new " + path.suffix.encode())
    outputs.write_new(stage.folder / outputs.JOURNAL, json.dumps(
        [[s.name, f.relative_to(out.resolve()).as_posix()] for s, f in zip(staged, finals)]).encode())
    os.replace(staged[0], finals[0])
    assert outputs.recover(out) == 1
    assert (out / "public/public.docx").read_bytes() == b"new .docx"
    assert not (out / outputs.STAGING).exists()
    assert files(out)["cleared/cleared.pdf"] == old["cleared/cleared.pdf"]


def _fresh_build(root: Path, csv_file: Path, out: Path) -> Path:
    build(root, out, ("personal",), recipients=csv_file, force=True)
    return out


def test_personalised_briefings_use_each_row(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", PERSONAL)
    out = tmp_path / "out"
    summary = build(p.root, out, ("personal",), ("pdf",), recipients=recipients_csv(tmp_path / "mps.csv", 3))
    assert [path.relative_to(out).as_posix() for path, _ in summary.written] == [
        "personal/mps/member-0.pdf", "personal/mps/member-1.pdf", "personal/mps/member-2.pdf"]
    from clients import pdftotext
    assert "Dear Member 1, as MP for Town 1:" in pdftotext(out / "personal/mps/member-1.pdf")


def test_bad_recipient_rows_are_reported_by_row_before_anything_is_written(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", PERSONAL)
    csv_file = tmp_path / "mps.csv"
    csv_file.write_text("name,constituency\nAnn Smith,Town\nAnn  Smith,Town\n,Town\nBob Jones,\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-p", str(p.root), "-a", "personal", "-r", str(csv_file),
                                       "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (
        "Error: 3 problems in the content:\n"
        "  mps.csv:3: field 'name': row gives the file name 'ann-smith' again (row 2)\n"
        "  mps.csv:4: field 'name': row has no usable 'name' to name its file\n"
        "  templates/audiences/personal.yaml:5: audience 'personal', field 'prose.purpose': template uses "
        "an undefined value: column 'constituency' is empty; print it only where it is filled: "
        "{% if 'constituency' in recipient %}…{% endif %} (recipient row 5)\n")
    assert files(out) == {}
    csv_file.write_text("name,constituency\nAnn Smith,Town\nBob Jones,\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        build(p.root, out, ("personal",), recipients=csv_file)
    assert [str(x) for x in caught.value.problems] == [
        "templates/audiences/personal.yaml:5: audience 'personal', field 'prose.purpose': template uses an "
        "undefined value: column 'constituency' is empty; print it only where it is filled: "
        "{% if 'constituency' in recipient %}…{% endif %} (recipient row 3)"]
    assert files(out) == {}


def test_outputs_never_land_outside_the_output_folder(tmp_path):
    with pytest.raises(Exception, match="outside"):
        outputs.safe_child(tmp_path, "..", "escape.pdf")
    assert outputs.safe_child(tmp_path, "a", "b.pdf") == (tmp_path / "a" / "b.pdf").resolve()


def test_a_strict_failure_in_a_recipients_batch_leaves_the_folder_byte_identical(project, tmp_path):
    p = project()
    p.write("templates/audiences/personal.yaml", PERSONAL.replace("purpose: Personalised test briefing",
                                                                  "purpose: Personalised test briefing\npage_budget: 1"))
    csv_file = tmp_path / "mps.csv"
    rows = ["name,constituency"] + [f"Member {i},Town {i}" for i in range(8)] + ["Longwinded Member," + "Far " * 600]
    csv_file.write_text("\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["build", "-p", str(p.root), "-a", "personal", "-r", str(csv_file),
                                      "--out", str(out), "--jobs", "1"])
    assert first.exit_code == 0 and "over the budget of 1" in first.output, first.output
    everything = lambda: {f.relative_to(out).as_posix(): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()}
    before = everything()
    p.edit("content/findings.yaml", "1,234 things", "1,234 items")  # every briefing changes
    result = CliRunner().invoke(main, ["build", "-p", str(p.root), "-a", "personal", "-r", str(csv_file),
                                       "--out", str(out), "--jobs", "1", "--strict"])
    assert result.exit_code == 2, result.output
    assert "longwinded-member" in result.output and "over the budget of 1" in result.output
    assert everything() == before, "a failed build changed the output folder"
