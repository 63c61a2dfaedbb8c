"""The layout preflight: built briefings read as a reader gets them, for faults of layout.

It reads PDFs (and DOCX files as LibreOffice lays them out) with PDFium, never through the
writers that made them, and reports each fault by file, page and block. See docs/checks.md,
"Layout preflight".
"""
from __future__ import annotations

from .check import RULES, check_docx, check_file, check_pdf
from .model import Fault, Settings
from .report import Report, run

__all__ = ["RULES", "Fault", "Report", "Settings", "check_docx", "check_file", "check_pdf", "run"]
