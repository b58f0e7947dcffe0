"""Command line: `healthsite check` validates content; `healthsite build` builds the site safely;
`healthsite reviews` lists the pages due for review soon; `healthsite verify` runs the site checks
on a built site; `healthsite new` writes a new clinic site (see `healthsite --help`).

This module reads the command line and hands each command to its module: `check`, `build`,
`reviews`, `signing_off`, `rename_person`, `verify`, `new_site`.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from healthsite.commands.build import build
from healthsite.commands.check import check
from healthsite.commands.new_site import engine_version, lock_file, new_site
from healthsite.commands.rename_person import rename_in_project
from healthsite.commands.reviews import reviews
from healthsite.commands.signing_off import sign_off
from healthsite.commands.verify import install_system_deps, verify_site
from healthsite.model.library import LIBRARY_DIR, library_dir
from healthsite.render.theme_files import THEME_DIR
from healthsite.rules import RuleSettings


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
        return rename_in_project(root, args.old, args.new, dry_run=args.dry_run)
    if args.command == "reviews":
        return reviews(
            root, args.within, args.format, exit_code=args.exit_code, source_url=args.source_url
        )
    return build(root, args.site_dir)


def _print(text: str) -> int:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


# The commands run with the project folder and their arguments as parsed (`main` calls the
# others itself).
PROJECT_COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "new": lambda root, args: new_site(root / args.folder),
    "sign-off": lambda root, args: sign_off(root, args.by, args.pages),
    "verify": lambda root, args: verify_site(root, args.site_dir, args.workers, args.pytest_args),
    "system-deps": lambda root, args: install_system_deps(),
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
