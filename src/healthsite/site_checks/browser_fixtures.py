"""Playwright with Debian's Chromium, as pytest fixtures: imported by the site checks' conftest
and by the generator tests' (tests/conftest.py), which both drive the browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from .check_tools import SYSTEM_DEPS_HINT
from .local_check import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (nothing downloads a browser), with the closed-network flags."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: {SYSTEM_DEPS_HINT}", pytrace=False)
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
