"""Command line: `healthsite check` validates content; `healthsite build` builds the site safely;
`healthsite reviews` lists the pages due for review soon; `healthsite verify` runs the site checks
on a built site; `healthsite new` writes a new clinic site (see `healthsite --help`).

`build` checks the content, then runs MkDocs in this same process, as `mkdocs build --strict
--clean` would, into a new folder beside the target, and swaps it in only when the build
succeeded, so a failed build leaves the previous site exactly as it was. The healthsite plugin
builds the very content the check loaded, so the content is read and checked once and its
warnings are printed once. `site_output` decides which folder may be replaced and how: never a
file, a link or a folder this command did not build; ordinary permissions; an atomic swap where
the system allows; one build at a time; and on Ctrl-C or SIGTERM the build stops where it is and
the staging folder is deleted.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError
from mkdocs.utils import DuplicateFilter

from healthsite.adapters.mkdocs.build_log import printing_warnings
from healthsite.adapters.mkdocs.config import project_from, read_site_config
from healthsite.adapters.mkdocs.plugin import HealthsitePlugin
from healthsite.adapters.mkdocs.site_build import CheckedContent
from healthsite.commands.new_site import engine_version, lock_file, new_site, stale_lock
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
from healthsite.commands.rename_person import rename_person
from healthsite.commands.review_report import report
from healthsite.model.library import LIBRARY_DIR, library_dir
from healthsite.model.loader import SiteContent, load_content
from healthsite.model.registry import CONTENT_TYPES
from healthsite.model.sign_off import SignOffError, record_sign_off
from healthsite.render.theme_files import THEME_DIR
from healthsite.rules import RuleSettings, due_reviews, readability_report
from healthsite.rules.library_sign_off import check_library_sign_off
from healthsite.rules.project_check import Project, check_project
from healthsite.site_checks.check_tools import INSTALL_SYSTEM_DEPS
from healthsite.site_checks.run import verify
from healthsite.source.clock import build_date
from healthsite.source.errors import ContentErrors, Severity, format_problems
from healthsite.source.safe_files import write_new


def _project(
    root: Path, *, site_dir: str | None = None, strict: bool | None = None
) -> tuple[MkDocsConfig, Project]:
    """The project at `root` as its mkdocs.yml describes it (read by MkDocs itself, so `check`
    uses the same folders and rules as the build), and that configuration. `site_dir` and
    `strict` (None: as mkdocs.yml says) override mkdocs.yml as MkDocs' `--site-dir` and
    `--strict` do."""
    config, options = read_site_config(root, site_dir=site_dir, strict=strict)
    return config, project_from(config, options)


# What can stop a command before it has the content: the content, mkdocs.yml, $HEALTHSITE_TODAY.
_SETUP_ERRORS = (ContentErrors, ValueError, ConfigurationError, PluginError, Abort)


def _report_setup_error(exc: Exception, *, content_status: int) -> int:
    """Print why the command could not start, and return its exit status."""
    if isinstance(exc, ContentErrors):
        print(exc.format(), file=sys.stderr)
        return content_status
    if isinstance(exc, Abort):  # MkDocs has logged what is wrong with mkdocs.yml
        print("error: mkdocs.yml has a mistake (see above)", file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)
    return 2


def check(root: Path, *, quiet: bool = False) -> int:
    """Validate content/ and apply the health-content rules; print every problem found."""
    try:
        config, project = _project(root)
    except _SETUP_ERRORS as exc:
        return _report_setup_error(exc, content_status=1)
    status, _ = _check(config, project, quiet=quiet)
    return status


def _check(
    config: MkDocsConfig, project: Project, *, quiet: bool
) -> tuple[int, CheckedContent | None]:
    """Check `project` (as mkdocs.yml's `config` describes it) and print every problem, and
    unless `quiet` each page's reading grade and what the site holds. The exit status, and
    the checked content when nothing stops a build of `config`."""
    try:
        today = build_date()
        content, problems = check_project(project, today)
    except _SETUP_ERRORS as exc:
        return _report_setup_error(exc, content_status=1), None
    lock = stale_lock(project.root)
    shown = [*problems, lock] if lock else problems
    if shown:
        print(format_problems(shown), file=sys.stderr)
    if any(p.severity is Severity.ERROR for p in shown):
        return 1, None
    if not quiet:
        for page in readability_report(content):
            print(
                f"{page.name}: reading grade {page.grade:.1f}, reading ease {page.ease:.0f}, "
                f"longest sentence {page.longest_sentence} words"
            )
        print("Content OK: " + _content_summary(content))
    return 0, CheckedContent(config, today, content, problems)


def _content_summary(content: SiteContent) -> str:
    """What the content holds, kind by kind as each kind's entry counts it ("6 benefit pages,
    ..., 38 questions"), then how many references there are and how many of them pages cite
    (only those are published)."""
    found = [kind.summary(content.of(kind), content.clinic) for kind in CONTENT_TYPES]
    cited = len(content.cited_keys())
    total = len(content.references)
    references = f"{total} references" + ("" if cited == total else f" ({cited} cited)")
    return ", ".join([*(said for said in found if said is not None), references]) + "."


def reviews(
    root: Path, within: int | None, fmt: str, *, exit_code: bool = False, source_url: str = ""
) -> int:
    """Print the pages whose review is overdue or due within `within` days (default: the
    window the build warns about). With `exit_code`, exit 1 when any page is listed."""
    try:
        _, project = _project(root)
        settings = project.rules.on(build_date())
        content = load_content(project.content_dir, project.root)
    except _SETUP_ERRORS as exc:
        return _report_setup_error(exc, content_status=2)
    days = settings.due_soon_days if within is None else within
    due = due_reviews(content, settings.today, days, settings.legal_pages)
    print(report(due, settings, days, fmt, source_url))
    # The library's pages changed since the clinic signed them off are due for its reading too.
    waiting = check_library_sign_off(content, settings.today)
    for problem in waiting:
        print(
            ("\n## Library pages to sign off\n\n" if fmt == "markdown" else "\n") + problem.format()
        )
    return 1 if exit_code and (due or waiting) else 0


def sign_off(root: Path, by: str, pages: list[str]) -> int:
    """Record that `by` read the library's pages (`healthsite.model.sign_off`)."""
    try:
        _, project = _project(root)
        content = load_content(project.content_dir, project.root)
        today = build_date()
    except _SETUP_ERRORS as exc:
        return _report_setup_error(exc, content_status=1)
    try:
        signed = record_sign_off(content, project.content_dir, by, pages, today)
    except SignOffError as exc:
        print(f"healthsite sign-off: {exc}", file=sys.stderr)
        return 1
    person = content.clinic.person(by)
    name = person.name if person is not None else by
    print(
        f"Recorded in content/library.yml: {name} signed off {len(signed)} library "
        f"{'page' if len(signed) == 1 else 'pages'} on "
        f"{today:%-d %B %Y} (library {content.library.version if content.library else '?'})."
    )
    return 0


def rename(root: Path, old: str, new: str, *, dry_run: bool) -> int:
    """Rename a person (`healthsite.commands.rename_person`) in the folders mkdocs.yml names."""
    try:
        _, project = _project(root)
    except _SETUP_ERRORS as exc:
        return _report_setup_error(exc, content_status=1)
    return rename_person(project.content_dir, project.docs_dir, root, old, new, dry_run=dry_run)


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
    `healthsite.adapters.mkdocs.builder` chose), in this process, printing the warnings and errors
    MkDocs logs;
    True when the site was built.

    The config is loaded once: the check describes the project from the config MkDocs then
    builds, and the plugin builds the content the check loaded (`use_checked`)."""
    with printing_warnings(), _as_builder_command():
        try:
            config, project = _project(root, site_dir=str(staging), strict=True)
        except _SETUP_ERRORS as exc:
            _report_setup_error(exc, content_status=1)
            return False
        try:
            # What the builder's `build` command does (`build_command` in mkdocs/__main__.py).
            config.plugins.on_startup(command="build", dirty=False)
            try:
                _, checked = _check(config, project, quiet=True)  # prints every problem
                if checked is None:
                    return False
                plugin = config.plugins["healthsite"]  # _project found it
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
    PYTHONWARNINGS leaves Python's warnings as they ask."""
    duplicates = DuplicateFilter()
    mkdocs_build.log.addFilter(duplicates)
    try:
        with warnings.catch_warnings():
            if not sys.warnoptions:
                warnings.simplefilter("module", DeprecationWarning)
                warnings.showwarning = _log_warning
            yield
    finally:
        mkdocs_build.log.removeFilter(duplicates)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="healthsite", description="Build and check a health-information website."
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--version", action="version", version=f"healthsite {engine_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    new_parser = commands.add_parser("new", help="write a new clinic site into a new folder")
    new_parser.add_argument("folder", type=Path, metavar="DIR")
    verify_parser = commands.add_parser(
        "verify", help="run the site checks (browser, HTML, links) on a built site"
    )
    verify_parser.add_argument(
        "site_dir",
        type=Path,
        nargs="?",
        metavar="SITE_DIR",
        help="the built site (default: build the content afresh into .site-checks/)",
    )
    verify_parser.add_argument(
        "-n",
        dest="workers",
        default="2",
        help="parallel processes (default: 2; 'auto': one per core)",
    )
    verify_parser.epilog = "Options after -- go to pytest: healthsite verify site -- -x"
    commands.add_parser(
        "system-deps", help="install Chromium, Java and npm for the site checks (as root)"
    )
    commands.add_parser("theme-path", help="print where the engine's templates are")
    commands.add_parser(
        "library-path", help="print where the content library's pages are (to copy one)"
    )
    commands.add_parser("lock-file", help="print this version's lock file (requirements.txt)")
    commands.add_parser("check", help="validate content/ and print each page's reading grade")
    build_parser = commands.add_parser("build", help="check, then build the site atomically")
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    reviews_parser = commands.add_parser(
        "reviews", help="list the pages whose review is overdue or due soon"
    )
    reviews_parser.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help=f"days ahead to look (default: {RuleSettings.due_soon_days}, as the build warns)",
    )
    reviews_parser.add_argument("--format", choices=("text", "markdown"), default="text")
    reviews_parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when a page is listed (for scripts)"
    )
    reviews_parser.add_argument(
        "--source-url", default="", help="Markdown only: link each file under this address"
    )
    rename_parser = commands.add_parser(
        "rename-person",
        help="change a person's id everywhere content/ uses it (and their photo's name)",
    )
    rename_parser.add_argument("old", metavar="OLD", help="the id in content/clinic.yml now")
    rename_parser.add_argument("new", metavar="NEW", help="the id to give them")
    rename_parser.add_argument(
        "--dry-run", action="store_true", help="print what would change, and change nothing"
    )
    sign_off_parser = commands.add_parser(
        "sign-off",
        help="record that someone at the clinic read the library's pages (all, or those named)",
    )
    sign_off_parser.add_argument(
        "--by", required=True, metavar="PERSON", help="their id in content/clinic.yml"
    )
    sign_off_parser.add_argument(
        "pages", nargs="*", metavar="PAGE_ID", help="such as benefits/stress (default: all)"
    )
    # `healthsite verify [SITE_DIR] -- -x`: what follows "--" is for pytest, never a SITE_DIR.
    words = sys.argv[1:] if argv is None else argv
    split = words.index("--") if "--" in words else len(words)
    args = parser.parse_args(words[:split])
    args.pytest_args = words[split + 1 :]
    if args.pytest_args and args.command != "verify":
        parser.error("options after -- are only for `healthsite verify`")
    root = args.root.resolve()
    if args.command in PROJECT_COMMANDS:
        return PROJECT_COMMANDS[args.command](root, args)
    if args.command == "check":
        try:
            return check(root)
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
            return 128 + signal.SIGINT
    if args.command == "rename-person":
        return rename(root, args.old, args.new, dry_run=args.dry_run)
    if args.command == "reviews":
        return reviews(
            root, args.within, args.format, exit_code=args.exit_code, source_url=args.source_url
        )
    return build(root, args.site_dir)


def _new(root: Path, args: argparse.Namespace) -> int:
    return new_site(root / args.folder)


def _verify(root: Path, args: argparse.Namespace) -> int:
    site = root / args.site_dir if args.site_dir is not None else None
    return verify(root, site, args.workers, args.pytest_args)


def _system_deps(root: Path, args: argparse.Namespace) -> int:
    return subprocess.run(["bash", str(INSTALL_SYSTEM_DEPS)], check=False).returncode


def _print(text: str) -> int:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


# The commands that do not read the project's content.
def _sign_off(root: Path, args: argparse.Namespace) -> int:
    return sign_off(root, args.by, args.pages)


PROJECT_COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "new": _new,
    "sign-off": _sign_off,
    "verify": _verify,
    "system-deps": _system_deps,
    "theme-path": lambda root, args: _print(str(THEME_DIR)),
    "library-path": lambda root, args: _print(str(library_dir() or LIBRARY_DIR)),
    "lock-file": lambda root, args: _print(lock_file()),
}


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days, such as 60")
    return int(value)


if __name__ == "__main__":
    sys.exit(main())
