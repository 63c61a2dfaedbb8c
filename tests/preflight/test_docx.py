"""The DOCX path: files made with python-docx, laid out by real LibreOffice, then checked."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from PIL import Image

from briefgen.preflight import check_docx, check_file
from briefgen.preflight.libreoffice import convert, soffice

from .pages import THEME

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

# A theme in a family LibreOffice has here, so that only the font each test picks can fail.
DEJAVU_THEME = THEME.model_copy(update={"font": THEME.font.model_copy(update={"family": "DejaVu Sans"})})


def briefing(path: Path, font: str = "DejaVu Sans", picture_line: float | None = None) -> Path:
    """Write a DOCX with a caption, a 4 x 2 inch picture and a source line, in `font`.

    `picture_line`: exact line spacing (points) of the picture's paragraph, as a writer might
    set it by mistake; a picture taller than its line is cut to the line.
    """
    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    word.add_paragraph("Figure 1: Reports rose in every quarter")
    png = io.BytesIO()
    Image.new("RGB", (800, 400), "#0B5C7A").save(png, "PNG")
    holder = word.add_paragraph()
    holder.add_run().add_picture(io.BytesIO(png.getvalue()), width=Inches(4))
    if picture_line:
        holder.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        holder.paragraph_format.line_spacing = Pt(picture_line)
    word.add_paragraph("Source: a test of the preflight.")
    word.save(path)
    return path


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """Return {name: (docx, pdf)} for each test file, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("docx")
    files = {"clean": briefing(folder / "clean.docx"),
             "clipped": briefing(folder / "clipped.docx", picture_line=12),
             "serif": briefing(folder / "serif.docx", font="Liberation Serif")}
    pdfs = convert(list(files.values()), folder / "work")
    return {name: (path, pdfs[path]) for name, path in files.items()}


def found(laid_out, name: str) -> list[str]:
    docx, pdf = laid_out[name]
    return [str(f) for f in check_file(docx, pdf.read_bytes(), DEJAVU_THEME)[0]]


def test_a_clean_docx_has_no_faults_in_libreoffice(laid_out):
    assert found(laid_out, "clean") == []


def test_a_picture_in_a_paragraph_with_exact_spacing_smaller_than_it_is_caught_as_clipped(laid_out):
    faults = found(laid_out, "clipped")
    assert len(faults) == 1, faults
    docx = laid_out["clipped"][0]
    assert faults[0].startswith(f'{docx}: page 1: warning: picture under "Figure 1: Reports rose in every '
                                'quarter" (288 x 144 pt) is clipped: ')
    assert faults[0].endswith(" not shown (picture-clipped)")


def test_a_docx_in_a_font_other_than_the_themes_is_caught(laid_out):
    docx = laid_out["serif"][0]
    assert found(laid_out, "serif") == [
        f"{docx}: page 1: warning: text is set in LiberationSerif, not the theme's DejaVu Sans, on every page "
        '(first: "Figure 1: Reports rose in every quarter") (font)']


def test_check_docx_lays_out_one_file_itself(laid_out, tmp_path):
    docx = briefing(tmp_path / "one.docx", picture_line=12)
    work = laid_out["clean"][1].parents[2]  # LibreOffice's profile is there: a warm start
    assert [f.rule for f in check_docx(docx, DEJAVU_THEME, work)] == ["picture-clipped"]
