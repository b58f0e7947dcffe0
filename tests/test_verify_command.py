"""`healthsite verify` runs the packaged site checks on the site it is given and fails when a
check fails; options after `--` go to pytest, never taken for the site folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite

# A page with no language, title or description: the static head check refuses it.
BARE_PAGE = "<!doctype html><html><head></head><body><p>Hello</p></body></html>\n"


def run_verify(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The static checks need none of the npm tools: no install into the test's folder.
    env = {**os.environ, "HEALTHSITE_NODE_MODULES": str(root / "no-tools")}
    command = [
        sys.executable,
        "-m",
        "healthsite.commands.cli",
        "--root",
        str(root),
        "verify",
        *args,
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_verify_fails_on_a_page_a_check_refuses(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    result = run_verify(tmp_path, "site", "-n", "0", "--", "-k", "test_head_and_headings")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED test_static.py::test_head_and_headings[index.html]" in result.stdout
    assert "<html> has no lang attribute" in result.stdout
    assert "1 failed" in result.stdout


def test_verify_refuses_a_folder_with_no_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site").mkdir()
    assert healthsite(["--root", str(tmp_path), "verify", "site", "--", "-x"]) == 2
    assert "has no index.html: build the site first" in capsys.readouterr().err


def test_options_after_the_separator_are_only_for_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        healthsite(["--root", str(tmp_path), "check", "--", "-x"])
    assert stopped.value.code == 2
    assert "only for `healthsite verify`" in capsys.readouterr().err


def test_without_npm_verify_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HEALTHSITE_NODE_MODULES", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    assert healthsite(["--root", str(tmp_path), "verify", "site"]) == 2
    err = capsys.readouterr().err
    assert "the site checks need Node.js and npm" in err
    assert "healthsite system-deps" in err
    assert not list((tmp_path / ".cache" / "healthsite" / "check-tools").glob("*/node_modules"))
