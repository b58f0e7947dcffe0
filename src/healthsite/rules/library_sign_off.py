"""The library's pages the clinic has not signed off as they are now (`healthsite.model.sign_off`):
never read by anyone at the clinic, or changed by an upgrade since they were. One problem lists
them, each with what changed (the library's change list), in content/library.yml; it is a
warning until `sign_off_within_days` (90 unless content/library.yml says otherwise) have passed
since the earliest change still waiting, then an error, as an overdue review is. The example
site (`example: true`) is nobody's to sign off, so it is not checked.
"""

from __future__ import annotations

from datetime import date, timedelta

from healthsite.model.library import LIBRARY_FILE, LibraryChange, LibraryInfo, PageSignOff
from healthsite.model.loader import SiteContent
from healthsite.model.sign_off import LibraryPage, library_pages, page_record, signed_off
from healthsite.source.errors import ContentProblem

# Enough pages named to act on; the rest are counted.
MAX_LISTED = 12


def check_library_sign_off(content: SiteContent, today: date) -> list[ContentProblem]:
    """The problem (at most one) of the library pages waiting for the clinic's sign-off, and a
    warning for each correction the library made to a page the clinic replaced with its own."""
    library = content.library
    if library is None or content.clinic.example:
        return []
    return [*_waiting(content, library, today), *_corrections_to_replaced(content, library)]


def _waiting(content: SiteContent, library: LibraryInfo, today: date) -> list[ContentProblem]:
    waiting = [page for page in library_pages(content) if not signed_off(content, page)]
    if not waiting:
        return []
    records = {page.id: page_record(content, page.id) for page in waiting}
    changes = {
        page.id: library.changes_since(record.version if record else None, page.id)
        for page, record in ((page, records[page.id]) for page in waiting)
    }
    dates = [change.date for found in changes.values() for change in found]
    started = min(dates) if dates else today
    days = content.library_choices.sign_off_within_days
    deadline = started + timedelta(days=days)
    overdue = today > deadline
    people = ", ".join(person.id for person in content.clinic.people)
    if not any(records.values()):
        message = (
            f"nobody at the clinic has signed off the {_pages(len(waiting))} the site publishes "
            "from the healthsite library; the clinic publishes them under its own "
            "responsibility"
        )
    else:
        listed = "; ".join(
            _describe(page, changes[page.id], records[page.id]) for page in waiting[:MAX_LISTED]
        )
        more = len(waiting) - MAX_LISTED
        message = (
            f"{_pages(len(waiting))} of the library changed since they were signed off "
            f"(the library is now {library.version}): {listed}"
            + (f"; and {more} more" if more > 0 else "")
        )
    if overdue:
        message += (
            f". The library's change of {started:%-d %B %Y} has waited more than {days} days "
            "(sign_off_within_days in content/library.yml), so the build stops"
        )
    hint = f"read them on the site (make serve), then record it: make sign-off BY=<id> ({people})"
    if not overdue:
        hint += f", by {deadline:%-d %B %Y} or the build stops"
    problem = _at(content, message, hint)
    return [problem if overdue else problem.as_warning()]


def _corrections_to_replaced(content: SiteContent, library: LibraryInfo) -> list[ContentProblem]:
    """A library page the clinic replaced with its own file gets no corrections: each change
    to it since the clinic last signed off the library is a warning at the clinic's copy."""
    folder = content.library_dir
    record = content.library_choices.signed_off
    if folder is None or record is None or not record.pages:
        return []
    since = max(record.pages.values(), key=lambda page: page.on).version
    problems = []
    for page in content.all_pages():
        page_id = page.library_id
        if content.from_library(page.doc) or not (folder / f"{page_id}.yml").is_file():
            continue
        changes = library.changes_since(since, page_id)
        named = [change for change in changes if page_id in change.pages]
        if named:
            said = " / ".join(f"{change.version}: {change.summary}" for change in named)
            problems.append(
                page.doc.problem(
                    (),
                    f"the library changed its own {page_id} ({said}), which this file of "
                    "yours replaces, so the site does not show that change",
                    "compare your copy with the library's (make -s library-path says where it "
                    "is) and bring the change into yours, then sign off the library again",
                ).as_warning()
            )
    return problems


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _describe(page: LibraryPage, changes: list[LibraryChange], record: PageSignOff | None) -> str:
    said = " / ".join(f"{change.version}: {change.summary}" for change in changes)
    signed = f"signed off by {record.by} on {record.on:%-d %B %Y}" if record else "never signed off"
    return f"{page.id} ({'; '.join(part for part in (said, signed) if part)})"


def _at(content: SiteContent, message: str, hint: str) -> ContentProblem:
    doc = content.library_doc
    if doc is not None:
        key = ("signed_off",) if content.library_choices.signed_off is not None else ()
        return doc.problem(key, message, hint)
    return ContentProblem(f"content/{LIBRARY_FILE}", 0, 0, "", message, hint)
