"""Selection (+ the audience's prose) → Document: the briefing as the writers will draw it."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import dates, inline, prose
from . import document as d
from .model import Content, Dataset, Finding, Quote, Recommendation, Section
from .select import Chosen, Selection, needs_note

DEFAULT_NOTE = "This briefing includes sensitive material, shown for professional use only."
ALWAYS_SHOWN = {"text", "contact", "references", "summary"}  # shown even with no items


class PlanProblem(ValueError):
    """Prose templates failed; `failures` holds (message, field) for each, e.g. 'prose.title'."""

    def __init__(self, failures: list[tuple[str, str]]):
        super().__init__("; ".join(message for message, _ in failures))
        self.failures = failures


def plan(selection: Selection, recipient: dict | None = None) -> d.Document:
    """Return the Document for `selection`; raise PlanProblem naming every template that fails."""
    planner = _Planner(selection, recipient)
    document = planner.document()
    if planner.failures:
        raise PlanProblem(planner.failures)
    return document


@dataclass
class _Citations:
    """Numbers sources in order of first use and remembers the locators cited."""

    content: Content
    numbers: dict[str, int] = field(default_factory=dict)
    locators: dict[str, list[str]] = field(default_factory=dict)

    def marker(self, source_id: str, locator: str) -> str:
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        cited = self.locators.setdefault(source_id, [])
        if " ".join(locator.split()) not in cited:
            cited.append(" ".join(locator.split()))
        return f"[{number}]"

    def label(self, source_id: str, locator: str) -> str:
        source = self.content.source(source_id)
        return f"{source.short or source.publisher}, {dates.display(source.date)} {self.marker(source_id, locator)}"

    def references(self, with_locators: bool) -> d.References:
        items = []
        for source_id, number in self.numbers.items():
            s = self.content.source(source_id)
            text = f"{s.publisher}. {s.title}. {dates.display(s.date)}."
            if with_locators:
                text += f" Cited: {'; '.join(self.locators[source_id])}."
            items.append(d.Reference(number, text, s.url))
        return d.References(tuple(items))


class _Planner:
    def __init__(self, selection: Selection, recipient: dict | None):
        self.selection = selection
        self.audience = selection.audience
        self.content = selection.content
        self.cites = _Citations(self.content)
        self.numbers = [0, 0]
        self.context = _context(selection, recipient)
        self.failures: list[tuple[str, str]] = []

    def text(self, source: str, where: str) -> str:
        """Return the template `source` rendered, checked to parse (links included); a template
        that fails is recorded, and reads as empty so the others are tried too."""
        try:
            text = prose.render(source, self.context).strip()
            inline.blocks(text)
            return text
        except (prose.TemplateProblem, inline.LinkError) as exc:
            self.failures.append((str(exc), where))
            return ""

    def document(self) -> d.Document:
        blocks: list[d.Block] = []
        note_due = self.selection.needs_content_note
        references_at = None
        for index, chosen in enumerate(self.selection.sections):
            section = chosen.section
            if section.kind not in ALWAYS_SHOWN and not chosen.items:
                continue
            if note_due and needs_note(self.content, chosen.items):
                note = self.content.briefing.content_note or DEFAULT_NOTE
                blocks.append(d.ContentNote(inline.parse(note)))
                note_due = False
            if section.heading and section.kind != "summary":
                blocks.append(self.heading(section.heading, 1))
            if section.kind == "references":
                references_at = len(blocks)
            else:
                blocks += self.section(chosen, f"sections[{index}]")
        if references_at is not None:
            blocks.insert(references_at, self.cites.references(self.audience.cite_locators))
        return d.Document(self.meta(), tuple(blocks))

    def heading(self, text: str, level: int) -> d.Heading:
        number = ""
        if self.audience.numbered_headings:
            self.numbers[level - 1] += 1
            if level == 1:
                self.numbers[1] = 0
            number = ".".join(str(n) for n in self.numbers[:level])
        return d.Heading(text, level, number)

    def section(self, chosen: Chosen, where: str) -> list[d.Block]:
        section, items = chosen.section, chosen.items
        kind = section.kind
        if kind == "summary":
            return self.summary(section, items)
        if kind == "stats":
            return [d.Stats(tuple(self.stat(f) for f in items[:3] if f.figures))]
        if kind == "findings":
            return [self.finding(f) for f in items]
        if kind == "quotes":
            return [self.quote(q) for q in items]
        if kind == "recommendations":
            return self.recommendations(items)
        if kind == "datasets":
            return [block for dataset in items for block in self.dataset(dataset)]
        if kind == "glossary":
            terms = sorted(items, key=lambda t: t.term.casefold())
            return [d.Glossary(tuple(d.GlossaryEntry(t.term, inline.parse(t.definition)) for t in terms))]
        if kind == "contact":
            return self.contact()
        if kind == "text":
            return _prose_blocks(self.text(section.body, f"{where}.body"))
        raise AssertionError(f"unhandled section kind {kind}")

    def summary(self, section: Section, findings) -> list[d.Block]:
        blocks: list[d.Block] = []
        purpose = self.text(self.audience.prose.purpose, "prose.purpose")
        if purpose:
            blocks.append(d.Paragraph(inline.parse(purpose), "lead"))
        if findings:
            points = tuple(self.key_point(f) for f in findings)
            blocks.append(d.KeyPoints(section.heading or "Key points", points))
        ask = self.text(self.audience.prose.call_to_action, "prose.call_to_action")
        if ask:
            blocks.append(d.Paragraph(inline.parse(ask), "ask"))
        return blocks

    def key_point(self, finding: Finding) -> d.Text:
        runs = list(inline.parse(finding.headline))
        if finding.figures:
            runs = _embolden(runs, finding.figures[0].value)
        return tuple(runs) + (d.Run(" " + self.cites.marker(finding.source, finding.locator)),)

    def stat(self, finding: Finding) -> d.Stat:
        figure = finding.figures[0]
        return d.Stat(figure.value, figure.label, self.cites.label(finding.source, finding.locator))

    def finding(self, finding: Finding) -> d.Finding:
        paragraphs = list(inline.paragraphs(finding.body)) or [()]
        marker = d.Run(" " + self.cites.marker(finding.source, finding.locator))
        paragraphs[-1] = paragraphs[-1] + (marker,)
        return d.Finding(inline.parse(finding.headline), tuple(paragraphs))

    def quote(self, quote: Quote) -> d.Quote:
        kind = self.content.vocabulary.quote_kinds[quote.kind]
        who = [quote.speaker, quote.role, quote.organisation, dates.display(quote.date)]
        attribution = ", ".join(p for p in who if p) + " " + self.cites.marker(quote.source, quote.locator)
        return d.Quote(inline.parse(quote.text), attribution, kind.verbatim)

    def recommendations(self, items) -> list[d.Block]:
        vocabulary = self.content.vocabulary
        addressees = list(dict.fromkeys(r.addressee for r in items))
        blocks: list[d.Block] = []
        for addressee in addressees:
            if len(addressees) > 1:
                blocks.append(self.heading(vocabulary.addressees[addressee], 2))
            blocks += [self.recommendation(r) for r in items if r.addressee == addressee]
        return blocks

    def recommendation(self, rec: Recommendation) -> d.Recommendation:
        vocabulary = self.content.vocabulary
        text = inline.parse(rec.text) + (d.Run(" " + self.cites.marker(rec.source, rec.locator)),)
        if not rec.progress:
            return d.Recommendation(vocabulary.addressees[rec.addressee], rec.title, text)
        latest = rec.progress[-1]
        progress = inline.parse(latest.text) + (d.Run(" " + self.cites.marker(latest.source, latest.locator)),)
        return d.Recommendation(vocabulary.addressees[rec.addressee], rec.title, text,
                                vocabulary.statuses[latest.status], dates.display(latest.date), progress)

    def dataset(self, dataset: Dataset) -> list[d.Block]:
        """Return the dataset's chart (if any), then its table: the chart's data, always shown."""
        source = f"{self.cites.label(dataset.source, dataset.locator)}, {dataset.locator}"
        columns = tuple(d.Column(c.label, c.type != "text") for c in dataset.columns)
        rows = tuple(tuple(_cell(v, c.type) for v, c in zip(row, dataset.columns)) for row in dataset.rows)
        blocks: list[d.Block] = [_chart(dataset, source)] if dataset.chart else []
        caption = "The figures behind the chart" if dataset.chart else dataset.title
        if dataset.notes:  # in the source line, which stays with its table
            source = f"{source}. Note: {d.plain(inline.parse(dataset.notes))}"
        blocks.append(d.Table(caption, columns, rows, source))
        return blocks

    def contact(self) -> list[d.Block]:
        contact = self.content.briefing.contact
        if contact is None:
            return []
        who = ", ".join(p for p in (contact.name, contact.role) if p)
        lines = [(d.Run(who, bold=True),), (d.Run(self.content.briefing.organisation),)]
        if contact.email:
            lines.append((d.Run(contact.email, link=f"mailto:{contact.email}"),))
        if contact.phone:
            lines.append((d.Run(contact.phone),))
        return [d.Paragraph(line) for line in lines]

    def meta(self) -> d.Meta:
        b, a = self.content.briefing, self.audience
        title = inline.parse(self.text(a.prose.title, "prose.title"))
        return d.Meta(
            title=d.plain(title), subtitle=d.plain(inline.parse(self.text(a.prose.subtitle, "prose.subtitle"))),
            organisation=b.organisation, author=b.author, audience=a.name, subject=a.purpose,
            date=dates.display(b.date), issued=b.date, version=b.version, language=b.language,
            marking=self.selection.marking, running_title=d.plain(title),
            handling_note=inline.parse(self.text(a.prose.handling_note, "prose.handling_note")),
            page_budget=a.page_budget, toc_from_pages=a.toc_from_pages,
        )


def _context(selection: Selection, recipient: dict | None) -> dict:
    content, audience = selection.content, selection.audience
    shown = {id(item) for chosen in selection.sections for item in chosen.items}
    dated = [i.as_of for i in content.findings + content.datasets if id(i) in shown]
    return {
        "briefing": content.briefing,
        "audience": {"name": audience.name, "purpose": audience.purpose, "marking": selection.marking},
        "as_of": dates.display(max(dated)) if dated else "",
        "recipient": recipient,
    }


def _prose_blocks(markdown: str) -> list[d.Block]:
    return [d.Paragraph(body) if kind == "paragraph" else d.BulletList(tuple(body))
            for kind, body in inline.blocks(markdown)]


def _embolden(runs: list[d.Run], value: str) -> list[d.Run]:
    """Return `runs` with the first plain occurrence of `value` in bold."""
    for i, run in enumerate(runs):
        at = run.text.find(value)
        if at >= 0 and not run.bold:
            pieces = [d.Run(run.text[:at], run.bold, run.italic, run.link),
                      d.Run(value, True, run.italic, run.link),
                      d.Run(run.text[at + len(value):], run.bold, run.italic, run.link)]
            return runs[:i] + [p for p in pieces if p.text] + runs[i + 1:]
    return [d.Run(value, bold=True), d.Run(": ")] + runs


def _cell(value, column_type: str) -> str:
    if value is None:
        return ""
    if column_type == "percent":
        return f"{value:,}%"
    if column_type in ("integer", "decimal"):
        return f"{value:,}"
    return str(value)


def _chart(dataset: Dataset, source: str) -> d.Chart:
    spec = dataset.chart
    columns = {c.id: (i, c) for i, c in enumerate(dataset.columns)}
    index = columns[spec.category][0]
    categories = tuple(str(row[index]) for row in dataset.rows)
    series = tuple(
        d.Series(columns[v][1].label, tuple(float(row[columns[v][0]] or 0) for row in dataset.rows))
        for v in spec.values
    )
    unit = "%" if all(columns[v][1].type == "percent" for v in spec.values) else dataset.unit
    return d.Chart(dataset.title, spec.type, categories, series, unit, spec.alt, source)
