"""Sentences that state facts about the clinic, worded once from `clinic.yml`.

FAQ answers ask for them by name (`clinic_facts: [hicaps]`), the clinic page shows them, and the
FAQ's structured data carries the same text, so a clinic changes a fact in one place and the
site never claims what the clinic did not say (a person whose `health_fund_provider` is left
out is not mentioned at all).
"""

from __future__ import annotations

from healthsite.model.clinic import Clinic
from healthsite.model.kinds.faq import ClinicFact
from healthsite.model.person import Person
from healthsite.source.markup import listed


def _names(people: list[Person]) -> str:
    return listed([p.name for p in people])


def hicaps_sentences(clinic: Clinic) -> list[str]:
    if clinic.health_funds.hicaps:
        return [
            "We have a HICAPS terminal, so you can claim with your health fund card straight "
            "after your session. You then pay only the gap, if there is one."
        ]
    return [
        "We do not have a HICAPS terminal. You pay on the day, then claim from your fund "
        "with your receipt."
    ]


def provider_sentences(clinic: Clinic) -> list[str]:
    recognised = [p for p in clinic.people if p.health_fund_provider is True]
    not_recognised = [p for p in clinic.people if p.health_fund_provider is False]
    sentences = []
    if recognised:
        verb = "is a recognised provider" if len(recognised) == 1 else "are recognised providers"
        sentences.append(
            f"{_names(recognised)} {verb} with health funds. Check with your fund what it pays."
        )
    if not_recognised:
        sentences.append(
            f"Health funds do not recognise {_names(not_recognised)} as a provider, so you "
            "cannot claim for their sessions."
        )
    return sentences


def qualification_sentences(clinic: Clinic) -> list[str]:
    return [f"{p.name}: {p.qualifications}." for p in clinic.people if p.qualifications]


def fact_sentences(clinic: Clinic, fact: ClinicFact) -> list[str]:
    """The plain-text sentences for one fact, as readers see them."""
    match fact:
        case ClinicFact.HICAPS:
            return hicaps_sentences(clinic)
        case ClinicFact.HEALTH_FUND_PROVIDERS:
            return provider_sentences(clinic)
        case ClinicFact.QUALIFICATIONS:
            return qualification_sentences(clinic)


def facts_text(clinic: Clinic, facts: list[ClinicFact]) -> list[str]:
    """Every sentence for `facts`, in the order asked for."""
    return [sentence for fact in facts for sentence in fact_sentences(clinic, fact)]
