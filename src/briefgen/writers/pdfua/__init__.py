"""The tagged PDF/UA-1 edition: a Document typeset by Typst (the `typst` package from PyPI),
which writes the structure tree, the alt text and the PDF/UA identifier itself.

The document and the theme go to the Typst template (`briefing.typ`) as one JSON file, so
content is data there, never markup. Typst refuses a document that PDF/UA-1 forbids (a
picture without alt text, a skipped heading level); that is reported as the briefing's
error. Why Typst, and not WeasyPrint or LibreOffice: docs/architecture.md.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import tempfile
from pathlib import Path

from ... import charts
from ... import document as d
from ...errors import BriefgenError
from ...theme import Theme
from .. import WHOLE_SHARE, Output, column_widths, in_text_column, quote_gap
from . import engine

NAME = "pdf-ua"
SUFFIX = ".accessible.pdf"
TEMPLATE = Path(__file__).parent / "briefing.typ"
STANDARD = "ua-1"


class AccessibilityError(BriefgenError):
    """Typst refused the briefing as PDF/UA-1 (e.g. a chart without alt text)."""

    exit_code = 2

    def __reduce__(self):  # raised in render workers: it crosses back to the parent pickled
        return type(self), (self.message,)


def render(document: d.Document, theme: Theme) -> Output:
    """Return the tagged PDF/UA-1 of `document` and its page count; raise AccessibilityError
    when Typst finds it cannot be PDF/UA-1, or BriefgenError when Typst is not installed."""
    return Output(*typeset(document, theme, (STANDARD,)))


def typeset(document: d.Document, theme: Theme, standards: tuple[str, ...]) -> tuple[bytes, int]:
    """Return the PDF of `document` tagged, claiming `standards` ("ua-1"; none for a tagged PDF
    Typst does not check, as the tests build to show what our own check catches)."""
    folders = tuple(sorted({str(path.parent) for path in theme.font.faces().values()}))
    with tempfile.TemporaryDirectory(prefix="briefgen-typst-") as folder:
        root = Path(folder)
        data = _data(document, theme, root)
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        try:
            pdf = engine.compile_pdf(folders, TEMPLATE.read_bytes(), str(root), standards,
                                     _timestamp(document.meta))
        except ImportError:
            raise BriefgenError("the tagged PDF (format pdf-ua) needs the 'typst' package, which "
                                "installs with briefgen: pip install typst") from None
        except engine.TypstFailure as exc:
            hints = "; ".join(exc.hints)
            raise AccessibilityError(f"the tagged PDF of '{document.meta.title}' cannot be made: "
                                     f"{exc.message}" + (f" ({hints})" if hints else "")) from None
    return pdf, _pages(pdf)


def _timestamp(meta: d.Meta) -> datetime.datetime:
    """Return the issue date as the PDF's creation date: the same briefing, the same bytes."""
    parts = [int(p) for p in meta.issued.split("-")] if meta.issued else [2000]
    year, month, day = (parts + [1, 1])[:3]
    return datetime.datetime(year, month, day, tzinfo=datetime.timezone.utc)


def _pages(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _data(document: d.Document, theme: Theme, root: Path) -> dict:
    """Return what the template draws: the theme, the metadata and every block as JSON, each
    block with its type's name; charts are written into `root` as the PNGs every writer draws.
    Texts in a style set in capitals are given as the print shows them (`TextStyle.shown`:
    "MPs" stays "MPs"), and marked to be set as written."""
    language, _, region = document.meta.language.partition("-")
    logo = None
    if theme.logo_png:
        (root / "logo.png").write_bytes(theme.logo_png)
        logo = "logo.png"
    blocks = []
    text = theme.text
    for index, block in enumerate(document.blocks):
        item = _json(block)
        following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
        item["space_after"] = not isinstance(following, d.Heading)  # a heading has its own space above
        if isinstance(block, d.Table):
            item["in_column"] = in_text_column(block.columns)
            across = (theme.page.frame_mm - theme.page.indent_mm if item["in_column"] else theme.page.frame_mm) * 72 / 25.4
            item["widths"] = [w / across for w in column_widths(block, theme, across)]  # shares of it
        elif isinstance(block, d.AsksTable):
            item["widths"] = list(ASKS_WIDTHS)
        elif isinstance(block, d.Chart):
            item["picture"] = f"chart-{index}.png"
            (root / item["picture"]).write_bytes(charts.png(block, theme))
        elif isinstance(block, d.Recommendation):
            # Every label in the side column, as the HTML hangs it: a long one on two lines
            # there (the review: labels in the main column read as a different component).
            item["addressee"] = text.label.shown(block.addressee)  # in the case the print shows
            item["addressee_beside"] = item["addressee"] if theme.page.side_mm else ""
            item["addressee_as_written"] = True
            item["progress_line"] = _json(d.progress_line(block))
        blocks.append(item)
    meta = _json(document.meta) | {"kicker": text.kicker.shown(document.meta.kicker), "kicker_as_written": True,
                                   "marking": text.marking.shown(document.meta.marking), "marking_as_written": True}
    return {"theme": theme.model_dump(mode="json", exclude={"logo", "logo_png"}), "meta": meta,
            "blocks": blocks, "lang": language.lower(), "region": region.upper() or None, "logo": logo,
            "trainer_banner": document.answers.banner if document.answers else "", "whole_share": WHOLE_SHARE, "quote_gap": quote_gap(theme),
            **_contents_at(document, theme),
            "text_height_mm": theme.page.mm[1] - 2 * theme.page.margin_mm, "text_width_mm": theme.page.frame_mm}


def _contents_at(document: d.Document, theme: Theme) -> dict:
    """Return where the print has its contents list (writers/pdf.contents_at), none if it has
    none, and the block that starts the page after it, as "contents_at" and "contents_end":
    the tagged PDF has the same, so its pages and the print's agree."""
    from ..pdf import after_contents, contents_at, has_contents

    if not has_contents(document, theme):
        return {"contents_at": None, "contents_end": None}
    at = contents_at(document, theme)
    return {"contents_at": at, "contents_end": after_contents(document, at) if at else None}


ASKS_WIDTHS = (0.62, 0.24, 0.14)  # ask, status, as of: the print's shares of the page


def _json(value):
    """Return `value` (a block, a run, text) as JSON data, each dataclass with its type's
    name as "type"."""
    if dataclasses.is_dataclass(value):
        fields = {f.name: _json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"type": type(value).__name__, **fields}
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value
