"""The briefing's language: BCP 47 tags checked, and numbers written as that language writes
them, from CLDR's data through Babel ("20,254" in en-GB, "20.254" and "32 %" in de).

Babel is imported on first use, not with the CLI, and each locale is parsed once a process.
"""
from __future__ import annotations

import copy
import re
from decimal import Decimal
from functools import lru_cache

TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # language in lower case, subtags by hyphens
DEFAULT = "en-GB"


def check_tag(tag: str) -> str:
    """Return `tag` if it is a BCP 47 tag Babel has data for; raise ValueError saying why not."""
    if not TAG.match(tag):
        raise ValueError(f"language '{tag}' is not a BCP 47 tag; use a tag such as en-US "
                         "(language-REGION, with a hyphen)")
    try:
        get(tag)
    except ValueError:
        raise ValueError(f"language '{tag}' is not one CLDR (through Babel) has dates and numbers for; "
                         "use a tag such as en-GB, en-US, cy or de") from None
    return tag


@lru_cache(maxsize=32)
def get(tag: str):
    """Return the babel Locale of a BCP 47 tag; raise ValueError for one it does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as exc:  # unknown, or a subtag Babel cannot read
        raise ValueError(str(exc)) from None


def number(value: int | float, tag: str = DEFAULT) -> str:
    """Return `value` with the language's separators and as many decimals as it was written
    with: 20254 -> "20,254" (en-GB) or "20.254" (de); 1.50 -> "1.5"; 1.0 -> "1.0"."""
    return _apply(value, tag, "decimal")


def percent(value: int | float, tag: str = DEFAULT) -> str:
    """Return `value`, a percentage (32 for 32%), as the language writes it: "32%", "32 %"."""
    return _apply(value, tag, "percent")


def _apply(value: int | float, tag: str, kind: str) -> str:
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    digits = max(0, -exact.as_tuple().exponent)
    if kind == "percent":
        exact /= 100  # the pattern scales by 100 again; Decimal keeps "15.5" exact
    return _pattern(tag, kind, digits).apply(exact, get(tag))


@lru_cache(maxsize=64)
def _pattern(tag: str, kind: str, digits: int):
    """Return the locale's number pattern with exactly `digits` decimals (CLDR's default
    patterns round to three, and drop a written trailing zero)."""
    locale = get(tag)
    base = (locale.percent_formats if kind == "percent" else locale.decimal_formats)[None]
    pattern = copy.copy(base)
    pattern.frac_prec = (digits, digits)
    return pattern
