"""Over-budget messages: how far over, how full the last page is, the longest sections."""
from __future__ import annotations

import re

from briefgen import budget
from briefgen.build import build
from briefgen.writers import Layout


def test_sections_are_measured_between_headings_longest_first():
    layout = Layout((("Asks", 0.5), ("The evidence", 1.2), ("References", 2.6)), end=2.9)
    assert [(t, round(n, 2)) for t, n in budget.sections(layout)] == [
        ("The evidence", 1.4), ("Asks", 0.7), ("the cover", 0.5), ("References", 0.3)]


def test_an_over_budget_pdf_says_how_far_over_and_where_the_room_went(project, tmp_path):
    p = project()
    p.edit("templates/audiences/public.yaml", "page_budget: 4", "page_budget: 1")
    summary = build(p.root, tmp_path / "out", ("public",), ("pdf",), jobs=1)
    (warning,) = [w for w in summary.warnings if w.field == "page_budget"]
    assert re.fullmatch(r"public\.pdf has 2 pages: 1 over the budget of 1; the last page holds \d+ lines; "
                        r"longest sections: (?:[A-Z][\w ]+|the cover) \(\d\.\d pages\), [A-Za-z][\w ]+ \(\d\.\d pages\)",
                        warning.message), warning.message
    lines = int(re.search(r"holds (\d+) lines", warning.message).group(1))
    from clients import pdftotext
    pdf = pdftotext(tmp_path / "out" / "public" / "public.pdf", layout=True)
    last = [line for line in pdf.split("\f")[1].splitlines() if line.strip()]
    assert len(last) == lines + 1  # and the footer
