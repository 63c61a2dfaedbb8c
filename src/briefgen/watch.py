"""`briefgen watch`: rebuild what changed on every save, in one warm process.

Each save runs the ordinary incremental build (the manifest skips outputs whose inputs did not
change) inside this process, with no worker pool: the libraries, the compiled templates, the
fonts and the drawn charts stay loaded between builds, so an edit to one audience's profile
gives its new PDF in a fraction of a second (docs/performance.md). Problems are printed in
`check`'s format and the watch goes on; Ctrl-C ends it.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

WATCHED = ("content", "templates", "sources", "assets", "theme.yaml")  # what a build reads
STEP_MS = 30  # quiet time that ends a burst of changes (an editor's save is several events)


def watch(root: Path, out: Path, audiences: tuple[str, ...] | None, formats: tuple[str, ...],
          echo: Callable[[str], None], stop=None) -> None:
    """Build once, then again after every change under the project's inputs, until Ctrl-C
    or `stop` (a threading.Event) is set. Every outcome is reported through `echo`."""
    import watchfiles

    paths = [root / name for name in WATCHED if (root / name).exists()]
    try:
        rebuild(root, out, audiences, formats, echo)
        echo(f"watching {', '.join(p.name for p in paths)} in {root}; press Ctrl-C to stop")
        for _ in watchfiles.watch(*paths, step=STEP_MS, stop_event=stop, raise_interrupt=True,
                                  watch_filter=watchfiles.DefaultFilter(ignore_paths=[out])):
            rebuild(root, out, audiences, formats, echo)
    except KeyboardInterrupt:
        pass
    echo("stopped watching")


def rebuild(root: Path, out: Path, audiences: tuple[str, ...] | None, formats: tuple[str, ...],
            echo: Callable[[str], None]) -> None:
    """Run one incremental build in this process and report it in one line, with any
    problems as `check` prints them; a problem never ends the watch."""
    from .build import build
    from .errors import BriefgenError

    started = time.perf_counter()
    try:
        summary = build(root, out, audiences, formats, jobs=1)
    except BriefgenError as exc:
        echo(f"Error: {exc.format_message()}")
        echo("not rebuilt; watching for the next save")
        return
    for warning in summary.warnings:
        echo(str(warning))
    seconds = time.perf_counter() - started
    if summary.written:
        names = ", ".join(path.name for path, _ in summary.written)
        echo(f"rebuilt {names} in {seconds:.2f} s")
    else:
        echo(f"up to date ({summary.current} file{'s' * (summary.current != 1)})")
