"""Forbidden wording: words that claim more than the research on massage supports.

Every text field a reader sees is checked, sentence by sentence, so the error can quote the
sentence that needs rewriting. The list of phrases comes from `RuleSettings.forbidden`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from healthsite.model.clinic import Clinic
from healthsite.rules.checked_pages import HealthPage, Passage, clinic_passages
from healthsite.rules.plain_text import comparable, located_sentences
from healthsite.rules.reader_words import DocsPage
from healthsite.rules.settings import ForbiddenPhrase, any_phrase
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import YamlDocument


@dataclass(frozen=True)
class Overclaim:
    words: str  # as the reader perceives them, for example "Proven"
    sentence: str  # as the reader sees it
    phrase: ForbiddenPhrase
    line: int = 0  # 0-based lines of the Markdown source the sentence spans
    end_line: int = 0


# "It does not cure illness" and "there is no cure" are honest: a phrase right after a
# negation (within three words) is not a claim.
_NOT_A_NEGATION = re.compile(r"\b(?:not only|not just|no doubt|without (?:a )?doubt)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|won't|isn't|doesn't|don't)(?:\W+\w+){0,2}\W*$", re.I
)
_CLAUSE_END = re.compile(r"[,;:]")
# A negation counts only within its clause and within three words of the phrase; looking at most
# this many characters back keeps each test short however long the sentence is.
_NEGATION_REACH = 200


class _Negations:
    """Where the clauses of one sentence start and where "not only"/"no doubt" stand, found
    once per sentence, so each match is judged without rescanning the text before it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        spans = [m.span() for m in _NOT_A_NEGATION.finditer(text)]
        self.not_negation_starts = [start for start, _ in spans]
        self.not_negation_ends = [end for _, end in spans]

    def negates(self, at: int) -> bool:
        """Whether the words just before position `at` negate what follows ("does not cure",
        "there is no cure"), within the same clause and not as "not only" or "no doubt"."""
        i = bisect_left(self.clause_ends, at)
        clause = self.clause_ends[i - 1] + 1 if i else 0
        if not _NEGATION.search(self.text, max(clause, at - _NEGATION_REACH), at):
            return False
        j = bisect_left(self.not_negation_starts, clause)
        return not (j < len(self.not_negation_ends) and self.not_negation_ends[j] <= at)


def find_overclaims(
    text: str, phrases: Iterable[ForbiddenPhrase], *, html: bool = False
) -> list[Overclaim]:
    """Each forbidden phrase in `text` (Markdown), once per sentence it appears in. The phrase is
    looked for in the text as a reader perceives it (`rules.text.comparable`), so hidden
    characters, look-alike letters, character references and emphasis inside a word do not hide
    it. `html=True` reads raw HTML as a browser shows it (pages in docs/)."""
    phrases = tuple(phrases)
    patterns = [(phrase, phrase.regex()) for phrase in phrases]
    anywhere = any_phrase(phrases)
    found: list[Overclaim] = []
    for sentence in located_sentences(text, html=html):
        seen = comparable(sentence.text)
        if anywhere is not None and anywhere.search(seen) is None:
            continue  # most sentences: one search instead of one per phrase
        negations = _Negations(seen)
        for phrase, regex in patterns:
            match = next(
                (m for m in regex.finditer(seen) if not negations.negates(m.start())),
                None,
            )
            if match is not None:
                found.append(
                    Overclaim(
                        match.group(0), sentence.text, phrase, sentence.line, sentence.end_line
                    )
                )
    return found


class _Source:
    """The lines of a field or page, to find where words are written plainly. Each line is
    lowered once. Claims come in reading order, so each search for the same words on the same
    line starts after the previous hit (the second "proven" on a line is found where it is, not
    at the first); words not written plainly on a line are remembered as absent, so a line
    holding thousands of sentences is not searched again for each of them."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self._lowered: dict[int, str] = {}
        # Where the next search for (line, words) starts; -1 once the words are known absent.
        self._next: dict[tuple[int, str], int] = {}

    def line(self, number: int) -> str:
        return self.lines[number] if number < len(self.lines) else ""

    def find(self, words: str, first: int, last: int) -> tuple[int, int] | None:
        """The (0-based) line and column where `words` are next written, in lines `first` to
        `last`, ignoring case; None when they are not written plainly there."""
        wanted = words.lower()
        for number in range(first, min(last + 1, len(self.lines))):
            key = (number, wanted)
            start = self._next.get(key, 0)
            if start < 0:
                continue
            if number not in self._lowered:
                self._lowered[number] = self.lines[number].lower()
            column = self._lowered[number].find(wanted, start)
            if column < 0 and start:  # past the last one: the claim is about that one again
                column = self._lowered[number].rfind(wanted)
            self._next[key] = column + 1 if column >= 0 else -1
            if column >= 0:
                return number, column
        return None


def _message(claim: Overclaim, plain: bool) -> str:
    """The error text. It says so when the words are not written plainly in the source (hidden
    characters, look-alike letters, markup inside a word): staff would search for them in vain."""
    how = (
        ""
        if plain
        else " (it is written with hidden characters, look-alike letters or markup inside the "
        "words, but readers see it)"
    )
    return (
        f'"{claim.words}" claims more than the research shows{how}, in the sentence: '
        f'"{claim.sentence}"'
    )


def _problems_in(
    doc: YamlDocument, passage: Passage, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    claims = find_overclaims(passage.text, phrases)
    if not claims:
        return []
    source = _Source(passage.text)
    return [
        doc.problem(
            passage.location,
            _message(claim, source.find(claim.words, claim.line, claim.end_line) is not None),
            claim.phrase.suggestion,
            near=(claim.sentence, source.line(claim.line)),
        )
        for claim in claims
    ]


def check_wording(
    pages: Iterable[HealthPage], phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    return [
        problem
        for page in pages
        for passage in page.all_text
        for problem in _problems_in(page.doc, passage, phrases)
    ]


_MARKUP = re.compile(r"<[A-Za-z!/]|javascript:", re.IGNORECASE)


def check_pasted_markup(pages: Iterable[HealthPage]) -> list[ContentProblem]:
    """HTML pasted into a text field is shown as text (it is never run): say so, as a warning."""
    return [
        page.doc.problem(
            passage.location,
            "this text holds HTML or a javascript: link, which the page shows as plain text",
            "use Markdown instead: **bold**, *italic*, [a link](https://example.org)",
            near=passage.text[match.start() :],
        ).as_warning()
        for page in pages
        for passage in page.all_text
        if (match := _MARKUP.search(passage.text))
    ]


def check_clinic_wording(
    clinic: Clinic, doc: YamlDocument, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    """The clinic's own words appear on every page's structured data and the clinic page."""
    passages = clinic_passages(clinic)
    return [p for passage in passages for p in _problems_in(doc, passage, phrases)]


def _page_problems(
    shown: str, text: str, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    source = _Source(text)
    problems = []
    for claim in find_overclaims(text, phrases, html=True):
        # The line and column of the words themselves when they are written plainly; else the
        # line where the sentence starts.
        found = source.find(claim.words, claim.line, claim.end_line)
        line, column = found or (claim.line, 0)
        problems.append(
            ContentProblem(
                shown,
                line + 1,
                column + 1,
                "",
                _message(claim, found is not None),
                claim.phrase.suggestion,
            )
        )
    return problems


def check_markdown_pages(
    pages: Iterable[DocsPage], phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    """Hand-written pages in docs/ (`page_text.docs_pages`) follow the same wording rules, read
    as a browser shows them (raw HTML tags are not seen)."""
    return [problem for page in pages for problem in _page_problems(page.file, page.text, phrases)]
