"""Fixtures for the site checks: the built site, a local server for it, and headless Chromium.

The site checks test whatever site the project holds, with the real date, and assert only what
is true of every valid clinic site. `healthsite verify` runs them (`healthsite.site_checks.run`);
the engine's own tests import their helpers. The site is `$HEALTHSITE_SITE_DIR`,
or the project's content built into `.site-checks/` when the first check is collected (see
`site_under_test`). Tests that take
`site_page` run once per HTML file of the site; `details_page`, once per page with `<details>`;
`shape_page`, once per page shape (`SitePage.shape`: the first page of each kind, for the checks
of the theme's chrome around the content, which every page of a shape shares); `other_page`,
once per page that is not the first of its shape (for a check of the content alone, which a
`shape_page` check of the whole page already makes on that first page).

The checks can run in parallel processes (pytest-xdist, `-n`, as `make verify` does): the site is
built once for the run and the Nu HTML Checker runs once, whichever worker gets there first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from . import browser_fixtures
from .harness import (
    VIEWPORT,
    LinkChecker,
    OpenPage,
    Site,
    SitePage,
    Watch,
    block_foreign_hosts,
    discover_site,
    new_watched_page,
    once_per_run,
    origin_of,
    run_vnu,
    serve_site,
    site_dir,
)

# Debian's Chromium through Playwright (shared with the engine's own browser tests).
playwright = browser_fixtures.playwright
browser = browser_fixtures.browser

NO_SITE = "no-site"
SITE_CHECKS = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)


# Also declared in the engine's pyproject.toml, for its own runs.
MARKERS = (
    "browser: loads the built site in headless Chromium (needs /usr/bin/chromium)",
    "site_check: checks a project's own site with the real date (healthsite verify)",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a site check: it runs with the real date."""
    for item in items:
        if SITE_CHECKS in item.path.parents:
            item.add_marker(pytest.mark.site_check)


_SITE: list[Site] = []


def _browser_stage_deselected(config: pytest.Config) -> bool:
    return "not browser" in (config.option.markexpr or "")


def site_under_test(config: pytest.Config) -> Site:
    """The site, built (or found) once, when the first browser test is collected; nothing is
    built when the run leaves the browser stage out (`-m "not browser"`)."""
    if not _SITE:
        if _browser_stage_deselected(config):
            _SITE.append(Site(Path("(not built: browser tests deselected)"), None, "/", ()))
        else:
            _SITE.append(discover_site(site_dir()))
    return _SITE[0]


def _missing_site_message() -> str:
    return (
        f"no HTML pages under {_SITE[0].root if _SITE else '?'}: build the site first, "
        "or point HEALTHSITE_SITE_DIR at a built site"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not {"site_page", "details_page", "shape_page", "other_page"} & set(metafunc.fixturenames):
        return
    SITE = site_under_test(metafunc.config)  # noqa: N806 - one site for the whole run
    if "site_page" in metafunc.fixturenames:
        pages: list[SitePage | str] = [*SITE.pages] or [NO_SITE]
        metafunc.parametrize("site_page", pages, ids=str, indirect=True)
    if "details_page" in metafunc.fixturenames:
        with_details: list[SitePage | str] = [p for p in SITE.pages if p.facts.details_count] or [
            NO_SITE
        ]
        metafunc.parametrize("details_page", with_details, ids=str, indirect=True)
    if "shape_page" in metafunc.fixturenames:
        shapes: list[SitePage | str] = [*SITE.one_page_per_shape] or [NO_SITE]
        metafunc.parametrize("shape_page", shapes, ids=str, indirect=True)
    if "other_page" in metafunc.fixturenames:
        firsts = set(SITE.one_page_per_shape)
        others: list[SitePage | str] = [p for p in SITE.pages if p not in firsts]
        if not SITE.pages:
            others = [NO_SITE]
        # A site whose every page is the first of its shape has none: pytest skips the check,
        # saying the parameter set is empty.
        metafunc.parametrize("other_page", others, ids=str, indirect=True)


def _page_param(request: pytest.FixtureRequest) -> SitePage:
    param = request.param
    if param == NO_SITE:
        if site_under_test(request.config).pages:
            pytest.fail("no page of the site has <details> (the FAQ should)", pytrace=False)
        pytest.fail(_missing_site_message(), pytrace=False)
    assert isinstance(param, SitePage)
    return param


@pytest.fixture
def site_page(request: pytest.FixtureRequest) -> SitePage:
    return _page_param(request)


@pytest.fixture
def details_page(request: pytest.FixtureRequest) -> SitePage:
    return _page_param(request)


@pytest.fixture
def shape_page(request: pytest.FixtureRequest) -> SitePage:
    return _page_param(request)


@pytest.fixture
def other_page(request: pytest.FixtureRequest) -> SitePage:
    return _page_param(request)


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> Site:
    built = site_under_test(request.config)
    if not built.pages:
        pytest.fail(_missing_site_message(), pytrace=False)
    return built


@pytest.fixture(scope="session")
def base_url(site: Site) -> Iterator[str]:
    """The site served on 127.0.0.1 (free port) for the whole session: URL of its base path."""
    with serve_site(site) as url:
        yield url


@pytest.fixture(scope="session")
def origin(base_url: str) -> str:
    return origin_of(base_url)


@pytest.fixture
def context(browser: Browser, origin: str) -> Iterator[BrowserContext]:
    """A fresh browser profile for one test: empty cache and storage, light colour scheme, and
    every request to another host blocked (the tests record them as failures)."""
    ctx = browser.new_context(viewport=VIEWPORT, color_scheme="light", locale="en-AU")
    ctx.set_default_timeout(15_000)
    block_foreign_hosts(ctx, origin)
    yield ctx
    ctx.close()


@pytest.fixture
def open_page(context: BrowserContext, origin: str) -> OpenPage:
    """Opens a site page in a new tab of the test's context, recording requests and errors."""

    def _open(page: SitePage) -> tuple[Page, Watch]:
        tab, watch = new_watched_page(context, origin)
        tab.goto(origin + page.url_path, wait_until="load")
        tab.wait_for_load_state("networkidle")
        return tab, watch

    return _open


@pytest.fixture(scope="session")
def link_checker(base_url: str, site: Site) -> LinkChecker:
    return LinkChecker(base_url, site.site_url)


@pytest.fixture(scope="session")
def vnu_errors(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    """Nu HTML Checker errors per page, from a single run over every page (one for the whole
    run: parallel workers share it through their common temporary folder)."""

    def check_every_page() -> dict[str, list[str]]:
        errors = run_vnu([page.path for page in site.pages])
        return {str(path): found for path, found in errors.items()}

    # Under pytest-xdist each worker's base folder is inside the run's: the parent is shared.
    shared = tmp_path_factory.getbasetemp().parent
    found = once_per_run(shared, "vnu-errors", check_every_page)
    return {Path(path): errors for path, errors in found.items()}
