"""Content checks beyond the schema: terminology, figures, and dates of sources and figures.

`run(project)` returns every finding as a `Problem` naming file:line, item and field:
errors (a figure that disagrees with its dataset, a percentage that does not match its
counts), warnings (a term to avoid, a figure older than an audience accepts; errors with
`--strict`) and notes of severity "info" (a term left as written because it is quoted
verbatim), which never fail a build. See docs/checks.md for every check and its message.
"""
from __future__ import annotations

from ..errors import Problem


def run(project) -> list[Problem]:
    """Return the problems every check finds in a loaded `load.Project`, sorted by file and line."""
    from .. import access, model
    from . import dates, figures, terminology
    from .where import Where

    content = project.content
    secret = frozenset((kind, item.id) for kind in model.KINDS for item in getattr(content, kind)
                       if content.rank(item.sensitivity) > 0)
    where = Where(project.files, secret)
    found = terminology.check(project, where) + figures.check(content, where)
    found += dates.check(project, where)
    lowest = content.vocabulary.sensitivity[0].id
    return sorted(access.withhold(found, access.secret_items(project.files, lowest)))
