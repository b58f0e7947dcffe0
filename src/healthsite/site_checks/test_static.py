"""Checks on each built page's HTML as served: head, structured data, links, HTML validity."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from .harness import LinkChecker, Site, SitePage, expect_none

pytestmark = pytest.mark.browser


def test_head_and_headings(site_page: SitePage, site: Site) -> None:
    """Exactly one <h1>; `lang`; a meta description and a canonical URL that is the page's own
    address (the 404 page, shown at any address and never indexed, needs neither)."""
    facts = site_page.facts
    problems: list[str] = []
    if len(facts.h1_lines) != 1:
        lines = ", ".join(map(str, facts.h1_lines)) or "none"
        problems.append(f"expected exactly one <h1>, found {len(facts.h1_lines)} (lines: {lines})")
    if not (facts.lang or "").strip():
        problems.append("<html> has no lang attribute")
    if not site_page.is_404:
        if len(facts.descriptions) != 1 or not facts.descriptions[0].strip():
            problems.append(
                f'expected one non-empty <meta name="description">, found {facts.descriptions!r}'
            )
        if len(facts.canonicals) != 1 or not facts.canonicals[0].strip():
            problems.append(f'expected one <link rel="canonical">, found {facts.canonicals!r}')
        else:
            canonical = facts.canonicals[0]
            parts = urllib.parse.urlsplit(canonical)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problems.append(f"canonical URL {canonical!r} is not an absolute http(s) URL")
            elif parts.path != site_page.url_path:
                problems.append(
                    f"canonical URL {canonical!r} is not this page's address "
                    f"(path {site_page.url_path!r})"
                )
            elif site.site_url and not canonical.startswith(site.site_url):
                problems.append(f"canonical URL {canonical!r} is outside {site.site_url!r}")
    elif facts.canonicals:
        problems.append(f"the 404 page must not name a canonical URL: {facts.canonicals!r}")
    expect_none(f"{site_page}:", problems)


def test_json_ld_parses(site_page: SitePage) -> None:
    problems: list[str] = []
    for index, (line, text) in enumerate(site_page.facts.json_ld, start=1):
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(
                f'<script type="application/ld+json"> #{index} (line {line}) is not JSON: {error}'
            )
    expect_none(f"{site_page}:", problems)


def test_links_and_images_resolve(site_page: SitePage, link_checker: LinkChecker) -> None:
    """Every internal link, image, stylesheet and script answers 200 from the local server
    (a redirect counts as a failure), and every #fragment names an id on the target page."""
    problems = link_checker.problems(site_page)
    expect_none(f"{site_page}: broken internal references:", problems)


def test_nu_html_checker(site_page: SitePage, vnu_errors: dict[Path, list[str]]) -> None:
    """Zero Nu HTML Checker errors (one checker run covers every page; see `vnu_errors`)."""
    errors = vnu_errors.get(site_page.path.resolve(), [])
    expect_none(f"{site_page}: Nu HTML Checker errors:", errors)
