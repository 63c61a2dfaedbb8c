"""A structural check of tagged PDF/UA-1 files, with pikepdf: a subset of what veraPDF (the
PDF/UA-1 profile) and PAC check, enough to catch a writer that stops tagging.

It checks the catalog (StructTreeRoot, MarkInfo /Marked true, /Lang, DisplayDocTitle), the
XMP (pdfuaid:part 1, a dc:title), and the structure tree: one H1, headings that never skip a
level, lists of LI, tables with TH cells, links, figures with a non-empty /Alt, and the
running header and footer out of the tree (artifacts). veraPDF checks much more (every glyph
mapped to Unicode, fonts embedded, every content item tagged or an artifact).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

HEADINGS = {f"/H{n}": n for n in range(1, 7)}


@dataclass
class Tree:
    """The structure elements of a tagged PDF, in reading order."""

    elements: list[tuple[str, dict]] = field(default_factory=list)  # (role, attributes)
    tagged: str = ""  # the text of all marked content the tree holds, in reading order

    def roles(self) -> list[str]:
        return [role for role, _ in self.elements]

    def headings(self) -> list[tuple[int, str]]:
        """Return (level, its text) for each heading, in order."""
        return [(HEADINGS[role], info.get("text", "")) for role, info in self.elements if role in HEADINGS]


def read_tree(data: bytes) -> Tree:
    """Return the structure tree of the PDF `data`, roles mapped through its /RoleMap, each
    heading with the text of the marked content it holds."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    tree = Tree()
    if root is None:
        return tree
    role_map = {str(k): str(v) for k, v in root.get("/RoleMap", {}).items()}
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    marked = _marked_texts(data)

    def text_of(node, page) -> str:
        """Return the text of the marked content under `node` (MCIDs on `page` or its own /Pg)."""
        if isinstance(node, pikepdf.Array):
            return "".join(text_of(child, page) for child in node)
        if isinstance(node, int):
            return marked.get((page, node), "")
        if isinstance(node, pikepdf.Dictionary):
            page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            if "/MCID" in node:
                return marked.get((page, int(node.MCID)), "")
            return text_of(node.get("/K"), page)
        return ""

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return
        role = role_map.get(str(node.S), str(node.S))
        info = {"alt": str(node.Alt) if "/Alt" in node else None}
        if role in HEADINGS:
            info["text"] = " ".join(text_of(node, None).split())
        tree.elements.append((role, info))
        walk(node.get("/K"))

    walk(root.get("/K"))
    tree.tagged = text_of(root.get("/K"), None)
    return tree


def _marked_texts(data: bytes) -> dict[tuple[int, int], str]:
    """Return the text of each marked-content item, by (page index, MCID), read with PDFium."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    out: dict[tuple[int, int], str] = {}
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for obj in page.get_objects():
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid < 0 or obj.type != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                buffer = (ctypes.c_ushort * (size // 2 + 1))()
                raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
                text = bytes(buffer)[:size].decode("utf-16-le", "replace").rstrip("\x00")
                out[(index, mcid)] = out.get((index, mcid), "") + text
    finally:
        document.close()
    return out


def problems(data: bytes, furniture: tuple[str, ...] = ("Page 1 of",)) -> list[str]:
    """Return what keeps the PDF `data` from passing the check; [] when it passes.

    `furniture`: texts of the running header and footer, which must be on the page but not
    in the structure tree (artifacts)."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root, out = pdf.Root, []
    if "/StructTreeRoot" not in root:
        out.append("no StructTreeRoot: the PDF is not tagged")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        out.append("MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        out.append("no /Lang")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        out.append("ViewerPreferences /DisplayDocTitle is not true")
    meta = pdf.open_metadata()
    if str(meta.get("pdfuaid:part", "")) != "1":
        out.append("the XMP does not claim PDF/UA-1 (pdfuaid:part 1)")
    if not str(meta.get("dc:title", "")):
        out.append("the XMP has no dc:title")
    tree = read_tree(data)
    out += structure_problems(tree)
    page_text = _page_text(data)
    for text in furniture:
        if text not in page_text:
            out.append(f"no page furniture '{text}' on the pages")
        elif text in tree.tagged:
            out.append(f"page furniture '{text}' is in the structure tree, not an artifact")
    return out


def _page_text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    finally:
        document.close()


def structure_problems(tree: Tree) -> list[str]:
    """Return the faults of the structure tree itself."""
    out = []
    roles = tree.roles()
    levels = [level for level, _ in tree.headings()]
    if levels.count(1) != 1:
        out.append(f"{levels.count(1)} H1 headings; the title is the one H1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            out.append(f"heading levels skip from H{before} to H{after}")
    if levels and levels[0] != 1:
        out.append(f"the first heading is H{levels[0]}, not H1")
    for role, info in tree.elements:
        if role == "/Figure" and not (info["alt"] or "").strip():
            out.append("a Figure without alt text (/Alt)")
    if "/L" in roles and "/LI" not in roles:
        out.append("a list (L) without items (LI)")
    if roles.count("/Table") > roles.count("/TH") or ("/Table" in roles and "/TH" not in roles):
        out.append("a table without header cells (TH)")
    if not tree.tagged.strip():
        out.append("the structure tree holds no text")
    return out
