"""axe-core on every page, in the light and the dark palette, with <details> closed and open."""

from __future__ import annotations

import pytest

from .harness import (
    PALETTES,
    OpenPage,
    SitePage,
    describe_violations,
    expect_none,
    open_all_details,
    run_axe,
    set_palette,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe(site_page: SitePage, palette: str, open_page: OpenPage) -> None:
    """No axe violation for wcag2a/aa, wcag21a/aa, wcag22aa and best-practice rules."""
    page, _ = open_page(site_page)
    set_palette(page, PALETTES[palette])
    problems = describe_violations(run_axe(page), f"{palette}, details as built")
    if site_page.facts.details_count:
        open_all_details(page)
        problems += describe_violations(run_axe(page), f"{palette}, all details open")
    expect_none(f"{site_page}: axe-core violations:", problems)
