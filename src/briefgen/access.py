"""Access control at load: ordered levels, references that cannot leak, messages that withhold.

Three ways restricted material could reach a reader without ever being selected for them:
- a vocabulary whose levels are not a strict order (a level listed twice turns "the most
  restrictive" into "public" for every item that names none);
- a visible item that refers to a more restricted one (a public finding's figure naming a
  cell of a restricted dataset prints the restricted number);
- a message about a restricted item that quotes its value into a terminal or a CI log.
This module refuses the first two as content errors and withholds the values in the third.
"""
from __future__ import annotations

import dataclasses

from . import model
from .errors import Problem

WITHHELD = "[withheld]"
SCRUB_MIN = 4  # shorter values (a priority, a year) are too common to find safely in a message


def check_levels(reader, located, vocabulary: model.Vocabulary) -> None:
    """Record an error for any level listed twice, and any level less protected than one below it."""
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    marked = noted = None
    for index, level in enumerate(vocabulary.sensitivity):
        path = ("sensitivity", index)
        if level.id in seen:
            reader.add(located, path + ("id",), f"is listed twice (first at line "
                       f"{seen[level.id]}); list each level once, least sensitive first")
            continue
        seen[level.id] = located.line(path)
        if level.label.casefold() in labels:
            reader.add(located, path + ("label",), f"has the label of level "
                       f"'{labels[level.label.casefold()]}'; readers could not tell them apart")
        labels.setdefault(level.label.casefold(), level.id)
        if marked and not level.marking:
            reader.add(located, path + ("marking",), f"is above '{marked}' but has "
                       "no marking; a more sensitive level must carry one too")
        if noted and not level.content_note:
            reader.add(located, path + ("content_note",), f"is above '{noted}' but "
                       "needs no content note; a more sensitive level must need one too")
        marked = marked or (level.id if level.marking else None)
        noted = noted or (level.id if level.content_note else None)


def references(item: model.Item) -> list[tuple[str, str, str]]:
    """Return (kind, id, field) for every item `item` draws on: what it may print of another."""
    out = []
    if isinstance(item, model.Finding):
        out += [("datasets", f.dataset, f"figures[{i}].dataset") for i, f in enumerate(item.figures) if f.dataset]
        out += [("findings", s, f"supersedes[{i}]") for i, s in enumerate(item.supersedes)]
    if isinstance(item, model.Recommendation):
        out += [("findings", f, f"findings[{i}]") for i, f in enumerate(item.findings)]
    return out


def sources_cited(item: model.Item) -> list[tuple[str, str]]:
    """Return (source id, field) for every source `item` cites."""
    out = [(item.source, "source")] if getattr(item, "source", None) else []
    if isinstance(item, model.Recommendation):
        out += [(p.source, f"progress[{i}].source") for i, p in enumerate(item.progress)]
        out += [(c.source, f"{name}.source") for name, c in (("based_on", item.based_on),
                                                              ("regulation", item.regulation)) if c]
    return out


def source_levels(content: model.Content) -> dict[str, str]:
    """Return each source's level: its own, else the least sensitive level of the items citing
    it; a source nobody cites is as restricted as can be, so its title shows nowhere."""
    cited: dict[str, int] = {}
    for kind in model.KINDS:
        for item in getattr(content, kind):
            for source_id, _ in sources_cited(item):
                rank = content.rank(item.sensitivity)
                cited[source_id] = min(cited.get(source_id, rank), rank)
    levels = [lv.id for lv in content.vocabulary.sensitivity]
    return {s.id: s.sensitivity or levels[cited.get(s.id, len(levels) - 1)] for s in content.sources}


def check_references(reader, content: model.Content, lists: dict) -> None:
    """Record an error for every reference from an item to a more restricted item or source."""
    items = {(kind, i.id): i for kind in model.KINDS for i in getattr(content, kind)}
    sources = {s.id: s for s in content.sources}
    nouns = {kind: noun for kind, (_, noun) in model.KINDS.items()}
    known = {lv.id for lv in content.vocabulary.sensitivity}  # an unknown one is reported already
    for kind in model.KINDS:
        for item, (located, path, label) in lists[kind]:
            item = items.get((kind, item.id), item)  # the resolved one: its level is set
            if item.sensitivity not in known:
                continue
            rank = content.rank(item.sensitivity)
            targets = [(nouns[k], items.get((k, i)), f) for k, i, f in references(item)]
            targets += [("source", sources.get(s), f) for s, f in sources_cited(item)]
            for noun, target, field in targets:
                level = getattr(target, "sensitivity", None)
                if level in known and content.rank(level) > rank:
                    reader.add(located, path + _path(field), (
                        f"refers to {noun} '{target.id}' ({level}), which is more restricted than this "
                        f"{nouns[kind]} ({item.sensitivity}): whatever it shows of it would reach "
                        f"audiences not cleared for {level}. Raise this {nouns[kind]}'s sensitivity, "
                        f"or lower the {noun}'s"))


def _path(field: str) -> tuple:
    from .yamlfile import undotted

    return undotted(field)


# ---- messages that withhold values ------------------------------------------------------------

def secret_items(files: dict, lowest: str | None) -> dict[tuple[str, str], list[str]]:
    """Return, for each item above the lowest level (or of a level not known), the texts of its
    values, keyed by (file, how messages name the item)."""
    out: dict[tuple[str, str], list[str]] = {}
    for name, located in files.items():
        kind = name.removeprefix("content/").removesuffix(".yaml")
        data = located.data
        if kind not in model.KINDS or not isinstance(data, dict) or not isinstance(data.get(kind), list):
            continue
        for index, raw in enumerate(data[kind]):
            if isinstance(raw, dict) and lowest is not None and raw.get("sensitivity") == lowest:
                continue
            out[(name, located.item((kind, index)))] = sorted(set(_values(raw)), key=len, reverse=True)
    return out


def withhold(problems: list[Problem], secrets: dict[tuple[str, str], list[str]]) -> list[Problem]:
    """Return `problems` with every value of a secret item cut out of the messages about it.

    The checks already word their messages about such items without values; this is the net
    under them, so that a message written later cannot quote a restricted text by mistake.
    """
    out = []
    for problem in problems:
        values = secrets.get((problem.file, problem.item))
        if values:
            message = problem.message
            for value in values:
                message = message.replace(value, WITHHELD)
            problem = dataclasses.replace(problem, message=message)
        out.append(problem)
    return out


def _values(data) -> list[str]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in _values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    text = "" if data is None or isinstance(data, bool) else str(data)
    found = [text] if len(text) >= SCRUB_MIN else []
    if isinstance(data, (int, float)) and not isinstance(data, bool) and abs(data) >= 1000:
        found.append(f"{data:,}")  # as messages print numbers
    return found + ([repr(text)[1:-1]] if repr(text)[1:-1] != text and len(text) >= SCRUB_MIN else [])
