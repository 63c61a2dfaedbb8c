"""Stale figures: a superseded finding used without its successor, an old figure that does not say its date.

A finding is superseded by every finding that lists it in `supersedes`, and by every later
finding (by `as_of`) with the same `measure`. An audience that includes a superseded finding
but none of its successors is warned, unless the finding's text dates it: the year of its
as_of in its headline, body or a figure label, e.g. "(2023)". Separately, an audience's
`undated_months` is how old a finding's figures may be before its text must date them.
Both are reported once per finding, naming every audience concerned.
"""
from __future__ import annotations

import re

from ..dates import display, months_between
from ..errors import Problem
from ..model import Finding
from .dates import after, join


def check(project, where, tally) -> list[Problem]:
    """Return a warning per superseded finding used without its successor, and per old undated finding."""
    from ..select import select

    content = project.content
    newer = successors(content.findings)
    briefing = content.briefing.date
    superseded: dict[str, list[str]] = {}  # finding id -> audiences
    undated: dict[str, list[str]] = {}
    for audience_id, audience in sorted(project.audiences.items()):
        chosen = {i.id: (i, c.section.detail) for c in select(content, audience).sections
                  for i in c.items if isinstance(i, Finding)}
        for finding, detail in chosen.values():
            if dated(finding, detail):
                continue
            if newer.get(finding.id) and not any(n.id in chosen for n in newer[finding.id]):
                superseded.setdefault(finding.id, []).append(audience_id)
            elif (finding.figures and audience.undated_months
                  and months_between(finding.as_of, briefing) > audience.undated_months):
                undated.setdefault(finding.id, []).append(f"'{audience_id}' ({audience.undated_months} months)")
    findings = {f.id: f for f in content.findings}
    problems = []
    for finding_id, audiences in superseded.items():
        finding, latest = findings[finding_id], max(newer[finding_id], key=lambda f: f.as_of)
        which = _audiences([f"'{a}'" for a in audiences])
        problems.append(where.problem("findings", finding_id, ("as_of",), (
            f"is superseded by finding '{latest.id}' (as of {display(latest.as_of)}), which {which} "
            f"{'does' if len(audiences) == 1 else 'do'} not include, and its text does not say it is from "
            f"{finding.as_of[:4]}: include '{latest.id}' too, or date the text, e.g. '({finding.as_of[:4]})'"),
            "warning", f"is superseded by finding '{latest.id}', which {which} "
            f"{'does' if len(audiences) == 1 else 'do'} not include, and its text does not date it"))
    for finding_id, audiences in undated.items():
        finding = findings[finding_id]
        age = months_between(finding.as_of, briefing)
        problems.append(where.problem("findings", finding_id, ("as_of",), (
            f"its figures are as of {display(finding.as_of)}, {age} months before the briefing's date, "
            f"and its text does not say so: {_audiences(audiences)} would read them as current; date the "
            f"text, e.g. '({finding.as_of[:4]})'"), "warning",
            f"its figures are older than {_audiences(audiences)} accept without a date in the text"))
    tally.add("staleness.superseded", len(superseded))
    tally.add("staleness.undated", len(undated))
    return problems


def successors(findings) -> dict[str, list[Finding]]:
    """Return, per finding id, the findings that supersede it: by `supersedes` or a later same `measure`."""
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        for older in finding.supersedes:
            out.setdefault(older, []).append(finding)
        if finding.measure:
            for other in findings:
                if other.measure == finding.measure and after(finding.as_of, other.as_of):
                    out.setdefault(other.id, []).append(finding)
    return {k: list({f.id: f for f in v}.values()) for k, v in out.items()}


def dated(finding: Finding, detail: str = "body") -> bool:
    """Return True if the text the audience prints of the finding (its section's `detail`)
    names the year of its as_of."""
    summary = finding.summary or finding.headline
    texts = {"body": [finding.headline, finding.body, *(f.label for f in finding.figures)],
             "summary": [finding.headline, summary], "brief": [summary], "headline": [finding.headline]}[detail]
    return bool(re.search(rf"(?<!\d){finding.as_of[:4]}(?!\d)", " ".join(texts)))


def _audiences(names: list[str]) -> str:
    return f"audience{'s' * (len(names) > 1)} {join(names)}"
