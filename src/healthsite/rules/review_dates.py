"""Review dates: each health page says when it was last reviewed and when it is next due.

Readers are told the dates (NHS pattern), so they must be honest: no review in the future, no
more than a few years between reviews, and a page past its date fails the build unless the
clinic has chosen only to be warned. "Today" always comes from the settings, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from healthsite.model.library import is_library_file
from healthsite.rules.checked_pages import HealthPage
from healthsite.rules.settings import RuleSettings
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location


def _last_reviewed(page: HealthPage) -> Location:
    return (*page.review_at, "last_reviewed")


def _next_review_due(page: HealthPage) -> Location:
    return (*page.review_at, "next_review_due")


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
            _next_review_due(page),
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
            _last_reviewed(page),
            f"the last review date {page.review.last_reviewed} is in the future (today is {today})",
            "write the date the page was actually reviewed: today or earlier",
        )
    ]


@dataclass(frozen=True)
class DueReview:
    """A page whose review falls due within the window asked for (or is already overdue):
    what the build warns about, and what the weekly reminder lists."""

    page: str
    file: str
    line: int
    due: date
    days_left: int  # negative once the date has passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def when(self) -> str:
        """'today', 'in 12 days' or '3 days ago'."""
        if self.days_left == 0:
            return "today"
        if self.days_left > 0:
            return f"in {_days(self.days_left)}"
        return f"{_days(-self.days_left)} ago"


def due_for_review(page: HealthPage, today: date, within_days: int) -> DueReview | None:
    """The page's review if it is overdue or due within `within_days` of `today`, else None.

    The one place that decides "due soon" and "overdue": the build's warning and error and the
    `healthsite reviews` report both come from it."""
    due = page.review.next_review_due
    days_left = (due - today).days
    if days_left > within_days:
        return None
    line = page.doc.position(_next_review_due(page)).line
    return DueReview(page.name, page.doc.file, line, due, days_left)


def reviews_due(pages: Iterable[HealthPage], today: date, within_days: int) -> list[DueReview]:
    """Every page due within `within_days` or overdue, soonest (most overdue) first."""
    found = (
        due_for_review(page, today, within_days)
        for page in pages
        if not is_library_file(page.doc.file_at(("review",)))  # the library's come with upgrades
    )
    return sorted((d for d in found if d is not None), key=lambda d: (d.due, d.file))


def _overdue_or_due_soon(page: HealthPage, settings: RuleSettings) -> list[ContentProblem]:
    review = due_for_review(page, settings.today, settings.due_soon_days)
    if review is None:
        return []
    if is_library_file(page.doc.file_at(("review",))):
        return _library_page_overdue(page, review)
    years = _years(settings.max_review_years)
    if review.overdue:
        problem = page.doc.problem(
            _next_review_due(page),
            f"this page was due for review on {review.due}, {review.when()}",
            f"review the page, then set last_reviewed to today's date ({settings.today}) and "
            f"next_review_due to a date within {years} (no later than "
            f"{add_years(settings.today, settings.max_review_years)})",
        )
        if settings.overdue_is_error:
            return [problem]
        return [problem.as_warning()]
    return [
        page.doc.problem(
            _next_review_due(page),
            f"this page is due for review on {review.due}, {review.when()}",
            "plan the review; afterwards set last_reviewed to the date of the review and "
            f"next_review_due to a date within {years}",
        ).as_warning()
    ]


def _library_page_overdue(page: HealthPage, review: DueReview) -> list[ContentProblem]:
    """A library page is the library's to review, not the clinic's: past its date, a warning
    that a newer healthsite should have it reviewed (never an error the clinic cannot fix)."""
    if not review.overdue:
        return []
    return [
        page.doc.problem(
            _next_review_due(page),
            f"this library page was due for its review on {review.due}, {review.when()}",
            "upgrade healthsite (the site's README, 'Upgrading'): a newer version has the page "
            "reviewed; or put your own reviewed copy at the same path in content/",
        ).as_warning()
    ]


def check_review_dates(pages: Iterable[HealthPage], settings: RuleSettings) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for page in pages:
        problems.extend(_too_far_apart(page, settings))
        problems.extend(_reviewed_in_future(page, settings.today))
        problems.extend(_overdue_or_due_soon(page, settings))
    return problems
