"""A hand-written page of docs/ with its macros expanded, as mkdocs-macros expands them in the
MkDocs build: the page's text after its front matter is a Jinja template whose names are the
page macros (`render.page_macros`), `clinic` and the values under `extra:` in mkdocs.yml, with
undefined names an error (mkdocs.yml sets mkdocs-macros' `on_undefined: strict`). The front
matter is kept as written.

A name mkdocs-macros gives besides these (`config`, `page`, `navigation`, ...) is not given here:
such a page stops with a message naming the file, the line and the name.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError

from healthsite.source.errors import ContentProblem
from healthsite.source.markup import front_matter_lines, without_front_matter

_TEMPLATE = "<template>"


class PageMacroError(ValueError):
    """A hand-written page's macros could not be expanded; `problem` says where and why."""

    def __init__(self, problem: ContentProblem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def _line_in(error: BaseException) -> int:
    """The line of the page's template an error was raised on (0 when the traceback has none)."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    # Jinja puts the template's own lines into the traceback, under the name it compiles a
    # template from a string with.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == _TEMPLATE]
    return (frames[-1].lineno or 0) if frames else 0


def expand_macros(
    text: str,
    shown: str,
    *,
    macros: Mapping[str, Callable[..., Any]],
    variables: Mapping[str, Any],
) -> str:
    """`text` (a page, front matter included) with the Jinja after its front matter rendered
    with `macros` and `variables`. `shown` names the page in messages (docs/clinic.md). Raises
    PageMacroError at the line of the page that fails."""
    kept = front_matter_lines(text)
    # The front matter blanked out, so the template's line numbers are the page's.
    env = Environment(
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701 - the page is Markdown; the macros return safe markup
    )
    env.globals.update(variables)
    env.globals.update(macros)
    try:
        rendered = env.from_string(without_front_matter(text)).render()
    except TemplateError as exc:
        raise PageMacroError(
            ContentProblem(
                shown,
                _line_in(exc),
                0,
                "",
                f"the page's macros cannot be expanded: {exc.message or exc}",
                "use only healthsite's macros, clinic and the values under extra: in mkdocs.yml "
                "(the pages built without MkDocs have nothing else)",
            )
        ) from None
    front = "".join(text.splitlines(keepends=True)[:kept])
    return front + rendered[kept:]
