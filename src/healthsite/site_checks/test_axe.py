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


def test_axe(site_page: SitePage, open_page: OpenPage) -> None:
    """No axe violation for wcag2a/aa, wcag21a/aa, wcag22aa and best-practice rules, in each
    palette, with <details> as built and all open (one page load: each palette starts from the
    <details> as built)."""
    page, _ = open_page(site_page)
    as_built = page.evaluate("() => [...document.querySelectorAll('details')].map(d => d.open)")
    problems: list[str] = []
    for palette, scheme in PALETTES.items():
        page.evaluate(
            "states => document.querySelectorAll('details').forEach((d, i) => {"
            " d.open = states[i]; })",
            as_built,
        )
        set_palette(page, scheme)
        problems += describe_violations(run_axe(page), f"{palette}, details as built")
        if site_page.facts.details_count:
            open_all_details(page)
            problems += describe_violations(run_axe(page), f"{palette}, all details open")
    expect_none(f"{site_page}: axe-core violations:", problems)
