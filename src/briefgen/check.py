"""`briefgen check` and `briefgen list`: validate everything and describe each audience."""
from __future__ import annotations

from pathlib import Path

from .build import plan_all
from .errors import ContentError
from .load import load
from .select import select


def check(root: Path, strict: bool = False) -> str:
    """Return a summary of a clean project; raise ContentError listing every problem.

    With `strict`, warnings count as errors.
    """
    project = load(root)
    plan_all(project, sorted(project.audiences))
    warnings = list(project.warnings)
    if strict and warnings:
        raise ContentError([w.__class__(**{**w.__dict__, "severity": "error"}) for w in warnings])
    c = project.content
    counts = (f"{len(c.findings)} findings, {len(c.quotes)} quotes, {len(c.recommendations)} "
              f"recommendations, {len(c.datasets)} datasets, {len(c.glossary)} terms, "
              f"{len(project.audiences)} audiences")
    lines = [str(w) for w in warnings]
    lines.append(f"Checked {counts}: {len(warnings)} warning{'s' * (len(warnings) != 1)}, no errors.")
    return "\n".join(lines)


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
