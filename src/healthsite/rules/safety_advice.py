"""One source of safety advice: a page may not give its own advice about a condition that
content/safety.yml covers, and may only reference ids that exist.

Each entry of safety.yml lists the words that name its condition ("warfarin", "blood thinner").
Those words in the free text of a page are refused with the id to reference instead, so two
pages can never word the same warning differently (one saying "tell your therapist", another
"see a doctor first"). The text looked at is advice a writer composes: a benefit page's summary,
session and caution notes, a guide page's summary, section texts and notes, the FAQ's
introduction and answers, and the hand-written pages in
docs/ (not their headings or front matter). Research claims, titles and FAQ questions may name a
condition: they report or ask, they do not advise. A caution note may name its own condition.

All the words are one regular expression (longest first), so the check is one pass over the
text. Macro calls in docs/ (`{{ safety_cautions("blood-thinners") }}`) are checked for unknown
ids here too, so the mistake is reported with its line before the build starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from healthsite.content_types import BENEFITS, FAQ, GUIDES, ContentPage
from healthsite.errors import ContentProblem
from healthsite.loader import SiteContent
from healthsite.models import Benefit, Faq, Guide, RedFlag, Safety
from healthsite.rules.page_text import DocLine, mask
from healthsite.rules.pages import Passage
from healthsite.rules.text import sentences
from healthsite.safety import normal_words
from healthsite.validation_messages import did_you_mean
from healthsite.yaml_source import Location, YamlDocument

MACROS = {"red_flags": "red flags", "safety_cautions": "cautions"}
_MACRO_CALL = re.compile(r"\b(red_flags|safety_cautions)\s*\(([^)]*)\)")
_MACRO_ARG = re.compile(r"[\"']([^\"']*)[\"']")


@dataclass(frozen=True)
class Mention:
    words: str  # as written
    advice_id: str
    start: int


class ConditionWords:
    """Finds the words of safety.yml's entries in a text, in one pass."""

    def __init__(self, safety: Safety) -> None:
        owner = {normal_words(w): entry.id for entry in safety.entries for w in entry.words}
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
        """The first mention of each entry in `text`."""
        if self.regex is None:
            return []
        seen: dict[str, Mention] = {}
        for match in self.regex.finditer(mask(text)):
            advice_id = self.ids[(match.lastindex or 1) - 1]
            if advice_id not in seen:
                seen[advice_id] = Mention(match.group(), advice_id, match.start())
        return list(seen.values())


def _message(mention: Mention, sentence: str) -> str:
    return (
        f"\"{mention.words}\" is covered by the safety advice '{mention.advice_id}' in "
        f'content/safety.yml; write it once there, not here, in the sentence: "{sentence}"'
    )


def _docs_hint(safety: Safety, advice_id: str) -> str:
    entry = safety.entry(advice_id)
    if isinstance(entry, RedFlag):
        macro = f'{{{{ red_flags("{advice_id}") }}}}'
        if entry.on_every_page:
            macro += " (or {{ when_to_see_a_doctor() }} for every warning sign)"
    else:
        macro = f'{{{{ safety_cautions("{advice_id}") }}}}'
    return f"delete your own wording and show the advice with {macro}"


def _yaml_problems(
    doc: YamlDocument, passage: Passage, words: ConditionWords, hint: str, own: str | None = None
) -> Iterator[ContentProblem]:
    for sentence in sentences(passage.text):
        for mention in words.mentions(sentence):
            if mention.advice_id == own:
                continue
            yield doc.problem(
                passage.location,
                _message(mention, sentence),
                hint.format(id=mention.advice_id),
                near=sentence,
            )


def _benefit_problems(
    page: ContentPage[Benefit], words: ConditionWords
) -> Iterator[ContentProblem]:
    hint = (
        "delete your own wording and add '{id}' to this page's cautions; the page then shows "
        "the advice as every other page does"
    )
    benefit = page.item
    for passage in (Passage(("summary",), benefit.summary), Passage(("session",), benefit.session)):
        yield from _yaml_problems(page.doc, passage, words, hint)
    for i, ref in enumerate(benefit.cautions):
        if ref.note is not None:
            passage = Passage(("cautions", i, "note"), ref.note)
            yield from _yaml_problems(page.doc, passage, words, hint, own=ref.id)


def _guide_problems(page: ContentPage[Guide], words: ConditionWords) -> Iterator[ContentProblem]:
    guide = page.item
    hint = (
        "delete your own wording and add '{id}' to the safety list of the section it belongs "
        "in (safety: [{id}]); the advice is then shown after that section's text"
    )
    yield from _yaml_problems(page.doc, Passage(("summary",), guide.summary), words, hint)
    for i, section in enumerate(guide.sections):
        yield from _yaml_problems(
            page.doc, Passage(("sections", i, "text"), section.text), words, hint
        )
        for j, ref in enumerate(section.safety):
            if ref.note is not None:
                passage = Passage(("sections", i, "safety", j, "note"), ref.note)
                yield from _yaml_problems(page.doc, passage, words, hint, own=ref.id)


def _faq_problems(page: ContentPage[Faq], words: ConditionWords) -> Iterator[ContentProblem]:
    faq, doc = page.item, page.doc
    if faq.intro is not None:
        hint = "delete your own wording and add '{id}' to the safety list of a question"
        yield from _yaml_problems(doc, Passage(("intro",), faq.intro), words, hint)
    hint = (
        "delete your own wording and add '{id}' to this question's safety list "
        "(safety: [{id}]); the advice is then shown after the answer"
    )
    for g, group in enumerate(faq.groups):
        for q, question in enumerate(group.questions):
            location: Location = ("groups", g, "questions", q, "answer")
            yield from _yaml_problems(doc, Passage(location, question.answer), words, hint)


def _other_page_problems(page: ContentPage[Any], words: ConditionWords) -> Iterator[ContentProblem]:
    """A page that shows no safety advice (the price list, the team page) must not word its
    own either."""
    hint = (
        "delete your own wording: this page shows no safety advice, and readers find "
        "'{id}' in the same words on every health page, the FAQ and the safety page"
    )
    for where, text in page.item.body():
        yield from _yaml_problems(page.doc, Passage(where, text), words, hint)


# The kinds whose pages show safety advice by id, each read with its own hint (by kind name);
# any other kind shows none.
_PAGE_PROBLEMS: dict[
    str, Callable[[ContentPage[Any], ConditionWords], Iterator[ContentProblem]]
] = {
    BENEFITS.name: _benefit_problems,
    GUIDES.name: _guide_problems,
    FAQ.name: _faq_problems,
}


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
        problems += _PAGE_PROBLEMS.get(page.kind.name, _other_page_problems)(page, words)
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
                    _docs_hint(content.safety, mention.advice_id),
                )
            )
    problems += _macro_problems(content.safety, docs_lines)
    return problems
