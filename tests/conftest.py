"""Shared fixtures: a copy of the project in a temporary folder, built with fixed dates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "content"
# A fixed "today" so review-date rules never depend on the real calendar.
TODAY = "2026-11-25"
# For the tests that build the shipped content/: a date after its latest review.
SHIPPED_TODAY = "2026-12-01"


def copy_project(target: Path, content: Path | None = None) -> Path:
    """Copy what a site build needs (config, docs, overrides, content) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(content or REPO / "content", target / "content")
    return target


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HEALTHSITE_TODAY", TODAY)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    yield
