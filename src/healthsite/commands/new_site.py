"""`healthsite new DIR`: a new clinic site, ready to build, test and deploy.

It writes the example clinic site (content/, docs/, an empty overrides/, mkdocs.yml and the lock
file: `healthsite.source.example_files`), marked as the example by `example: true` in
content/clinic.yml,
and the files that make it a project of its own (`scaffold/project/`: a README for clinics, the
Makefile, .gitignore, pyproject.toml pinning this version of healthsite, the workflows). No
engine code or template is copied: those come with the package.

The site is written into a new folder beside DIR and renamed to DIR when complete, so a failure
never leaves half a site; DIR must not exist, or be an empty folder.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from healthsite import PACKAGE_DIR
from healthsite.source.errors import ContentProblem, Severity
from healthsite.source.example_files import NoExampleSite, example_sources
from healthsite.source.safe_files import write_new

PACKAGE = PACKAGE_DIR
PROJECT_FILES = PACKAGE / "scaffold" / "project"
# Files of the scaffold kept without a leading dot in the package, by their name in a site.
DOT_NAMES = {"gitignore": ".gitignore", "github": ".github"}
# The one file with values filled in ({name}, {version}), by its name in the package.
TEMPLATED = {"pyproject.toml.template": "pyproject.toml"}


class NewSiteError(Exception):
    """Why no site was written; the message says what to do."""


def engine_version() -> str:
    return version("healthsite")


def lock_file() -> str:
    """The pinned, hashed lock of every package a site needs, for this version."""
    return example_sources()["requirements.txt"].read_text(encoding="utf-8")


def stale_lock(root: Path) -> ContentProblem | None:
    """A warning when a site's requirements.txt is not this version's lock (after a version bump
    in pyproject.toml, as a bot's pull request makes it), or None. A project with no
    requirements.txt at its top (the engine's own repository) is not a site made by `new`."""
    lock = root / "requirements.txt"
    if not lock.is_file():
        return None
    try:
        same = lock.read_text(encoding="utf-8") == lock_file()
    except (OSError, UnicodeDecodeError, NoExampleSite):
        return None
    if same:
        return None
    return ContentProblem(
        "requirements.txt",
        0,
        0,
        "",
        f"this is not the list of pinned packages healthsite {engine_version()} was tested with "
        "(the version in pyproject.toml changed, or the file was edited)",
        "run `make lock` to write this version's list, then `make test`, and commit both files",
        severity=Severity.WARNING,
    )


def project_name(folder: Path) -> str:
    """A package-style name for pyproject.toml from the folder's name ("Bay Massage" becomes
    "bay-massage")."""
    name = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")
    return name or "clinic-site"


def write_new_site(target: Path) -> None:
    """Write a new site into `target` (absent or an empty folder). Raises NewSiteError."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise NewSiteError(f"{target} is a file or a link: choose a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise NewSiteError(
            f"{target} is not empty: choose a new folder, or empty this one first "
            "(nothing was written)"
        )
    if not target.parent.is_dir():
        raise NewSiteError(f"{target.parent} does not exist: create it first")
    try:
        sources = example_sources()
    except NoExampleSite as exc:
        raise NewSiteError(str(exc)) from exc
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for name, source in sources.items():
            if source.is_dir():
                shutil.copytree(source, staging / name, ignore=_ignored)
            else:
                shutil.copy2(source, staging / name)
        _copy_project_files(staging, project_name(target))
        if target.is_dir():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _ignored(folder: str, names: list[str]) -> set[str]:
    return {name for name in names if name == "__pycache__" or name.endswith(".pyc")}


def _copy_project_files(site: Path, name: str) -> None:
    for source in sorted(PROJECT_FILES.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        parts = source.relative_to(PROJECT_FILES).parts
        target = site.joinpath(DOT_NAMES.get(parts[0], parts[0]), *parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        if source.name in TEMPLATED:
            target = target.with_name(TEMPLATED[source.name])
            text = text.replace("{name}", name).replace("{version}", engine_version())
        write_new(target, text.encode("utf-8"))


def new_site(target: Path) -> int:
    """`healthsite new`: write the site and say what to do next; the exit status."""
    try:
        write_new_site(target)
    except NewSiteError as exc:
        print(f"healthsite new: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"healthsite new: could not write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(
        f"Wrote a new site into {target} (healthsite {engine_version()}), with the example "
        "clinic's content.\nNext:\n"
        f"  cd {target}\n"
        "  make serve    # a live preview on http://127.0.0.1:8000\n"
        "  make test     # what CI runs before it deploys\n"
        'Then make it yours: README.md, "Make it your own".'
    )
    return 0
