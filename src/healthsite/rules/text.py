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
emphasis ("**", "*", "__", "_"), inline code backticks, and links (which keep only their text).
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>")
_CODE = re.compile(r"`([^`]*)`")
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'\u201d\u2019)\]])\s+")


def plain_inline(text: str) -> str:
    """One block of Markdown as the reader sees it: no emphasis marks, links as their text."""
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis (**_word_**) needs more than one pass
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def blocks(markdown: str) -> list[str]:
    """Split Markdown into paragraphs, list items and headings, each as plain text."""
    found: list[str] = []
    current: list[str] = []

    def finish() -> None:
        if current:
            found.append(plain_inline(" ".join(current)))
            current.clear()

    for line in markdown.splitlines():
        if not line.strip():
            finish()
        elif _HEADING.match(line):
            finish()
            found.append(plain_inline(_HEADING.sub("", line)))
        elif _BLOCK_START.match(line):
            finish()
            current.append(_BLOCK_START.sub("", line))
        else:
            current.append(_QUOTE.sub("", line))
    finish()
    return [block for block in found if block]


def sentences(markdown: str) -> list[str]:
    """The sentences of a field's Markdown, as plain text, in reading order."""
    return [
        sentence
        for block in blocks(markdown)
        for sentence in (part.strip() for part in _SENTENCE_END.split(block))
        if sentence
    ]
