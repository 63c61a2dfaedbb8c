"""The cache folder shared by every build: drawn charts and font subsets, kept between runs.

It only saves time, so a folder that cannot be written is passed over. Entries are read
without following symbolic links and written atomically, so neither a planted link nor a
parallel build can put another file's bytes into a briefing.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def folder() -> Path:
    """Return the cache folder: `$BRIEFGEN_CACHE`, else `$XDG_CACHE_HOME/briefgen`, else
    `~/.cache/briefgen`."""
    if os.environ.get("BRIEFGEN_CACHE"):
        return Path(os.environ["BRIEFGEN_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefgen"


def read(path: Path) -> bytes | None:
    """Return the cached bytes at `path`, or None if there are none (or it is a link)."""
    from .outputs import read_regular

    return read_regular(path)


def store(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, so a parallel build never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except OSError:
        pass
