"""`healthsite build`: the site checked, then built safely.

It checks the content, then runs MkDocs in this same process, as `mkdocs build --strict --clean`
would, into a new folder beside the target, and swaps it in only when the build succeeded, so a
failed build leaves the previous site exactly as it was. The healthsite plugin builds the very
content the check loaded (`HealthsitePlugin.use_checked`), so the content is read and checked
once and its warnings are printed once. `output_folder` decides which folder may be replaced
and how: never a file, a link or a folder this command did not build; ordinary permissions; an
atomic swap where the system allows; one build at a time; and on Ctrl-C or SIGTERM the build
stops where it is and the staging folder is deleted.
"""

from __future__ import annotations

import logging
import shutil
import sys
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, MkDocsException

from healthsite.adapters.mkdocs.build_log import printing_warnings
from healthsite.adapters.mkdocs.plugin import HealthsitePlugin
from healthsite.commands.check import check_and_report
from healthsite.commands.output_folder import (
    BUILD_MARK,
    Stopped,
    build_lock,
    lock_refusal,
    output_path,
    remove_leftovers,
    signals_blocked,
    staging_folder,
    stop_on_signals,
    swap_in,
    unsafe_site_dir,
)
from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.source.safe_files import write_new


def build(root: Path, site_dir: Path) -> int:
    """Build into a fresh folder, then swap it in for `site_dir`; on failure change nothing."""
    with stop_on_signals():
        try:
            return _build(root, site_dir)
        except Stopped as stop:
            print(f"Stopped ({stop.name}); the previous site is unchanged.", file=sys.stderr)
            return 128 + stop.signum


def _build(root: Path, site_dir: Path) -> int:
    site_dir = output_path(root, site_dir)
    refusal = unsafe_site_dir(root, site_dir)
    if refusal:
        print(f"error: will not build into {site_dir}: {refusal}", file=sys.stderr)
        return 2
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    refusal = lock_refusal(site_dir)
    if refusal:
        print(f"error: will not build into {site_dir}: {refusal}", file=sys.stderr)
        return 2
    with build_lock(site_dir) as other_build:
        if other_build is not None:
            print(
                f"error: another `healthsite build` is building into {site_dir} right now"
                f"{other_build}; wait for it to finish, then build again",
                file=sys.stderr,
            )
            return 3
        remove_leftovers(site_dir)
        staging = staging_folder(site_dir)
        try:
            if not _check_and_build(root, staging):
                print("The site was not built; the previous site is unchanged.", file=sys.stderr)
                return 1
            write_new(staging / BUILD_MARK, b"Built by `healthsite build`; safe to delete.\n")
            refusal = unsafe_site_dir(root, site_dir)  # in case something appeared meanwhile
            if refusal:
                print(f"error: will not build into {site_dir}: {refusal}", file=sys.stderr)
                return 2
            swap_in(staging, site_dir)
        finally:
            with signals_blocked():
                shutil.rmtree(staging, ignore_errors=True)
    print(f"Built the site into {site_dir}")
    return 0


def _check_and_build(root: Path, staging: Path) -> bool:
    """Check the content (printing every problem), then build it into `staging` as `mkdocs
    build --strict --clean --site-dir STAGING` would (or `properdocs build`, as
    `healthsite.adapters.mkdocs.builder` chose), in this process, printing the warnings and
    errors MkDocs logs; True when the site was built.

    The config is loaded once: the check describes the project from the config MkDocs then
    builds, and the plugin builds the content the check loaded (`use_checked`)."""
    with printing_warnings(), _as_builder_command():
        try:
            config, project = read_project(root, site_dir=str(staging), strict=True)
        except SETUP_ERRORS as exc:
            report_setup_error(exc, content_status=1)
            return False
        try:
            # What the builder's `build` command does (`build_command` in mkdocs/__main__.py):
            # `load_config` (in read_project), the one-time events, `build`. The command itself
            # (the click `cli`) cannot be used: it loads the config again, so the plugin could
            # not be handed what the check loaded, and it exits the process. MkDocs internal:
            # `config.plugins.on_startup`/`on_shutdown`, the PluginCollection methods that run
            # the documented one-time events, called as MkDocs' command calls them (MkDocs
            # 1.6.1, ProperDocs 1.6.7; tests/test_build_command.py, "a fault at start-up").
            config.plugins.on_startup(command="build", dirty=False)
            try:
                _, checked = check_and_report(config, project, quiet=True)  # prints every problem
                if checked is None:
                    return False
                plugin = config.plugins["healthsite"]  # read_project found it
                if isinstance(plugin, HealthsitePlugin):
                    plugin.use_checked(checked)
                mkdocs_build.build(config, dirty=False)
            finally:
                config.plugins.on_shutdown()
        except (Exception, SystemExit) as exc:  # Stopped (Ctrl-C, SIGTERM) is neither
            message = _failure(exc)
            if message:
                print(message, file=sys.stderr)
            return False
    return True


@contextmanager
def _as_builder_command() -> Iterator[None]:
    """What the builder's command sets up before it builds (`_enable_warnings` in
    mkdocs/__main__.py and properdocs/__main__.py), undone afterwards: a message of its build
    log is printed once however often it is logged, and Python's warnings (a plugin's
    deprecations) go to the log at INFO, which is not printed; as there, `python -W` or
    PYTHONWARNINGS leaves Python's warnings as they ask.

    MkDocs internal: `mkdocs.commands.build.log`, the build module's logger, which MkDocs'
    command filters so (its name differs under ProperDocs, hence the module's own attribute).
    No public API sets up the command's logging. Checked with MkDocs 1.6.1 and ProperDocs
    1.6.7; tests/test_build_command.py ("a message logged twice") fails if it stops working."""
    duplicates = _OncePerMessage()
    mkdocs_build.log.addFilter(duplicates)
    try:
        with warnings.catch_warnings():
            if not sys.warnoptions:
                warnings.simplefilter("module", DeprecationWarning)
                warnings.showwarning = _log_warning
            yield
    finally:
        mkdocs_build.log.removeFilter(duplicates)


class _OncePerMessage(logging.Filter):
    """Lets through the first record of each message (before its arguments are put in), as
    MkDocs' own command filters its build log (`DuplicateFilter` in mkdocs.utils)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[object] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        first = record.msg not in self.seen
        self.seen.add(record.msg)
        return first


def _log_warning(  # noqa: PLR0917 - the signature of warnings.showwarning
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    logging.getLogger(__name__).info("%s: %s (%s:%s)", category.__name__, message, filename, lineno)


def _failure(exc: BaseException) -> str:
    """What to print when MkDocs stopped with `exc`: its message, never a traceback."""
    if isinstance(exc, Abort):  # MkDocs has logged the cause (printed above)
        return str(exc)
    if isinstance(exc, SystemExit):  # mkdocs-macros exits on a macro error, logged above
        return exc.code if isinstance(exc.code, str) else ""
    if isinstance(exc, MkDocsException):  # a plugin's or theme's message for people
        return f"error: {exc}"
    # A fault in a plugin or template: its last line names it ("TemplateSyntaxError: …").
    return "error: " + traceback.format_exception_only(exc)[-1].strip()
