"""Dates of figures and sources: nothing dated after its source or the briefing; nothing stale.

An audience's `freshness_months` is how old a figure may be, counted from its `as_of` to the
briefing's date; every finding and dataset the audience would receive that is older is
flagged once, naming each audience whose limit it exceeds. Templates can say how current the
figures are with `{{ as_of }}` (the latest as_of in that briefing).
"""
from __future__ import annotations

from ..dates import display, months_between
from ..errors import Problem
from ..model import Dataset, Finding


def check(project, where) -> list[Problem]:
    """Return warnings for dates later than their source or the briefing, and for stale figures."""
    return _against_sources(project.content, where) + _stale(project, where)


def after(date: str, other: str) -> bool:
    """Return True if `date` is later than `other`, compared at the coarser of their precisions."""
    n = min(len(date), len(other))
    return date[:n] > other[:n]


def _against_sources(content, where) -> list[Problem]:
    published = {s.id: s.date for s in content.sources}
    briefing = content.briefing.date
    problems = []

    def later(kind: str, item_id: str, field: tuple, date: str, source: str, what: str) -> None:
        if source in published and after(date, published[source]):
            problems.append(where.problem(kind, item_id, field, (
                f"{what} {display(date)} is after its source '{source}' was published "
                f"({display(published[source])})"), "warning",
                f"{what} is after its source '{source}' was published"))

    for kind in ("findings", "datasets"):
        for item in getattr(content, kind):
            later(kind, item.id, ("as_of",), item.as_of, item.source, "as_of")
            if after(item.as_of, briefing):
                problems.append(where.problem(kind, item.id, ("as_of",), (
                    f"as_of {display(item.as_of)} is after the briefing's date ({display(briefing)})"),
                    "warning", "as_of is after the briefing's date"))
    for quote in content.quotes:
        later("quotes", quote.id, ("date",), quote.date, quote.source, "date")
    for rec in content.recommendations:
        later("recommendations", rec.id, ("issued",), rec.issued, rec.source, "issued")
        for index, update in enumerate(rec.progress):
            later("recommendations", rec.id, ("progress", index, "date"), update.date, update.source,
                  "progress date")
    return problems


def _stale(project, where) -> list[Problem]:
    from ..select import select

    content = project.content
    briefing = content.briefing.date
    over: dict[tuple[str, str], list[str]] = {}  # (kind, id) -> "'audience' (N months)"
    dated: dict[tuple[str, str], str] = {}
    for audience_id, audience in sorted(project.audiences.items()):
        limit = audience.freshness_months
        if not limit:
            continue
        selection = select(content, audience)
        for chosen in selection.sections:
            for item in chosen.items:
                if not isinstance(item, (Finding, Dataset)):
                    continue
                kind, as_of = ("findings" if isinstance(item, Finding) else "datasets"), item.as_of
                if months_between(as_of, briefing) > limit:
                    names = over.setdefault((kind, item.id), [])
                    label = f"'{audience_id}' ({limit} months)"
                    if label not in names:
                        names.append(label)
                    dated[(kind, item.id)] = as_of
    problems = []
    for (kind, item_id), names in over.items():
        as_of = dated[(kind, item_id)]
        age = months_between(as_of, briefing)
        which = "audience" if len(names) == 1 else "audiences"
        problems.append(where.problem(kind, item_id, ("as_of",), (
            f"figures as of {display(as_of)} are {age} months old on the briefing's date "
            f"({display(briefing)}), older than {which} {join(names)} accept"), "warning",
            f"figures are older than {which} {join(names)} accept"))
    return problems


def join(names: list[str]) -> str:
    """Return names as a reader lists them: 'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
