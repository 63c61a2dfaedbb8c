"""Figures against their sources: every figure and every number in a finding or dataset is in its archive.

A figure's value is read as numbers (numbers.py) and each must occur in the archive, in the
lines its locator resolves to: with the same value, the same kind (a percentage, percentage
points, a count), the same currency, and, where the figure says 'over' or 'almost', the same
qualifier. Numbers in headlines, bodies, labels, notes and text cells are checked the same way,
without qualifiers; dates, page references and list numbers are skipped, and years and
durations are looked for in the whole archive.
"""
from __future__ import annotations

import dataclasses
import difflib

from ..errors import Problem
from .archives import plain
from .figures import format_cell
from .numbers import Number, read, role

HERE, ELSEWHERE, MISSING = "here", "elsewhere", "missing"


def check(content, evidence, tally) -> list[Problem]:
    """Return a warning for every figure value or number not found in its source's archive."""
    problems: list[Problem] = []
    for finding in content.findings:
        _finding(finding, evidence, tally, problems)
    for dataset in content.datasets:
        _dataset(dataset, evidence, tally, problems)
    for rec in content.recommendations:  # its text is checked word for word, as a quote
        parts = [(("title",), rec.title, rec.source, rec.locator, ("locator",))]
        parts += [(("progress", i, "text"), p.text, p.source, p.locator, ("progress", i, "locator"))
                  for i, p in enumerate(rec.progress)]
        for field, text, source, locator, locator_field in parts:
            found = evidence.region("recommendations", rec.id, source, locator, locator_field)
            if found is None:
                tally.add("numbers.no_archive", len(_to_check(text)))
            else:
                _numbers(("recommendations", rec.id, field), text, found, evidence, tally, problems, set())
    return problems


def _finding(finding, evidence, tally, problems) -> None:
    found = evidence.region("findings", finding.id, finding.source, finding.locator)
    texts = [(("headline",), finding.headline), (("body",), finding.body)]
    texts += [(("figures", i, "label"), f.label) for i, f in enumerate(finding.figures)]
    if found is None:
        tally.add("figures.no_archive", len(finding.figures))
        tally.add("numbers.no_archive", sum(len(_to_check(text)) for _, text in texts))
        return
    spared: set[tuple] = set()  # numbers of figures marked unverifiable: not looked for in the text
    for index, figure in enumerate(finding.figures):
        field = ("figures", index, "value")
        if figure.unverifiable:
            tally.add("figures.unverifiable")
            spared |= {(v, n.kind) for n in read(plain(figure.value).lower()) for v in n.values}
            continue
        _figure(("findings", finding.id, field), figure.value, found, evidence, tally, problems)
    for field, text in texts:
        _numbers(("findings", finding.id, field), text, found, evidence, tally, problems, spared)


def _dataset(dataset, evidence, tally, problems) -> None:
    found = evidence.region("datasets", dataset.id, dataset.source, dataset.locator)
    cells = [(("rows", r, c), value, column.type) for r, row in enumerate(dataset.rows)
             for c, (value, column) in enumerate(zip(row, dataset.columns)) if value is not None]
    numeric = [(f, v, t) for f, v, t in cells if t != "text" and not isinstance(v, bool)]
    types = {c.id: c.type for c in dataset.columns}
    if dataset.totals is not None:
        numeric += [(("totals", "values", c), v, types.get(c, "integer")) for c, v in dataset.totals.values.items()]
    if found is None:
        tally.add("figures.no_archive", len(numeric))
        return
    for field, value, column_type in numeric:
        text = format_cell(value, column_type)
        _figure(("datasets", dataset.id, field), text, found, evidence, tally, problems)
    texts = [(("title",), dataset.title), (("notes",), dataset.notes)]
    texts += [(f, v) for f, v, t in cells if t == "text" and f[2] > 0]  # row labels name, not state
    for field, text in texts:
        _numbers(("datasets", dataset.id, field), str(text), found, evidence, tally, problems, set())


def _figure(at, value: str, found, evidence, tally, problems) -> None:
    """Verify one figure value: every number in it, at its locator."""
    archive, resolved = found
    numbers = read(plain(value).lower())
    if not numbers:
        tally.add("figures.not_found")
        problems.append(_problem(evidence, at, f"'{value}' has no number to look for in source; "
                                 "write it in digits, or mark it unverifiable: with a reason",
                                 "its value has no number to look for in source"))
        return
    results = [_find(archive, resolved.ranges, n) for n in numbers]
    worst = next((r for r in (MISSING, ELSEWHERE) if any(state == r for state, _ in results)), HERE)
    tally.add({HERE: "figures.verified", ELSEWHERE: "figures.not_at_locator", MISSING: "figures.not_found"}[worst])
    if worst == MISSING:
        number = next(n for n, (state, _) in zip(numbers, results) if state == MISSING)
        problems.append(_problem(evidence, at, f"'{value}' {_missing(archive, resolved, number)}",
                                 f"its value is not in source ({archive.file})"))
    elif worst == ELSEWHERE:
        lines = sorted({line for state, lines in results if state == ELSEWHERE for line in lines})
        problems.append(_problem(evidence, at, (
            f"'{value}' is in the source ({archive.file}, {_lines(lines)}), but not at its locator "
            f"({resolved.describe()})"), f"its value is in the source ({archive.file}), but not at its locator"))


def _numbers(at, text: str, found, evidence, tally, problems, spared: set) -> None:
    """Verify the numbers written in digits in one text field; report the missing ones together."""
    if not text:
        return
    archive, resolved = found
    missing, elsewhere = [], []
    for number, what in _to_check(text):
        if all((v, number.kind) in spared for v in number.values):
            continue
        # Years and durations restate dates ("in 2023", "12 months"), so anywhere in the source will do.
        ranges = archive.everything() if what in ("year", "duration") else resolved.ranges
        state, _ = _find(archive, ranges, dataclasses.replace(number, qualifier=""))
        shown = number.shown()
        if state == HERE:
            tally.add("numbers.verified")
        elif state == ELSEWHERE and shown not in elsewhere:
            tally.add("numbers.not_at_locator")
            elsewhere.append(shown)
        elif state == MISSING and shown not in missing:
            tally.add("numbers.not_found")
            missing.append(shown)
    if missing:
        problems.append(_problem(evidence, at, f"{_plural(missing)} {_nowhere(archive, resolved)}",
                                 f"has numbers that are not in source ({archive.file})"))
    if elsewhere:
        problems.append(_problem(evidence, at, (
            f"{_plural(elsewhere)} in the source ({archive.file}), but not at its locator "
            f"({resolved.describe()})"), f"has numbers that are in the source ({archive.file}), but not at its locator"))


def _to_check(text: str) -> list[tuple[Number, str]]:
    """Return (number, its role) for the numbers in digits of a text that state something: not
    the days and years of dates, page and section references, or list numbers."""
    text = plain(text).lower()
    found = [(n, role(text, n)) for n in read(text, words=False)]
    return [(n, what) for n, what in found if what not in ("date", "reference", "list")]


def _find(archive, ranges, number: Number) -> tuple[str, list[int]]:
    """Return (HERE, lines) if `number` is in `ranges`, (ELSEWHERE, lines) if only elsewhere in
    the archive, else (MISSING, [])."""
    index = archive.numbers()
    lines = sorted({line for value in number.values for line, seen in index.get((value, number.kind), ())
                    if (not number.currency or seen.currency == number.currency)
                    and (not number.qualifier or seen.qualifier == number.qualifier)})
    near = [line for line in lines if any(a <= line <= b for a, b in ranges)]
    return (HERE, near) if near else (ELSEWHERE, lines) if lines else (MISSING, [])


def _missing(archive, resolved, number: Number) -> str:
    """Return why `number` counts as not found, with the closest number at its locator."""
    if number.qualifier:
        bare = dataclasses.replace(number, qualifier="")
        state, lines = _find(archive, resolved.ranges, bare)
        if state == HERE:
            return (f"is not in source ({archive.file}) as written: its locator has "
                    f"{bare.shown()} ({_lines(lines)}), without '{number.qualifier}'")
    return "is " + _nowhere(archive, resolved) + _closest(archive, resolved.ranges, number)


def _nowhere(archive, resolved) -> str:
    where = "" if resolved.unresolved else f" at its locator ({resolved.describe()}) nor anywhere else in it"
    return f"not in source ({archive.file}){where}"


def _closest(archive, ranges, number: Number) -> str:
    """Return '; the locator has 3,512 (line 475)' for the nearest-looking number there, or ''."""
    near: dict[str, int] = {}
    for (value, kind), seen in archive.numbers().items():
        for line, other in seen:
            if kind == number.kind and any(a <= line <= b for a, b in ranges):
                near.setdefault(other.shown(), line)
    close = difflib.get_close_matches(number.shown(), list(near), n=1, cutoff=0.6)
    return f"; the locator has {close[0]} (line {near[close[0]]})" if close else ""


def _problem(evidence, at, message: str, withheld: str) -> Problem:
    kind, item_id, field = at
    return evidence.where.problem(kind, item_id, field, message, "warning", withheld)


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:3])) + (f" and {len(lines) - 3} more" if len(lines) > 3 else "")
    return f"line{'s' * (len(lines) > 1)} {shown}"


def _plural(numbers: list[str]) -> str:
    return f"number {numbers[0]} is" if len(numbers) == 1 else f"numbers {', '.join(numbers)} are"
