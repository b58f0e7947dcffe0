"""The treatments and prices page in Chromium: no axe violation in light or dark colours, with a
dark and a pastel brand colour (the outlined booking buttons must stay readable on white and on
the dark background), and no HTML error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from healthsite.site_checks.harness import (
    PALETTES,
    VIEWPORT,
    block_foreign_hosts,
    describe_violations,
    discover_site,
    expect_none,
    origin_of,
    run_axe,
    run_vnu,
    serve_site,
    set_palette,
)

from .conftest import build_on_fixed_date
from .test_services import project_with_services

pytestmark = pytest.mark.browser


# The fixture clinic's dark green, and a pastel pink (dark text on the header and on primary
# buttons; outlined buttons must not take it as their text colour on white).
COLOURS = ["#1f6f5c", "#f4c2c2"]


@pytest.fixture(scope="module", params=COLOURS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_services(tmp_path_factory.mktemp("services"))
    clinic = project / "content" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    assert 'primary_colour: "#1f6f5c"' in text
    clinic.write_text(
        text.replace('primary_colour: "#1f6f5c"', f'primary_colour: "{request.param}"'),
        encoding="utf-8",
    )
    return build_on_fixed_date(project)


@pytest.fixture(scope="module")
def services_url(site: Path) -> Iterator[str]:
    with serve_site(discover_site(site)) as base_url:
        yield base_url.rstrip("/") + "/services/"


@pytest.mark.parametrize("state", PALETTES)
def test_the_page_passes_axe_in_both_colour_schemes(
    browser: Browser, services_url: str, state: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-AU")
    block_foreign_hosts(context, origin_of(services_url))
    try:
        page = context.new_page()
        page.goto(services_url, wait_until="load")
        set_palette(page, PALETTES[state])
        expect_none(f"axe on the prices page ({state}):", describe_violations(run_axe(page), state))
    finally:
        context.close()


def test_the_page_is_valid_html(site: Path) -> None:
    page = site / "services" / "index.html"
    expect_none("Nu HTML Checker on the prices page:", run_vnu([page])[page.resolve()])
