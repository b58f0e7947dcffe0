"""What the site checks run besides Python: Debian's Chromium and a Java runtime (installed by
`healthsite system-deps`, as root), and two npm packages pinned in `tools/package-lock.json`
(axe-core and the Nu HTML Checker), which `healthsite verify` installs itself with `npm ci` into
the project's `.cache/healthsite/`, once per version of that lock file.

Install scripts are not run: vnu-jar's would fetch a Java runtime from the internet.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"
LOCK = TOOLS / "package-lock.json"
# Set by `healthsite verify` for the check processes: the project, the built site to check (when
# not set, the project's content is built afresh), and the node_modules folder to use.
PROJECT_VARIABLE = "HEALTHSITE_PROJECT_DIR"
SITE_VARIABLE = "HEALTHSITE_SITE_DIR"
NODE_MODULES_VARIABLE = "HEALTHSITE_NODE_MODULES"
CACHE = Path(".cache") / "healthsite" / "check-tools"
INSTALL_SYSTEM_DEPS = TOOLS / "install_system_deps.sh"
SYSTEM_DEPS_HINT = "run `healthsite system-deps` as root (it installs Chromium and Java)"


class ToolsError(Exception):
    """A tool the checks need is missing and cannot be installed here; the message says why."""


def node_modules(project: Path) -> Path:
    """The checks' npm packages: $HEALTHSITE_NODE_MODULES when set, otherwise installed (or found
    installed) under the project's .cache/ for this lock file."""
    configured = os.environ.get(NODE_MODULES_VARIABLE)
    if configured:
        return Path(configured)
    return install_npm_tools(project / CACHE)


def install_npm_tools(cache: Path) -> Path:
    """`npm ci` of the pinned tools into a folder of `cache` named after the lock file's hash
    (skipped when done already; one process at a time). Raises ToolsError."""
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:16]
    target = cache / digest
    done = target / "node_modules" / ".package-lock.json"
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if done.is_file():
            return target / "node_modules"
        npm = shutil.which("npm")
        if npm is None:
            raise ToolsError(f"the site checks need Node.js and npm: {SYSTEM_DEPS_HINT}")
        target.mkdir(exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(TOOLS / name, target / name)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=target,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not done.is_file():
            raise ToolsError(
                f"`npm ci` of the site checks' tools in {target} failed "
                f"(is the npm registry reachable?):\n{result.stdout}{result.stderr}"
            )
    return target / "node_modules"
