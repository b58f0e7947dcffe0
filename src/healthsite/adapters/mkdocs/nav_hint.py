"""The message for a hand-written page that is not in the site's menu (`nav` in mkdocs.yml).

MkDocs itself only logs, at INFO level, a bare list ("- prices.md") that a clinic cannot act
on. The `healthsite` plugin finds the pages (it knows MkDocs' files and nav) and words the
warning here: which file, and the exact line to add to mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from healthsite.source.errors import ContentProblem, Severity
from healthsite.source.markup import front_matter, without_front_matter

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def menu_title(src_uri: str, markdown: str) -> str:
    """A title for the menu entry: the page's `title:` or first `# heading`, else its file name
    ("our-team.md" gives "Our team")."""
    for pattern, text in (
        (_TITLE, front_matter(markdown)),
        (_HEADING, without_front_matter(markdown)),
    ):
        match = pattern.search(text)
        if match:
            title = match.group(1).strip().strip("\"'")
            if title and "{" not in title and ":" not in title:
                return title
    words = PurePosixPath(src_uri).stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() or "Page"


def not_in_nav(file_shown: str, src_uri: str, markdown: str) -> ContentProblem:
    """A warning naming the page's file and the nav line that would list it."""
    return ContentProblem(
        file=file_shown,
        line=0,
        column=0,
        field="",
        message=(
            "this page is not in the site's menu (the 'nav' list in mkdocs.yml), so readers "
            "can reach it only from a link on another page"
        ),
        hint=(
            f"add the line '- {menu_title(src_uri, markdown)}: {src_uri}' under 'nav:' in "
            "mkdocs.yml, where the page belongs in the menu, indented like the lines around it; "
            "or, if the page should only be reached from links, list it under 'not_in_nav:' in "
            "mkdocs.yml"
        ),
        severity=Severity.WARNING,
    )
