"""The clinic's sign-off of the library's pages: a clinic publishes them under its own
responsibility, so someone at the clinic reads them and records it (`healthsite sign-off`,
kept in content/library.yml as `signed_off`: for each page, who read it, when, the library's
version, and a digest of its text as they read it). A page whose text has changed since (an
upgrade of healthsite brought a corrected page) is no longer signed off: the check lists it
with what changed (`rules.library_sign_off`), and the page shows only the library's own
review until the clinic signs it off again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from healthsite.model.library import (
    LIBRARY_FILE,
    PageSignOff,
    SignOff,
    digest,
    library_name,
    page_id,
)
from healthsite.model.loader import SiteContent, library_source
from healthsite.model.person import Person
from healthsite.source.yaml_source import YamlDocument

# Written above the block `healthsite sign-off` replaces each time.
_BLOCK_COMMENT = (
    "# Written by `healthsite sign-off`: who at the clinic read the library's pages, when, and\n"
    "# the text they read. Do not edit by hand; run the command again after reading.\n"
)


@dataclass(frozen=True)
class LibraryPage:
    """A file of the library the site publishes: its page id and its document."""

    id: str
    doc: YamlDocument

    @property
    def digest(self) -> str:
        return digest(self.doc.text.encode("utf-8"))


def library_pages(content: SiteContent) -> list[LibraryPage]:
    """Every file of the library the site publishes (pages, safety advice, references), in
    site order."""
    docs = [content.safety_doc, content.references_doc]
    docs += [page.doc for page in content.all_pages()]
    return [page for doc in docs if (page := _library_page(doc)) is not None]


def _library_page(doc: YamlDocument) -> LibraryPage | None:
    """The library page `doc` is (or a site's file merged into: its library part is what the
    clinic signs off), or None for the site's own file."""
    source = library_source(doc)
    if source is None:
        return None
    return LibraryPage(page_id(library_name(source.file)), doc)


def page_record(content: SiteContent, page_id: str) -> PageSignOff | None:
    """The clinic's sign-off of a library page, whatever text it was of (None: never)."""
    record = content.library_choices.signed_off
    return record.pages.get(page_id) if record is not None else None


def signed_off(content: SiteContent, page: LibraryPage) -> bool:
    """Whether the clinic signed off this page's text as it is now."""
    record = page_record(content, page.id)
    return record is not None and record.digest == page.digest


@dataclass(frozen=True)
class Approval:
    """What a library page shows of the clinic's sign-off."""

    person: Person
    on: date
    clinic: str


def approval(content: SiteContent, doc: YamlDocument) -> Approval | None:
    """The clinic's sign-off of the library page in `doc`, when it covers its text as it is
    now (None for the site's own pages, and for a page changed since)."""
    page = _library_page(doc)
    record = page_record(content, page.id) if page is not None else None
    if page is None or record is None or not signed_off(content, page):
        return None
    person = content.clinic.person(record.by)
    if person is None:
        return None
    return Approval(person, record.on, content.clinic.name)


class SignOffError(Exception):
    """Why a sign-off cannot be recorded, in words for the person running the command."""


def record_sign_off(
    content: SiteContent, content_dir: Path, by: str, page_ids: list[str], today: date
) -> list[str]:
    """Record that `by` read the library pages `page_ids` (all the site publishes, when empty)
    today, in content/library.yml; the ids recorded. Raises SignOffError."""
    if content.clinic.person(by) is None:
        ids = ", ".join(person.id for person in content.clinic.people)
        raise SignOffError(f"no person with the id '{by}' in clinic.yml (the people: {ids})")
    if content.library is None:
        raise SignOffError("this site uses no content library, so there is nothing to sign off")
    published = {page.id: page for page in library_pages(content)}
    unknown = [wanted for wanted in page_ids if wanted not in published]
    if unknown:
        raise SignOffError(
            f"not a library page this site publishes: {', '.join(unknown)} (the pages: "
            f"{', '.join(published)})"
        )
    previous = content.library_choices.signed_off
    # Pages named: only theirs changes; none named: every page the site publishes.
    kept = previous.pages if previous is not None and page_ids else {}
    pages = {page_id: kept[page_id] for page_id in published if page_id in kept}
    chosen = page_ids or list(published)
    version = content.library.version
    for chosen_id in chosen:
        pages[chosen_id] = PageSignOff(
            digest=published[chosen_id].digest, by=by, on=today, version=version
        )
    record = SignOff(pages=dict(sorted(pages.items())))
    _write_block(content_dir / LIBRARY_FILE, record)
    return chosen


def _write_block(path: Path, record: SignOff) -> None:
    """Replace the `signed_off:` block at the end of `path` (made when missing), keeping every
    line the clinic wrote above it."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = text.splitlines(keepends=True)
    cut = next(
        (
            i
            for i, line in enumerate(lines)
            if line.startswith(("signed_off:", _BLOCK_COMMENT.splitlines()[0]))
        ),
        len(lines),
    )
    kept = "".join(lines[:cut])
    if kept and not kept.endswith("\n"):
        kept += "\n"
    block = yaml.safe_dump(
        {"signed_off": record.model_dump(mode="json")}, sort_keys=False, allow_unicode=True
    )
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(kept + _BLOCK_COMMENT + block, encoding="utf-8")
    temporary.replace(path)
