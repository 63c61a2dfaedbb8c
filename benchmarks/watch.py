"""Edit-to-PDF latency of `briefgen watch`: how long after a save its updated PDF is published.

Usage: python benchmarks/watch.py [--runs N] [--project DIR] [-f FORMAT ...]

Copies the project (content/, templates/, sources/) to a temporary folder, starts one
`briefgen watch` on it, and then, N times each: changes a heading in one audience's profile
(templates/audiences/parliament.yaml), and changes a finding's text in content/ (which every
audience's outputs depend on). Each latency is from just before the file is written until the
audience's PDF in the output folder is replaced, watched by polling its inode every
millisecond. Prints the median and the range. Not part of the test run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0


def briefgen_command() -> list[str]:
    """Return how to run the briefgen CLI installed next to this Python (as run.py does;
    run.py is not imported, so that this benchmark runs on its own)."""
    script = Path(sys.executable).with_name("briefgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def copy_project(source: Path, target: Path) -> Path:
    for name in ("content", "templates", "sources", "assets"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    if (source / "theme.yaml").is_file():
        shutil.copy(source / "theme.yaml", target / "theme.yaml")
    return target


def identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


class Watcher:
    """One `briefgen watch` process, its output collected by a thread."""

    def __init__(self, project: Path, out: Path, formats: list[str]):
        argv = [*briefgen_command(), "watch", "-p", str(project), "--out", str(out)]
        argv += [arg for fmt in formats for arg in ("-f", fmt)]
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("watching")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(text in line for line in self.lines):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("briefgen watch did not say '" + text + "':\n" + "\n".join(self.lines))
            time.sleep(0.01)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def latency(edit: Path, old: str, new: str, pdf: Path) -> float:
    """Return seconds from writing `edit` (old -> new) to `pdf` being replaced."""
    text = edit.read_text("utf-8")
    assert old in text, f"{old!r} not in {edit}"
    before = identity(pdf)
    time.sleep(0.2)  # let the watcher settle after the last build
    started = time.perf_counter()
    edit.write_text(text.replace(old, new, 1), "utf-8")
    deadline = started + TIMEOUT
    while identity(pdf) == before:
        if time.perf_counter() > deadline:
            raise SystemExit(f"{pdf} was not rebuilt within {TIMEOUT} s")
        time.sleep(0.001)
    return time.perf_counter() - started


def measure(watcher: Watcher, runs: int, edit: Path, old: str, new: str, pdf: Path) -> list[float]:
    times = []
    for i in range(runs):
        a, b = (old, new) if i % 2 == 0 else (new, old)
        times.append(latency(edit, a, b, pdf))
        time.sleep(0.3)  # the DOCX of the same save may still be finishing
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("-f", "--format", dest="formats", action="append", default=[])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="briefgen-watch-"))
    try:
        project = copy_project(args.project.resolve(), tmp / "project")
        out = tmp / "out"
        pdf = out / "parliament" / "parliament.pdf"
        audience = project / "templates" / "audiences" / "parliament.yaml"
        heading = audience.read_text("utf-8").split("heading: ", 1)[1].splitlines()[0]
        findings = project / "content" / "findings.yaml"
        body = next(line for line in findings.read_text("utf-8").splitlines() if "headline:" in line)
        watcher = Watcher(project, out, args.formats)
        try:
            rows = [
                ("edit one audience's profile", measure(watcher, args.runs, audience, f"heading: {heading}",
                                                        f"heading: {heading} (edited)", pdf)),
                ("edit shared content (every audience)", measure(watcher, args.runs, findings, body,
                                                                 body + " (edited)", pdf)),
            ]
        finally:
            watcher.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    formats = "+".join(args.formats) or "docx+pdf"
    print(f"briefgen watch, {formats}, {args.runs} runs each; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f}")
    print("| edit | median s | min s | max s |\n|---|---|---|---|")
    for name, times in rows:
        print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |")


if __name__ == "__main__":
    main()
