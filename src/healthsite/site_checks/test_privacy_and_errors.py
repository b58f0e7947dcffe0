"""Each page, used as a reader would (scrolled, answers opened, palette switched, search typed
into), asks nothing of any other host, logs no error, and keeps in the browser only what the
privacy policy says it keeps. The search is the theme's, the same on every page of a shape, so
it is typed into on the first page of each shape (`SitePage.shape`) only."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import Page

from .harness import (
    PALETTES,
    OpenPage,
    Site,
    SitePage,
    expect_none,
    kept_in_the_browser,
    open_all_details,
    origin_of,
    set_palette,
    wait_for_animations,
)

pytestmark = pytest.mark.browser

# Hints that make the browser contact a host before any request shows up as one.
_EARLY_CONNECTION_RELS = {"dns-prefetch", "preconnect", "prefetch", "preload", "modulepreload"}


def _use_search(page: Page) -> None:
    """Type into Material's search, if the page has it, and wait for the results."""
    field = page.locator("input[data-md-component='search-query']")
    if field.count() == 0:
        return
    if not field.is_visible():  # narrow screens: the search opens from a header button
        page.locator("label[for='__search']").first.click()
    field.fill("massage")
    page.wait_for_selector("[data-md-component='search-result'] .md-search-result__meta")
    page.keyboard.press("Escape")


def test_no_third_party_requests_and_no_errors(
    site_page: SitePage, open_page: OpenPage, site: Site
) -> None:
    page, watch = open_page(site_page)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    open_all_details(page)
    if page.locator("input[name='__palette']").count():
        set_palette(page, PALETTES["dark"])
        set_palette(page, PALETTES["light"])
    if site_page in site.one_page_per_shape:
        _use_search(page)
    page.wait_for_load_state("networkidle")
    wait_for_animations(page)

    problems = watch.problems() + kept_in_the_browser(page)
    page_url = watch.origin + site_page.url_path
    for ref in site_page.facts.refs:
        if ref.tag == "link" and _EARLY_CONNECTION_RELS & set(ref.rel.split()):
            target = urllib.parse.urljoin(page_url, ref.url)
            if origin_of(target) != watch.origin:
                problems.append(f"{ref.describe()}: connects to another host")
    expect_none(f"{site_page}: privacy or error problems:", problems)
