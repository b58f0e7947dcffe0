"""The projects `make bench` generates stay valid, so the benchmark cannot silently rot.

The benchmark itself (timings) is not part of the test suite; these check only that its
N-page healthsite project passes the content check with N distinct pages, and that the plain
Material project made from it builds the same pages.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from scripts.bench import build_env, generate_project, make_plain, output_size, plain_command

from healthsite.commands.check import check
from healthsite.model.kinds.benefit import BENEFITS
from healthsite.model.library import LIBRARY_VARIABLE
from healthsite.model.loader import load_content

from .conftest import EXAMPLE_SITE


def plugins(project: Path) -> list[str]:
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]


def test_generated_project_has_n_valid_distinct_pages(tmp_path: Path) -> None:
    project = generate_project(tmp_path / "seven", 7, site=EXAMPLE_SITE)
    assert check(project, quiet=True) == 0
    content = load_content(project / "content", project)
    assert len(content.of(BENEFITS)) == 7
    for field in ("title", "nav_title", "description"):
        assert len({getattr(p.item, field) for p in content.of(BENEFITS)}) == 7
    # Every topic is among the copies, so every source is still cited.
    example = load_content(EXAMPLE_SITE / "content", EXAMPLE_SITE)
    assert set(content.cited_keys()) == set(example.cited_keys())


def test_generated_project_passes_the_check_in_the_bench_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bench's builds get its own environment, not the tests' (which has no library): the
    # frozen fixture site fails against the library's current pages and safety advice.
    monkeypatch.delenv(LIBRARY_VARIABLE)
    project = generate_project(tmp_path / "two", 2, site=EXAMPLE_SITE)
    for name, value in build_env().items():
        monkeypatch.setenv(name, value)
    assert check(project, quiet=True) == 0


def test_plain_project_builds_the_same_pages(tmp_path: Path) -> None:
    project = generate_project(tmp_path / "three", 3, site=EXAMPLE_SITE)
    plain = make_plain(project, tmp_path / "plain")
    assert {"healthsite", "macros"} <= set(plugins(project))
    assert plugins(plain) == [p for p in plugins(project) if p not in {"healthsite", "macros"}]
    pages = sorted(p.stem for p in (plain / "docs" / "benefits").glob("*.md"))
    hand_written = [p.stem for p in (EXAMPLE_SITE / "docs" / "benefits").glob("*.md")]
    generated = [p.stem for p in (project / "content" / "benefits").iterdir()]
    assert pages == sorted([*hand_written, *generated])
    # No macro is left for plain Material to print as text.
    assert not any("{{" in p.read_text() for p in (plain / "docs").rglob("*.md"))
    site = plain / "site"
    result = subprocess.run(plain_command(plain)(site), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    _, html_pages = output_size(site)
    assert html_pages == len(list((plain / "docs").rglob("*.md"))) + 1  # and 404.html
    assert (site / "benefits" / pages[0] / "index.html").is_file()
