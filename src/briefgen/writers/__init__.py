"""The writers: one module per output format, looked up by name.

Each module has `NAME`, `SUFFIX` and `render(document, theme) -> Output`. Modules are
imported only when a format is used, so the CLI starts without the rendering stack.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

FORMATS = {"docx": "briefgen.writers.docx", "pdf": "briefgen.writers.pdf",
           "html": "briefgen.writers.html", "pdf-ua": "briefgen.writers.pdfua"}
# Each format's file name ending, known without importing its writer (a test holds each
# writer's SUFFIX to it). The tagged PDF says what it is: "parliament.accessible.pdf".
SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "pdf-ua": ".accessible.pdf"}


# A list of references (or, in the tagged PDF, a table) no taller than this share of a page's
# text area moves to the next page whole, with its heading, rather than break and leave the
# end of it alone on a page. Every paginated writer keeps to it.
WHOLE_SHARE = 1 / 3


def in_text_column(columns) -> bool:
    """Return whether a table of these columns is set in the text column, not across the
    page: one of a label and a value (a chart's figures) would leave its values far from
    their labels at the page's width. Every writer keeps to it."""
    return len(columns) <= 2


def quote_gap(theme) -> float:
    """Return the points between two quotes of a group, inside its one rule: a body line."""
    return theme.text.body.line


def column_widths(table, theme, page: float) -> list[float]:
    """Return the widths, in points, of the columns of `table` across `page` points: a column
    of numbers as wide as its widest cell (at most a quarter of the page), the text columns
    sharing the rest in proportion to their one-line widths, each held between an eighth and
    a half of the page so that one long cell cannot squeeze its neighbours to nothing. The
    print and the tagged PDF keep to it (the DOCX's columns are Word's to fit)."""
    from ..theme.metrics import width

    def natural(index: int) -> float:
        texts = [table.columns[index].label] + [row[index] for row in table.rows]
        return max(width(theme, "cell_head", t) for t in texts) + 10

    widths = [min(natural(i), page / 4) if c.numeric else min(max(natural(i), page / 8), page / 2)
              for i, c in enumerate(table.columns)]
    numbers = sum(w for w, c in zip(widths, table.columns) if c.numeric)
    words = sum(widths) - numbers
    if words and numbers < page * 0.6:
        share = (page - numbers) / words
        return [w if c.numeric else w * share for w, c in zip(widths, table.columns)]
    return [w * page / sum(widths) for w in widths]


@dataclass(frozen=True)
class Layout:
    """Where a paginated output's sections fall, in pages from the top of the first page's text
    area: 1.5 is halfway down page 2. For messages such as "The evidence (1.4 pages)"."""

    sections: tuple[tuple[str, float], ...]  # (level-1 heading, where it starts), in order
    end: float  # where the last block ends
    headings: tuple[int, ...] = ()  # the page of every heading (every level), in order


@dataclass(frozen=True)
class Output:
    data: bytes
    pages: int | None = None  # known for paginated formats
    layout: Layout | None = None  # known for formats laid out in pages by briefgen itself


def get(name: str) -> ModuleType:
    """Return the writer module for format `name`; raise UsageProblem for an unknown one."""
    if name not in FORMATS:
        from ..errors import UsageProblem

        raise UsageProblem(f"unknown format '{name}'; choose from: {', '.join(FORMATS)}")
    return importlib.import_module(FORMATS[name])
