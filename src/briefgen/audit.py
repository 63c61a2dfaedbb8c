"""The leak audit: no output holds the text of an item above its audience's ceiling.

Selection removes such items before any template or writer sees them; the audit checks the
result, in the bytes a reader would get. For each audience, every item above its ceiling is
reduced to *distinctive* strings: runs of WINDOW words of its text that occur nowhere in what
the audience may see (its visible items, the briefing's metadata, its own prose). Every text a
DOCX, PDF (print or tagged) or HTML file can carry is extracted and searched for them. Text is compared as words only
(NFKC, case-folded, letters and digits), so line breaks, hyphenation points, typographic
quotes and dashes, or runs split by formatting cannot hide a match. Messages name the file,
the item and where in the file, never the restricted text itself, which could leak into logs.
The archived texts of the sources (`archive:`) are restricted for every audience: no briefing
may hold a run of their words that is not in what the audience may see.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import inline, model
from .access import source_levels
from .characters import MARKDOWN_FIELDS, strings
from .errors import LeakError, Problem, UsageProblem
from .extract import docx_segments, html_segments, pdf_segments

WINDOW = 6  # words in a distinctive string
MIN_CHARS = 12  # a text shorter than WINDOW words is distinctive only if at least this long
NOT_TEXT = {"supersedes", "measure", "archive", "id", "source", "locator", "as_of", "date", "date_said", "issued", "sensitivity", "kind",
            "addressee", "status", "topics", "findings", "dataset", "column", "row", "type",
            "category", "values", "checks", "priority"}
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
WORD = re.compile(r"[^\W_]+")
SEARCHED = 4096  # texts whose result is kept (Forbidden.found_in)



class Forbidden(list):
    """(label, distinctive strings as a frozenset) for each item an audience must not receive,
    then (label, every run of its words) for each archive; computed once per audience, so that
    auditing a file costs set lookups of its own word runs only. An archive's run counts only if
    the audience may not see it (`archive_runs`, one set for all archives) and no join of texts
    it may see makes it (see Joins)."""

    def __init__(self, items=(), archives=(), archive_runs: frozenset[str] = frozenset(),
                 joins: Joins | None = None):
        super().__init__([*items, *archives])
        self.items, self.archives = list(items), list(archives)
        self.sizes = frozenset(s.count(" ") + 1 for _, strings in self.items for s in strings)
        self.sizes |= {WINDOW} if archive_runs else set()
        self.archive_runs = archive_runs
        self.joins = joins
        self._explained: dict[str, bool] = {}
        self._searched: dict[str, list[str]] = {}

    def found_in(self, text: str) -> list[str]:
        """Return the label of every item or archive whose strings `text` holds. A batch of
        personalised briefings repeats most pages and parts word for word, so each text is
        searched once per process."""
        if text not in self._searched:
            if len(self._searched) >= SEARCHED:
                self._searched.clear()
            self._searched[text] = self.leaks(_shingles([words(text)], self.sizes))
        return self._searched[text]

    def leaks(self, shingles: set[str]) -> list[str]:
        """Return the label of every item or archive whose strings the word runs `shingles` hold."""
        found = [label for label, strings in self.items if not shingles.isdisjoint(strings)]
        hits = [run for run in shingles & self.archive_runs if not self._explains(run)]
        return found + [label for label, strings in self.archives if any(run in strings for run in hits)]

    def _explains(self, run: str) -> bool:
        if run not in self._explained:
            self._explained[run] = self.joins.explains(run)
        return self._explained[run]


class Joins:
    """How a briefing joins texts the audience may see: a table row after the one before it, a
    glossary definition after its term. An archive says the same things in the same order, so a
    run of its words that spans such a join is explained by what the audience may see."""

    def __init__(self, texts: list[list[str]]):
        self.starts = {" ".join(t[:k]) for t in texts for k in range(1, min(len(t), WINDOW) + 1)}
        self.ends = {" ".join(t[-k:]) for t in texts for k in range(1, min(len(t), WINDOW) + 1)}
        self.wholes = {" ".join(t) for t in texts if len(t) < WINDOW}

    def explains(self, run: str) -> bool:
        """Return True if `run` is the end of a visible text, whole visible texts (or numbers, as
        citation markers, page numbers and dates print them), then the start of one."""
        found = run.split(" ")
        whole = lambda piece: piece in self.wholes or piece.isdigit()
        reached = {k for k in range(1, len(found)) if " ".join(found[:k]) in self.ends}
        for i in range(1, len(found)):
            if i in reached:
                if " ".join(found[i:]) in self.starts or found[i:] and whole(" ".join(found[i:])):
                    return True
                reached |= {j for j in range(i + 1, len(found)) if whole(" ".join(found[i:j]))}
        return False


def words(text: str) -> list[str]:
    """Return the words of `text` as the audit compares them: NFKC, case-folded, alphanumeric."""
    return WORD.findall(unicodedata.normalize("NFKC", text).translate(INVISIBLE).casefold())


# ---- what an audience must not receive -----------------------------------------------------

def forbidden_texts(content: model.Content, audience: model.Audience, root: Path | None = None) -> Forbidden:
    """Return (item label, distinctive strings) for every item above the audience's ceiling and,
    with the project's `root`, for every source's archive; raise ContentError if an archive
    cannot be read, since its text could then not be looked for."""
    ceiling = content.rank(audience.ceiling)
    allowed = [words(t) for t in allowed_texts(content, audience)]
    shingles = _shingles(allowed, {WINDOW})
    joined = "\n".join(f" {' '.join(w)} " for w in allowed)
    out = []
    levels = source_levels(content)
    above = [(noun, item, item.sensitivity, item_texts(item)) for kind, (_, noun) in model.KINDS.items()
             for item in getattr(content, kind)]
    above += [("source", s, levels[s.id], [v for _, v in strings(s.model_dump(exclude={"id", "date", "sensitivity"}), ())])
              for s in content.sources]
    for noun, item, level, texts in above:
        if content.rank(level) <= ceiling:
            continue
        windows = dict.fromkeys(_windows([words(text) for text in texts]))
        found = [w for w in windows
                 if not (w in shingles if w.count(" ") + 1 == WINDOW else f" {w} " in joined)]
        if found:
            out.append((f"{noun} '{item.id}' ({level})", frozenset(found)))
    if root is None:
        return Forbidden(out)
    entries, runs = _archives(content, root, shingles)
    return Forbidden(out, entries, runs, Joins(allowed))


def _archives(content: model.Content, root: Path, shingles: set[str]) -> tuple[list, frozenset[str]]:
    """Return (label, every run of its words) for every source's archive, and the runs of all of
    them that the audience may not see."""
    from .checks.archives import ArchiveProblem, read_archive
    from .errors import ContentError

    entries, runs = [], set()
    for source in content.sources:
        if not source.archive:
            continue
        try:
            archive = read_archive(root, source.archive)
        except (ArchiveProblem, OSError) as exc:
            raise ContentError([Problem("content/sources.yaml", 1, f"archive '{source.archive}' {exc}; "
                                        "the audit cannot look for its text", f"source '{source.id}'",
                                        "archive")]) from None
        if "audit" not in archive.memo:  # the archive's runs of words, once per process
            archive.memo["audit"] = frozenset(_windows([words(" ".join(archive.lines))]))
        entries.append((f"the archived text of source '{source.id}' ({source.archive}; restricted)",
                        archive.memo["audit"]))
        runs |= archive.memo["audit"]
    return entries, frozenset(runs - shingles)


def item_texts(item: model.Item) -> list[str]:
    """Return every text of `item` a briefing could print, Markdown reduced to its text and links."""
    texts = []
    for path, value in strings(item.model_dump(), ()):
        if any(part in NOT_TEXT for part in path if isinstance(part, str)):
            continue
        if path and path[-1] in MARKDOWN_FIELDS:
            try:
                for paragraph in inline.paragraphs(value):
                    texts.append("".join(run.text for run in paragraph))
                    texts += [run.link for run in paragraph if run.link]
            except inline.LinkError:
                texts.append(value)
        else:
            texts.append(value)
    if isinstance(item, model.Dataset):
        from .checks.figures import format_cell

        types = [c.type for c in item.columns]
        texts += [" ".join(format_cell(v, t) for v, t in zip(row, types) if v is not None) for row in item.rows]
    return texts


def allowed_texts(content: model.Content, audience: model.Audience) -> list[str]:
    """Return every text the audience may see: visible items, sources, briefing, vocabulary, prose."""
    from .plan import DEFAULT_NOTE
    from .select import visible

    shown = visible(content, audience)
    texts = [t for kind in model.KINDS for item in getattr(shown, kind) for t in item_texts(item)]
    # References print locators, and locators name the archived texts' headings.
    texts += [v for kind in model.KINDS for item in getattr(shown, kind)
              for path, v in strings(item.model_dump(), ()) if path and path[-1] == "locator"]
    for data in [*(s.model_dump() for s in shown.sources), content.briefing.model_dump(),
                 content.vocabulary.model_dump(), audience.model_dump()]:
        texts += [value for _, value in strings(data, ())]
    return texts + [DEFAULT_NOTE]


def _windows(texts: list[list[str]]) -> list[str]:
    """Return each text's runs of WINDOW words, or the whole text if shorter (and long enough)."""
    out = []
    for found in texts:
        if len(found) >= WINDOW:
            out += [" ".join(found[i:i + WINDOW]) for i in range(len(found) - WINDOW + 1)]
        elif len(" ".join(found)) >= MIN_CHARS:
            out.append(" ".join(found))
    return out


def _shingles(texts: list[list[str]], sizes: set[int]) -> set[str]:
    """Return every run of n words, for each n in `sizes`, within each text."""
    return {" ".join(found[i:i + n]) for found in texts for n in sizes for i in range(len(found) - n + 1)}


# ---- searching outputs ---------------------------------------------------------------------

def audit_bytes(data: bytes, suffix: str, forbidden: Forbidden, page_texts: list[str] | None = None) -> list[str]:
    """Return one line per forbidden item found in the file `data` ("docx", "pdf", "pdf-ua" or
    "html"), naming where. A PDF's `page_texts`, if given, are its pages' text as PDFium
    read it for the layout preflight (extract.pdf_segments)."""
    if not forbidden:
        return []
    kind = suffix.lower().lstrip(".")
    try:
        segments = docx_segments(data) if kind == "docx" else html_segments(data) if kind == "html" \
            else pdf_segments(data, page_texts)  # pdf, and pdf-ua: the tagged edition
    except Exception as exc:  # a file we cannot read is a file we cannot clear: fail closed
        return [f"the file cannot be read for the audit ({type(exc).__name__}: {exc})"]
    forbidden = forbidden if isinstance(forbidden, Forbidden) else Forbidden(forbidden)
    places: dict[str, list[str]] = {}
    for where, text in segments:
        for label in forbidden.found_in(text):
            places.setdefault(label, []).append(where)
    return [f"{label} in {', '.join(where)}" for label, where in places.items()]


def audit_folder(project, folder: Path) -> list[Problem]:
    """Return an error per output under folder/<audience>/ that holds an item above that audience's ceiling.

    Raise UsageProblem if `folder` is not a folder. A sub-folder that is not an audience of the
    project is reported as a warning, since its files cannot be audited.
    """
    if not folder.is_dir():
        raise UsageProblem(f"no output folder at {folder}")
    problems = []
    for sub in _audience_folders(folder):
        audience = project.audiences.get(sub.name)
        if audience is None:
            problems.append(Problem(str(sub), 1, "not an audience of this project; its files were not "
                                    "audited", severity="warning"))
            continue
        forbidden = forbidden_texts(project.content, audience, project.root)
        for path in _outputs(sub):
            for leak in audit_bytes(path.read_bytes(), path.suffix, forbidden):
                problems.append(Problem(str(path), 1, f"holds text of {leak}, above the '{sub.name}' "
                                        f"audience's ceiling ({audience.ceiling})"))
    return problems


def report(root: Path, folder: Path) -> tuple[list[Problem], list[Path]]:
    """Return every leak (an error) and warning found under `folder`, and the files audited."""
    from .load import load

    project = load(root)
    problems = audit_folder(project, folder)
    audited = [path for sub in _audience_folders(folder) if sub.name in project.audiences for path in _outputs(sub)]
    return problems, audited


def run(root: Path, folder: Path) -> str:
    """Return a summary when no output under `folder` leaks; raise LeakError listing every leak.

    This is `briefgen audit [OUTPUT_DIR]`.
    """
    problems, audited = report(root, folder)
    leaks = [p for p in problems if p.severity == "error"]
    if leaks:
        files = len({p.file for p in leaks})
        raise LeakError(f"{files} file{'s hold' if files != 1 else ' holds'} material above its audience's "
                        "ceiling:\n  "
                        + "\n  ".join(map(str, leaks)))
    lines = [f"warning: {p}" for p in problems]
    audiences = len({path.relative_to(folder).parts[0] for path in audited})
    lines.append(f"Audited {len(audited)} file{'s' * (len(audited) != 1)} for {audiences} "
                 f"audience{'s' * (audiences != 1)}: nothing above any audience's ceiling.")
    return "\n".join(lines)


def _audience_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".pdf", ".html") and p.is_file())
