"""Shared fixtures. The test suite has two kinds of tests, kept apart:

- *generator tests* (every `tests/test_*.py`) build fixture sites from `tests/fixtures/`, never the
  repository's own `content/`, `docs/` or `mkdocs.yml`, and each fixes "today"
  (`$HEALTHSITE_TODAY`), so a clinic's edits and the calendar cannot break them;
- *site checks* (`healthsite.site_checks`, shipped in the package and run by `healthsite verify`,
  marker `site_check`) test whatever site a project holds, with the real date, and assert only
  what is true of every valid clinic site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Imported before any test module imports `mkdocs`: under ProperDocs (`make test-properdocs`) it
# makes `mkdocs.*` load ProperDocs' modules.
from healthsite.adapters.mkdocs import builder  # noqa: F401
from healthsite.commands.cli import main as healthsite
from healthsite.model.library import LIBRARY_DIR, LIBRARY_VARIABLE
from healthsite.render.theme_files import template_dirs
from healthsite.site_checks.browser_fixtures import browser, playwright  # noqa: F401 (fixtures)

# The fixture sites hold every content file they use: the package's content library (whose
# pages change with each review) is read only by the tests about it (marker `library`) and by
# the checks of a whole site (`site_check`). Set for the whole run (module-scoped fixtures build
# before any test's own fixtures), and for every command a test runs in another process.
os.environ[LIBRARY_VARIABLE] = "none"

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# A small site's content: two benefit pages, a short FAQ (the error-message tables use it).
FIXTURE_CONTENT = FIXTURES / "content"
# A frozen copy of a full example clinic site (mkdocs.yml, docs/, content/): six topics, a
# 38-question FAQ and the safety advice. Generator tests pin pages, counts and structured data
# against it.
EXAMPLE_SITE = FIXTURES / "sites" / "example"
# The engine's templates (package data of healthsite: healthsite.render.theme_files), as the macros
# find them.
TEMPLATES = template_dirs(None)
# The fixed "today" of the generator tests, so review-date rules never depend on the calendar.
# Set for the whole run, as the library's variable above is: a module-scoped fixture builds
# before any test's own fixtures (`fixed_today` takes it away for the checks of a whole site,
# which use the real date).
TODAY = "2026-11-25"
os.environ["HEALTHSITE_TODAY"] = TODAY


def copy_project(target: Path, content: Path | None = None, *, site: Path = EXAMPLE_SITE) -> Path:
    """A buildable project in `target`: the fixture site's mkdocs.yml and docs/, an empty
    overrides/ (the engine's templates come from the package), and `content` (by default the
    fixture site's own content/)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(site / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(site / "docs", target / "docs")
    (target / "overrides").mkdir()
    # Where a clinic's own files go (logo, scripts, pictures): there in every clinic's docs/.
    (target / "docs" / "assets").mkdir(exist_ok=True)
    shutil.copytree(content or site / "content", target / "content")
    return target


def build(project: Path, site_dir: str | Path = "site") -> int:
    """`healthsite build` of `project` into `site_dir` (relative to it); its exit status."""
    return healthsite(["--root", str(project), "build", "--site-dir", str(site_dir)])


def build_on_fixed_date(project: Path) -> Path:
    """Build `project` on the generator tests' date (set for the whole run, above, so that
    module-scoped fixtures, set up before `fixed_today`, have it too) and return its site."""
    assert os.environ.get("HEALTHSITE_TODAY") == TODAY
    assert build(project) == 0
    return project / "site"


@pytest.fixture(autouse=True)
def fixed_today(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    if request.node.get_closest_marker("site_check") is None:
        monkeypatch.setenv("HEALTHSITE_TODAY", TODAY)
    else:
        monkeypatch.delenv("HEALTHSITE_TODAY", raising=False)
    # See NO_LIBRARY below: the tests about the library and the checks of a whole site read it.
    if {"library", "site_check"} & {mark.name for mark in request.node.iter_markers()}:
        monkeypatch.setenv(LIBRARY_VARIABLE, str(LIBRARY_DIR))
    yield
