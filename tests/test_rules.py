"""The health-content rules as clinic staff meet them: one row per mistake, the exact message.

Each row edits one file of a small, known-good content folder written into tmp_path (only
clinic.yml is copied from the project, so the fixture follows the clinic schema) and pins every
problem the rules then report: file, line, column, field, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from healthsite.model.loader import SiteContent, load_content
from healthsite.rules import (
    DEFAULT_FORBIDDEN,
    ForbiddenPhrase,
    PageReadability,
    RuleSettings,
    check_rules,
    readability_report,
)
from healthsite.source.clock import build_date
from healthsite.source.errors import ContentProblem, Severity, format_problems

from .conftest import EXAMPLE_SITE

# The legal pages' review blocks in clinic.yml get the same dates as every page here.
CLINIC = re.sub(
    r"last_reviewed: \S+\n(\s+)next_review_due: \S+",
    r"last_reviewed: 2026-01-10\n\1next_review_due: 2028-01-10",
    (EXAMPLE_SITE / "content" / "clinic.yml").read_text(encoding="utf-8"),
)
PERSON = yaml.safe_load(CLINIC)["people"][0]["id"]
# Fixed, so that no test depends on the real calendar.
TODAY = date(2026, 11, 25)

REFERENCES = """\
smith2020:
  authors: Smith A
  year: 2020
  title: A trial of massage for worry
  source: Journal of Tests
  kind: randomised trial
  doi: 10.1000/test.2020
jones2021:
  authors: Jones B
  year: 2021
  title: A review of massage trials
  source: Journal of Tests
  kind: systematic review
  pmid: "12345678"
nice2020:
  authors: National Institute for Health and Care Excellence
  year: 2020
  title: Low back pain and sciatica in over 16s
  source: NICE
  kind: guideline
  url: https://www.nice.org.uk/guidance/ng59
"""

STRESS = f"""\
title: Massage for stress
order: 10
description: >-
  What research says about massage for stress and worry, and what a session involves.
summary: >-
  Massage may help some people feel less worried for a short time. The evidence is
  moderate.
research:
  - text: >-
      A review of many small trials found that a course of massage eased worry
      for a while.
    strength: moderate
    strength_note: one review of many small trials
    citations: [smith2020]
  - text: A later trial found a smaller effect.
    strength: low
    strength_note: one small trial
    citations: [jones2021]
session: |-
  Your therapist uses slow, steady strokes.

  - Most sessions last 45 to 60 minutes.
  - You can ask for lighter pressure.
cautions:
  - clot
  - id: pregnancy
    note: Tell your therapist if you are pregnant.
review:
  last_reviewed: 2026-01-10
  next_review_due: 2028-01-10
  written_by: [{PERSON}]
  reviewed_by: [{PERSON}]
"""

FAQ = f"""\
description: >-
  Answers to common questions about remedial massage at our clinic.
groups:
  - title: Before you come
    questions:
      - question: Do I need a referral?
        answer: >-
          No. But if you have a health problem that has not been checked, see your GP
          first.
        citations: [nice2020]
      - question: What should I wear?
        answer: Wear clothes that are easy to move in.
review:
  last_reviewed: 2026-01-10
  next_review_due: 2028-01-10
  written_by: [{PERSON}]
  reviewed_by: [{PERSON}]
"""

SAFETY = f"""\
review:
  last_reviewed: 2026-01-10
  next_review_due: 2028-01-10
  written_by: [{PERSON}]
  reviewed_by: [{PERSON}]
red_flags:
  - id: emergency
    tier: call-000
    text: chest pain or trouble breathing
cautions:
  - id: clot
    tier: doctor-first
    text: have a blood clot
  - id: pregnancy
    tier: tell-therapist
    text: are pregnant
"""

FILES = {
    "clinic.yml": CLINIC,
    "safety.yml": SAFETY,
    "references.yml": REFERENCES,
    "benefits/stress.yml": STRESS,
    "faq.yml": FAQ,
}


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"the fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def load(tmp_path: Path, changes: dict[str, str] | None = None) -> SiteContent:
    """Write the fixture (with `changes`, file name to new text) and load it."""
    folder = tmp_path / "content"
    for name, text in {**FILES, **(changes or {})}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return load_content(folder, tmp_path)


def shown(problems: list[ContentProblem]) -> list[str]:
    """What staff read, in the order the CLI prints it."""
    return [problem.format() for problem in sorted(problems)]


def test_the_fixture_passes_every_rule(tmp_path: Path) -> None:
    assert shown(check_rules(load(tmp_path), RuleSettings(today=TODAY))) == []


LONG_SENTENCE = (
    "Your therapist uses slow, steady strokes on your back, neck and shoulders, and checks "
    "with you often, so that the pressure feels firm enough to help but never so firm that "
    "it hurts."
)
HARD_WORDS = (
    "Subsequent randomised investigations demonstrated considerably diminished "
    "physiological effectiveness."
)

CASES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "a reference that nothing cites, at its key",
        "references.yml",
        REFERENCES,
        REFERENCES + "lee2022:\n  authors: Lee C\n  year: 2022\n  title: An unused study\n"
        "  source: Journal of Tests\n  kind: study\n  doi: 10.1000/test.2022\n",
        [
            "content/references.yml:22:1: warning in 'lee2022': the reference 'lee2022' is "
            "not cited by any benefit page, guide page or FAQ answer, so it is not "
            "published\n"
            "    How to fix: nothing else is needed if its page was deleted; to tidy up, "
            "delete it from references.yml, or add its key to the 'citations' of the claim, "
            "section or answer it supports",
        ],
    ),
    (
        "a benefit page resting on one reference (the other is then uncited)",
        "benefits/stress.yml",
        "citations: [jones2021]",
        "citations: [smith2020]",
        [
            "content/benefits/stress.yml:8:1: error in 'research': this page cites only 1 "
            "reference (smith2020); each benefit page needs at least 2 different "
            "references\n"
            "    How to fix: add another study to a claim's 'citations' list "
            "(keys are the names of the entries in content/references.yml)",
            "content/references.yml:8:1: warning in 'jones2021': the reference 'jones2021' is "
            "not cited by any benefit page, guide page or FAQ answer, so it is not "
            "published\n"
            "    How to fix: nothing else is needed if its page was deleted; to tidy up, "
            "delete it from references.yml, or add its key to the 'citations' of the claim, "
            "section or answer it supports",
        ],
    ),
    (
        "'proven' in the summary",
        "benefits/stress.yml",
        "Massage may help some people feel less worried",
        "Massage is proven to help people feel less worried",
        [
            "content/benefits/stress.yml:6:3: error in 'summary': \"proven\" claims more "
            'than the research shows, in the sentence: "Massage is proven to help people '
            'feel less worried for a short time."\n'
            "    How to fix: say how strong the "
            'evidence is instead: rather than "proven to reduce stress", write "some '
            'studies suggest it may reduce stress for a short time"',
        ],
    ),
    (
        "'cures' in a claim about the research",
        "benefits/stress.yml",
        "A later trial found a smaller effect.",
        "A later trial found that massage cures back pain.",
        [
            "content/benefits/stress.yml:15:11: error in 'research[1].text': \"cures\" "
            'claims more than the research shows, in the sentence: "A later trial found '
            'that massage cures back pain."\n'
            "    How to fix: massage does not cure illness: "
            'write "may ease" or "may help with", for example "massage may ease back pain '
            'for a few weeks"',
        ],
    ),
    (
        "'boosts immunity' in the title",
        "benefits/stress.yml",
        "title: Massage for stress",
        "title: Massage Boosts Immunity",
        [
            "content/benefits/stress.yml:1:8: error in 'title': \"Boosts Immunity\" claims "
            'more than the research shows, in the sentence: "Massage Boosts Immunity"\n'
            "    "
            'How to fix: say what was measured instead, for example "one small study found '
            'short-lived changes in some immune cells"',
        ],
    ),
    (
        "'detox' in a Markdown list item, quoted without the Markdown",
        "benefits/stress.yml",
        "  - You can ask for lighter pressure.",
        "  - A **detox** massage clears your body. You can ask for lighter pressure.",
        [
            "content/benefits/stress.yml:23:5: error in 'session': \"detox\" claims more "
            'than the research shows, in the sentence: "A detox massage clears your '
            'body."\n'
            "    How to fix: massage has not been shown to remove toxins: describe "
            'what people may feel instead, for example "you may feel relaxed after a '
            'session"',
        ],
    ),
    (
        "'heals' in a caution",
        "benefits/stress.yml",
        "    note: Tell your therapist if you are pregnant.",
        "    note: Massage heals a sore back, but tell your therapist if you are pregnant.",
        [
            "content/benefits/stress.yml:27:11: error in 'cautions[1].note': \"heals\" claims "
            'more than the research shows, in the sentence: "Massage heals a sore back, but '
            'tell your therapist if you are pregnant."\n'
            '    How to fix: write "may ease" or '
            '"may help you recover", for example "massage may ease stiffness while you '
            'recover"',
        ],
    ),
    (
        "'risk-free' in an FAQ question and '100%' in its answer",
        "faq.yml",
        "question: What should I wear?\n        answer: Wear clothes that are easy to move in.",
        "question: Is massage risk-free?\n        answer: Yes, it is 100% safe for everyone.",
        [
            "content/faq.yml:11:19: error in 'groups[0].questions[1].question': "
            '"risk-free" claims more than the research shows, in the sentence: "Is massage '
            'risk-free?"\n'
            '    How to fix: write "generally safe for most people", and list '
            "who should be careful",
            "content/faq.yml:12:17: error in 'groups[0].questions[1].answer': \"100%\" "
            'claims more than the research shows, in the sentence: "Yes, it is 100% safe '
            'for everyone."\n'
            '    How to fix: no treatment works for everyone: write "many '
            'people" or "some people"',
        ],
    ),
    (
        "a sentence over 25 words",
        "benefits/stress.yml",
        "Your therapist uses slow, steady strokes.",
        LONG_SENTENCE,
        [
            "content/benefits/stress.yml:20:3: error in 'session': this sentence has 33 "
            'words (at most 25): "Your therapist uses slow, steady strokes on your back, '
            "neck and shoulders, and checks with you often, so that the pressure feels firm "
            'enough to help but never so firm that it hurts."\n'
            "    How to fix: split it "
            "into two or more shorter sentences",
        ],
    ),
    (
        "a benefit page above grade 8, pointing at its hardest sentence",
        "benefits/stress.yml",
        "A later trial found a smaller effect.",
        f"{HARD_WORDS} {HARD_WORDS} {HARD_WORDS}",
        [
            "content/benefits/stress.yml:15:11: error in 'research[1].text': this page "
            "reads at school grade 10.6 (Flesch-Kincaid); it should be grade 8 or lower. The "
            'hardest sentence to read is here: "Subsequent randomised investigations '
            'demonstrated considerably diminished physiological effectiveness."\n'
            "    How to "
            "fix: use shorter sentences and everyday words; put the plain word first and "
            'the medical word after, for example "blood clot (thrombosis)"',
        ],
    ),
    (
        "the FAQ above grade 8",
        "faq.yml",
        "answer: Wear clothes that are easy to move in.",
        f"answer: {HARD_WORDS} {HARD_WORDS}",
        [
            "content/faq.yml:12:17: error in 'groups[0].questions[1].answer': this page "
            "reads at school grade 12.1 (Flesch-Kincaid); it should be grade 8 or lower. "
            'The hardest sentence to read is here: "Subsequent randomised investigations '
            'demonstrated considerably diminished physiological effectiveness."\n'
            "    How to "
            "fix: use shorter sentences and everyday words; put the plain word first and "
            'the medical word after, for example "blood clot (thrombosis)"',
        ],
    ),
    (
        "next review more than 3 years after the last",
        "benefits/stress.yml",
        "next_review_due: 2028-01-10",
        "next_review_due: 2029-06-30",
        [
            "content/benefits/stress.yml:30:20: error in 'review.next_review_due': the next "
            "review is due 2029-06-30, more than 3 years after the last review on "
            "2026-01-10\n"
            "    How to fix: set next_review_due to 2029-01-10 or earlier",
        ],
    ),
    (
        "last reviewed in the future",
        "faq.yml",
        "last_reviewed: 2026-01-10",
        "last_reviewed: 2026-12-01",
        [
            "content/faq.yml:14:18: error in 'review.last_reviewed': the last review date "
            "2026-12-01 is in the future (today is 2026-11-25)\n"
            "    How to fix: write the "
            "date the page was actually reviewed: today or earlier",
        ],
    ),
    (
        "past the review date: an error that says how to fix it",
        "benefits/stress.yml",
        "next_review_due: 2028-01-10",
        "next_review_due: 2026-11-01",
        [
            "content/benefits/stress.yml:30:20: error in 'review.next_review_due': this "
            "page was due for review on 2026-11-01, 24 days ago\n"
            "    How to fix: review the "
            "page, then set last_reviewed to today's date (2026-11-25) and next_review_due "
            "to a date within 3 years (no later than 2029-11-25)",
        ],
    ),
    (
        "due for review within 60 days: a warning",
        "faq.yml",
        "next_review_due: 2028-01-10",
        "next_review_due: 2027-01-10",
        [
            "content/faq.yml:15:20: warning in 'review.next_review_due': this page is due "
            "for review on 2027-01-10, in 46 days\n"
            "    How to fix: plan the review; "
            "afterwards set last_reviewed to the date of the review and next_review_due to "
            "a date within 3 years",
        ],
    ),
]


CASES += [
    (
        "a clinic fact stated in an answer's own words",
        "faq.yml",
        "answer: Wear clothes that are easy to move in.",
        "answer: Wear loose clothes. We have a HICAPS terminal for claims.",
        [
            "content/faq.yml:12:37: error in 'groups[0].questions[1].answer': \"HICAPS\" "
            'states a fact about your clinic, in the sentence: "We have a HICAPS terminal for '
            'claims."\n'
            "    How to fix: say it once in content/clinic.yml and show it with 'clinic_facts' "
            "under an FAQ question (for example clinic_facts: [hicaps]), or write the sentence "
            "about clinics in general, without 'we' or 'our'",
        ],
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_rule_reports_what_to_fix(
    tmp_path: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    content = load(tmp_path, {file: edited(FILES[file], old, new)})
    assert shown(check_rules(content, RuleSettings(today=TODAY))) == expected


def stress_due_on(due: str) -> dict[str, str]:
    """The fixture with the stress page's next review due on `due`."""
    return {
        "benefits/stress.yml": edited(
            STRESS, "next_review_due: 2028-01-10", f"next_review_due: {due}"
        )
    }


def test_a_clinic_can_choose_to_be_only_warned_about_overdue_pages(tmp_path: Path) -> None:
    content = load(tmp_path, stress_due_on("2026-11-01"))
    problems = check_rules(content, RuleSettings(today=TODAY, overdue_is_error=False))
    assert [(p.severity, p.field, p.message) for p in problems] == [
        (
            Severity.WARNING,
            "review.next_review_due",
            "this page was due for review on 2026-11-01, 24 days ago",
        )
    ]
    assert check_rules(content, RuleSettings(today=TODAY))[0].severity is Severity.ERROR


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2026-11-24", [(Severity.ERROR, "this page was due for review on 2026-11-24, 1 day ago")]),
        ("2026-11-25", [(Severity.WARNING, "this page is due for review on 2026-11-25, today")]),
        (
            "2027-01-24",
            [(Severity.WARNING, "this page is due for review on 2027-01-24, in 60 days")],
        ),
        ("2027-01-25", []),
    ],
    ids=["a day late", "due today", "due in 60 days", "due in 61 days"],
)
def test_review_due_dates_around_today(
    tmp_path: Path, due: str, expected: list[tuple[Severity, str]]
) -> None:
    content = load(tmp_path, stress_due_on(due))
    problems = check_rules(content, RuleSettings(today=TODAY))
    assert [(p.severity, p.message) for p in problems] == expected


def test_due_soon_window_comes_from_the_settings(tmp_path: Path) -> None:
    content = load(tmp_path)  # every page is due on 2028-01-10, 411 days after TODAY
    problems = check_rules(content, RuleSettings(today=TODAY, due_soon_days=411))
    assert [(p.file, p.field, p.severity) for p in problems] == [
        ("content/benefits/stress.yml", "review.next_review_due", Severity.WARNING),
        ("content/faq.yml", "review.next_review_due", Severity.WARNING),
        ("content/safety.yml", "review.next_review_due", Severity.WARNING),
        ("content/clinic.yml", "privacy.review.next_review_due", Severity.WARNING),
        ("content/clinic.yml", "accessibility.review.next_review_due", Severity.WARNING),
    ]


def test_today_is_taken_from_the_settings_not_the_clock(tmp_path: Path) -> None:
    content = load(tmp_path)
    assert check_rules(content, RuleSettings(today=date(2026, 2, 1))) == []
    later = check_rules(content, RuleSettings(today=date(2028, 2, 1)))
    assert [(p.file, p.message) for p in later] == [
        ("content/benefits/stress.yml", "this page was due for review on 2028-01-10, 22 days ago"),
        ("content/faq.yml", "this page was due for review on 2028-01-10, 22 days ago"),
        ("content/safety.yml", "this page was due for review on 2028-01-10, 22 days ago"),
        ("content/clinic.yml", "this page was due for review on 2028-01-10, 22 days ago"),
        ("content/clinic.yml", "this page was due for review on 2028-01-10, 22 days ago"),
    ]
    earlier = check_rules(content, RuleSettings(today=date(2025, 12, 31)))
    assert [p.message for p in earlier] == [
        "the last review date 2026-01-10 is in the future (today is 2025-12-31)"
    ] * 5


def test_review_interval_limit_comes_from_the_settings(tmp_path: Path) -> None:
    # 2026-01-10 to 2028-01-10 is two years: fine at the default of 3, too long at 1.
    problems = check_rules(load(tmp_path), RuleSettings(today=TODAY, max_review_years=1))
    assert [p.message for p in problems] == [
        "the next review is due 2028-01-10, more than 1 year after the last review on 2026-01-10"
    ] * 5  # stress, the FAQ, the safety advice and both legal pages
    assert problems[0].hint == "set next_review_due to 2027-01-10 or earlier"


PROVEN = {
    "benefits/stress.yml": edited(
        STRESS, "Massage may help some people", "Massage is proven to help some people"
    )
}


def test_the_forbidden_list_can_be_replaced(tmp_path: Path) -> None:
    content = load(tmp_path, PROVEN)
    worry = ForbiddenPhrase(r"worr(?:y|ied)", 'write "anxious" (a house-style example)')
    problems = check_rules(content, RuleSettings(today=TODAY, forbidden=(worry,)))
    # "proven" is no longer on the list; "worry" is, in every text field it appears in.
    assert [(p.field, p.message.split(",")[0], p.hint) for p in sorted(problems)] == [
        ("description", '"worry" claims more than the research shows', worry.suggestion),
        ("summary", '"worried" claims more than the research shows', worry.suggestion),
        ("research[0].text", '"worry" claims more than the research shows', worry.suggestion),
    ]


def test_the_forbidden_list_can_be_extended(tmp_path: Path) -> None:
    content = load(tmp_path, PROVEN)
    extra = ForbiddenPhrase(r"steady", 'write "even"')
    problems = check_rules(
        content, RuleSettings(today=TODAY, forbidden=(*DEFAULT_FORBIDDEN, extra))
    )
    assert [(p.field, p.message.split(" claims")[0]) for p in sorted(problems)] == [
        ("summary", '"proven"'),
        ("session", '"steady"'),
    ]


def test_a_broken_forbidden_pattern_fails_when_the_settings_are_made() -> None:
    with pytest.raises(Exception, match="missing"):
        ForbiddenPhrase(r"cure(", "never built")


def test_reading_thresholds_come_from_the_settings(tmp_path: Path) -> None:
    content = load(tmp_path)
    strict = RuleSettings(today=TODAY, max_grade=1.0, max_sentence_words=16)
    problems = sorted(check_rules(content, strict))
    # The FAQ fixture reads below grade 1 (see the report test), so only the stress page fails.
    assert [(p.file, p.field, p.message.split(":")[0]) for p in problems] == [
        (
            "content/benefits/stress.yml",
            "summary",
            "this page reads at school grade 3.4 (Flesch-Kincaid); it should be grade 1 or "
            "lower. The hardest sentence to read is here",
        ),
        (
            "content/benefits/stress.yml",
            "research[0].text",
            "this sentence has 17 words (at most 16)",
        ),
    ]


def test_readability_report_gives_each_page_its_grade(tmp_path: Path) -> None:
    assert readability_report(load(tmp_path)) == [
        PageReadability(
            name="Massage for stress",
            file="content/benefits/stress.yml",
            grade=3.4,
            ease=84.2,
            longest_sentence=17,
        ),
        # Very short, plain sentences: the formula goes below zero, as Flesch-Kincaid can.
        PageReadability(
            name="Common questions",
            file="content/faq.yml",
            grade=-0.1,
            ease=107.9,
            longest_sentence=16,
        ),
        PageReadability(
            name="Safety advice",
            file="content/safety.yml",
            grade=0.9,
            ease=95.4,
            longest_sentence=5,
        ),
    ]


def test_the_grade_in_an_error_is_the_grade_in_the_report(tmp_path: Path) -> None:
    hard = edited(STRESS, "A later trial found a smaller effect.", " ".join([HARD_WORDS] * 3))
    content = load(tmp_path, {"benefits/stress.yml": hard})
    page = readability_report(content)[0]
    assert page.grade > 8.0
    assert page.ease < 60
    (problem,) = check_rules(content, RuleSettings(today=TODAY))
    assert f"school grade {page.grade:.1f} " in problem.message


def test_every_rule_reports_in_the_same_run(tmp_path: Path) -> None:
    stress = edited(STRESS, "Massage may help some people", "Massage is proven to help some people")
    stress = edited(stress, "Your therapist uses slow, steady strokes.", LONG_SENTENCE)
    stress = edited(stress, "next_review_due: 2028-01-10", "next_review_due: 2026-11-01")
    faq = edited(FAQ, "citations: [nice2020]", "citations: [smith2020]")
    content = load(tmp_path, {"benefits/stress.yml": stress, "faq.yml": faq})
    problems = sorted(check_rules(content, RuleSettings(today=TODAY)))
    assert [(p.file, p.field, p.message[:30]) for p in problems] == [
        ("content/benefits/stress.yml", "summary", '"proven" claims more than the '),
        ("content/benefits/stress.yml", "session", "this sentence has 33 words (at"),
        ("content/benefits/stress.yml", "review.next_review_due", "this page was due for review o"),
        ("content/references.yml", "nice2020", "the reference 'nice2020' is no"),
    ]


def test_the_example_site_passes_every_rule() -> None:
    # The fixture's own test date (conftest sets $HEALTHSITE_TODAY), so this is no time bomb.
    content = load_content(EXAMPLE_SITE / "content", EXAMPLE_SITE)
    problems = check_rules(content, RuleSettings(today=build_date()))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert errors == [], format_problems(errors)


def test_clinic_facts_in_general_words_pass(tmp_path: Path) -> None:
    """Only a sentence that speaks for the clinic ("we", "our") is a clinic fact."""
    general = "answer: Health funds look for a Diploma of Remedial Massage (HLT52021)."
    faq = edited(FAQ, "answer: Wear clothes that are easy to move in.", general)
    assert shown(check_rules(load(tmp_path, {"faq.yml": faq}), RuleSettings(today=TODAY))) == []


def test_an_answer_cannot_ask_for_a_fact_clinic_yml_does_not_state(tmp_path: Path) -> None:
    clinic = "\n".join(
        line
        for line in CLINIC.splitlines()
        if "qualifications:" not in line and "health_fund_provider:" not in line
    )
    faq = edited(
        FAQ,
        "answer: Wear clothes that are easy to move in.",
        "answer: Wear clothes that are easy to move in.\n"
        "        clinic_facts: [hicaps, qualifications, health_fund_providers]",
    )
    content = load(tmp_path, {"faq.yml": faq, "clinic.yml": clinic})
    assert shown(check_rules(content, RuleSettings(today=TODAY))) == [
        "content/faq.yml:13:32: error in 'groups[0].questions[1].clinic_facts[1]': no person "
        "in clinic.yml has 'qualifications'\n"
        "    How to fix: add 'qualifications:' to the people in content/clinic.yml",
        "content/faq.yml:13:48: error in 'groups[0].questions[1].clinic_facts[2]': no person "
        "in clinic.yml says whether health funds recognise them\n"
        "    How to fix: add 'health_fund_provider: true' (or false) to the people in "
        "content/clinic.yml",
    ]


def test_the_clinics_own_words_on_the_legal_pages_meet_the_wording_and_spelling_rules(
    tmp_path: Path,
) -> None:
    clinic = edited(
        CLINIC,
        "  discloses_overseas: false\n",
        "  discloses_overseas: false\n"
        "  kept_for: for 7 years, guaranteed\n"
        "  collects:\n    - the color of your skin where it is bruised\n",
    )
    problems = check_rules(load(tmp_path, {"clinic.yml": clinic}), RuleSettings(today=TODAY))
    assert [(p.field, p.message.split(",")[0]) for p in problems] == [
        ("privacy.kept_for", '"guaranteed" claims more than the research shows'),
        ("privacy.collects[0]", '"color" is American spelling; Australian English writes "colour"'),
    ]


def test_a_published_legal_page_needs_its_block_and_one_turned_off_does_not(
    tmp_path: Path,
) -> None:
    content = load(tmp_path, {"clinic.yml": CLINIC[: CLINIC.index("privacy:\n")]})
    assert shown(check_rules(content, RuleSettings(today=TODAY))) == [
        "content/clinic.yml: error in 'accessibility': the site publishes the accessibility "
        "statement (/accessibility/), which needs the 'accessibility:' block in clinic.yml\n"
        "    How to fix: add the 'accessibility:' block (content/README.md, section 2, lists its "
        "fields), or turn the page off with 'accessibility_page: false' under the healthsite "
        "plugin in mkdocs.yml",
        "content/clinic.yml: error in 'privacy': the site publishes the privacy policy "
        "(/privacy/), which needs the 'privacy:' block in clinic.yml\n"
        "    How to fix: add the 'privacy:' block (content/README.md, section 2, lists its "
        "fields), or turn the page off with 'privacy_page: false' under the healthsite plugin "
        "in mkdocs.yml",
    ]
    assert check_rules(content, RuleSettings(today=TODAY, legal_pages=frozenset())) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Our therapists hold a Diploma.",
        "Our therapists are diploma qualified.",
        "All our therapists are recognised by health funds.",
        "We have a therapist with a Certificate IV.",
    ],
)
def test_clinic_facts_in_a_pages_own_words_are_refused(tmp_path: Path, sentence: str) -> None:
    faq = edited(FAQ, "answer: Wear clothes that are easy to move in.", f"answer: {sentence}")
    problems = check_rules(load(tmp_path, {"faq.yml": faq}), RuleSettings(today=TODAY))
    assert len(problems) == 1
    assert "states a fact about your clinic" in problems[0].message


def test_a_clinic_fact_in_the_health_funds_note_is_refused(tmp_path: Path) -> None:
    clinic = yaml.safe_load(FILES["clinic.yml"])
    clinic["health_funds"]["note"] = "All our therapists are recognised by health funds."
    content = load(tmp_path, {"clinic.yml": yaml.safe_dump(clinic, sort_keys=False)})
    problems = check_rules(content, RuleSettings(today=TODAY))
    assert [(p.file, p.field) for p in problems] == [("content/clinic.yml", "health_funds.note")]
    assert "states a fact about your clinic" in problems[0].message


def test_a_clinic_fact_in_a_hand_written_page_is_refused_at_its_column(tmp_path: Path) -> None:
    content = load(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text(
        "# About us\n\nCome and see us. We have a HICAPS terminal.\n\n"
        "Clinics with a HICAPS terminal let you claim on the spot.\n",
        encoding="utf-8",
    )
    problems = check_rules(content, RuleSettings(today=TODAY), (docs, tmp_path))
    facts = [p for p in problems if "states a fact about your clinic" in p.message]
    # The sentence about clinics in general (no "we" or "our") is left alone.
    assert [(p.file, p.line, p.column) for p in facts] == [("docs/about.md", 3, 28)]
    assert "{{ health_funds() }}" in facts[0].hint


def test_a_clinic_fact_written_with_markdown_is_placed_at_the_fact(tmp_path: Path) -> None:
    content = load(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text(
        "# About us\n\nBook now. We accept **HICAPS** here.\n", encoding="utf-8"
    )
    problems = check_rules(content, RuleSettings(today=TODAY), (docs, tmp_path))
    facts = [p for p in problems if "states a fact about your clinic" in p.message]
    assert [(p.line, p.column) for p in facts] == [(3, 23)]
