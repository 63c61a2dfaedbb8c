"""`briefgen preflight` and the build's PDF preflight: exact output, exit codes, what is imported."""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

from click.testing import CliRunner

from briefgen.cli import main
from briefgen.preflight import model

from .pages import HEIGHT, MARGIN, Drawing

BAD = 'heading "4 What the law says" is the last line of the page (heading-at-foot)'


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, re.sub(r" in \d+\.\d s:", " in N s:", result.output)


def folder(tmp_path, bad: bool = True):
    """Return (project, output folder) holding a clean PDF and, if `bad`, one with a fault."""
    out = tmp_path / "out"
    (out / "public").mkdir(parents=True)
    (out / "public" / "good.pdf").write_bytes(Drawing().fill(MARGIN + 20).page().fill(HEIGHT / 2).pdf())
    if bad:
        pdf = Drawing().fill(MARGIN + 40).heading("4 What the law says").page().fill(HEIGHT / 2).pdf()
        (out / "public" / "bad.pdf").write_bytes(pdf)
    project = tmp_path / "project"  # no theme.yaml: the shipped theme
    project.mkdir()
    return project, out


def test_faults_are_warnings_and_exit_0(tmp_path):
    project, out = folder(tmp_path)
    assert invoke("preflight", str(out), "-p", str(project)) == (0, (
        f"{out}/public/bad.pdf: page 1: warning: {BAD}\n"
        "Checked 2 PDF (4 pages) in N s: 1 layout fault.\n"))


def test_with_strict_faults_are_errors_and_exit_4(tmp_path):
    project, out = folder(tmp_path)
    assert invoke("preflight", str(out), "-p", str(project), "--strict") == (4, (
        "Error: 1 layout fault in 1 file:\n"
        f"  {out}/public/bad.pdf: page 1: {BAD}\n"
        "Checked 2 PDF (4 pages) in N s: 1 layout fault.\n"))


def test_clean_files_pass_strict(tmp_path):
    project, out = folder(tmp_path, bad=False)
    assert invoke("preflight", str(out), "-p", str(project), "--strict") == (
        0, "Checked 1 PDF (2 pages) in N s: no layout faults.\n")


def test_a_missing_folder_is_a_usage_error(tmp_path):
    assert invoke("preflight", str(tmp_path / "nowhere"), "-p", str(tmp_path)) == (
        2, f"Error: no output folder at {tmp_path / 'nowhere'}\n")


def test_without_libreoffice_docx_files_are_skipped_and_said_so(tmp_path, monkeypatch):
    from briefgen.preflight import libreoffice

    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    project, out = folder(tmp_path, bad=False)
    (out / "public" / "good.docx").write_bytes(b"not opened")
    assert invoke("preflight", str(out), "-p", str(project)) == (0, (
        "Checked 1 PDF (2 pages) in N s: no layout faults. 1 DOCX not checked: LibreOffice (soffice) is "
        "not installed, so DOCX files cannot be laid out.\n"))


def strict_measure(monkeypatch, characters: int = 20) -> None:
    """Judge lines by a measure every briefing breaks, whatever the theme's own is."""
    of = model.Settings.of.__func__
    monkeypatch.setattr(model.Settings, "of", classmethod(
        lambda cls, theme: dataclasses.replace(of(cls, theme), measure=characters)))


def test_build_checks_each_pdf_it_writes_and_warns(project, tmp_path, monkeypatch):
    strict_measure(monkeypatch)
    out = tmp_path / "o"
    code, output = invoke("build", "-p", str(project().root), "-a", "public", "-f", "pdf", "--out", str(out))
    assert code == 0, output
    assert f"{out}/public/public.pdf: page 1: warning: " in output
    assert "longer than the measure of 20 characters" in output
    assert (out / "public" / "public.pdf").is_file()


def test_build_with_strict_writes_nothing_with_a_layout_fault_and_exits_4(project, tmp_path, monkeypatch):
    strict_measure(monkeypatch)
    out = tmp_path / "o"
    code, output = invoke("build", "-p", str(project().root), "-a", "public", "-f", "pdf", "--out", str(out),
                          "--strict")
    assert code == 4, output
    assert output.startswith(f"Error: not written: public.pdf has layout faults:\n  {out}/public/public.pdf: "
                             "page 1: ")
    assert not (out / "public" / "public.pdf").exists()


def modules(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_preflight_never_imports_the_writers(tmp_path):
    _, out = folder(tmp_path)
    loaded = modules(f"from pathlib import Path\nfrom briefgen import preflight\n"
                     f"preflight.run(Path({str(tmp_path / 'project')!r}), Path({str(out)!r}), formats=('pdf',))")
    assert "briefgen.preflight.read" in loaded  # it did read the pages
    assert not {m for m in loaded if m.startswith(("briefgen.writers", "reportlab", "docx", "matplotlib"))}


def test_help_imports_neither_the_preflight_nor_pdfium():
    loaded = modules("from briefgen.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not {m for m in loaded if m.startswith(("briefgen.preflight", "pypdfium2"))}
