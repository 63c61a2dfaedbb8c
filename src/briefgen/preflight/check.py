"""Checking one file: a PDF as it is, a DOCX as LibreOffice lays it out, against every rule."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import collide, flow, fonts, text
from .lines import sheet
from .model import Briefing, Fault, Settings
from .read import pages

FAMILIES = (flow, collide, text, fonts)
RULES = (*(rule for family in FAMILIES for rule in family.RULES), "unreadable")


def check_pdf(data: bytes, label: str, theme, texts: list[str] | None = None) -> list[Fault]:
    """Return the layout faults of the PDF `data`, each naming `label` as its file.

    `theme` (a briefgen Theme) gives the body size, margins, font family and measure to judge
    by. With `texts` (a list), each page's text as PDFium reads it is added to it, for a
    caller that needs the text too (the build's leak audit), so the file is read once. Raise
    ValueError if `data` is not a PDF that PDFium can read.
    """
    return _check(data, label, Settings.of(theme), texts)[0]


def check_docx(path: Path, theme, workdir: Path) -> list[Fault]:
    """Return the layout faults of the DOCX at `path` as LibreOffice lays it out.

    The PDF LibreOffice makes is written under `workdir`. Raise ConversionError if LibreOffice
    is not installed; a DOCX it cannot lay out is one "unreadable" fault.
    """
    from .libreoffice import convert

    pdf = convert([path], workdir)[path]
    return check_file(path, pdf.read_bytes() if pdf else None, theme)[0]


def check_file(path: Path, data: bytes | None, theme) -> tuple[list[Fault], int]:
    """Return the faults and page count of a file's PDF `data` (None: LibreOffice made none).

    A file that cannot be read is a fault, not an error, so one bad file hides no others.
    """
    if data is None:
        return [Fault(str(path), 0, "", "unreadable", "LibreOffice could not lay it out")], 0
    try:
        return _check(data, str(path), Settings.of(theme))
    except ValueError as exc:
        return [Fault(str(path), 0, "", "unreadable", f"cannot be read as a PDF ({exc})")], 0


def _check(data: bytes, label: str, settings: Settings, texts: list[str] | None = None) -> tuple[list[Fault], int]:
    try:
        opened = pages(data)
        read = opened.__enter__()
    except Exception as exc:  # PDFium's own error says only that it failed
        raise ValueError(str(exc) or type(exc).__name__) from exc
    try:
        if texts is not None:
            texts += [page.text() for page in read]
        briefing = Briefing(label, [sheet(p, settings.margin, settings.body, settings.column)
                                     for p in read], settings)
        faults = [fault for family in FAMILIES for fault in family.check(briefing)]
    finally:
        opened.__exit__(None, None, None)
    return sorted(_once(faults), key=lambda f: (f.page, RULES.index(f.rule))), len(read)


def _once(faults: list[Fault]) -> list[Fault]:
    """Return the faults with repeats on one page merged, counted: "(2 times)"."""
    counts: dict[Fault, int] = {}
    for fault in faults:
        counts[fault] = counts.get(fault, 0) + 1
    return [dataclasses.replace(f, message=f"{f.message} ({n} times)") if n > 1 else f
            for f, n in counts.items()]
