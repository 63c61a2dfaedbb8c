"""DOCX files laid out by LibreOffice, as a reader's word processor would, into PDFs to check.

LibreOffice runs headless with a private profile in the work folder, so it neither touches
the user's settings nor waits for an office they have open. It exits 0 even when it fails,
so the PDF it writes is the only evidence of success.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import BriefgenError

BATCH = 40  # files per LibreOffice start: one start costs about as much as a few files
SECONDS = 60  # for LibreOffice to start, plus this many per file


class ConversionError(BriefgenError):
    """LibreOffice is missing, or made no PDF of a DOCX."""


def soffice() -> str | None:
    """Return the LibreOffice program to run, or None if it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: list[Path], workdir: Path) -> dict[Path, Path | None]:
    """Return, for each DOCX in `paths`, the PDF LibreOffice made of it under `workdir` (or None).

    The profile LibreOffice makes on its first start stays in `workdir`, so later calls with the
    same folder start faster. Raise ConversionError if LibreOffice is not installed.
    """
    program = soffice()
    if program is None:
        raise ConversionError("LibreOffice (soffice) is not installed, so DOCX files cannot be laid out")
    workdir.mkdir(parents=True, exist_ok=True)
    profile = (workdir / "profile").resolve()
    done: dict[Path, Path | None] = {}
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        batch_dir = Path(tempfile.mkdtemp(prefix="batch-", dir=workdir))  # never an earlier run's PDFs
        inputs, outputs = batch_dir / "in", batch_dir / "out"
        inputs.mkdir()
        # Numbered copies: two briefings may share a file name in different folders, and
        # LibreOffice names each PDF after its DOCX.
        copies = []
        for number, path in enumerate(batch):
            copy = inputs / f"{number}.docx"
            shutil.copyfile(path, copy)
            copies.append(copy)
        _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", str(outputs), *map(str, copies)],
             SECONDS * (1 + len(batch)))
        for number, path in enumerate(batch):
            pdf = outputs / f"{number}.pdf"
            done[path] = pdf if pdf.is_file() and pdf.stat().st_size > 0 else None
    return done


def _run(args: list[str], timeout: int) -> None:
    try:
        subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pass  # the files it did not write are reported as not converted
