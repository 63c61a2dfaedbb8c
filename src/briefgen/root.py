"""Finding the project a command works on: the nearest folder, from here upward, that holds
content/ and templates/audiences/, as git finds its repository from any folder inside it."""
from __future__ import annotations

from pathlib import Path

from .errors import UsageProblem

MARKERS = ("content", "templates/audiences")


def is_project(folder: Path) -> bool:
    """Return True if `folder` holds a briefgen project."""
    return all((folder / marker).is_dir() for marker in MARKERS)


def find(start: Path) -> Path:
    """Return the project folder `start` is in (it, or the nearest folder above it); raise
    UsageProblem naming `start` when there is none."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise UsageProblem(f"no briefgen project in {start} or any folder above it (a project holds "
                       "content/ and templates/audiences/); run briefgen inside one, or name it with "
                       "--project DIR")
