"""`healthsite sign-off --by PERSON [PAGE_ID ...]`: record that someone at the clinic read the
library's pages (`healthsite.model.sign_off`)."""

from __future__ import annotations

import sys
from pathlib import Path

from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.model.loader import load_content
from healthsite.model.sign_off import SignOffError, record_sign_off
from healthsite.source.clock import build_date


def sign_off(root: Path, by: str, pages: list[str]) -> int:
    """Record that `by` read the library's pages (all, or those of `pages`)."""
    try:
        _, project = read_project(root)
        content = load_content(project.content_dir, project.root)
        today = build_date()
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=1)
    try:
        signed = record_sign_off(content, project.content_dir, by, pages, today)
    except SignOffError as exc:
        print(f"healthsite sign-off: {exc}", file=sys.stderr)
        return 1
    person = content.clinic.person(by)
    name = person.name if person is not None else by
    print(
        f"Recorded in content/library.yml: {name} signed off {len(signed)} library "
        f"{'page' if len(signed) == 1 else 'pages'} on "
        f"{today:%-d %B %Y} (library {content.library.version if content.library else '?'})."
    )
    return 0
