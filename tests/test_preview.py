"""`briefgen preview`: PDF pages as PNG images and a contact sheet, inside the output folder."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from PIL import Image

from briefgen.cli import main
from briefgen.outputs import OutputError
from briefgen.preview import preview


def test_preview_builds_the_pdf_and_draws_every_page_and_a_contact_sheet(project, tmp_path):
    p = project()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["preview", "-p", str(p.root), "-a", "public", "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / ".preview" / "public"
    sheet, first, second = (folder / name for name in ("public-pages.png", "public-page-1.png",
                                                       "public-page-2.png"))
    assert result.output == f"{sheet} (2 pages)\n  {first}\n  {second}\n"
    assert (out / "public" / "public.pdf").is_file() and not (out / "public" / "public.docx").exists()
    with Image.open(first) as page:
        assert page.size == (910, 1287)  # A4 at 110 dpi, rounded up
        assert page.getpixel((5, 5)) == (255, 255, 255)
    with Image.open(sheet) as contact:
        assert contact.size[0] == 16 + 2 * (300 + 16)


def test_a_shorter_briefing_leaves_no_stale_pages(project, tmp_path):
    p = project()
    out = tmp_path / "out"
    assert len(preview(p.root, out, ("public",)).briefings[0][1]) == 2
    p.edit("templates/audiences/public.yaml", "  - {kind: datasets, heading: Figures}\n", "")
    p.edit("templates/audiences/public.yaml", "  - {kind: glossary, heading: Glossary}\n", "")
    _, pages = preview(p.root, out, ("public",)).briefings[0]
    assert sorted(f.name for f in (out / ".preview" / "public").iterdir()) == sorted(
        ["public-pages.png"] + [page.name for page in pages])


def test_preview_never_writes_through_a_symbolic_link(project, tmp_path):
    p = project()
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / ".preview")
    with pytest.raises(OutputError, match="symbolic link"):
        preview(p.root, out, ("public",))
    assert list(elsewhere.iterdir()) == []
