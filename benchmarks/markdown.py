"""A briefgen Document as pandoc Markdown: the same briefing for the pandoc peer to convert.

Usage: python benchmarks/markdown.py OUTDIR [--project DIR] [-a AUDIENCE] [--recipients CSV]

Every block keeps its content: headings (with numbers), paragraphs (their role as a pandoc
`custom-style`, as briefgen's DOCX writer styles them), lists, the key points box, stat
callouts, findings, quotes with attribution, recommendations with progress, tables with their
caption and source, charts as the PNG briefgen draws, glossary, references and the title block.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from briefgen import document as d

PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:;\"'=%/,?])")  # pandoc lets any be escaped


def escape(text: str) -> str:
    """Return `text` as literal Markdown text: every ASCII punctuation mark backslash-escaped."""
    escaped = PUNCTUATION.sub(r"\\\1", text)
    return escaped.replace("\n", "\\\n")  # a hard line break, as in a contact block


def runs(text: d.Text) -> str:
    """Return the runs of `text` as inline Markdown: emphasis, strong emphasis and links."""
    out = []
    for run in text:
        if not run.text:
            continue
        inner = escape(run.text)
        if run.bold and run.italic:
            inner = f"***{inner}***"
        elif run.bold:
            inner = f"**{inner}**"
        elif run.italic:
            inner = f"*{inner}*"
        if run.link:
            inner = f"[{inner}](<{run.link}>)"
        out.append(inner)
    return "".join(out)


def styled(style: str, body: str) -> str:
    """Return `body` in a fenced div that pandoc's DOCX writer gives the paragraph style `style`."""
    return f'::: {{custom-style="{style}"}}\n{body}\n:::'


def _bullets(items) -> str:
    return "\n".join(f"- {runs(item)}" for item in items)


def heading(b: d.Heading, _) -> str:
    text = f"{b.number} {b.text}" if b.number else b.text
    return ("\\newpage\n\n" if b.page_break else "") + f"{'#' * b.level} {escape(text)}"


def paragraph(b: d.Paragraph, _) -> str:
    text = runs(b.text)
    return text if b.role == "body" else styled(b.role.title(), text)


def bullet_list(b: d.BulletList, _) -> str:
    if b.numbered:
        return "\n".join(f"{n}. {runs(item)}" for n, item in enumerate(b.items, 1))
    return _bullets(b.items)


def content_note(b: d.ContentNote, _) -> str:
    return styled("Content Note", f"**Content note:** {runs(b.text)}")


def key_points(b: d.KeyPoints, _) -> str:
    return styled("Key Points", f"**{escape(b.title)}**\n\n{_bullets(b.items)}")


def stats(b: d.Stats, _) -> str:
    cells = [f"**{escape(s.value)}**\\\n{escape(s.label)}\\\n{escape(s.source)}" for s in b.items]
    return "\n\n".join(styled("Stat", cell) for cell in cells)


def finding(b: d.Finding, _) -> str:
    head = [styled("Finding Headline", runs(b.headline))] if b.headline else []
    return "\n\n".join([*head, *(runs(p) for p in b.paragraphs)])


def quote(b: d.Quote, _) -> str:
    return f"> {runs(b.text)}\n>\n> --- {escape(b.attribution)}"


def quote_group(b: d.QuoteGroup, _) -> str:
    return "\n\n".join([f"**{escape(b.label)}**", *(quote(q, _) for q in b.quotes)])


def recommendation(b: d.Recommendation, _) -> str:
    parts = ([styled("Addressee", escape(b.addressee))] if b.addressee else []) + [
        f"**{escape(b.title)}.** {runs(b.text)}"]
    parts += [styled("Note", runs(b.based_on))] if b.based_on else []
    parts += [_bullets(b.evidence)] if b.evidence else []
    parts += [f"**Regulation:** {runs(b.regulation)}"] if b.regulation else []
    if b.status:
        when = ", ".join(p for p in (b.status, b.progress_date) if p)
        parts.append(f"**Progress: {escape(when)}.** {runs(b.progress)}".rstrip())
    return "\n\n".join(parts)


def table(b: d.Table, _) -> str:
    cell = lambda text: escape(text) or " "
    rows = [" | ".join(cell(c.label) for c in b.columns),
            " | ".join("---:" if c.numeric else ":---" for c in b.columns),
            *(" | ".join(cell(v) for v in row) for row in b.rows)]
    out = "\n".join(f"| {row} |" for row in rows) + f"\n\n: {escape(b.caption)}"
    return out + (f"\n\n{styled('Source', escape(b.source))}" if b.source else "")


def chart(b: d.Chart, images) -> str:
    path = images(b) if images else None
    if path is None:  # no picture: the data it draws, as a table
        columns = (d.Column(""),) + tuple(d.Column(s.name, True) for s in b.series)
        rows = tuple((c, *(f"{s.values[i]:,g}" for s in b.series)) for i, c in enumerate(b.categories))
        return table(d.Table(b.caption, columns, rows, b.source), None)
    picture = f"![{escape(b.caption)}](<{path}>){{width=100%}}"
    return picture + (f"\n\n{styled('Source', escape(b.source))}" if b.source else "")


def asks_table(b: d.AsksTable, _) -> str:
    columns = (d.Column("Ask"), d.Column("Status"), d.Column("As of"))
    return table(d.Table(b.caption, columns, tuple((a.ask, a.status, a.as_of) for a in b.rows), b.source), None)


def notice(b: d.Notice, _) -> str:
    body = [runs(p.text) if isinstance(p, d.Paragraph) else bullet_list(p, None) for p in b.body]
    return styled("Notice", "\n\n".join(([f"**{escape(b.title)}**"] if b.title else []) + body))


def questions(b: d.Questions, _) -> str:
    return "\n".join(f"{n}. {runs(item)}" for n, item in enumerate(b.items, 1))


def answers(b: d.Answers, _) -> str:
    return "\n\n".join(f"{n}. **{runs(q)}**\n\n    {runs(a)}" for n, (q, a) in enumerate(b.items, 1))


def document_control(b: d.DocumentControl, _) -> str:
    return table(d.Table("Document control", (d.Column(""), d.Column("")), b.rows), None)


def glossary(b: d.Glossary, _) -> str:
    return "\n\n".join(f"{escape(e.term)}\n\n:   {runs(e.definition)}" for e in b.entries)


def references(b: d.References, _) -> str:
    items = []
    for r in b.items:
        link = f" <{r.url}>" if r.url else ""
        items.append(f"{r.number}. {escape(r.text)}{link}")
    return "\n".join(items)


WRITERS = {d.Heading: heading, d.Paragraph: paragraph, d.BulletList: bullet_list,
           d.ContentNote: content_note, d.KeyPoints: key_points, d.Stats: stats, d.Finding: finding,
           d.Quote: quote, d.QuoteGroup: quote_group, d.Recommendation: recommendation, d.Table: table, d.Chart: chart,
           d.Glossary: glossary, d.References: references, d.AsksTable: asks_table, d.Notice: notice,
           d.Questions: questions, d.Answers: answers, d.DocumentControl: document_control}
assert set(WRITERS) == set(d.BLOCK_TYPES), "a block type has no Markdown form"


def metadata(meta: d.Meta) -> str:
    """Return the YAML title block: JSON strings are YAML, and pandoc reads each as Markdown."""
    fields = {"title": meta.title, "subtitle": meta.subtitle, "author": meta.author,
              "date": meta.date, "lang": meta.language, "subject": meta.subject}
    lines = [f"{key}: {json.dumps(escape(value))}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---"


def to_markdown(document: d.Document, images=None) -> str:
    """Return `document` as pandoc Markdown; `images(chart)` gives a chart's PNG path, or None."""
    meta = document.meta
    parts = [metadata(meta)]
    if meta.marking:
        parts.append(styled("Marking", f"**{escape(meta.marking)}**"))
    parts.append(styled("Note", f"{escape(meta.organisation)}, {escape(meta.audience)}, version {escape(meta.version)}"))
    if meta.handling_note:
        parts.append(styled("Note", runs(meta.handling_note)))
    parts += [WRITERS[type(block)](block, images) for block in document.blocks]
    return "\n\n".join(parts) + "\n"


def chart_images(folder: Path, theme):
    """Return an `images` function that draws each chart once with briefgen into `folder`."""
    from briefgen import charts

    def images(chart: d.Chart) -> str:
        path = folder / f"{charts.cache_key(chart, theme)}.png"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(charts.png(chart, theme))
        return str(path)

    return images


def write_all(project: Path, out: Path, audiences: tuple[str, ...] = (),
              recipients: Path | None = None) -> list[Path]:
    """Write one Markdown file per briefing (per audience, or per audience and recipient row)."""
    from briefgen.load import load
    from briefgen.plan import plan
    from briefgen.select import select

    loaded = load(project)
    people = [None]
    if recipients is not None:
        from briefgen.recipients import read

        people, _ = read(recipients)  # its problems are the build's to report
    images = chart_images(out / "charts", loaded.theme)
    written = []
    for audience_id in audiences or tuple(loaded.audiences):
        selection = select(loaded.content, loaded.audiences[audience_id])
        folder = out / audience_id
        folder.mkdir(parents=True, exist_ok=True)
        for person in people:
            document = plan(selection, person.fields if person else None)
            path = folder / f"{person.slug if person else audience_id}.md"
            path.write_text(to_markdown(document, images), encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write the .md files into")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("-a", "--audience", action="append", default=[], help="repeatable; default: all")
    parser.add_argument("--recipients", type=Path, help="a recipients CSV: one file per row")
    args = parser.parse_args()
    written = write_all(args.project, args.out, tuple(args.audience), args.recipients)
    print(f"wrote {len(written)} Markdown files to {args.out}")


if __name__ == "__main__":
    main()
