"""`briefgen init`: a starter project that builds straight away and passes the real clients."""
from __future__ import annotations

import re
import shutil

import docx
import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.scaffold import STARTER, files
from clients import BAD_GLYPHS, docx_text, fonts, pdftotext, qpdf_check, soffice_to_pdf

FIELD = re.compile(r"^\s*(- )?[A-Za-z_][\w-]*:(\s|$)")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_init_builds_and_every_real_client_accepts_the_result(tmp_path, monkeypatch):
    folder = tmp_path / "new-project"
    result = invoke("init", str(folder))
    assert result.exit_code == 0, result.output
    assert "  content/briefing.yaml\n" in result.output and "  theme.yaml  (optional)\n" in result.output
    monkeypatch.chdir(folder)
    assert invoke("check", "--strict").exit_code == 0
    built = invoke("build", "--strict", "--jobs", "1")
    assert built.exit_code == 0, built.output
    built_to = folder / "output" / "policymakers"
    pdf, word = built_to / "policymakers.pdf", built_to / "policymakers.docx"
    qpdf_check(pdf)
    assert all(row["emb"] == "yes" for row in fonts(pdf))
    text = pdftotext(pdf)
    assert "1,200 reports were made to the example helpline" in " ".join(text.split())
    assert not any(glyph in text for glyph in BAD_GLYPHS)
    assert docx.Document(str(word)).core_properties.title == "Safer online spaces for children (example)"
    assert "Build safety in from the start" in docx_text(word.read_bytes())
    if shutil.which("soffice") or shutil.which("libreoffice"):
        converted = soffice_to_pdf(word, tmp_path)
        assert "Safer online spaces for children" in pdftotext(converted)


def test_init_builds_a_briefing_per_recipient_from_its_example_file(tmp_path, monkeypatch):
    invoke("init", str(tmp_path / "p"))
    monkeypatch.chdir(tmp_path / "p")
    result = invoke("build", "-f", "pdf", "--recipients", "content/recipients.example.csv", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Prepared for Alex Example" in pdftotext(
        tmp_path / "p" / "output" / "policymakers" / "recipients.example" / "alex-example.pdf")


def test_every_field_of_the_starter_has_a_comment():
    for relative in files():
        if relative.suffix != ".yaml":
            continue
        for number, line in enumerate((STARTER / relative).read_text("utf-8").splitlines(), 1):
            if FIELD.match(line):
                assert " # " in line, f"{relative}:{number} has no comment: {line}"


@pytest.mark.parametrize("existing", ["file", "folder"])
def test_init_refuses_a_folder_that_is_not_empty(tmp_path, existing):
    target = tmp_path / "taken"
    if existing == "file":
        target.write_text("x")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    result = invoke("init", str(target))
    assert result.exit_code == 2
    assert "Error: " in result.output and "Created" not in result.output
    assert (target.read_text() if existing == "file" else (target / "notes.txt").read_text()) in ("x", "mine")
