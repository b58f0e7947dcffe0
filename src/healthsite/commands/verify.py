"""`healthsite verify`: the site checks on a built site (`healthsite.site_checks.run`), and
`healthsite system-deps`, which installs what they need."""

from __future__ import annotations

import subprocess
from pathlib import Path

from healthsite.site_checks.check_tools import INSTALL_SYSTEM_DEPS
from healthsite.site_checks.run import verify


def verify_site(root: Path, site_dir: Path | None, workers: str, pytest_args: list[str]) -> int:
    """The site checks on `site_dir` (inside `root`), or on the content built afresh."""
    site = root / site_dir if site_dir is not None else None
    return verify(root, site, workers, pytest_args)


def install_system_deps() -> int:
    """Chromium, Java and npm for the site checks (as root)."""
    return subprocess.run(["bash", str(INSTALL_SYSTEM_DEPS)], check=False).returncode
