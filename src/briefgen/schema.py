"""JSON Schema of the content and audience files, generated from the models (for editors)."""
from __future__ import annotations

from . import model
from .theme import ThemeFile


def _list_of(key: str, cls) -> dict:
    return {"type": "object", "additionalProperties": False, "required": [key],
            "properties": {key: {"type": "array", "items": cls.model_json_schema(by_alias=True)}}}


def _optional(schema: dict) -> dict:
    """Return `schema` with nothing required: theme.yaml overrides only the keys it names."""
    schema.pop("required", None)
    for definition in schema.get("$defs", {}).values():
        definition.pop("required", None)
    return schema


def json_schema() -> dict:
    """Return one JSON Schema per file, keyed by the file's path pattern."""
    files = {
        "content/briefing.yaml": model.Briefing.model_json_schema(by_alias=True),
        "content/vocabulary.yaml": model.Vocabulary.model_json_schema(by_alias=True),
        "content/sources.yaml": _list_of("sources", model.Source),
        "templates/audiences/*.yaml": model.Audience.model_json_schema(by_alias=True),
        "theme.yaml": _optional(ThemeFile.model_json_schema()),
    }
    for key, (cls, _) in model.KINDS.items():
        files[f"content/{key}.yaml"] = _list_of(key, cls)
    audience = files["templates/audiences/*.yaml"]
    audience["properties"].pop("id")  # the file name is the id
    audience["required"] = [r for r in audience.get("required", []) if r != "id"]
    return files
