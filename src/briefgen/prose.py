"""Prose fragments an audience owns (title, purpose, call to action, text sections): jinja2.

Templates run sandboxed with StrictUndefined, so a misspelt variable is an error, never an
empty string. Every value a template inserts is escaped as Markdown by `finalize`, so content
text is literal in the result: `{{ 7*7 }}` or `*x*` inside a value is printed as written.
"""
from __future__ import annotations

from functools import lru_cache

from . import inline


class TemplateProblem(ValueError):
    """A template that does not compile or render; the message says why and where."""


class Fields(dict):
    """A row of named values (a recipient's cells) whose missing names a template is told
    about plainly: "unknown column 'rol'; did you mean 'role'?", not "'dict object' has no
    attribute 'rol'"."""

    def __init__(self, values: dict, columns: tuple[str, ...] = ()):
        super().__init__(values)
        self._columns = columns or tuple(values)

    def missing(self, name: str) -> str:
        """Return why `name` has no value here."""
        if name in self._columns:
            return (f"column '{name}' is empty; print it only where it is filled: "
                    f"{{% if '{name}' in recipient %}}…{{% endif %}}")
        import difflib

        close = difflib.get_close_matches(name, self._columns, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else "."
        return f"unknown column '{name}'{hint} Columns: {', '.join(self._columns)}"


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Undefined(StrictUndefined):
        @property
        def _undefined_message(self) -> str:
            owner, name = self._undefined_obj, self._undefined_name
            if isinstance(owner, Fields) and isinstance(name, str):
                return owner.missing(name)
            return super()._undefined_message

    return SandboxedEnvironment(undefined=Undefined, autoescape=False, finalize=_finalize,
                                keep_trailing_newline=False)


def _finalize(value: object) -> object:
    return inline.escape(value) if isinstance(value, str) else value


@lru_cache(maxsize=512)
def compile(source: str):
    """Return the compiled template; raise TemplateProblem naming the template line."""
    from jinja2 import TemplateSyntaxError

    try:
        return _environment().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"template error on its line {exc.lineno}: {exc.message}") from None


def render(source: str, context: dict) -> str:
    """Return the Markdown `source` renders to with `context`."""
    from jinja2 import TemplateError, UndefinedError

    template = compile(source)
    try:
        return template.render(context)
    except UndefinedError as exc:
        raise TemplateProblem(f"template uses an undefined value: {exc.message}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"template error: {exc}") from None
