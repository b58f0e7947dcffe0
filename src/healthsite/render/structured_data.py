"""schema.org structured data (JSON-LD) for each page, built from the same models the page shows.

The values here must equal what readers see: review dates and reviewers from the same `Review`,
FAQ questions and answers from the same `Question` objects, clinic details from `clinic.yml`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar, assert_never

import nh3

from healthsite.model.clinic import Clinic
from healthsite.model.clinic_locations import ClinicLocation, Closure
from healthsite.model.content_type import ContentPage
from healthsite.model.kind_facts import PageItems
from healthsite.model.kinds.faq import Faq, Question
from healthsite.model.kinds.services import Services
from healthsite.model.kinds.team import Team
from healthsite.model.legal import LegalPage
from healthsite.model.loader import SiteContent
from healthsite.model.person import Person
from healthsite.model.references import Reference
from healthsite.model.review import Review
from healthsite.model.safety_tiers import advice_plain_text, box_groups, group_advice
from healthsite.model.site_language import SITE_LANGUAGE
from healthsite.render.clinic_sentences import facts_text
from healthsite.render.locations import Place, places
from healthsite.source.markup import markdown_to_html

SCHEMA = "https://schema.org"
M = TypeVar("M")


# --- the clinic and its locations -------------------------------------------------------------
# One location: the clinic is one business entry, "#clinic", as before locations existed.
# Several: "#clinic" is the Organization that publishes the site, and each location is a
# business entry of its own ("#location-<id>") that names it as its parentOrganization, which
# schema.org gives for "the larger organization that this local business is a branch of" (it
# supersedes branchOf). Google's LocalBusiness `department` is for departments inside one
# business, not for branches, so it is not used.


def clinic_id(clinic: Clinic) -> str:
    """The @id every page's `publisher` names."""
    return clinic.site_url.rstrip("/") + "/#clinic"


def location_id(clinic: Clinic, place: Place | ClinicLocation) -> str:
    return clinic.site_url.rstrip("/") + f"/#location-{place.id}"


def _address(place: Place) -> dict[str, Any]:
    return {
        "@type": "PostalAddress",
        "streetAddress": place.address.street,
        "addressLocality": place.address.suburb,
        "addressRegion": place.address.state.value,
        "postalCode": place.address.postcode,
        "addressCountry": place.address.country,
    }


def _closure(closure: Closure) -> dict[str, Any]:
    # Closed all day: opens and closes both "00:00" (schema.org: a place is closed when it
    # has no opening time; Google's guidance writes a closed day as 00:00 to 00:00).
    return {
        "@type": "OpeningHoursSpecification",
        "validFrom": closure.first.isoformat(),
        "validThrough": closure.last.isoformat(),
        "opens": "00:00",
        "closes": "00:00",
        "description": closure.note,
    }


def _place_data(place: Place) -> dict[str, Any]:
    """What a location's page section shows: address, phone, hours, closures, map."""
    data: dict[str, Any] = {
        "telephone": place.phone,
        "address": _address(place),
        "hasMap": place.map_url,
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"{SCHEMA}/{day.value}" for day in slot.days],
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in place.opening_hours
        ],
    }
    if place.closures:
        data["specialOpeningHoursSpecification"] = [_closure(c) for c in place.closures]
    return data


def clinic_data(clinic: Clinic, today: date) -> list[dict[str, Any]]:
    """The clinic and its locations as of `today` (closures that have ended are left out,
    as on the pages)."""
    shown = places(clinic, today)
    about = {
        "name": clinic.name,
        "description": clinic.description,
        "url": clinic.site_url,
        "telephone": clinic.phone,
        "email": clinic.email,
    }
    if len(shown) == 1:
        return [
            {
                "@type": clinic.business_type,
                "@id": clinic_id(clinic),
                **about,
                **_place_data(shown[0]),
            }
        ]
    organisation = {
        "@type": "Organization",
        "@id": clinic_id(clinic),
        **about,
        "subOrganization": [{"@id": location_id(clinic, place)} for place in shown],
    }
    return [
        organisation,
        *(
            {
                "@type": clinic.business_type,
                "@id": location_id(clinic, place),
                "name": f"{clinic.name}, {place.name}",
                "url": clinic.site_url,
                "email": clinic.email,
                **_place_data(place),
                "parentOrganization": {"@id": clinic_id(clinic)},
            }
            for place in shown
        ),
    ]


def _person(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": person.name, "jobTitle": person.role}
    if person.qualifications:
        data["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": person.qualifications,
        }
    return data


def _people(content: SiteContent, ids: list[str]) -> list[dict[str, Any]]:
    """The clinic's people as schema.org Persons; the library's editors (a team, not a person)
    as Organizations."""
    return [
        _person(person)
        if content.clinic.person(person.id) is not None
        else {"@type": "Organization", "name": person.name}
        for person in content.people_by_id(ids)
    ]


def _citation(ref: Reference) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": ref.title,
        "author": ref.authors,
        "datePublished": str(ref.year),
        "url": ref.link,
    }
    if ref.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi}
    return data


def _reviewed(content: SiteContent, review: Review) -> dict[str, Any]:
    return {
        "lastReviewed": review.last_reviewed.isoformat(),
        "reviewedBy": _people(content, review.reviewed_by),
        "author": _people(content, review.written_by),
    }


def plain_text(markdown: str) -> str:
    """The text a reader sees for a Markdown field, without tags (for FAQ answers)."""
    # nh3 drops the tags but keeps text escaped (&lt;): unescape to the characters shown.
    return " ".join(html.unescape(nh3.clean(markdown_to_html(markdown), tags=set())).split())


def _health_page(
    content: SiteContent, page: ContentPage[Any], url: str, photos: Mapping[str, str]
) -> dict[str, Any]:
    """What every health page says about itself: the same title, dates, people and sources
    the reader sees on it."""
    item = page.item
    data: dict[str, Any] = {
        "@type": page.kind.schema_type,
        "url": url,
        "name": item.title,
        "description": item.description,
        "inLanguage": SITE_LANGUAGE,
        "publisher": {"@id": clinic_id(content.clinic)},
        **_reviewed(content, item.review),
    }
    data.update(_page_items(content, page, url, photos))
    if page.kind.about:
        data["about"] = dict(page.kind.about)
    return data


def answer_text(content: SiteContent, question: Question) -> str:
    """The answer as the page shows it: its text, the clinic facts it asks for (from
    clinic.yml), then every warning sign of the "When to see a doctor" box if it asks for
    them (`all_warning_signs`), then the safety advice it references."""
    safety, emergency = content.safety, content.clinic.emergency_number
    groups = box_groups(safety, emergency) if question.all_warning_signs else []
    shown = [
        advice_plain_text(groups, content.references),
        advice_plain_text(group_advice(safety, question.safety, emergency), content.references),
    ]
    facts = facts_text(content.clinic, question.clinic_facts)
    return " ".join([plain_text(question.answer), *facts, *(text for text in shown if text)])


def _medical_items(content: SiteContent, page: ContentPage[Any]) -> dict[str, Any]:
    return {
        "audience": {"@type": "Patient"},
        "citation": [_citation(content.references[k]) for k in page.item.cited],
    }


def _faq_items(content: SiteContent, faq: Faq) -> dict[str, Any]:
    return {
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "acceptedAnswer": {"@type": "Answer", "text": answer_text(content, question)},
            }
            for group in faq.groups
            for question in group.questions
        ]
    }


def _offer_items(content: SiteContent, services: Services) -> dict[str, Any]:
    """The price list as the table shows it: an offer per length of each treatment."""
    clinic_ref = {"@id": clinic_id(content.clinic)}
    return {
        "mainEntity": {
            "@type": "OfferCatalog",
            "name": services.title,
            "itemListElement": [
                {
                    "@type": "Offer",
                    "name": f"{service.name}, {session.minutes} minutes",
                    "price": f"{session.price:.2f}",
                    "priceCurrency": "AUD",
                    "seller": clinic_ref,
                    "itemOffered": {
                        "@type": "Service",
                        "name": service.name,
                        "description": plain_text(service.description),
                        "provider": clinic_ref,
                    },
                }
                for service in services.services
                for session in service.sessions
            ],
        }
    }


def _team_items(
    content: SiteContent, url: str, team: Team, photos: Mapping[str, str]
) -> dict[str, Any]:
    """Each person the team page shows, with what it shows of them that schema.org can say
    (the photo as the file the page shows)."""
    clinic = content.clinic
    site = clinic.site_url.rstrip("/") + "/"
    members = []
    for _, person in team.members(clinic):
        data = {"@id": f"{url}#{person.id}", **_person(person)}
        if person.photo is not None and person.photo in photos:
            data["image"] = site + photos[person.photo]
        if person.spoken_languages:
            data["knowsLanguage"] = person.spoken_languages
        if person.association:
            data["memberOf"] = {"@type": "Organization", "name": person.association}
        data["worksFor"] = {"@id": clinic_id(clinic)}
        # With several locations, each one the person works at (the page names them).
        at = [place for _, place in clinic.location_list if place.id in person.locations]
        if len(clinic.location_list) > 1 and at:
            data["workLocation"] = [{"@id": location_id(clinic, place)} for place in at]
        members.append(data)
    return {"mainEntity": members}


def _page_items(
    content: SiteContent, page: ContentPage[Any], url: str, photos: Mapping[str, str]
) -> dict[str, Any]:
    """What the page at `url` says about its own content besides what every page says: what
    its kind's entry describes (`ContentType.page_items`). `photos`: the file the site shows of
    each image, by its path inside docs/ (the team's photos)."""
    match page.kind.page_items:
        case PageItems.NONE:
            return {}
        case PageItems.MEDICAL:
            return _medical_items(content, page)
        case PageItems.QUESTIONS:
            return _faq_items(content, _model_of(page, Faq))
        case PageItems.OFFERS:
            return _offer_items(content, _model_of(page, Services))
        case PageItems.PEOPLE:
            return _team_items(content, url, _model_of(page, Team), photos)
        case _:  # pragma: no cover - mypy checks every member is handled
            assert_never(page.kind.page_items)


def _model_of(page: ContentPage[Any], model: type[M]) -> M:
    """The page's model as the kind's `page_items` needs it."""
    if not isinstance(page.item, model):
        raise TypeError(
            f"the kind '{page.kind.name}' has page_items={page.kind.page_items.name}, which "
            f"describes a {model.__name__} page, but its model is {type(page.item).__name__}"
        )
    return page.item


def legal_page_data(content: SiteContent, page: LegalPage, url: str) -> dict[str, Any]:
    """A legal page as a WebPage with its review: the same dates and people the page shows."""
    block = page.block(content.clinic)
    data: dict[str, Any] = {
        "@type": "WebPage",
        "url": url,
        "name": page.title,
        "description": page.description,
        "inLanguage": SITE_LANGUAGE,
        "publisher": {"@id": clinic_id(content.clinic)},
    }
    if block is not None:
        data.update(_reviewed(content, block.review))
    return data


def to_script_json(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that could end the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_json_ld(
    content: SiteContent,
    subject: ContentPage[Any] | LegalPage | None,
    url: str,
    photos: Mapping[str, str] | None = None,
    *,
    today: date,
) -> str:
    """The JSON-LD for one page: the clinic (and its locations as of `today`, the build date)
    on every page, plus the page's own item when it is made from content/ or is a legal page.
    `photos`: the published file of each image the site shows, by its path inside docs/ (the
    team page's photos)."""
    graph: list[dict[str, Any]] = clinic_data(content.clinic, today)
    if isinstance(subject, ContentPage):
        graph.append(_health_page(content, subject, url, photos or {}))
    elif subject is not None:
        graph.append(legal_page_data(content, subject, url))
    return to_script_json({"@context": SCHEMA, "@graph": graph})
