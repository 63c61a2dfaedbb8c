"""Strict YAML 1.2 reading with a line number for every value.

ruamel.yaml composes the node tree (YAML 1.2: `NO` stays a string); we build plain Python
values from it ourselves so that one file can report every duplicate key, anchor, alias and
tag it holds instead of stopping at the first. Raw control characters, invalid UTF-8 and
oversized files are reported here too, before the parser sees them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

MAX_BYTES = 2_000_000
MAX_NUMBER = 10**15  # numbers in content: counts, percentages, years; never near this
OUT_OF_RANGE = ("is not a usable number: numbers must be finite and between -10^15 and 10^15 "
                "(.nan and .inf are not allowed)")
PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": None,
    "tag:yaml.org,2002:null": None,
    "tag:yaml.org,2002:timestamp": str,  # dates stay text; the model parses them
}
# Characters XML 1.0 cannot carry, and the C1 controls no document should carry either.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

Path_ = tuple  # a path into the data: ("findings", 3, "figures", 0, "value")
Pending = tuple  # (path, message, line)


@dataclass
class Located:
    """The data of one YAML file and the line of every value in it."""

    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def item(self, path: Path_) -> str:
        """Return how messages name the item at `path`, e.g. "finding 'forum-images-2023'"."""
        data = self.data
        if self._in_list(path):
            items = data.get(path[0])
            raw = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
            noun = {"glossary": "term", "sensitivity": "level"}.get(path[0], path[0].rstrip("s"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                return f"{noun} '{raw['id']}'"
            return f"{noun} #{path[1] + 1}"
        if self.file.startswith("templates/audiences/"):
            return f"audience '{self.file.rsplit('/', 1)[-1].removesuffix('.yaml')}'"
        return ""

    def field(self, path: Path_) -> str:
        """Return `path` as a field name relative to its item, e.g. 'figures[0].value'."""
        return dotted(path[2:] if self._in_list(path) else path)

    def _in_list(self, path: Path_) -> bool:
        """Return True if `path` is inside an item of a list file (findings: [...], ...)."""
        audience = self.file.startswith("templates/audiences/")
        return not audience and len(path) >= 2 and isinstance(path[1], int) and isinstance(self.data, dict)

    def problem(self, path: Path_, message: str, line: int | None = None) -> Problem:
        """Return a Problem at `path` naming its item and field."""
        return Problem(self.file, line or self.line(path), message, self.item(path), self.field(path))

    def at_line(self, line: int) -> Path_ | None:
        """Return the deepest path that starts on `line`, if any."""
        paths = [p for p, n in self.lines.items() if n == line]
        return max(paths, key=len) if paths else None

    def line(self, path: Path_) -> int:
        """Return the line of `path`, or of its nearest located parent."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def read(path: Path, label: str) -> tuple[Located | None, list[Problem]]:
    """Return the file's data with its lines, and every problem found reading it.

    The data is None when the file cannot be parsed at all.
    """
    bad_lines: list[tuple[int, str]] = []
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(label, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X})")]
    for number, line_text in enumerate(text.split("\n"), 1):
        for match in BAD_CHARS.finditer(line_text.rstrip("\r")):
            bad_lines.append((number, f"control character {char_name(match.group())} at column "
                                      f"{match.start() + 1}; remove it"))
    text = BAD_CHARS.sub("\ufffd", text)  # reported above; replaced so parsing can go on
    early = [Problem(label, n, m) for n, m in bad_lines]
    found, parse_problem = _scan(text, label)
    if parse_problem:
        return None, early + [parse_problem]
    if found.refused:  # an alias or runaway nesting: nothing is composed
        named = Located(label, found.skeleton())
        return None, early + [named.problem(path, message, line) for path, message, line in found.refused]
    node, parse_problem = _compose(text, label)
    if parse_problem:
        return None, early + [parse_problem]
    located = Located(label, None)
    pending: list[Pending] = []  # problems to name by item once the data is built
    located.data = _value(node, (), located, pending) if node is not None else None
    pending += [(located.at_line(number) or (), message, number) for number, message in bad_lines]
    return located, [located.problem(*p) for p in pending]


def _parsers():
    """Return the YAML readers to try in turn: the C one (about 8 times faster), then the
    pure one, which says more precisely what is wrong and reads escaped surrogates."""
    from ruamel.yaml import YAML

    return YAML(typ="safe"), YAML(typ="safe", pure=True)


def _scan(text: str, label: str):
    """Return the streaming pre-check of `text` (yamlscan.scan), or a parse problem."""
    from ruamel.yaml.error import YAMLError

    from . import yamlscan

    fast, pure = _parsers()
    try:
        return yamlscan.scan(fast.parse(text)), None
    except YAMLError:
        pass
    try:
        return yamlscan.scan(pure.parse(text)), None
    except YAMLError as exc:
        return None, _parse_problem(exc, label)


def _compose(text: str, label: str):
    """Return the node tree of `text`, which the pre-check has found free of aliases and
    runaway nesting, or a parse problem."""
    from ruamel.yaml.error import YAMLError

    fast, pure = _parsers()
    try:
        return fast.compose(text), None
    except YAMLError:
        pass
    try:
        return pure.compose(text), None
    except YAMLError as exc:
        return None, _parse_problem(exc, label)


def _parse_problem(exc, label: str) -> Problem:
    from ruamel.yaml.error import MarkedYAMLError

    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
        return Problem(label, mark.line + 1 if mark else 1, f"is not valid YAML: {message}")
    return Problem(label, 1, f"is not valid YAML: {exc}")


def _value(node, path: Path_, located: Located, pending: list[Pending]):
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    line = node.start_mark.line + 1
    located.lines[path] = line
    if isinstance(node, ScalarNode):
        return _scalar(node, path, pending)
    if node.tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        pending.append(_tag_problem(node, path))
    if isinstance(node, SequenceNode):
        return [_value(item, path + (i,), located, pending) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            pending.append((path, "merge keys (<<) and complex keys are not allowed", key_line))
            continue
        key = str(key_node.value)
        if key in seen:
            pending.append((path + (key,), f"duplicate key '{key}' (first at line {seen[key]}); "
                                           "YAML would keep only one of them", key_line))
            continue
        seen[key] = key_line
        result[key] = _value(value_node, path + (key,), located, pending)
        located.lines[path + (key,)] = key_line
    return result


def _scalar(node, path: Path_, pending: list[Pending]):
    tag = node.tag
    if tag not in PLAIN_TAGS:
        pending.append(_tag_problem(node, path))
        return node.value
    value = node.value
    if node.style:  # quoted or block scalars are always strings
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        number = _number(value, tag)
        if number is None:
            pending.append((path, OUT_OF_RANGE, node.start_mark.line + 1))
        return number
    return value


def _number(text: str, tag: str) -> int | float | None:
    """Return the number `text` stands for, or None if it is not finite or out of range.

    The digits are counted before converting: Python refuses to convert an integer of more
    than 4,300 digits, and a number of hundreds of digits breaks formatting further on.
    """
    digits = text.replace("_", "").lstrip("+-")
    if len(digits) > 40 or digits.lower() in (".nan", ".inf"):
        return None
    if tag == "tag:yaml.org,2002:int":
        number = int(digits, 0) if digits[:2].lower() in ("0x", "0o") else int(digits)
        number = -number if text.startswith("-") else number
    else:
        number = float(text.replace("_", ""))
    return number if math.isfinite(number) and abs(number) < MAX_NUMBER else None


def _tag_problem(node, path: Path_) -> Pending:
    return path, f"tags ({node.tag}) are not allowed", node.start_mark.line + 1


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def undotted(field: str) -> Path_:
    """Return the path a field name such as 'progress[0].status' stands for."""
    parts: list = []
    for piece in field.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        parts += [name] + [int(i) for i in indexes]
    return tuple(parts)
