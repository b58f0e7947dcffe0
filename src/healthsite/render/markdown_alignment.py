"""Table column alignment as classes instead of inline styles (a Python-Markdown extension).

Python-Markdown's `tables` extension writes an aligned column (`|---:|`) as
`style="text-align: right;"` on each cell. The site's Content-Security-Policy allows styles only
from the site's own stylesheets (`style-src 'self'`, no 'unsafe-inline'), so the browser blocks
that attribute: a console error, and the column is not aligned. This extension turns exactly
that attribute into a class (`hs-align-right`), which the theme stylesheet
(the theme's `partials/health/clinic-theme-css.html`) aligns. Any other inline style is left
alone for the hand-written page check (`rules.hand_written`) to report.

The healthsite plugin adds this extension to every build, so a clinic's mkdocs.yml needs
nothing. It imports nothing from MkDocs: any builder that uses Python-Markdown can load it by
its name, `healthsite.render.markdown_alignment`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element as TreeElement

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# The name Python-Markdown (and mkdocs.yml's markdown_extensions) loads this extension by.
EXTENSION_NAME = "healthsite.render.markdown_alignment"
ALIGNMENTS = ("left", "right", "center")
CLASS_PREFIX = "hs-align-"
# What the tables extension writes, and nothing else: any other style stays (and is reported).
_ALIGN_STYLE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*", re.IGNORECASE)
_CELLS = ("th", "td")


def alignment_class(alignment: str) -> str:
    return CLASS_PREFIX + alignment


class AlignmentClassTreeprocessor(Treeprocessor):
    def run(self, root: TreeElement) -> None:
        for cell in (element for element in root.iter() if element.tag in _CELLS):
            match = _ALIGN_STYLE.fullmatch(cell.get("style") or "")
            if match is None:
                continue
            del cell.attrib["style"]
            classes = (cell.get("class") or "").split()
            classes.append(alignment_class(match.group(1).lower()))
            cell.set("class", " ".join(classes))


class AlignmentClassExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Priority 1: after the block parser (tables) and attr_list (8), before inline output.
        md.treeprocessors.register(AlignmentClassTreeprocessor(md), "healthsite_alignment", 1)


def makeExtension(**kwargs: Any) -> AlignmentClassExtension:  # noqa: N802 - the loader's name
    return AlignmentClassExtension(**kwargs)


def with_alignment(extensions: list[Any]) -> list[Any]:
    """`extensions` with this one added (once), for the build and for the page check."""
    if EXTENSION_NAME in extensions:
        return list(extensions)
    return [*extensions, EXTENSION_NAME]
