"""Real clients that check outputs: qpdf, pdffonts, pdftotext (poppler) and LibreOffice."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BAD_GLYPHS = ("\ufffd", "\u25a0", "\u25a1")  # replacement character, black and white boxes


def run(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def qpdf_check(pdf: Path) -> str:
    """Return qpdf's report; raise AssertionError unless the file is clean."""
    result = run("qpdf", "--check", str(pdf))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def fonts(pdf: Path) -> list[dict]:
    """Return pdffonts' rows as dicts with name, type, emb, sub."""
    lines = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID; read the yes/no flags from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pdftotext(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def soffice_to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert with headless LibreOffice and return the PDF; fail if it was not written.

    soffice exits 0 even when the conversion fails, so the file itself is the evidence.
    """
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice (soffice) is not installed"
    profile = outdir / "lo-profile"
    result = run(exe, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(outdir), str(docx), timeout=180)
    pdf = outdir / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, result.stdout + result.stderr
    return pdf


def docx_text(data: bytes) -> str:
    """Return the text of every XML part of a DOCX: runs, and alt text / titles in attributes."""
    import io
    import re
    import zipfile

    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        for name in sorted(docx.namelist()):
            if name.endswith(".xml") or name.endswith(".rels"):
                xml = docx.read(name).decode("utf-8")
                parts += re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)
                parts += re.findall(r'\s(?:descr|title|Target)="([^"]*)"', xml)
    from xml.sax.saxutils import unescape

    return unescape("\n".join(parts), {"&quot;": '"', "&apos;": "'"})
