"""The site check that opens every non-page file on its own (healthsite.site_checks,
`opened_alone`) sees what such a file does: a script in any of the ways a drawing can hold one,
a request to another file, a dialog. Files are made here and served locally, never built (the
build refuses them)."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from healthsite.site_checks.harness import (
    block_foreign_hosts,
    discover_site,
    files_opened_alone,
    opened_alone,
)
from healthsite.site_checks.local_check import serve_directory

pytestmark = pytest.mark.browser

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"{attrs}>{body}</svg>'
XSLT = (
    '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="#s"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<xsl:stylesheet id="s" version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:template match="/"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
    "<script>console.log(1)</script></body></html></xsl:template></xsl:stylesheet></svg>"
)
FILES = {
    "safe.svg": SVG.format(attrs="", body='<rect width="5" height="5" fill="#123"/>'),
    "script.svg": SVG.format(attrs="", body="<script>document.title = 'x'</script>"),
    "onload.svg": SVG.format(attrs=' onload="document.title=1"', body=""),
    "remote.svg": SVG.format(attrs="", body='<image href="https://x.example/a.png"/>'),
    "alert.svg": SVG.format(attrs="", body="<script>alert(1)</script>"),
    "other.svg": SVG.format(attrs="", body='<image href="safe.svg" width="5" height="5"/>'),
    "xslt.svg": XSLT,
    "page.html": "<!doctype html><title>x</title><script>document.title = 'y'</script>",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("files")
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    with serve_directory(http.server.SimpleHTTPRequestHandler, root) as origin:
        yield root, origin


@pytest.fixture
def context(browser: Browser, served: tuple[Path, str]) -> Iterator[BrowserContext]:
    ctx = browser.new_context()
    block_foreign_hosts(ctx, served[1])
    yield ctx
    ctx.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("safe.svg", None),
        ("script.svg", "runs a script"),
        ("onload.svg", "runs a script"),
        ("remote.svg", "requests https://x.example/a.png"),
        ("alert.svg", "opens a alert"),
        ("other.svg", "requests http://"),
        ("xslt.svg", "runs a script"),
        ("page.html", "runs a script"),
    ],
)
def test_what_a_file_does_when_opened_on_its_own_is_seen(
    context: BrowserContext, served: tuple[Path, str], name: str, expected: str | None
) -> None:
    found = opened_alone(context, f"{served[1]}/{name}")
    if expected is None:
        assert found == []
    else:
        assert any(problem.startswith(expected) for problem in found), found


def test_the_files_opened_alone_are_the_active_ones_but_not_the_pages(tmp_path: Path) -> None:
    for name in ("index.html", "assets/logo.svg", "assets/a.XML", "assets/photo.png", "x.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    site = discover_site(tmp_path)
    found = [path.relative_to(tmp_path).as_posix() for path in files_opened_alone(site)]
    assert found == ["assets/a.XML", "assets/logo.svg"]
