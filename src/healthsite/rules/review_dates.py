"""Review dates: each health page says when it was last reviewed and when it is next due.

Readers are told the dates (NHS pattern), so they must be honest: no review in the future, no
more than a few years between reviews, and a page past its date fails the build unless the
clinic has chosen only to be warned. "Today" always comes from the settings, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from healthsite.errors import ContentProblem, Severity
from healthsite.rules.pages import HealthPage
from healthsite.rules.settings import RuleSettings

LAST_REVIEWED = ("review", "last_reviewed")
NEXT_REVIEW_DUE = ("review", "next_review_due")


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _years(count: int) -> str:
    return f"{count} year{'s' if count != 1 else ''}"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _too_far_apart(page: HealthPage, settings: RuleSettings) -> list[ContentProblem]:
    review = page.review
    latest = add_years(review.last_reviewed, settings.max_review_years)
    if review.next_review_due <= latest:
        return []
    return [
        page.doc.problem(
            NEXT_REVIEW_DUE,
            f"the next review is due {review.next_review_due}, more than "
            f"{_years(settings.max_review_years)} after the last review on "
            f"{review.last_reviewed}",
            f"set next_review_due to {latest} or earlier",
        )
    ]


def _reviewed_in_future(page: HealthPage, today: date) -> list[ContentProblem]:
    if page.review.last_reviewed <= today:
        return []
    return [
        page.doc.problem(
            LAST_REVIEWED,
            f"the last review date {page.review.last_reviewed} is in the future (today is {today})",
            "write the date the page was actually reviewed: today or earlier",
        )
    ]


def _overdue_or_due_soon(page: HealthPage, settings: RuleSettings) -> list[ContentProblem]:
    due = page.review.next_review_due
    days_left = (due - settings.today).days
    years = _years(settings.max_review_years)
    if days_left < 0:
        problem = page.doc.problem(
            NEXT_REVIEW_DUE,
            f"this page was due for review on {due}, {_days(-days_left)} ago",
            f"review the page, then set last_reviewed to today's date ({settings.today}) and "
            f"next_review_due to a date within {years} (no later than "
            f"{add_years(settings.today, settings.max_review_years)})",
        )
        if settings.overdue_is_error:
            return [problem]
        return [_as_warning(problem)]
    if days_left <= settings.due_soon_days:
        when = "today" if days_left == 0 else f"in {_days(days_left)}"
        return [
            _as_warning(
                page.doc.problem(
                    NEXT_REVIEW_DUE,
                    f"this page is due for review on {due}, {when}",
                    "plan the review; afterwards set last_reviewed to the date of the review and "
                    f"next_review_due to a date within {years}",
                )
            )
        ]
    return []


def _as_warning(problem: ContentProblem) -> ContentProblem:
    return ContentProblem(
        problem.file,
        problem.line,
        problem.column,
        problem.field,
        problem.message,
        problem.hint,
        Severity.WARNING,
    )


def check_review_dates(pages: Iterable[HealthPage], settings: RuleSettings) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for page in pages:
        problems.extend(_too_far_apart(page, settings))
        problems.extend(_reviewed_in_future(page, settings.today))
        problems.extend(_overdue_or_due_soon(page, settings))
    return problems
