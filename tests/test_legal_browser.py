"""What the privacy policy says the website keeps in the browser, checked in Chromium: only
Material's colour scheme and no cookie on the fixture site, and the site check that guards the
statement fails when a clinic's script stores something else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from healthsite.site_checks.harness import (
    PALETTES,
    VIEWPORT,
    block_foreign_hosts,
    discover_site,
    kept_in_the_browser,
    new_watched_page,
    origin_of,
    serve_site,
    set_palette,
)

from .conftest import FIXTURE_CONTENT, build_on_fixed_date, copy_project

pytestmark = pytest.mark.browser

TRACKER = "localStorage.setItem('visitor-id', '42');\ndocument.cookie = 'seen=yes; path=/';\n"


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("plain") / "project", FIXTURE_CONTENT)
    with serve_site(discover_site(build_on_fixed_date(project))) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def tracking_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site after a clinic adds a script of its own that keeps an id and a cookie."""
    project = copy_project(tmp_path_factory.mktemp("tracking") / "project", FIXTURE_CONTENT)
    scripts = project / "docs" / "assets" / "javascripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "tracker.js").write_text(TRACKER)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nextra_javascript:" not in text
    config.write_text(
        text + "\nextra_javascript:\n  - assets/javascripts/tracker.js\n", encoding="utf-8"
    )
    with serve_site(discover_site(build_on_fixed_date(project))) as base_url:
        yield base_url


def _stored_after_use(browser: Browser, base_url: str) -> tuple[list[str], list[str]]:
    """Open the privacy page, switch to dark and back, and report the keys in localStorage and
    what the site check finds."""
    origin = origin_of(base_url)
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", locale="en-AU")
    block_foreign_hosts(context, origin)
    try:
        page, _ = new_watched_page(context, origin)
        page.goto(base_url + "privacy/", wait_until="load")
        page.wait_for_load_state("networkidle")
        set_palette(page, PALETTES["dark"])
        set_palette(page, PALETTES["light"])
        keys = page.evaluate("Object.keys(localStorage)")
        return sorted(keys), kept_in_the_browser(page)
    finally:
        context.close()


def test_the_site_keeps_only_the_colour_scheme(browser: Browser, plain_site: str) -> None:
    keys, problems = _stored_after_use(browser, plain_site)
    assert keys == ["/.__palette"]
    assert problems == []


def test_the_site_check_catches_a_script_that_keeps_more(
    browser: Browser, tracking_site: str
) -> None:
    keys, problems = _stored_after_use(browser, tracking_site)
    assert "visitor-id" in keys
    assert problems == [
        "sets the cookie 'seen'",
        "stores 'visitor-id' in localStorage, which the privacy policy does not mention",
    ]
