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
    CACHE,
    NODE_MODULES_VARIABLE,
    PROJECT_VARIABLE,
    SITE_VARIABLE,
    ToolsError,
    install_npm_tools,
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
        modules = install_npm_tools(project / CACHE)
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
    command += ["--rootdir", str(CHECKS), "-n", workers, *pytest_args]
    return subprocess.run(command, cwd=project, env=env, check=False).returncode
