"""A long menu in Chromium: with the menu scrolled so that a link is half cut off at its top edge
(as Material scrolls it to show the page being read, or a reader scrolls it), every menu link
still meets axe's target-size rule (WCAG 2.2, 2.5.8) on a desktop. Material's
18px links passed only while no neighbour was cut off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from scripts.bench import generate_project

from healthsite.site_checks.harness import (
    VIEWPORT,
    block_foreign_hosts,
    describe_violations,
    discover_site,
    expect_none,
    origin_of,
    run_axe,
    serve_site,
)

from .conftest import EXAMPLE_SITE, build_on_fixed_date

pytestmark = pytest.mark.browser

TOPICS = 30
# Scroll the visible menu so that its tenth link shows only its lower half; true when it could.
CUT_A_LINK = """() => {
    const wrap = [...document.querySelectorAll('.md-sidebar--primary .md-sidebar__scrollwrap')]
        .find(w => w.offsetParent !== null && w.scrollHeight > w.clientHeight);
    if (!wrap) return false;
    const link = wrap.querySelectorAll('.md-nav__link')[10];
    const gap = link.getBoundingClientRect().top - wrap.getBoundingClientRect().top;
    wrap.scrollTop += gap + link.getBoundingClientRect().height / 2;
    return true;
}"""


@pytest.fixture(scope="module")
def long_menu_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = generate_project(
        tmp_path_factory.mktemp("menu") / "project", TOPICS, site=EXAMPLE_SITE
    )
    with serve_site(discover_site(build_on_fixed_date(project))) as base_url:
        yield base_url


def test_menu_links_meet_the_target_size_on_a_scrolled_menu(
    browser: Browser, long_menu_site: str
) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="en-AU")
    block_foreign_hosts(context, origin_of(long_menu_site))
    try:
        page = context.new_page()
        # The last page in the menu: the safety page comes after every topic.
        page.goto(long_menu_site.rstrip("/") + "/safety/", wait_until="load")
        page.wait_for_timeout(300)  # Material's own scroll of the menu to this page
        assert page.evaluate(CUT_A_LINK), "the menu does not scroll: the test proves nothing"
        problems = describe_violations(
            [v for v in run_axe(page) if v["id"] == "target-size"], "light"
        )
        expect_none("target-size on a scrolled menu:", problems)
    finally:
        context.close()
