"""mkdocs.yml with a key written twice in one block (a second `logo:` pasted below the first) is
an error naming both lines, as in content files; tags are read as text, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.rules.config_file import check_config_file

from .conftest import FIXTURE_CONTENT, copy_project


def test_a_second_logo_line_is_an_error_naming_both_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  logo: assets/logo.svg\n" in text
    second = "  logo: assets/logo.svg\n  logo: assets/logo.png\n"
    config.write_text(text.replace("  logo: assets/logo.svg\n", second), encoding="utf-8")
    first = text.splitlines().index("  logo: assets/logo.svg") + 1
    assert healthsite(["--root", str(project), "check"]) == 1
    assert (
        f"mkdocs.yml:{first + 1}:3: error in 'logo': 'logo' is written twice in the same block "
        f"(first on line {first}); YAML would silently keep only the last one\n"
        "    How to fix: keep one 'logo:' and delete the other"
    ) in capsys.readouterr().err


def test_the_same_key_in_different_blocks_and_tags_pass(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: !ENV [SITE_NAME, 'Clinic']\n"
        "a: {name: 1}\nb: {name: 2}\n"
        "list:\n  - name: x\n  - name: y\n"
        "emoji: !!python/name:os.system\n",
        encoding="utf-8",
    )
    assert check_config_file(config, tmp_path) == []


def test_duplicates_inside_lists_are_found(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - Home: index.md\n    Home: other.md\n", encoding="utf-8")
    [problem] = check_config_file(config, tmp_path)
    assert (problem.line, problem.field) == (3, "Home")
