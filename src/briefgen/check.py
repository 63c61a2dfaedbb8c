"""`briefgen check` and `briefgen list`: validate everything and describe each audience."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .load import load
from .select import select


@dataclass(frozen=True)
class Checked:
    """Everything `briefgen check` found in one project."""

    problems: list[Problem]  # every problem, at its own severity, sorted
    tally: object | None  # checks.tally.Tally; None when the content could not be loaded
    strict: bool
    counts: str = ""  # "49 findings, 22 quotes, ..."

    def failing(self) -> list[Problem]:
        """Return the problems that fail the check: errors, and warnings too with --strict."""
        return [p for p in self.problems if p.severity == "error" or (self.strict and p.severity == "warning")]


def run(root: Path, strict: bool = False, recipients: Path | None = None) -> Checked:
    """Return every problem of the project at `root` and what the fact-check counted.

    Every audience is planned too, so a template that fails is found here, not mid-build;
    with `recipients` (a CSV file), once for each row, as `build --recipients` would.
    """
    from . import checks
    from .build import plan_documents

    try:
        project = load(root)
    except ContentError as exc:
        return Checked(exc.problems, None, strict)
    found, tally = checks.report(project)
    problems = list(project.warnings) + found
    people: list = [None]
    if recipients is not None:
        people, found = _recipients(project, recipients)
        problems += found
    wanted = [(audience, person) for audience in sorted(project.audiences) for person in people]
    problems += plan_documents(project, wanted)[1]
    c = project.content
    counts = (f"{len(c.findings)} findings, {len(c.quotes)} quotes, {len(c.recommendations)} "
              f"recommendations, {len(c.datasets)} datasets, {len(c.glossary)} terms, "
              f"{len(project.audiences)} audiences")
    return Checked(sorted(problems), tally, strict, counts)


def check(root: Path, strict: bool = False, recipients: Path | None = None) -> str:
    """Return a report of a project without errors; raise ContentError listing every problem.

    With `strict`, warnings count as errors. The fact-check's summary line follows the problems.
    """
    checked = run(root, strict, recipients)
    line = checked.tally.line() if checked.tally is not None else ""
    failing = checked.failing()
    if failing:
        raise ContentError([p.as_error() for p in failing], line)
    warnings = [p for p in checked.problems if p.severity == "warning"]
    notes = [str(p) for p in checked.problems if p.severity not in ("error", "warning")]
    lines = [str(w) for w in warnings] + notes + [line]
    lines.append(f"Checked {checked.counts}: {len(warnings)} warning{'s' * (len(warnings) != 1)}, no errors.")
    return "\n".join(lines)


def check_json(root: Path, strict: bool = False, recipients: Path | None = None) -> tuple[str, bool]:
    """Return (the report as JSON, whether the project passes); see docs/checks.md for its shape."""
    checked = run(root, strict, recipients)
    severities = [p.severity for p in checked.problems]
    summary = None
    if checked.tally is not None:
        summary = {**checked.tally.as_dict(), "errors": severities.count("error"),
                   "warnings": severities.count("warning"), "notes": severities.count("info"),
                   "line": checked.tally.line()}
    ok = not checked.failing()
    from .jsonout import dumps, problem

    return dumps({"problems": [problem(p) for p in checked.problems], "summary": summary, "ok": ok}), ok


def _recipients(project, path: Path) -> tuple[list, list]:
    """Return the rows of a recipients file and its problems, as a build reads them."""
    from .characters import right_to_left
    from .recipients import check_text, read

    people, problems = read(path)
    problems += check_text(path, people, project.theme, right_to_left(project.content.briefing.language))
    return people, problems


def describe(root: Path) -> str:
    """Return, per audience, its ceiling and marking and what each section would hold."""
    project = load(root)
    lines = []
    for audience_id in sorted(project.audiences):
        audience = project.audiences[audience_id]
        selection = select(project.content, audience)
        marking = selection.marking or "no marking"
        lines.append(f"{audience_id}: {audience.name} (up to {audience.ceiling}; {marking}; "
                     f"{audience.page_budget or 'no'} page budget)")
        for chosen in selection.sections:
            section = chosen.section
            label = section.heading or section.kind
            ids = ", ".join(item.id for item in chosen.items)
            lines.append(f"  {section.kind:<16}{label}" + (f": {ids}" if ids else ""))
    return "\n".join(lines)
