"""Content carrying script (pasted HTML, </script> breakouts, javascript: links) builds into a
site where, in a real browser, none of it runs and the Content-Security-Policy is not violated."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog

from healthsite.local_check import CHROMIUM_ARGS

from .conftest import TODAY
from .site_checks.harness import VIEWPORT, discover_site, serve_site
from .test_hostile_content import build_hostile_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHSITE_TODAY", TODAY)
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
