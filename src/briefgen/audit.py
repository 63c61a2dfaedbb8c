"""The leak audit: no output holds the text of an item above its audience's ceiling.

Selection removes such items before any template or writer sees them; the audit checks the
result, in the bytes a reader would get. For each audience, every item above its ceiling is
reduced to *distinctive* strings: runs of WINDOW words of its text that occur nowhere in what
the audience may see (its visible items, the briefing's metadata, its own prose). Every text a
DOCX, PDF (print or tagged) or HTML file can carry is extracted and searched for them. Text is compared as words only
(NFKC, case-folded, letters and digits), so line breaks, hyphenation points, typographic
quotes and dashes, or runs split by formatting cannot hide a match. Messages name the file,
the item and where in the file, never the restricted text itself, which could leak into logs.
"""
from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from . import inline, model
from .access import source_levels
from .characters import MARKDOWN_FIELDS, strings
from .errors import LeakError, Problem, UsageProblem

WINDOW = 6  # words in a distinctive string
MIN_CHARS = 12  # a text shorter than WINDOW words is distinctive only if at least this long
NOT_TEXT = {"supersedes", "archive", "id", "source", "locator", "as_of", "date", "date_said", "issued", "sensitivity", "kind",
            "addressee", "status", "topics", "findings", "dataset", "column", "row", "type",
            "category", "values", "checks", "priority"}
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
WORD = re.compile(r"[^\W_]+")

Forbidden = list[tuple[str, list[str]]]  # (item label, its distinctive strings)


def words(text: str) -> list[str]:
    """Return the words of `text` as the audit compares them: NFKC, case-folded, alphanumeric."""
    return WORD.findall(unicodedata.normalize("NFKC", text).translate(INVISIBLE).casefold())


# ---- what an audience must not receive -----------------------------------------------------

def forbidden_texts(content: model.Content, audience: model.Audience) -> Forbidden:
    """Return (item label, distinctive strings) for every item above the audience's ceiling."""
    ceiling = content.rank(audience.ceiling)
    allowed = [words(t) for t in allowed_texts(content, audience)]
    shingles = _shingles(allowed, {WINDOW})
    joined = "\n".join(f" {' '.join(w)} " for w in allowed)
    out = []
    levels = source_levels(content)
    above = [(noun, item, item.sensitivity, item_texts(item)) for kind, (_, noun) in model.KINDS.items()
             for item in getattr(content, kind)]
    above += [("source", s, levels[s.id], [v for _, v in strings(s.model_dump(exclude={"id", "date", "sensitivity"}), ())])
              for s in content.sources]
    for noun, item, level, texts in above:
        if content.rank(level) <= ceiling:
            continue
        windows = dict.fromkeys(_windows([words(text) for text in texts]))
        found = [w for w in windows
                 if not (w in shingles if w.count(" ") + 1 == WINDOW else f" {w} " in joined)]
        if found:
            out.append((f"{noun} '{item.id}' ({level})", found))
    return out


def item_texts(item: model.Item) -> list[str]:
    """Return every text of `item` a briefing could print, Markdown reduced to its text and links."""
    texts = []
    for path, value in strings(item.model_dump(), ()):
        if any(part in NOT_TEXT for part in path if isinstance(part, str)):
            continue
        if path and path[-1] in MARKDOWN_FIELDS:
            try:
                for paragraph in inline.paragraphs(value):
                    texts.append("".join(run.text for run in paragraph))
                    texts += [run.link for run in paragraph if run.link]
            except inline.LinkError:
                texts.append(value)
        else:
            texts.append(value)
    if isinstance(item, model.Dataset):
        from .checks.figures import format_cell

        types = [c.type for c in item.columns]
        texts += [" ".join(format_cell(v, t) for v, t in zip(row, types) if v is not None) for row in item.rows]
    return texts


def allowed_texts(content: model.Content, audience: model.Audience) -> list[str]:
    """Return every text the audience may see: visible items, sources, briefing, vocabulary, prose."""
    from .plan import DEFAULT_NOTE
    from .select import visible

    shown = visible(content, audience)
    texts = [t for kind in model.KINDS for item in getattr(shown, kind) for t in item_texts(item)]
    for data in [*(s.model_dump() for s in shown.sources), content.briefing.model_dump(),
                 content.vocabulary.model_dump(), audience.model_dump()]:
        texts += [value for _, value in strings(data, ())]
    return texts + [DEFAULT_NOTE]


def _windows(texts: list[list[str]]) -> list[str]:
    """Return each text's runs of WINDOW words, or the whole text if shorter (and long enough)."""
    out = []
    for found in texts:
        if len(found) >= WINDOW:
            out += [" ".join(found[i:i + WINDOW]) for i in range(len(found) - WINDOW + 1)]
        elif len(" ".join(found)) >= MIN_CHARS:
            out.append(" ".join(found))
    return out


def _shingles(texts: list[list[str]], sizes: set[int]) -> set[str]:
    """Return every run of n words, for each n in `sizes`, within each text."""
    return {" ".join(found[i:i + n]) for found in texts for n in sizes for i in range(len(found) - n + 1)}


# ---- searching outputs ---------------------------------------------------------------------

def audit_bytes(data: bytes, suffix: str, forbidden: Forbidden) -> list[str]:
    """Return one line per forbidden item found in the file `data` ("docx", "pdf", "pdf-ua" or
    "html"), naming where."""
    if not forbidden:
        return []
    kind = suffix.lower().lstrip(".")
    try:
        segments = docx_segments(data) if kind == "docx" else html_segments(data) if kind == "html" \
            else pdf_segments(data)  # pdf, and pdf-ua: the tagged edition
    except Exception as exc:  # a file we cannot read is a file we cannot clear: fail closed
        return [f"the file cannot be read for the audit ({type(exc).__name__}: {exc})"]
    sizes = {s.count(" ") + 1 for _, strings_ in forbidden for s in strings_}
    places: dict[str, list[str]] = {}
    for where, text in segments:
        shingles = _shingles([words(text)], sizes)
        for label, strings_ in forbidden:
            if any(s in shingles for s in strings_):
                places.setdefault(label, []).append(where)
    return [f"{label} in {', '.join(where)}" for label, where in places.items()]


def audit_folder(project, folder: Path) -> list[Problem]:
    """Return an error per output under folder/<audience>/ that holds an item above that audience's ceiling.

    Raise UsageProblem if `folder` is not a folder. A sub-folder that is not an audience of the
    project is reported as a warning, since its files cannot be audited.
    """
    if not folder.is_dir():
        raise UsageProblem(f"no output folder at {folder}")
    problems = []
    for sub in _audience_folders(folder):
        audience = project.audiences.get(sub.name)
        if audience is None:
            problems.append(Problem(str(sub), 1, "not an audience of this project; its files were not "
                                    "audited", severity="warning"))
            continue
        forbidden = forbidden_texts(project.content, audience)
        for path in _outputs(sub):
            for leak in audit_bytes(path.read_bytes(), path.suffix, forbidden):
                problems.append(Problem(str(path), 1, f"holds text of {leak}, above the '{sub.name}' "
                                        f"audience's ceiling ({audience.ceiling})"))
    return problems


def run(root: Path, folder: Path) -> str:
    """Return a summary when no output under `folder` leaks; raise LeakError listing every leak.

    This is `briefgen audit [OUTPUT_DIR]`.
    """
    from .load import load

    project = load(root)
    problems = audit_folder(project, folder)
    leaks = [p for p in problems if p.severity == "error"]
    if leaks:
        files = len({p.file for p in leaks})
        raise LeakError(f"{files} file{'s hold' if files != 1 else ' holds'} material above its audience's "
                        "ceiling:\n  "
                        + "\n  ".join(map(str, leaks)))
    audited = [path for sub in _audience_folders(folder) if sub.name in project.audiences for path in _outputs(sub)]
    lines = [f"warning: {p}" for p in problems]
    audiences = len({path.relative_to(folder).parts[0] for path in audited})
    lines.append(f"Audited {len(audited)} file{'s' * (len(audited) != 1)} for {audiences} "
                 f"audience{'s' * (audiences != 1)}: nothing above any audience's ceiling.")
    return "\n".join(lines)


def _audience_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".pdf", ".html") and p.is_file())


# ---- extracting text -----------------------------------------------------------------------

def extract_docx(data: bytes) -> str:
    """Return all text of a DOCX: every XML part's text and attribute values, relationship targets."""
    return "\n".join(text for _, text in docx_segments(data))


def docx_segments(data: bytes) -> list[tuple[str, str]]:
    """Return (part name, its text) for every XML part of a DOCX (or any OOXML) package."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                xml = package.read(name).decode("utf-8", "replace")
                out.append((name, xml_text(xml, paragraphs=name.startswith("word/"))))
    return out


def xml_text(xml: str, paragraphs: bool = False) -> str:
    """Return the text nodes and attribute values of `xml`.

    With `paragraphs` (WordprocessingML), text nodes within a paragraph are joined as they are
    (runs split a word at formatting changes) and paragraphs, cells, breaks and tabs are lines.
    Otherwise every element's text is its own line.
    """
    if paragraphs:
        xml = re.sub(r"</(?:\w+:)?(?:p|tc)>|<(?:\w+:)?(?:br|tab|cr)\b[^>]*>", "\n", xml)
        body = re.sub(r"<[^>]*>", "", xml)
    else:
        body = re.sub(r"<[^>]*>", "\n", xml)
    attributes = re.findall(r"""\s[\w:.-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", xml)
    values = "\n".join(a or b for a, b in attributes)
    return html.unescape(body) + "\n" + html.unescape(values)


HTML_INLINE = {"a", "strong", "em", "b", "i", "span", "abbr", "code", "small", "sub", "sup"}


def extract_html(data: bytes) -> str:
    """Return all text of an HTML file: its title, text and every attribute's value."""
    return "\n".join(text for _, text in html_segments(data))


def html_segments(data: bytes) -> list[tuple[str, str]]:
    """Return (where, text) for an HTML file: the title, the text (a line per element), and
    the values of each attribute by name (alt, title, aria-label, content, href …). The
    stylesheet and embedded data: URIs (fonts, pictures) are bytes, not text, and are skipped."""
    from html.parser import HTMLParser

    found: dict[str, list[str]] = {}

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.open: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.open.append(tag)
            if tag not in HTML_INLINE:  # a block's text never runs into the next block's
                found.setdefault("HTML text", []).append("\n")
            for name, value in attrs:
                if value and not value.startswith("data:"):
                    found.setdefault(f"HTML attribute {name}", []).append(value)

        def handle_endtag(self, tag):
            if tag not in HTML_INLINE:
                found.setdefault("HTML text", []).append("\n")
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

        def handle_data(self, text):
            where = "HTML title" if "title" in self.open else "HTML text"
            if "style" not in self.open and "script" not in self.open:
                found.setdefault(where, []).append(text)

    reader = Reader()
    reader.feed(data.decode("utf-8", "replace"))
    reader.close()
    # Text within a block is joined as it is, so a word split by emphasis stays whole.
    return [(where, "".join(texts) if where == "HTML text" else "\n".join(texts)) for where, texts in found.items()]


def extract_pdf(data: bytes) -> str:
    """Return all text of a PDF: page text, metadata, XMP, outline, annotations and link URIs."""
    return "\n".join(text for _, text in pdf_segments(data))


def pdf_segments(data: bytes) -> list[tuple[str, str]]:
    """Return (where, text): each page's text, then every string anywhere in the file's objects."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("the PDF is encrypted")
    out = _page_texts(data)
    found: dict[str, list[str]] = {}
    _walk_pdf(reader.trailer, found)
    return out + [(where, "\n".join(texts)) for where, texts in found.items()]


def _page_texts(data: bytes) -> list[tuple[str, str]]:
    """Return each page's text as PDFium reads it: about 13 times faster than pypdf."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [(f"page {n}", pdf[n - 1].get_textpage().get_text_range()) for n in range(1, len(pdf) + 1)]
    finally:
        pdf.close()


PDF_PLACES = {"/Info": "metadata", "/Outlines": "outline", "/Annots": "annotation",
              "/StructTreeRoot": "structure tree", "/Names": "name tree", "/AcroForm": "form"}
SKIP_STREAMS = {"/FontFile", "/FontFile2", "/FontFile3", "/Contents", "/CIDToGIDMap", "/ToUnicode"}


def _walk_pdf(trailer, found: dict[str, list[str]]) -> None:
    """Collect every text string reachable from the trailer, by where it sits; decode XMP streams."""
    from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject,
                               StreamObject, TextStringObject)

    seen: set[tuple[int, int]] = set()
    stack = [(trailer, "PDF object", "")]
    while stack:
        obj, place, key = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen or key in SKIP_STREAMS:
                continue
            seen.add(ref)
            obj = obj.get_object()
        if isinstance(obj, (TextStringObject, ByteStringObject)):
            text = str(obj) if isinstance(obj, TextStringObject) else bytes(obj).decode("latin-1")
            found.setdefault(f"{place} {key}".strip(), []).append(text)
        elif isinstance(obj, DictionaryObject):
            if isinstance(obj, StreamObject) and obj.get("/Type") == "/Metadata":
                found.setdefault("XMP metadata", []).append(xml_text(obj.get_data().decode("utf-8", "replace")))
            stack += [(value, PDF_PLACES.get(name, place), name) for name, value in obj.items()
                      if name not in ("/Parent", "/P")]
        elif isinstance(obj, ArrayObject):
            stack += [(value, place, key) for value in obj]
