"""The pages the rules look at (each page made from content/, the safety advice and the legal
pages), as one uniform shape.

Each rule walks `health_pages(content)` instead of knowing the models, so every kind of page in
`registry.CONTENT_TYPES` is held to the same wording, readability and review-date rules. The
legal pages are a lighter view: their review dates and the clinic's own words in their clinic.yml
blocks are checked, but their body is the generator's template (tested for reading level with the
generator), so there is no clinic text to measure for readability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from healthsite.model.clinic import Accessibility, Clinic, Privacy
from healthsite.model.content_type import ContentPage
from healthsite.model.legal import ALL_LEGAL_PAGES, LegalPage
from healthsite.model.loader import SiteContent, safety_entries
from healthsite.model.person import Person
from healthsite.model.review import Review
from healthsite.model.safety_entries import Safety
from healthsite.render.locations import location_text
from healthsite.source.yaml_source import Location, YamlDocument


@dataclass(frozen=True)
class Passage:
    """The text of one field (or one item of a list field) and where it is written."""

    location: Location
    text: str
    # The file it is written in when not the page's own (the team's bios, in clinic.yml).
    doc: YamlDocument | None = None


@dataclass(frozen=True)
class HealthPage:
    name: str
    doc: YamlDocument
    review: Review
    # Every field a reader sees, checked for forbidden wording.
    all_text: tuple[Passage, ...]
    # The body of the page, measured for readability (titles and meta descriptions are not).
    # It may hold text from clinic.yml the page shows (`Passage.doc`), whose wording is
    # checked with clinic.yml's own (`clinic_passages`), not again with the page's.
    main_text: tuple[Passage, ...]
    # Where the page's `review` block is written in `doc`.
    review_at: Location = ("review",)


def _content_page(page: ContentPage[Any], content: SiteContent) -> HealthPage:
    """A page made from content/, whatever its kind: its headings and its body (see
    `content_type.PageContent`), and the text it shows from clinic.yml."""
    item = page.item
    main = tuple(Passage(where, text) for where, text in item.body())
    headings = tuple(Passage(where, text) for where, text in item.headings())
    shown = tuple(
        Passage(where, text, content.clinic_doc) for where, text in item.clinic_text(content.clinic)
    )
    return HealthPage(
        name=item.short_title,
        doc=page.doc,
        review=item.review,
        all_text=(*headings, *main),
        main_text=(*main, *shown),
    )


SAFETY_PAGE_NAME = "Safety advice"


def _safety_page(safety: Safety, doc: YamlDocument) -> HealthPage:
    """safety.yml is shown on every health page, so it meets the same rules as they do."""
    main = tuple(Passage((*where, "text"), entry.text) for where, entry in safety_entries(safety))
    if safety.advice_line is not None:
        main += (Passage(("advice_line", "text"), safety.advice_line.text),)
    return HealthPage(
        name=SAFETY_PAGE_NAME, doc=doc, review=safety.review, all_text=main, main_text=main
    )


def _privacy_text(privacy: Privacy) -> list[Passage]:
    text = [Passage(("privacy", "kept_for"), privacy.kept_for)] if privacy.kept_for else []
    return text + [
        Passage(("privacy", "collects", i), item) for i, item in enumerate(privacy.collects or [])
    ]


def _accessibility_text(accessibility: Accessibility) -> list[Passage]:
    return [
        Passage(("accessibility", "known_issues", i), item)
        for i, item in enumerate(accessibility.known_issues)
    ]


def _legal_page(content: SiteContent, legal: LegalPage) -> HealthPage | None:
    """A legal page, when clinic.yml has its block (a missing block is reported by
    `rules.legal_pages`). The words a reader sees that the clinic wrote are its own text."""
    block = legal.block(content.clinic)
    if block is None:
        return None
    text = _privacy_text(block) if isinstance(block, Privacy) else _accessibility_text(block)
    return HealthPage(
        name=legal.title,
        doc=content.clinic_doc,
        review=block.review,
        all_text=tuple(text),
        main_text=(),
        review_at=(legal.key, "review"),
    )


def health_pages(content: SiteContent, legal: frozenset[str] = ALL_LEGAL_PAGES) -> list[HealthPage]:
    """Every page the build makes (`SiteContent.generated_pages`, the legal pages among `legal`:
    the ones the site publishes) and the safety advice, in the order readers meet them: the
    pages of content/ in site order, kind by kind, the safety advice, then the legal pages whose
    block clinic.yml has."""
    generated = content.generated_pages(legal)
    legal_pages = [
        view
        for page in generated
        if isinstance(page, LegalPage) and (view := _legal_page(content, page)) is not None
    ]
    return [
        *(_content_page(page, content) for page in generated if isinstance(page, ContentPage)),
        _safety_page(content.safety, content.safety_doc),
        *legal_pages,
    ]


def clinic_passages(clinic: Clinic) -> list[Passage]:
    """The words of clinic.yml that readers see (on the clinic page, in structured data and on
    every health page's authorship line), for the rules that check wording and spelling."""
    passages = [
        Passage(("name",), clinic.name),
        Passage(("description",), clinic.description),
    ]
    if clinic.health_funds.note:
        passages.append(Passage(("health_funds", "note"), clinic.health_funds.note))
    for i, person in enumerate(clinic.people):
        passages.append(Passage(("people", i, "role"), person.role))
        if person.qualifications:
            passages.append(Passage(("people", i, "qualifications"), person.qualifications))
        passages += _team_passages(i, person)
    passages += [Passage(where, text) for where, text in location_text(clinic)]
    return passages


def _team_passages(i: int, person: Person) -> list[Passage]:
    """What the team page shows of a person in their own words (content/team.yml)."""
    fields = ("photo_alt", "bio", "association", "works")
    passages = [
        Passage(("people", i, name), value)
        for name in fields
        if (value := getattr(person, name)) is not None
    ]
    return passages + [
        Passage(("people", i, "languages", n), language)
        for n, language in enumerate(person.languages)
    ]
