"""Shared fixtures. The test suite has two kinds of tests, kept apart:

- *generator tests* (every `tests/test_*.py`) build fixture sites from `tests/fixtures/`, never the
  repository's own `content/`, `docs/` or `mkdocs.yml`, and each fixes "today"
  (`$HEALTHSITE_TODAY`), so a clinic's edits and the calendar cannot break them;
- *site checks* (`tests/site_checks/`, marker `site_check`) test whatever site the repository
  holds, with the real date, and assert only what is true of every valid clinic site.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

# Imported before any test module imports `mkdocs`: under ProperDocs (`make test-properdocs`) it
# makes `mkdocs.*` load ProperDocs' modules.
from healthsite import builder  # noqa: F401
from healthsite.cli import main as healthsite
from healthsite.local_check import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# A small site's content: two benefit pages, a short FAQ (the error-message tables use it).
FIXTURE_CONTENT = FIXTURES / "content"
# A frozen copy of a full example clinic site (mkdocs.yml, docs/, content/): six topics, a
# 38-question FAQ and the safety advice. Generator tests pin pages, counts and structured data
# against it.
EXAMPLE_SITE = FIXTURES / "sites" / "example"
# The generator's own templates and theme overrides: code, not clinic content.
OVERRIDES = REPO / "overrides"
# The fixed "today" of the generator tests, so review-date rules never depend on the calendar.
TODAY = "2026-11-25"


def copy_project(target: Path, content: Path | None = None, *, site: Path = EXAMPLE_SITE) -> Path:
    """A buildable project in `target`: the fixture site's mkdocs.yml and docs/, the generator's
    overrides/, and `content` (by default the fixture site's own content/)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(site / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(site / "docs", target / "docs")
    shutil.copytree(OVERRIDES, target / "overrides")
    shutil.copytree(content or site / "content", target / "content")
    return target


def build(project: Path, site_dir: str | Path = "site") -> int:
    """`healthsite build` of `project` into `site_dir` (relative to it); its exit status."""
    return healthsite(["--root", str(project), "build", "--site-dir", str(site_dir)])


def build_on_fixed_date(project: Path) -> Path:
    """Build `project` with the generator tests' date and return its site. For module-scoped
    fixtures, which run before the function-scoped `fixed_today` sets the date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHSITE_TODAY", TODAY)
        assert build(project) == 0
    return project / "site"


@pytest.fixture(autouse=True)
def fixed_today(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    if request.node.get_closest_marker("site_check") is None:
        monkeypatch.setenv("HEALTHSITE_TODAY", TODAY)
    yield


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (nothing downloads a browser), with the closed-network flags."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash scripts/install_system_deps.sh` (as root) first",
            pytrace=False,
        )
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
