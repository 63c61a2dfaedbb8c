"""Pages made to pass or break the layout preflight, drawn with reportlab's canvas directly.

A `Drawing` lays out text line by line from the top of the theme's text area, like a writer
would, so that a test can put exactly one fault on an otherwise clean page.
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from briefgen import theme
from briefgen.preflight import check_pdf

THEME = theme.default()
MARGIN = THEME.page.margin_mm * 72 / 25.4
BODY = THEME.text.body.size
LEADING = THEME.text.body.line
WIDTH, HEIGHT = A4
# Lines of 60-70 characters, inside the shipped measure of 75.
WORDS = ("Reports of AI child sexual abuse material rose again this year, and "
         "analysts assessed more of them as realistic than in any year before. "
         "Most images were found on one forum, where users shared models and "
         "advice on evading detection by the platforms and by the police. ")


def _register() -> dict[str, str]:
    names = {"regular": "PfNoto", "bold": "PfNoto-Bold"}
    for face, name in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(getattr(THEME.font, face))))
    return names


def sentences(count: int) -> list[str]:
    """Return `count` lines of body text, each about 65 characters, cut at words."""
    words, lines, line = (WORDS * (count // 4 + 2)).split(), [], ""
    while len(lines) < count:
        word = words.pop(0)
        if len(line) + len(word) + 1 > 68:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines


class Drawing:
    """A PDF drawn line by line down the theme's text area, with a footer on every page."""

    def __init__(self, footer: bool = True, marking: float | None = None):
        """`marking`: the baseline of an OFFICIAL-SENSITIVE marking under the footer, if any."""
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1)
        self.fonts = _register()
        self.footer = footer
        self.marking = marking
        self.y = HEIGHT - MARGIN - BODY

    def line(self, text: str, size: float = BODY, bold: bool = False, x: float = MARGIN,
             font: str | None = None) -> Drawing:
        """Draw one line at the current position and move down by a line's leading."""
        self.canvas.setFont(font or self.fonts["bold" if bold else "regular"], size)
        self.canvas.drawString(x, self.y, text)
        self.y -= size * THEME.text.body.leading
        return self

    def at(self, x: float, y: float, text: str, size: float = BODY, bold: bool = False) -> Drawing:
        """Draw `text` with its baseline at (x, y), leaving the current position alone."""
        self.canvas.setFont(self.fonts["bold" if bold else "regular"], size)
        self.canvas.drawString(x, y, text)
        return self

    def row(self, cells: tuple[str, ...], bold: bool = False) -> Drawing:
        """Draw a table row of three cells at the current position, and move down a line."""
        for x, cell in zip((MARGIN, 300, 420), cells):
            self.at(x, self.y, cell, BODY - 1, bold)
        self.y -= LEADING
        return self

    def paragraph(self, lines: list[str], **style) -> Drawing:
        """Draw `lines` as a paragraph: its last line ends with a full stop, then a gap."""
        for text in lines:
            self.line(text, **style)
        self.y -= BODY * 0.6
        return self

    def heading(self, text: str, size: float = THEME.text.h1.size) -> Drawing:
        self.y -= BODY * 0.8
        self.line(text, size=size, bold=True)
        return self

    def fill(self, down_to: float, lines: int = 4) -> Drawing:
        """Draw paragraphs of `lines` lines until the next line would sit below `down_to`."""
        while self.y - LEADING * lines > down_to:
            body = sentences(lines)
            body[-1] = body[-1][:30].rstrip() + "."
            self.paragraph(body)
        return self

    def page(self) -> Drawing:
        """End the page (with its footer) and start the next at the top of the text area."""
        if self.footer:
            self.canvas.setFont(self.fonts["regular"], THEME.text.note.size)
            self.canvas.drawString(MARGIN, 13 * 72 / 25.4, "A test briefing on AI child sexual abuse material  ·  2 September 2024")
            number = self.canvas.getPageNumber()
            self.canvas.drawRightString(WIDTH - MARGIN, 13 * 72 / 25.4, f"Page {number}")
        if self.marking is not None:
            self.canvas.setFont(self.fonts["bold"], BODY)
            self.canvas.drawCentredString(WIDTH / 2, self.marking, "OFFICIAL-SENSITIVE")
        self.canvas.showPage()
        self.y = HEIGHT - MARGIN - BODY
        return self

    def pdf(self) -> bytes:
        self.page()
        self.canvas.save()
        return self.buffer.getvalue()


def faults(data: bytes, with_theme=THEME) -> list:
    return check_pdf(data, "test.pdf", with_theme)


def rules(data: bytes, with_theme=THEME) -> list[tuple[int, str]]:
    """Return (page, rule) of every fault the preflight finds in `data`."""
    return [(f.page, f.rule) for f in faults(data, with_theme)]
