"""What Material for MkDocs (and mkdocs-macros) need of the pages the generator hands them.

Material writes a page's title and description, the site name and menu titles into HTML and
attributes without escaping them, so the adapter escapes each such text here, once, on its way
in; and mkdocs-macros would read a generated page's text as Jinja unless its front matter says
not to. The core (`render`) returns plain text and Markdown and knows neither.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import yaml

# libyaml's writer where PyYAML has it (ten times faster than PyYAML's own, and MkDocs reads
# back the same values whichever wrote them).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def material_text(text: str) -> str:
    """`text` as Material writes it unescaped into HTML and attributes: escaped."""
    return html.escape(text, quote=True)


def page_source(*, title: str, description: str, body: str) -> str:
    """A generated page as MkDocs reads a file: front matter, then the Markdown body."""
    meta = {
        "title": material_text(title),
        "description": material_text(description),
        # Generated pages are complete: the macros plugin must not read their text as Jinja.
        "render_macros": False,
    }
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return "---\n" + front + "---\n\n" + body


def expands_macros(meta: Mapping[str, Any]) -> bool:
    """Whether mkdocs-macros renders a hand-written page with the front matter `meta` (it does
    unless the page says `render_macros: false`)."""
    return meta.get("render_macros", True) is not False
