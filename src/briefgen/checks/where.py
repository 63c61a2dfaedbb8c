"""Where an item's field is: file, line, item and field, for the checks' messages."""
from __future__ import annotations

import dataclasses

from .. import model
from ..errors import Problem
from ..yamlfile import Located


class Where:
    """Finds the file and line of any field of any item, from the files the loader read."""

    def __init__(self, files: dict[str, Located], secret: frozenset[tuple[str, str]] = frozenset()):
        self.files = files
        self.secret = secret  # (kind, id) of items above the lowest level: messages withhold values
        self.index: dict[tuple[str, str], int] = {}  # (kind, id) -> position in its file
        for kind in ("sources", *model.KINDS):
            located = files.get(f"content/{kind}.yaml")
            items = located.data.get(kind) if located and isinstance(located.data, dict) else None
            for position, raw in enumerate(items or ()):
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    self.index[(kind, raw["id"])] = position

    def problem(self, kind: str, item_id: str, field: tuple, message: str,
                severity: str = "error", withheld: str = "") -> Problem:
        """Return a Problem at `field` (a path such as ("figures", 0, "value")) of one item.

        For an item above the lowest level, the message is `withheld`: the same finding, worded
        without the item's values.
        """
        if (kind, item_id) in self.secret:
            message = f"{withheld or message} (values not shown: the item is above the lowest level)"
        file = f"content/{kind}.yaml"
        located = self.files.get(file)
        if located is None or (kind, item_id) not in self.index:
            noun = model.KINDS.get(kind, (None, kind.rstrip("s")))[1]
            return Problem(file, 1, message, f"{noun} '{item_id}'", "", severity)
        path = (kind, self.index[(kind, item_id)], *field)
        return dataclasses.replace(located.problem(path, message), severity=severity)
