"""Safety advice as pages show it: entries of safety.yml grouped by tier, each group with its
lead-in ("Call 000 now if you have:", "Tell your therapist before your session if you:").

Every page that gives safety advice (a benefit page's cautions, an FAQ answer, the "when to see
a doctor" block, the safety page) renders these groups with the same template
(the theme's `partials/health/safety-advice.html`), so the same condition always gets the same
words. The lead-ins live here, once, because the FAQ's structured data repeats them as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from healthsite.model.references import Reference
from healthsite.model.safety_entries import (
    AdviceRef,
    Caution,
    CautionTier,
    RedFlag,
    RedFlagTier,
    Safety,
)

Tier = RedFlagTier | CautionTier

# Most urgent first; a page lists its advice in this order whatever order it references it in.
TIER_ORDER: tuple[Tier, ...] = (*RedFlagTier, *CautionTier)

TIER_LEADS: dict[Tier, str] = {
    RedFlagTier.CALL_000: (
        "Call {emergency} for an ambulance, or go to the nearest emergency department, now if "
        "you have:"
    ),
    RedFlagTier.DOCTOR_TODAY: "See a doctor straight away, today, if you have:",
    RedFlagTier.DOCTOR_SOON: "See a doctor soon, before you book a massage, if you have:",
    CautionTier.DOCTOR_FIRST: "See your doctor before you have a massage if you:",
    CautionTier.SEE_GP_TOO: "You can still have a massage, but please also see your GP if you:",
    CautionTier.TELL_THERAPIST: "Tell your therapist before your session if you:",
    CautionTier.NO_MASSAGE: "We will not massage:",
}


@dataclass(frozen=True)
class AdviceItem:
    advice: RedFlag | Caution
    note: str | None = None


@dataclass(frozen=True)
class AdviceGroup:
    tier: Tier
    lead: str
    items: tuple[AdviceItem, ...]


def lead_in(tier: Tier, emergency_number: str) -> str:
    return TIER_LEADS[tier].format(emergency=emergency_number)


def group_advice(
    safety: Safety, refs: Iterable[AdviceRef], emergency_number: str
) -> list[AdviceGroup]:
    """The referenced entries grouped by tier (most urgent first), each group in the order of
    safety.yml, so two pages that reference the same ids show exactly the same list.
    Unknown ids are skipped here: the loader has already refused them."""
    notes: dict[str, str | None] = {}
    for ref in refs:
        notes.setdefault(ref.id, ref.note)
    by_tier: dict[Tier, list[AdviceItem]] = {}
    for entry in safety.entries:
        if entry.id in notes:
            by_tier.setdefault(entry.tier, []).append(AdviceItem(entry, notes[entry.id]))
    return [
        AdviceGroup(tier, lead_in(tier, emergency_number), tuple(by_tier[tier]))
        for tier in TIER_ORDER
        if tier in by_tier
    ]


def all_refs(entries: Sequence[RedFlag | Caution]) -> list[AdviceRef]:
    return [AdviceRef(id=entry.id) for entry in entries]


def box_refs(safety: Safety, warning_signs: Iterable[AdviceRef] = ()) -> list[AdviceRef]:
    """What a page's "When to see a doctor" box shows: the page's own `warning_signs` (first,
    so their notes are kept) and every red flag that is on every page."""
    return [*warning_signs, *all_refs(safety.every_page_flags)]


def box_groups(
    safety: Safety, emergency_number: str, warning_signs: Iterable[AdviceRef] = ()
) -> list[AdviceGroup]:
    """A page's "When to see a doctor" box, grouped like all advice: most urgent first, each
    warning sign once. With no `warning_signs`, the box every page shows (and the list an FAQ
    answer with `all_warning_signs` shows)."""
    return group_advice(safety, box_refs(safety, warning_signs), emergency_number)


def cited_sources(keys: Iterable[str], references: dict[str, Reference]) -> list[Reference]:
    """The references of these citation keys (the loader has already refused unknown ones)."""
    return [references[key] for key in keys if key in references]


def advice_sources(item: AdviceItem, references: dict[str, Reference]) -> list[Reference]:
    return cited_sources(item.advice.citations, references)


def advice_plain_text(groups: Iterable[AdviceGroup], references: dict[str, Reference]) -> str:
    """What a reader sees of the groups, as one line of text (for structured data); the same
    words, in the same order, as `safety-advice.html` renders."""
    parts: list[str] = []
    for group in groups:
        parts.append(group.lead)
        for item in group.items:
            parts.append(item.advice.text)
            sources = advice_sources(item, references)
            if sources:
                parts.append("(source: " + ", ".join(ref.source for ref in sources) + ")")
            if item.note:
                parts.append(item.note)
    return " ".join(" ".join(parts).split())


def normal_words(words: str) -> str:
    """A safety entry's condition words as compared: lower case, single spaces (the loader's
    "listed twice" check and the safety-advice rule must agree on this)."""
    return " ".join(words.lower().split())
