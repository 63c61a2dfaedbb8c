"""Audience rules → Selection: what a briefing holds, in which order, under which marking.

This is the access-control step. Items above the audience's ceiling are dropped here, first,
so no later step (plan, templates, writers) ever sees them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Audience, Content, Item, Quote, Section

SECTION_KINDS = {  # section kind -> the content it draws from
    "summary": "findings", "stats": "findings", "findings": "findings", "quotes": "quotes",
    "recommendations": "recommendations", "datasets": "datasets", "glossary": "glossary",
}
REPEATING = {"summary", "stats"}  # these restate headline findings on purpose


@dataclass(frozen=True)
class Chosen:
    section: Section
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Selection:
    audience: Audience
    content: Content  # already cut to the audience's ceiling
    sections: tuple[Chosen, ...]
    marking: str
    needs_content_note: bool


def visible(content: Content, audience: Audience) -> Content:
    """Return `content` without any item or source above the audience's sensitivity ceiling."""
    from .access import source_levels

    ceiling = content.rank(audience.ceiling)
    keep = lambda items: tuple(i for i in items if content.rank(i.sensitivity) <= ceiling)
    levels = source_levels(content)
    sources = tuple(s for s in content.sources if content.rank(levels[s.id]) <= ceiling)
    return Content(content.briefing, content.vocabulary, sources,
                   keep(content.findings), keep(content.quotes), keep(content.recommendations),
                   keep(content.datasets), keep(content.glossary))


def select(content: Content, audience: Audience) -> Selection:
    """Return what `audience` receives of `content`, section by section."""
    content = visible(content, audience)
    placed: set[tuple[str, str]] = set()
    chosen = []
    for section in audience.sections:
        pool = SECTION_KINDS.get(section.kind)
        items = _items(getattr(content, pool), section, audience, placed, pool) if pool else ()
        if section.kind not in REPEATING:
            placed.update((pool, i.id) for i in items)
        chosen.append(Chosen(section, items))
    included = [i for c in chosen for i in c.items]
    return Selection(audience, content, tuple(chosen), _marking(content, audience, included),
                     needs_note(content, included))


def _items(pool: tuple[Item, ...], section: Section, audience: Audience,
           placed: set, kind: str) -> tuple[Item, ...]:
    if section.ids is not None:
        by_id = {i.id: i for i in pool}
        items = [by_id[i] for i in section.ids if i in by_id]  # an id above the ceiling is gone
    else:
        priority = section.priority or audience.select.priority
        topics = set(section.topics or audience.select.topics)
        items = [i for i in pool if i.priority <= priority and (not topics or topics & set(i.topics))]
        items.sort(key=lambda i: i.priority if section.kind in REPEATING else 0)
    items = [i for i in items if _in_window(i, section) and _matches(i, section)]
    if section.kind not in REPEATING:
        items = [i for i in items if (kind, i.id) not in placed]
    return tuple(items[: section.limit])


def _in_window(item: Item, section: Section) -> bool:
    date = item.date
    return (not section.since or date >= section.since) and (not section.before or date < section.before)


def _matches(item: Item, section: Section) -> bool:
    if section.addressees and getattr(item, "addressee", None) not in section.addressees:
        return False
    return not section.quote_kinds or getattr(item, "kind", None) in section.quote_kinds


def _marking(content: Content, audience: Audience, included: list[Item]) -> str:
    """Return the marking: the audience's, raised to the highest level the briefing holds."""
    markings = [lv.marking for lv in content.vocabulary.sensitivity]
    own = audience.marking or ""
    rank = markings.index(own) if own in markings else -1
    for item in included:
        level_rank = content.rank(item.sensitivity)
        if markings[level_rank] and level_rank > rank:
            own, rank = markings[level_rank], level_rank
    return own


def needs_note(content: Content, items) -> bool:
    """Return True if any of `items` must sit under a content note: its level asks for one,
    or it is a verbatim quote."""
    kinds = content.vocabulary.quote_kinds
    return any(content.level(i.sensitivity).content_note
               or (isinstance(i, Quote) and kinds[i.kind].verbatim) for i in items)
