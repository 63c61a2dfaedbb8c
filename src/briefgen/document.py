"""The document model: the small closed set of blocks that every writer renders.

Writers import this module and nothing of the content loader. Text is already plain data
here: a `Text` is a tuple of `Run`s, each literal text with its own emphasis or link, so a
writer only has to escape it for its own format.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # https: or mailto: only, checked at load


Text = tuple[Run, ...]


def plain(text: Text) -> str:
    """Return the text of `text` without emphasis or links."""
    return "".join(run.text for run in text)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 or 2
    number: str = ""  # "2.1" when the audience numbers its headings
    page_break: bool = False  # start a new page (e.g. the trainer's answers)
    in_contents: bool = True  # False: front matter (document control), in the outline, not the contents


@dataclass(frozen=True)
class Paragraph:
    text: Text
    role: str = "body"  # body | lead (purpose sentence) | note (small print)
    keep_with_next: bool = False  # an introduction: it stays on the page of what it introduces
    keep_together: bool = False  # never split across pages (a short first paragraph under a heading)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Text, ...]
    numbered: bool = False


@dataclass(frozen=True)
class ContentNote:
    text: Text


@dataclass(frozen=True)
class KeyPoints:
    title: str
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Stat:
    value: str
    label: str
    source: str  # e.g. "IWF, July 2024 [1, p. 7]", as a chart's or a table's source line


@dataclass(frozen=True)
class Stats:
    items: tuple[Stat, ...]  # two or three


@dataclass(frozen=True)
class Finding:
    headline: Text  # () for a brief finding: its one paragraph says it all
    paragraphs: tuple[Text, ...]  # the last one ends with its reference marker


@dataclass(frozen=True)
class Quote:
    text: Text
    attribution: str  # name, role, organisation, date
    verbatim: bool = False  # a verbatim (offender) quote: shown differently, under a content note
    label: str = ""  # its kind's label (a verbatim quote's, printed over its group)


@dataclass(frozen=True)
class QuoteGroup:
    """Verbatim quotes in a row that share a label: one box, ruled from the label to the last
    attribution, so the label reads as every quote's ("Restricted: verbatim offender quotes")."""
    label: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Recommendation:
    addressee: str  # the addressee's label, e.g. "Government"; "" where it is the previous one's
    title: str  # the ask, short
    text: Text
    status: str = ""  # label of the latest progress status, "" when none
    progress_date: str = ""  # e.g. "July 2024"
    progress: Text = ()  # what the progress was, cited; () when the status says it all
    based_on: Text = ()  # the recommendation it draws on, quoted as its author's, with citation
    evidence: tuple[Text, ...] = ()  # the findings behind it, one line each
    regulation: Text = ()  # the law or regulation it links to
    progress_source: str = ""  # the citation of a status that says it all ("none reported")


def progress_line(block: Recommendation) -> Text:
    """Return the progress as every writer prints it: "Progress: partial, July 2024." in bold,
    then what the progress was; a status that says it all with its citation inside the stop,
    "Progress: none reported, July 2024 [1, p. 4].", as every citation is."""
    when = ", ".join(part for part in (block.status.lower(), block.progress_date) if part)
    if not block.progress and block.progress_source:
        return (Run(f"Progress: {when}", bold=True), Run("\u00a0" + block.progress_source), Run("."))
    return (Run(f"Progress: {when}.", bold=True), Run(" "), *block.progress)


@dataclass(frozen=True)
class Ask:
    ask: str
    status: str
    as_of: str


@dataclass(frozen=True)
class AsksTable:
    """The asks in a compact table: ask | status | as of."""

    caption: str
    rows: tuple[Ask, ...]
    source: str = ""


@dataclass(frozen=True)
class Notice:
    """A tinted box with a short heading: welfare and support, definitions, a case study."""

    title: str
    body: tuple[Paragraph | BulletList, ...]
    kind: str = "notice"  # the theme's box: notice, or ask (what we ask of the reader)


@dataclass(frozen=True)
class Questions:
    """Numbered questions: to ask the Minister, or a knowledge check."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Answers:
    """A knowledge check's answers: the trainer's part, after the briefing, on pages of its own
    under its own title (not a section of the briefing: no number, not in its contents)."""

    title: str
    items: tuple[tuple[Text, Text], ...]  # (question, answer)
    banner: str = ""  # over its pages (and in the HTML's summary): "Trainer copy: remove before issue"


@dataclass(frozen=True)
class DocumentControl:
    """A small table of who owns the document, its version, review date and handling."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]  # cells already formatted ("20,254", "32%")
    source: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...] = ()  # each value as the briefing's language writes it, e.g. "20.254"


@dataclass(frozen=True)
class Chart:
    caption: str
    kind: str  # bar | grouped-bar
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # e.g. "images" or "%"
    alt: str
    source: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: Text


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class Reference:
    number: int
    text: str  # publisher, title, date
    url: str = ""


@dataclass(frozen=True)
class References:
    items: tuple[Reference, ...]


Block = (
    Heading | Paragraph | BulletList | ContentNote | KeyPoints | Stats | Finding | Quote | QuoteGroup
    | Recommendation | AsksTable | Table | Chart | Glossary | References | Notice | Questions
    | Answers | DocumentControl
)
BLOCK_TYPES: tuple[type, ...] = Block.__args__


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str
    organisation: str
    author: str
    audience: str  # display name
    subject: str  # the audience's purpose; document subject metadata
    date: str  # display form, e.g. "2 September 2024"
    issued: str  # the same date as YYYY[-MM[-DD]], for document properties
    version: str
    language: str  # BCP 47, e.g. "en-GB"
    marking: str = ""  # printed top and bottom of every page when not ""
    running_title: str = ""
    kicker: str = ""  # the cover's label, e.g. "Briefing for Members of Parliament"
    occasion: str = ""  # what it is for, e.g. "Westminster Hall debate, 10 September 2024"
    cover: str = "plain"  # band: the cover's head in the theme's cover box (the audience's `cover`)
    handling_note: Text = ()
    page_budget: int = 0  # 0: no budget
    toc_from_pages: int = 0  # a table of contents when longer than this; 0: never


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def answers(self) -> Answers | None:
        """Return the trainer's part (the plan puts it last), or None when there is none."""
        return next((block for block in self.blocks if isinstance(block, Answers)), None)
