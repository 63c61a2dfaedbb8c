"""Content dates (YYYY, YYYY-MM or YYYY-MM-DD) for people: "July 2024", "22 July 2024"."""
from __future__ import annotations

import calendar


def display(date: str) -> str:
    """Return `date` as a reader writes it, e.g. '2024-07-22' -> '22 July 2024'."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = f"{calendar.month_name[parts[1]]} {parts[0]}"
    return f"{parts[2]} {month}" if len(parts) == 3 else month


def months_between(earlier: str, later: str) -> int:
    """Return whole months from `earlier` to `later` (missing months count as January)."""
    a, b = ([int(p) for p in (d.split("-") + ["1"])[:2]] for d in (earlier, later))
    return (b[0] - a[0]) * 12 + (b[1] - a[1])
