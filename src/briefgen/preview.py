"""`briefgen preview`: each briefing's PDF pages drawn as PNG images with PDFium (pypdfium2,
which the preflight reads PDFs with), and a contact sheet of all its pages side by side.

The images go to OUT/.preview/<audience>/, inside the output folder and never through a
symbolic link; the audit and the preflight skip that folder. The PDFs are brought up to date
first by an ordinary incremental build, so a preview is always of the current content.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs

FOLDER = ".preview"
DPI = 110
THUMB_WIDTH = 300  # pixels of one page on the contact sheet
COLUMNS = 4
GAP = 16
BACKGROUND = (221, 224, 227)


@dataclass
class Preview:
    briefings: list[tuple[Path, list[Path]]] = field(default_factory=list)  # (contact sheet, pages)
    warnings: list = field(default_factory=list)  # the build's


def preview(root: Path, out: Path, audiences: tuple[str, ...] | None = None, dpi: int = DPI) -> Preview:
    """Build the PDFs of `audiences` (default: all) if they are not up to date, draw their
    pages into OUT/.preview/<audience>/ and return what was written."""
    from .build import build

    summary = build(root, out, audiences, ("pdf",))
    result = Preview(warnings=summary.warnings)
    names = audiences or tuple(sorted(p.stem for p in (root / "templates" / "audiences").glob("*.yaml")))
    with outputs.locked(out):
        for audience in names:
            data = outputs.read_regular(outputs.safe_child(out, audience, f"{audience}.pdf"))
            if data is None:
                raise outputs.OutputError(f"{out / audience / audience}.pdf is missing or a symbolic link")
            images = pages(data, dpi)
            folder = outputs.safe_child(out, FOLDER, audience)
            outputs.make_folder(folder, out)
            written = [folder / f"{audience}-page-{n}.png" for n in range(1, len(images) + 1)]
            for path, image in zip(written, images):
                _replace(path, _png(image))
            sheet = folder / f"{audience}-pages.png"
            _replace(sheet, _png(contact_sheet(images)))
            _sweep(folder, {sheet, *written})
            result.briefings.append((sheet, written))
    return result


def pages(data: bytes, dpi: int = DPI) -> list:
    """Return every page of the PDF `data` as a PIL image at `dpi` dots per inch."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def contact_sheet(images: list):
    """Return the pages side by side, COLUMNS to a row, each THUMB_WIDTH wide, with a gap."""
    from PIL import Image

    width = THUMB_WIDTH
    height = max(round(i.height * width / i.width) for i in images)
    columns = min(COLUMNS, len(images))
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (GAP + columns * (width + GAP), GAP + rows * (height + GAP)), BACKGROUND)
    for index, image in enumerate(images):
        thumb = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        row, column = divmod(index, columns)
        sheet.paste(thumb, (GAP + column * (width + GAP), GAP + row * (height + GAP)))
    return sheet


def _png(image) -> bytes:
    data = io.BytesIO()
    image.save(data, format="PNG", optimize=False)
    return data.getvalue()


def _replace(path: Path, data: bytes) -> None:
    """Write `data` over `path`: to a new temporary file, then renamed, so no link is followed."""
    temporary = path.with_name(f".{path.name}.tmp")  # outputs.TEMP_GLOB: swept if left behind
    temporary.unlink(missing_ok=True)
    outputs.write_new(temporary, data)
    try:
        os.replace(temporary, path)
    except OSError as exc:
        raise outputs.failure(exc, path) from None


def _sweep(folder: Path, keep: set[Path]) -> None:
    """Remove the pages of an earlier, longer preview."""
    for old in folder.glob("*.png"):
        if old not in keep:
            old.unlink()  # a link is removed itself, never what it points to
