"""The words a reader sees, for the rules that look at single words (spelling, safety advice).

Markdown and the hand-written pages hold things that are not prose: web addresses, code, macro
calls (`{{ safety_cautions() }}`), HTML tags, link targets and attribute lists. `mask` blanks
them out with spaces, so every remaining position is the position in the original text and a
problem can still name its line and column. `docs_lines` walks the pages in docs/ line by line,
skipping fenced code blocks and marking headings and the front matter. Both are linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from healthsite.errors import display_path
from healthsite.project_files import ProjectFileError, markdown_pages, read_page_text

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
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s*#{1,6}\s")


def mask(text: str) -> str:
    """`text` with everything that is not prose replaced by spaces (same length)."""
    return _NOT_PROSE.sub(lambda match: " " * len(match.group()), text)


@dataclass(frozen=True)
class DocLine:
    file: str  # as shown to staff, for example "docs/safety.md"
    number: int  # 1-based
    raw: str
    text: str  # `raw` masked
    heading: bool
    front_matter: bool


def docs_lines(docs_dir: Path, root: Path) -> Iterator[DocLine]:
    """Every line of every Markdown page in `docs_dir`, except those inside fenced code."""
    for path in markdown_pages(docs_dir, root):
        shown = display_path(path, root)
        try:
            lines = read_page_text(path, root).splitlines()
        except ProjectFileError:  # reported by the hand-written page check
            continue
        in_front_matter = bool(lines) and lines[0].strip() == "---"
        fence: str | None = None
        for number, raw in enumerate(lines, start=1):
            if in_front_matter:
                if number > 1 and raw.strip() in {"---", "..."}:
                    in_front_matter = False
                    continue
                if number > 1:
                    yield DocLine(shown, number, raw, mask(raw), heading=False, front_matter=True)
                continue
            opening = _FENCE.match(raw)
            if fence is not None:
                if opening and opening.group(1) == fence:
                    fence = None
                continue
            if opening:
                fence = opening.group(1)
                continue
            heading = bool(_HEADING.match(raw))
            yield DocLine(shown, number, raw, mask(raw), heading=heading, front_matter=False)
