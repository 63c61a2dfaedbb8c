"""Batch orchestration: which briefings, which formats, in parallel, incrementally, atomically.

Read top to bottom, `build` is the pipeline. Outputs whose inputs have not changed are skipped
before anything heavy is imported. Everything that can fail on content (loading, checks,
templates, recipient rows) runs for every briefing before the first file is written.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import fingerprint, outputs
from .yamlfile import undotted
from .errors import ContentError, Problem, UsageProblem

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Target:
    """One file to produce: which audience, format and recipient, and the hash of its inputs."""

    audience: str
    format: str
    path: Path
    inputs: str
    recipient: object = None  # recipients.Recipient for personalised briefings


@dataclass
class Summary:
    written: list[tuple[Path, int | None]] = field(default_factory=list)  # (path, pages)
    current: int = 0  # outputs already up to date
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def build(root: Path, out: Path, audiences: tuple[str, ...] | None = None,
          formats: tuple[str, ...] = FORMATS, *, strict: bool = False, force: bool = False,
          jobs: int | None = None, recipients: Path | None = None,
          report: Callable[[Path, int | None, int, int], None] = lambda *event: None) -> Summary:
    """Build the briefings into `out` and return what happened; raise BriefgenError on a problem."""
    started = time.perf_counter()
    summary = Summary()
    targets = plan_targets(root, out, audiences, formats, recipients)  # bad names: nothing created
    with outputs.locked(out):
        outputs.sweep(out)
        manifest = outputs.Manifest(out)
        todo = [t for t in targets if force or not manifest.current(t.path, t.inputs)]
        summary.current = len(targets) - len(todo)
        if todo:
            try:
                _make(root, out, todo, strict, jobs, manifest, summary, report)
            finally:
                manifest.save()
    summary.seconds = time.perf_counter() - started
    return summary


def plan_targets(root: Path, out: Path, audiences: tuple[str, ...] | None, formats: tuple[str, ...],
                 recipients_file: Path | None) -> list[Target]:
    """Return every file the build would produce, from file names and bytes alone."""
    files = {p.stem: p for p in sorted((root / "templates" / "audiences").glob("*.yaml"))}
    for name in audiences or ():
        if name not in files:
            raise UsageProblem(f"unknown audience '{name}'; choose from: {', '.join(files) or 'none'}")
    for name in formats:
        if name not in FORMATS:
            raise UsageProblem(f"unknown format '{name}'; choose from: {', '.join(FORMATS)}")
    shared = fingerprint.project(root)
    people = [None]
    if recipients_file is not None:
        from .recipients import read

        people = read(recipients_file)
    targets = []
    for audience in audiences or tuple(files):
        for person in people:
            folder = (audience, recipients_file.stem) if person else (audience,)
            stem = person.slug if person else audience
            for fmt in formats:
                path = outputs.safe_child(out, *folder, f"{stem}.{fmt}")
                inputs = fingerprint.output(shared, files[audience], fmt, person and person.fields)
                targets.append(Target(audience, fmt, path, inputs, person))
    return targets


def document_key(audience: str, recipient) -> tuple[str, int | None]:
    """Return the key of one planned document: every format of it shares the document."""
    return audience, recipient.row if recipient else None


def plan_documents(project, wanted) -> dict[tuple, object]:
    """Return the Document for each (audience, recipient or None) in `wanted`, by document_key.

    Raise ContentError listing every template that fails.
    """
    from .plan import PlanProblem, plan
    from .select import select

    documents, problems, selections, seen = {}, [], {}, set()
    for audience, recipient in wanted:
        key = document_key(audience, recipient)
        if key in seen:
            continue
        seen.add(key)
        if audience not in selections:
            selections[audience] = select(project.content, project.audiences[audience])
        try:
            documents[key] = plan(selections[audience], recipient.fields if recipient else None)
        except PlanProblem as exc:
            problems.append(_template_problem(project, audience, recipient, exc))
    if problems:
        raise ContentError(problems)
    return documents


def _make(root: Path, out: Path, todo: list[Target], strict: bool, jobs: int | None,
          manifest: outputs.Manifest, summary: Summary, report) -> None:
    from . import checks, render
    from .load import load

    project = load(root)
    problems = checks.run(project)
    summary.warnings += [p for p in (*project.warnings, *problems) if p.severity == "warning"]
    errors = [p for p in problems if p.severity == "error"]
    if errors or (strict and summary.warnings):
        raise ContentError(errors + ([w.as_error() for w in summary.warnings] if strict else []))
    documents = plan_documents(project, [(t.audience, t.recipient) for t in todo])
    tasks = [render.Task(t.path, t.format, documents[document_key(t.audience, t.recipient)],
                         project.audiences[t.audience].page_budget, t.audience, _line(project, t.audience))
             for t in todo]
    shared = render.Shared(project.theme, strict, render.forbidden_by_audience(project, {t.audience for t in todo}))
    inputs = {t.path: t.inputs for t in todo}
    for _, result in render.run(tasks, shared, jobs):
        manifest.record(result.path, inputs[result.path], result.sha256)
        summary.written.append((result.path, result.pages))
        summary.warnings += result.warnings
        report(result.path, result.pages, len(summary.written), len(todo))


def _line(project, audience: str) -> int:
    located = project.files.get(f"templates/audiences/{audience}.yaml")
    return located.line(("page_budget",)) if located else 1


def _template_problem(project, audience: str, recipient, exc) -> Problem:
    file = f"templates/audiences/{audience}.yaml"
    located = project.files.get(file)
    line = located.line(undotted(exc.field)) if located else 1
    row = f" (recipient row {recipient.row})" if recipient else ""
    return Problem(file, line, f"{exc}{row}", f"audience '{audience}'", exc.field)
