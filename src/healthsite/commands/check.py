"""`healthsite check`: the project checked (`rules.project_check.check_project`, the check every
build runs), every problem printed, then each page's reading grade and what the site holds."""

from __future__ import annotations

import sys
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig

from healthsite.adapters.mkdocs.site_build import CheckedContent
from healthsite.commands.new_site import stale_lock
from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.model.loader import SiteContent
from healthsite.model.registry import CONTENT_TYPES
from healthsite.rules import readability_report
from healthsite.rules.project_check import Project, check_project
from healthsite.source.clock import build_date
from healthsite.source.errors import Severity, format_problems


def check(root: Path, *, quiet: bool = False) -> int:
    """Validate content/ and apply the health-content rules; print every problem found."""
    try:
        config, project = read_project(root)
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=1)
    status, _ = check_and_report(config, project, quiet=quiet)
    return status


def check_and_report(
    config: MkDocsConfig, project: Project, *, quiet: bool
) -> tuple[int, CheckedContent | None]:
    """Check `project` (as mkdocs.yml's `config` describes it) and print every problem, and
    unless `quiet` each page's reading grade and what the site holds. The exit status, and
    the checked content when nothing stops a build of `config`."""
    try:
        today = build_date()
        content, problems = check_project(project, today)
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=1), None
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
