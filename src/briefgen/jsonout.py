"""Machine-readable output for `--json`: what each command found, and its errors, as JSON.

Every command's JSON is one object with `ok` (true when the command succeeded) and, when it
did not, `error`: the exit code, the message and every problem, each with the file, line,
item, field, severity and message a person would read. The shapes are in docs/commands.md.
"""
from __future__ import annotations

import json
from pathlib import Path

from .errors import BriefgenError, ContentError, Problem


def dumps(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)


def problem(p: Problem) -> dict:
    """Return a problem as JSON: file, line, item, field, severity, message."""
    return {"file": p.file, "line": p.line, "item": p.item, "field": p.field, "severity": p.severity,
            "message": p.message}


def failure(exc: BriefgenError) -> dict:
    """Return a failed command's report: its exit code, message and every problem."""
    problems = exc.problems if isinstance(exc, ContentError) else []
    return {"ok": False, "error": {"exit_code": exc.exit_code, "message": exc.format_message(),
                                   "problems": [problem(p) for p in problems]}}


def built(summary) -> dict:
    """Return a build's report: every file written, how many were up to date, the warnings."""
    return {"ok": True, "written": [{"path": str(path), "pages": pages} for path, pages in summary.written],
            "up_to_date": summary.current, "warnings": [problem(p) for p in summary.warnings],
            "seconds": round(summary.seconds, 3)}


def audited(problems: list[Problem], files: list[Path]) -> dict:
    """Return an audit's report: the files audited, and every leak and warning."""
    leaks = [problem(p) for p in problems if p.severity == "error"]
    return {"ok": not leaks, "audited": [str(f) for f in files], "leaks": leaks,
            "warnings": [problem(p) for p in problems if p.severity == "warning"]}


def listed(project) -> dict:
    """Return, per audience, its ceiling, marking, page budget and what each section holds."""
    from .select import select

    audiences = []
    for audience_id in sorted(project.audiences):
        audience = project.audiences[audience_id]
        selection = select(project.content, audience)
        audiences.append({
            "id": audience_id, "name": audience.name, "ceiling": audience.ceiling,
            "marking": selection.marking or None, "page_budget": audience.page_budget or None,
            "sections": [{"kind": c.section.kind, "heading": c.section.heading,
                          "items": [item.id for item in c.items]} for c in selection.sections]})
    return {"ok": True, "audiences": audiences}
