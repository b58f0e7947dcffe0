"""Content carrying script (pasted HTML, </script> breakouts, javascript: links) builds into a
site where, in a real browser, none of it runs and the Content-Security-Policy is not violated."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Error

from healthsite.site_checks.harness import VIEWPORT, discover_site, serve_site
from healthsite.site_checks.local_check import CHROMIUM_ARGS

from .test_csp import FORGED_PAGES, build_forged_site
from .test_hostile_content import build_hostile_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    site = discover_site(build_hostile_site(tmp_path_factory.mktemp("hostile-browser")))
    with serve_site(site) as url:
        yield url, [page.url_path for page in site.pages]


def test_injected_scripts_never_run(browser: Browser, hostile_url: tuple[str, list[str]]) -> None:
    assert CHROMIUM_ARGS  # the shared browser is launched with the closed-network flags
    base, paths = hostile_url
    origin = base.split("/", 3)[:3]
    context = browser.new_context(viewport=VIEWPORT)
    ran: list[str] = []
    console_errors: list[str] = []

    def record_error(path: str, message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{path}: {message.text}")

    def on_dialog(dialog: Dialog) -> None:
        ran.append(f"{dialog.type}({dialog.message})")
        dialog.dismiss()

    try:
        for path in paths:
            tab = context.new_page()
            tab.on("dialog", on_dialog)
            tab.on("console", functools.partial(record_error, path))
            tab.goto("/".join(origin) + path, wait_until="load")
            tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            for link in tab.locator("a[href^='javascript:']").all():
                ran.append(f"{path}: javascript: link {link.get_attribute('href')}")
            tab.close()
    finally:
        context.close()
    assert len(paths) >= 7
    assert ran == []
    # A blocked inline script would show here as a CSP violation.
    assert console_errors == []


@pytest.fixture(scope="module")
def forged_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = discover_site(build_forged_site(tmp_path_factory.mktemp("forged-browser")))
    with serve_site(site) as url:
        yield url


def test_scripts_dressed_as_the_theme_are_blocked(browser: Browser, forged_url: str) -> None:
    """Raw HTML in a hand-written page that tries to pass a script off as the theme's
    (`</article><script>`, `<textarea></article><script>`, comments, CDATA, ...) is blocked by
    the Content-Security-Policy; the theme's own scripts on the same page still run, and so does
    the script the clinic allowed by hash."""
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_page_error(error: Error) -> None:  # an exception a script threw
        errors.append(str(error))

    context = browser.new_context(viewport=VIEWPORT)
    try:
        for path in FORGED_PAGES:
            dialogs.clear()
            errors.clear()
            tab = context.new_page()
            tab.on("dialog", on_dialog)
            tab.on("console", on_console)
            tab.on("pageerror", on_page_error)
            tab.goto(forged_url + path, wait_until="load")
            # Material's bundle ran (it sets document$), so the theme's scripts are allowed.
            assert tab.evaluate("typeof document$ !== 'undefined'"), path
            tab.close()
            assert dialogs == [], path
            # The one script the clinic allows by hash ran (it calls a function that does not
            # exist); every other error is a script the policy blocked.
            ran = [e for e in errors if "allowed is not defined" in e]
            blocked = [e for e in errors if "Content Security Policy" in e]
            assert ran, f"{path}: the script allowed in mkdocs.yml did not run"
            assert blocked, f"{path}: nothing was blocked, so the forged scripts never reached it"
            assert len(ran) + len(blocked) == len(errors), errors
    finally:
        context.close()
