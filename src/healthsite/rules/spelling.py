"""Australian spelling: American spellings in the text readers see are errors, each with the
Australian spelling to write instead ("randomized" → "randomised", "color" → "colour").

The word pairs come from breame (a maintained list of about 1,700 American/British spelling
pairs), not from a list typed here. Australian English follows British spelling with a few
exceptions that the Macquarie and Australian Oxford dictionaries (the Australian Government Style
Manual's references) list first: those, and breame's few mistakes, are the only words handled
here, each with its reason. The table is built once; checking is one dictionary look-up a word.

What is checked: every field of the health pages and safety.yml, the clinic's description,
health-fund note and staff roles, and the hand-written pages in docs/. Never checked: the
clinic's name and people's names (names keep their spelling), references.yml (titles keep the
journal's spelling), web addresses, code, macro calls and HTML tags. A capitalised word inside a
sentence is taken as a name ("World Health Organization", "Labor") and left alone; a clinic adds
other words it must keep under `allowed_spellings` of the healthsite plugin in mkdocs.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

from healthsite.model.loader import SiteContent
from healthsite.rules.checked_pages import HealthPage, Passage, clinic_passages
from healthsite.rules.reader_words import DocLine, mask
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import YamlDocument

# American spellings in breame's list that Australian English also uses (so never flagged).
AUSTRALIAN_AS_WELL: frozenset[str] = frozenset(
    {
        # "program" is the Australian spelling in every sense (Style Manual, Macquarie).
        "program",
        "programs",
        # The noun is "practice", "licence" only the noun: a word alone cannot say which it is.
        "practice",
        "practices",
        "license",
        "licenses",
        # Australian "licensed", "licensing" (breame suggests "licenced").
        "licensed",
        "licensing",
        # Other words, not other spellings: a draft, a meter (the device), to tire, a ton,
        # a filter (not a "philtre"), a connection (not the old "connexion"), the groin (not a
        # sea wall, a "groyne").
        "draft",
        "drafts",
        "meter",
        "meters",
        "tire",
        "tires",
        "ton",
        "tons",
        "filter",
        "filters",
        "connection",
        "connections",
        "inflection",
        "inflections",
        "groin",
        "groins",
        "bevy",
        "bevies",
        "pummel",
        # Australian metric and medical usage.
        "gram",
        "grams",
        "kilogram",
        "kilograms",
        "milligram",
        "milligrams",
        "centigram",
        "centigrams",
        "install",
        "installs",
        "fetus",
        "fetuses",
        "fetal",
        "homeopath",
        "homeopaths",
        "homeopathic",
        "homeopathy",
        "sulfur",
        "sulfurous",
        "sulfate",
        "sulfates",
        "sulfide",
        "sulfides",
        # Both spellings are Australian; these are the dictionaries' first forms.
        "biased",
        "biasing",
        "medieval",
        "primeval",
        "encyclopedia",
        "encyclopedias",
        "encyclopedic",
        "gluing",
        "likable",
        "misspelled",
        "siphon",
        "siphons",
        "siphoned",
        "siphoning",
        "banister",
        "banisters",
        "chimera",
        "chimeras",
        "griffin",
        "griffins",
        "sheik",
        "pizzazz",
        "presidium",
        "presidiums",
        "gasses",
    }
)

# Where breame's British spelling is itself a slip.
CORRECTED: dict[str, str] = {
    "edema": "oedema",
    "tranquility": "tranquillity",
    "pummeled": "pummelled",
    "snowplow": "snowplough",
}

# Australian English writes -ise where British English may write -ize ("tranquillize").
_IZE = re.compile(r"(?<=[a-z])iz(e|es|ed|ing|er|ers|ation|ations)$")
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_START = frozenset(".!?:;([\"'*#>-\u2013\u2014\u201c\u2018")


@cache
def australian_spellings() -> dict[str, str]:
    """American spelling (lower case) → Australian spelling, built once per process."""
    table: dict[str, str] = {}
    for american, british in AMERICAN_ENGLISH_SPELLINGS.items():
        if american in AUSTRALIAN_AS_WELL:
            continue
        australian = CORRECTED.get(american) or _IZE.sub(r"is\1", british)
        if australian != american:
            table[american] = australian
    return table


@dataclass(frozen=True)
class Misspelling:
    word: str  # as written
    suggestion: str  # in the same case
    start: int  # position in the text


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` begins a sentence (or the text): the last character before
    it, spaces aside, ends one. Steps back over spaces rather than copying the text before it,
    which made a long text with many capitals quadratic."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def find_american_spellings(text: str, allowed: frozenset[str] = frozenset()) -> list[Misspelling]:
    """Each American spelling in `text` (Markdown or plain), in order."""
    table = australian_spellings()
    prose = mask(text)
    found = []
    for match in _WORD.finditer(prose):
        word = match.group()
        lower = word.lower()
        australian = table.get(lower)
        if australian is None or lower in allowed:
            continue
        if word != lower:
            # An acronym, or a capitalised word inside a sentence: a name, kept as it is.
            if word[1:] != lower[1:] or not _starts_sentence(prose, match.start()):
                continue
            australian = australian[0].upper() + australian[1:]
        found.append(Misspelling(word, australian, match.start()))
    return found


def _message(found: Misspelling) -> tuple[str, str]:
    return (
        f'"{found.word}" is American spelling; Australian English writes "{found.suggestion}"',
        f'write "{found.suggestion}" (if it is a name or a quotation that must keep its '
        "spelling, add the word to allowed_spellings under the healthsite plugin in mkdocs.yml)",
    )


def _passage_problems(
    doc: YamlDocument, passages: Iterable[Passage], allowed: frozenset[str]
) -> Iterator[ContentProblem]:
    for passage in passages:
        for found in find_american_spellings(passage.text, allowed):
            message, hint = _message(found)
            yield doc.problem(
                passage.location, message, hint, near=passage.text[found.start :][:200]
            )


def check_spelling(
    content: SiteContent,
    pages: Iterable[HealthPage],
    allowed: frozenset[str],
    docs_lines: Sequence[DocLine] = (),
) -> list[ContentProblem]:
    """American spellings in the health pages, safety.yml, clinic.yml and docs/*.md."""
    allowed = frozenset(word.lower() for word in allowed)
    problems = [
        problem for page in pages for problem in _passage_problems(page.doc, page.all_text, allowed)
    ]
    clinic = content.clinic
    # The clinic's name and its locations' names are its own, however they are spelt.
    clinic_text = [p for p in clinic_passages(clinic) if p.location[-1:] != ("name",)]
    problems += _passage_problems(content.clinic_doc, clinic_text, allowed)
    for line in docs_lines:
        for found in find_american_spellings(line.raw, allowed):
            message, hint = _message(found)
            problems.append(
                ContentProblem(line.file, line.number, found.start + 1, "", message, hint)
            )
    return problems
