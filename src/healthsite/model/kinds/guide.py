"""Guide pages (`content/guides/<slug>.yml`, one page per file): a health topic that is not a
benefit of massage (safety, costs, where to get help), as headed sections, each citing the
sources of the figures it states. `GUIDES` is the kind's registry entry."""

from __future__ import annotations

from collections.abc import Iterator
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


class GuideSection(StrictModel):
    """One headed part of a guide page. Its citations are shown after its text; a section may
    cite nothing only when it states no figure (`rules.citations` checks this)."""

    heading: ShortText
    text: Text
    citations: list[Key] = []
    # Ids of entries in safety.yml, shown after the text, so every page gives the same advice.
    safety: AdviceRefs = []


class Guide(FolderPage, StrictModel):
    """A page about a health topic that is not a benefit of massage (safety, costs, where to get
    help): a summary, then headed sections, each citing its sources."""

    title: ShortText
    nav_title: NavTitle | None = None
    order: Annotated[int, Field(ge=0, le=999)]
    description: Description
    summary: Text
    sections: Annotated[list[GuideSection], Field(min_length=1)]
    # Ids of red flags the page's "When to see a doctor" box shows besides every page's.
    warning_signs: AdviceRefs = []
    review: Review

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for i, section in enumerate(self.sections):
            yield ("sections", i, "citations"), section.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        for i, section in enumerate(self.sections):
            yield AdviceList(("sections", i, "safety"), section.safety)
        yield AdviceList(
            ("warning_signs",),
            self.warning_signs,
            AdviceKind.WARNING_SIGNS,
            "list it in the safety list of the section it belongs to, and the page shows it "
            "after that section's text",
        )

    def page_warning_signs(self) -> list[AdviceRef] | None:
        return self.warning_signs

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        if self.nav_title is not None:
            yield ("nav_title",), self.nav_title
        yield ("description",), self.description
        for i, section in enumerate(self.sections):
            yield ("sections", i, "heading"), section.heading

    def body(self) -> Iterator[TextAt]:
        yield ("summary",), self.summary
        for i, section in enumerate(self.sections):
            yield ("sections", i, "text"), section.text
            yield from advice_notes(("sections", i, "safety"), section.safety)
        yield from advice_notes(("warning_signs",), self.warning_signs)

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its summary, each section's text, then its notes."""
        yield AdvicePassage(("summary",), self.summary, AdvicePlace.SECTION)
        for i, section in enumerate(self.sections):
            yield AdvicePassage(("sections", i, "text"), section.text, AdvicePlace.SECTION)
        yield from advice_note_text(self.advice_lists(), AdvicePlace.SECTION)


GUIDES: ContentType[Guide] = ContentType(
    name="guide",
    model=Guide,
    source="guides",
    template="guide-page.md",
    docs_path="guides/",
    schema_type="MedicalWebPage",
    label=Words("guide page", "guide pages"),
    page_items=PageItems.MEDICAL,
    sources=Sources(
        cited_by="guide page",
        part="section",
        at_least=1,
        field="sections",
        add_one="add the keys of the sources its facts come from to the 'citations' of the "
        "sections that state them",
        figures=True,
    ),
    nav_index="guides/index.md",
    index_example="first-visit.yml",
    required=False,
    cards=True,
)
