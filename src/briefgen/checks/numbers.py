"""Numbers as a reader means them: '2,978' is 2978, '32 per cent' is 32%, 'five' is 5, 'half' is 50%.

`read` finds every number in a text with what makes it that number: its value, whether it
is a percentage or percentage points, its currency, and the qualifier before it ('over',
'almost', 'up to' ...). The fact-check compares numbers, never their spelling, so that a
source's "over five times" verifies a figure "over 5 times" and "32 per cent" verifies
"32%", while 3,512 never verifies 4,512.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen", "twenty"]
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORDS = {w: n for n, w in enumerate(UNITS)} | TENS | {"a hundred": 100, "one hundred": 100, "a dozen": 12}
# Shares written as words are percentages: "half" verifies "50%", "a third" verifies 33%, 33.3% ...
SHARES = {"half": ("50",), "a third": ("33", "33.3", "33.33"), "one third": ("33", "33.3", "33.33"),
          "two thirds": ("67", "66.7", "66.67"), "a quarter": ("25",), "one quarter": ("25",),
          "three quarters": ("75",), "a fifth": ("20",), "one fifth": ("20",), "a tenth": ("10",),
          "one tenth": ("10",)}
MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
# Qualifiers of the same class say the same thing about a number.
QUALIFIERS = {"over": "over", "more than": "over", "above": "over", "in excess of": "over",
              "upwards of": "over", "just over": "over", "greater than": "over",
              "under": "under", "less than": "under", "fewer than": "under", "below": "under",
              "almost": "almost", "nearly": "almost", "close to": "almost", "just under": "almost",
              "up to": "up to", "at most": "up to", "at least": "at least",
              "about": "about", "around": "about", "approximately": "about", "roughly": "about"}
MONTHS = "|".join(m.lower() for m in [*calendar.month_name[1:], *calendar.month_abbr[1:]])


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WORD_NUMBER = (rf"(?:(?:twenty|{_alternation(TENS)})-(?:{_alternation(UNITS[1:10])})"
                rf"|{_alternation(WORDS)})")
_DIGITS = r"(?P<digits>(?<![\w.,])(?<![a-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d))"
# The number itself is found first and what surrounds it read after: one pattern with the
# qualifiers in front would try all of them at every character of an archive. Words are found
# from word boundaries only, apart from digits, for the same reason.
CORE_WORDS = re.compile(rf"\b(?<!-)(?:(?P<share>{_alternation(SHARES)})(?![\w-])|(?P<word>{_WORD_NUMBER})\b)")
CORE_DIGITS = re.compile(rf"(?P<currency>[$£€])?{_DIGITS}")
QUALIFIER = re.compile(rf"(?<![\w-])(?P<qualifier>{_alternation(QUALIFIERS)})\s+$")
AFTER = re.compile(rf"(?:\s+(?P<multiplier>{_alternation(MULTIPLIERS)})\b)?"
                   r"(?P<unit>\s*%|\s+per\s*cent\b|\s+percentage\s+points?\b)?")
QUALIFIER_CHARS = 20  # the longest qualifier, with the space after it


@dataclass(frozen=True)
class Number:
    """One number in a text, as the fact-check compares it."""

    values: tuple[Decimal, ...]  # more than one for a share such as "a third" (33, 33.3, 33.33)
    kind: str  # "" a count or amount, "%" a percentage, "pp" percentage points
    currency: str  # "$", "£", "€" or ""
    qualifier: str  # its class in QUALIFIERS ("over", "almost" ...), or ""
    start: int  # where the number itself starts in the text read (after any qualifier)
    end: int
    written: str  # the number as written, qualifier and unit included
    digits: bool  # written in digits, not words

    def shown(self) -> str:
        value = self.values[0]
        text = f"{value:,f}" if value != value.to_integral() else f"{int(value):,}"
        return self.currency + text + {"%": "%", "pp": " percentage points"}.get(self.kind, "")


def read(text: str, words: bool = True) -> list[Number]:
    """Return every number in `text`, which is in lower case as the checks compare it; with
    `words` False, only those written in digits."""
    found = []
    matches = list(CORE_DIGITS.finditer(text))
    if words:
        matches = sorted(matches + list(CORE_WORDS.finditer(text)), key=lambda m: m.start())
    for match in matches:
        after = AFTER.match(text, match.end())
        unit = (after["unit"] or "").strip().lower()
        kind = "pp" if unit.startswith("percentage") else "%" if unit else ""
        if match.groupdict().get("digits") is not None:
            values = (Decimal(match["digits"].replace(",", "")),)
        elif match["share"]:
            values, kind = tuple(Decimal(v) for v in SHARES[_spaced(match["share"])]), kind or "%"
        else:
            values = (Decimal(_word_value(match["word"])),)
        if after["multiplier"]:
            values = tuple(v * MULTIPLIERS[after["multiplier"].lower()] for v in values)
        before = QUALIFIER.search(text, max(0, match.start() - QUALIFIER_CHARS), match.start())
        qualifier = QUALIFIERS[_spaced(before["qualifier"])] if before else ""
        currency = match.groupdict().get("currency") or ""
        found.append(Number(tuple(v.normalize() for v in values), kind, currency, qualifier,
                            match.start(), after.end(), text[before.start() if before else match.start():after.end()],
                            "digits" in match.groupdict()))
    return found


def _spaced(words: str) -> str:
    return " ".join(words.lower().split())


def _word_value(word: str) -> int:
    word = _spaced(word)
    if "-" in word:
        tens, unit = word.split("-")
        return WORDS[tens] + WORDS[unit]
    return WORDS[word]


REFERENCE = re.compile(r"\b(?:pp?\.|pages?|sections?|paragraphs?|paras?\.|notes?|figures?|fig\.|tables?|"
                       r"chapters?|annex(?:es)?|appendix|appendices|s\.)\s*(?:\d+\s*(?:-|to|and|,)\s*)*$", re.IGNORECASE)
DURATION = re.compile(r"^(?:-|\s+)(?:days?|weeks?|months?|years?|hours?|minutes?)\b", re.IGNORECASE)


def role(text: str, number: Number) -> str:
    """Return what a number written in prose is, when it is not a figure: 'date' (the day or year
    of a date: '9 March', 'July 2024'), 'reference' ('p. 16', 'Section 4'), 'list' (a Markdown
    list item's number), 'year' (a year on its own: 'in 2023'), 'duration' ('12 months'); or ''."""
    if not number.digits or number.kind or number.currency or len(number.values) != 1:
        return ""
    before, written, after = text[:number.start], text[number.start:number.end].strip(), text[number.end:]
    month_before = re.search(rf"\b(?:{MONTHS})\s+$", before, re.IGNORECASE)
    if REFERENCE.search(before):
        return "reference"
    line_start = before.rfind("\n") + 1
    if not before[line_start:].strip() and after.startswith(". "):
        return "list"
    if re.fullmatch(r"(19|20)\d\d", written):
        return "date" if month_before else "year"
    value = number.values[0]
    if value == value.to_integral() and 1 <= value <= 31 and (
            month_before or re.match(rf"(?:st|nd|rd|th)?\s+(?:{MONTHS})\b", after, re.IGNORECASE)):
        return "date"
    return "duration" if DURATION.match(after) else ""
