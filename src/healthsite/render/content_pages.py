"""Render validated content into page sources and HTML fragments, using the templates in
`partials/health/` of the theme (`healthsite.render.theme_files`: a clinic's `overrides/` first).
No MkDocs
import here: the MkDocs adapter calls these functions.

Every function takes the page being rendered, by its path among MkDocs' files (`source`, such as
"benefits/stress.md"), because fragments are raw HTML, which MkDocs does not rewrite, so links
must be made relative here, from the page's address (`healthsite.model.page_addresses`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from healthsite.model import legal
from healthsite.model.clinic import Accessibility, Clinic, OtherCompany, Privacy, RecordsFormat
from healthsite.model.colour import WHITE, contrast_ratio, mix, readable_on, text_colour_on
from healthsite.model.content_type import ContentPage, ContentType
from healthsite.model.fields import tel_uri
from healthsite.model.kinds.benefit import EvidenceStrength
from healthsite.model.kinds.faq import ClinicFact
from healthsite.model.kinds.services import SERVICES
from healthsite.model.loader import SiteContent
from healthsite.model.page_addresses import PageAddresses, relative_link
from healthsite.model.references import Reference
from healthsite.model.registry import CONTENT_TYPES
from healthsite.model.review import Review
from healthsite.model.safety_entries import AdviceRef, Caution, RedFlag
from healthsite.model.safety_tiers import (
    AdviceGroup,
    AdviceItem,
    advice_sources,
    all_refs,
    box_groups,
    cited_sources,
    group_advice,
)
from healthsite.model.sign_off import approval
from healthsite.render.clinic_sentences import facts_text
from healthsite.render.locations import booking_choices, days_text, places
from healthsite.render.markdown_alignment import ALIGNMENTS, alignment_class
from healthsite.render.text_links import TextLinks
from healthsite.source.markup import listed, markdown_escape, markdown_inline, markdown_to_html

# Fragments that need nothing but the clinic: macro name -> template in the templates folder.
FRAGMENTS = {
    "contact_block": "contact-block.html",
    "opening_hours": "opening-hours.html",
    "booking_button": "booking-button.html",
    "when_to_see_a_doctor": "when-to-see-a-doctor.html",
    "disclaimer": "disclaimer.html",
    "clinic_intro": "clinic-intro.html",
    "health_funds": "health-funds.html",
    "clinic_people": "clinic-people.html",
    "front_door": "front-door.html",
}

STRENGTH_LABELS = {
    EvidenceStrength.VERY_LOW: "Very weak",
    EvidenceStrength.LOW: "Weak",
    EvidenceStrength.MODERATE: "Moderate",
    EvidenceStrength.HIGH: "Strong",
}

# Material's dark ("slate") background with its default hue, used to pick readable link colours.
SLATE_BACKGROUND = "#1e2129"


def dollars(amount: Decimal) -> str:
    """A price as Australians write it: "$120", or "$92.50" when it has cents."""
    whole = amount == amount.to_integral_value()
    return f"${amount:,.0f}" if whole else f"${amount:,.2f}"


# Content text, with its links written as the page's `text_links` (set by `Renderer._render`)
# says: as the site publishes the pages they lead to.
@pass_context
def _markdown(context: Context, text: str) -> Markup:
    return markdown_to_html(text, context.get("text_links"))


@pass_context
def _markdown_inline(context: Context, text: str) -> Markup:
    return markdown_inline(text, context.get("text_links"))


@dataclass(frozen=True)
class ReviewStatus:
    # Past its review date: only published when the clinic chose `overdue_review: warn`, and
    # then with a notice (rules.review_dates decides whether the build may go ahead).
    overdue: bool


def review_status(review: Review, today: date) -> ReviewStatus:
    return ReviewStatus(overdue=review.next_review_due < today)


class Renderer:
    """Renders one site's content. Create once per build; it holds the loaded content.
    `addresses`: where the site publishes its pages; `pages`: every page it publishes, by its
    path among MkDocs' files (what content text links to: `TextLinks`)."""

    def __init__(
        self,
        content: SiteContent,
        templates_dirs: list[Path],
        *,
        today: date,
        addresses: PageAddresses,
        pages: Iterable[str],
    ) -> None:
        self.content = content
        self.today = today
        self.addresses = addresses
        self.text_links = TextLinks(addresses, pages)
        # The clinic's colours, and its locations as of the build date: the same for every
        # page, fragment and icon of the build.
        self.colours = theme_colours(content.clinic)
        self.places = places(content.clinic, today)
        self.env = Environment(
            loader=FileSystemLoader(templates_dirs),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["markdown"] = _markdown
        self.env.filters["markdown_inline"] = _markdown_inline
        self.env.filters["md_escape"] = markdown_escape
        self.env.filters["long_date"] = lambda d: f"{d.day} {d:%B %Y}"
        self.env.filters["dollars"] = dollars
        line = content.safety.advice_line
        self.env.globals.update(
            clinic=content.clinic,
            clinic_facts=lambda facts: facts_text(content.clinic, facts),
            ClinicFact=ClinicFact,
            strength_labels=STRENGTH_LABELS,
            today=today,
            # The clinic's locations as of the build date (the contact, hours and booking
            # fragments show each of them).
            places=self.places,
            days_text=days_text,
            # One booking button per distinct booking page (or phone number) of the locations.
            booking_choices=booking_choices(self.places),
            # The price list's address, when the clinic has one (the home page links to it).
            services_url=next(
                (addresses.address(page.source_path) for page in content.of(SERVICES)), None
            ),
            # A page's "When to see a doctor" box: every page's warning signs and its own.
            box_groups=self.box_groups,
            # The phone line for health advice under every box (safety.yml, optional).
            advice_line=line,
            advice_line_sources=cited_sources(line.citations if line else [], content.references),
            advice_sources=self._advice_sources,
            # Templates group a page's safety advice and the FAQ's questions with these.
            advice_for=self.advice_groups,
            alignment_class=alignment_class,
            faq_groups=self.faq_groups,
        )

    # -- helpers shared by templates ---------------------------------------------------------

    def _render(self, template: str, source: str, **context: Any) -> str:
        """`template` rendered for the page written in `source` (its path among MkDocs' files)."""
        page_url = self.addresses.address(source)

        def url(target: str) -> str:
            # A path inside the site (a page's address, a file) as a link from this page.
            return relative_link(target, page_url)

        def link_to(target: str) -> str:
            # The page written in `target` ("faq.md") as a link from this page.
            return self.addresses.link(page_url, target)

        def docs_path(target: str) -> str:
            # A file inside docs/ as a generated page's Markdown names it (an image): relative
            # to the page's file.
            return posixpath.relpath(target, posixpath.dirname(source) or ".")

        return self.env.get_template(template).render(
            url=url,
            link_to=link_to,
            docs_path=docs_path,
            page_url=page_url,
            text_links=self.text_links.on_page(source),
            **context,
        )

    def _review_context(self, review: Review) -> dict[str, Any]:
        writers = self.content.people_by_id(review.written_by)
        reviewers = self.content.people_by_id(review.reviewed_by)
        return {
            "review": review,
            "writers": writers,
            "reviewers": reviewers,
            "no_doctors": not any(p.medical_doctor for p in [*writers, *reviewers]),
            "all_massage_therapists": all(
                "massage" in p.role.lower() for p in [*writers, *reviewers]
            ),
            "status": review_status(review, self.today),
        }

    def advice_groups(self, refs: list[AdviceRef]) -> list[AdviceGroup]:
        """Entries of safety.yml as every page shows them (see `healthsite.model.safety_tiers`)."""
        return group_advice(self.content.safety, refs, self.content.clinic.emergency_number)

    def box_groups(self, warning_signs: list[AdviceRef] | None = None) -> list[AdviceGroup]:
        """The "When to see a doctor" box of a page with these `warning_signs` (see
        `healthsite.model.safety_tiers.box_groups`)."""
        return box_groups(
            self.content.safety, self.content.clinic.emergency_number, warning_signs or ()
        )

    def _advice_sources(self, item: AdviceItem) -> list[Reference]:
        return advice_sources(item, self.content.references)

    def numbered_references(self, keys: list[str]) -> list[tuple[int, str, Reference]]:
        return [(i, k, self.content.references[k]) for i, k in enumerate(keys, start=1)]

    # -- whole pages -------------------------------------------------------------------------

    def page(self, page: ContentPage[Any]) -> str:
        """The Markdown body of a page made from content/ (with its kind's template)."""
        item = page.item
        return self._render(
            page.kind.template,
            page.source_path,
            **{page.kind.name: item},
            **self._citations(item.cited),
            **self._review_context(item.review),
            approval=approval(self.content, page.doc),
        )

    def legal_page(self, page: legal.LegalPage, website: legal.WebsiteFacts | None = None) -> str:
        """The privacy policy or the accessibility statement, from its clinic.yml block (the
        rules refuse a published legal page whose block is missing, before anything renders)."""
        clinic = self.content.clinic
        block = page.block(clinic)
        if block is None:
            raise ValueError(f"clinic.yml has no '{page.key}' block for the {page.title.lower()}")
        context = {
            "legal": page,
            "contact": _contact(clinic, block),
            "states": legal.states_served(clinic),
            "booking_provider": clinic.privacy.booking_provider if clinic.privacy else None,
            **self._review_context(block.review),
        }
        if isinstance(block, Privacy):
            context.update(_privacy_context(clinic, block, website or legal.WebsiteFacts()))
        else:
            context.update(accessibility=block, wcag=legal.WCAG)
            context.update(ahrc=legal.AHRC, ahrc_phone=legal.AHRC_PHONE)
        return self._render(page.template, page.source_path, **context)

    def _citations(self, cited: list[str]) -> dict[str, Any]:
        """Numbers for a page's citation markers and the numbered source list they link to."""
        return {
            "numbers": {k: i for i, k in enumerate(cited, start=1)},
            "references": self.numbered_references(cited),
        }

    def faq_groups(self) -> list[dict[str, Any]]:
        """FAQ groups with a unique, stable anchor for each group and question."""
        used: set[str] = set()

        def unique(base: str) -> str:
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            return anchor

        groups = []
        for g_index, group in enumerate(self.content.faq.groups, start=1):
            questions = [
                {
                    "anchor": unique(q.id or f"question-{g_index}-{q_index}"),
                    "item": q,
                    "warning_sign_groups": self.box_groups() if q.all_warning_signs else [],
                    "advice": self.advice_groups(q.safety),
                }
                for q_index, q in enumerate(group.questions, start=1)
            ]
            groups.append(
                {
                    "anchor": unique(group.id or f"group-{g_index}"),
                    "item": group,
                    "questions": questions,
                }
            )
        return groups

    # -- fragments for hand-written pages (the macros) ---------------------------------------

    # Each takes the page it is shown on, by its path among MkDocs' files (`source`).

    def cards(self, kind: ContentType[Any], source: str) -> Markup:
        """A card for each page of `kind`, in site order."""
        return Markup(  # noqa: S704 - rendered by an autoescaping template
            self._render("page-cards.html", source, pages=self.content.of(kind))
        )

    def faq_list(self, source: str) -> Markup:
        return Markup(  # noqa: S704
            self._render("faq-list.html", source, **self._citations(self.content.faq.cited))
        )

    def reference_list(self, source: str, keys: list[str] | None = None) -> Markup:
        """The sources the site cites (`SiteContent.cited_keys`), or those named in `keys`. Only
        a cited reference is ever published (an uncited one is only reported by the check), so
        a key that nothing cites is refused rather than listed."""
        cited = self.content.cited_keys()
        published = set(cited)
        if keys is None:
            keys = cited
        elif refused := [key for key in keys if key not in published]:
            citing = listed([sources.cited_by for sources in CONTENT_TYPES.sources()], "or")
            raise ValueError(
                "reference_list() names "
                + ", ".join(f"'{key}'" for key in refused)
                + f", which no {citing} cites (or which is not in references.yml): only cited "
                "references are published, so cite each in content/ or leave it out of "
                "reference_list()"
            )
        return Markup(  # noqa: S704
            self._render("reference-list.html", source, references=self.numbered_references(keys))
        )

    def safety_advice(
        self, source: str, kind: str, ids: list[str], *, on_every_page: bool | None = None
    ) -> Markup:
        """Red flags or cautions from safety.yml for a hand-written page: all of `kind`
        ("red_flags" or "cautions"; all red flags includes those shown only on the pages that
        list them), or only `ids`. `on_every_page` (red flags only) keeps just the signs every
        box shows (True) or just those shown only on the pages that list them (False), so a
        page can show the box and then every other sign without repeating one. An unknown id
        stops the build."""
        safety = self.content.safety
        entries: list[RedFlag] | list[Caution] = safety.cautions
        if kind == "red_flags":
            entries = [f for f in safety.red_flags if on_every_page in (None, f.on_every_page)]
        known = {entry.id for entry in entries}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ValueError(
                f"{', '.join(repr(i) for i in unknown)} is not an id of {kind} in "
                f"content/safety.yml (ids there: {', '.join(sorted(known))})"
            )
        refs = [AdviceRef(id=i) for i in ids] if ids else all_refs(entries)
        return Markup(  # noqa: S704 - rendered by an autoescaping template
            self._render("safety-advice.html", source, advice_groups=self.advice_groups(refs))
        )

    def fragment(self, name: str, source: str, heading: int = 3) -> Markup:
        """One of the clinic-wide FRAGMENTS (contact block, disclaimer, …) as safe HTML.
        `heading`: the level of the headings it makes (each location's name, when there are
        several), one below the heading the page shows it under: 3 under a `##` heading, 2
        straight under the page's `#` title."""
        if heading not in range(2, 7):
            raise ValueError(
                f"{name}(heading={heading!r}): heading is the level of the location names, "
                "2 to 6 (one more than the heading above the macro: 2 under the page's # title, "
                "3 under a ## heading)"
            )
        return Markup(self._render(FRAGMENTS[name], source, heading=heading))  # noqa: S704

    def favicon(self) -> str:
        """The browser-tab icon: the heart in the clinic's colour."""
        return self.env.get_template("heart-svg.html").render(fill=self.colours["primary"])

    def logo(self) -> str:
        """The header logo: the heart in the colour of the header's text."""
        return self.env.get_template("heart-svg.html").render(fill=self.colours["primary_text"])

    def theme_css(self) -> str:
        return self.env.get_template("clinic-theme-css.html").render(
            **self.colours,
            alignments={a: alignment_class(a) for a in ALIGNMENTS},
        )


_RECORDS_WHERE = {
    RecordsFormat.PAPER: "on paper",
    RecordsFormat.ELECTRONIC: "electronically",
    RecordsFormat.BOTH: "on paper and electronically",
}


def _contact(clinic: Clinic, block: Privacy | Accessibility) -> dict[str, str | None]:
    """Who handles a legal page's requests and how to reach them (the clinic by default)."""
    phone = block.phone or clinic.phone
    return {
        "name": block.contact,
        "email": block.email or clinic.email,
        "phone": phone,
        "tel": tel_uri(phone),
    }


def _same_company(records_system: str | None, provider: OtherCompany | None) -> bool:
    """Whether the company that holds the records also takes the bookings (Cliniko often does
    both): the privacy page then names it once, with both roles."""
    if not records_system or provider is None:
        return False
    return records_system.casefold().split() == provider.name.casefold().split()


def _privacy_context(
    clinic: Clinic, privacy: Privacy, website: legal.WebsiteFacts
) -> dict[str, Any]:
    """What the privacy page states, each from clinic.yml or from healthsite.model.legal."""
    states = legal.states_served(clinic)
    # Without the clinic's own period, the legal minimum of its states (the loader asks for one
    # where a state sets none).
    kept_for = privacy.kept_for or legal.MINIMUM_RETENTION
    host = legal.website_host(clinic)
    records_where = _RECORDS_WHERE[privacy.records]
    if privacy.records_system:
        records_where += f", in {privacy.records_system}"
    return {
        "privacy": privacy,
        "collects": privacy.collects or legal.default_collects(clinic),
        "records_where": records_where,
        "kept_for": kept_for.rstrip("."),
        "default_retention": privacy.kept_for is None
        and all(state.minimum_retention for state in states),
        "state_names": listed([state.name for state in states]),
        "records_by_booking_provider": _same_company(
            privacy.records_system, privacy.booking_provider
        ),
        "host": host,
        "is_github_pages": host == legal.GITHUB_PAGES,
        "github_data_collection": legal.GITHUB_PAGES_DATA_COLLECTION,
        "website": website,
        "oaic": legal.OAIC,
        "oaic_phone": legal.OAIC_PHONE,
        "reply_days": legal.REPLY_DAYS,
    }


def theme_colours(clinic: Clinic) -> dict[str, str]:
    """The clinic colour and the shades Material needs, each readable where it is used."""
    primary = clinic.theme.primary_colour.lower()
    accent = (clinic.theme.accent_colour or primary).lower()
    return {
        "primary": primary,
        # Text and icons on the primary colour: white, or dark on a light brand colour.
        "primary_text": text_colour_on(primary) or WHITE,
        "accent_text": text_colour_on(accent) or WHITE,
        "primary_light": mix(primary, "#ffffff", 0.15),
        "primary_dark": mix(primary, "#000000", 0.2),
        "accent": accent,
        "link_light": readable_on("#ffffff", primary),
        "link_dark": readable_on(SLATE_BACKGROUND, mix(primary, "#ffffff", 0.45)),
        "accent_dark": readable_on(SLATE_BACKGROUND, mix(accent, "#ffffff", 0.45)),
        "primary_contrast": f"{contrast_ratio(primary, text_colour_on(primary) or WHITE):.2f}",
    }
