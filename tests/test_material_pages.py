"""A generated page as MkDocs reads it (healthsite.adapters.mkdocs.material_pages): its front
matter gives back the title and description, escaped for Material, whatever they hold."""

from __future__ import annotations

import html

import pytest
from mkdocs.utils.meta import get_data

from healthsite.adapters.mkdocs.material_pages import page_source


@pytest.mark.parametrize(
    "title",
    [
        "Massage for stress",
        'Massage: "what the research says" # not a comment',
        "- looks like a list item, & <b>not</b> bold",
        "yes",  # a YAML boolean, when not quoted
        "Caf\u00e9 \u2014 \u2018quotes\u2019 and an emoji \U0001f600, with\ttab",
        "A long title " * 12,  # longer than YAML writes on one line
    ],
)
def test_front_matter_gives_back_what_was_written(title: str) -> None:
    body = "Some *Markdown*.\n"
    markdown, meta = get_data(page_source(title=title, description=title[::-1], body=body))
    assert meta == {
        "title": html.escape(title, quote=True),
        "description": html.escape(title[::-1], quote=True),
        "render_macros": False,
    }
    assert markdown == body
