"""Readability: each health page should read at school grade 8 or lower, in short sentences.

Words and syllables are counted as textstat 0.7.4 counted them (this rule used it until the
counting below replaced it: importing textstat took longer than counting a site's words): a
word is what is left between spaces once every character that is neither a letter, a digit,
"_" nor a space is deleted, and a word has one syllable more than pyphen's US English
hyphenation points in it (offline: pyphen's bundled dictionaries). The Flesch-Kincaid grade
and Flesch reading ease formulas are applied here, over the sentences of `rules.text`, rather
than as textstat applied them, because textstat's sentence count split at "e.g." and "2.5",
ignored the line breaks between list items, dropped sentences of two words or fewer, and
rounded its averages to one decimal before the formula (which moved the grade by up to 0.6).
This way the grade, the longest-sentence check and the messages all agree on what a sentence
is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from pyphen import Pyphen

from healthsite.rules.checked_pages import HealthPage
from healthsite.rules.plain_text import located_sentences
from healthsite.rules.settings import RuleSettings
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location, YamlDocument

# Deleted before words are counted: apostrophes and hyphens too ("don't" is "dont", one word;
# "well-known" is "wellknown", one word), as textstat did.
_NOT_IN_WORDS = re.compile(r"[^\w\s]")


@cache
def _hyphenator() -> Pyphen:
    """pyphen's US English patterns (textstat's default), loaded when first needed. They find
    more hyphenation points than the British ones, so they count closer to the real number of
    syllables and never make a page look easier than it is; spelling (colour/color) hardly
    matters."""
    return Pyphen(lang="en_US")


def words(text: str) -> list[str]:
    """The words of a sentence, as the grade counts them."""
    return _NOT_IN_WORDS.sub("", text).split()


def syllable_count(text: str) -> int:
    """The syllables of a sentence: for each word, its hyphenation points plus one."""
    hyphenator = _hyphenator()
    return sum(len(hyphenator.positions(word)) + 1 for word in words(text.lower()))


@dataclass(frozen=True)
class Sentence:
    location: Location
    text: str
    words: int
    syllables: int
    source_line: str = ""  # the line of the field's Markdown where the sentence starts
    # The file it is written in when not the page's own (see `pages.Passage.doc`).
    doc: YamlDocument | None = None

    @property
    def grade(self) -> float:
        return flesch_kincaid_grade(self.words, 1, self.syllables)


@dataclass(frozen=True)
class PageReadability:
    """How hard one page is to read: what `healthsite check` prints for each page."""

    name: str
    file: str
    grade: float  # Flesch-Kincaid grade, one decimal
    ease: float  # Flesch reading ease, one decimal (60 or more is plain English)
    longest_sentence: int  # in words


def flesch_kincaid_grade(words: int, sentence_count: int, syllables: int) -> float:
    """Kincaid et al. (1975): the US school grade that can read the text."""
    if not words or not sentence_count:
        return 0.0
    return 0.39 * words / sentence_count + 11.8 * syllables / words - 15.59


def flesch_reading_ease(words: int, sentence_count: int, syllables: int) -> float:
    """Flesch (1948): 0 to 100, higher is easier."""
    if not words or not sentence_count:
        return 100.0
    return 206.835 - 1.015 * words / sentence_count - 84.6 * syllables / words


def measure(location: Location, text: str) -> list[Sentence]:
    """The sentences of one field with their word and syllable counts."""
    return list(_measure(location, text))


def forget_measures() -> None:
    """Empty the counts kept from the previous check (see `_measure`)."""
    _measure.cache_clear()


# The check measures every field, then `healthsite check` reports each page's grade from the
# same fields: counting syllables once serves both. `check_rules` empties it per check.
@cache
def _measure(location: Location, text: str) -> tuple[Sentence, ...]:
    measured = []
    lines = text.split("\n")
    for sentence in located_sentences(text):
        count = len(words(sentence.text))
        if count:  # a "sentence" of punctuation alone says nothing about reading level
            line = lines[sentence.line] if sentence.line < len(lines) else ""
            measured.append(
                Sentence(location, sentence.text, count, syllable_count(sentence.text), line)
            )
    return tuple(measured)


def page_sentences(page: HealthPage) -> list[Sentence]:
    return [
        replace(s, doc=passage.doc) if passage.doc is not None else s
        for passage in page.main_text
        for s in measure(passage.location, passage.text)
    ]


def _summary(page: HealthPage, measured: list[Sentence]) -> PageReadability:
    words = sum(s.words for s in measured)
    syllables = sum(s.syllables for s in measured)
    count = len(measured)
    return PageReadability(
        name=page.name,
        file=page.doc.file,
        grade=round(flesch_kincaid_grade(words, count, syllables), 1),
        ease=round(flesch_reading_ease(words, count, syllables), 1),
        longest_sentence=max((s.words for s in measured), default=0),
    )


def page_readability(page: HealthPage) -> PageReadability:
    return _summary(page, page_sentences(page))


def _grade_problem(
    page: HealthPage, report: PageReadability, measured: list[Sentence], max_grade: float
) -> list[ContentProblem]:
    # The limit is compared with the grade as shown (one decimal), so "8.0" never fails "8".
    if report.grade <= max_grade or not measured:
        return []
    # Point at the hardest sentence: the whole page is too hard, but that is where to start.
    hardest = max(measured, key=lambda s: s.grade)
    return [
        (hardest.doc or page.doc).problem(
            hardest.location,
            f"this page reads at school grade {report.grade:.1f} (Flesch-Kincaid); it should be "
            f'grade {max_grade:g} or lower. The hardest sentence to read is here: "{hardest.text}"',
            "use shorter sentences and everyday words; put the plain word first and the medical "
            'word after, for example "blood clot (thrombosis)"',
            near=(hardest.text, hardest.source_line),
        )
    ]


def _long_sentence_problems(
    page: HealthPage, measured: list[Sentence], max_words: int
) -> list[ContentProblem]:
    return [
        (sentence.doc or page.doc).problem(
            sentence.location,
            f'this sentence has {sentence.words} words (at most {max_words}): "{sentence.text}"',
            "split it into two or more shorter sentences",
            near=(sentence.text, sentence.source_line),
        )
        for sentence in measured
        if sentence.words > max_words
    ]


def check_readability(pages: Iterable[HealthPage], settings: RuleSettings) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for page in pages:
        measured = page_sentences(page)
        report = _summary(page, measured)
        problems.extend(_grade_problem(page, report, measured, settings.max_grade))
        problems.extend(_long_sentence_problems(page, measured, settings.max_sentence_words))
    return problems
