"""Streaming pre-checks of a YAML text, run on its events before anything is composed.

Composing a document builds a node tree recursively, and building values from a tree with
aliases repeats every aliased subtree: a "billion laughs" file of a few lines becomes
gigabytes, and thousands of nested brackets crash the C composer with a segmentation fault.
The event stream is read iteratively by both parsers, so here, in one linear pass, we refuse
a document at its first alias, record every anchor, and stop at MAX_DEPTH levels of nesting,
naming the path of each place so messages can say which item and field it is in.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_DEPTH = 40  # content needs 6 levels at most; the limit leaves room and stops a runaway file
ANCHORS = "anchors and aliases (&, *) are not allowed; write the value out"


@dataclass
class Scan:
    """What the pass found: refusals as (path, message, line), and each list item's id."""

    refused: list[tuple[tuple, str, int]] = field(default_factory=list)
    ids: dict[tuple, str] = field(default_factory=dict)  # (list name, index) -> id

    def skeleton(self):
        """Return a stand-in for the data holding only the items' ids, to name items by."""
        lists: dict[str, list] = {}
        for (name, index), item_id in sorted(self.ids.items()):
            items = lists.setdefault(name, [])
            items += [{}] * (index + 1 - len(items))
            items[index] = {"id": item_id}
        return lists


class _Frame:
    """One open mapping or sequence: where its next node sits."""

    def __init__(self, kind: str, path: tuple):
        self.kind = kind
        self.path = path  # of the mapping or sequence itself
        self.index = -1
        self.key: object = None
        self.want_key = True

    def place(self):
        """Return the path part of the node that comes next here, and advance."""
        if self.kind == "seq":
            self.index += 1
            return self.index
        return None if self.want_key else self.key


def scan(events) -> Scan:
    """Return what a pass over `events` (a parser's event stream) finds; raise what the parser raises."""
    from ruamel.yaml import events as ev

    found = Scan()
    frames: list[_Frame] = []
    for event in events:
        if isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            frames.pop()
            _value_done(frames)
            continue
        if not isinstance(event, ev.NodeEvent):
            continue
        line = event.start_mark.line + 1
        top = frames[-1] if frames else None
        is_key = top is not None and top.kind == "map" and top.want_key
        here = () if top is None else top.path + ("?",) if is_key else top.path + (top.place(),)
        if isinstance(event, ev.AliasEvent) or event.anchor:
            found.refused.append((here, ANCHORS, line))
            if isinstance(event, ev.AliasEvent):
                return found  # expanding it is the danger: stop before anything else is read
        if isinstance(event, ev.ScalarEvent):
            if is_key:
                top.key, top.want_key = event.value, False
            else:
                if len(here) == 3 and here[2] == "id" and isinstance(here[1], int):
                    found.ids[here[:2]] = event.value
                _value_done(frames)
            continue
        frames.append(_Frame("map" if isinstance(event, ev.MappingStartEvent) else "seq", here))
        if len(frames) > MAX_DEPTH:
            found.refused.append((here[:3], f"is nested more than {MAX_DEPTH} levels deep; content "
                                        "needs only a few levels", line))
            return found
    return found


def _value_done(frames: list[_Frame]) -> None:
    """Note that the open mapping's value (or a complex key) is complete."""
    if frames and frames[-1].kind == "map":
        top = frames[-1]
        if top.want_key:  # a complex key has ended; the composer pass refuses it
            top.key, top.want_key = "?", False
        else:
            top.want_key = True
