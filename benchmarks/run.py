"""Run briefgen's benchmarks side by side with their references and the pandoc peer.

Usage: python benchmarks/run.py [--quick] [--runs N] [--batch-runs N] [--json [PATH]]

Every measurement is a fresh subprocess timed with time.perf_counter, repeated and reported as
the median; peak memory is the largest resident set of any one process of the command (the
parent or one worker), from os.wait4 (see timed.py). Builds write into fresh temporary
folders. The printed ratios are checked against the targets in docs/performance.md. Not part
of the test run.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import make_recipients  # noqa: E402
import markdown  # noqa: E402
import scale_content  # noqa: E402

FLOOR_MODULES = "click, jinja2, yaml, docx, reportlab.platypus"


@dataclass
class Measurement:
    name: str
    command: str
    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0  # the largest resident set of one process over the runs
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class Bench:
    """Runs commands, collects Measurements, keeps the temporary folders in one place."""

    def __init__(self, tmp: Path, env: dict[str, str], verbose: bool):
        self.tmp = tmp
        self.env = env
        self.verbose = verbose
        self.results: dict[str, Measurement] = {}
        self._folders = 0

    def folder(self, label: str) -> Path:
        """Return a new empty folder under the temporary root."""
        self._folders += 1
        return Path(tempfile.mkdtemp(prefix=f"{self._folders:03d}-{label}-", dir=self.tmp))

    def once(self, argv: list[str]) -> tuple[float, float]:
        """Run `argv` once; return (wall seconds, peak RSS in MB of its largest process)."""
        result = self.tmp / "timed.json"
        with tempfile.TemporaryFile() as errors:
            code = subprocess.call([sys.executable, str(HERE / "timed.py"), str(result), *argv],
                                   stdout=subprocess.DEVNULL, stderr=errors, env=self.env, cwd=self.tmp)
            if code != 0:
                errors.seek(0)
                tail = errors.read().decode(errors="replace")[-3000:]
                raise SystemExit(f"benchmark command failed ({code}): {' '.join(argv)}\n{tail}")
        timed = json.loads(result.read_text())
        return timed["seconds"], timed["peak_kib"] / 1024  # Linux reports KiB

    def interleave(self, specs: list[Spec], runs: int, warmup: int = 0) -> list[Measurement]:
        """Measure several commands in turn, run 1 of each, then run 2 of each, and so on.

        Commands compared with each other are interleaved so that a change in the machine's
        load during the benchmark falls on all of them alike.
        """
        results = [Measurement(spec.name, "", note=spec.note) for spec in specs]
        for _ in range(warmup):
            for spec in specs:
                spec.setup()
                self.once(spec.command())
        for _ in range(runs):
            for spec, result in zip(specs, results):
                spec.setup()
                command = spec.command()
                result.command = " ".join(_short(a) for a in command)
                seconds, peak = self.once(command)
                result.times.append(seconds)
                result.peak_mb = max(result.peak_mb, peak)
        for result in results:
            self.results[result.name] = result
            if self.verbose:
                print(f"  {result.name:<34} {result.median:8.3f} s  ({runs} run{'s' * (runs != 1)}, "
                      f"peak {result.peak_mb:.0f} MB)", file=sys.stderr, flush=True)
        return results


@dataclass
class Spec:
    """A command to measure: `argv` is its arguments, or a function called before each run."""

    name: str
    argv: Callable[[], list[str]] | list[str]
    setup: Callable[[], None] = lambda: None
    note: str = ""

    def command(self) -> list[str]:
        return self.argv() if callable(self.argv) else list(self.argv)


def _short(arg: str) -> str:
    """Return `arg` with long temporary paths shortened, for the table."""
    if arg.startswith(tempfile.gettempdir() + os.sep):
        return "$TMP/" + Path(arg).name
    return arg.replace(str(REPO), ".")


def briefgen_command() -> list[str]:
    """Return how to run the briefgen CLI installed next to this Python."""
    script = Path(sys.executable).with_name("briefgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def floor_modules() -> tuple[str, str]:
    """Return the import floor's modules, and a note when PyYAML is absent and ruamel.yaml stands in."""
    if importlib.util.find_spec("yaml") is None:
        return FLOOR_MODULES.replace("yaml", "ruamel.yaml"), "PyYAML not installed: ruamel.yaml instead"
    return FLOOR_MODULES, ""


@dataclass
class Config:
    runs: int  # fast measurements
    slow_runs: int  # builds of scaled content
    batch_runs: int  # the recipients batch and the pandoc peer
    recipients: int
    scales: tuple[int, int]
    pandoc_sample: int  # files converted sequentially (then scaled to all)
    jobs: int | None


def configure(args) -> Config:
    if args.quick:
        config = Config(runs=2, slow_runs=1, batch_runs=1, recipients=40, scales=(2, 5), pandoc_sample=10, jobs=None)
    else:
        config = Config(runs=5, slow_runs=3, batch_runs=2, recipients=650, scales=(10, 25), pandoc_sample=100, jobs=None)
    for name in ("runs", "slow_runs", "batch_runs", "recipients", "pandoc_sample", "jobs"):
        if getattr(args, name) is not None:
            setattr(config, name, getattr(args, name))
    if args.scales:
        config.scales = tuple(args.scales)
    config.pandoc_sample = min(config.pandoc_sample, config.recipients)
    return config


def run_all(bench: Bench, config: Config, project: Path) -> dict:
    """Take every measurement; return the facts the ratios need."""
    python, briefgen = sys.executable, briefgen_command()
    # The print editions only, as the targets and the pandoc peer were set for; the accessible
    # editions' cost is recorded separately (docs/performance.md, "Accessible editions").
    options = (["--jobs", str(config.jobs)] if config.jobs else []) + ["-f", "docx", "-f", "pdf"]
    modules, floor_note = floor_modules()
    fast, slow, batch = config.runs, config.slow_runs, config.batch_runs

    fresh: dict[str, Path] = {}  # the output folder of the current run, by label

    def new_out(label: str):
        def setup():
            fresh[label] = bench.folder(label)
        return setup

    build = lambda p, label, *extra: (lambda: [*briefgen, "build", "-p", str(p), "--force", *options, *extra,
                                               "--out", str(fresh[label])])
    warm = bench.folder("warm")
    print("references and the shipped project, interleaved", file=sys.stderr)
    bench.interleave([
        Spec("python -c pass", [python, "-c", "pass"]),
        Spec("import floor", [python, "-c", f"import {modules}"], note=floor_note),
        Spec("briefgen --help", [*briefgen, "--help"]),
        Spec("check (shipped project)", [*briefgen, "check", "-p", str(project), "--strict"],
             note="load, checks and the fact-check against the archived sources; fails unless it passes"),
        Spec("full build (forced)", build(project, "full"), new_out("full"),
             "3 audiences x DOCX+PDF, fresh output folder; charts from the shared chart cache"),
        Spec("full build (forced, cold)",
             lambda: ["env", f"BRIEFGEN_CACHE={fresh['cold']}/.chart-cache", *build(project, "cold")()],
             new_out("cold"), "fresh output folder and an empty chart cache: matplotlib draws the charts"),
        Spec("full build (forced, same folder)",
             [*briefgen, "build", "-p", str(project), "--force", *options, "--out", str(warm)],
             note="every file rewritten into the same output folder"),
        Spec("no-op rebuild", [*briefgen, "build", "-p", str(project), *options, "--out", str(warm)],
             note="every output up to date"),
    ], fast, warmup=1)

    print("scaled content, interleaved", file=sys.stderr)
    specs = []
    for factor in (1, *config.scales):
        scaled = scale_content.scale(factor, bench.folder(f"x{factor}") / "project", project)
        specs.append(Spec(f"full build, content x{factor}", build(scaled, f"x{factor}"), new_out(f"x{factor}"),
                          "fresh output folder" + (": an exact copy of the project" if factor == 1 else "")))
    bench.interleave(specs, slow)

    print(f"{config.recipients} personalised briefings and the pandoc peer, interleaved", file=sys.stderr)
    csv_file = make_recipients.write(config.recipients, bench.folder("recipients") / f"recipients-{config.recipients}.csv")
    md_files = [str(p) for p in markdown.write_all(project, bench.folder("markdown"), ("parliament",), csv_file)]
    peer = [python, str(HERE / "pandoc_peer.py")]
    sample = md_files[:config.pandoc_sample]
    _, sequential, _ = bench.interleave([
        Spec(f"briefgen: {config.recipients} recipients, DOCX+PDF",
             build(project, "batch", "-a", "parliament", "--recipients", str(csv_file)), new_out("batch"),
             "parliament audience, forced, fresh output folder"),
        Spec(f"pandoc: {len(sample)} DOCX, sequential", lambda: [*peer, "--jobs", "1", str(fresh["seq"]), *sample],
             new_out("seq"), "one pandoc process per file"),
        Spec(f"pandoc: {len(md_files)} DOCX, 2 processes", lambda: [*peer, "--jobs", "2", str(fresh["par"]), *md_files],
             new_out("par"), "2-worker pool, one pandoc process per file"),
    ], batch)
    return {"recipients": config.recipients, "markdown_files": len(md_files),
            "sequential_scaled": sequential.median * len(md_files) / len(sample),
            "sample": len(sample)}


@dataclass
class Ratio:
    name: str
    value: float
    target: float
    meaning: str

    @property
    def passed(self) -> bool:
        return self.value <= self.target


def ratios(results: dict[str, Measurement], facts: dict, config: Config) -> list[Ratio]:
    m = {name: r.median for name, r in results.items()}
    n = facts["recipients"]
    small, large = config.scales
    t1 = m["full build, content x1"]
    per_copy = (m[f"full build, content x{small}"] - t1) / (small - 1)  # the marginal cost of 1x
    fixed = t1 - per_copy
    batch = results[f"briefgen: {n} recipients, DOCX+PDF"]
    return [
        Ratio(f"{n} briefings DOCX+PDF / pandoc {n} DOCX with 2 processes",
              batch.median / m[f"pandoc: {n} DOCX, 2 processes"], 0.8,
              "issue 10: both formats in under 0.8 of the time pandoc takes for the DOCX alone"),
        Ratio("full forced build / import floor", m["full build (forced)"] / m["import floor"], 2.0,
              "fresh output folder, charts from the cache"),
        Ratio("cold full build / import floor", m["full build (forced, cold)"] / m["import floor"], 2.0,
              "for information: the first build on a machine draws its charts"),
        Ratio("no-op rebuild / python -c pass", m["no-op rebuild"] / m["python -c pass"], 8.0, ""),
        Ratio("briefgen --help / python -c pass", m["briefgen --help"] / m["python -c pass"], 5.0, ""),
        Ratio("check (shipped project), seconds", m["check (shipped project)"], 2.0,
              "a time, not a ratio: check --strict with every figure and quote verified"),
        Ratio(f"content x{large}: time above fixed cost / ({large} x marginal cost of x1)",
              (m[f"full build, content x{large}"] - fixed) / (large * per_copy) if per_copy > 0 else float("inf"),
              1.0, f"marginal cost of x1 = {per_copy:.3f} s (from x1 to x{small}); fixed cost = {fixed:.3f} s"),
        Ratio(f"peak memory of one process, {n} batch (MB) / 300 MB", batch.peak_mb / 300, 1.0,
              f"{batch.peak_mb:.0f} MB"),
    ]


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("briefgen", "click", "jinja2", "ruamel.yaml", "ruamel.yaml.clib", "pydantic", "python-docx",
                    "reportlab", "matplotlib", "pypdf", "pypdfium2", "PyYAML", "pypandoc-binary"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "not installed"
    try:
        import pypandoc

        found["pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        found["pandoc"] = "not found"
    return found


def table(results: dict[str, Measurement]) -> str:
    rows = [("measurement", "runs", "median s", "min s", "max s", "peak MB", "notes")]
    for r in results.values():
        rows.append((r.name, str(len(r.times)), f"{r.median:.3f}", f"{min(r.times):.3f}", f"{max(r.times):.3f}",
                     f"{r.peak_mb:.0f}", r.note))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def report(results: dict[str, Measurement], facts: dict, config: Config, quick: bool) -> tuple[str, list[Ratio]]:
    checked = ratios(results, facts, config)
    lines = [table(results), ""]
    n = facts["recipients"]
    if facts["sample"] < facts["markdown_files"]:
        lines.append(f"pandoc sequential: {facts['sample']} of {n} files timed; all {n} would take about "
                     f"{facts['sequential_scaled']:.1f} s (scaled linearly).")
    seq_all = facts["sequential_scaled"]
    lines.append(f"pandoc: {seq_all / n:.3f} s per DOCX sequential; "
                 f"briefgen: {results[f'briefgen: {n} recipients, DOCX+PDF'].median / n:.3f} s per DOCX+PDF pair "
                 f"(2 cores).")
    lines += ["", "| ratio | value | target | result | notes |", "|---|---|---|---|---|"]
    for r in checked:
        lines.append(f"| {r.name} | {r.value:.2f} | <= {r.target:g} | {'PASS' if r.passed else 'FAIL'} | {r.meaning} |")
    if quick:
        lines += ["", "--quick: smaller sizes than the targets name; a smoke run, not a verdict."]
    return "\n".join(lines), checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run: fewer runs, smaller sizes")
    parser.add_argument("--runs", type=int, help="runs of each fast measurement (default 5)")
    parser.add_argument("--slow-runs", type=int, help="runs of each scaled-content build (default 3)")
    parser.add_argument("--batch-runs", type=int, help="runs of the recipients batch and of pandoc (default 2)")
    parser.add_argument("--recipients", type=int, help="rows in the synthetic recipients file (default 650)")
    parser.add_argument("--scales", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="content factors (default 10 25)")
    parser.add_argument("--pandoc-sample", type=int, help="files pandoc converts sequentially (default 100)")
    parser.add_argument("--jobs", type=int, help="briefgen build --jobs (default: briefgen's, the core count)")
    parser.add_argument("--project", type=Path, default=REPO, help="the project to build (default: the repository)")
    parser.add_argument("--json", nargs="?", const=HERE / "results.json", type=Path, metavar="PATH",
                        help="also write the results as JSON (default path: benchmarks/results.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where")
    args = parser.parse_args()
    config = configure(args)

    tmp = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "BRIEFGEN_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp / "cache")  # the shared chart cache, kept apart from the user's
    started, load_before = datetime.now(timezone.utc), os.getloadavg()
    try:
        bench = Bench(tmp, env, verbose=True)
        facts = run_all(bench, config, args.project.resolve())
    finally:
        if args.keep:
            print(f"temporary folders kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()
    found = versions()
    text, checked = report(bench.results, facts, config, args.quick)
    print(f"\nbriefgen benchmarks, {started:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print("; ".join(f"{k} {v}" for k, v in found.items()) + "\n")
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "date": started.isoformat(), "cores": os.cpu_count(), "load_average": [load_before, load_after],
            "versions": found, "config": asdict(config), "facts": facts,
            "measurements": [asdict(r) | {"median": r.median} for r in bench.results.values()],
            "ratios": [asdict(r) | {"passed": r.passed} for r in checked],
        }, indent=2) + "\n")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
