"""Content dates (YYYY, YYYY-MM or YYYY-MM-DD) for people, in the briefing's language:
"22 July 2024" (en-GB), "July 22, 2024" (en-US), "22 Gorffennaf 2024" (cy), from CLDR via Babel.
"""
from __future__ import annotations

import datetime
from functools import lru_cache

from . import locales


@lru_cache(maxsize=4096)
def display(date: str, language: str = locales.DEFAULT) -> str:
    """Return `date` as a reader of `language` (BCP 47) writes it: '2024-07-22' -> '22 July 2024'
    in en-GB, '2024-07' -> 'July 2024', '2024' -> '2024'."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    from babel.dates import format_date, format_skeleton

    locale = locales.get(language)
    if len(parts) == 2:  # the skeleton gives each language its own month-year order
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=locale)
    return format_date(datetime.date(*parts), "long", locale=locale)


def months_between(earlier: str, later: str) -> int:
    """Return whole months from `earlier` to `later` (missing months count as January)."""
    a, b = ([int(p) for p in (d.split("-") + ["1"])[:2]] for d in (earlier, later))
    return (b[0] - a[0]) * 12 + (b[1] - a[1])
