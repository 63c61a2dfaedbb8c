"""Typst, run in this process or, where this process cannot run it, in a fresh one.

Typst keeps a pool of threads, which a fork does not copy: a process forked from one that
has run Typst hangs at its first compile. The build's workers are forked before the parent
renders anything, so they run Typst themselves; a process forked after its parent ran Typst
(a library user building twice, the test suite) compiles in a new interpreter instead,
started for the purpose (`python -m briefgen.writers.pdfua.engine`), which costs about a
third of a second.
"""
from __future__ import annotations

import datetime
import functools
import json
import os
import subprocess
import sys


class TypstFailure(Exception):
    """Typst refused the document: its message, and its hints."""

    def __init__(self, message: str, hints: list[str]):
        super().__init__(message)
        self.message, self.hints = message, hints


_ran_in: int | None = None  # the process whose Typst runtime is live


def compile_pdf(font_folders: tuple[str, ...], template: bytes, root: str, standards: tuple[str, ...],
                timestamp: datetime.datetime) -> bytes:
    """Return the PDF Typst makes of `template`, reading its files from `root`; raise
    TypstFailure when Typst refuses it, ImportError when Typst is not installed."""
    global _ran_in
    if _ran_in is not None and _ran_in != os.getpid():
        return _apart(font_folders, template, root, standards, timestamp)
    _ran_in = os.getpid()
    return _here(font_folders, template, root, standards, timestamp)


def _here(font_folders, template, root, standards, timestamp) -> bytes:
    import typst

    try:
        return _compiler(font_folders).compile(input=template, root=root, format="pdf",
                                               pdf_standards=list(standards), timestamp=timestamp)
    except typst.TypstError as exc:
        raise TypstFailure(exc.message, list(exc.hints)) from None


@functools.cache
def _compiler(font_folders: tuple[str, ...]):
    """Return a compiler that sees only the theme's fonts (and Typst's own), made once per
    process: reading the fonts is most of a small briefing's time."""
    import typst

    return typst.Compiler(font_paths=list(font_folders), ignore_system_fonts=True)


def _apart(font_folders, template, root, standards, timestamp) -> bytes:
    job = {"fonts": font_folders, "template": template.decode("utf-8"), "root": root,
           "standards": standards, "timestamp": timestamp.isoformat()}
    done = subprocess.run([sys.executable, "-m", __name__], input=json.dumps(job).encode(),
                          capture_output=True, timeout=300, check=False)
    if done.returncode == 3:
        failure = json.loads(done.stderr)
        raise TypstFailure(failure["message"], failure["hints"])
    if done.returncode:
        raise RuntimeError(f"Typst in a new process failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def main() -> None:
    """Compile the job on standard input; the PDF to standard output, a refusal (exit 3) as
    JSON to standard error."""
    job = json.loads(sys.stdin.buffer.read())
    try:
        pdf = _here(tuple(job["fonts"]), job["template"].encode("utf-8"), job["root"], tuple(job["standards"]),
                    datetime.datetime.fromisoformat(job["timestamp"]))
    except TypstFailure as exc:
        sys.stderr.write(json.dumps({"message": exc.message, "hints": exc.hints}))
        sys.exit(3)
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":
    main()
