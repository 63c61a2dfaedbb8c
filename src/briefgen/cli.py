"""The command line: click commands that parse options, call the library and print results.

Only click is imported at start-up; each command imports what it needs when it runs, so
`briefgen --help` never loads the rendering stack.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("docx", "pdf", "html", "pdf-ua")  # kept in step with briefgen.writers.FORMATS by a test
PRINT = ("docx", "pdf")  # the print editions: the preflight reads their pages, watch rebuilds them
PREFLIGHT_FORMATS = PRINT


def _project(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """Return the project named by --project, or the one the current folder is in."""
    from .root import find

    return value if value is not None else find(Path.cwd())


project_option = click.option(
    "--project", "-p", "project", type=click.Path(file_okay=False, path_type=Path), default=None,
    callback=_project, show_default="the project the current folder is in",
    help="The content project: a folder with content/ and templates/audiences/.")
out_option = click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="Output folder.  [default: output/ in the project]")


json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print what the command found as JSON (docs/commands.md gives its shape).")


def _as_json(run, *args) -> None:
    """Print `run(*args)` (a report) as JSON, or the error it raises as JSON, with its exit code."""
    from .errors import BriefgenError
    from .jsonout import dumps, failure

    try:
        report = run(*args)
    except BriefgenError as exc:
        click.echo(dumps(failure(exc)))
        sys.exit(exc.exit_code)
    click.echo(dumps(report))
    if not report.get("ok", True):
        sys.exit(3)  # only the audit reports a failure rather than raising it: a leak


def audience_option(verb: str):
    """Return the -a option, its help starting with `verb` ("Build only this audience")."""
    return click.option("--audience", "-a", "audiences", multiple=True, metavar="ID",
                        help=f"{verb} only this audience (repeatable). Default: every audience.")


def format_option(verb: str, choices: tuple[str, ...], default: str):
    """Return the -f option over `choices`, its help starting with `verb`."""
    return click.option("--format", "-f", "formats", multiple=True, type=click.Choice(choices),
                        help=f"{verb} only this format (repeatable). Default: {default}.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefgen")
def main() -> None:
    """Turn structured evidence into briefings tailored to each audience: DOCX and PDF for
    print, and accessible editions (HTML, tagged PDF/UA-1) for screen readers.

    Run from any folder inside a project, or name one with --project.

    \b
    Example:
      briefgen init my-briefing      # a small example project to start from
      briefgen check                 # validate the content, write nothing
      briefgen build                 # every audience, every format, into output/
      briefgen watch                 # rebuild on every save

    \b
    Exit codes: 0 done; 1 the output folder cannot be written, or another build
    holds it; 2 content or usage problems (with --strict, warnings too); 3 a leak;
    4 layout faults (with --strict).
    """


@main.command()
@project_option
@audience_option("Build")
@format_option("Build", FORMATS, "all four: docx and pdf (print), html and pdf-ua (accessible: a web page, and "
               "a tagged PDF/UA-1)")
@out_option
@click.option("--recipients", "-r", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A CSV file: one personalised briefing per row, named by its 'name' column.")
@click.option("--force", is_flag=True, help="Rebuild every file, even those that are up to date.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes.  [default: the number of cores]")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. over the page budget) as errors.")
@json_option
def build(project: Path, audiences: tuple[str, ...], formats: tuple[str, ...], out: Path | None,
          recipients: Path | None, force: bool, jobs: int | None, strict: bool, as_json: bool) -> None:
    """Build briefings into OUT/<audience>/, skipping those whose inputs have not changed.

    With --recipients, builds one briefing per row into OUT/<audience>/<file stem>/, and
    the audience's templates can use the row as `recipient` (e.g. recipient.constituency).

    \b
    Example:
      briefgen build
      briefgen build -a parliament -f pdf --out /tmp/briefings
      briefgen build -f html -f pdf-ua          # only the accessible editions
      briefgen build -a parliament --recipients content/recipients.example.csv
      briefgen build --json > built.json
    """
    from .build import build as run_build

    if as_json:
        from . import jsonout

        _as_json(lambda: jsonout.built(run_build(project, out or project / "output", audiences or None,
                                                 formats or FORMATS, strict=strict, force=force, jobs=jobs,
                                                 recipients=recipients)))
        return
    show = _progress()
    summary = run_build(project, out or project / "output", audiences or None, formats or FORMATS,
                        strict=strict, force=force, jobs=jobs, recipients=recipients, report=show)
    show.close()
    if not show.tty:
        for path, pages in summary.written:
            click.echo(f"wrote {path}" + (f" ({pages} pages)" if pages else ""))
    for warning in summary.warnings:
        click.echo(str(warning), err=True)
    built = len(summary.written)
    click.echo(f"Built {built} file{'s' * (built != 1)} ({summary.current} up to date) "
               f"in {summary.seconds:.2f} s.")


class _progress:
    """A progress bar on a terminal while rendering; otherwise (logs, CI) a line per file once
    every file is published."""

    def __init__(self):
        self.bar = None
        self.tty = sys.stdout.isatty()

    def __call__(self, path: Path, pages: int | None, done: int, total: int) -> None:
        if not self.tty:
            return  # the files are listed once they are published
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building", show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the problems and the fact-check's counts as JSON.")
@click.option("--recipients", "-r", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A CSV file: render every audience's templates with each of its rows too.")
def check(project: Path, strict: bool, as_json: bool, recipients: Path | None) -> None:
    """Validate every content file and audience, and fact-check them against the archived
    sources; report all problems and a summary line; write nothing.

    With --recipients, every template is rendered with every row of the file, so a column a
    template names that the file lacks, or a row missing a cell, is found before a build.
    Exit code 0 when the content is clean, 2 when it has problems.

    \b
    Example:
      briefgen check --project ../other-charity
      briefgen check --strict --json > check.json
      briefgen check --recipients content/recipients.example.csv
    """
    if as_json:
        from .check import check_json

        report, ok = check_json(project, strict, recipients)
        click.echo(report)
        if not ok:
            sys.exit(2)
        return
    from .check import check as run_check

    click.echo(run_check(project, strict, recipients))


@main.command()
@project_option
@click.argument("output_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@json_option
def audit(project: Path, output_dir: Path | None, as_json: bool) -> None:
    """Check built briefings: no file holds material above its audience's ceiling.

    Audits every DOCX, PDF and HTML file under OUTPUT_DIR/<audience>/ (default: output/ in
    the project): body, tables, headers and footers, alt text, properties, links, PDF outline,
    structure tree and metadata, HTML text, attributes and title.
    Every build runs the same audit before writing. Exit code 0 when clean, 3 when a file leaks.

    \b
    Example:
      briefgen audit
      briefgen audit /tmp/briefings
      briefgen audit --json
    """
    from .audit import report, run

    folder = output_dir or project / "output"
    if as_json:
        from .jsonout import audited

        _as_json(lambda: audited(*report(project, folder)))
        return
    click.echo(run(project, folder))


@main.command()
@project_option
@click.argument("output_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@format_option("Check", PREFLIGHT_FORMATS, "docx and pdf")
@click.option("--strict", is_flag=True, help="Treat layout faults as errors: exit code 4.")
def preflight(project: Path, output_dir: Path | None, formats: tuple[str, ...], strict: bool) -> None:
    """Check built briefings for layout faults, as a reader would see the pages.

    Reads every PDF under OUTPUT_DIR (default: output/ in the project), and every DOCX as
    LibreOffice lays it out (where soffice is installed), and reports each fault by file,
    page and block: headings at the foot of a page, widows and orphans, overlapping text,
    clipped pictures, lines over the theme's measure, repeated lines, fonts other than the
    theme's, links and words broken inside a word, and more (docs/checks.md). Every build
    checks the PDFs it writes the same way. Exit code 0 with faults as warnings; with
    --strict, 4 when there is any fault.

    \b
    Example:
      briefgen preflight
      briefgen preflight /tmp/briefings --strict
      briefgen preflight -f pdf
    """
    from .preflight import run

    click.echo(run(project, output_dir or project / "output", strict, formats or PREFLIGHT_FORMATS))


@main.command()
@project_option
@audience_option("Preview")
@out_option
@click.option("--dpi", type=click.IntRange(36, 300), default=110, show_default=True,
              help="Resolution of the page images.")
def preview(project: Path, audiences: tuple[str, ...], out: Path | None, dpi: int) -> None:
    """Draw each briefing's PDF pages as PNG images, and a contact sheet of all its pages.

    Builds the PDFs first if they are missing or out of date, then writes
    OUT/.preview/<audience>/<audience>-pages.png (the contact sheet) and one
    <audience>-page-N.png per page, and prints their paths.

    \b
    Example:
      briefgen preview
      briefgen preview -a parliament && xdg-open output/.preview/parliament/parliament-pages.png
    """
    from .preview import preview as run_preview

    result = run_preview(project, out or project / "output", audiences or None, dpi)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    for sheet, pages in result.briefings:
        click.echo(f"{sheet} ({len(pages)} page{'s' * (len(pages) != 1)})")
        click.echo("".join(f"  {page}\n" for page in pages), nl=False)


@main.command()
@project_option
@audience_option("Rebuild")
@format_option("Rebuild", FORMATS, "docx and pdf, the editions you look at while writing")
@out_option
def watch(project: Path, audiences: tuple[str, ...], formats: tuple[str, ...], out: Path | None) -> None:
    """Rebuild the briefings whose inputs change, on every save, until Ctrl-C.

    Watches content/, templates/, sources/, assets/ and theme.yaml. Each save rebuilds only
    the outputs it affects, in one warm process, and prints one line ("rebuilt
    parliament.pdf in 0.31 s"); problems are printed as `briefgen check` prints them, and
    the watch goes on. Pair it with a PDF viewer that reloads on change.

    \b
    Example:
      briefgen watch
      briefgen watch -a parliament -f pdf
    """
    from .watch import watch as run_watch

    run_watch(project, out or project / "output", audiences or None, formats or PRINT, click.echo)


@main.command(name="list")
@project_option
@json_option
def list_audiences(project: Path, as_json: bool) -> None:
    """List the audiences and what each briefing would include.

    \b
    Example:
      briefgen list
      briefgen list --json
    """
    if as_json:
        from .jsonout import listed
        from .load import load

        _as_json(lambda: listed(load(project)))
        return
    from .check import describe

    click.echo(describe(project))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Create a small example project in FOLDER (new or empty) that builds straight away.

    One source with its archived text, a finding with a figure, a quote, a recommendation with
    progress, a dataset with a chart, a glossary term, one audience, a theme and an example
    recipients file, every field with a comment saying what it is for.

    \b
    Example:
      briefgen init my-briefing
      cd my-briefing && briefgen build
    """
    from .scaffold import init as scaffold, optional

    written = scaffold(folder)
    click.echo(f"Created a briefgen project in {folder}:")
    for path in written:
        click.echo(f"  {path.as_posix()}" + ("  (optional)" if optional(path) else ""))
    click.echo(f"Next: cd {folder} && briefgen build   (every field has a comment saying what it is for)")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the content and audience files (for editors).

    \b
    Example:
      briefgen schema > briefgen.schema.json
    """
    import json

    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
