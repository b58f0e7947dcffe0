"""The content library: the reviewed health pages that ship in the package and reach every
clinic site as an update (the benefit topics, the guides, the questions and answers, the safety
advice and the references, `healthsite/library/`).

A site's `content/` holds the clinic's own files. The loader looks for each content file there
first, then in the library, the way a theme override works: a clinic file at the same path
replaces the library's file whole. A clinic turns library pages off with `exclude:` in
`content/library.yml` (by page id: the page's path in the library without `.yml`, such as
`benefits/immunity`), and records there who at the clinic read the library's pages, and when
(`healthsite sign-off`, `rules.library_sign_off`).

The library has its own version and a change list (`library/library.yml`), which the sign-off
check uses to say what changed. Engine tests and engine work can point the loader at another
library with `$HEALTHSITE_LIBRARY` (a folder like `healthsite/library/`, or `none`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from healthsite import PACKAGE_DIR
from healthsite.model.fields import Key, ShortText, StrictModel, Text
from healthsite.model.person import Person
from healthsite.source.errors import ContentProblem

LIBRARY_DIR = PACKAGE_DIR / "library"
LIBRARY_VARIABLE = "HEALTHSITE_LIBRARY"
# The library's own description (in the library), and a site's choices (in content/).
LIBRARY_FILE = "library.yml"
# How a library file is named in messages (it is not a file of the site).
SHOWN_AS = "healthsite-library"
# The pages that are data rather than pages, which a site cannot turn off.
DATA_FILES = frozenset({"safety", "references"})


class LibraryChange(StrictModel):
    """One release of the library: what changed, in which pages (none listed: every page)."""

    version: ShortText
    date: date
    summary: Text
    pages: list[ShortText] = Field(default_factory=list)


class LibraryInfo(StrictModel):
    """library/library.yml: the version, who writes and checks the pages, what changed."""

    version: ShortText
    editors: Annotated[list[Person], Field(min_length=1)]
    changes: Annotated[list[LibraryChange], Field(min_length=1)]

    def changes_since(self, version: str | None, page_id: str) -> list[LibraryChange]:
        """The changes to `page_id` newer than `version` (every one when `version` is None),
        newest first."""
        found = []
        for change in self.changes:
            if change.version == version:
                break
            if not change.pages or page_id in change.pages:
                found.append(change)
        return found


class PageSignOff(StrictModel):
    """One library page as someone at the clinic read it: a digest of its text, who, when,
    and the library's version then."""

    digest: ShortText
    by: Key
    on: date
    version: ShortText


class SignOff(StrictModel):
    """Who at the clinic read each library page, and the text they read (by page id): written
    by `healthsite sign-off`, page by page, so each page names the person who read it."""

    pages: dict[str, PageSignOff] = Field(default_factory=dict)


class LibraryChoices(StrictModel):
    """content/library.yml: the library pages a site turns off, how long a changed page may
    wait for the clinic's sign-off before the check stops the build, and the sign-off."""

    exclude: list[ShortText] = Field(default_factory=list)
    sign_off_within_days: Annotated[int, Field(ge=0, le=3650)] = 90
    signed_off: SignOff | None = None


def library_dir() -> Path | None:
    """The library the loader reads: `$HEALTHSITE_LIBRARY` when set (`none`: no library), else
    the package's."""
    chosen = os.environ.get(LIBRARY_VARIABLE, "").strip()
    if chosen.lower() == "none":
        return None
    return Path(chosen).resolve() if chosen else LIBRARY_DIR


def shown_as(name: str) -> str:
    """How messages name the library's file `name` (a path inside the library)."""
    return f"{SHOWN_AS}/{name}"


def is_library_file(shown: str) -> bool:
    """Whether a file named `shown` in messages is one of the library's."""
    return shown.startswith(f"{SHOWN_AS}/")


def library_name(shown: str) -> str:
    """The path inside the library of the file messages name `shown`."""
    return shown.removeprefix(f"{SHOWN_AS}/")


def in_the_clinics_words(problem: ContentProblem) -> ContentProblem:
    """A problem found in a library file, with what the clinic can do about it: the library is
    checked by the engine's tests, so what reaches a clinic comes from its own settings (a
    phrase its mkdocs.yml forbids, say), and the clinic cannot edit the package."""
    if not is_library_file(problem.file):
        return problem
    name = library_name(problem.file)
    what = (
        "this file comes from the healthsite library, which you cannot edit: copy it to "
        f"content/{name} and change your copy (`make library-path` says where it is)"
    )
    if page_id(name) not in DATA_FILES:
        what += (
            f", or leave the page out with '- {page_id(name)}' under exclude: in "
            f"content/{LIBRARY_FILE}"
        )
    hint = f"{problem.hint}; {what}" if problem.hint else what
    return dataclasses.replace(problem, hint=hint)


def page_id(source: str) -> str:
    """A content file's page id: its path without `.yml` ("benefits/stress", "faq")."""
    return source.removesuffix(".yml")


def digest(data: bytes) -> str:
    """What a sign-off records of a page's file: enough of its SHA-256 to tell texts apart."""
    return hashlib.sha256(data).hexdigest()[:16]


@cache
def _library_ids(folder: Path) -> tuple[str, ...]:
    return tuple(
        sorted(
            page_id(path.relative_to(folder).as_posix())
            for path in folder.rglob("*.yml")
            if path.name != LIBRARY_FILE
        )
    )


def library_page_ids(folder: Path) -> list[str]:
    """Every page id of the library in `folder`, data files included."""
    return list(_library_ids(folder))
