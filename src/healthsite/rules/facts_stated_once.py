"""Facts about the clinic are stated once, in clinic.yml.

A health page that says in its own words what the clinic has or who works there ("We have a
HICAPS terminal", "Our therapists hold a Diploma") goes untrue the day the clinic changes, and
nothing would notice. So a sentence that speaks for the clinic ("we", "our", "us") and names
such a fact is an error pointing to `clinic_facts`, which words the fact from clinic.yml. And
an answer that asks for a fact clinic.yml does not state is an error too, rather than a blank,
as is a treatment marked claimable with health funds when nobody the funds recognise works there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from healthsite.model.kinds.faq import ClinicFact
from healthsite.model.kinds.services import SERVICES
from healthsite.model.library import is_library_file
from healthsite.model.loader import SiteContent
from healthsite.render.clinic_sentences import fact_sentences
from healthsite.rules.checked_pages import HealthPage, Passage
from healthsite.rules.plain_text import sentences
from healthsite.rules.reader_words import DocLine
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import YamlDocument

_SPEAKS_FOR_CLINIC = re.compile(r"\b(?:we|we're|we've|our|ours|us)\b", re.IGNORECASE)
# What only clinic.yml may say about the clinic: payment terminals, qualifications, provider
# status with health funds.
_CLINIC_FACT = re.compile(
    r"\bHICAPS\b|\bHLT\d{5}\b|\bdiplomas?\b|\bcertificate (?:III|IV|3|4)\b|\bqualified\b"
    r"|\b(?:recognised|registered|preferred) providers?\b|\bprovider numbers?\b"
    r"|\brecognised by (?:most |all |every |private )?(?:health )?funds?\b",
    re.IGNORECASE,
)

_UNSTATED = {
    ClinicFact.HEALTH_FUND_PROVIDERS: (
        "no person in clinic.yml says whether health funds recognise them",
        "add 'health_fund_provider: true' (or false) to the people in content/clinic.yml",
    ),
    ClinicFact.QUALIFICATIONS: (
        "no person in clinic.yml has 'qualifications'",
        "add 'qualifications:' to the people in content/clinic.yml",
    ),
}


def _facts_stated(text: str) -> Iterator[tuple[str, str]]:
    """Each sentence of `text` that speaks for the clinic and states a fact only clinic.yml may
    state, with the words that state it."""
    for sentence in sentences(text):
        fact = _CLINIC_FACT.search(sentence)
        if fact is not None and _SPEAKS_FOR_CLINIC.search(sentence):
            yield sentence, fact.group(0)


def _message(fact: str, sentence: str) -> str:
    return f'"{fact}" states a fact about your clinic, in the sentence: "{sentence}"'


_ABOUT_CLINICS = "or write the sentence about clinics in general, without 'we' or 'our'"


def _stated_in_own_words(doc: YamlDocument, passages: Iterable[Passage]) -> list[ContentProblem]:
    return [
        doc.problem(
            passage.location,
            _message(fact, sentence),
            "say it once in content/clinic.yml and show it with 'clinic_facts' under an FAQ "
            f"question (for example clinic_facts: [hicaps]), {_ABOUT_CLINICS}",
            near=sentence,
        )
        for passage in passages
        for sentence, fact in _facts_stated(passage.text)
    ]


def _stated_in_docs(lines: Iterable[DocLine]) -> list[ContentProblem]:
    """The same, in the pages of docs/ (their headings and text; front matter is settings)."""
    problems = []
    for line in lines:
        if line.front_matter:
            continue
        for sentence, fact in _facts_stated(line.raw):
            # The sentence as read has no Markdown; the fact is found in the line as written,
            # from where the sentence starts when the line writes it plainly.
            start = max(line.raw.find(sentence), 0)
            column = line.raw.lower().find(fact.lower(), start) + 1
            problems.append(
                ContentProblem(
                    line.file,
                    line.number,
                    column,
                    "",
                    _message(fact, sentence),
                    "say it once in content/clinic.yml and show it on this page with a macro "
                    "such as {{ health_funds() }} or {{ clinic_people() }}, " + _ABOUT_CLINICS,
                )
            )
    return problems


def _facts_not_stated(content: SiteContent) -> list[ContentProblem]:
    """A fact an FAQ answer shows from clinic.yml that clinic.yml does not give: at the answer,
    or, for the library's questions (which the clinic does not edit), at clinic.yml's people."""
    doc = content.faq_page.doc
    problems = []
    for g, group in enumerate(content.faq.groups):
        for q, question in enumerate(group.questions):
            for i, fact in enumerate(question.clinic_facts):
                if fact in _UNSTATED and not fact_sentences(content.clinic, fact):
                    message, fix = _UNSTATED[fact]
                    if is_library_file(doc.file_at(("groups", g, "questions", q))):
                        problems.append(
                            content.clinic_doc.problem(
                                ("people",),
                                f"{message}, and the answer to '{question.question}' shows it",
                                fix,
                                key=True,
                            )
                        )
                        continue
                    problems.append(
                        doc.problem(("groups", g, "questions", q, "clinic_facts", i), message, fix)
                    )
    return problems


def _claimable_without_provider(content: SiteContent) -> list[ContentProblem]:
    """A treatment marked claimable is only claimable from a therapist the funds recognise."""
    if any(person.health_fund_provider for person in content.clinic.people):
        return []
    return [
        page.doc.problem(
            ("services", i, "health_fund_claimable"),
            f"'{service.name}' says health funds usually pay part of it, but no person in "
            "clinic.yml is recognised by health funds (health_fund_provider: true)",
            "set health_fund_provider: true for the people funds recognise, or "
            "health_fund_claimable: false for this treatment",
        )
        for page in content.of(SERVICES)
        for i, service in enumerate(page.item.services)
        if service.health_fund_claimable
    ]


def check_clinic_facts(
    content: SiteContent, pages: Iterable[HealthPage], docs_lines: Iterable[DocLine] = ()
) -> list[ContentProblem]:
    # The health-funds note in clinic.yml says what the clinic wants to add about funds, not
    # what its hicaps and health_fund_provider lines already state.
    funds_note = content.clinic.health_funds.note
    note = [Passage(("health_funds", "note"), funds_note)] if funds_note else []
    return [
        *(problem for page in pages for problem in _stated_in_own_words(page.doc, page.all_text)),
        *_stated_in_own_words(content.clinic_doc, note),
        *_stated_in_docs(docs_lines),
        *_facts_not_stated(content),
        *_claimable_without_provider(content),
    ]
