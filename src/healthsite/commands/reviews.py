"""`healthsite reviews`: the pages whose review is overdue or due soon, and the library pages
waiting for the clinic's sign-off (`review_report` words the list)."""

from __future__ import annotations

from pathlib import Path

from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.commands.review_report import report
from healthsite.model.loader import load_content
from healthsite.rules import due_reviews
from healthsite.rules.library_sign_off import check_library_sign_off
from healthsite.source.clock import build_date


def reviews(
    root: Path, within: int | None, fmt: str, *, exit_code: bool = False, source_url: str = ""
) -> int:
    """Print the pages whose review is overdue or due within `within` days (default: the
    window the build warns about). With `exit_code`, exit 1 when any page is listed."""
    try:
        _, project = read_project(root)
        settings = project.rules.on(build_date())
        content = load_content(project.content_dir, project.root)
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=2)
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
