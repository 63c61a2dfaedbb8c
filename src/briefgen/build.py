"""Batch orchestration: load, check, select and plan everything, then render and write.

Everything that can fail on content (loading, checks, templates) runs for every briefing
before the first file is written, so a content error never leaves a half-updated output
folder. Each file is written atomically: a temporary file in the same folder, fsynced, then
renamed over the old one, so an interrupted build leaves either the old or the new file.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import writers
from .document import Document
from .errors import ContentError, Problem, UsageProblem
from .load import Project, load
from .plan import PlanProblem, plan
from .select import select


@dataclass(frozen=True)
class Job:
    audience: str
    document: Document


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int | None
    budget: int


def resolve_audiences(project: Project, names: tuple[str, ...] | None) -> list[str]:
    """Return the audience ids to build; raise UsageProblem for an unknown one."""
    known = sorted(project.audiences)
    for name in names or ():
        if name not in project.audiences:
            raise UsageProblem(f"unknown audience '{name}'; choose from: {', '.join(known)}")
    return list(names) if names else known


def plan_all(project: Project, audiences: list[str]) -> list[Job]:
    """Return a planned Document per audience; raise ContentError listing template failures."""
    jobs, problems = [], []
    for audience_id in audiences:
        audience = project.audiences[audience_id]
        try:
            jobs.append(Job(audience_id, plan(select(project.content, audience))))
        except PlanProblem as exc:
            problems.append(_template_problem(project, audience_id, exc))
    if problems:
        raise ContentError(problems)
    return jobs


def build(root: Path, out: Path, audiences: tuple[str, ...] | None = None,
          formats: tuple[str, ...] = tuple(writers.FORMATS), strict: bool = False,
          report: Callable[[str], None] = lambda line: None) -> list[Written]:
    """Build the briefings and return what was written; raise BriefgenError on any problem."""
    project = load(root)
    modules = [writers.get(name) for name in formats]
    jobs = plan_all(project, resolve_audiences(project, audiences))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for job in jobs:
        folder = safe_child(out, job.audience)
        for module in modules:
            output = module.render(job.document, project.theme)
            path = safe_child(folder, job.audience + module.SUFFIX)
            atomic_write(path, output.data)
            written.append(Written(path, output.pages, job.document.meta.page_budget))
            report(str(path))
    return written


def safe_child(folder: Path, name: str) -> Path:
    """Return folder/name, refusing any name that would land outside `folder`."""
    path = (folder / name).resolve()
    if path.parent != folder.resolve():
        raise UsageProblem(f"refusing to write '{name}' outside {folder}")
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers only ever see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _template_problem(project: Project, audience_id: str, exc: PlanProblem) -> Problem:
    return Problem(f"templates/audiences/{audience_id}.yaml", 1, str(exc),
                   f"audience '{audience_id}'", exc.field)
