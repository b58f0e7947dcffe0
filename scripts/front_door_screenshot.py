"""The README's picture of the home page on a phone (390 by 844 CSS pixels, drawn at twice that
for sharp text on high-density screens): the example clinic site (this repository's mkdocs.yml,
docs/, overrides/ and content/, copied and built elsewhere, on a fixed date) opened in Debian's
Chromium with its clock at that date, saved as a PNG of 256 colours.

    PYTHONPATH=src .venv/bin/python scripts/front_door_screenshot.py [output.png]

(by default screenshots/front-door-390x844.png, which README.md shows).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image
from playwright.sync_api import ViewportSize, sync_playwright

from healthsite.commands.cli import main as healthsite
from healthsite.site_checks.harness import block_foreign_hosts, discover_site, origin_of, serve_site
from healthsite.site_checks.local_check import CHROMIUM, CHROMIUM_ARGS
from healthsite.source.clock import TODAY_VARIABLE

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "screenshots" / "front-door-390x844.png"
PHONE: ViewportSize = {"width": 390, "height": 844}
# A Tuesday after the example's pages were last reviewed, at ten in the morning in Sydney.
TODAY = "2026-12-08"
CLOCK = datetime(2026, 12, 8, 10, tzinfo=ZoneInfo("Australia/Sydney"))


def build_site(project: Path) -> Path:
    """The example clinic site, copied into `project` and built into `project`/site."""
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "content"):
        shutil.copytree(REPO / folder, project / folder)
    os.environ[TODAY_VARIABLE] = TODAY
    if healthsite(["--root", str(project), "build", "--site-dir", "site"]) != 0:
        raise SystemExit("the build failed")
    return project / "site"


def screenshot(site: Path) -> bytes:
    """The home page's first screen on a phone, in the light colour scheme."""
    with sync_playwright() as driver, serve_site(discover_site(site)) as base_url:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, locale="en-AU", color_scheme="light"
        )
        block_foreign_hosts(context, origin_of(base_url))
        page = context.new_page()
        page.clock.set_fixed_time(CLOCK)
        page.goto(base_url, wait_until="load")
        picture = page.screenshot()
        browser.close()
    return picture


def small_png(picture: bytes) -> bytes:
    """`picture` with at most 256 colours (plenty for text and flat colours), compressed."""
    image = Image.open(io.BytesIO(picture)).convert("RGB").quantize(colors=256)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str]) -> None:
    output = Path(argv[0]) if argv else OUTPUT
    with tempfile.TemporaryDirectory() as folder:
        output.write_bytes(small_png(screenshot(build_site(Path(folder)))))
    print(f"{output}: {output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
