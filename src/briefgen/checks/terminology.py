"""Terminology: terms to avoid in authored text, and the term to write instead.

The rules are data: the packaged terminology.yaml (Luxembourg Guidelines, IWF guidance),
extended by the project's own content/terminology.yaml in the same shape. Every authored
text of every content and audience file is searched, case-insensitively and on word
boundaries. A term inside an exempt title (a statute or treaty) is left alone; a term in a
verbatim quote or in the title of a cited source is left as written and reported as a note.
"""
from __future__ import annotations

import re
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
SEPARATOR = r"[\s\-\u2010\u2011\u2012\u2013\u2014]+"  # a space in a term matches these too
# Fields that hold ids, dates, references or addresses, never prose.
NOT_PROSE = {"id", "source", "locator", "url", "email", "phone", "date", "as_of", "issued",
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
    for name, located in sorted(project.files.items()):
        if not name.startswith(("content/", "templates/")):
            continue
        for path, text in strings(located.data, ()):
            inside = path[2:] if len(path) > 1 and isinstance(path[1], int) else path  # the item's own fields
            if any(part in NOT_PROSE for part in inside if isinstance(part, str)):
                continue
            exempt_as = _exempt_as(located, path, verbatim)
            for found, rule in find(terminology, text):
                problems.append(_problem(located, path, found, rule, exempt_as))
    return problems


def find(terminology: Terminology, text: str) -> list[tuple[str, Rule]]:
    """Return (the words as written, the rule) for every term to avoid in `text`."""
    if terminology.pattern is None:
        return []
    spared = [m.span() for m in terminology.exempt.finditer(text)] if terminology.exempt else []
    found = []
    for match in terminology.pattern.finditer(text):
        if not any(start <= match.start() and match.end() <= end for start, end in spared):
            found.append((match.group(), terminology.rules[_normal(match.group())]))
    return found


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


def _exempt_as(located, path: tuple, verbatim: set[str]) -> str:
    """Return why the text at `path` keeps its words ("a verbatim quote", ...), or ""."""
    if len(path) == 3 and path[0] == "quotes" and path[2] == "text":
        quote = located.data["quotes"][path[1]]
        if isinstance(quote, dict) and quote.get("kind") in verbatim:
            return "a verbatim quote"
    if len(path) == 3 and path[0] == "sources" and path[2] == "title":
        return "the title of a cited source"
    return ""


def _problem(located, path: tuple, found: str, rule: Rule, exempt_as: str) -> Problem:
    found = " ".join(found.split())  # as one line, even if the text breaks inside the term
    if exempt_as:
        message = f'"{found}" left as written: exempt as {exempt_as} (elsewhere write "{rule.suggest}")'
        severity = "info"
    else:
        cite = f" ({rule.source})" if rule.source else ""
        message = f'"{found}" is a term to avoid; write "{rule.suggest}" instead{cite}'
        severity = "warning"
    problem = located.problem(path, message)
    return Problem(problem.file, problem.line, message, problem.item, problem.field, severity)
