"""The front door on a phone (390 by 844 CSS pixels) in Chromium, for a clinic with three
locations and two booking pages (tests/fixtures/locations/three-locations.yml): two booking
buttons of equal widths, nothing wider than the screen, each location's hours table shown with
today's hours first (the day at the clinic, whatever the reader's clock), the clinic's logo in
the header; no axe violation and no HTML error on the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

from healthsite.site_checks.harness import (
    PALETTES,
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
from .test_front_door import project_with_three_locations

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
SYDNEY = ZoneInfo("Australia/Sydney")
LOCATIONS = ["wattle-lane", "riverside", "hilltop"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_on_fixed_date(project_with_three_locations(tmp_path_factory.mktemp("front")))


@pytest.fixture(scope="module")
def home_url(site: Path) -> Iterator[str]:
    with serve_site(discover_site(site)) as base_url:
        yield base_url


@pytest.fixture
def phone(browser: Browser, home_url: str) -> Iterator[BrowserContext]:
    # A reader's clock in UTC: "today" must still be the day in Sydney.
    context = browser.new_context(viewport=PHONE, locale="en-AU", timezone_id="UTC")
    block_foreign_hosts(context, origin_of(home_url))
    yield context
    context.close()


def open_home(context: BrowserContext, url: str, clock: datetime) -> Page:
    page = context.new_page()
    page.clock.set_fixed_time(clock)
    page.goto(url, wait_until="load")
    return page


def test_two_booking_buttons_of_equal_widths_and_nothing_wider_than_the_phone(
    phone: BrowserContext, home_url: str
) -> None:
    page = open_home(phone, home_url, datetime(2026, 11, 25, 10, tzinfo=SYDNEY))
    buttons = page.locator(".hs-front-door .hs-book a.md-button")
    assert buttons.all_inner_texts() == ["Book at Wattle Lane or Hilltop", "Book at Riverside"]
    boxes = [button.bounding_box() for button in buttons.all()]
    widths = [box["width"] for box in boxes if box is not None]
    assert len(widths) == 2
    assert abs(widths[0] - widths[1]) < 1, widths
    # Most of the phone's width, one under the other (they do not fit side by side).
    assert widths[0] > PHONE["width"] * 0.8, widths
    assert all(box is not None and box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0, f"the page is {overflow}px wider than the phone"


def test_each_locations_hours_table_is_shown_within_the_phones_width(
    phone: BrowserContext, home_url: str
) -> None:
    page = open_home(phone, home_url, datetime(2026, 11, 25, 10, tzinfo=SYDNEY))
    for location in LOCATIONS:
        table = page.locator(f'[data-location="{location}"] table.hs-front-hours')
        assert table.is_visible(), location
        box = table.bounding_box()
        assert box is not None and box["width"] > 0 and box["x"] + box["width"] <= PHONE["width"]
        assert table.locator("caption").inner_text().startswith("Opening hours at ")


def today_rows(page: Page) -> list[str]:
    """The first row of each location's hours table, as "day: hours"."""
    return [
        page.locator(f'[data-location="{location}"] table.hs-front-hours tr')
        .first.inner_text()
        .replace("\t", ": ")
        for location in LOCATIONS
    ]


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        # 23:30 on Tuesday in UTC is 10:30 on Wednesday in Sydney.
        (
            datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("UTC")),
            [
                "Today (Wednesday): 09:00 to 18:00",
                "Today (Wednesday): Closed",
                "Today (Wednesday): 08:00 to 12:00 and 13:00 to 17:00",
            ],
        ),
        # Christmas Day, a Friday: Wattle Lane's summer break; Riverside is closed on Fridays.
        (
            datetime(2026, 12, 25, 10, tzinfo=SYDNEY),
            [
                "Today (Friday): Closed",
                "Today (Friday): Closed",
                "Today (Friday): 08:00 to 12:00 and 13:00 to 17:00",
            ],
        ),
    ],
)
def test_todays_hours_come_first_on_the_clinics_clock(
    phone: BrowserContext, home_url: str, clock: datetime, expected: list[str]
) -> None:
    page = open_home(phone, home_url, clock)
    assert today_rows(page) == expected
    # The whole week is still there below it.
    rows = page.locator('[data-location="wattle-lane"] table.hs-front-hours tr')
    assert rows.all_inner_texts()[1:] == [
        "Monday to Friday\t09:00 to 18:00",
        "Saturday\t09:00 to 13:00",
        "Sunday\tClosed",
    ]


def test_without_javascript_the_table_shows_the_week(browser: Browser, home_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    block_foreign_hosts(context, origin_of(home_url))
    try:
        page = context.new_page()
        page.goto(home_url, wait_until="load")
        assert today_rows(page)[0] == "Monday to Friday: 09:00 to 18:00"
    finally:
        context.close()


def test_the_logo_is_in_the_phones_header_after_the_menu_button(
    phone: BrowserContext, home_url: str
) -> None:
    page = open_home(phone, home_url, datetime(2026, 11, 25, 10, tzinfo=SYDNEY))
    logo = page.locator(".md-header .md-header__button.md-logo img")
    assert logo.is_visible()
    logo_box = logo.bounding_box()
    menu_box = page.locator('.md-header label[for="__drawer"]').bounding_box()
    title_box = page.locator(".md-header__title").bounding_box()
    assert logo_box is not None and menu_box is not None and title_box is not None
    assert 16 <= logo_box["height"] <= 32, logo_box
    assert menu_box["x"] < logo_box["x"] < title_box["x"]
    assert logo_box["y"] >= 0 and logo_box["y"] + logo_box["height"] <= 56


@pytest.mark.parametrize("state", PALETTES)
def test_the_front_door_passes_axe_on_a_phone(
    phone: BrowserContext, home_url: str, state: str
) -> None:
    page = open_home(phone, home_url, datetime(2026, 11, 25, 10, tzinfo=SYDNEY))
    set_palette(page, PALETTES[state])
    expect_none(f"axe on the home page ({state}):", describe_violations(run_axe(page), state))


def test_the_home_page_is_valid_html(site: Path) -> None:
    page = site / "index.html"
    expect_none("Nu HTML Checker on the home page:", run_vnu([page])[page.resolve()])
