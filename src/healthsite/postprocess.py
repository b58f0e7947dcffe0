"""Last touches to every built HTML page: fixes Material's markup cannot take from overrides,
then minification (smaller pages for readers on slow phones)."""

from __future__ import annotations

import re

import minify_html

# Material 9.8.1 writes autocomplete="off" on its two hidden toggle checkboxes in base.html,
# outside any block an override could replace. The attribute is not valid on a checkbox
# (the Nu HTML checker reports it), and removing it changes nothing for anyone.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


def finish_html(html: str, *, minify: bool = True) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    if not minify:
        return html
    return str(
        minify_html.minify(
            html,
            minify_js=False,
            minify_css=True,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            keep_comments=False,
        )
    )
