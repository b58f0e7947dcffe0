"""Hand-written pages (docs/**/*.md): markup the site's Content-Security-Policy would block, and
images without alt text, missing, or from another website.

Each page is rendered the way the build renders it: Python-Markdown with the extensions
mkdocs.yml configures, plus the table alignment extension the healthsite plugin adds, so what
is checked is what would be published, including anything an extension writes. Front matter is
blanked out (keeping line numbers) and `{{ macro() }}` calls stay as text: the macros write the
generator's own, tested templates. The HTML is read with a real HTML5 parser (selectolax), and
each finding is placed on the line of the page's source where the offending snippet is written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element as TreeElement

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

from healthsite.model.page_addresses import PageAddresses
from healthsite.render.markdown_alignment import with_alignment
from healthsite.rules.csp import csp_findings
from healthsite.rules.hand_written_html import DocsPage, Element, Finding
from healthsite.rules.page_images import image_findings, image_needles
from healthsite.rules.page_links import link_findings
from healthsite.rules.reader_words import FENCE
from healthsite.rules.unused_files import FileUses
from healthsite.source.errors import ContentProblem
from healthsite.source.example_blocks import without_example_blocks
from healthsite.source.markup import without_front_matter
from healthsite.source.project_files import (
    ProjectFileError,
    markdown_pages,
    project_files,
    read_page_text,
)

# Marks elements Markdown made (rather than raw HTML passed through); never in a built page.
_FROM_MARKDOWN = "data-healthsite-from-markdown"
_SKIPPED_TAGS = {"html", "head", "body"}
# Enough to show what is wrong with a page; more would bury the rest of the report.
MAX_PROBLEMS_PER_PAGE = 50


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions and their options, as mkdocs.yml configures them."""

    extensions: Sequence[Any] = ()
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


class _MarkMarkdownElements(Treeprocessor):
    """Marks every element Markdown made (raw HTML is put back after this runs): MkDocs
    rewrites their links and images relative to the page's file, and leaves raw HTML alone."""

    def run(self, root: TreeElement) -> None:
        for element in root.iter():
            if element is not root:  # the wrapper Markdown strips again
                element.set(_FROM_MARKDOWN, "")


class _MarkMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Lowest priority: after every other tree change, before raw HTML is put back.
        md.treeprocessors.register(_MarkMarkdownElements(md), "healthsite_mark", -100)


def _markdown(setup: MarkdownSetup) -> Markdown:
    return Markdown(
        extensions=[*with_alignment(list(setup.extensions)), _MarkMarkdownExtension()],
        extension_configs={name: dict(options) for name, options in setup.configs.items()},
    )


def page_elements(html: str) -> Iterator[Element]:
    """Every element of a rendered page, in document order."""
    root = LexborHTMLParser(html).root
    if root is None:
        return
    for node in root.traverse():
        tag = node.tag
        if tag is None or tag.startswith("-") or tag in _SKIPPED_TAGS:
            continue  # text, comments and the document's own wrapper
        attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
        from_markdown = attrs.pop(_FROM_MARKDOWN, None) is not None
        yield Element(tag, attrs, from_markdown)


class _Locator:
    """Finds where a snippet is written in a page. Findings come in document order, so each
    search starts where the previous finding was; a snippet not found after that point (a
    reference-style image whose address is defined lower down, say) falls back to its first
    occurrence. Each search is at most one pass over the page, and a page gets at most
    `MAX_PROBLEMS_PER_PAGE` searches, so locating stays linear in the page."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.cursor = 0
        self.last_found = -1

    def next_element(self) -> None:
        """Past the element just located: the next one is written after it."""
        self.cursor = max(self.cursor, self.last_found + 1)

    def _nth(self, needle: str, nth: int) -> int:
        position = -1
        for _ in range(nth):
            position = self.text.find(needle, position + 1)
            if position < 0:
                break
        return position

    def locate(self, needles: Sequence[str], nth: int = 0) -> tuple[int, int]:
        """(line, column) of the first needle found, both from 1; (0, 0) when none is. With
        `nth`, the nth time the first needle is written, if it is written that often."""
        position = self._nth(needles[0], nth) if nth and needles and needles[0] else -1
        if position < 0:
            position = self._search(needles)
        if position < 0:
            return 0, 0
        self.last_found = max(self.last_found, position)
        line = bisect.bisect_right(self.line_starts, position)
        return line, position - self.line_starts[line - 1] + 1

    def _search(self, needles: Iterable[str]) -> int:
        for needle in needles:
            if not needle:
                continue
            position = self.text.find(needle, self.cursor)
            if position < 0:
                position = self.text.find(needle, 0, self.cursor + len(needle))
            if position >= 0:
                return position
        return -1


def _problem(shown: str, finding: Finding, nth: int, locator: _Locator) -> ContentProblem:
    line, column = locator.locate(finding.needles, nth)
    if line:
        return ContentProblem(
            shown, line, column, "", finding.message, finding.hint, severity=finding.severity
        )
    return ContentProblem(
        shown,
        0,
        0,
        "",
        finding.message + " (the page does not contain it: a Markdown extension writes it)",
        "find the extension under markdown_extensions in mkdocs.yml and turn off the option "
        "that writes it (such as pymdownx.highlight's noclasses), or remove the extension",
        severity=finding.severity,
    )


# Python-Markdown (the builder's renderer) looks for the end of every '[', '(' and '<' it meets,
# to the end of the paragraph: a paragraph with thousands that are never closed takes it
# minutes (4,000 unclosed '[' take over a second, 16,000 over twenty). Ordinary writing never
# leaves this many open in one paragraph, so such a page is refused before anything renders it.
MAX_UNCLOSED = 200
_CLOSERS = {"[": "]", "(": ")", "<": ">"}


def unclosed_openers(source: str) -> tuple[int, str, int] | None:
    """(line, character, count) of the first paragraph with more than MAX_UNCLOSED openers that
    are never closed, or None. One pass over the text; fenced code and escaped characters
    (`\\[`) are skipped, as Markdown skips them."""
    open_count = dict.fromkeys(_CLOSERS, 0)
    closer_of = {closer: opener for opener, closer in _CLOSERS.items()}
    start, fence = 1, None
    for number, line in enumerate(source.split("\n"), start=1):
        marker = FENCE.match(line)
        if fence is not None:
            fence = None if marker and marker.group(1) == fence else fence
            continue
        if marker:
            fence = marker.group(1)
            continue
        if not line.strip():  # a new paragraph: Markdown's search stops at its end
            open_count = dict.fromkeys(_CLOSERS, 0)
            start = number + 1
            continue
        escaped = False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in open_count:
                open_count[char] += 1
                if open_count[char] > MAX_UNCLOSED:
                    return start, char, open_count[char]
            elif char in closer_of and open_count[closer_of[char]]:
                open_count[closer_of[char]] -= 1
    return None


def _too_many_unclosed(page: DocsPage, source: str) -> ContentProblem | None:
    found = unclosed_openers(source)
    if found is None:
        return None
    line, char, _ = found
    return ContentProblem(
        page.shown,
        line,
        1,
        "",
        f"this paragraph has more than {MAX_UNCLOSED} '{char}' that are never closed with "
        f"'{_CLOSERS[char]}'; Markdown would take minutes to read it, so the page is not built",
        f"close each '{char}' with '{_CLOSERS[char]}', or write a backslash before a '{char}' "
        "that is meant as text",
    )


def check_page(
    page: DocsPage,
    text: str,
    md: Markdown,
    uses: FileUses | None = None,
    *,
    example: bool = True,
    targets: frozenset[str] | None = None,
) -> list[ContentProblem]:
    """Every finding on one page (up to MAX_PROBLEMS_PER_PAGE), located in its source; with
    `uses`, also records every file of docs/ the page links to or shows. Unless the site is the
    example (`example`), what only the example shows is left out (`example_blocks`). With
    `targets` (every path inside docs/ the site has), links to anything else are findings."""
    source = without_front_matter(text)
    if not example:
        source = without_example_blocks(source)
    too_slow = _too_many_unclosed(page, source)
    if too_slow is not None:
        return [too_slow]
    html = md.reset().convert(source)
    locator = _Locator(source)
    shown = page.shown
    # (element number, nth image written this way, finding): an image with no problem is
    # never located, so an image finding is placed by counting the images written alike.
    findings: list[tuple[int, int, Finding]] = []
    images_written: dict[str, int] = {}
    for number, element in enumerate(page_elements(html)):
        if uses is not None:
            uses.note_element(element, page)
        findings += [(number, 0, finding) for finding in csp_findings(element)]
        if targets is not None:
            findings += [(number, 0, f) for f in link_findings(element, page, targets)]
        if element.tag == "img":
            written = image_needles(element)[0]
            nth = images_written[written] = images_written.get(written, 0) + 1
            findings += [(number, nth, finding) for finding in image_findings(element, page)]
    problems = []
    previous = -1
    for number, nth, finding in findings[:MAX_PROBLEMS_PER_PAGE]:
        if number != previous:
            locator.next_element()
            previous = number
        problems.append(_problem(shown, finding, nth, locator))
    problems = list(dict.fromkeys(problems))  # an extension may write the same thing often
    if len(findings) > MAX_PROBLEMS_PER_PAGE:
        problems.append(
            ContentProblem(
                shown,
                0,
                0,
                "",
                f"{len(findings) - MAX_PROBLEMS_PER_PAGE} more problems on this page are not "
                f"listed (only the first {MAX_PROBLEMS_PER_PAGE} are)",
                "fix the problems listed, then run the check again to see the rest",
            )
        )
    return problems


def check_hand_written_pages(
    docs_dir: Path,
    root: Path,
    setup: MarkdownSetup,
    uses: FileUses | None = None,
    *,
    addresses: PageAddresses,
    example: bool = True,
    generated: frozenset[str] | None = None,
) -> list[ContentProblem]:
    """Every hand-written page in `docs_dir`, published at `addresses`, checked as described in
    the module docstring (with `uses`, recording the files of docs/ each page uses, for
    `rules.unused_files`; with `generated`, the pages the site makes from content/, checking
    every link's target)."""
    md = _markdown(setup)
    targets = None
    if generated is not None:
        files = project_files(docs_dir, root)
        targets = generated | {path.relative_to(docs_dir).as_posix() for path in files}
    problems: list[ContentProblem] = []
    for path in markdown_pages(docs_dir, root):
        page = DocsPage(docs_dir, root, path.relative_to(docs_dir).as_posix(), addresses)
        try:
            text = read_page_text(path, root)
        except ProjectFileError as exc:  # not UTF-8, too large, gone: said once, here
            problems.append(exc.problem)
            continue
        problems += check_page(page, text, md, uses, example=example, targets=targets)
    return problems
