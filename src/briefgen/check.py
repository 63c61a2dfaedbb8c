"""`briefgen check` and `briefgen list`: validate everything and describe each audience."""
from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .load import load
from .select import select


def check(root: Path, strict: bool = False, recipients: Path | None = None) -> str:
    """Return a report of a project without errors; raise ContentError listing every problem.

    Every audience is planned too, so a template that fails is found here, not mid-build;
    with `recipients` (a CSV file), once for each row, as `build --recipients` would.
    With `strict`, warnings count as errors.
    """
    from . import checks
    from .build import plan_documents

    project = load(root)
    problems = list(project.warnings) + checks.run(project)
    people: list = [None]
    if recipients is not None:
        people, found = _recipients(project, recipients)
        problems += found
    wanted = [(audience, person) for audience in sorted(project.audiences) for person in people]
    problems += plan_documents(project, wanted)[1]
    errors = [p for p in problems if p.severity == "error" or (strict and p.severity == "warning")]
    if errors:
        raise ContentError([p.as_error() for p in errors])
    warnings = [p for p in problems if p.severity == "warning"]
    c = project.content
    counts = (f"{len(c.findings)} findings, {len(c.quotes)} quotes, {len(c.recommendations)} "
              f"recommendations, {len(c.datasets)} datasets, {len(c.glossary)} terms, "
              f"{len(project.audiences)} audiences")
    notes = [str(p) for p in problems if p.severity not in ("error", "warning")]
    lines = [str(w) for w in warnings] + notes
    lines.append(f"Checked {counts}: {len(warnings)} warning{'s' * (len(warnings) != 1)}, no errors.")
    return "\n".join(lines)


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
