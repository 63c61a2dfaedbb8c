"""The tagged PDF draws the components as the print does: the recommendation (evidence at body
size, basis, regulation, progress), document control as a small table, labels in their
authored case where capitals would change them, and no side figure beside a finding."""
from __future__ import annotations

import dataclasses
import re

from briefgen import document as d
from briefgen import theme, writers

from clients import pdftotext, run
from writers.sample import META, text

ASK = d.Recommendation("Government", "Legislate now", text("Make it an offence to share guides."),
                       "Partial", "July 2024", text("An amendment fell at the election."),
                       text(d.Run("IWF recommendation: ", bold=True), "“Legislate.” [1]"), (text("Evidenceword one [1]"), text("Evidenceword two [2]")),
                       text("Online Safety Act 2023 [3]"))


def rendered(tmp_path, blocks=(), **meta) -> tuple[str, object]:
    document = d.Document(dataclasses.replace(META, marking="", **meta), tuple(blocks))
    path = tmp_path / "out.pdf"
    path.write_bytes(writers.get("pdf-ua").render(document, theme.default()).data)
    return " ".join(pdftotext(path).split()), path


def word_heights(path) -> dict[str, float]:
    """Return the height of each word's box on the pages (its size, give or take the face)."""
    boxes = run("pdftotext", "-bbox", str(path), "-").stdout
    return {word: float(y2) - float(y1) for y1, y2, word in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', boxes)}


def test_a_recommendation_reads_ask_evidence_basis_regulation_progress(tmp_path):
    found, path = rendered(tmp_path, (ASK,))
    parts = ["GOVERNMENT", "Legislate now. Make it an offence", "Evidenceword one [1]", "Evidenceword two [2]",
             "IWF recommendation: “Legislate.” [1]", "Regulation: Online Safety Act 2023 [3]",
             "Progress: partial, July 2024. An amendment fell"]
    assert [found.index(part) for part in parts] == sorted(found.index(part) for part in parts)
    heights = word_heights(path)
    # The evidence at the ask's (body) size; the basis, regulation and progress lines smaller.
    assert heights["Evidenceword"] == heights["offence"] > heights["recommendation:"] == heights["Progress:"]


def test_document_control_reads_each_label_then_its_value(tmp_path):
    found, _ = rendered(tmp_path, (d.DocumentControl((("Owner", "[Force training lead]"), ("Review by", "March 2025"))),))
    assert "Owner [Force training lead] Review by March 2025" in found


def test_a_label_in_capitals_keeps_a_word_capitals_would_change(tmp_path):
    asks = (d.Recommendation("MPs and peers", "Speak", text("Say the law has gaps.")),
            d.Recommendation("AI developers", "Test", text("Test every model.")))
    found, _ = rendered(tmp_path, asks, kicker="Briefing for MPs and peers")
    assert "Briefing for MPs and peers" in found  # the kicker is printed as written
    assert "MPs AND PEERS" in found and "AI DEVELOPERS" in found


