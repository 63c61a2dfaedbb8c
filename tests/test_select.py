"""Audience selection: the ceiling is access control; sections place each item once."""
from __future__ import annotations

import pytest

from briefgen.citations import short
from briefgen.document import Quote, QuoteGroup, plain
from briefgen.load import load
from briefgen.plan import PlanProblem, plan
from briefgen.select import select


def planned(loaded, audience: str):
    """Return the document the plan makes of the loaded project for `audience`."""
    return plan(select(loaded.content, loaded.audiences[audience]))


def of_kind(blocks, name: str) -> list:
    """Return the blocks of the block type `name` (e.g. "Recommendation")."""
    return [b for b in blocks if type(b).__name__ == name]


def selected_ids(selection, kind: str) -> list[str]:
    return [i.id for c in selection.sections if c.section.kind == kind for i in c.items]


def test_items_above_the_ceiling_never_reach_the_selection(project):
    loaded = load(project().root)
    public = select(loaded.content, loaded.audiences["public"])
    assert "offender-quote" not in [q.id for q in public.content.quotes]
    assert selected_ids(public, "quotes") == ["org-quote"]
    assert public.marking == "" and not public.needs_content_note


def test_an_explicit_id_above_the_ceiling_is_still_removed(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "{kind: quotes, heading: Quotes}",
           "{kind: quotes, heading: Quotes, ids: [offender-quote, org-quote]}")
    loaded = load(p.root)
    assert selected_ids(select(loaded.content, loaded.audiences["public"]), "quotes") == ["org-quote"]


def test_cleared_audience_gets_restricted_quote_with_marking_and_content_note(project):
    loaded = load(project().root)
    selection = select(loaded.content, loaded.audiences["cleared"])
    assert selected_ids(selection, "quotes") == ["org-quote", "offender-quote"]
    assert selection.marking == "OFFICIAL-SENSITIVE"  # raised by the restricted item it holds
    document = plan(selection)
    kinds = [type(b).__name__ for b in document.blocks]
    note_at = kinds.index("ContentNote")
    verbatim_at = next(i for i, b in enumerate(document.blocks) if isinstance(b, QuoteGroup))
    assert note_at < verbatim_at
    assert document.meta.marking == "OFFICIAL-SENSITIVE"


def test_items_appear_in_the_first_section_that_selects_them(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "  - {kind: findings, heading: Evidence}",
           "  - {kind: findings, heading: New, since: 2024-01}\n  - {kind: findings, heading: Evidence}")
    loaded = load(p.root)
    selection = select(loaded.content, loaded.audiences["public"])
    by_heading = {c.section.heading: [i.id for i in c.items] for c in selection.sections}
    assert by_heading["New"] == ["finding-one"]
    assert by_heading["Evidence"] == ["finding-two"]
    assert by_heading["Key points"] == ["finding-one", "finding-two"]  # the summary repeats on purpose


def test_recommendations_filter_by_addressee(project):
    loaded = load(project().root)
    assert selected_ids(select(loaded.content, loaded.audiences["public"]), "recommendations") == ["gov-one"]


def test_plan_numbers_references_in_order_of_first_use_and_headings_when_asked(project):
    loaded = load(project().root)
    document = planned(loaded, "cleared")
    headings = [(b.number, b.text) for b in document.blocks if type(b).__name__ == "Heading"]
    assert headings == [("1", "Learning objectives"), ("2", "Asks"), ("3", "Quotes"), ("4", "References")]
    asks = of_kind(document.blocks, "Recommendation")
    assert [a.addressee for a in asks] == ["Government", "Law enforcement and regulators"]
    assert plain(asks[0].text).endswith("Close the gap\xa0[1,\xa0p.\xa05].")  # the page, in the citation, inside the stop
    references = of_kind(document.blocks, "References")[0]
    assert [(r.number, r.text) for r in references.items] == [(1, "Publisher A. Report A. July 2024.")]


def test_a_section_marked_unnumbered_has_no_number_and_takes_none_from_the_rest(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "  - {kind: recommendations, heading: Asks}\n",
           "  - {kind: control, heading: Document control, numbered: false, rows: [[Owner, Me]]}\n"
           "  - {kind: recommendations, heading: Asks}\n")
    document = planned(load(p.root), "cleared")
    headings = [(b.number, b.text) for b in document.blocks if type(b).__name__ == "Heading"]
    assert headings == [("1", "Learning objectives"), ("", "Document control"), ("2", "Asks"), ("3", "Quotes"),
                        ("4", "References")]
    # front matter: in no contents list (the contents' page holds it)
    assert [b.in_contents for b in document.blocks if type(b).__name__ == "Heading"] == [True, False, True, True, True]


def test_numbered_false_without_a_heading_is_an_error_naming_the_field(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "  - {kind: quotes, heading: Quotes}\n",
           "  - {kind: quotes, numbered: false}\n")
    with pytest.raises(Exception) as caught:
        load(p.root)
    message = str(caught.value)
    assert "cleared.yaml:14" in message and "sections[2]" in message and "numbered: false" in message


def test_template_values_are_literal_text(project):
    p = project()
    p.edit("content/briefing.yaml", "Test briefing on R&D", "R&D *not emphasis* {{ 7*7 }}")
    p.edit("templates/audiences/public.yaml", "purpose: A public test briefing", "purpose: x")
    loaded = load(p.root)
    document = planned(loaded, "public")
    assert document.meta.title == "R&D *not emphasis* {{ 7*7 }}"
    lead = document.blocks[0]
    assert plain(lead.text) == "For Public readers: figures as of April 2024."


def test_a_charted_dataset_is_a_chart_then_its_data_table_with_notes_under_it(project):
    p = project()
    p.edit("content/datasets.yaml", "    sensitivity: public\n", "    sensitivity: public\n    notes: A *note*.\n")
    loaded = load(p.root)
    blocks = planned(loaded, "public").blocks
    start = next(i for i, b in enumerate(blocks) if type(b).__name__ == "Chart")
    chart, table = blocks[start:start + 2]
    assert table.rows == (("Counted", "1,000", "1,234"), ("Assessed", "500", "600"))
    assert chart.series[1].values == (1234.0, 600.0) and chart.categories == ("Counted", "Assessed")
    assert chart.source == "PA, July 2024 [1,\xa0p.\xa07]"
    assert table.source == "PA, July 2024 [1,\xa0p.\xa07]. Note: A note."


def test_recommendations_can_be_a_compact_asks_table(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "  - {kind: recommendations, heading: Asks}",
           "  - {kind: recommendations, heading: Asks, layout: table}")
    loaded = load(p.root)
    blocks = planned(loaded, "cleared").blocks
    [table] = of_kind(blocks, "AsksTable")
    assert not of_kind(blocks, "Recommendation")
    assert [(a.ask, a.status, a.as_of) for a in table.rows] == [
        ("Change the law", "Partial progress", "July 2024"), ("Train officers", "", "")]
    assert table.source == "PA, July 2024 [1]"


def test_a_citation_appended_to_a_text_goes_inside_its_closing_full_stop():
    from briefgen.citations import cited
    from briefgen.document import Run

    assert plain(cited((Run("It rose."),), "[1]")) == "It rose\xa0[1]."
    assert plain(cited((Run("Did it rise?"),), "[1]")) == "Did it rise?\xa0[1]"
    assert plain(cited((Run("It went on..."),), "[1]")) == "It went on...\xa0[1]"
    bold = cited((Run("Head."),), "[2]")
    assert [r.bold for r in cited((Run("Head.", bold=True),), "[2]")] == [True, False, True] and plain(bold) == "Head\xa0[2]."
    assert cited((Run("Text."),), "") == (Run("Text."),)


def test_a_citation_never_breaks_and_its_ranges_take_an_en_dash():
    assert short("Section 2, p. 7; Section 5 (Trends), pp. 19-24; Section 6, pp. 19 - 24") == \
        "pp.\xa07,\xa019–\u206024"
    assert short("paragraph 17") == "para.\xa017"
    # places that meet or overlap run into one range, in order, as an editor writes them
    assert short("paragraph 19; paragraph 20") == "paras.\xa019–\u206020"
    assert short("pp. 19-20; p. 21; p. 7") == "pp.\xa07,\xa019–\u206021"
    assert short("p. 3; pp. 4-6; p. 25") == "pp.\xa03–\u20606,\xa025"
    assert short("Section 2 (Executive summary)") == ""


def test_an_addressee_is_labelled_where_it_changes_not_over_every_ask(project):
    p = project()
    p.edit("content/recommendations.yaml", "    addressee: law-enforcement\n", "    addressee: government\n")
    loaded = load(p.root)
    asks = of_kind(planned(loaded, "cleared").blocks, "Recommendation")
    assert [a.addressee for a in asks] == ["Government", ""]


def test_a_section_whose_text_names_the_addressee_labels_none_of_its_asks(project):
    p = project()
    p.edit("content/recommendations.yaml", "    addressee: law-enforcement\n", "    addressee: government\n")
    p.edit("templates/audiences/cleared.yaml", "  - {kind: recommendations, heading: Asks}",
           "  - {kind: recommendations, heading: Asks of the Government, addressee_labels: false}")
    asks = of_kind(planned(load(p.root), "cleared").blocks, "Recommendation")
    assert [a.addressee for a in asks] == ["", ""]  # not "Government" over the first alone
    p.edit("templates/audiences/cleared.yaml", "  - {kind: quotes, heading: Quotes}",
           "  - {kind: quotes, heading: Quotes, addressee_labels: false}")
    with pytest.raises(Exception, match="addressee_labels applies to recommendations sections only"):
        load(p.root)


BASIS = """    findings: [finding-two]
    based_on: {text: That the Government closes the gap., source: src-a, locator: p. 4}
"""


def asks_with_basis(project, quote_basis: str) -> list:
    p = project()
    p.edit("content/recommendations.yaml", "    findings: [finding-two]\n", BASIS)
    p.edit("templates/audiences/cleared.yaml", "  - {kind: recommendations, heading: Asks}",
           "  - {kind: recommendations, heading: Asks, quote_basis: %s}" % quote_basis)
    loaded = load(p.root)
    return of_kind(planned(loaded, "cleared").blocks, "Recommendation")


def test_a_cited_basis_is_a_citation_at_the_end_of_the_ask_with_no_sentence_around_it(project):
    ask = asks_with_basis(project, "false")[0]
    assert plain(ask.text) == "Close the gap\xa0[1,\xa0p.\xa05]\xa0[1,\xa0p.\xa04]."
    assert ask.based_on == ()


def test_a_quoted_basis_is_a_labelled_line_in_the_source_authors_words(project):
    ask = asks_with_basis(project, "true")[0]
    assert plain(ask.based_on) == "PA recommendation: “That the Government closes the gap.”\xa0[1,\xa0p.\xa04]"
    assert plain(ask.text) == "Close the gap\xa0[1,\xa0p.\xa05]."


def test_an_attribution_drops_a_part_an_earlier_part_has_already_said(project):
    p = project()
    p.edit("content/quotes.yaml", "    speaker: Jo Bloggs\n    role: Chief Executive\n",
           "    speaker: Analyst 1\n    role: Analyst\n")
    loaded = load(p.root)
    quotes = [b for b in planned(loaded, "cleared").blocks if isinstance(b, Quote)]
    assert quotes[0].attribution.startswith("Analyst 1, Test Org, 22 July 2024\xa0[")


def test_key_points_cite_their_source_and_pages_and_stats_as_a_source_line(project):
    p = project()
    p.edit("templates/audiences/public.yaml", "  - {kind: recommendations,",
           "  - {kind: stats, ids: [finding-one]}\n  - {kind: recommendations,")
    loaded = load(p.root)
    blocks = planned(loaded, "public").blocks
    [points] = of_kind(blocks, "KeyPoints")
    [stats] = of_kind(blocks, "Stats")
    # each point, on its own, with its pages: every figure cites its place
    assert [plain(point)[-10:] for point in points.items] == ["\xa0[1,\xa0p.\xa03]", "\xa0[1,\xa0p.\xa04]"]
    assert stats.items[0].source == "PA, July 2024 [1,\xa0p.\xa03]"  # as the charts' and tables' source lines


def test_an_audience_can_word_its_own_content_note(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "numbered_headings: true\n",
           "numbered_headings: true\nprose:\n  content_note: This handout quotes offenders.\n")
    loaded = load(p.root)
    blocks = planned(loaded, "cleared").blocks
    [note] = of_kind(blocks, "ContentNote")
    assert plain(note.text) == "This handout quotes offenders."


NOTE_FIRST = """sections:
  - {kind: notice, heading: Content note, body: This handout quotes offenders., content_note: true}
"""


def test_a_notice_placed_as_the_content_note_replaces_the_automatic_one(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "sections:\n", NOTE_FIRST)
    loaded = load(p.root)
    blocks = planned(loaded, "cleared").blocks
    assert not of_kind(blocks, "ContentNote")
    assert [plain(b.body[0].text) for b in blocks if type(b).__name__ == "Notice"] == ["This handout quotes offenders."]


def test_a_content_note_placed_after_the_sensitive_material_does_not_stand_in_for_one_before_it(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "  - {kind: references, heading: References}",
           "  - {kind: notice, heading: Late note, body: Too late., content_note: true}\n"
           "  - {kind: references, heading: References}")
    loaded = load(p.root)
    blocks = planned(loaded, "cleared").blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds.index("ContentNote") < kinds.index("Quote")


CITING = """sections:
  - {kind: notice, heading: Limits, body: "Images posted fell {{ cite('src-a', 'Section 5, p. 19') }}. Views rose in the year {{ cite('src-a', 'p. 20') }}."}
"""


def test_a_template_cites_a_source_as_the_text_does_and_the_reference_list_names_it(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "sections:\n", CITING)
    loaded = load(p.root)
    blocks = planned(loaded, "cleared").blocks
    [notice] = of_kind(blocks, "Notice")
    # A citation within the paragraph may start a line (an ordinary space before it), so that it
    # need not carry its word down; the one that ends it stays with its word, never alone.
    assert plain(notice.body[0].text) == "Images posted fell [1,\xa0p.\xa019]. Views rose in the year\xa0[1,\xa0p.\xa020]."
    [references] = of_kind(blocks, "References")
    assert [r.number for r in references.items] == [1]


def test_a_template_citing_a_source_it_may_not_see_fails_and_names_the_field(project):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "sections:\n", CITING.replace("src-a", "src-secret"))
    loaded = load(p.root)
    with pytest.raises(PlanProblem) as raised:
        planned(loaded, "cleared")
    assert raised.value.failures == [("cite('src-secret'): no source has that id", "sections[0].body")]


def test_a_verbatim_quote_carries_its_kinds_label_from_the_vocabulary(project):
    p = project()
    p.edit("content/vocabulary.yaml", "offender: {label: Verbatim offender quote,",
           "offender: {label: \"Restricted: offenders' words\",")
    document = planned(load(p.root), "cleared")
    quotes = [b for b in document.blocks if isinstance(b, Quote)]
    [group] = [b for b in document.blocks if isinstance(b, QuoteGroup)]
    assert [q.verbatim for q in quotes] == [False] and group.label == "Restricted: offenders' words"
    assert [q.verbatim for q in group.quotes] == [True]


def test_a_group_of_labelled_quotes_in_a_row_is_labelled_once():
    from briefgen.document import Paragraph
    from briefgen.plan import label_groups

    def verbatim(n, label="Restricted"):
        return Quote((), f"Offender {n}", True, label)

    between = Paragraph(())
    blocks = label_groups([verbatim(1), verbatim(2), verbatim(3), between, verbatim(4), verbatim(5, "Other kind"),
                           Quote((), "Analyst"), verbatim(6)])
    # one group a label: its quotes in one box under it
    assert [(b.label, [q.attribution for q in b.quotes]) if isinstance(b, QuoteGroup) else type(b).__name__
            for b in blocks] == [("Restricted", ["Offender 1", "Offender 2", "Offender 3"]), "Paragraph",
                                 ("Restricted", ["Offender 4"]), ("Other kind", ["Offender 5"]), "Quote",
                                 ("Restricted", ["Offender 6"])]


QUESTIONS = """  - kind: questions
    heading: Check
    questions:
      - {text: Which Act?, answer: The 1978 Act.}
"""


@pytest.mark.parametrize("banner, expected", [
    ("", "Trainer copy: remove before issue"),  # the default
    ("    answers_banner: Nur für Trainer\n", "Nur für Trainer"),  # a profile's own words
])
def test_the_answers_carry_the_profiles_banner(project, banner, expected):
    p = project()
    p.edit("templates/audiences/cleared.yaml", "  - {kind: references, heading: References}",
           QUESTIONS + banner + "  - {kind: references, heading: References}")
    loaded = load(p.root)
    [answers] = of_kind(planned(loaded, "cleared").blocks, "Answers")
    assert answers.banner == expected and answers.title == "Answers for the trainer"


def test_the_footer_title_is_the_profiles_short_title_or_else_the_title(project):
    p = project()
    loaded = load(p.root)
    meta = planned(loaded, "cleared").meta
    assert meta.running_title == meta.title
    p.edit("templates/audiences/cleared.yaml", "purpose: A restricted test handout",
           "purpose: A restricted test handout\nprose:\n  running_title: Short {{ audience.name }}")
    loaded = load(p.root)
    meta = planned(loaded, "cleared").meta
    assert meta.running_title == "Short Cleared trainers" and meta.title != meta.running_title


@pytest.mark.parametrize("detail, cited", [
    ("brief", [False, True]),  # paragraphs in a row citing one place: once, after the last
    ("body", [True, True]),  # each under its own headline: each cites its place
])
def test_findings_citing_one_place_cite_it_once_only_as_paragraphs_in_a_row(project, detail, cited):
    p = project()
    p.edit("content/findings.yaml", "    locator: p. 4", "    locator: p. 3")  # both findings: p. 3
    p.edit("templates/audiences/public.yaml", "  - {kind: findings, heading: Evidence}",
           f"  - {{kind: findings, heading: Evidence, detail: {detail}}}")
    loaded = load(p.root)
    findings = of_kind(planned(loaded, "public").blocks, "Finding")
    assert [plain(f.paragraphs[-1]).rstrip(".").endswith("\xa0[1,\xa0p.\xa03]") for f in findings] == cited


def test_progress_whose_status_says_it_all_prints_the_status_and_its_citation(project):
    from briefgen.document import progress_line

    p = project()
    p.edit("content/recommendations.yaml", "status: partial, text: Amendments were tabled., source: src-a",
           "status: partial, source: src-a")
    loaded = load(p.root)
    [ask] = of_kind(planned(loaded, "public").blocks, "Recommendation")
    assert plain(progress_line(ask)) == "Progress: partial progress, July 2024\xa0[1,\xa0p.\xa06]."  # inside the stop


def test_a_run_in_headline_opens_its_text_in_bold_and_is_no_line_of_its_own(project):
    # The police handout: a finding's claim leads its paragraph, as a bold lead-in, rather than
    # standing over it as a third level of heading.
    p = project()
    p.edit("templates/audiences/public.yaml", "  - {kind: findings, heading: Evidence}",
           "  - {kind: findings, heading: Evidence, run_in: true}")
    findings = of_kind(planned(load(p.root), "public").blocks, "Finding")
    assert [f.headline for f in findings] == [(), ()]
    first = findings[0].paragraphs[0]
    lead = [run for run in first if run.bold]
    assert plain(tuple(lead)) == "1,234 things were counted in one month."  # its own full stop
    assert plain(first).startswith("1,234 things were counted in one month. A body with emphasis")
    assert not first[len(lead)].bold  # the body goes on in its own weight


@pytest.mark.parametrize("section", ["{kind: quotes, run_in: true}",
                                     "{kind: findings, detail: brief, run_in: true}"])
def test_run_in_is_refused_where_there_is_no_headline_to_run_in(project, section):
    from briefgen.errors import ContentError

    p = project()
    p.edit("templates/audiences/public.yaml", "  - {kind: findings, heading: Evidence}", f"  - {section}")
    with pytest.raises(ContentError) as caught:
        load(p.root)
    assert "run_in runs a finding's headline into its text" in str(caught.value)


@pytest.mark.parametrize("status, text, shown", [
    ("no-progress", "", False),  # a bare status that is hidden
    ("no-progress", "text: Amendments fell at the election., ", True),  # says what happened
    ("partial", "", True),  # a status not hidden
])
def test_hide_progress_leaves_out_a_bare_status_it_names_and_nothing_else(project, status, text, shown):
    # A profile may drop a bare status it names ("Progress: none reported, July 2024. [1, pp. 4-6]"
    # repeated), saying once, in its text, what an ask without a line means.
    p = project()
    p.edit("content/recommendations.yaml", "status: partial, text: Amendments were tabled., ",
           f"status: {status}, {text}")
    p.edit("templates/audiences/public.yaml", "  - {kind: recommendations, heading: Asks, addressees: [government]}",
           "  - {kind: recommendations, heading: Asks, addressees: [government], hide_progress: [no-progress]}")
    [ask] = of_kind(planned(load(p.root), "public").blocks, "Recommendation")
    assert bool(ask.status) == shown and bool(ask.progress or ask.progress_source) == shown


@pytest.mark.parametrize("section, message", [
    ("{kind: findings, heading: Evidence, hide_progress: [no-progress]}",
     "hide_progress leaves out progress lines of recommendations sections only"),
    ("{kind: recommendations, hide_progress: [nonexistent]}", "unknown status 'nonexistent'"),
])
def test_hide_progress_is_refused_outside_recommendations_or_for_an_unknown_status(project, section, message):
    from briefgen.errors import ContentError

    p = project()
    p.edit("templates/audiences/public.yaml", "  - {kind: findings, heading: Evidence}", f"  - {section}")
    with pytest.raises(ContentError) as caught:
        load(p.root)
    assert message in str(caught.value)
