"""Quotes against their sources: quotes, recommendations and the words they cite, verbatim in the source.

Both sides are compared after archives.plain (curly quotes, dashes and non-breaking spaces made
plain, the archive's Markdown markup removed) with every run of whitespace, line breaks
included, read as one space. Nothing else is forgiven: case, punctuation, spelling and every
word count. A quote that differs is reported with the words that differ from the closest
passage at its locator; for a quote above the lowest level, only that it differs.
"""
from __future__ import annotations

import bisect
import difflib

from ..errors import Problem
from .archives import plain

SHOWN = 3  # differences spelled out in one message


def check(content, evidence, tally) -> list[Problem]:
    """Return a warning for every quote, and every `based_on` or `regulation` a recommendation
    quotes, that is not verbatim in its source at its locator. A recommendation's own text is
    the charity's words, so only its numbers are checked (verify.py)."""
    problems: list[Problem] = []
    for quote in content.quotes:
        _quote(("quotes", quote.id, ("text",), ("locator",)), quote.text, quote.source, quote.locator,
               evidence, tally, problems)
    for rec in content.recommendations:
        for name in ("based_on", "regulation"):
            cited = getattr(rec, name)
            if cited is not None:
                _quote(("recommendations", rec.id, (name, "text"), (name, "locator")), cited.text,
                       cited.source, cited.locator, evidence, tally, problems)
    return problems


def words(text: str) -> list[str]:
    """Return `text` as the words a quote is compared by, outer quotation marks left out."""
    found = plain(text).split()
    if found and found[0][:1] in "\"'" and found[-1][-1:] in "\"'" and len(" ".join(found)) > 1:
        found[0], found[-1] = found[0][1:], found[-1][:-1]
    return [w for w in found if w]


def _quote(at, text: str, source_id: str, locator: str, evidence, tally, problems) -> None:
    kind, item_id, field, locator_field = at
    found = evidence.region(kind, item_id, source_id, locator, locator_field)
    if found is None:
        tally.add("quotes.no_archive")
        return
    archive, resolved = found
    needle = " ".join(words(text))
    haystack, starts = archive.joined(resolved.ranges)
    if _contains(haystack, needle):
        tally.add("quotes.verbatim")
        return
    whole, whole_starts = archive.joined(archive.everything())
    at_char = _contains(whole, needle)
    if at_char:
        tally.add("quotes.not_at_locator")
        line = _line(whole_starts, at_char - 1)
        problems.append(evidence.where.problem(kind, item_id, field, (
            f"is verbatim in source '{source_id}' ({archive.file}, line {line}), but not at its locator "
            f"({resolved.describe()})"), "warning", "is verbatim in its source, but not at its locator"))
        return
    tally.add("quotes.differ")
    differences, line = _differences(haystack, starts, needle)
    where = f"at its locator ({locator}, line {line})" if line else f"at its locator ({locator})"
    problems.append(evidence.where.problem(kind, item_id, field, (
        f"differs from source '{source_id}' ({archive.file}) {where}: {differences}"), "warning",
        "differs from its source at its locator"))


def _contains(haystack: str, needle: str) -> int:
    """Return 1 + where `needle` occurs in `haystack` as whole words, or 0."""
    start = haystack.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return start + 1
        start = haystack.find(needle, start + 1)
    return 0


def _differences(haystack: str, starts: list[tuple[int, int]], needle: str) -> tuple[str, int]:
    """Return the differing words between `needle` and the closest passage of `haystack`, and its line."""
    source, quote = haystack.split(" "), needle.split(" ")
    offsets = [0]
    for word in source[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    anchor = difflib.SequenceMatcher(None, source, quote, autojunk=False).find_longest_match(
        0, len(source), 0, len(quote))
    if anchor.size == 0 or anchor.size * 4 < len(quote):
        return "no passage there reads like the quote", 0
    slack = max(5, len(quote) // 4)
    first = max(0, anchor.a - anchor.b - slack)
    window = source[first:anchor.a - anchor.b + len(quote) + slack]
    # The source's quotation marks around the words quoted are not the quote's: compare without
    # them first, so they do not show as differences; with them only if nothing else differs.
    bare = lambda ws: [w.strip("\"'") or w for w in ws]
    said, line = _ops(bare(window), bare(quote), window, quote)
    if not said:
        said, line = _ops(window, quote, window, quote)
    line = _line(starts, offsets[first + line]) if said else 0
    more = f"; and {len(said) - SHOWN} more difference{'s' * (len(said) - SHOWN > 1)}" if len(said) > SHOWN else ""
    return "; ".join(said[:SHOWN]) + more or "a word of it runs on into the source's next or previous word", line


def _ops(keys_a, keys_b, window, quote) -> tuple[list[str], int]:
    """Return the differences between `window` and `quote` (compared by their keys), in words,
    and where in `window` the quote starts."""
    ops = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":  # the window's words before the quote starts
        ops.pop(0)
    while ops and ops[-1][0] == "delete":
        ops.pop()
    said = []
    for tag, i1, i2, j1, j2 in ops:
        theirs, ours = " ".join(window[i1:i2]), " ".join(quote[j1:j2])
        if tag == "replace":
            said.append(f"source has '{theirs}', quote has '{ours}'")
        elif tag == "delete":
            said.append(f"the quote drops '{theirs}'")
        elif tag == "insert":
            said.append(f"the quote adds '{ours}'")
    return said, ops[0][1] if ops else 0


def _line(starts: list[tuple[int, int]], offset: int) -> int:
    """Return the archive line holding character `offset` of a joined text."""
    index = bisect.bisect_right([s for s, _ in starts], offset) - 1
    return starts[max(index, 0)][1] if starts else 0
