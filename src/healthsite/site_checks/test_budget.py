"""Page weight: the home page's first view stays within a byte budget."""

from __future__ import annotations

import pytest

from .harness import PAGE_WEIGHT_BUDGET, OpenPage, Site, gzip_size, short_url

pytestmark = pytest.mark.browser


# The budget is for what the generator and theme add to a first view (the page, stylesheets,
# scripts, fonts). Two things grow with what a clinic publishes, and are listed but not counted:
# the search index (more pages), which the search worker fetches in the background after the
# page is shown, and pictures, which the image pipeline resizes and holds to its own budget
# (healthsite.render.image_pipeline.BUDGET_BYTES per picture, a warning naming the page and line).
NOT_COUNTED = "search/search_index.json"


def test_home_page_weight(site: Site, open_page: OpenPage, base_url: str) -> None:
    """Every response the browser fetched for the home page's first view (HTML, CSS, JS, fonts),
    each gzip-compressed at level 6 here (deterministic, whatever the server does), adds up to
    at most PAGE_WEIGHT_BUDGET bytes (90,000: decimal KB). The search index and pictures are
    shown in the breakdown but not counted (see NOT_COUNTED)."""
    home = site.home
    assert home is not None, f"no index.html in {site.root}"
    page, watch = open_page(home)
    page.wait_for_timeout(500)  # anything started late by a script
    page.wait_for_load_state("networkidle")
    rows: list[tuple[int, int, str, bool]] = []
    for response in watch.responses:
        if response.status in (204, 304) or 300 <= response.status < 400:
            continue
        body = response.body()
        counted = not (
            response.url.endswith(NOT_COUNTED) or response.request.resource_type == "image"
        )
        rows.append((gzip_size(body), len(body), short_url(response.url, base_url), counted))
    total = sum(gz for gz, _, _, counted in rows if counted)
    table = "\n".join(
        f"{gz:>9,} {raw:>10,}  {url}" + ("" if counted else "  (not counted)")
        for gz, raw, url, counted in sorted(rows, reverse=True)
    )
    breakdown = f"{'gzip B':>9} {'raw B':>10}  URL\n{table}\n{total:>9,} in all"
    if total > PAGE_WEIGHT_BUDGET:
        pytest.fail(
            f"home page first view weighs {total:,} bytes gzipped, over the budget of "
            f"{PAGE_WEIGHT_BUDGET:,} by {total - PAGE_WEIGHT_BUDGET:,}:\n{breakdown}",
            pytrace=False,
        )
    print(f"home page first view, within the budget of {PAGE_WEIGHT_BUDGET:,}:\n{breakdown}")
