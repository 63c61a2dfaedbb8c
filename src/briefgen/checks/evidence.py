"""The project's archives for one run of the checks: each read once, each locator resolved once."""
from __future__ import annotations

from pathlib import Path

from .. import yamlfile
from ..errors import Problem
from .archives import Archive, ArchiveProblem, read_archive, resolve_inside, sidecar_of
from .locators import Resolved, Sidecar, resolve
from .tally import Tally

SIDECAR_BYTES = 1_000_000


class Evidence:
    """Archives by source id, with every problem reading them and a note per unresolved locator."""

    def __init__(self, project, where, tally: Tally):
        self.where = where
        self.tally = tally
        self.problems: list[Problem] = []
        self.archives: dict[str, Archive] = {}
        self.sidecars: dict[str, Sidecar] = {}
        self._resolved: dict[tuple[str, str], Resolved] = {}
        self._noted: set[tuple] = set()  # (kind, id, field) of locators already noted
        for source in project.content.sources:
            if source.archive:
                self._read(project.root, source)

    def region(self, kind: str, item_id: str, source_id: str, locator: str,
               field: tuple = ("locator",)) -> tuple[Archive, Resolved] | None:
        """Return the archive of `source_id` and where `locator` points in it, or None without an
        archive; a locator that does not resolve is noted once, at the item's `field`."""
        archive = self.archives.get(source_id)
        if archive is None:
            return None
        key = (source_id, locator)
        if key not in self._resolved:
            self._resolved[key] = resolve(locator, self.sidecars.get(source_id), archive.pages, archive.everything())
        resolved = self._resolved[key]
        if resolved.unresolved and (kind, item_id, field) not in self._noted:
            self._noted.add((kind, item_id, field))
            self.tally.add("locators.unresolved")
            if source_id in self.sidecars or archive.pages:  # without either, noted once at the source
                self.problems.append(self.where.problem(kind, item_id, field, (
                    f"{resolved.unresolved}, so the whole archive '{archive.file}' was searched"), "info",
                    f"the locator does not resolve, so the whole archive '{archive.file}' was searched"))
        return archive, resolved

    def _read(self, root: Path, source) -> None:
        try:
            archive = read_archive(root, source.archive)
        except ArchiveProblem as exc:
            self.problems.append(self.where.problem("sources", source.id, ("archive",),
                                                    f"archive '{source.archive}' {exc}"))
            return
        except OSError as exc:
            self.problems.append(self.where.problem("sources", source.id, ("archive",),
                                                    f"archive '{source.archive}' cannot be read ({exc.strerror})"))
            return
        sidecar = self._sidecar(root, source, archive)
        if sidecar is not None:
            self.sidecars[source.id] = sidecar
        elif not archive.pages:
            self.problems.append(self.where.problem("sources", source.id, ("archive",), (
                f"archive '{source.archive}' has no sidecar ({sidecar_of(source.archive)}) and no page "
                "breaks, so locators citing it cannot be resolved; each is searched in the whole archive"),
                "info"))
        self.archives[source.id] = archive

    def _sidecar(self, root: Path, source, archive: Archive) -> Sidecar | None:
        from ..load import validated

        relative = sidecar_of(source.archive)
        if not (root / relative).exists():
            return None
        try:
            path = resolve_inside(root, relative, (".yaml",), SIDECAR_BYTES)
        except ArchiveProblem as exc:
            self.problems.append(Problem(relative, 1, f"sidecar of source '{source.id}' {exc}"))
            return None
        located, problems = yamlfile.read(path, relative)
        if located is None or problems:
            self.problems += problems
            return None
        sidecar, problems = validated(Sidecar, located.data, located)
        self.problems += problems
        if sidecar is None:
            return None
        bad = [(name, a, b) for name, a, b in _spans(sidecar) if not 1 <= a <= b <= len(archive.lines)]
        for name, a, b in bad:
            self.problems.append(Problem(relative, 1, f"{name} has lines {a}-{b}, outside the archive's "
                                         f"{len(archive.lines):,} lines"))
        return None if bad else sidecar


def _spans(sidecar: Sidecar):
    """Yield (what, first line, last line) for every line range a sidecar gives."""
    stack = list(sidecar.sections)
    while stack:
        entry = stack.pop()
        yield f"section '{entry.title}'", entry.line, entry.end_line
        stack += entry.subsections
    for paragraph in sidecar.paragraphs:
        yield f"paragraph {paragraph.number}", *paragraph.lines
    for name, block in sidecar.blocks.items():
        yield name, *block.lines
