"""Markdown in content text: inline emphasis and links (and, in prose, paragraphs and bullets).

markdown-it-py does the parsing, with HTML and every other rule off, so anything that is not
emphasis, a link or a backslash escape stays literal text. The result is the document model's
`Run`s, which each writer escapes for its own format.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .document import Run, Text

LINK_SCHEMES = ("https://", "mailto:")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]()<>#!|~{}&+\-.])")


class LinkError(ValueError):
    """A link whose target is not https: or mailto:."""


@lru_cache(maxsize=None)
def _parser(blocks: bool):
    from markdown_it import MarkdownIt

    rules = ["emphasis", "link", "escape", "newline"] + (["list"] if blocks else [])
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False}).enable(rules)
    md.validateLink = lambda url: True  # we check the scheme ourselves, with a clear message
    md.normalizeLink = lambda url: url
    return md


@lru_cache(maxsize=8192)  # a batch of personalised briefings parses the same texts again and again
def parse(text: str) -> Text:
    """Return the runs of one inline-Markdown string; raise LinkError for a bad link."""
    tokens = _parser(False).parseInline(text)
    return _runs(tokens[0].children or []) if tokens else ()


def paragraphs(text: str) -> tuple[Text, ...]:
    """Return the paragraphs of `text` (blank-line separated), each parsed inline."""
    parts = (p.strip() for p in re.split(r"\n\s*\n", text))
    return tuple(parse(p) for p in parts if p)


@lru_cache(maxsize=8192)
def blocks(text: str) -> tuple[tuple[str, object], ...]:
    """Return ("paragraph", Text), ("bullets", (Text, ...)) and ("numbers", (Text, ...))
    blocks of a prose text."""
    out: list[tuple[str, object]] = []
    for token in _parser(True).parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            out.append(("bullets" if token.type == "bullet_list_open" else "numbers", []))
        elif token.type == "inline":
            runs = _runs(token.children or [])
            if out and out[-1][0] in ("bullets", "numbers") and token.level > 1:
                out[-1][1].append(runs)
            else:
                out.append(("paragraph", runs))
    return tuple((kind, tuple(body) if kind != "paragraph" else body) for kind, body in out)


def escape(value: object) -> str:
    """Return `value` as Markdown that reads back as exactly its text."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(value))


def _runs(children) -> Text:
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for tok in children:
        if tok.type == "text":
            runs.append(Run(tok.content, bold > 0, italic > 0, link))
        elif tok.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0, link))
        elif tok.type == "strong_open":
            bold += 1
        elif tok.type == "strong_close":
            bold -= 1
        elif tok.type == "em_open":
            italic += 1
        elif tok.type == "em_close":
            italic -= 1
        elif tok.type == "link_open":
            link = str(tok.attrs.get("href", ""))
            if not link.startswith(LINK_SCHEMES):
                raise LinkError(f"link target '{link}' must start with https:// or mailto:")
        elif tok.type == "link_close":
            link = None
    return _merge(runs)


def _merge(runs: list[Run]) -> Text:
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.link)
        elif run.text:
            merged.append(run)
    return tuple(merged)
