"""The PDF page: A4 frame, marking banners, footer with "Page N of M", outline and contents.

A briefing may end with the trainer's part (the knowledge check's answers): pages of its own
under its banner (d.Answers.banner), numbered apart ("Trainer page 1 of 1"), so that the
briefing's "Page N of M" counts its own pages only and stays right once they are removed.
"""
from __future__ import annotations

import functools
import io

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from ...document import Heading, Meta
from ...theme import Theme
from .. import Layout
from .breaks import KeepStart
from .styles import colour, face, fonts, literal

# Binary streams: ASCII85 only makes files a quarter bigger, and is slow in pure Python.
rl_config.useA85 = 0

BANNER_MM = 9  # from the page edge to the marking's baseline
BANNER_STEP_MM = 5  # from the marking's baseline to the trainer's banner under it
FOOTER_MM = 13  # from the bottom edge to the footer's baseline; the marking has its own line below
TRAINER = "trainer"  # the page template of the trainer's part


class HeadingParagraph(Paragraph):
    """A heading's paragraph, carrying the heading for the outline and the contents."""

    def __init__(self, heading: Heading, style, hang_number: bool = False, shown=str):
        text = heading.text if hang_number else outline_title(heading)
        super().__init__(literal(shown(text)), style, bulletText=heading.number if hang_number else None)
        self.heading = heading

    def split(self, availWidth, availHeight):
        return []  # a heading moves to the next page whole, with its bookmark


class PartTitle(Paragraph):
    """The title of the trainer's part: a bookmark in the outline, not an entry in the contents
    (not a section of the briefing)."""

    def __init__(self, title: str, style):
        super().__init__(literal(title), style)
        self.part = title

    def split(self, availWidth, availHeight):
        return []


def page_size(theme: Theme) -> tuple[float, float]:
    """Return the page's width and height in points."""
    width, height = theme.page.mm
    return width * mm, height * mm


def outline_title(heading: Heading) -> str:
    """Return the heading as the outline and contents show it: "1.1 What experts say"."""
    return f"{heading.number} {heading.text}".strip()


class Briefing(BaseDocTemplate):
    """Dates the PDF by its issue, and adds each heading to the outline and the contents."""

    def __init__(self, filename, issued: str, **kwargs):
        super().__init__(filename, **kwargs)
        self.issued = issued  # YYYY[-MM[-DD]]
        self.sections: list[tuple[str, float]] = []
        self.heading_pages: list[int] = []
        self.end = 0.0

    def beforeDocument(self):
        self.outline_level = -1  # each layout pass starts a fresh outline
        self.sections, self.heading_pages, self.end = [], [], 0.0
        if self.issued:  # in place of the fixed date of invariant mode: still reproducible
            date = "D:" + self.issued.replace("-", "")
            self.canv.setDateFormatter(lambda *now: date)

    def at(self, y: float) -> float:
        """Return height `y` on the current page as pages from the top of the first text area."""
        frame = self.frame
        return self.page - 1 + (frame._y2 - y) / frame._height

    def afterFlowable(self, flowable):
        if self.frame is not None:  # None just after a page break
            self.end = self.at(self.frame._y)
        heading = getattr(flowable, "heading", None)
        part = getattr(flowable, "part", None)
        if not (heading or part):
            return
        key = f"h{self.seq.nextf('heading')}"
        title = outline_title(heading) if heading else part
        # An outline cannot skip a level, e.g. a document that opens with an H2.
        level = min(heading.level - 1, self.outline_level + 1) if heading else 0
        self.outline_level = level
        style = getattr(flowable, "style", None)  # a box drawn with its heading inside has none
        top = self.frame._y + flowable.height + (style.spaceAfter + style.spaceBefore if style else 0)
        if part or heading.level == 1:
            self.sections.append((title, self.at(top)))
        self.canv.bookmarkPage(key, fit="XYZ", top=top)
        self.canv.addOutlineEntry(title, key, level)
        if heading:  # the briefing's own sections only: the trainer's part is not among them
            self.heading_pages.append(self.page)
            if heading.in_contents:  # not front matter, which is on the contents' own page
                self.notify("TOCEntry", (level, literal(title), self.page, key))


class FooterCanvas(Canvas):
    """A canvas that learns the page count before it saves, for "Page N of M".

    Each page calls a form named for its number; the forms are drawn at save, when the
    count is known. Forms may be defined after use (reportlab's doForm), so the pages
    themselves are finished in one pass. The trainer's part, from page `trainer_from`, is
    numbered apart: the briefing's pages count only themselves.
    """

    def __init__(self, *args, footer, **kwargs):
        super().__init__(*args, **kwargs)
        self.footer = footer
        self.pages = 0
        self.trainer_from = 0  # the first page of the trainer's part; 0 when there is none

    def showPage(self):
        self.pages += 1
        super().showPage()

    def save(self):
        start = self.trainer_from or self.pages + 1
        for number in range(1, self.pages + 1):
            self.beginForm(f"footer{number}")
            if number < start:
                self.footer(self, number, start - 1)
            else:
                self.footer(self, number - start + 1, self.pages - start + 1, "Trainer page")
            self.endForm()
        super().save()


def build(meta: Meta, theme: Theme, story: list, contents: bool, banner: str = "") -> tuple[bytes, int, Layout]:
    """Return the PDF bytes of `story`, its page count and where its sections fall;
    `contents`: two passes for a TOC; `banner`: over the trainer's pages, if any."""
    out = io.BytesIO()
    width, height = page_size(theme)
    margin = theme.page.margin_mm * mm
    frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    furniture = functools.partial(_furniture, meta, theme)
    doc = Briefing(
        out, meta.issued, pagesize=(width, height), leftMargin=margin, rightMargin=margin,
        topMargin=margin, bottomMargin=margin,
        pageTemplates=[PageTemplate("page", [frame], onPage=furniture),
                       PageTemplate(TRAINER, [frame], onPage=functools.partial(furniture, trainer=banner))],
        title=meta.title, author=meta.author or meta.organisation, subject=meta.subject,
        creator=meta.organisation,  # the charity's file, not a tool's
        lang=meta.language, displayDocTitle=1, invariant=1,
        keepTogetherClass=KeepStart,
        initialFontName=fonts(theme.font)["regular"],
    )
    footer = functools.partial(_footer, meta, theme, width)
    canvasmaker = functools.partial(FooterCanvas, footer=footer)
    if contents:
        doc.multiBuild(story, canvasmaker=canvasmaker)
    else:
        doc.build(story, canvasmaker=canvasmaker)
    return out.getvalue(), doc.canv.pages, Layout(tuple(doc.sections), doc.end, tuple(doc.heading_pages))


def _furniture(meta: Meta, theme: Theme, canvas: Canvas, doc: BaseDocTemplate, trainer: str = "") -> None:
    """Draw the marking at the top and bottom of the page (and, on the trainer's pages, the
    trainer's banner under the top one), and call the page's footer form."""
    width, height = doc.pagesize
    style = theme.text.marking
    canvas.saveState()
    canvas.setFont(face(theme, style), style.size)
    canvas.setFillColor(colour(theme, style.colour))
    if meta.marking:
        for y in (height - BANNER_MM * mm, BANNER_MM * mm - style.size * 0.7):
            canvas.drawCentredString(width / 2, y, style.shown(meta.marking.upper()))
    if trainer:
        below = BANNER_STEP_MM if meta.marking else 0
        canvas.drawCentredString(width / 2, height - (BANNER_MM + below) * mm, style.shown(trainer.upper()))
        canvas.trainer_from = canvas.trainer_from or canvas.getPageNumber()
    canvas.restoreState()
    canvas.doForm(f"footer{canvas.getPageNumber()}")


def _footer(meta: Meta, theme: Theme, width: float, canvas: Canvas, number: int,
            pages: int, label: str = "Page") -> None:
    """Draw the footer: running title and date on the left, "Page N of M" (or the trainer's
    "Trainer page N of M") on the right."""
    margin = theme.page.margin_mm * mm
    style = theme.text.footer
    canvas.setFont(face(theme, style), style.size)
    canvas.setFillColor(colour(theme, style.colour))
    left = f"{meta.running_title or meta.title}  ·  {meta.date}"
    canvas.drawString(margin, FOOTER_MM * mm, left)
    canvas.drawRightString(width - margin, FOOTER_MM * mm, f"{label} {number} of {pages}")
