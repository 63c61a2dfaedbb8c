"""`briefgen init DIR`: a small, valid starter project with a comment on every field.

The files are `starter/` in the package, copied as they are: the project they make is the one
the tests build and check with the real clients, so what a new user starts from always works.
"""
from __future__ import annotations

from pathlib import Path

from . import outputs
from .errors import UsageProblem

STARTER = Path(__file__).parent / "starter"
REQUIRED = ("content/briefing.yaml", "content/vocabulary.yaml", "templates/audiences/")  # the rest may go


def optional(relative: Path) -> bool:
    """Return True if a project may do without this starter file (the loader reads a missing
    list file as an empty list, and the theme, archives and recipients are extras)."""
    return not relative.as_posix().startswith(REQUIRED)


def files() -> list[Path]:
    """Return the starter project's files, relative to it, in a stable order."""
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def init(folder: Path) -> list[Path]:
    """Write the starter project into `folder`, which must be new or empty; return the files
    written, relative to it. Raise UsageProblem if `folder` is a file or holds anything."""
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"{folder} is a file; give briefgen init a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageProblem(f"{folder} is not empty; briefgen init writes a new project only into a "
                           "new or empty folder, so that it overwrites nothing")
    written = files()
    for relative in written:
        target = folder / relative
        outputs.make_folder(target.parent, folder)
        outputs.write_new(target, (STARTER / relative).read_bytes())
    return written
