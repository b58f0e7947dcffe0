"""safety.yml's entries and the pages' references to them: one wording of each piece of safety
advice, which every page shows by id instead of wording it itself.

`Safety` holds the warning signs (`RedFlag`, by urgency), the cautions (`Caution`, by what to
do), the topics a page can be about (`Topic`) and the health advice phone line (`AdviceLine`).
A page lists entries by id (`AdviceRef`, with an optional note of the page's own); its model
gives those lists (`AdviceList`) and the passages where its writer could word advice themselves
(`AdvicePassage`), each with where the page shows advice instead (`AdvicePlace`), for
`healthsite.rules.safety_advice`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from healthsite.model.fields import Key, Phone, ShortText, Slug, StrictModel, Text, TextAt, tel_uri
from healthsite.model.review import Review
from healthsite.source.yaml_source import Location

# --- safety.yml -------------------------------------------------------------------------------


class RedFlagTier(StrEnum):
    """How urgent a warning sign is, most urgent first (the order pages show them in)."""

    CALL_000 = "call-000"
    DOCTOR_TODAY = "doctor-today"
    DOCTOR_SOON = "doctor-soon"


class CautionTier(StrEnum):
    """What a reader with a health condition should do before or during a massage (the order
    pages show them in)."""

    DOCTOR_FIRST = "doctor-first"
    # Not a reason to delay a massage, but a reason to see a GP as well (low mood, poor sleep).
    SEE_GP_TOO = "see-gp-too"
    TELL_THERAPIST = "tell-therapist"
    NO_MASSAGE = "no-massage"


def _no_closing_full_stop(value: str) -> str:
    if value.endswith("."):
        raise ValueError(
            "leave out the full stop at the end: the page finishes the sentence itself, after "
            "the text and its sources"
        )
    return value


# The text of a piece of safety advice: it finishes the sentence its page starts ("Call 000
# ... if you have:", "Not sure what to do? Call ..."), so the page adds the closing stop.
AdviceText = Annotated[Text, AfterValidator(_no_closing_full_stop)]


AdviceWords = Annotated[
    list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]],
    Field(max_length=40),
]


class RedFlag(StrictModel):
    """A warning sign: the one wording of it that every page shows."""

    id: Slug
    tier: RedFlagTier
    text: AdviceText
    # The words that name this condition: free text elsewhere that uses them is refused, so a
    # page can only give this advice by referencing the id (rules.safety_advice).
    words: AdviceWords = []
    citations: list[Key] = []
    # False for a sign that belongs only on the pages that list it in `warning_signs` (a
    # headache sign on the headaches page) rather than in the "when to see a doctor" box of
    # every page.
    on_every_page: bool = True
    # Ids of `Safety.topics`: a page whose title names the topic must show this sign in its
    # box (rules.topic_warning_signs).
    topics: list[Slug] = []


class Caution(StrictModel):
    """Who should see a doctor first, tell the therapist, or not be massaged, and why."""

    id: Slug
    tier: CautionTier
    text: AdviceText
    words: AdviceWords = []
    citations: list[Key] = []


class Topic(StrictModel):
    """What a page can be about ("headaches"), known by the words of its title; the red flags
    that name the topic in their `topics` belong in the box of every page about it."""

    id: Slug
    name: ShortText  # as messages say it: "This page is about headaches"
    words: Annotated[AdviceWords, Field(min_length=1)]


class AdviceLine(StrictModel):
    """The phone line for health advice at any hour (1800MEDICARE in Australia): the "When to
    see a doctor" box and every page's footer show it, under the emergency number."""

    name: ShortText
    phone: Phone
    # Finishes the sentence "Not sure what to do? Call <name> on <phone>".
    text: AdviceText
    citations: list[Key] = []

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.phone)


class Safety(StrictModel):
    review: Review
    topics: list[Topic] = []
    advice_line: AdviceLine | None = None
    red_flags: Annotated[list[RedFlag], Field(min_length=1)]
    cautions: Annotated[list[Caution], Field(min_length=1)]

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        """Where safety.yml cites sources: each entry's citations, then the advice line's."""
        for i, flag in enumerate(self.red_flags):
            yield ("red_flags", i, "citations"), flag.citations
        for i, caution in enumerate(self.cautions):
            yield ("cautions", i, "citations"), caution.citations
        if self.advice_line is not None:
            yield ("advice_line", "citations"), self.advice_line.citations

    def entry(self, advice_id: str) -> RedFlag | Caution | None:
        return next((a for a in self.entries if a.id == advice_id), None)

    @property
    def entries(self) -> list[RedFlag | Caution]:
        return [*self.red_flags, *self.cautions]

    @property
    def every_page_flags(self) -> list[RedFlag]:
        """The warning signs every page's "When to see a doctor" box shows."""
        return [flag for flag in self.red_flags if flag.on_every_page]


# --- a page's references to safety.yml --------------------------------------------------------


def _advice_ref(value: object) -> object:
    # A page usually lists bare ids; a mapping adds a note for that page.
    return {"id": value} if isinstance(value, str) else value


class AdviceRef(StrictModel):
    """A page's reference to an entry of safety.yml, with an optional note for that page."""

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    note: Text | None = None


AdviceRefs = list[Annotated[AdviceRef, BeforeValidator(_advice_ref)]]


class AdviceKind(StrEnum):
    """The one kind of safety.yml entry a list takes, for the lists that take only one."""

    WARNING_SIGNS = "warning signs"  # red flags: a page's "When to see a doctor" box
    CAUTIONS = "cautions"  # "Who should be careful"


@dataclass(frozen=True)
class AdviceList:
    """One list of a page's references to safety.yml, where it is written. A list that takes
    one kind of entry only (`only`) says in `other_kind` where the page lists the other kind."""

    where: Location
    refs: list[AdviceRef]
    only: AdviceKind | None = None
    other_kind: str = ""


class AdvicePlace(StrEnum):
    """Where a page shows safety.yml's advice by id, so where a writer who words the advice
    themselves is sent instead (`healthsite.rules.safety_advice` words each)."""

    PAGE_LISTS = "page lists"  # the page's cautions or warning_signs (a benefit page)
    SECTION = "section"  # the safety list of the section the text belongs in (a guide page)
    QUESTION = "question"  # this question's safety list (an FAQ answer)
    ANY_QUESTION = "any question"  # the safety list of a question (the FAQ's introduction)
    NOWHERE = "nowhere"  # the page shows no safety advice (the price list, the team page)


@dataclass(frozen=True)
class AdvicePassage:
    """A passage in which a page's writer could word safety advice of their own, and where the
    page shows safety.yml's advice instead."""

    where: Location
    text: str
    place: AdvicePlace
    own: str | None = None  # a note's own advice id: the note may name its own condition


def advice_note_text(lists: Iterator[AdviceList], place: AdvicePlace) -> Iterator[AdvicePassage]:
    """A page's notes on the advice it lists, each of which may name its own condition."""
    for advice in lists:
        for i, ref in enumerate(advice.refs):
            if ref.note is not None:
                yield AdvicePassage((*advice.where, i, "note"), ref.note, place, own=ref.id)


def advice_notes(at: Location, refs: list[AdviceRef]) -> Iterator[TextAt]:
    """A page's own notes on the safety advice it shows (the advice is safety.yml's text)."""
    for i, ref in enumerate(refs):
        if ref.note is not None:
            yield (*at, i, "note"), ref.note
