"""The words a reader sees, for the rules that look at single words (spelling, safety advice).

Markdown and the hand-written pages hold things that are not prose: web addresses, code, macro
calls (`{{ safety_cautions() }}`), HTML tags, link targets and attribute lists. `mask` blanks
them out with spaces, so every remaining position is the position in the original text and a
problem can still name its line and column. `docs_lines` walks the pages in docs/ line by line,
skipping fenced code blocks and marking headings and the front matter. Both are linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from healthsite.source.errors import display_path
from healthsite.source.markup import front_matter_lines
from healthsite.source.project_files import ProjectFileError, markdown_pages, read_page_text

# Each alternative is linear: a repeated class never spans the character that starts another
# try of the same alternative, and the email pattern starts only where a run of name
# characters starts, so text such as "a_a_a_…" or "[a](" repeated is scanned once, not once per
# position (that made this quadratic; scripts/bench_adversarial.py has such inputs).
_NOT_PROSE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}|\{#[^{}\n]*#\}"  # macro calls and template tags
    r"|<[^<>\n]*>"  # HTML tags and <https://…> autolinks
    r"|\]\([^()\[\]\n]*\)"  # a link's target: [text](target)
    r"|(?:https?://|mailto:|tel:|www\.)[^\s)>\]]+"  # bare addresses
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email addresses
    r"|\{:?\s*[#.][^{}\n]*\}",  # attribute lists: { #anchor .class }
    re.IGNORECASE,
)
# The opening or closing line of a fenced code block.
FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s*#{1,6}\s")


def mask(text: str) -> str:
    """`text` with everything that is not prose replaced by spaces (same length)."""
    return _NOT_PROSE.sub(lambda match: " " * len(match.group()), text)


@dataclass(frozen=True)
class DocLine:
    file: str  # as shown to staff, for example "docs/safety.md"
    number: int  # 1-based
    raw: str
    heading: bool
    front_matter: bool


@dataclass(frozen=True)
class DocsPage:
    file: str  # as shown to staff, for example "docs/safety.md"
    text: str


def docs_pages(docs_dir: Path, root: Path) -> list[DocsPage]:
    """Every Markdown page in `docs_dir` that can be read safely, read once for every rule that
    reads them (one that cannot is reported by the hand-written page check)."""
    pages = []
    for path in markdown_pages(docs_dir, root):
        try:
            pages.append(DocsPage(display_path(path, root), read_page_text(path, root)))
        except ProjectFileError:
            continue
    return pages


def docs_lines(pages: Iterable[DocsPage]) -> Iterator[DocLine]:
    """Every line of `pages`, except those inside fenced code. The front matter is found as
    MkDocs finds it (`markup.front_matter_lines`): an opening '---' that nothing closes is a
    rule in the page, not front matter."""
    for page in pages:
        shown, text = page.file, page.text
        front = front_matter_lines(text)
        fence: str | None = None
        for number, raw in enumerate(text.split("\n"), start=1):
            if number <= front:
                if 1 < number < front:  # not the '---' lines themselves
                    yield DocLine(shown, number, raw, heading=False, front_matter=True)
                continue
            opening = FENCE.match(raw)
            if fence is not None:
                if opening and opening.group(1) == fence:
                    fence = None
                continue
            if opening:
                fence = opening.group(1)
                continue
            yield DocLine(shown, number, raw, heading=bool(_HEADING.match(raw)), front_matter=False)
