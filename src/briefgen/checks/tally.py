"""What the fact-check counted, as the summary line `briefgen check` prints and as JSON."""
from __future__ import annotations

from collections import Counter

# (group, key, how the summary line words it); the JSON summary has every key, zero or not.
PARTS = {
    "figures": [("verified", "{} verified in source"), ("not_found", "{} not found"),
                ("not_at_locator", "{} not at its locator"),
                ("unverifiable", "{} marked not verifiable"), ("no_archive", "{} without an archive")],
    "numbers": [("verified", "{} found in source"), ("not_found", "{} not found"),
                ("not_at_locator", "{} not at its locator"), ("no_archive", "{} without an archive")],
    "quotes": [("verbatim", "{} verbatim"), ("differ", "{} differ{s}"),
               ("not_at_locator", "{} not at its locator"), ("no_archive", "{} without an archive")],
    "datasets": [("add_up", "{} add{s} up"), ("fail", "{} do{es} not"),
                 ("nothing_to_check", "{} with nothing to add up")],
    "staleness": [("superseded", "{} superseded figure{plural} in use"),
                  ("undated", "{} old figure{plural} in use without a date in the text")],
    "locators": [("unresolved", "{} locator{plural} not resolved (whole archive searched)")],
}
LABELS = {"figures": "figures", "numbers": "numbers in text", "quotes": "quotes", "datasets": "datasets"}


class Tally(Counter):
    """Counts keyed 'group.key', e.g. 'figures.verified'."""

    def add(self, key: str, n: int = 1) -> None:
        group, name = key.split(".")
        assert any(k == name for k, _ in PARTS[group]), key
        self[key] += n

    def line(self) -> str:
        """Return the summary line, e.g. 'figures: 63 verified in source, 2 not found; quotes: 22 verbatim'."""
        groups = []
        for group, parts in PARTS.items():
            words = [_word(template, self[f"{group}.{key}"]) for key, template in parts if self[f"{group}.{key}"]]
            if words and group in LABELS:
                groups.append(f"{LABELS[group]}: {', '.join(words)}")
            else:
                groups += words
        return "; ".join(groups) or "nothing to fact-check"

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {group: {key: self[f"{group}.{key}"] for key, _ in parts} for group, parts in PARTS.items()}


def _word(template: str, n: int) -> str:
    one = n == 1
    return template.format(n, s="s" if one else "", es="es" if one else "", plural="" if one else "s")
