"""The page budget: what an over-budget message tells the editor, so that fitting the budget
takes one rebuild and not ten: how far over, how much the last page holds, and which sections
take the most room.

"parliament.pdf has 5 pages: 1 over the budget of 4; the last page holds 9 lines; longest
sections: The evidence (1.4 pages), What has changed (1.1 pages)"
"""
from __future__ import annotations

SHOWN = 2  # sections named
COVER = "the cover"  # what comes before the first heading: title block, summary, key points


def message(name: str, pages: int, budget: int, data: bytes, layout, theme) -> str:
    """Return the over-budget message for the PDF `data` (`name`, `pages` long), with its
    `layout` (writers.Layout, or None when the writer gives none)."""
    over = pages - budget
    parts = [f"{name} has {pages} pages: {over} over the budget of {budget}"]
    lines = last_page_lines(data, theme)
    if lines is not None:
        parts.append(f"the last page holds {lines} line{'s' * (lines != 1)}")
    longest = sections(layout)[:SHOWN] if layout else []
    if longest:
        shown = ", ".join(f"{title} ({length:.1f} pages)" for title, length in longest)
        parts.append(f"longest sections: {shown}")
    return "; ".join(parts)


def sections(layout) -> list[tuple[str, float]]:
    """Return (title, length in pages) of each level-1 section, longest first; what comes
    before the first heading is "the cover"."""
    starts = [(COVER, 0.0)] + list(layout.sections)
    ends = [start for _, start in starts[1:]] + [layout.end]
    lengths = [(title, end - start) for (title, start), end in zip(starts, ends)]
    return sorted((s for s in lengths if s[1] >= 0.05), key=lambda s: -s[1])


def last_page_lines(data: bytes, theme) -> int | None:
    """Return how many lines of text the last page holds, not counting the marking and the
    footer, read from the PDF as the preflight reads it; None if it cannot be read."""
    from .preflight.lines import sheet
    from .preflight.model import Settings
    from .preflight.read import pages

    settings = Settings.of(theme)
    try:
        with pages(data) as read:
            if not read:
                return None
            flow = sheet(read[-1], settings.margin, settings.body).flow
            return len({line.row for line in flow})
    except Exception:  # PDFium's errors; the message is then only shorter
        return None
