"""`briefgen preflight`: every built PDF and DOCX under a folder checked, and what was found."""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LayoutError, UsageProblem
from .check import check_file
from .model import Fault

FORMATS = ("docx", "pdf")


@dataclass
class Report:
    faults: list[Fault] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # format -> files checked
    pages: int = 0
    skipped: str = ""  # why DOCX files were not checked, if they were not
    seconds: float = 0.0

    def summary(self) -> str:
        checked = " and ".join(f"{n} {fmt.upper()}" for fmt, n in self.files.items() if n) or "no files"
        count = len(self.faults)
        found = f"{count} layout fault{'s' * (count != 1)}" if count else "no layout faults"
        skipped = f" {self.skipped}." if self.skipped else ""
        return f"Checked {checked} ({self.pages} pages) in {self.seconds:.1f} s: {found}.{skipped}"

    def __str__(self) -> str:
        return "\n".join([*map(str, self.faults), self.summary()])


def run(root: Path, folder: Path, strict: bool = False, formats: tuple[str, ...] = FORMATS) -> Report:
    """Return the report on every PDF and DOCX under `folder`; with `strict`, raise LayoutError
    (exit code 4) listing every fault instead. Raise UsageProblem if `folder` is not a folder.

    The theme to judge by is the project's at `root`. DOCX files are laid out by LibreOffice;
    where it is not installed they are skipped and the report says so.
    """
    if not folder.is_dir():
        raise UsageProblem(f"no output folder at {folder}")
    started = time.perf_counter()
    theme = _theme(root)
    # Hidden folders hold the build's own files; "~$" files are Word's locks on open documents.
    files = sorted(p for p in folder.rglob("*") if p.suffix.lstrip(".") in formats and p.is_file()
                   and not p.name.startswith("~$")
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    report = Report(files={fmt: 0 for fmt in formats})
    pdfs = [p for p in files if p.suffix == ".pdf"]
    docx = [p for p in files if p.suffix == ".docx"]
    for path in pdfs:
        _add(report, "pdf", check_file(path, path.read_bytes(), theme))
    if docx:
        _docx(report, docx, theme)
    report.faults.sort(key=lambda f: (f.file, f.page))  # a briefing's DOCX beside its PDF
    report.seconds = time.perf_counter() - started
    if strict and report.faults:
        report.faults = [f.as_error() for f in report.faults]
        files_with = len({f.file for f in report.faults})
        raise LayoutError(f"{len(report.faults)} layout fault{'s' * (len(report.faults) != 1)} in "
                          f"{files_with} file{'s' * (files_with != 1)}:\n  "
                          + "\n  ".join(map(str, report.faults)) + "\n" + report.summary())
    return report


def _docx(report: Report, paths: list[Path], theme) -> None:
    from .libreoffice import ConversionError, convert

    with tempfile.TemporaryDirectory(prefix="briefgen-preflight-") as work:
        try:
            pdfs = convert(paths, Path(work))
        except ConversionError as exc:
            report.skipped = f"{len(paths)} DOCX not checked: {exc.message}"
            return
        for path, pdf in pdfs.items():
            data = pdf.read_bytes() if pdf else None
            _add(report, "docx", check_file(path, data, theme))


def _add(report: Report, fmt: str, checked: tuple[list[Fault], int]) -> None:
    faults, pages = checked
    report.faults += faults
    report.files[fmt] += 1
    report.pages += pages


def _theme(root: Path):
    """Return the project's theme: the shipped one, with the project's theme.yaml laid over it."""
    if not (root / "theme.yaml").is_file():
        from ..theme import default

        return default()  # no need to load (and validate) all the content for it
    from ..load import load

    return load(root).theme
