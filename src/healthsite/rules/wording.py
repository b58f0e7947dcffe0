"""Forbidden wording: words that claim more than the research on massage supports.

Every text field a reader sees is checked, sentence by sentence, so the error can quote the
sentence that needs rewriting. The list of phrases comes from `RuleSettings.forbidden`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from healthsite.errors import ContentProblem
from healthsite.rules.pages import HealthPage, Passage
from healthsite.rules.settings import ForbiddenPhrase
from healthsite.rules.text import sentences


@dataclass(frozen=True)
class Overclaim:
    words: str  # as written, for example "Proven"
    sentence: str
    phrase: ForbiddenPhrase


def find_overclaims(text: str, phrases: Iterable[ForbiddenPhrase]) -> list[Overclaim]:
    """Each forbidden phrase in `text` (Markdown), once per sentence it appears in."""
    found: list[Overclaim] = []
    for sentence in sentences(text):
        for phrase in phrases:
            match = phrase.regex().search(sentence)
            if match is not None:
                found.append(Overclaim(match.group(0), sentence, phrase))
    return found


def _problems_in(
    page: HealthPage, passage: Passage, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    return [
        page.doc.problem(
            passage.location,
            f'"{claim.words}" claims more than the research shows, in the sentence: '
            f'"{claim.sentence}"',
            claim.phrase.suggestion,
        )
        for claim in find_overclaims(passage.text, phrases)
    ]


def check_wording(
    pages: Iterable[HealthPage], phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    return [
        problem
        for page in pages
        for passage in page.all_text
        for problem in _problems_in(page, passage, phrases)
    ]
