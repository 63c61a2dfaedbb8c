"""Typed content: the strict models every content and audience file is validated against.

Every model forbids unknown keys, so a misspelt `sensitivty:` is an error and never a
silently public item. Vocabularies (addressees, topics, levels, ...) are project data, so
fields that name them are plain ids here and are checked against the vocabulary in load.py.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .locales import check_tag

ID_PATTERN = r"^[a-z][a-z0-9-]{0,63}$"
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_date(value: str) -> str:
    match = DATE_PATTERN.match(value)
    if not match:
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"day {day} does not exist in {calendar.month_name[month]} {year}")
    return value


NO_MARKING = {"none", "no marking", "n/a", "na", "-", "nil", "unmarked"}


def _check_marking(value: str | None) -> str | None:
    """Refuse a marking that means "no marking": it would be printed on every page."""
    if value is not None and value.strip().casefold() in NO_MARKING:
        raise ValueError(f"a marking of '{value}' would print {value.strip().upper()} on every page; "
                         "leave marking out (or write marking: null) for no marking")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Date = Annotated[str, AfterValidator(_check_date)]
Language = Annotated[str, AfterValidator(check_tag)]  # BCP 47, e.g. en-GB, cy, de
Marking = Annotated[str, AfterValidator(_check_marking)]  # e.g. OFFICIAL-SENSITIVE
Line = Annotated[str, StringConstraints(min_length=1)]  # required, non-empty text
Priority = Annotated[int, Field(ge=1, le=3)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, coerce_numbers_to_str=False)


# ---- the project's vocabulary -------------------------------------------------------------

class Level(Strict):
    id: Id
    label: Line
    content_note: bool = False  # material at this level needs a content note before it
    marking: Marking = ""  # a document holding material at this level carries at least this marking


class QuoteKind(Strict):
    label: Line
    verbatim: bool = False  # verbatim words of offenders: shown apart, under a content note


class Vocabulary(Strict):
    sensitivity: list[Level] = Field(min_length=1)  # least sensitive first
    addressees: dict[Id, Line]
    topics: dict[Id, Line]
    quote_kinds: dict[Id, QuoteKind]
    statuses: dict[Id, Line]


# ---- content ------------------------------------------------------------------------------

class Contact(Strict):
    name: Line
    role: str = ""
    email: str = ""
    phone: str = ""


class Briefing(Strict):
    title: Line
    subtitle: str = ""
    organisation: Line
    author: Line
    contact: Contact | None = None
    date: Date
    version: Line
    language: Language
    content_note: str = ""


class Retrieved(Strict):
    """Where a copy of a source was found, when not from its publisher (e.g. a repost)."""

    name: Line  # e.g. "worldcampaign.net"
    url: str = ""
    date: Date | None = None


class Source(Strict):
    id: Id
    title: Line
    publisher: Line
    date: Date
    url: str = ""
    author: str = ""
    short: str = ""  # how citations name it, e.g. "IWF"; the publisher when empty
    sensitivity: Id | None = None  # None: the least sensitive level of the items citing it
    archive: str = ""  # the project's copy of its text, e.g. sources/iwf-2024-07.txt (issue 14)
    retrieved: Retrieved | None = None  # where it was read, if not from the publisher


class Item(Strict):
    """What every selectable item has: an id, topics, a priority and a sensitivity level."""

    id: Id
    topics: list[Id] = []
    priority: Priority = 2
    sensitivity: Id | None = None  # None: the most restrictive level (resolved in load.py)

    @property
    def date(self) -> str:
        raise NotImplementedError


class Figure(Strict):
    value: Line
    label: Line
    dataset: Id | None = None
    row: str | None = None
    column: Id | None = None
    unverifiable: str = ""  # why the value cannot be found in the source's text, e.g. "from a chart image"


class Finding(Item):
    headline: Line
    summary: str = ""  # one sentence for readers in a hurry, in other words than the body
    body: str = ""
    figures: list[Figure] = []
    source: Id
    locator: Line
    as_of: Date
    supersedes: list[Id] = []  # older findings this one replaces (their figures are stale)
    measure: Id | None = None  # what it measures: of findings sharing a measure, the latest supersedes the rest

    @property
    def date(self) -> str:
        return self.as_of


class Quote(Item):
    text: Line
    speaker: Line
    role: str = ""
    organisation: str = ""
    date_said: Date = Field(alias="date")
    source: Id
    locator: Line
    kind: Id

    model_config = ConfigDict(populate_by_name=True)

    @property
    def date(self) -> str:
        return self.date_said


class Progress(Strict):
    date: Date
    status: Id
    text: str = ""  # what the source reports; left out where the status says it all ("none reported")
    source: Id
    locator: Line


class Cited(Strict):
    """Words of a source, quoted as theirs: e.g. the recommendation an ask draws on."""

    text: Line
    source: Id
    locator: Line


class Recommendation(Item):
    addressee: Id
    title: Line  # the ask, short, in the charity's own words
    text: Line
    issued: Date
    source: Id
    locator: Line
    findings: list[Id] = []
    progress: list[Progress] = []
    based_on: Cited | None = None  # the recommendation of another body this ask draws on, quoted
    regulation: Cited | None = None  # the law or regulation it links to, where a source names it

    @property
    def date(self) -> str:
        return self.issued


class Column(Strict):
    id: Id
    label: Line
    type: Literal["text", "integer", "decimal", "percent"]


class ChartSpec(Strict):
    type: Literal["bar", "grouped-bar"]
    category: Id
    values: list[Id] = Field(min_length=1)
    alt: Line


Cell = int | float | str | None


class Totals(Strict):
    """A total row as the source gives it: named by `checks:` like a row, but not shown, so the
    table and chart hold only the parts."""

    label: Line  # how checks name it, e.g. "Total"
    values: dict[Id, int | float] = Field(min_length=1)  # column id -> the source's total


class DatasetCheck(Strict):
    """An arithmetic rule the dataset's numbers must obey, checked by `briefgen check`.

    Either `sum` (a row label) with `parts` (row labels): in every numeric column (or only
    `columns`), the parts add up to the total. Or `percent` (a column) with `count` (a column)
    and `total` (a column holding each row's total) or `total_row` (the row holding the
    totals): each row's percentage is count / total, within the rounding it is shown with.
    """

    sum: str | None = None
    parts: list[str] = []
    columns: list[Id] = []
    percent: Id | None = None
    count: Id | None = None
    total: Id | None = None
    total_row: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> DatasetCheck:
        if (self.sum is None) == (self.percent is None):
            raise ValueError("a check is either 'sum' with 'parts', or 'percent' with 'count' and "
                             "'total' or 'total_row'")
        if self.sum is not None and (not self.parts or self.count or self.total or self.total_row):
            raise ValueError("a sum check takes 'parts' (row labels) and optionally 'columns'")
        if self.percent is not None and (self.parts or self.columns or not self.count
                                         or (self.total is None) == (self.total_row is None)):
            raise ValueError("a percent check takes 'count' and one of 'total' (a column) or "
                             "'total_row' (a row label)")
        return self


class Dataset(Item):
    title: Line
    unit: str = ""
    columns: list[Column] = Field(min_length=1)
    rows: list[list[Cell]] = Field(min_length=1)
    source: Id
    locator: Line
    as_of: Date
    notes: str = ""
    chart: ChartSpec | None = None
    totals: Totals | None = None
    checks: list[DatasetCheck] = []

    @property
    def date(self) -> str:
        return self.as_of


class Term(Item):
    term: Line
    definition: Line
    source: Id | None = None
    locator: str = ""

    @property
    def date(self) -> str:
        return ""


# ---- audiences ----------------------------------------------------------------------------

SectionKind = Literal["summary", "stats", "text", "findings", "recommendations", "quotes",
                      "datasets", "glossary", "contact", "references", "notice", "questions",
                      "control"]
TEMPLATE_KINDS = {"text", "notice"}  # sections whose body is a prose template


class Select(Strict):
    priority: Priority = 3
    topics: list[Id] = []


class Prose(Strict):
    """jinja2 templates; the result is read as inline Markdown (text: paragraphs and bullets)."""

    title: str = "{{ briefing.title }}"
    running_title: str = ""  # the footer's short title, where the title is too long for it; else the title
    subtitle: str = "{{ briefing.subtitle }}"
    kicker: str = ""  # the cover's label, e.g. "Briefing for Members of Parliament"
    occasion: str = ""  # what the briefing serves, e.g. a debate or a bill stage, and when
    purpose: str = ""
    call_to_action_heading: str = "What we ask"
    call_to_action: str = ""  # Markdown: a paragraph, or bullets
    handling_note: str = ""
    content_note: str = ""  # this audience's content note; else the briefing's, else a default


class Question(Strict):
    text: Line  # a template, like the prose
    answer: str = ""  # printed on the trainer's page, after the briefing


class Section(Strict):
    kind: SectionKind
    heading: str = ""
    level: Literal[1, 2] = 1  # 2: a sub-section of the section before it
    # false: the heading has no number in an audience that numbers its headings (front matter,
    # such as document control after the contents, which then shares the contents' page)
    numbered: bool = True
    body: str = ""  # text and notice sections: a jinja2 template of Markdown paragraphs and bullets
    title: str = ""  # notice sections: the box's own heading
    content_note: bool = False  # notice sections: this box is the content note, placed by hand
    detail: Literal["body", "summary", "brief", "headline"] = "body"  # findings: how much of each to print
    run_in: bool = False  # findings: each headline in bold at the start of its text, not a line of its own
    layout: Literal["list", "table"] = "list"  # recommendations: in full, or a compact table
    evidence: bool = False  # recommendations: each with the summaries of the findings behind it
    quote_basis: bool = True  # recommendations: quote the recommendation each draws on, or only cite it
    # recommendations: statuses whose bare progress line (the status, nothing said of what
    # happened) is left out, e.g. [none-reported] when most asks have none (say once, in a
    # text, what an ask without a progress line means)
    hide_progress: list[Id] = []
    # recommendations: false when the section's heading or text names the one addressee of all
    # its asks ("All four asks are of the UK Government"): no label over the first alone
    addressee_labels: bool = True
    questions: list[Question] = []  # questions sections
    answers_heading: str = "Answers for the trainer"  # where questions with answers print them
    answers_banner: Line = "Trainer copy: remove before issue"  # over the answers' pages, in every edition
    rows: list[tuple[Line, str]] = []  # control sections: (label, template) rows
    ids: list[Id] | None = None
    topics: list[Id] = []
    priority: Priority | None = None
    since: Date | None = None
    before: Date | None = None
    limit: Annotated[int, Field(ge=1)] | None = None
    addressees: list[Id] = []
    quote_kinds: list[Id] = []

    @model_validator(mode="after")
    def _fits_kind(self) -> Section:
        if self.kind == "notice" and not self.body:
            raise ValueError("a notice section needs a body")
        if self.kind == "text" and not (self.body or self.heading):
            raise ValueError("a text section needs a body, or a heading for the sub-sections after it")
        if self.body and self.kind not in TEMPLATE_KINDS:
            raise ValueError(f"only text and notice sections take a body, not {self.kind} sections")
        if (self.kind == "questions") != bool(self.questions):
            raise ValueError("a questions section takes 'questions' (and only it does)")
        if (self.kind == "control") != bool(self.rows):
            raise ValueError("a control section takes 'rows' (and only it does)")
        if self.addressees and self.kind != "recommendations":
            raise ValueError("addressees filter only recommendations sections")
        if self.quote_kinds and self.kind != "quotes":
            raise ValueError("quote_kinds filter only quotes sections")
        if self.content_note and self.kind != "notice":
            raise ValueError("only a notice section can be the content note")
        if not self.numbered and not self.heading:
            raise ValueError("numbered: false leaves out a heading's number: a section with a heading only")
        if not self.addressee_labels and self.kind != "recommendations":
            raise ValueError("addressee_labels applies to recommendations sections only")
        if self.hide_progress and self.kind != "recommendations":
            raise ValueError("hide_progress leaves out progress lines of recommendations sections only")
        if self.run_in and (self.kind != "findings" or self.detail in ("brief", "headline")):
            raise ValueError("run_in runs a finding's headline into its text: findings sections with a "
                             "body or summary only")
        return self


class Audience(Strict):
    id: Id
    name: Line
    purpose: Line
    page_budget: Annotated[int, Field(ge=0)] = 0
    toc_from_pages: Annotated[int, Field(ge=0)] = 0
    numbered_headings: bool = False
    cover: Literal["plain", "band"] = "plain"  # band: the cover's head in the theme's `cover` box, no rule under it
    cite_locators: bool = True  # cite pages in the text: "[2, pp. 20-24]"
    marking: Marking | None = None
    language: Language | None = None  # dates and numbers in this language; the briefing's when None
    ceiling: Id  # required: an audience never gets material by default
    freshness_months: Annotated[int, Field(ge=0)] = 0
    # A figure older than this must say when it is from: the year of its as_of in its finding's
    # headline, body or figure labels, e.g. "(2023)". 0: never required.
    undated_months: Annotated[int, Field(ge=0)] = 6
    select: Select = Select()
    prose: Prose = Prose()
    sections: list[Section] = Field(min_length=1)


@dataclass(frozen=True)
class Content:
    """Everything a project holds, validated and cross-referenced."""

    briefing: Briefing
    vocabulary: Vocabulary
    sources: tuple[Source, ...]
    findings: tuple[Finding, ...]
    quotes: tuple[Quote, ...]
    recommendations: tuple[Recommendation, ...]
    datasets: tuple[Dataset, ...]
    glossary: tuple[Term, ...]

    def rank(self, level: str) -> int:
        """Return the position of sensitivity `level`, least sensitive first."""
        return [lv.id for lv in self.vocabulary.sensitivity].index(level)

    def level(self, level: str) -> Level:
        return self.vocabulary.sensitivity[self.rank(level)]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)


# The list files: their top-level key, the item model and how messages name an item.
KINDS: dict[str, tuple[type[Item], str]] = {
    "findings": (Finding, "finding"),
    "quotes": (Quote, "quote"),
    "recommendations": (Recommendation, "recommendation"),
    "datasets": (Dataset, "dataset"),
    "glossary": (Term, "term"),
}
