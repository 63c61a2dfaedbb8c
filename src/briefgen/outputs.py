"""The output folder: atomic writes, one build at a time, and the manifest of what is current.

A file is written to a temporary sibling, fsynced and renamed over the old one, so a build
killed at any moment leaves each output as its old or its new version, never a mix. A lock
file keeps two builds from interleaving in one folder. The manifest records, per output, the
hash of everything it was made from, so unchanged outputs are not rebuilt.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
from pathlib import Path

from .errors import BriefgenError, UsageProblem

MANIFEST = ".briefgen-manifest.json"
LOCK = ".briefgen.lock"
TEMP_GLOB = ".*.tmp"
_UMASK = os.umask(0o22)
os.umask(_UMASK)


def safe_child(folder: Path, *parts: str) -> Path:
    """Return folder/parts..., refusing any path that would land outside `folder`."""
    base = folder.resolve()
    path = base.joinpath(*parts).resolve()
    if base not in path.parents:
        raise UsageProblem(f"refusing to write '{'/'.join(parts)}' outside {folder}")
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers only ever see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def locked(folder: Path):
    """Hold the folder's build lock; raise BriefgenError if another build holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            raise BriefgenError(f"another build (pid {owner}) is writing to {folder}; "
                                "wait for it to finish or choose another --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def sweep(folder: Path) -> int:
    """Remove temporary files left by an interrupted build; return how many."""
    stale = list(folder.rglob(TEMP_GLOB))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Manifest:
    """What each output in the folder was made from: {relative path: {inputs, sha256}}."""

    def __init__(self, folder: Path):
        self.folder = folder
        try:
            self.entries: dict[str, dict] = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def current(self, path: Path, inputs: str) -> bool:
        """Return True if `path` exists, unchanged, and was made from `inputs`."""
        entry = self.entries.get(self._key(path))
        if not entry or entry.get("inputs") != inputs:
            return False
        try:
            return digest(path.read_bytes()) == entry.get("sha256")
        except OSError:
            return False

    def record(self, path: Path, inputs: str, sha256: str) -> None:
        self.entries[self._key(path)] = {"inputs": inputs, "sha256": sha256}

    def save(self) -> None:
        text = json.dumps(self.entries, indent=1, sort_keys=True)
        atomic_write(self.folder / MANIFEST, text.encode("utf-8"))

    def _key(self, path: Path) -> str:
        return path.resolve().relative_to(self.folder.resolve()).as_posix()
