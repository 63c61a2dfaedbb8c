"""Rendering planned documents to staged files, in a pool of worker processes.

Each worker renders, audits the bytes for restricted text the audience may not see, checks
the page budget and (a PDF) its layout, and only then writes the file into the build's
staging folder: a leaking, or with --strict an over-budget or badly laid out, briefing is
never written, and nothing is published until every file is ready (outputs.Stage). Workers
are forked after the writers are imported, so each starts warm, and the theme and audit
lists are shared once, not sent with every task. A worker dies with its parent, and never
holds the parent's lock on the output folder.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs, writers
from .document import Document
from .errors import ContentError, LayoutError, LeakError, Problem


@dataclass(frozen=True)
class Task:
    path: Path  # where the file will be published
    staged: Path  # where the worker writes it
    format: str
    document: Document
    budget: int
    audience: str
    budget_line: int = 1  # where the audience file sets page_budget, for the warning


@dataclass(frozen=True)
class Shared:
    theme: object
    strict: bool
    forbidden: dict[str, list]  # audience id -> what the audit must not find in its files


@dataclass(frozen=True)
class Result:
    path: Path
    sha256: str
    pages: int | None
    warnings: list[Problem] = field(default_factory=list)


_shared: Shared | None = None  # set in the parent before the pool forks
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def forbidden_by_audience(project, audiences: set[str]) -> dict[str, list]:
    """Return, per audience, the distinctive text of every item above its ceiling."""
    from .audit import forbidden_texts

    return {a: forbidden_texts(project.content, project.audiences[a], project.root) for a in audiences}


def run(tasks: list[Task], shared: Shared, jobs: int | None):
    """Yield (task, Result) for every task, rendering in parallel where it pays.

    The longest documents go first, so that no worker starts the largest one last.
    """
    global _shared
    _shared = shared
    for name in {t.format for t in tasks}:
        writers.get(name)  # import before forking, so every worker starts warm
    jobs = min(jobs or os.cpu_count() or 1, len(tasks))
    if jobs <= 1 or len(tasks) < 4:
        yield from ((task, _render(task)) for task in tasks)
        return
    tasks = sorted(tasks, key=lambda t: -len(t.document.blocks))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_started,
                             initargs=(os.getpid(),)) as pool:
        chunk = max(1, len(tasks) // (jobs * 8))
        yield from zip(tasks, pool.map(_render, tasks, chunksize=chunk))


def _worker_started(parent: int) -> None:
    """Tie a new worker's life to its parent's: on Linux the kernel kills it when the parent
    dies (even by SIGKILL); elsewhere a thread watches the parent. It also lets go of the
    folder lock, which belongs to the parent alone."""
    outputs.release_inherited()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _render(task: Task) -> Result:
    shared = _shared
    output = writers.get(task.format).render(task.document, shared.theme)
    from .audit import audit_bytes

    faults, texts = [], None
    if task.format == "pdf":  # the layout preflight; a DOCX needs LibreOffice: `briefgen preflight`
        from .preflight import check_pdf

        try:  # it reads the pages' text for the audit too, so PDFium reads the file once
            texts = []
            faults = check_pdf(output.data, str(task.path), shared.theme, texts)
        except ValueError:
            texts = None  # PDFium cannot read it: nor can the audit, which fails closed
    leaks = audit_bytes(output.data, task.format, shared.forbidden.get(task.audience, []), texts)
    if leaks:
        raise LeakError(f"not written: {task.path.name} would contain material above the "
                        f"'{task.audience}' audience's ceiling: {'; '.join(leaks)}")
    warnings = []
    if output.pages and task.budget and output.pages > task.budget:
        from .budget import message

        problem = Problem(f"templates/audiences/{task.audience}.yaml", task.budget_line,
                          message(task.path.name, output.pages, task.budget, output.data, output.layout,
                                  shared.theme), f"audience '{task.audience}'", "page_budget",
                          "error" if shared.strict else "warning")
        if shared.strict:
            raise ContentError([problem])
        warnings.append(problem)
    if faults and shared.strict:
        raise LayoutError(f"not written: {task.path.name} has layout faults:\n  "
                          + "\n  ".join(str(f.as_error()) for f in faults))
    warnings += faults
    outputs.write_new(task.staged, output.data)
    return Result(task.path, outputs.digest(output.data), output.pages, warnings)
