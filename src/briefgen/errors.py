"""One error family: every problem names its file, line, item and field.

`BriefgenError` subclasses click's exception so the CLI shows `Error: ...` and exits with a
code, never a traceback. Unexpected exceptions are bugs and are left to show one.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import click


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    item: str = ""  # e.g. "finding 'forum-images-2023'"
    field: str = ""  # e.g. "figures[0].value"
    severity: str = "error"  # error | warning | info (a note that never fails a build)

    def as_error(self) -> Problem:
        """Return this problem as an error (what --strict makes of a warning)."""
        return dataclasses.replace(self, severity="error")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        what = ", ".join(filter(None, [self.item, f"field '{self.field}'" if self.field else ""]))
        label = {"warning": "warning: ", "info": "note: "}.get(self.severity, "")
        return f"{where}: {label}{what + ': ' if what else ''}{self.message}"


class BriefgenError(click.ClickException):
    """An error the user can act on; exit code 1 unless a subclass says otherwise."""


class ContentError(BriefgenError):
    """The content has problems; all of them are listed at once."""

    exit_code = 2

    def __init__(self, problems: list[Problem], summary: str = ""):
        self.problems = sorted(problems)
        self.summary = summary  # e.g. the fact-check's counts, printed after the problems
        errors = sum(p.severity == "error" for p in self.problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{errors} problem{'s' * (errors != 1)} in the content:\n  " + "\n  ".join(lines)
                         + (f"\n{summary}" if summary else ""))

    def __reduce__(self):  # raised in render workers: it crosses back to the parent pickled
        return type(self), (self.problems, self.summary)


class UsageProblem(BriefgenError):
    """A wrong option value: an unknown audience or format, a bad output folder."""

    exit_code = 2


class LayoutError(BriefgenError):
    """A built briefing has layout faults (`briefgen preflight --strict`, `build --strict`)."""

    exit_code = 4


class LeakError(BriefgenError):
    """Restricted material reached a file for an audience not cleared for it; nothing was written."""

    exit_code = 3
