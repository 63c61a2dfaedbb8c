"""A hand-built Document that uses every block type, for writer tests."""
from __future__ import annotations

from briefgen import document as d


def text(*parts: str | d.Run) -> d.Text:
    return tuple(p if isinstance(p, d.Run) else d.Run(p) for p in parts)


META = d.Meta(
    title="AI-generated child sexual abuse material",
    subtitle="The evidence and the asks",
    organisation="Example Child Safety Charity",
    author="Policy Team",
    audience="Police trainers",
    subject="Training handout on AI CSAM",
    date="2 September 2024",
    issued="2024-09-02",
    version="1.0",
    language="en-GB",
    marking="OFFICIAL-SENSITIVE",
    running_title="AI CSAM: police training",
    kicker="Training handout for police trainers",
    occasion="For the AI CSAM module of the grading course",
    handling_note=text("Handle under ", d.Run("OFFICIAL-SENSITIVE", bold=True), " rules."),
    page_budget=4,
    toc_from_pages=0,
)

BLOCKS: tuple[d.Block, ...] = (
    d.Paragraph(text("Why you have this briefing: R&D <b>not bold</b> {{ 7*7 }}."), role="lead"),
    d.KeyPoints("Key points", (
        text(d.Run("20,254", bold=True), " AI images posted to one forum in a month [1]"),
        text(d.Run("90%", bold=True), " realistic enough to be assessed under the same law [2]"),
    )),
    d.Notice("What we ask", (d.Paragraph(text("Act now: ", d.Run("support the amendment", bold=True), ".")),), "ask"),
    d.Stats((
        d.Stat("20,254", "AI images posted in one month", "IWF, October 2023 [1]"),
        d.Stat("3,512", "criminal AI images in March-April 2024", "IWF, July 2024 [2]"),
        d.Stat("32%", "of criminal images were Category A", "IWF, July 2024 [2]"),
    )),
    d.Heading("The evidence", 1, "1"),
    d.Finding(
        text("Scale: ", d.Run("more images", italic=True)),
        (text("First paragraph with a ", d.Run("link", link="https://www.iwf.org.uk/"), "."),
         text("Second paragraph; Ünïcödé ‘quotes’ — dashes … and Ελληνικά. [1]")),
    ),
    d.Heading("What experts say", 2, "1.1"),
    d.ContentNote(text("The next section quotes offenders verbatim. It contains no sexual detail.")),
    d.Quote(text("Quote from an organisation & its chief executive."),
            "Jane Doe, Chief Executive, Example Org, 22 July 2024"),
    d.QuoteGroup("Verbatim offender quote",  # as the plan groups them (plan.label_groups)
                 (d.Quote(text("a verbatim offender quote"), "Offender, dark web forum, 2023", verbatim=True),)),
    d.Heading("Recommendations", 1, "2"),
    d.Recommendation("Government", "Review the law", text("Review the law for the AI age."),
                     "Partial progress", "July 2024", text("Amendments were tabled.")),
    d.Recommendation("Technology companies", "Ban misuse in terms of use",
                     text("Prohibit the use of products to generate CSAM."),
                     based_on=text(d.Run("IWF recommendation: ", bold=True), d.Run("“To ensure that …”", italic=True))),
    d.AsksTable("The asks and their progress", (d.Ask("Review the law", "Partial progress", "July 2024"),)),
    d.Notice("Support for you", (d.Paragraph(text("Talk to your line manager.")),
                                 d.BulletList((text("Occupational health"), text("Peer support"))))),
    d.Questions((text("When will the Government legislate?"), text("What will it do about models?"))),
    d.Table(
        "Images on one forum",
        (d.Column("Measure"), d.Column("September 2023", True), d.Column("March-April 2024", True)),
        (("Images posted", "20,254", "13,906"), ("Criminal images", "2,978", "3,512"),
         ("A very long label that has to wrap inside its cell " * 3, "1", "2")),
        "IWF, July 2024, Section 5 [2]",
    ),
    d.Chart(
        "Images on one forum", "grouped-bar", ("Posted", "Criminal"),
        (d.Series("September 2023", (20254, 2978)), d.Series("March-April 2024", (13906, 3512))),
        "images", "Bar chart: images posted fell from 20,254 to 13,906; criminal images rose from 2,978 to 3,512.",
        "IWF, July 2024 [2]",
    ),
    d.BulletList((text("first point"), text("second ", d.Run("point", bold=True)))),
    d.Heading("Glossary", 1, "3"),
    d.Glossary((d.GlossaryEntry("LoRA", text("A small file that fine-tunes a model.")),)),
    d.Heading("References", 1, "4"),
    d.References((
        d.Reference(1, "Internet Watch Foundation. How AI is being abused to create child sexual abuse imagery. October 2023.",
                    "https://www.iwf.org.uk/about-us/why-we-exist/our-research/"),
        d.Reference(2, "Internet Watch Foundation. What has changed in the AI CSAM landscape? July 2024."),
    )),
    d.DocumentControl((("Owner", "[Force training lead]"), ("Version", "1.0"), ("Review by", "March 2025"))),
    d.Answers("Answers for the trainer", ((text("Which Act covers pseudo-photographs?"), text("The Protection of Children Act 1978.")),),
              "Trainer copy: remove before issue"),
)

DOCUMENT = d.Document(META, BLOCKS)
