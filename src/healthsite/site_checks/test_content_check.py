"""The project's content passes `healthsite check` with the real date: every rule a build
enforces (structure, sources, wording, reading level, review dates)."""

from __future__ import annotations

import pytest

from healthsite.commands.cli import main as healthsite

from .harness import project_dir


def test_content_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status = healthsite(["--root", str(project_dir()), "check"])
    err = capsys.readouterr().err
    assert status == 0, f"`healthsite check` found problems:\n{err}"
