"""Selection (+ the audience's prose) → Document: the briefing as the writers will draw it."""
from __future__ import annotations

import dataclasses
import re

from . import dates, inline, locales, prose
from . import document as d
from .citations import NBSP, Citations, cited, once_per_group
from .model import Dataset, Finding, Quote, Recommendation, Section
from .select import Chosen, Selection, needs_note

DEFAULT_NOTE = "This briefing includes sensitive material, shown for professional use only."
# " [1, p. 4]" as cite() writes it (escaped for Markdown), where it ends a paragraph, a line
# or an item of a list, give or take its punctuation
GLUED_CITATION = re.compile(r" (\\?\[\d+(?:,\u00a0[^\]\n]*)?\\?\])(?=[.,;:!?)”’]*[ \t]*(?:\n|$))")
ALWAYS_SHOWN = {"text", "contact", "references", "summary", "notice", "questions", "control"}


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


class _Planner:
    def __init__(self, selection: Selection, recipient: dict | None):
        self.selection = selection
        self.audience = selection.audience
        self.content = selection.content
        self.language = self.audience.language or self.content.briefing.language
        self.cites = Citations(self.content, self.audience.cite_locators, self.language)
        self.numbers = [0, 0]
        self.context = _context(selection, recipient, self.language) | {"cite": self.cite}
        self.failures: list[tuple[str, str]] = []
        self.answers: list[tuple[d.Text, d.Text]] = []
        self.answers_heading = ""
        self.answers_banner = ""

    def cite(self, source_id: str, locator: str = "") -> str:
        """`{{ cite("iwf-2024-07", "p. 19") }}` in a template: the citation, "[1, p. 19]", numbered
        as every other (a source the audience may not see is no source at all here)."""
        if not any(s.id == source_id for s in self.content.sources):
            raise prose.TemplateProblem(f"cite({source_id!r}): no source has that id")
        return self.cites.marker(source_id, locator)

    def text(self, source: str, where: str) -> str:
        """Return the template `source` rendered, checked to parse (links included); a template
        that fails is recorded, and reads as empty so the others are tried too."""
        try:
            # A citation that ends a paragraph stays on the line of the word before it, never
            # alone on its last line; one within it may start a line, rather than carry its
            # word down and leave the line above short.
            text = GLUED_CITATION.sub(NBSP + r"\1", prose.render(source, self.context).strip())
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
                own = self.text(self.audience.prose.content_note, "prose.content_note")
                note = own or self.content.briefing.content_note or DEFAULT_NOTE
                blocks.append(d.ContentNote(inline.parse(note)))
                note_due = False
            if section.content_note:  # the profile's own note; any sensitive item before it has one already
                note_due = False
            if section.heading and section.kind != "summary":
                blocks.append(self.heading(section.heading, section.level, numbered=section.numbered))
            if section.kind == "references":
                references_at = len(blocks)
            else:
                blocks += self.section(chosen, f"sections[{index}]")
        if self.answers:
            blocks.append(d.Answers(self.answers_heading, tuple(self.answers), self.answers_banner))
        if references_at is not None:
            blocks.insert(references_at, self.cites.references())
        return d.Document(self.meta(), label_groups(blocks))

    def heading(self, text: str, level: int, page_break: bool = False, numbered: bool = True) -> d.Heading:
        number = ""
        if self.audience.numbered_headings and numbered:
            self.numbers[level - 1] += 1
            if level == 1:
                self.numbers[1] = 0
            number = ".".join(str(n) for n in self.numbers[:level])
        # an unnumbered section of a numbered briefing is front matter, on the contents' page
        front = self.audience.numbered_headings and not numbered
        return d.Heading(text, level, number, page_break, in_contents=not front)

    def section(self, chosen: Chosen, where: str) -> list[d.Block]:
        section, items = chosen.section, chosen.items
        kind = section.kind
        if kind == "summary":
            return self.summary(section, items)
        if kind == "stats":
            return [d.Stats(tuple(self.stat(f) for f in items[:3] if f.figures))]
        if kind == "findings":
            markers = [self.cites.marker(f.source, f.locator) for f in items]
            # Paragraphs in a row that cite one place cite it once, after the last; a finding
            # under its own bold headline is an item of its own, and cites its place itself.
            if section.detail == "brief":
                markers = once_per_group(markers)
            return [self.finding(f, marker, section.detail, section.run_in) for f, marker in zip(items, markers)]
        if kind == "quotes":
            return [self.quote(q) for q in items]
        if kind == "recommendations":
            return self.recommendations(section, items)
        if kind == "datasets":
            return [block for dataset in items for block in self.dataset(dataset)]
        if kind == "glossary":
            terms = sorted(items, key=lambda t: t.term.casefold())
            return [d.Glossary(tuple(d.GlossaryEntry(t.term, inline.parse(t.definition)) for t in terms))]
        if kind == "contact":
            return self.contact()
        if kind == "text":
            return _introducing(_prose_blocks(self.text(section.body, f"{where}.body")))
        if kind == "notice":
            return [d.Notice(section.title, tuple(_prose_blocks(self.text(section.body, f"{where}.body"))))]
        if kind == "questions":
            return [self.questions(section, where)]
        if kind == "control":
            return [d.DocumentControl(tuple((label, d.plain(inline.parse(self.text(value, f"{where}.rows[{i}]")))) 
                                            for i, (label, value) in enumerate(section.rows)))]
        raise AssertionError(f"unhandled section kind {kind}")

    def summary(self, section: Section, findings) -> list[d.Block]:
        blocks: list[d.Block] = []
        purpose = self.text(self.audience.prose.purpose, "prose.purpose")
        if purpose:
            blocks.append(d.Paragraph(inline.parse(purpose), "lead"))
        if findings:
            # every key point cites its source and pages (a reader may quote any one of them)
            points = tuple(self.key_point(f, self.cites.marker(f.source, f.locator)) for f in findings)
            blocks.append(d.KeyPoints(section.heading or "Key points", points))
        ask = self.text(self.audience.prose.call_to_action, "prose.call_to_action")
        if ask:
            heading = self.audience.prose.call_to_action_heading
            blocks.append(d.Notice(heading, tuple(_prose_blocks(ask)), "ask"))
        return blocks

    def key_point(self, finding: Finding, marker: str) -> d.Text:
        runs = list(inline.parse(finding.headline))
        if finding.figures:
            runs = _embolden(runs, finding.figures[0].value)
        return cited(tuple(runs), marker)

    def stat(self, finding: Finding) -> d.Stat:
        figure = finding.figures[0]
        return d.Stat(figure.value, figure.label, self.cites.label(finding.source, finding.locator))

    def finding(self, finding: Finding, marker: str, detail: str, run_in: bool = False) -> d.Finding:
        """Return the finding with as much as `detail` says: headline and body, headline and
        summary, the summary alone ("brief"), or the headline alone; with `run_in`, the headline
        in bold opens the text rather than standing over it, as a heading would."""
        summary = finding.summary or finding.headline
        body = {"body": finding.body, "summary": summary, "brief": summary, "headline": ""}[detail]
        paragraphs = list(inline.paragraphs(body))
        if paragraphs:
            paragraphs[-1] = cited(paragraphs[-1], marker)
        headline = () if detail == "brief" else inline.parse(finding.headline)
        if headline and not paragraphs:
            headline = cited(headline, marker)
        if run_in and headline and paragraphs:
            paragraphs[0] = _run_in(headline) + (d.Run(" "),) + paragraphs[0]
            headline = ()
        return d.Finding(headline, tuple(paragraphs))

    def quote(self, quote: Quote) -> d.Quote:
        kind = self.content.vocabulary.quote_kinds[quote.kind]
        who = _unrepeated([quote.speaker, quote.role, quote.organisation, dates.display(quote.date, self.language)])
        attribution = ", ".join(who) + NBSP + self.cites.marker(quote.source, quote.locator)
        return d.Quote(inline.parse(quote.text), attribution, kind.verbatim, kind.label if kind.verbatim else "")

    def recommendations(self, section: Section, items) -> list[d.Block]:
        if section.layout == "table":
            return [self.asks_table(section, items)]
        labels = self.content.vocabulary.addressees
        blocks, previous = [], None
        for rec in items:  # the addressee is labelled where it changes, not over every ask
            shown = section.addressee_labels and rec.addressee != previous
            block = self.recommendation(rec, labels[rec.addressee] if shown else "",
                                        section.quote_basis, section.hide_progress)
            previous = rec.addressee
            if section.evidence:
                block = dataclasses.replace(block, evidence=self.evidence(rec))
            blocks.append(block)
        return blocks

    def evidence(self, rec: Recommendation) -> tuple[d.Text, ...]:
        """Return the summaries of the findings behind `rec` that the audience may see."""
        findings = {f.id: f for f in self.content.findings}
        return tuple(cited(inline.parse(f.summary or f.headline), self.cites.marker(f.source, f.locator))
                     for f in (findings[i] for i in rec.findings if i in findings))

    def asks_table(self, section: Section, items) -> d.AsksTable:
        statuses = self.content.vocabulary.statuses
        rows = tuple(d.Ask(r.title, statuses[r.progress[-1].status] if r.progress else "",
                           dates.display(r.progress[-1].date, self.language) if r.progress else "")
                     for r in items)
        sources = sorted({r.progress[-1].source for r in items if r.progress})
        source = "; ".join(self.cites.label(s, "") for s in sources)
        return d.AsksTable(section.heading or "The asks and their progress", rows, source)

    def recommendation(self, rec: Recommendation, addressee: str, quote_basis: bool = True,
                       hide_progress: list[str] = ()) -> d.Recommendation:
        """Return the ask; the recommendation it draws on is quoted as its author's on a line
        of its own ("IWF recommendation: “…” [1, p. 4]"), or (without `quote_basis`) only cited
        at the end of the ask; its latest progress, unless that is a bare status (nothing said
        of what happened) of one of `hide_progress`, which is left out, its source uncited."""
        vocabulary = self.content.vocabulary
        same_place = rec.based_on and (rec.based_on.source, rec.based_on.locator) == (rec.source, rec.locator)
        text = inline.parse(rec.text) if same_place else cited(inline.parse(rec.text), self.cites.marker(rec.source, rec.locator))
        # The source's words are in quotation marks, upright: in italic at the basis line's size
        # they were the hardest text of the page to read.
        based_on = ()
        if rec.based_on:
            source = self.content.source(rec.based_on.source)
            cite = self.cites.marker(rec.based_on.source, rec.based_on.locator)
            if quote_basis:
                based_on = cited((d.Run(f"{source.short or source.publisher} recommendation: ", bold=True),
                                  d.Run(f"“{rec.based_on.text.strip()}”")), cite)
            else:
                text = cited(text, cite)
        regulation = ()
        if rec.regulation:  # the source's words, quoted as theirs
            source = self.content.source(rec.regulation.source)
            regulation = cited((d.Run(f"the {source.short or source.publisher} notes "),
                                d.Run(f"“{rec.regulation.text.strip()}”")),
                               self.cites.marker(rec.regulation.source, rec.regulation.locator))
        latest = rec.progress[-1] if rec.progress else None
        if latest is None or (latest.status in hide_progress and not latest.text.strip()):
            return d.Recommendation(addressee, rec.title, text, based_on=based_on, regulation=regulation)
        # A status that says it all ("none reported") has its citation alone, inside the stop.
        marker = self.cites.marker(latest.source, latest.locator)
        said = bool(latest.text.strip())
        return d.Recommendation(addressee, rec.title, text, vocabulary.statuses[latest.status],
                                dates.display(latest.date, self.language),
                                cited(inline.parse(latest.text), marker) if said else (), based_on,
                                regulation=regulation, progress_source="" if said else marker)

    def questions(self, section: Section, where: str) -> d.Questions:
        items = []
        for i, question in enumerate(section.questions):
            text = inline.parse(self.text(question.text, f"{where}.questions[{i}].text"))
            items.append(text)
            if question.answer:
                answer = inline.parse(self.text(question.answer, f"{where}.questions[{i}].answer"))
                self.answers.append((text, answer))
                self.answers_heading = self.answers_heading or section.answers_heading
                self.answers_banner = self.answers_banner or section.answers_banner
        return d.Questions(tuple(items))

    def dataset(self, dataset: Dataset) -> list[d.Block]:
        """Return the dataset's chart (if any), then its table: the chart's data, always shown."""
        source = self.cites.label(dataset.source, dataset.locator)
        columns = tuple(d.Column(c.label, c.type != "text") for c in dataset.columns)
        rows = tuple(tuple(_cell(v, c.type, self.language) for v, c in zip(row, dataset.columns))
                     for row in dataset.rows)
        blocks: list[d.Block] = [_chart(dataset, source, self.language)] if dataset.chart else []
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
        # An address is read as one: none of its lines is left at the foot of a page.
        last = len(lines) - 1
        return [d.Paragraph(line, keep_with_next=i < last) for i, line in enumerate(lines)]

    def meta(self) -> d.Meta:
        b, a = self.content.briefing, self.audience
        title = inline.parse(self.text(a.prose.title, "prose.title"))

        def plain(field: str) -> str:
            return d.plain(inline.parse(self.text(getattr(a.prose, field), f"prose.{field}")))

        return d.Meta(
            title=d.plain(title), subtitle=plain("subtitle"),
            organisation=b.organisation, author=b.author, audience=a.name, subject=a.purpose,
            date=dates.display(b.date, self.language), issued=b.date, version=b.version,
            language=self.language,
            marking=self.selection.marking, running_title=plain("running_title") or d.plain(title),
            handling_note=inline.parse(self.text(a.prose.handling_note, "prose.handling_note")),
            page_budget=a.page_budget, toc_from_pages=a.toc_from_pages,
            kicker=plain("kicker"), occasion=plain("occasion"), cover=a.cover,
        )


def _context(selection: Selection, recipient: dict | None, language: str) -> dict:
    content, audience = selection.content, selection.audience
    shown = {id(item) for chosen in selection.sections for item in chosen.items}
    dated = [i.as_of for i in content.findings + content.datasets if id(i) in shown]
    return {
        "briefing": content.briefing,
        "audience": {"name": audience.name, "purpose": audience.purpose, "marking": selection.marking,
                     "language": language},
        "as_of": dates.display(max(dated), language) if dated else "",
        "date": dates.display(content.briefing.date, language),
        "recipient": recipient,
    }


def _run_in(headline: d.Text) -> d.Text:
    """Return a headline as the bold start of its text, ending with a full stop if it has none."""
    runs = [dataclasses.replace(run, bold=True) for run in headline]
    if not runs[-1].text.rstrip().endswith((".", "?", "!", ":")):
        runs[-1] = dataclasses.replace(runs[-1], text=runs[-1].text.rstrip() + ".")
    return tuple(runs)


def _prose_blocks(markdown: str) -> list[d.Block]:
    return [d.Paragraph(body) if kind == "paragraph" else d.BulletList(tuple(body), kind == "numbers")
            for kind, body in inline.blocks(markdown)]


SHORT_PARAGRAPH = 240  # characters: about three lines, which a break would leave a line of either side


def _introducing(blocks: list[d.Block]) -> list[d.Block]:
    """Return a text section's blocks with a paragraph that introduces what follows (it ends
    with a colon: a list, a table) kept with it, and a short first paragraph in one piece, so
    that its heading has more than a line or two under it. (A heading keeps with its next two
    lines in every writer; keeping more would leave holes at the feet of pages.)"""
    if blocks and isinstance(blocks[0], d.Paragraph) and len(d.plain(blocks[0].text)) <= SHORT_PARAGRAPH:
        blocks[0] = dataclasses.replace(blocks[0], keep_together=True)
    return [dataclasses.replace(b, keep_with_next=True) if isinstance(b, d.Paragraph) and
            d.plain(b.text).rstrip().endswith(":") else b for b in blocks]


def label_groups(blocks: list[d.Block]) -> tuple[d.Block, ...]:
    """Return `blocks` with each run of labelled (verbatim) quotes that share a label as one
    group under it: "Restricted: verbatim offender quotes" once, over all of them."""
    out: list[d.Block] = []
    for block in blocks:
        if isinstance(block, d.Quote) and block.label:
            quote = dataclasses.replace(block, label="")
            if out and isinstance(out[-1], d.QuoteGroup) and out[-1].label == block.label:
                out[-1] = dataclasses.replace(out[-1], quotes=(*out[-1].quotes, quote))
                continue
            block = d.QuoteGroup(block.label, (quote,))
        out.append(block)
    return tuple(out)


def _unrepeated(parts: list[str]) -> list[str]:
    """Return the non-empty `parts` without any whose words an earlier part has all said:
    ("Analyst 1", "Analyst", "IWF") -> ("Analyst 1", "IWF")."""
    kept: list[str] = []
    said: set[str] = set()
    for part in parts:
        words = set(re.findall(r"\w+", part.casefold()))
        if part and not words <= said:
            kept.append(part)
            said |= words
    return kept


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


def _cell(value, column_type: str, language: str) -> str:
    if value is None:
        return ""
    if column_type == "percent":
        return locales.percent(value, language)
    if column_type in ("integer", "decimal"):
        return locales.number(value, language)
    return str(value)


def _chart(dataset: Dataset, source: str, language: str) -> d.Chart:
    spec = dataset.chart
    columns = {c.id: (i, c) for i, c in enumerate(dataset.columns)}
    index = columns[spec.category][0]
    categories = tuple(str(row[index]) for row in dataset.rows)
    series = []
    for value_id in spec.values:
        at, column = columns[value_id]
        values = [row[at] or 0 for row in dataset.rows]
        series.append(d.Series(column.label, tuple(float(v) for v in values),
                               tuple(_cell(v, column.type, language) for v in values)))
    series = tuple(series)
    unit = "%" if all(columns[v][1].type == "percent" for v in spec.values) else dataset.unit
    return d.Chart(dataset.title, spec.type, categories, series, unit, spec.alt, source)
