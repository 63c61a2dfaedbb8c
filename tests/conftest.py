"""Fixture projects under tests/projects/, copied into a temporary folder for each test."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

PROJECTS = Path(__file__).parent / "projects"
REPO = Path(__file__).parent.parent


class ProjectCopy:
    def __init__(self, root: Path):
        self.root = root

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace `old` (which must occur) with `new` in one file of the project."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def pytest_configure(config):
    """Keep drawn charts out of the user's cache folder (subprocesses inherit this too)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="briefgen-test-cache-")


@pytest.fixture
def project(tmp_path: Path):
    """Return a function that copies a fixture project (default: minimal) and returns it."""

    def make(name: str = "minimal") -> ProjectCopy:
        root = tmp_path / name
        shutil.copytree(PROJECTS / name, root)
        return ProjectCopy(root)

    return make


SHIPPED = ("content", "templates", "sources")  # the shipped project: its content, profiles and archives


def copy_shipped(root: Path) -> Path:
    """Return `root`, holding a copy of the shipped project."""
    for folder in SHIPPED:
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def shipped(tmp_path: Path) -> ProjectCopy:
    """Return a copy of the shipped project (content/, templates/ and the archived sources/)."""
    return ProjectCopy(copy_shipped(tmp_path / "shipped"))
