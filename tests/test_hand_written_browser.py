"""A hand-written page with an aligned table, a note and a collapsible block, in Chromium: the
columns are aligned and the Content-Security-Policy reports nothing (no inline style)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from healthsite.site_checks.harness import (
    VIEWPORT,
    block_foreign_hosts,
    discover_site,
    expect_none,
    new_watched_page,
    open_all_details,
    origin_of,
    serve_site,
)

from .conftest import build
from .test_hand_written_build import PRICES, with_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def prices_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = with_page(tmp_path_factory.mktemp("prices"), "prices.md", PRICES)
    assert build(project) == 0
    with serve_site(discover_site(project / "site")) as base_url:
        yield base_url + "prices/"


def test_aligned_columns_are_aligned_and_nothing_is_blocked(
    browser: Browser, prices_url: str
) -> None:
    origin = origin_of(prices_url)
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", locale="en-AU")
    block_foreign_hosts(context, origin)
    try:
        page, watch = new_watched_page(context, origin)
        page.goto(prices_url, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert open_all_details(page) >= 1
        alignments = page.eval_on_selector_all(
            "article table tr > *",
            "cells => cells.map(c => [c.textContent.trim(), getComputedStyle(c).textAlign])",
        )
        assert alignments[:3] == [
            ["Session", "left"],
            ["Who it suits", "center"],
            ["Price", "right"],
        ]
        assert ["$70", "right"] in alignments and ["$110", "right"] in alignments
        expect_none("prices page: privacy or error problems:", watch.problems())
    finally:
        context.close()
