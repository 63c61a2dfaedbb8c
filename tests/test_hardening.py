"""Hostile input: the bad-input corpus, images, and arbitrary Unicode through load and both writers.

Every case ends in a clear error naming file:line (exit 2, no traceback, no file written) or
in a correct document. The corpus lives in tests/corpus/<case>/: case.yaml says how to break
a copy of tests/projects/minimal and what `briefgen build` must answer; any other file in the
case folder replaces the fixture's file at the same path.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import audit, extract, inline, theme, writers, yamlfile
from briefgen.cli import main
from briefgen.errors import ContentError
from briefgen.load import load
from briefgen.plan import plan
from briefgen.select import select

from clients import qpdf_check

CORPUS = Path(__file__).parent / "corpus"
MINIMAL = Path(__file__).parent / "projects" / "minimal"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


def test_the_corpus_has_at_least_25_cases():
    assert len(CASES) >= 25


def read_case(name: str) -> dict:
    located, problems = yamlfile.read(CORPUS / name / "case.yaml", f"corpus/{name}/case.yaml")
    assert located is not None and not problems, problems
    return located.data


def filled(entry: dict, key: str) -> str:
    return entry[key].replace("…", entry["fill"] * entry["times"]) if "fill" in entry else entry[key]


def make_project(name: str, case: dict, folder: Path) -> Path:
    """Return a copy of the minimal project broken as the case says."""
    root = folder / "project"
    shutil.copytree(MINIMAL, root)
    for overlay in (CORPUS / name).rglob("*"):
        if overlay.is_file() and overlay.name != "case.yaml":
            target = root / overlay.relative_to(CORPUS / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(overlay, target)
    for entry in case.get("edit", []):
        path = root / entry["file"]
        text = path.read_text("utf-8")
        assert entry["old"] in text, f"{name}: {entry['old']!r} not in {entry['file']}"
        path.write_text(text.replace(entry["old"], filled(entry, "new"), 1), "utf-8")
    for entry in case.get("write", []):
        (root / entry["file"]).write_text(filled(entry, "text"), "utf-8")
    for entry in case.get("append", []):
        with open(root / entry["file"], "a", encoding="utf-8") as handle:
            handle.write(filled(entry, "text"))
    if "pad" in case:
        path = root / case["pad"]["file"]
        size = case["pad"]["to_bytes"]
        data = path.read_bytes()
        path.write_bytes(data + b"#" * (size - len(data) - 1) + b"\n")
    for entry in case.get("image", []):
        write_image(root / entry["file"], entry)
    if "symlink" in case:
        os.symlink(case["symlink"]["target"], root / case["symlink"]["file"])
    return root


def write_image(path: Path, spec: dict) -> None:
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", tuple(spec["size"]), (11, 92, 122))
    data = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if "text" in spec:
        info.add_text("Comment", spec["text"])
    image.save(data, format=spec["format"], **({"pnginfo": info} if spec["format"] == "PNG" else {}))
    raw = data.getvalue()
    path.write_bytes(raw[: spec["truncate"]] if "truncate" in spec else raw)


def output_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.name not in (".briefgen.lock", ".briefgen-manifest.json")
                  and ".cache" not in p.parts)


def unzipped(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return b"".join(package.read(n) for n in package.namelist())


@pytest.mark.parametrize("name", CASES)
def test_corpus_case_ends_in_a_clear_error_or_a_correct_document(name, tmp_path):
    case = read_case(name)
    root = make_project(name, case, tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-p", str(root), "--out", str(out), "--jobs", "1",
                                       *case.get("args", [])])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{name} crashed: {result.exception!r}")
    assert "Traceback" not in result.output
    assert result.exit_code == case.get("exit", 2), result.output
    for expected in case.get("expect", []):
        assert expected in result.output, f"{name}: expected {expected!r} in:\n{result.output}"
    if result.exit_code != 0:
        assert result.output.startswith("Error: ")
        assert output_files(out) == [] if out.exists() else True, "a failed build left files behind"
        return
    written = output_files(out)
    assert written == [f"{a}/{a}{suffix}" for a in ("cleared", "public")
                       for suffix in (".accessible.pdf", ".docx", ".html", ".pdf")]
    assert audit.audit_folder(load(root), out) == []
    for pdf in out.rglob("*.pdf"):
        qpdf_check(pdf)
    for check in case.get("in_output", []):
        data = (out / check["file"]).read_bytes()
        text = extract.extract_pdf(data) if check["file"].endswith(".pdf") else extract.extract_docx(data)
        assert text.count(check["text"]) >= check["count"], f"{check['file']} lost text"
    for secret in case.get("absent", []):
        for path in out.rglob("*.*"):
            data = path.read_bytes()
            assert secret.encode() not in (unzipped(data) if path.suffix == ".docx" else data), path


# ---- images ---------------------------------------------------------------------------------

def test_a_good_logo_is_re_encoded_without_metadata_and_drawn_in_both_formats(project, tmp_path):
    p = project()
    write_image(p.root / "logo.png", {"size": [120, 40], "format": "PNG", "text": "Qxsecretmetadata"})
    p.write("theme.yaml", "logo: logo.png\n")
    loaded = load(p.root)
    cleaned = loaded.theme.logo_png
    assert b"Qxsecretmetadata" not in cleaned and cleaned.startswith(b"\x89PNG")
    from PIL import Image

    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (120, 40)
    document = plan(select(loaded.content, loaded.audiences["public"]))
    docx = writers.get("docx").render(document, loaded.theme).data
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(io.BytesIO(docx)).namelist())
    assert b"Qxsecretmetadata" not in unzipped(docx)
    assert b"/Subtype /Image" in writers.get("pdf").render(document, loaded.theme).data


# ---- arbitrary text -------------------------------------------------------------------------

PIECES = ["<b>", "</b>", "<script>alert(1)</script>", "<!-- x -->", "{{ 7*7 }}", "{% if x %}", "{# c #}",
          "{{", "}}", "&amp;", "&", "&#x41;", "*", "**bold**", "_", "`code`", "[x](https://example.org/a?b=1&c=2)",
          "[x](javascript:alert(1))", "[x](http://example.org)", "<https://example.org>", "# h", "> q",
          "- b", "1. n", "\\", "\\*", "|a|b|", "\u202e", "\u200f", "\u2067", "\u00ad", "\u200b",
          "שלום", "مرحبا", "\U0001F600", "\u0301", "e\u0301", "\ufb01", "\u01c5", "€ £ ‘’ “” — …", "\t",
          "Ελληνικά", "кириллица", "%s %(x)s {0}", "${x}", "\\n"]
LONG_WORD = st.integers(min_value=60, max_value=400).map(lambda n: "a" * n)
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8), LONG_WORD), min_size=1, max_size=6).map(
    "".join)


def comparable(text: str) -> str:
    """Return `text` without white space and invisible format characters, NFKC-normalised.

    NFKC because PDF text extraction gives compatibility characters (the ligature "ﬁ") as
    their plain letters; the glyph drawn is the one written.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def appears(literal: str, found: str) -> bool:
    """Return True if `literal` is in `found`, where a soft hyphen may print as "-" at a line end
    (and PDFium reports one it did not print as U+FFFE)."""
    parts = [comparable(part) for part in literal.split("\xad")]
    return re.search("[-\ufffe]?".join(re.escape(part) for part in parts), found) is not None


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(MINIMAL, root)
        yield root


# (file, text it replaces, item, field, the loaded value, whether it is Markdown)
FIELDS = [
    ("content/findings.yaml", "headline: The law has a gap", "finding 'finding-two'", "headline",
     lambda c: c.findings[1].headline, True),
    ("content/quotes.yaml", "text: We must act now.", "quote 'org-quote'", "text", lambda c: c.quotes[0].text, True),
    ("content/glossary.yaml", "definition: Child sexual abuse material.", "term 'csam'", "definition",
     lambda c: c.glossary[0].definition, True),
    ("content/recommendations.yaml", "title: Change the law", "recommendation 'gov-one'", "title",
     lambda c: c.recommendations[0].title, False),
    ("content/datasets.yaml", "title: Things counted", "dataset 'counts'", "title", lambda c: c.datasets[0].title, False),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=TEXT, where=st.sampled_from(FIELDS))
def test_any_text_is_a_clear_load_error_or_printed_literally_by_both_writers(scratch, text, where):
    file, old, item, field, value, markdown = where
    for name in {f for f, *_ in FIELDS}:
        shutil.copyfile(MINIMAL / name, scratch / name)
    original = (MINIMAL / file).read_text("utf-8")
    key = old.split(":")[0]
    (scratch / file).write_text(original.replace(old, f"{key}: {json.dumps(text, ensure_ascii=False)}"), "utf-8")
    try:
        loaded = load(scratch)
    except ContentError as exc:
        for problem in exc.problems:
            assert (problem.file, problem.item, problem.field) == (file, item, field), str(problem)
        return
    written = value(loaded.content)
    literal = "".join(run.text for run in inline.parse(written)) if markdown else written
    expected = comparable(literal)
    document = plan(select(loaded.content, loaded.audiences["public"]))
    shipped_theme = theme.default()
    pdf = writers.get("pdf").render(document, shipped_theme).data
    docx = writers.get("docx").render(document, shipped_theme).data
    assert appears(literal, comparable(extract.extract_pdf(pdf))), "PDF"
    assert expected in comparable(extract.extract_docx(docx)), "DOCX"
