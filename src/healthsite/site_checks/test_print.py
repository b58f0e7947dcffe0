"""Printing a page with collapsible answers (the FAQ when there is one): every answer shows,
navigation and search do not, and outside links (references) print where they go."""

from __future__ import annotations

from typing import Any, cast

import pytest

from .harness import OpenPage, Site, SitePage, expect_none, origin_of, wait_for_animations

pytestmark = pytest.mark.browser

# What must not reach paper: navigation of any kind and the search box.
HIDDEN_IN_PRINT = "nav, .md-header, .md-tabs, .md-sidebar, .md-search, form[name='search']"


def _page_to_print(site: Site) -> SitePage:
    with_details = [p for p in site.pages if p.facts.details_count]
    faq = next((p for p in with_details if p.rel.startswith("faq")), None)
    if faq is None and not with_details:
        pytest.fail("no page of the site has <details> to print (the FAQ should)", pytrace=False)
    return faq or with_details[0]


def test_print_shows_answers_and_hides_navigation(site: Site, open_page: OpenPage) -> None:
    """With print media emulated (CSS only: no `beforeprint` script runs), every <details>
    shows its content, navigation and search are hidden, and each outside link in the content
    prints its address after it (`::after` content)."""
    site_page = _page_to_print(site)
    page, watch = open_page(site_page)
    page.emulate_media(media="print")
    wait_for_animations(page)
    result = cast(
        dict[str, Any],
        page.evaluate(
            """([hiddenSelector, origin]) => {
                const shown = el => {
                    const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && el.checkVisibility(
                        {opacityProperty: true, visibilityProperty: true});
                };
                const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (typeof el.className === 'string' && el.className.trim() ?
                        '.' + el.className.trim().split(/\\s+/).join('.') : '');
                const hiddenAnswers = [];
                for (const details of document.querySelectorAll('details')) {
                    if (details.closest('[data-md-component=search]')) continue;
                    const summary = details.querySelector(':scope > summary');
                    const label = (summary ? summary.textContent : '').trim().slice(0, 60);
                    const content = [...details.children].filter(c => c !== summary);
                    if (!content.length || !content.every(shown))
                        hiddenAnswers.push(`${name(details)} "${label}"`);
                }
                const printedNav = [...document.querySelectorAll(hiddenSelector)]
                    .filter(shown).map(name);
                const unprintedLinks = [];
                const article = document.querySelector('article, main') || document.body;
                for (const a of article.querySelectorAll('a[href^="http"]')) {
                    if (!shown(a) || a.href.startsWith(origin)) continue;
                    const after = getComputedStyle(a, '::after').content;
                    const href = a.getAttribute('href');
                    if (!after.includes(href))
                        unprintedLinks.push(`${href} ("${a.textContent.trim()}")`);
                }
                return {hiddenAnswers, printedNav, unprintedLinks};
            }""",
            [HIDDEN_IN_PRINT, origin_of(watch.origin)],
        ),
    )
    problems = (
        [f"<details> content hidden in print: {d}" for d in result["hiddenAnswers"]]
        + [f"navigation or search printed: {n}" for n in result["printedNav"]]
        + [f"outside link printed without its address: {a}" for a in result["unprintedLinks"]]
    )
    expect_none(f"{site_page}: print problems:", problems)
