"""Plain text and sentences from the Markdown that staff write in content fields.

The sentence splitter is deliberately simple, so staff can predict it:

- each field (and each item of a list field) is measured on its own;
- inside a field, a blank line, a Markdown list item ("- ", "* ", "1. ") or a heading starts a
  new block, and a block always ends a sentence, even without a full stop;
- inside a block, a sentence ends at ".", "!" or "?" (optionally followed by a closing quote or
  bracket) that is followed by a space or the end of the block. A full stop inside a number
  ("2.5") does not end a sentence; abbreviations such as "e.g." do, which is one more reason to
  write "for example".

Markdown syntax is removed before anything is measured: list markers, heading and quote marks,
emphasis ("**", "*", "__", "_", "~~"), inline code backticks, and links (which keep only their
text); character references such as "&#111;" are decoded.

How: markdown-it-py (the parser that renders these fields) turns the Markdown into tokens, and
the text is read off the tokens. Its parser runs in time proportional to the input, unlike the
regular expressions this module used to strip Markdown with, which backtracked on input such as a
long run of "[" or "*a " and took minutes on one field. Every step here is a single pass.

`comparable` is what the wording rules match against: the text as a reader perceives it, with
invisible characters dropped and look-alike letters from other scripts folded to Latin ones.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from confusable_homoglyphs.utils import load
from markdown_it import MarkdownIt
from markdown_it.token import Token

from healthsite.source.markup import MAX_NESTING

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'\u201d\u2019)\]])\s+")


@dataclass(frozen=True)
class Sentence:
    """One sentence as the reader sees it, and the lines of the Markdown source it spans."""

    text: str
    line: int  # 0-based line of the Markdown source where the sentence starts
    end_line: int  # 0-based line where it ends


@cache
def _parser(html: bool) -> MarkdownIt:
    """The tokeniser. Content fields are rendered with raw HTML switched off (markup.py), so
    `<b>` there is text the reader sees; hand-written pages in docs/ may hold HTML, whose tags
    the reader does not see. Indented text is a paragraph, as the renderer shows it, and pipes
    are text (no tables)."""
    options = {"html": html, "maxNesting": MAX_NESTING}
    return MarkdownIt("js-default", options).disable(["code", "table"])


class _Block:
    """The plain text of one block, with the source line at which each piece starts."""

    def __init__(self, line: int) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.offsets: list[int] = [0]  # offset in the text where each source line starts
        self.lines: list[int] = [line]

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def new_line(self, count: int = 1, *, space: bool = True) -> None:
        if space:
            self.add(" ")
        self.offsets.append(self.length)
        self.lines.append(self.lines[-1] + count)

    def line_at(self, offset: int) -> int:
        return self.lines[bisect_right(self.offsets, offset) - 1]

    def add_inline(self, children: Sequence[Token]) -> None:
        for child in children:
            if child.type in {"text", "text_special", "code_inline"}:
                self.add(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                self.new_line()
            elif child.type == "image":  # its description, read out by screen readers
                self.add_inline(child.children or [])
            elif child.type == "html_inline" and "\n" in child.content:
                # A tag is not seen: "cu<span\n>res" reads as one word, on a later line.
                self.new_line(child.content.count("\n"), space=False)

    def add_lines(self, content: str) -> None:
        """A code block or an HTML block: its text, line by line."""
        for number, line in enumerate(content.rstrip("\n").split("\n")):
            if number:
                self.new_line()
            self.add(line)


def _blocks(markdown: str, html: bool) -> Iterator[_Block]:
    parser = _parser(html)
    for token in parser.parse(markdown):
        start = token.map[0] if token.map else 0
        if token.type == "inline":
            block = _Block(start)
            block.add_inline(token.children or [])
        elif token.type == "fence":
            block = _Block(start + 1)
            block.add_lines(token.content)
        elif token.type == "html_block":
            # The reader sees the text between the tags (and Markdown inside them, md_in_html).
            block = _Block(start)
            for number, line in enumerate(token.content.rstrip("\n").split("\n")):
                if number:
                    block.new_line()
                block.add_inline(parser.parseInline(line)[0].children or [])
        else:
            continue
        yield block


def located_sentences(markdown: str, *, html: bool = False) -> tuple[Sentence, ...]:
    """The sentences of `markdown` as plain text, in reading order, with their source lines.
    `html=True` reads raw HTML as a browser shows it (for pages in docs/)."""
    return _located_sentences(markdown, html)


# Every rule (wording, readability, spelling, safety advice, clinic facts) reads the same
# fields, one page after another. A bounded LRU cache gets no hit at all once a site has more
# fields than it holds (each rule scans them in the same order), so the cache is unbounded and
# `check_rules` empties it before each check (`forget_sentences`).
@cache
def _located_sentences(markdown: str, html: bool) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    for block in _blocks(markdown, html):
        text = "".join(block.parts)
        start = 0
        for end in (*(m.start() for m in _SENTENCE_END.finditer(text)), len(text)):
            piece = text[start:end]
            words = piece.split()
            if words:
                first = start + len(piece) - len(piece.lstrip())
                last = start + len(piece.rstrip()) - 1
                found.append(Sentence(" ".join(words), block.line_at(first), block.line_at(last)))
            start = end
    return tuple(found)


def forget_sentences() -> None:
    """Empty the sentence cache (a new check of the whole site is starting)."""
    _located_sentences.cache_clear()


def sentences(markdown: str) -> list[str]:
    """The sentences of a field's Markdown, as plain text, in reading order."""
    return [sentence.text for sentence in located_sentences(markdown)]


# Characters that change nothing a reader sees once dropped: format characters (soft hyphen,
# zero-width space and joiners, word joiner, direction marks) and combining marks that did not
# compose with the letter before them.
_INVISIBLE = frozenset({"Cf", "Mn", "Me"})


@cache
def _look_alikes() -> dict[int, str]:
    """Non-ASCII characters mapped to the ASCII letter, digit or sign they look like (Cyrillic
    small o to "o", and so on), from the Unicode confusables table of confusable-homoglyphs.
    The table is read here, when first needed, rather than by importing the package's module,
    which keeps all of it (6 MB) for as long as the process runs."""
    table: dict[int, str] = {}
    for char, homoglyphs in load("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in homoglyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and (target.isalnum() or target in "-%"):
                table[ord(char)] = target
                break
    return table


def comparable(text: str) -> str:
    """`text` as a reader perceives it, for matching wording: compatibility forms unified (NFKC:
    full-width letters, ligatures, non-breaking spaces), invisible characters dropped (so a soft
    hyphen or zero-width space cannot split a word) and look-alike letters folded to Latin."""
    if text.isascii():
        return text
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)
    return text.translate(_look_alikes())
