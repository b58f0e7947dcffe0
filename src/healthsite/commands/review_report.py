"""The review reminder: which pages fall due for review soon, as text or as Markdown.

`healthsite reviews` prints it; the weekly workflow (.github/workflows/review-reminder.yml)
puts the Markdown into a GitHub issue and the job summary, so a clinic hears about a review
weeks before the build starts refusing the page. Which pages are due is decided by
`rules.review_dates` (the same rule the build applies); this module only words the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from healthsite.rules import DueReview, RuleSettings

TITLE = "Pages due for review"

# CommonMark lets a backslash escape any ASCII punctuation; these could change a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def _cell(text: str) -> str:
    """Clinic text (a page title) as literal Markdown inside a table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _consequence(settings: RuleSettings) -> str:
    if settings.overdue_is_error:
        return (
            "A page past its review date stops the build, so the live site is not updated "
            "until the page is reviewed."
        )
    return (
        'A page past its review date is published with an "overdue for review" notice '
        "(`overdue_review: warn` in `mkdocs.yml`)."
    )


def _how_to(settings: RuleSettings) -> str:
    return (
        "To review a page, read each claim against its sources and fix anything out of date, "
        "then set `last_reviewed` to the date of the review and `next_review_due` to a date "
        f'at most {settings.max_review_years} years later (see "Review blocks" in '
        "`content/README.md`)."
    )


def text_report(due: Sequence[DueReview], settings: RuleSettings, within_days: int) -> str:
    """One line per page, `file:line: page: ...`, as `make check` prints problems."""
    if not due:
        return f"No page is due for review within {within_days} days (today is {settings.today})."
    lines = [f"{TITLE} within {within_days} days (today is {settings.today}):"]
    for review in due:
        state = "OVERDUE since" if review.overdue else "due"
        lines.append(
            f"{review.file}:{review.line}: {review.page}: review {state} {review.due}, "
            f"{review.when()}"
        )
    lines += ["", _consequence(settings), _how_to(settings)]
    return "\n".join(lines)


def _file_cell(review: DueReview, source_url: str) -> str:
    where = f"`{review.file}` line {review.line}"
    if not source_url:
        return where
    return f"[{where}]({source_url.rstrip('/')}/{review.file}#L{review.line})"


def markdown_report(
    due: Sequence[DueReview], settings: RuleSettings, within_days: int, source_url: str = ""
) -> str:
    """A heading, a table of the pages and what to do: the body of the reminder issue. With
    `source_url` (the address of the repository's files), each file is a link to its line."""
    lines = [f"## {TITLE}", ""]
    if not due:
        lines.append(
            f"Today is {settings.today}. No page is due for review within the next "
            f"{within_days} days."
        )
        return "\n".join(lines)
    lines += [
        f"Today is {settings.today}. These pages are overdue for review or due within the next "
        f"{within_days} days:",
        "",
        "| Page | File | Review due | When |",
        "| --- | --- | --- | --- |",
    ]
    for review in due:
        when = f"**overdue**, {review.when()}" if review.overdue else review.when()
        lines.append(
            f"| {_cell(review.page)} | {_file_cell(review, source_url)} | {review.due} | {when} |"
        )
    lines += ["", _consequence(settings), "", _how_to(settings)]
    return "\n".join(lines)


def report(
    due: Sequence[DueReview],
    settings: RuleSettings,
    within_days: int,
    fmt: str = "text",
    source_url: str = "",
) -> str:
    if fmt == "markdown":
        return markdown_report(due, settings, within_days, source_url)
    return text_report(due, settings, within_days)
