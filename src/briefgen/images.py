"""Images a project supplies (the theme's logo): inside the project, verified, capped, re-encoded.

An image is untrusted input: it could point outside the project, be a decompression bomb, be
truncated so a writer crashes half way, or carry metadata (text chunks, EXIF) into every
briefing. So it is opened with Pillow, checked against hard limits, decoded in full, and
written again as a plain PNG without metadata; the writers only ever see that copy.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

MAX_BYTES = 5_000_000
MAX_PIXELS = 4000 * 4000
FORMATS = ("PNG", "JPEG")


class ImageProblem(ValueError):
    """An image that cannot be used; the message says why, to follow the image's name."""


def clean_image(path: Path, root: Path) -> bytes:
    """Return a re-encoded PNG of the image at `path`; raise ImageProblem if unusable.

    `path` must lie inside `root` (after resolving symlinks), be at most MAX_BYTES, a PNG or
    JPEG of at most MAX_PIXELS pixels, and decode without error. The copy is kept in memory,
    not in a shared temporary folder where another user could plant a file under its name.
    """
    pixels = _decode(read_inside(path, root))
    out = io.BytesIO()
    pixels.save(out, format="PNG")
    return out.getvalue()


def read_inside(path: Path, root: Path) -> bytes:
    """Return the bytes of `path`; raise ImageProblem if it is outside `root`, missing or too big."""
    resolved = Path(os.path.realpath(path))
    if not resolved.is_relative_to(Path(os.path.realpath(root))):
        raise ImageProblem("is outside the project folder; copy it into the project")
    if not resolved.is_file():
        raise ImageProblem("does not exist")
    size = resolved.stat().st_size
    if size > MAX_BYTES:
        raise ImageProblem(f"is {size:,} bytes; the limit is {MAX_BYTES:,}")
    return resolved.read_bytes()


def _decode(data: bytes):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            if kind not in FORMATS:
                raise ImageProblem(f"is a {kind} image; use PNG or JPEG")
            if width * height > MAX_PIXELS:
                raise ImageProblem(f"is {width} x {height} pixels; the limit is {MAX_PIXELS:,} pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
            return image.convert(mode)
    except ImageProblem:
        raise
    except UnidentifiedImageError:
        raise ImageProblem("is not a PNG or JPEG image (Pillow cannot identify it)") from None
    except Image.DecompressionBombError:
        raise ImageProblem(f"has far more pixels than the limit of {MAX_PIXELS:,}") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"is damaged and cannot be decoded ({exc})") from None
