"""One source of safety advice: a page may not give its own advice about a condition that
content/safety.yml covers, and may only reference ids that exist.

Each entry of safety.yml lists the words that name its condition ("warfarin", "blood thinner").
Those words in the free text of a page are refused with the id to reference instead, so two
pages can never word the same warning differently (one saying "tell your therapist", another
"see a doctor first"). The text looked at is advice a writer composes, as each kind's model
gives it (`PageContent.advice_passages`): a benefit page's summary and session, a guide page's
summary and section texts, a page's notes on the advice it lists (cautions, warning_signs, a
section's safety), the FAQ's introduction and answers, all the body of a page that shows no
safety advice (the price list, the team page), and the hand-written pages in docs/ (not their
headings or front matter). Research claims, titles and FAQ questions may name a condition: they
report or ask, they do not advise. A note may name its own condition. The message says where the
advice goes instead, by the passage's `AdvicePlace`: a benefit page's cautions, its warning_signs
(a red flag shown only where listed) or nowhere (a red flag its box already shows); a guide
section's or an FAQ question's safety list; or nowhere, on a page that shows no safety advice.

All the words are one regular expression (longest first), so the check is one pass over the
text. Macro calls in docs/ (`{{ safety_cautions("blood-thinners") }}`) are checked for unknown
ids here too, so the mistake is reported with its line before the build starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from healthsite.model.content_type import ContentPage
from healthsite.model.loader import SiteContent
from healthsite.model.safety_entries import AdvicePlace, RedFlag, Safety
from healthsite.model.safety_tiers import normal_words
from healthsite.model.validation_messages import did_you_mean
from healthsite.rules.checked_pages import Passage
from healthsite.rules.plain_text import sentences
from healthsite.rules.reader_words import DocLine, mask
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import YamlDocument

MACROS = {"red_flags": "red flags", "safety_cautions": "cautions"}
_MACRO_CALL = re.compile(r"\b(red_flags|safety_cautions)\s*\(([^)]*)\)")
_MACRO_ARG = re.compile(r"[\"']([^\"']*)[\"']")


@dataclass(frozen=True)
class Mention:
    words: str  # as written
    id: str  # the id the words name (an entry of safety.yml, or a topic)
    start: int


class WordMatcher:
    """Finds whole words of a fixed list in a text, in one pass, case-insensitively: each word
    (as `safety.normal_words` writes it) maps to the id it names."""

    def __init__(self, owner: Mapping[str, str]) -> None:
        words = sorted(owner, key=len, reverse=True)
        # One group per word: the entry is found by which group matched, never by looking the
        # matched text up again (case-insensitive matching and str.lower() disagree on letters
        # such as a dotless i, which made that lookup fail).
        self.ids = [owner[word] for word in words]
        patterns = ["(" + r"\s+".join(re.escape(part) for part in w.split()) + ")" for w in words]
        self.regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)
            if patterns
            else None
        )

    def mentions(self, text: str) -> list[Mention]:
        """The first mention of each id in `text` (its prose: see `page_text.mask`)."""
        if self.regex is None:
            return []
        seen: dict[str, Mention] = {}
        for match in self.regex.finditer(mask(text)):
            named = self.ids[(match.lastindex or 1) - 1]
            if named not in seen:
                seen[named] = Mention(match.group(), named, match.start())
        return list(seen.values())


class ConditionWords(WordMatcher):
    """Finds the words of safety.yml's entries in a text, in one pass."""

    def __init__(self, safety: Safety) -> None:
        super().__init__(
            {normal_words(w): entry.id for entry in safety.entries for w in entry.words}
        )


def _message(mention: Mention, sentence: str) -> str:
    return (
        f"\"{mention.words}\" is covered by the safety advice '{mention.id}' in "
        f'content/safety.yml; write it once there, not here, in the sentence: "{sentence}"'
    )


def _docs_hint(safety: Safety, advice_id: str) -> str:
    entry = safety.entry(advice_id)
    if isinstance(entry, RedFlag):
        macro = f'{{{{ red_flags("{advice_id}") }}}}'
        if entry.on_every_page:
            macro += " (or {{ when_to_see_a_doctor() }} for the warning signs of every page)"
        else:
            macro += " (or {{ red_flags() }} for every warning sign in content/safety.yml)"
    else:
        macro = f'{{{{ safety_cautions("{advice_id}") }}}}'
    return f"delete your own wording and show the advice with {macro}"


Hint = Callable[[str], str]  # how to fix a page's own wording of the advice with this id


def _yaml_problems(
    doc: YamlDocument, passage: Passage, words: ConditionWords, hint: Hint, own: str | None = None
) -> Iterator[ContentProblem]:
    for sentence in sentences(passage.text):
        for mention in words.mentions(sentence):
            if mention.id == own:
                continue
            yield doc.problem(
                passage.location,
                _message(mention, sentence),
                hint(mention.id),
                near=sentence,
            )


def _hint(text: str) -> Hint:
    return lambda advice_id: text.format(id=advice_id)


def _page_lists_hint(safety: Safety) -> Hint:
    """A benefit page lists cautions and warning signs apart, and its box already shows the
    warning signs of every page."""

    def hint(advice_id: str) -> str:
        entry = safety.entry(advice_id)
        if isinstance(entry, RedFlag) and entry.on_every_page:
            return (
                f"delete your own wording: the page's 'When to see a doctor' box already shows "
                f"'{advice_id}'"
            )
        if isinstance(entry, RedFlag):
            return (
                f"delete your own wording and add '{advice_id}' to this page's warning_signs; "
                "the page then shows it in its 'When to see a doctor' box"
            )
        return (
            f"delete your own wording and add '{advice_id}' to this page's cautions; the page "
            "then shows the advice as every other page does"
        )

    return hint


def _place_hint(place: AdvicePlace, safety: Safety) -> Hint:
    """How to fix a page's own wording of advice, by where the page shows advice instead."""
    match place:
        case AdvicePlace.PAGE_LISTS:
            return _page_lists_hint(safety)
        case AdvicePlace.SECTION:
            return _hint(
                "delete your own wording and add '{id}' to the safety list of the section it "
                "belongs in (safety: [{id}]); the advice is then shown after that section's text"
            )
        case AdvicePlace.QUESTION:
            return _hint(
                "delete your own wording and add '{id}' to this question's safety list "
                "(safety: [{id}]); the advice is then shown after the answer"
            )
        case AdvicePlace.ANY_QUESTION:
            return _hint("delete your own wording and add '{id}' to the safety list of a question")
        case AdvicePlace.NOWHERE:
            return _hint(
                "delete your own wording: this page shows no safety advice, and readers find "
                "'{id}' in the same words on every health page, the FAQ and the safety page"
            )
        case _:  # pragma: no cover - mypy checks every member is handled
            assert_never(place)


def _page_problems(
    page: ContentPage[Any], words: ConditionWords, safety: Safety
) -> Iterator[ContentProblem]:
    """Advice the page's writer worded themselves, in the passages its model gives
    (`PageContent.advice_passages`), each with the way to show safety.yml's instead."""
    for passage in page.item.advice_passages():
        yield from _yaml_problems(
            page.doc,
            Passage(passage.where, passage.text),
            words,
            _place_hint(passage.place, safety),
            own=passage.own,
        )


def _macro_problems(safety: Safety, lines: Sequence[DocLine]) -> Iterator[ContentProblem]:
    known_ids = {
        "red_flags": [entry.id for entry in safety.red_flags],
        "safety_cautions": [entry.id for entry in safety.cautions],
    }
    for line in lines:
        for call in _MACRO_CALL.finditer(line.raw):
            known = known_ids[call.group(1)]
            for arg in _MACRO_ARG.finditer(call.group(2)):
                if arg.group(1) in known:
                    continue
                yield ContentProblem(
                    line.file,
                    line.number,
                    call.start(2) + arg.start() + 1,
                    "",
                    f"'{arg.group(1)}' is not an id of the {MACROS[call.group(1)]} in "
                    "content/safety.yml",
                    did_you_mean(arg.group(1), known) + "Use one of: " + ", ".join(known),
                )


def _sentence_of(line: str, mention: Mention) -> str:
    found = [part for part in sentences(line) if mention.words.lower() in part.lower()]
    return found[0] if found else line.strip()


def check_safety_advice(
    content: SiteContent, docs_lines: Sequence[DocLine] = ()
) -> list[ContentProblem]:
    """Safety advice a page words itself, in content and in the lines of docs/ pages (see
    `page_text.docs_lines`), and safety ids a macro names that safety.yml does not have."""
    words = ConditionWords(content.safety)
    problems: list[ContentProblem] = []
    for page in content.all_pages():
        problems += _page_problems(page, words, content.safety)
    for line in docs_lines:
        if line.heading or line.front_matter:
            continue
        for mention in words.mentions(line.raw):
            problems.append(
                ContentProblem(
                    line.file,
                    line.number,
                    mention.start + 1,
                    "",
                    _message(mention, _sentence_of(line.raw, mention)),
                    _docs_hint(content.safety, mention.id),
                )
            )
    problems += _macro_problems(content.safety, docs_lines)
    return problems
