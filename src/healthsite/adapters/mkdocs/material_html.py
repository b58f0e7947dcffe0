"""Last touches to every built HTML page: fixes Material's markup cannot take from overrides,
then minification (smaller pages for readers on slow phones).

Material internal: each fix is a regular expression over the HTML Material writes outside any
template block, so it depends on that markup as Material 9.8.2 writes it. No block or template
variable reaches it; only a copy of Material's whole base.html in the theme would, to be
re-copied at every upgrade. An HTML parser would find the elements more robustly, but
selectolax writes the whole page out again in its own way (`<path .../>` in Material's SVG
icons as `<path ...></path>`, among others): tried on the example site, not one page kept its
bytes, minified or not. tests/test_material_html.py fails if a new Material writes this markup
so that a fix no longer applies.
"""

from __future__ import annotations

import re

import minify_html

# Material 9.8.2 writes autocomplete="off" on its two hidden toggle checkboxes in base.html,
# outside any block an override could replace. The attribute is not valid on a checkbox
# (the Nu HTML checker reports it), and removing it changes nothing for anyone.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


# Material writes its "Skip to content" link only when a page has a table of contents, in a
# <div> outside any template block. A page without one (the 404 page) gets a link to its <h1>.
_EMPTY_SKIP = re.compile(r'<div data-md-component="skip">\s*</div>')
_FIRST_H1_ID = re.compile(r'<h1 id="([^"]+)"')


def _add_missing_skip_link(html: str) -> str:
    heading = _FIRST_H1_ID.search(html)
    if heading is None:
        return html
    link = f'<a href="#{heading.group(1)}" class="md-skip">Skip to content</a>'
    return _EMPTY_SKIP.sub(f'<div data-md-component="skip">{link}</div>', html, count=1)


def finish_html(html: str, *, minify: bool = True) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    html = _add_missing_skip_link(html)
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
