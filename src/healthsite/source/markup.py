"""Safe markup from content text: Markdown to sanitised HTML, and escaping for Markdown context.

Content is written by clinic staff and may be pasted from elsewhere. Markdown fields are
rendered by markdown-it-py with raw HTML switched off (so `<script>` shows as text), then passed
through nh3 (the Ammonia sanitiser) with a small allow-list as a second line of defence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# A hand-written page's front matter as MkDocs reads it: a first line '---', then YAML up to a
# line '---' or '...'.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter(text: str) -> str:
    """The YAML of a page's front matter ("" when it has none)."""
    match = _FRONT_MATTER.match(text)
    return match.group(1) if match else ""


def front_matter_lines(text: str) -> int:
    """How many lines a page's front matter takes, its two '---' lines included (0 if none)."""
    match = _FRONT_MATTER.match(text)
    return match.group(0).count("\n") if match else 0


def without_front_matter(text: str) -> str:
    """`text` with its front matter replaced by as many empty lines, so lines keep numbers."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code", "blockquote"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# The only links content may hold (rules.content_links refuses any other, with its line).
LINK_SCHEMES = frozenset({"https", "mailto", "tel"})


# How deeply blocks (quotes, lists) and inline markup (links, emphasis) may nest; deeper markup
# is shown as text. markdown-it's work on a line such as "[[[[..." grows with this limit (its
# default, 100, made a 256 KiB run of "[" take ten seconds), and no real page nests past a few.
MAX_NESTING = 20


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The parser content fields are rendered with (and read with, by the checks that must see
    what readers get). "js-default" follows CommonMark but never passes raw HTML through."""
    options = {"linkify": False, "typographer": False, "maxNesting": MAX_NESTING}
    return MarkdownIt("js-default", options).disable(
        ["image", "table", "heading", "lheading", "code", "fence", "hr"]
    )


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer",
    )


def _with_links(tokens: list[Token], links: Callable[[str], str]) -> list[Token]:
    """`tokens` with each link's address replaced by what `links` makes of it."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", links(str(child.attrGet("href") or "")))
    return tokens


def markdown_to_html(text: str, links: Callable[[str], str] | None = None) -> Markup:
    """Render block Markdown (paragraphs, lists, emphasis, links) to sanitised HTML; `links`
    gives the address to write for each link's address as written."""
    md = parser()
    if links is None:
        rendered = md.render(text)
    else:
        rendered = md.renderer.render(_with_links(md.parse(text), links), md.options, {})
    return Markup(sanitise(rendered).strip())  # noqa: S704 - sanitised above


def markdown_inline(text: str, links: Callable[[str], str] | None = None) -> Markup:
    """Render one paragraph of Markdown without the surrounding <p> (`links`: as for
    `markdown_to_html`)."""
    md = parser()
    if links is None:
        rendered = md.renderInline(text)
    else:
        rendered = md.renderer.render(_with_links(md.parseInline(text), links), md.options, {})
    return Markup(sanitise(rendered).strip())  # noqa: S704 - sanitised above


# Characters Python-Markdown (and its extensions: attr_list, tables, abbreviations) treat as
# syntax. Escaping them with a backslash makes text in a Markdown heading literal.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_escape(text: str) -> Markup:
    """Escape text for a Markdown context (a heading): no HTML, no Markdown syntax."""
    escaped = html.escape(text, quote=True)
    return Markup(_MARKDOWN_SYNTAX.sub(r"\\\1", escaped))  # noqa: S704 - fully escaped


def listed(words: Sequence[str], conjunction: str = "and") -> str:
    """Words as a sentence lists them: "a"; "a and b"; "a, b and c" (or, with `conjunction`
    "or", "a, b or c")."""
    return f" {conjunction} ".join([", ".join(words[:-1]), words[-1]] if len(words) > 2 else words)
