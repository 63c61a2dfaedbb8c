"""Terminology: terms to avoid in authored text, and the term to write instead.

The rules are data: the packaged terminology.yaml (Luxembourg Guidelines, IWF guidance),
extended by the project's own content/terminology.yaml in the same shape. Every authored
text of every content and audience file is searched, case-insensitively and on word
boundaries. A term inside an exempt title (a statute or treaty) is left alone; a term in a
verbatim quote or in the title of a cited source is left as written and reported as a note.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from .. import yamlfile
from ..characters import strings
from ..errors import Problem
from ..model import Line, Strict

PACKAGED = Path(__file__).with_name("terminology.yaml")
PROJECT_FILE = "content/terminology.yaml"
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")  # blank, yet not format (Cf)
SEPARATOR = r"[\s\-\u2010\u2011\u2012\u2013\u2014]+"  # a space in a term matches these too
# Fields that hold ids, dates, references or addresses, never prose.
NOT_PROSE = {"supersedes", "measure", "archive", "id", "source", "locator", "url", "email", "phone", "date", "as_of", "issued",
             "sensitivity", "kind", "addressee", "status", "ceiling", "type", "category", "language",
             "version", "dataset", "column", "row", "topics", "findings", "ids", "values",
             "addressees", "quote_kinds", "checks"}


class Rule(Strict):
    terms: list[Line] = Field(min_length=1)
    suggest: Line
    note: str = ""
    source: str = ""


class Rules(Strict):
    rules: list[Rule] = []
    exempt: list[Line] = []


@dataclass(frozen=True)
class Terminology:
    rules: dict[str, Rule]  # normalised term -> its rule
    pattern: re.Pattern | None
    exempt: re.Pattern | None


def check(project, where) -> list[Problem]:
    """Return a warning per term to avoid in authored text, and a note per exempt use."""
    terminology, problems = load_rules(project.root)
    verbatim = {kind for kind, spec in project.content.vocabulary.quote_kinds.items() if spec.verbatim}
    lowest = project.content.vocabulary.sensitivity[0].id
    for name, located in sorted(project.files.items()):
        if not name.startswith(("content/", "templates/")):
            continue
        for path, text in strings(located.data, ()):
            inside = path[2:] if len(path) > 1 and isinstance(path[1], int) else path  # the item's own fields
            if any(part in NOT_PROSE for part in inside if isinstance(part, str)):
                continue
            exempt_as = _exempt_as(located, path, verbatim)
            secret = _secret(located, path, lowest)
            for found, rule in find(terminology, text):
                problems.append(_problem(located, path, found, rule, exempt_as, secret))
    return problems


def find(terminology: Terminology, text: str) -> list[tuple[str, Rule]]:
    """Return (the words as written, the rule) for every term to avoid in `text`.

    Terms are matched in the text as it reads, not as it is stored: invisible characters (a
    zero-width space, a soft hyphen) are left out and look-alike letters (a Cyrillic "о")
    read as the Latin ones, so neither can hide a term; the words are returned as written.
    """
    if terminology.pattern is None:
        return []
    read, origin = reading(text)
    spared = [m.span() for m in terminology.exempt.finditer(read)] if terminology.exempt else []
    found = []
    for match in terminology.pattern.finditer(read):
        if not any(start <= match.start() and match.end() <= end for start, end in spared):
            written = text[origin[match.start()]:origin[match.end() - 1] + 1]
            found.append((written, terminology.rules[_normal(match.group())]))
    return found


def reading(text: str) -> tuple[str, list[int]]:
    """Return `text` as a reader sees it (see find) and, for each of its characters, the
    position in `text` it comes from."""
    if text.isascii():
        return text, list(range(len(text)))
    lookalikes = _lookalikes()
    out, origin = [], []
    for position, char in enumerate(text):
        if unicodedata.category(char) == "Cf" or char in INVISIBLE:
            continue
        for piece in unicodedata.normalize("NFKC", char):
            out.append(lookalikes.get(piece, piece))
            origin.append(position)
    return "".join(out), origin


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    """Return the letters and digits that look like an ASCII one, with the one they look like
    (from Unicode's confusables data, via confusable_homoglyphs)."""
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, entries in confusables_data.items():
        if char.isascii() or len(char) != 1:
            continue
        ascii_forms = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalnum()]
        if ascii_forms and char.isalnum():
            table[char] = ascii_forms[0]
    return table


def load_rules(root: Path) -> tuple[Terminology, list[Problem]]:
    """Return the packaged rules extended by the project's, and any problem in the project's file."""
    rules = _packaged()
    problems: list[Problem] = []
    path = root / PROJECT_FILE
    if not path.is_file():
        return _compile(rules), problems
    located, problems = yamlfile.read(path, PROJECT_FILE)
    if located is not None and not problems:
        from ..load import validated

        extra, problems = validated(Rules, located.data if located.data is not None else {}, located)
        if extra is not None:
            rules = Rules(rules=rules.rules + extra.rules, exempt=rules.exempt + extra.exempt)
    return _compile(rules), problems


@lru_cache(maxsize=1)
def _packaged() -> Rules:
    located, problems = yamlfile.read(PACKAGED, "terminology.yaml")
    assert located is not None and not problems, problems
    return Rules.model_validate(located.data)


def _compile(rules: Rules) -> Terminology:
    by_term = {_normal(term): rule for rule in rules.rules for term in rule.terms}
    return Terminology(by_term, _alternation(by_term), _alternation(rules.exempt))


def _alternation(phrases) -> re.Pattern | None:
    """Return a case-insensitive pattern matching any phrase as whole words, longest first."""
    if not phrases:
        return None
    parts = [SEPARATOR.join(re.escape(w) for w in _normal(p).split(" "))
             for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _normal(term: str) -> str:
    return " ".join(re.split(SEPARATOR, term.casefold().strip()))


def _secret(located, path: tuple, lowest: str) -> bool:
    """Return True if `path` is inside an item above the lowest level."""
    from ..model import KINDS

    kind = located.file.removeprefix("content/").removesuffix(".yaml")
    if kind not in KINDS or len(path) < 2 or not isinstance(path[1], int):
        return False
    raw = located.data[path[0]][path[1]]
    return not isinstance(raw, dict) or raw.get("sensitivity") != lowest


def _exempt_as(located, path: tuple, verbatim: set[str]) -> str:
    """Return why the text at `path` keeps its words ("a verbatim quote", ...), or ""."""
    if len(path) == 3 and path[0] == "quotes" and path[2] == "text":
        quote = located.data["quotes"][path[1]]
        if isinstance(quote, dict) and quote.get("kind") in verbatim:
            return "a verbatim quote"
    if len(path) == 3 and path[0] == "sources" and path[2] == "title":
        return "the title of a cited source"
    return ""


def _problem(located, path: tuple, found: str, rule: Rule, exempt_as: str, secret: bool) -> Problem:
    """Return the warning (or, where exempt, the note) for one term found at `path`."""
    if secret:  # an item above the lowest level: name the rule's term, not the words as written
        found = _normal(found if found.isascii() else reading(found)[0])
    shown = _shown(" ".join(found.split()))  # as one line, even if the text breaks inside the term
    if exempt_as:
        message = f'{shown} left as written: exempt as {exempt_as} (elsewhere write "{rule.suggest}")'
        severity = "info"
    else:
        cite = f" ({rule.source})" if rule.source else ""
        message = f'{shown} is a term to avoid; write "{rule.suggest}" instead{cite}'
        severity = "warning"
    problem = located.problem(path, message)
    return Problem(problem.file, problem.line, message, problem.item, problem.field, severity)


def _shown(written: str) -> str:
    """Return `written` quoted so that what hides in it shows: invisible characters as code
    points, look-alike letters named."""
    lookalikes = _lookalikes() if not written.isascii() else {}
    text = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" or c in INVISIBLE else c
                   for c in written)
    odd = sorted({c for c in written if c in lookalikes})
    named = "; ".join(f'"{c}" is {unicodedata.name(c, "?").lower()} (U+{ord(c):04X}), not "{lookalikes[c]}"'
                      for c in odd)
    return f'"{text}"' + (f" ({named})" if named else "")
