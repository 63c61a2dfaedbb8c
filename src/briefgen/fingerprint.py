"""Hashes of everything an output is made from, computed from raw bytes without parsing.

A no-op build compares these with the manifest and stops, before the loader, the
validation stack or any writer is imported.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).parent
SHARED = ("content", "assets", "sources")  # folders every output of a project depends on
# A source's `archive:` outside sources/ (the audit and the checks read it); found without parsing.
ARCHIVE = re.compile(r"""^\s*archive:\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$""", re.MULTILINE)


def _hash_files(digest, root: Path, paths) -> None:
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


@lru_cache(maxsize=1)
def package() -> str:
    """Return a hash of briefgen itself: its code, theme and fonts.

    By name, size and modification time: an installed package changes only by being
    rewritten, and reading its 2 MB of fonts would cost a no-op build a quarter of its time.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def project(root: Path) -> str:
    """Return a hash of the project files every audience shares (content, assets, theme)."""
    digest = hashlib.sha256(package().encode())
    files = [p for folder in SHARED if (root / folder).is_dir()
             for p in (root / folder).rglob("*") if p.is_file()]
    files += [root / "theme.yaml"] if (root / "theme.yaml").is_file() else []
    files += _archives(root, set(files))
    _hash_files(digest, root, files)
    return digest.hexdigest()


def _archives(root: Path, known: set[Path]) -> list[Path]:
    """Return the archive files content/sources.yaml names, with their sidecars, that lie inside
    the project and are not hashed already (a bad one is the checks' to report)."""
    path = root / "content" / "sources.yaml"
    named = ARCHIVE.findall(path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else []
    real_root = os.path.realpath(root)
    found = []
    for relative in named:
        stem, _ = os.path.splitext(relative)
        for candidate in (root / relative, root / f"{stem}.sections.yaml"):
            inside = os.path.realpath(candidate).startswith(real_root + os.sep)
            if inside and candidate.is_file() and not candidate.is_symlink() and candidate not in known:
                found.append(candidate)
    return found


def output(shared: str, audience_file: Path, fmt: str, recipient: dict | None = None) -> str:
    """Return the hash one output is made from: shared inputs, its audience, format, recipient."""
    digest = hashlib.sha256(shared.encode())
    digest.update(audience_file.read_bytes())
    digest.update(fmt.encode())
    if recipient is not None:
        digest.update(repr(sorted(recipient.items())).encode())
    return digest.hexdigest()
