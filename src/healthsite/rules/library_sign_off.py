"""The library's pages the clinic has not signed off as they are now (`healthsite.sign_off`):
never read by anyone at the clinic, or changed by an upgrade since they were. One problem lists
them, each with what changed (the library's change list), in content/library.yml; it is a
warning until `sign_off_within_days` (90 unless content/library.yml says otherwise) have passed
since the earliest change still waiting, then an error, as an overdue review is. The example
site (`example: true`) is nobody's to sign off, so it is not checked.
"""

from __future__ import annotations

from datetime import date, timedelta

from healthsite.errors import ContentProblem
from healthsite.library import LIBRARY_FILE, LibraryChange
from healthsite.loader import SiteContent
from healthsite.sign_off import LibraryPage, library_pages, signed_off

# Enough pages named to act on; the rest are counted.
MAX_LISTED = 12


def check_library_sign_off(content: SiteContent, today: date) -> list[ContentProblem]:
    """The problem (at most one) of the library pages waiting for the clinic's sign-off."""
    library = content.library
    if library is None or content.clinic.example:
        return []
    waiting = [page for page in library_pages(content) if not signed_off(content, page)]
    if not waiting:
        return []
    record = content.library_choices.signed_off
    since = record.version if record is not None else None
    changes = {page.id: library.changes_since(since, page.id) for page in waiting}
    dates = [change.date for found in changes.values() for change in found]
    started = min(dates) if dates else today
    days = content.library_choices.sign_off_within_days
    overdue = today > started + timedelta(days=days)
    people = ", ".join(person.id for person in content.clinic.people)
    if record is None:
        message = (
            f"nobody at the clinic has signed off the {len(waiting)} pages the site publishes "
            "from the healthsite library; the clinic publishes them under its own "
            "responsibility"
        )
    else:
        listed = "; ".join(_describe(page, changes[page.id]) for page in waiting[:MAX_LISTED])
        more = len(waiting) - MAX_LISTED
        message = (
            f"{len(waiting)} library pages changed since {record.by} signed them off on "
            f"{record.on:%-d %B %Y} (library {record.version}, now {library.version}): {listed}"
            + (f"; and {more} more" if more > 0 else "")
        )
    when = f"by {started + timedelta(days=days):%-d %B %Y}, or the build stops"
    hint = (
        "read them on the site (make serve), then record it with "
        f"`healthsite sign-off --by PERSON` (one of: {people}) {when if not overdue else ''}"
    ).strip()
    problem = _at(content, message, hint)
    return [problem if overdue else problem.as_warning()]


def _describe(page: LibraryPage, changes: list[LibraryChange]) -> str:
    said = " / ".join(f"{change.version}: {change.summary}" for change in changes)
    return f"{page.id} ({said})" if said else page.id


def _at(content: SiteContent, message: str, hint: str) -> ContentProblem:
    doc = content.library_doc
    if doc is not None:
        key = ("signed_off",) if content.library_choices.signed_off is not None else ()
        return doc.problem(key, message, hint)
    return ContentProblem(f"content/{LIBRARY_FILE}", 0, 0, "", message, hint)
