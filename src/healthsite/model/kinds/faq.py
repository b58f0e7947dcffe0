"""The FAQ page (`content/faq.yml`): questions and answers in groups, each answer with
its sources, the safety advice it shows and facts taken from clinic.yml. `FAQ` is the kind's
registry entry; its check of one page (`_faq_id_problems`) keeps each group's and question's id,
a link target, unique and apart from the page's own anchors."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from healthsite.model.content_type import ContentPage, ContentType
from healthsite.model.fields import Description, Key, ShortText, Slug, StrictModel, Text, TextAt
from healthsite.model.kind_facts import PageItems, Sources, Tally, Words
from healthsite.model.library import is_library_file
from healthsite.model.page_model import OnePage
from healthsite.model.review import Review
from healthsite.model.safety_entries import AdviceList, AdvicePassage, AdvicePlace, AdviceRefs
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location, YamlDocument


class ClinicFact(StrEnum):
    """Facts about the clinic an FAQ answer can show, always taken from clinic.yml
    (`healthsite.render.clinic_sentences` words them)."""

    HICAPS = "hicaps"
    HEALTH_FUND_PROVIDERS = "health_fund_providers"
    QUALIFICATIONS = "qualifications"


class Question(StrictModel):
    id: Slug | None = None
    question: ShortText
    answer: Text
    # Shown after the answer, from clinic.yml, so the answer is true for this clinic.
    clinic_facts: list[ClinicFact] = []
    citations: list[Key] = []
    # Every warning sign the "When to see a doctor" box shows, after the answer ("When should
    # I call 000?"), so an answer never lists some of them as if they were all.
    all_warning_signs: bool = False
    # Ids of entries in safety.yml, shown after the answer (after all_warning_signs).
    safety: AdviceRefs = []


class QuestionGroup(StrictModel):
    id: Slug | None = None
    title: ShortText
    questions: Annotated[list[Question], Field(min_length=1)]


# Anchors the FAQ page makes for its own headings and sources (faq-list.html,
# reference-list.html: "ref-<key>"); a group or question may not take them.
RESERVED_FAQ_IDS = frozenset({"sources", "faq-sources", "when-to-see-a-doctor"})
RESERVED_FAQ_ID_PREFIX = "ref-"


def reserved_faq_id(item_id: str) -> bool:
    """Whether the FAQ page itself uses `item_id` as an anchor."""
    return item_id in RESERVED_FAQ_IDS or item_id.startswith(RESERVED_FAQ_ID_PREFIX)


class Faq(OnePage, StrictModel):
    title: ShortText = "Common questions"
    description: Description
    intro: Text | None = None
    groups: Annotated[list[QuestionGroup], Field(min_length=1)]
    review: Review

    def _questions(self) -> Iterator[tuple[Location, Question]]:
        for g, group in enumerate(self.groups):
            for q, question in enumerate(group.questions):
                yield ("groups", g, "questions", q), question

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for where, question in self._questions():
            yield (*where, "citations"), question.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        for where, question in self._questions():
            yield AdviceList((*where, "safety"), question.safety)

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        yield ("description",), self.description
        for g, group in enumerate(self.groups):
            yield ("groups", g, "title"), group.title

    def body(self) -> Iterator[TextAt]:
        if self.intro is not None:
            yield ("intro",), self.intro
        for where, question in self._questions():
            yield (*where, "question"), question.question
            yield (*where, "answer"), question.answer

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its introduction and its answers; not its questions, which ask and do not advise."""
        if self.intro is not None:
            yield AdvicePassage(("intro",), self.intro, AdvicePlace.ANY_QUESTION)
        for where, question in self._questions():
            yield AdvicePassage((*where, "answer"), question.answer, AdvicePlace.QUESTION)


def _in_library(doc: YamlDocument, location: Location) -> bool:
    return is_library_file(doc.file_at(location))


def _faq_id_problems(page: ContentPage[Faq]) -> list[ContentProblem]:
    """Each id is a link target (/faq/#id): two the same would send readers to the wrong one."""
    faq, doc = page.item, page.doc
    problems = []
    seen: set[str] = set()
    places: list[tuple[str | None, Location]] = []
    for g, group in enumerate(faq.groups):
        places.append((group.id, ("groups", g, "id")))
        places += [
            (q.id, ("groups", g, "questions", i, "id")) for i, q in enumerate(group.questions)
        ]
    first: dict[str, Location] = {}
    for item_id, location in places:
        if item_id is None:
            continue
        if item_id in seen or reserved_faq_id(item_id):
            why = "is used by the page itself" if reserved_faq_id(item_id) else "is used twice"
            fix = "give each group and question its own id"
            earlier = first.get(item_id)
            shown_at = location
            if earlier is not None and doc.file_at(earlier) != doc.file_at(location):
                # A site's question merged into the library's (library_merge) replaces a
                # library question only in the library question's own group: said at the
                # site's question, which is the one to move.
                theirs, shown_at = (
                    (earlier, location) if _in_library(doc, earlier) else (location, earlier)
                )
                group = faq.groups[int(theirs[1])]
                why = f"is a question of the library's, in its group '{group.id}'"
                fix = (
                    f"to replace it, put yours under the group with id '{group.id}'; to add a "
                    "question of your own, give it another id"
                )
            problems.append(doc.problem(shown_at, f"the id '{item_id}' {why}", fix))
        seen.add(item_id)
        first.setdefault(item_id, location)
    return problems


FAQ: ContentType[Faq] = ContentType(
    name="faq",
    model=Faq,
    source="faq.yml",
    template="faq-page.md",
    docs_path="faq/",
    schema_type="FAQPage",
    label=Words("FAQ", "FAQs"),
    page_items=PageItems.QUESTIONS,
    sources=Sources(cited_by="FAQ answer", part="answer"),
    tally=Tally(
        Words("question", "questions"), lambda faq, _: sum(len(g.questions) for g in faq.groups)
    ),
    own_problems=_faq_id_problems,
)
