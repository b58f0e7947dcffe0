"""Links in hand-written pages to another page or file of the site: the target must exist, or
the builder stops (MkDocs' strict mode) with "Doc file 'clinic.md' contains a link 'x.md', but
the target is not found among documentation files." and no line. Here the link is found where
it is written, with the file it looked for and the nearest name that exists.

A Markdown link is relative to the page's file, as the builder resolves it; the targets are the
files of docs/ and the pages the site makes from content/ (which have no file in docs/). Raw
HTML links, links to a folder (`clinic/`), to another website, to a part of this page (`#…`)
and `mailto:`/`tel:` addresses are not the builder's to check, so not this rule's either.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from healthsite.model.validation_messages import did_you_mean
from healthsite.rules.hand_written_html import (
    DocsPage,
    Element,
    Finding,
    attribute_needles,
    shorten,
)


def link_findings(element: Element, page: DocsPage, targets: frozenset[str]) -> list[Finding]:
    """A finding for a Markdown link of `page` whose target is none of `targets` (paths inside
    docs/, with '/')."""
    href = element.attrs.get("href", "").strip()
    if element.tag != "a" or not element.from_markdown or not href:
        return []
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith("/") or path.endswith("/"):
        return []
    target = posixpath.normpath(posixpath.join(page.file_folder, path))
    if target in targets:
        return []
    # The nearest target of the same kind, written as this page would link to it.
    folder = page.file_folder or "."
    alike = sorted(
        posixpath.relpath(t, folder)
        for t in targets
        if posixpath.splitext(t)[1] == posixpath.splitext(target)[1]
    )
    guess = did_you_mean(path, alike)
    where = "outside docs/" if target.startswith("../") or target == ".." else f"docs/{target}"
    return [
        Finding(
            f"the link '{shorten(href)}' goes to {where}, which the site does not have, so "
            "the build stops",
            f"{guess}a link names the page's .md file (or the file) relative to this page; "
            "correct it, or remove the link",
            attribute_needles("href", href),
        )
    ]
