"""People's photos (clinic.yml `photo`): a file in docs/ that the image pipeline can use.

The model checks how the path is written and that the photo has alt text; this checks the file
itself, before the build, so the message points at the person's `photo` line in clinic.yml
rather than at the generated team page: it must exist in docs/ (capital letters count, as on
the web server) and be a picture the pipeline accepts (not too many megabytes or pixels,
readable). Only the file's header is read.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from healthsite.model.kinds.team import TEAM
from healthsite.model.loader import SiteContent
from healthsite.model.validation_messages import did_you_mean
from healthsite.rules.page_images import refusal
from healthsite.source.errors import ContentProblem


def _missing(docs_dir: Path, photo: str) -> tuple[str, str]:
    folder = posixpath.dirname(photo)
    try:
        names = sorted(p.name for p in (docs_dir / folder).iterdir() if p.is_file())
    except OSError:
        names = []
    guess = did_you_mean(posixpath.basename(photo), names)
    return (
        f"the photo '{photo}' is not in docs/ (looked for docs/{photo})",
        f"{guess}put the file in docs/{folder or '.'}/ or correct the path; capital letters count",
    )


def check_photos(content: SiteContent, docs_dir: Path) -> list[ContentProblem]:
    """Each person's photo: a usable file in docs/; and a warning when no page shows it."""
    doc = content.clinic_doc
    problems = []
    for i, person in enumerate(content.clinic.people):
        if person.photo is None:
            continue
        at = ("people", i, "photo")
        path = docs_dir / person.photo
        if not path.is_file():
            problems.append(doc.problem(at, *_missing(docs_dir, person.photo)))
            continue
        refused = refusal(path)
        if refused is not None:
            problems.append(doc.problem(at, refused.describe(person.photo), refused.hint))
    with_photos = [i for i, person in enumerate(content.clinic.people) if person.photo]
    if with_photos and not content.of(TEAM):
        problems.append(
            doc.problem(
                ("people", with_photos[0], "photo"),
                "people have photos, but no page shows them: the team page needs content/team.yml",
                "add content/team.yml (see content/README.md) and the line '- Our team: "
                "team.md' under 'nav:' in mkdocs.yml",
            ).as_warning()
        )
    return problems
