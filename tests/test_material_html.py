"""The fixes `healthsite.adapters.mkdocs.material_html` makes to the markup Material writes outside
any template block still apply to what this Material writes: a built page has no invalid
`autocomplete` on Material's two toggle checkboxes, and every page, the 404 page (which has no
table of contents) too, has one "Skip to content" link to a heading on it.

These fixes are regular expressions over Material's HTML, so a new Material that writes this
markup another way fails here rather than quietly publishing the old faults."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from .conftest import FIXTURE_CONTENT, build_on_fixed_date, copy_project


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LexborHTMLParser]:
    """Every HTML page of the fixture site as built, parsed, by its path in the site."""
    site = build_on_fixed_date(
        copy_project(tmp_path_factory.mktemp("material") / "project", FIXTURE_CONTENT)
    )
    return {
        str(page.relative_to(site)): LexborHTMLParser(page.read_text(encoding="utf-8"))
        for page in sorted(site.rglob("*.html"))
    }


def test_the_toggle_checkboxes_carry_no_autocomplete(pages: dict[str, LexborHTMLParser]) -> None:
    assert len(pages) >= 7
    for name, page in pages.items():
        toggles = page.css("input.md-toggle[data-md-toggle]")
        assert sorted(t.attributes.get("data-md-toggle") or "" for t in toggles) == [
            "drawer",
            "search",
        ], name
        assert not [t for t in toggles if "autocomplete" in t.attributes], name


def test_every_page_has_one_skip_link_to_a_heading_on_it(
    pages: dict[str, LexborHTMLParser],
) -> None:
    assert "404.html" in pages
    for name, page in pages.items():
        links = page.css('[data-md-component="skip"] a.md-skip')
        assert len(links) == 1, name
        target = (links[0].attributes.get("href") or "").removeprefix("#")
        heading = page.css_first(f'[id="{target}"]')
        assert heading is not None and heading.tag in {"h1", "h2"}, name
    not_found = pages["404.html"].css_first('[data-md-component="skip"] a.md-skip')
    assert not_found is not None
    heading = pages["404.html"].css_first("h1")
    assert heading is not None
    assert not_found.attributes.get("href") == f"#{heading.attributes.get('id')}"
