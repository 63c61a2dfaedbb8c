"""Content checks beyond the schema: terminology, figures, dates, and the fact-check against sources.

`run(project)` returns every finding as a `Problem` naming file:line, item and field:
errors (a figure that disagrees with its dataset, a percentage that does not match its
counts, an archive that cannot be read), warnings (a term to avoid, a figure older than an
audience accepts, a figure or quote not found in its source's archive; errors with
`--strict`) and notes of severity "info" (a term left as written because it is quoted
verbatim, a locator searched in the whole archive), which never fail a build. `report`
adds what the fact-check counted. See docs/checks.md for every check and its message.
"""
from __future__ import annotations

from ..errors import Problem


def run(project) -> list[Problem]:
    """Return the problems every check finds in a loaded `load.Project`, sorted by file and line."""
    return report(project)[0]


def report(project):
    """Return (the problems every check finds, sorted; a tally.Tally of what the fact-check counted)."""
    from .. import access, model
    from . import dates, figures, quotes, staleness, terminology, verify
    from .evidence import Evidence
    from .tally import Tally
    from .where import Where

    content = project.content
    secret = frozenset((kind, item.id) for kind in model.KINDS for item in getattr(content, kind)
                       if content.rank(item.sensitivity) > 0)
    where = Where(project.files, secret)
    tally = Tally()
    evidence = Evidence(project, where, tally)
    found = terminology.check(project, where) + figures.check(content, where, tally)
    found += dates.check(project, where) + staleness.check(project, where, tally)
    found += verify.check(content, evidence, tally) + quotes.check(content, evidence, tally)
    found += evidence.problems
    lowest = content.vocabulary.sensitivity[0].id
    return sorted(access.withhold(found, access.secret_items(project.files, lowest))), tally
