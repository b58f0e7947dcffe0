"""Forbidden wording: words that claim more than the research on massage supports.

Every text field a reader sees is checked, sentence by sentence, so the error can quote the
sentence that needs rewriting. The list of phrases comes from `RuleSettings.forbidden`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from healthsite.errors import ContentProblem, Severity, display_path
from healthsite.models import Clinic
from healthsite.rules.pages import HealthPage, Passage, clinic_passages
from healthsite.rules.settings import ForbiddenPhrase
from healthsite.rules.text import sentences
from healthsite.yaml_source import YamlDocument


@dataclass(frozen=True)
class Overclaim:
    words: str  # as written, for example "Proven"
    sentence: str
    phrase: ForbiddenPhrase


# "It does not cure illness" and "there is no cure" are honest: a phrase right after a
# negation (within three words) is not a claim.
_NOT_A_NEGATION = re.compile(r"\b(?:not only|not just|no doubt|without (?:a )?doubt)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|won't|isn't|doesn't|don't)(?:\W+\w+){0,2}\W*$", re.I
)


def _negated(before: str) -> bool:
    """Whether the words just before a phrase negate it ("does not cure", "there is no cure"),
    within the same clause and not as "not only" or "no doubt"."""
    clause = re.split(r"[,;:]", before)[-1]
    return bool(_NEGATION.search(clause)) and not _NOT_A_NEGATION.search(clause)


def find_overclaims(text: str, phrases: Iterable[ForbiddenPhrase]) -> list[Overclaim]:
    """Each forbidden phrase in `text` (Markdown), once per sentence it appears in."""
    found: list[Overclaim] = []
    for sentence in sentences(text):
        for phrase in phrases:
            match = next(
                (
                    m
                    for m in phrase.regex().finditer(sentence)
                    if not _negated(sentence[: m.start()])
                ),
                None,
            )
            if match is not None:
                found.append(Overclaim(match.group(0), sentence, phrase))
    return found


def _problems_in(
    doc: YamlDocument, passage: Passage, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    return [
        doc.problem(
            passage.location,
            f'"{claim.words}" claims more than the research shows, in the sentence: '
            f'"{claim.sentence}"',
            claim.phrase.suggestion,
            near=claim.sentence,
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
        for problem in _problems_in(page.doc, passage, phrases)
    ]


_MARKUP = re.compile(r"<[A-Za-z!/]|javascript:", re.IGNORECASE)


def check_pasted_markup(pages: Iterable[HealthPage]) -> list[ContentProblem]:
    """HTML pasted into a text field is shown as text (it is never run): say so, as a warning."""
    return [
        dataclasses.replace(
            page.doc.problem(
                passage.location,
                "this text holds HTML or a javascript: link, which the page shows as plain text",
                "use Markdown instead: **bold**, *italic*, [a link](https://example.org)",
                near=passage.text[match.start() :],
            ),
            severity=Severity.WARNING,
        )
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


def check_markdown_pages(
    docs_dir: Path, root: Path, phrases: tuple[ForbiddenPhrase, ...]
) -> list[ContentProblem]:
    """Hand-written pages in docs/ follow the same wording rules, line by line."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = display_path(path, root)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for claim in find_overclaims(line, phrases):
                problems.append(
                    ContentProblem(
                        shown,
                        number,
                        line.lower().find(claim.words.lower()) + 1,
                        "",
                        f'"{claim.words}" claims more than the research shows, in the '
                        f'sentence: "{claim.sentence}"',
                        claim.phrase.suggestion,
                    )
                )
    return problems
