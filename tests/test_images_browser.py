"""Images in a hand-written page, in Chromium: shown, from the right file for the screen, loaded
lazily below the fold, with nothing on the page moving while they arrive (no layout shift),
and no console error, failed request, axe violation or HTML error."""

from __future__ import annotations

import contextlib
import http.server
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize

from healthsite.render.image_markup import CONTENT_SIZES
from healthsite.site_checks.harness import (
    _SiteHandler,
    block_foreign_hosts,
    describe_violations,
    discover_site,
    expect_none,
    new_watched_page,
    origin_of,
    run_axe,
    run_vnu,
)
from healthsite.site_checks.local_check import serve_directory

from .conftest import build
from .test_images import phone_photo
from .test_images_build import project_with_rooms

pytestmark = pytest.mark.browser

# Long enough that the garden photo is far below the first screen, beyond the distance at
# which Chromium starts loading lazy images early.
FILLER = "".join(
    f"Paragraph {n}: the room is quiet and warm, with a window onto the garden and a table "
    "that rises and falls so that getting on and off it is easy for everyone.\n\n"
    for n in range(70)
)
PAGE = f"""\
---
title: Our rooms
description: The rooms at the clinic, with a photo of each.
---

# Our rooms

![The treatment room, with a massage table by a window](../assets/images/room.jpg)

{FILLER}
## The garden

![The garden, with a bench under a tree](../assets/images/garden.jpg)

The garden is open to everyone who comes for a session.

![](../assets/images/leaf.png){{ .decorative }}

The end of the page.
"""
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# How long each image takes to arrive, as on a slow phone connection: long enough that a page
# without reserved space would be drawn, and then pushed down, before the image came.
IMAGE_DELAY = 0.4
# Record every layout shift of the page's text (its <article>) from the very start, with what
# moved (for the message). Shifts elsewhere are left out: Material's header moves its title
# once its logo has loaded (an <img> without width and height that Material writes itself).
SHIFT_OBSERVER = """
window.__shifts = [];
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources || []).filter(s => s.node && s.node.closest &&
            s.node.closest('article'));
        if (!sources.length) continue;
        const moved = sources.map(source => {
            const node = source.node;
            const name = node ? node.nodeName + (node.id ? '#' + node.id : '') : '?';
            const box = r => `${r.x},${r.y} ${r.width}x${r.height}`;
            return `${name} (${box(source.previousRect)} -> ${box(source.currentRect)})`;
        });
        window.__shifts.push({value: entry.value, at: entry.startTime, moved});
    }
}).observe({type: 'layout-shift', buffered: true});
"""


class SlowImages(_SiteHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if "/assets/resized/" in self.path:
            time.sleep(IMAGE_DELAY)
        # The browser may close the tab while an image is on its way.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().do_GET()


@pytest.fixture(scope="module")
def rooms_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built page, with a photo at the top and two images far below."""
    project = project_with_rooms(tmp_path_factory.mktemp("rooms-browser"), PAGE)
    phone_photo(project / "docs/assets/images/garden.jpg", 1800, 1200)
    assert build(project) == 0
    return project / "site" / "clinic" / "rooms" / "index.html"


@pytest.fixture(scope="module")
def rooms_url(rooms_file: Path) -> Iterator[str]:
    site = discover_site(rooms_file.parents[2])
    handler = cast(
        type[http.server.SimpleHTTPRequestHandler],
        type("Handler", (SlowImages,), {"base_path": site.base_path}),
    )
    with serve_directory(handler, site.root) as origin:
        yield origin + site.base_path + "clinic/rooms/"


def new_context(browser: Browser, url: str, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(
        viewport=viewport, device_scale_factor=1, color_scheme="light", locale="en-AU"
    )
    block_foreign_hosts(context, origin_of(url))
    context.add_init_script(SHIFT_OBSERVER)
    return context


def image_state(page: Page) -> list[dict[str, Any]]:
    return cast(
        list[dict[str, Any]],
        page.eval_on_selector_all(
            "article img",
            """images => images.map(img => ({
                file: img.currentSrc.split('/').pop(),
                complete: img.complete,
                shown: img.naturalWidth > 0 && img.getBoundingClientRect().height > 0,
                width: img.getBoundingClientRect().width,
            }))""",
        ),
    )


def scroll_through(page: Page) -> None:
    """Scroll to the end as a reader does, a screen at a time, then wait for every image."""
    height = cast(int, page.evaluate("document.documentElement.scrollHeight"))
    for _ in range(0, height, 600):
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(60)
    page.wait_for_function(
        "() => [...document.querySelectorAll('article img')].every(i => i.complete)",
        timeout=15000,
    )
    page.wait_for_timeout(300)  # a last shift would be reported by now


def shifts(page: Page) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], page.evaluate("window.__shifts"))


def total_shift(page: Page) -> float:
    return sum(float(shift["value"]) for shift in shifts(page))


@pytest.mark.parametrize(("viewport", "top_width"), [(PHONE, 480), (DESKTOP, 960)])
def test_images_show_from_the_right_file_and_nothing_moves(
    browser: Browser, rooms_url: str, viewport: ViewportSize, top_width: int
) -> None:
    context = new_context(browser, rooms_url, viewport)
    try:
        page, watch = new_watched_page(context, origin_of(rooms_url))
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
        page.goto(rooms_url, wait_until="load")
        top, garden, leaf = image_state(page)
        # The photo at the top loaded with the page, as WebP, in the size the screen needs.
        assert top["shown"], top
        assert re.fullmatch(rf"room-[0-9a-f]{{10}}-{top_width}\.webp", top["file"]), top
        # The garden photo, far below, was not even asked for.
        assert not any(name.startswith("garden-") for name in requested), requested
        scroll_through(page)
        top, garden, leaf = image_state(page)
        assert garden["shown"] and garden["file"].startswith("garden-"), garden
        assert garden["file"].endswith(f"-{top_width}.webp"), garden
        assert leaf["shown"] and re.fullmatch(r"leaf-[0-9a-f]{10}-300\.webp", leaf["file"])
        assert total_shift(page) == 0, shifts(page)
        expect_none("the rooms page:", watch.problems())
    finally:
        context.close()


def test_the_shift_measurement_would_see_an_image_without_width_and_height(
    browser: Browser, rooms_url: str
) -> None:
    """The control for the test above: the same page with the images' width and height taken
    out does move, so a zero there means the space was kept."""
    context = new_context(browser, rooms_url, PHONE)

    def without_dimensions(route: Route) -> None:
        html = route.fetch().text()
        html = re.sub(
            r"<img [^>]*>",
            lambda m: re.sub(r" (width|height)=\d+", "", m.group(0)),
            html,
        )
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    try:
        context.route(rooms_url, without_dimensions)
        page = context.new_page()
        page.goto(rooms_url, wait_until="load")
        scroll_through(page)
        assert total_shift(page) > 0.05
    finally:
        context.close()


def evaluate_sizes(sizes: str, viewport_width: int) -> float:
    """The width `sizes` gives for a window `viewport_width` pixels wide (em: 16 pixels)."""
    for entry in sizes.split(", "):
        condition = re.fullmatch(r"\(min-width: ([\d.]+)em\) (.+)", entry)
        if condition and viewport_width < float(condition.group(1)) * 16:
            continue
        value = condition.group(2) if condition else entry
        if value.endswith("px") and value[:-2].isdigit():
            return float(value[:-2])
        calc = re.fullmatch(r"calc\(100vw - (\d+)px\)", value)
        assert calc, value
        return viewport_width - float(calc.group(1))
    raise AssertionError(f"no entry of {sizes!r} applies")


def test_sizes_matches_the_width_images_are_shown_at(browser: Browser, rooms_url: str) -> None:
    for width in (360, 800, 1000, 1280, 1700, 2100):
        viewport: ViewportSize = {"width": width, "height": 900}
        context = new_context(browser, rooms_url, viewport)
        try:
            page = context.new_page()
            page.goto(rooms_url, wait_until="load")
            shown = image_state(page)[0]["width"]
            assert abs(shown - evaluate_sizes(CONTENT_SIZES, width)) <= 1, (width, shown)
        finally:
            context.close()


def test_the_page_passes_axe_and_the_html_checker(
    browser: Browser, rooms_url: str, rooms_file: Path
) -> None:
    context = new_context(browser, rooms_url, DESKTOP)
    try:
        page = context.new_page()
        page.goto(rooms_url, wait_until="load")
        scroll_through(page)
        expect_none("axe on the rooms page:", describe_violations(run_axe(page), "light"))
    finally:
        context.close()
    expect_none("Nu HTML Checker on the rooms page:", run_vnu([rooms_file])[rooms_file.resolve()])
