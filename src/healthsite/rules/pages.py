"""The pages the rules look at (each benefit page, each guide page, the FAQ, the safety advice
and the legal pages), as one uniform shape.

Each rule walks `health_pages(content)` instead of knowing the models, so the benefit pages, the
guide pages and the FAQ are held to the same wording, readability and review-date rules. The
legal pages are a lighter view: their review dates and the clinic's own words in their clinic.yml
blocks are checked, but their body is the generator's template (tested for reading level with the
generator), so there is no clinic text to measure for readability.
"""

from __future__ import annotations

from dataclasses import dataclass

from healthsite.legal import ALL_LEGAL_PAGES, LEGAL_PAGES
from healthsite.loader import (
    CLINIC_FILE,
    FAQ_FILE,
    SAFETY_FILE,
    BenefitPage,
    GuidePage,
    SiteContent,
    safety_entries,
)
from healthsite.models import Accessibility, Clinic, Faq, Privacy, Review, Safety
from healthsite.yaml_source import Location, YamlDocument


@dataclass(frozen=True)
class Passage:
    """The text of one field (or one item of a list field) and where it is written."""

    location: Location
    text: str


@dataclass(frozen=True)
class HealthPage:
    name: str
    doc: YamlDocument
    review: Review
    # Every field a reader sees, checked for forbidden wording.
    all_text: tuple[Passage, ...]
    # The body of the page, measured for readability (titles and meta descriptions are not).
    main_text: tuple[Passage, ...]
    # Where the page's `review` block is written in `doc`.
    review_at: Location = ("review",)


def find_document(content: SiteContent, name: str) -> YamlDocument:
    """The top-level content file called `name`, as the loader read it."""
    return content.documents[name]


def _benefit_page(page: BenefitPage) -> HealthPage:
    benefit = page.benefit
    main = [Passage(("summary",), benefit.summary)]
    for i, claim in enumerate(benefit.research):
        main.append(Passage(("research", i, "text"), claim.text))
        main.append(Passage(("research", i, "strength_note"), claim.strength_note))
    main.append(Passage(("session",), benefit.session))
    # The cautions are ids of safety.yml entries (checked there); only a page's own note is text.
    main.extend(
        Passage(("cautions", i, "note"), ref.note)
        for i, ref in enumerate(benefit.cautions)
        if ref.note is not None
    )
    heading = [Passage(("title",), benefit.title)]
    if benefit.nav_title is not None:
        heading.append(Passage(("nav_title",), benefit.nav_title))
    heading.append(Passage(("description",), benefit.description))
    return HealthPage(
        name=benefit.short_title,
        doc=page.doc,
        review=benefit.review,
        all_text=(*heading, *main),
        main_text=tuple(main),
    )


def _guide_page(page: GuidePage) -> HealthPage:
    guide = page.guide
    main = [Passage(("summary",), guide.summary)]
    headings = [Passage(("title",), guide.title)]
    if guide.nav_title is not None:
        headings.append(Passage(("nav_title",), guide.nav_title))
    headings.append(Passage(("description",), guide.description))
    for i, section in enumerate(guide.sections):
        headings.append(Passage(("sections", i, "heading"), section.heading))
        main.append(Passage(("sections", i, "text"), section.text))
        # Safety advice is ids of safety.yml entries (checked there); only a note is text.
        main.extend(
            Passage(("sections", i, "safety", j, "note"), ref.note)
            for j, ref in enumerate(section.safety)
            if ref.note is not None
        )
    return HealthPage(
        name=guide.short_title,
        doc=page.doc,
        review=guide.review,
        all_text=(*headings, *main),
        main_text=tuple(main),
    )


def _faq_page(faq: Faq, doc: YamlDocument) -> HealthPage:
    main: list[Passage] = []
    if faq.intro is not None:
        main.append(Passage(("intro",), faq.intro))
    group_titles: list[Passage] = []
    for g, group in enumerate(faq.groups):
        group_titles.append(Passage(("groups", g, "title"), group.title))
        for q, question in enumerate(group.questions):
            where: Location = ("groups", g, "questions", q)
            main.append(Passage((*where, "question"), question.question))
            main.append(Passage((*where, "answer"), question.answer))
    heading = [Passage(("title",), faq.title), Passage(("description",), faq.description)]
    return HealthPage(
        name=faq.title,
        doc=doc,
        review=faq.review,
        all_text=(*heading, *group_titles, *main),
        main_text=tuple(main),
    )


SAFETY_PAGE_NAME = "Safety advice"


def _safety_page(safety: Safety, doc: YamlDocument) -> HealthPage:
    """safety.yml is shown on every health page, so it meets the same rules as they do."""
    main = tuple(Passage((*where, "text"), entry.text) for where, entry in safety_entries(safety))
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


def _legal_pages(content: SiteContent, published: frozenset[str]) -> list[HealthPage]:
    """The published legal pages whose block clinic.yml has (a missing block is reported by
    `rules.legal_pages`). The words a reader sees that the clinic wrote are its own text."""
    clinic = content.clinic
    doc = find_document(content, CLINIC_FILE)
    pages = []
    for legal in LEGAL_PAGES:
        block = legal.block(clinic)
        if block is None or legal.key not in published:
            continue
        text = _privacy_text(block) if isinstance(block, Privacy) else _accessibility_text(block)
        pages.append(
            HealthPage(
                name=legal.title,
                doc=doc,
                review=block.review,
                all_text=tuple(text),
                main_text=(),
                review_at=(legal.key, "review"),
            )
        )
    return pages


def health_pages(content: SiteContent, legal: frozenset[str] = ALL_LEGAL_PAGES) -> list[HealthPage]:
    """Every benefit page in site order, then every guide page, the FAQ, the safety advice and
    the legal pages among `legal` (the ones the site publishes)."""
    pages = [_benefit_page(page) for page in content.benefits]
    pages.extend(_guide_page(page) for page in content.guides)
    pages.append(_faq_page(content.faq, find_document(content, FAQ_FILE)))
    pages.append(_safety_page(content.safety, find_document(content, SAFETY_FILE)))
    pages.extend(_legal_pages(content, legal))
    return pages


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
    return passages
