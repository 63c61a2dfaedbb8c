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
from .writers import SUFFIXES

# Every format, by default: the print editions (DOCX, PDF) and the accessible ones (HTML, the
# tagged PDF/UA-1), so that no briefing goes out without an edition a screen reader can use.
FORMATS = ("docx", "pdf", "html", "pdf-ua")


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
    """Build the briefings into `out` and return what happened; raise BriefgenError on a problem.

    Nothing in `out` changes unless every briefing is rendered: files are staged, then
    published together (outputs.Stage).
    """
    started = time.perf_counter()
    summary = Summary()
    targets, problems = plan_targets(root, out, audiences, formats, recipients)  # bad names: nothing created
    with outputs.locked(out):
        outputs.recover(out)
        manifest = outputs.Manifest(out)
        todo = [t for t in targets if force or problems or not manifest.current(t.path, t.inputs)]
        summary.current = len(targets) - len(todo)
        if todo or problems:
            project, documents = prepare(root, todo, strict, summary, problems, recipients)
            with outputs.Stage(out) as stage:
                _render(project, documents, todo, stage, strict, jobs, manifest, summary, report)
    summary.seconds = time.perf_counter() - started
    return summary


def plan_targets(root: Path, out: Path, audiences: tuple[str, ...] | None, formats: tuple[str, ...],
                 recipients_file: Path | None) -> tuple[list[Target], list[Problem]]:
    """Return every file the build would produce, from file names and bytes alone, and the
    problems of the recipients file."""
    files = {p.stem: p for p in sorted((root / "templates" / "audiences").glob("*.yaml"))}
    for name in audiences or ():
        if name not in files:
            raise UsageProblem(f"unknown audience '{name}'; choose from: {', '.join(files) or 'none'}")
    for name in formats:
        if name not in FORMATS:
            raise UsageProblem(f"unknown format '{name}'; choose from: {', '.join(FORMATS)}")
    shared = fingerprint.project(root)
    people, problems = [None], []
    if recipients_file is not None:
        from .recipients import portable, read

        people, problems = read(recipients_file)
        batch = portable(recipients_file.stem)
    targets = []
    for audience in audiences or tuple(files):
        for person in people:
            folder = (audience, batch) if person else (audience,)
            stem = person.slug if person else audience
            for fmt in formats:
                path = outputs.safe_child(out, *folder, f"{stem}{SUFFIXES[fmt]}")
                inputs = fingerprint.output(shared, files[audience], fmt, person and person.fields)
                targets.append(Target(audience, fmt, path, inputs, person))
    return targets, problems


def document_key(audience: str, recipient) -> tuple[str, int | None]:
    """Return the key of one planned document: every format of it shares the document."""
    return audience, recipient.row if recipient else None


def prepare(root: Path, todo: list[Target], strict: bool, summary: Summary,
            problems: list[Problem], recipients: Path | None):
    """Return the loaded project and every planned document of `todo`; raise ContentError with
    every problem found on the way: content, checks, recipients and templates, all at once."""
    from . import checks
    from .characters import right_to_left
    from .load import load

    project = load(root)
    found = checks.run(project)
    people = list({t.recipient.row: t.recipient for t in todo if t.recipient}.values())
    if recipients is not None:
        from .recipients import check_text

        rtl = right_to_left(project.content.briefing.language)
        problems = problems + check_text(recipients, people, project.theme, rtl)
    summary.warnings += [p for p in (*project.warnings, *found) if p.severity == "warning"]
    documents, template_problems = plan_documents(project, [(t.audience, t.recipient) for t in todo])
    errors = problems + [p for p in found if p.severity == "error"] + template_problems
    if errors or (strict and summary.warnings):
        raise ContentError(errors + ([w.as_error() for w in summary.warnings] if strict else []))
    return project, documents


def plan_documents(project, wanted) -> tuple[dict[tuple, object], list[Problem]]:
    """Return the Document for each (audience, recipient or None) in `wanted`, by document_key,
    and a problem for each template that fails (once, naming the recipient rows it fails for)."""
    from .plan import PlanProblem, plan
    from .select import select

    documents, failed, selections = {}, {}, {}
    for audience, recipient in wanted:
        key = document_key(audience, recipient)
        if key in documents:
            continue
        if audience not in selections:
            selections[audience] = select(project.content, project.audiences[audience])
        try:
            documents[key] = plan(selections[audience], recipient.fields if recipient else None)
        except PlanProblem as exc:
            documents[key] = None
            for message, where in exc.failures:
                failed.setdefault((audience, where, message), []).append(recipient.row if recipient else None)
    problems = [_template_problem(project, audience, where, message, rows)
                for (audience, where, message), rows in failed.items()]
    return documents, problems


def _render(project, documents: dict, todo: list[Target], stage: outputs.Stage, strict: bool,
            jobs: int | None, manifest: outputs.Manifest, summary: Summary, report) -> None:
    """Render `todo` into the stage, then publish every file and the manifest together."""
    from . import render

    tasks = [render.Task(t.path, stage.path(t.path), t.format, documents[document_key(t.audience, t.recipient)],
                         project.audiences[t.audience].page_budget, t.audience, _line(project, t.audience))
             for t in todo]
    shared = render.Shared(project.theme, strict, render.forbidden_by_audience(project, {t.audience for t in todo}))
    inputs = {t.path: t.inputs for t in todo}
    rendered = []
    for task, result in render.run(tasks, shared, jobs):
        manifest.record(result.path, inputs[result.path], result.sha256)
        rendered.append((result.path, result.pages))
        summary.warnings += result.warnings
        report(result.path, result.pages, len(rendered), len(todo))
    staged_manifest = stage.path(Path(outputs.MANIFEST))
    outputs.write_new(staged_manifest, manifest.data())
    stage.publish([(t.staged, t.path) for t in tasks] + [(staged_manifest, stage.out.resolve() / outputs.MANIFEST)])
    summary.written += rendered


def _line(project, audience: str) -> int:
    located = project.files.get(f"templates/audiences/{audience}.yaml")
    return located.line(("page_budget",)) if located else 1


def _template_problem(project, audience: str, field: str, message: str, rows: list) -> Problem:
    file = f"templates/audiences/{audience}.yaml"
    located = project.files.get(file)
    line = located.line(undotted(field)) if located else 1
    rows = [r for r in rows if r is not None]
    if rows:
        shown = ", ".join(map(str, rows[:5])) + (f" and {len(rows) - 5:,} more" if len(rows) > 5 else "")
        message += f" (recipient row{'s' * (len(rows) > 1)} {shown})"
    return Problem(file, line, message, f"audience '{audience}'", field)
