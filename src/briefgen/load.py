"""Content and audience files → the validated model, with every problem reported at once."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import access, model, prose, themefile, yamlfile
from .characters import check_text
from .crossrefs import check_references
from .errors import ContentError, Problem
from .recipients import WINDOWS_RESERVED
from .theme import Theme

LIST_FILES = ("sources",) + tuple(model.KINDS)
UNION_TAGS = {"int", "float", "str", "bool", "none"}


@dataclass(frozen=True)
class Project:
    root: Path
    content: model.Content
    audiences: dict[str, model.Audience]
    theme: Theme
    warnings: tuple[Problem, ...] = ()
    files: dict[str, yamlfile.Located] = field(default_factory=dict)  # for locating problems later


class _Reader:
    """Collects problems while reading one project."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, yamlfile.Located] = {}
        self.broken: set[tuple[str, str]] = set()  # (kind, id) of items that failed validation
        self.unreadable: set[str] = set()  # list files that could not be read: ids unknowable
        self.lowest: str | None = None  # the least sensitive level; None until the vocabulary is read

    def read(self, relative: str, required: bool = True) -> yamlfile.Located | None:
        path = self.root / relative
        if not path.is_file():
            if required:
                self.problems.append(Problem(relative, 1, "file is missing"))
            return None
        located, problems = yamlfile.read(path, relative)
        self.problems += problems
        if located:
            self.files[relative] = located
        return located

    def validate(self, cls: type[BaseModel], data, located: yamlfile.Located, path: tuple,
                 item: str = "", secret: bool = False):
        """Return `cls` validated from `data`, or None after recording each error; a `secret`
        item's messages never quote its values."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            found = [_problem(err, cls, located, path, item, secret) for err in exc.errors()]
            self.problems += _first_per_field(found)
            return None

    def add(self, located: yamlfile.Located, path: tuple, message: str) -> None:
        self.problems.append(located.problem(tuple(path), message))


def load(root: Path) -> Project:
    """Return the project at `root`; raise ContentError listing every problem found."""
    reader = _Reader(root)
    vocabulary = _single(reader, "content/vocabulary.yaml", model.Vocabulary)
    if vocabulary:
        access.check_levels(reader, reader.files["content/vocabulary.yaml"], vocabulary)
        reader.lowest = vocabulary.sensitivity[0].id
    briefing = _single(reader, "content/briefing.yaml", model.Briefing)
    lists = {name: _list(reader, name) for name in LIST_FILES}
    audiences = _audiences(reader)
    theme = themefile.read(reader)
    if vocabulary and briefing:
        content = model.Content(briefing, vocabulary, *(tuple(i for i, _ in lists[n]) for n in LIST_FILES))
        check_references(reader, content, lists, audiences)
        content = _resolve_sensitivity(content)
        access.check_references(reader, content, lists)
        if theme:
            check_text(reader, theme, briefing.language)
    problems = access.withhold(reader.problems, access.secret_items(reader.files, reader.lowest))
    if any(p.severity == "error" for p in problems) or not (vocabulary and briefing and theme):
        raise ContentError(problems)
    return Project(root, content, {a.id: a for a, _ in audiences}, theme,
                   tuple(p for p in problems if p.severity == "warning"), reader.files)


def _single(reader: _Reader, relative: str, cls):
    located = reader.read(relative)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        reader.add(located, (), "must be a mapping of fields")
        return None
    return reader.validate(cls, located.data, located, ())


def _list(reader: _Reader, name: str) -> list[tuple[model.Item, tuple]]:
    """Return (item, (file, path)) pairs of one list file; a missing file is an empty list."""
    relative = f"content/{name}.yaml"
    located = reader.read(relative, required=False)
    if located is None:
        if (reader.root / relative).is_file():
            reader.unreadable.add(name)
        return []
    cls, noun = model.KINDS.get(name, (model.Source, "source"))
    data = located.data
    if not isinstance(data, dict) or set(data) != {name} or not isinstance(data[name], list):
        reader.add(located, (), f"must hold one key, '{name}:', with a list of {noun}s")
        return []
    items = []
    for index, raw in enumerate(data[name]):
        path = (name, index)
        item_id = raw.get("id") if isinstance(raw, dict) else None
        label = f"{noun} '{item_id}'" if isinstance(item_id, str) else f"{noun} #{index + 1}"
        if not isinstance(raw, dict):
            reader.add(located, path, f"each {noun} must be a mapping of fields")
            continue
        secret = reader.lowest is None or raw.get("sensitivity") != reader.lowest
        item = reader.validate(cls, raw, located, path, label, secret)
        if item is None:
            item = _salvage(cls, raw)  # still cross-checked, so every problem shows in one run
            if item is None and isinstance(item_id, str):
                reader.broken.add((name, item_id))
        if item is not None:
            items.append((item, (located, path, label)))
    return items


def _salvage(cls, raw: dict):
    """Return `raw` validated without its invalid fields, or None; its errors are already recorded."""
    try:
        cls.model_validate(raw)
    except ValidationError as exc:
        bad = {err["loc"][0] for err in exc.errors() if err["loc"]}
    try:
        return cls.model_validate({k: v for k, v in raw.items() if k not in bad})
    except ValidationError:
        return None


def _audiences(reader: _Reader) -> list[tuple[model.Audience, tuple]]:
    folder = reader.root / "templates" / "audiences"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        reader.problems.append(Problem("templates/audiences", 1, "no audience profiles (*.yaml)"))
    out = []
    for path in files:
        relative = f"templates/audiences/{path.name}"
        located = reader.read(relative)
        if located is None:
            continue
        if not isinstance(located.data, dict):
            reader.add(located, (), "must be a mapping of fields")
            continue
        label = f"audience '{path.stem}'"
        if WINDOWS_RESERVED.match(path.stem):
            reader.add(located, (), f"the file name '{path.stem}' names the output folder, and Windows, "
                       "where briefings are opened, reserves it; rename the file")
            continue
        if "id" in located.data:
            reader.add(located, ("id",), "the audience id is the file name; remove 'id'")
            continue
        audience = reader.validate(model.Audience, {"id": path.stem, **located.data}, located, (), label)
        if audience is not None:
            _compile_templates(reader, audience, located, label)
            out.append((audience, (located, (), label)))
    return out


def _compile_templates(reader: _Reader, audience: model.Audience, located, label: str) -> None:
    templates = [(("prose", k), v) for k, v in audience.prose.model_dump().items()]
    for i, section in enumerate(audience.sections):
        templates += [(("sections", i, "body"), section.body)] if section.body else []
        for j, question in enumerate(section.questions):
            templates += [(("sections", i, "questions", j, "text"), question.text),
                          (("sections", i, "questions", j, "answer"), question.answer)]
        templates += [(("sections", i, "rows", j, 1), value) for j, (_, value) in enumerate(section.rows)]
    for path, source in templates:
        try:
            prose.compile(source)
        except prose.TemplateProblem as exc:
            reader.add(located, path, str(exc))


def _resolve_sensitivity(content: model.Content) -> model.Content:
    """Return content where every item without a level has the most restrictive one."""
    highest = content.vocabulary.sensitivity[-1].id
    fix = lambda items: tuple(i if i.sensitivity else i.model_copy(update={"sensitivity": highest}) for i in items)
    return model.Content(content.briefing, content.vocabulary, content.sources,
                         *(fix(getattr(content, n)) for n in model.KINDS))


def validated(cls: type[BaseModel], data, located: yamlfile.Located, path: tuple = (), item: str = ""):
    """Return (`data` validated as `cls` or None, a Problem for each validation error)."""
    try:
        return cls.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(err, cls, located, path, item) for err in exc.errors()]


def _problem(err: dict, cls: type[BaseModel], located: yamlfile.Located, path: tuple, item: str,
             secret: bool = False) -> Problem:
    loc = tuple(part for part in err["loc"] if not _union_tag(part))
    field = yamlfile.dotted(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        message = f"unknown field '{loc[-1]}'{_suggest(str(loc[-1]), _fields(cls, loc[:-1]))}"
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == model.ID_PATTERN:
        message = f"must be an id: lower-case letters, digits and '-', starting with a letter (got {_quote(err['input'])})"
    else:
        message = err["msg"].removeprefix("Value error, ")
        if secret:
            message += " (value not shown: the item is above the lowest level)"
        elif f"'{err.get('input')}'" not in message:  # a message that quotes the value says enough
            message += f" (got {_quote(err.get('input'))})"
    return Problem(located.file, located.line(path + loc), message, item, field)


def _first_per_field(problems: list[Problem]) -> list[Problem]:
    """Return one problem per field: a value that fits no member of a union fails each."""
    first: dict[tuple, Problem] = {}
    for problem in problems:
        first.setdefault((problem.line, problem.field), problem)
    return list(first.values())


def _union_tag(part) -> bool:
    """Return True for the names pydantic puts in a location to say which member of a union
    failed (a model's class name, or a type such as 'int'): they are not fields."""
    return isinstance(part, str) and (part[:1].isupper() or part in UNION_TAGS)


def _fields(cls: type[BaseModel], loc: tuple) -> list[str]:
    """Return the field names valid at `loc` inside `cls`, for 'did you mean' hints."""
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        annotation = cls.model_fields.get(part)
        cls = _model_in(annotation.annotation) if annotation else None
    if cls is None:
        return []
    return [f.alias or name for name, f in cls.model_fields.items()]


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _quote(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
