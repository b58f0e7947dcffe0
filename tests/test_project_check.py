"""One check of a project (`rules.project_check.check_project`): `healthsite check`, a build by
MkDocs on its own and the live preview find the same problems in a project broken at every
stage of the check, because each runs that one sequence (described by
`adapters.mkdocs.config.project_from` from the same mkdocs.yml)."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from healthsite.commands.cli import main as healthsite

from .conftest import FIXTURE_CONTENT, copy_project

# One problem line of a report: "file[:line:column]: severity[ in 'field']: message".
PROBLEM = re.compile(r"^(\S+): (error|warning)(?: in '[^']*')?: (.+)$")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The fixture project with a problem for each kind of check: a health rule (content/),
    a hand-written page (docs/), an unused file, a setting of mkdocs.yml, a link in content."""
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    stress = project / "content" / "benefits" / "stress.yml"
    text = stress.read_text(encoding="utf-8")
    stress.write_text(text.replace("summary: >-", "summary: >-\n  Proven.", 1), encoding="utf-8")
    (project / "docs" / "offer.md").write_text(
        "# Offer\n\n<script>alert('offer')</script>\n", encoding="utf-8"
    )
    (project / "docs" / "assets" / "old-prices.txt").write_text("Prices\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nextra_javascript:\n  - https://cdn.example.com/widget.js\n",
        encoding="utf-8",
    )
    return project


def problem_lines(report: str) -> list[str]:
    """The problem lines of a report (without their "How to fix" lines and summary)."""
    return [line for line in report.splitlines() if PROBLEM.match(line)]


def test_the_check_a_build_and_the_preview_find_the_same_problems(
    broken: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert healthsite(["--root", str(broken), "check"]) == 1
    checked = capsys.readouterr().err
    found = problem_lines(checked)
    # A problem from each stage: the rules, the hand-written pages, the unused files, mkdocs.yml.
    assert [
        any(part in line for line in found)
        for part in ("stress.yml", "docs/offer.md", "old-prices.txt", "extra_javascript[0]")
    ] == [True] * 4

    # `mkdocs build` on its own: the plugin stops it with the very report the check printed.
    config = load_config(str(broken / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        mkdocs_build(config)
    (stopped,) = [
        r.getMessage() for r in caplog.records if "The content has problems" in r.getMessage()
    ]
    assert stopped == "The content has problems:\n" + checked.rstrip("\n")

    # `mkdocs serve`: the preview's error page lists each of them.
    preview = tmp_path / "preview"
    config = load_config(str(broken / "mkdocs.yml"), site_dir=str(preview))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)
    page = (preview / "index.html").read_text(encoding="utf-8")
    assert page.count("<li>") == len(found)
    for line in found:
        match = PROBLEM.match(line)
        assert match is not None
        where, _, message = match.groups()
        assert f"<code>{html.escape(where)}</code>" in page
        assert html.escape(message) in page


def test_every_command_reads_the_folders_mkdocs_yml_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "content").rename(project / "clinic-content")
    (project / "docs").rename(project / "pages")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("docs_dir: docs", "docs_dir: pages")
        .replace("  - content\n", "  - clinic-content\n")
        .replace("content_dir: content", "content_dir: clinic-content"),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) == 0
    assert healthsite(["--root", str(project), "reviews", "--within", "9999"]) == 0
    assert "clinic-content/benefits/stress.yml" in capsys.readouterr().out
    assert healthsite(["--root", str(project), "rename-person", "sam", "sammy", "--dry-run"]) == 0
    assert "clinic-content/clinic.yml" in capsys.readouterr().out


@pytest.mark.parametrize(("noclasses", "status"), [(True, 1), (False, 0)])
def test_an_extension_option_in_mkdocs_yml_reaches_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], noclasses: bool, status: int
) -> None:
    """The options of markdown_extensions reach the check as MkDocs reads them (its
    `mdx_configs`): with pymdownx.highlight's `noclasses`, code is coloured with inline styles
    the Content-Security-Policy blocks, and the check says which option writes them."""
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "prices.md").write_text(
        "# Prices\n\n```python\nprice = 70  # dollars\n```\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - pymdownx.details\n",
            "  - pymdownx.details\n  - pymdownx.superfences\n  - pymdownx.highlight:\n"
            f"      noclasses: {str(noclasses).lower()}\n",
        ),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) == status
    reported = "such as pymdownx.highlight's noclasses" in capsys.readouterr().err
    assert reported is noclasses
