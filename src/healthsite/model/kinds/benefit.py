"""Benefit pages (`content/benefits/<slug>.yml`, one page per file): what research shows massage
does for one condition, each claim with the strength of its evidence and its sources (at least
two different ones on each page), what a session involves, and who should be careful.
`BENEFITS` is the kind's registry entry."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from healthsite.model.content_type import ContentType
from healthsite.model.fields import Description, Key, NavTitle, ShortText, StrictModel, Text, TextAt
from healthsite.model.kind_facts import PageItems, Sources, Words
from healthsite.model.page_model import FolderPage
from healthsite.model.review import Review
from healthsite.model.safety_entries import (
    AdviceKind,
    AdviceList,
    AdvicePassage,
    AdvicePlace,
    AdviceRef,
    AdviceRefs,
    advice_note_text,
    advice_notes,
)
from healthsite.source.yaml_source import Location


class EvidenceStrength(StrEnum):
    VERY_LOW = "very low"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


CitationList = Annotated[list[Key], Field(min_length=1)]


class Claim(StrictModel):
    """One statement about what research shows, with how strong the evidence is."""

    text: Text
    strength: EvidenceStrength
    strength_note: ShortText
    citations: CitationList


class Benefit(FolderPage, StrictModel):
    title: ShortText
    nav_title: NavTitle | None = None
    order: Annotated[int, Field(ge=0, le=999)]
    description: Description
    summary: Text
    research: Annotated[list[Claim], Field(min_length=1)]
    session: Text
    # Ids of cautions in safety.yml, so that every page gives the same advice.
    cautions: Annotated[AdviceRefs, Field(min_length=1)]
    # Ids of red flags the page's "When to see a doctor" box shows besides every page's.
    warning_signs: AdviceRefs = []
    review: Review

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for i, claim in enumerate(self.research):
            yield ("research", i, "citations"), claim.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        yield AdviceList(
            ("cautions",),
            self.cautions,
            AdviceKind.CAUTIONS,
            "list it under warning_signs, and the page shows it in its 'When to see a doctor' box",
        )
        yield AdviceList(
            ("warning_signs",),
            self.warning_signs,
            AdviceKind.WARNING_SIGNS,
            "list it under cautions, and the page shows it under 'Who should be careful'",
        )

    def page_warning_signs(self) -> list[AdviceRef] | None:
        return self.warning_signs

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        if self.nav_title is not None:
            yield ("nav_title",), self.nav_title
        yield ("description",), self.description

    def body(self) -> Iterator[TextAt]:
        yield ("summary",), self.summary
        for i, claim in enumerate(self.research):
            yield ("research", i, "text"), claim.text
            yield ("research", i, "strength_note"), claim.strength_note
        yield ("session",), self.session
        # The cautions are ids of safety.yml entries (checked there); a page's note is its own.
        yield from advice_notes(("cautions",), self.cautions)
        yield from advice_notes(("warning_signs",), self.warning_signs)

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its summary, its session and its notes; not its research, which reports what studies
        found and may name a condition."""
        for where, text in ((("summary",), self.summary), (("session",), self.session)):
            yield AdvicePassage(where, text, AdvicePlace.PAGE_LISTS)
        yield from advice_note_text(self.advice_lists(), AdvicePlace.PAGE_LISTS)


BENEFITS: ContentType[Benefit] = ContentType(
    name="benefit",
    model=Benefit,
    source="benefits",
    template="benefit-page.md",
    docs_path="benefits/",
    schema_type="MedicalWebPage",
    label=Words("benefit page", "benefit pages"),
    page_items=PageItems.MEDICAL,
    about={"@type": "MedicalTherapy", "name": "Remedial massage"},
    sources=Sources(
        cited_by="benefit page",
        part="claim",
        at_least=2,
        field="research",
        add_one="add another study to a claim's 'citations' list",
    ),
    nav_index="benefits/index.md",
    index_example="general-health.yml",
    cards=True,
)
