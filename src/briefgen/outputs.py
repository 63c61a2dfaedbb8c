"""The output folder: one build at a time, staged writes published together, and the manifest.

A build writes every file into a staging folder inside OUT first; only when all of them are
rendered and audited does it publish them, renaming each over its old version after writing a
journal of the renames. So a build that fails, or is killed while rendering, leaves OUT as it
was; one killed while publishing is completed from the journal by the next build. No file
briefgen opens for writing follows a symbolic link (O_NOFOLLOW, or O_EXCL for new files), and
every OS error becomes one clear message. The lock belongs to the building process alone:
workers close their inherited copy, so a killed build never keeps the folder locked.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import itertools
import json
import os
import shutil
from pathlib import Path

from .errors import BriefgenError, UsageProblem

MANIFEST = ".briefgen-manifest.json"
LOCK = ".briefgen.lock"
STAGING = ".briefgen-staging"
JOURNAL = "publish.json"
TEMP_GLOB = ".*.tmp"  # temporary files of briefgen before 0.2, swept when found
_UMASK = os.umask(0o22)
os.umask(_UMASK)
_held: list[int] = []  # lock file descriptors this process holds, for forked workers to close


class OutputError(BriefgenError):
    """The output folder cannot be written; the message says what failed and what was kept."""

    exit_code = 1


def failure(exc: OSError, path: Path, kept: str = "previous outputs are untouched") -> OutputError:
    """Return the error to show for `exc` while writing `path`: 'no space left on device while
    writing OUT/x.pdf; previous outputs are untouched'."""
    reason = (exc.strerror or str(exc)).lower() if not isinstance(exc, FileExistsError) else "file exists"
    if exc.errno == errno.ELOOP:
        reason = "it is a symbolic link, which briefgen never writes through"
    return OutputError(f"{reason} while writing {path}; {kept}")


def safe_child(folder: Path, *parts: str) -> Path:
    """Return folder/parts..., refusing any path that would land outside `folder`, and any
    that passes through a symbolic link below it."""
    base = folder.resolve()
    path = Path(os.path.normpath(base.joinpath(*parts)))
    if base not in path.parents:
        raise UsageProblem(f"refusing to write '{'/'.join(parts)}' outside {folder}")
    refuse_links(folder, path.relative_to(base).as_posix())
    return path


def refuse_links(folder: Path, relative: str) -> None:
    """Raise OutputError if folder/relative, or a folder on the way to it, is a symbolic link."""
    path = folder
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            raise failure(OSError(errno.ELOOP, "symbolic link"), path, "nothing was written")


def make_folder(path: Path, inside: Path | None = None) -> None:
    """Create `path` and its parents; refuse any part below `inside` that is a symbolic link."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failure(exc, path) from None
    base = inside.resolve() if inside else None
    for part in [path, *path.parents]:
        if base is None or part == base or base not in part.parents:
            break
        if part.is_symlink():
            raise failure(OSError(errno.ELOOP, "symbolic link"), part)


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to a new file at `path` (O_EXCL: never through a link), synced to disk."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise failure(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(path).unlink(missing_ok=True)
        raise failure(exc, path) from None


def read_regular(path: Path) -> bytes | None:
    """Return the bytes of the regular file at `path`, or None if it is missing or a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


@contextlib.contextmanager
def locked(folder: Path):
    """Hold the folder's build lock; raise BriefgenError if another build holds it."""
    make_folder(folder)
    path = folder / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise failure(exc, path, "nothing was written") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
        os.close(fd)
        raise BriefgenError(f"another build (pid {owner}) is writing to {folder}; "
                            "wait for it to finish or choose another --out") from None
    _held.append(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        _held.remove(fd)
        os.ftruncate(fd, 0)
        os.close(fd)  # closing the last descriptor releases the lock


def release_inherited() -> None:
    """Close the lock descriptors a forked worker inherited, so the lock stays the parent's:
    a lock shared with a worker outlives a parent killed with SIGKILL."""
    for fd in _held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


class Stage:
    """A staging folder inside OUT: files are written here, then published together."""

    def __init__(self, out: Path):
        self.out = out
        self.folder = out / STAGING
        self.numbers = itertools.count(1)

    def __enter__(self) -> Stage:
        make_folder(self.folder, self.out)
        return self

    def __exit__(self, *exc) -> None:
        discard(self.out)

    def path(self, final: Path) -> Path:
        """Return where to write the staged copy of `final`."""
        return self.folder / f"{next(self.numbers)}{final.suffix}"

    def publish(self, pairs: list[tuple[Path, Path]]) -> None:
        """Rename each staged file over its final path, after journalling the renames."""
        journal = [[staged.name, final.relative_to(self.out.resolve()).as_posix()] for staged, final in pairs]
        write_new(self.folder / JOURNAL, json.dumps(journal).encode())
        _replay(self.out, journal)


def recover(out: Path) -> int:
    """Finish a publish a killed build began (from its journal), drop what a killed build had
    only staged, and sweep old temporary files; return the number of files published."""
    folder = out / STAGING
    data = read_regular(folder / JOURNAL)
    done = 0
    if data is not None:
        try:
            journal = json.loads(data)
        except ValueError:
            journal = []  # written before the first rename, or not ours: nothing was published
        done = _replay(out, journal)
    discard(out)
    for stale in out.rglob(TEMP_GLOB):
        stale.unlink(missing_ok=True)
    return done


def _replay(out: Path, journal: list) -> int:
    count = 0
    for staged_name, relative in journal:
        staged, final = out / STAGING / staged_name, safe_child(out, relative)
        if staged.is_file() and not staged.is_symlink():
            make_folder(final.parent, out)
            try:
                os.replace(staged, final)
            except OSError as exc:
                raise failure(exc, final, "the files not yet published will be by the next build") from None
            count += 1
    return count


def discard(out: Path) -> None:
    """Remove the staging folder and what it holds."""
    folder = out / STAGING
    if folder.is_symlink():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Manifest:
    """What each output in the folder was made from: {relative path: {inputs, sha256}}."""

    def __init__(self, folder: Path):
        self.folder = folder
        refuse_links(folder, MANIFEST)
        try:
            self.entries: dict[str, dict] = json.loads(read_regular(folder / MANIFEST) or b"{}")
        except ValueError:
            self.entries = {}
        if not isinstance(self.entries, dict):
            self.entries = {}

    def current(self, path: Path, inputs: str) -> bool:
        """Return True if `path` exists, unchanged, and was made from `inputs`."""
        entry = self.entries.get(self._key(path))
        if not isinstance(entry, dict) or entry.get("inputs") != inputs:
            return False
        data = read_regular(path)
        return data is not None and digest(data) == entry.get("sha256")

    def record(self, path: Path, inputs: str, sha256: str) -> None:
        self.entries[self._key(path)] = {"inputs": inputs, "sha256": sha256}

    def data(self) -> bytes:
        return json.dumps(self.entries, indent=1, sort_keys=True).encode("utf-8")

    def _key(self, path: Path) -> str:
        return path.resolve().relative_to(self.folder.resolve()).as_posix()
