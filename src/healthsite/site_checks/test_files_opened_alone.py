"""Every file the site publishes is safe to open on its own. GitHub Pages sends no headers, so a
built page is protected by its own Content-Security-Policy `<meta>`, and any other file a browser
runs (a drawing, an XML file) by nothing: each is opened in Chromium by its own address, and must
run no script, load nothing else and raise no dialog or error."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext

from .harness import Site, SitePage, expect_none, files_opened_alone, opened_alone

pytestmark = pytest.mark.browser


def test_every_page_carries_the_content_security_policy(site_page: SitePage) -> None:
    """One policy, which runs only the site's own scripts (and the inline ones it hashes)."""
    policies = site_page.facts.csp
    assert len(policies) == 1, f"{site_page}: {len(policies)} Content-Security-Policy <meta> tags"
    directives = {
        part.split()[0]: part.split()[1:] for part in policies[0].split(";") if part.strip()
    }
    scripts = directives.get("script-src", directives.get("default-src", ["*"]))
    assert "'unsafe-inline'" not in scripts, f"{site_page}: the policy allows inline scripts"
    assert all(s == "'self'" or s.startswith("'sha256-") for s in scripts), (
        f"{site_page}: the policy runs scripts from {scripts}"
    )


def test_every_other_file_opened_on_its_own_runs_and_loads_nothing(
    site: Site, context: BrowserContext, base_url: str
) -> None:
    problems: list[str] = []
    for path in files_opened_alone(site):
        rel = path.relative_to(site.root).as_posix()
        problems += [f"{rel}: {found}" for found in opened_alone(context, base_url + rel)]
    expect_none("files that do something when opened on their own:", problems)
