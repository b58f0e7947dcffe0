"""`healthsite verify`: the site checks (this package's test_*.py files) on a project's built
site, in a pytest process of their own, after the npm tools they need are installed.

The checks are pytest tests so that one failure does not hide the next and each names the page
and what to fix; a clinic needs no pytest knowledge to read the report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from healthsite.site_checks.check_tools import (
    NODE_MODULES_VARIABLE,
    PROJECT_VARIABLE,
    SITE_VARIABLE,
    ToolsError,
    node_modules,
)

CHECKS = Path(__file__).resolve().parent


def verify(project: Path, site: Path | None, workers: str, pytest_args: list[str]) -> int:
    """Run every site check on `site` (or on the project's content built afresh when None);
    the exit status of the checks (0 when all passed)."""
    if site is not None and not (site / "index.html").is_file():
        print(
            f"healthsite verify: {site} has no index.html: build the site first (`make site`)",
            file=sys.stderr,
        )
        return 2
    try:
        modules = node_modules(project)
    except ToolsError as exc:
        print(f"healthsite verify: {exc}", file=sys.stderr)
        return 2
    env = {
        **os.environ,
        PROJECT_VARIABLE: str(project),
        NODE_MODULES_VARIABLE: str(modules),
        "NO_MKDOCS_2_WARNING": "1",
    }
    if site is not None:
        env[SITE_VARIABLE] = str(site.resolve())
    command = [sys.executable, "-m", "pytest", str(CHECKS), "-c", str(CHECKS / "pytest.ini")]
    # Work stealing: an idle process takes tests queued for a busy one, so a few long checks
    # (the FAQ's) do not leave the others waiting at the end.
    parallel = ["-n", workers] + (["--dist", "worksteal"] if workers not in {"0", "1"} else [])
    command += ["--rootdir", str(CHECKS), *parallel, *pytest_args]
    # From the checks' folder, so the report names each check by its file ("test_axe.py::…").
    return subprocess.run(command, cwd=CHECKS, env=env, check=False).returncode
