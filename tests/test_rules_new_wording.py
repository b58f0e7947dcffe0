"""Wording added for issue 10: outcome testimonials and promises that a benefit lasts or comes
at once, and Australian spelling. One row per phrase or spelling, with the exact message staff
read, and the honest sentences that must still pass."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.commands.cli import main
from healthsite.model.loader import SiteContent, load_content
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.spelling import australian_spellings, find_american_spellings

from .conftest import FIXTURE_CONTENT, TODAY, copy_project

SETTINGS = RuleSettings(today=date.fromisoformat(TODAY))

TESTIMONIAL = (
    "this reads as a testimonial about results: registered health practitioners may not "
    "advertise with testimonials (Health Practitioner Regulation National Law, s 133), and for "
    "massage therapists one client's result, shown as what others can expect, can mislead, "
    "which the Australian Consumer Law (s 18 and s 29) and the National Code of Conduct for "
    'health care workers forbid; say what research found instead, for example "in one trial, '
    'massage eased back pain for some people for a few weeks"'
)
LASTING = (
    "in trials the benefits of massage faded after the sessions stopped: say how long they "
    'lasted, for example "massage may ease back pain for a few weeks"'
)
RID = (
    'massage may ease symptoms but does not remove their cause: write "may ease", for example '
    '"massage may ease neck pain for a while"'
)
INSTANT = (
    "effects differ from person to person and are usually modest: write what people may feel, "
    'for example "you may feel more relaxed after a session"'
)


@pytest.fixture(scope="module")
def content() -> SiteContent:
    return load_content(FIXTURE_CONTENT, FIXTURE_CONTENT.parent)


def docs_problems(tmp_path: Path, content: SiteContent, page: str) -> list[str]:
    """What the rules say about a hand-written page holding `page`."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "extra.md").write_text(page, encoding="utf-8")
    problems = check_rules(content, SETTINGS, (tmp_path / "docs", tmp_path))
    return [p.format() for p in sorted(problems)]


PHRASES: list[tuple[str, int, str, str]] = [
    ("Five stars from our clients.", 1, "Five stars", TESTIMONIAL),
    ("Rated 5-star by locals.", 7, "5-star", TESTIMONIAL),
    ("Massage fixed my back in one session.", 9, "fixed my back", TESTIMONIAL),
    # A testimonial, not a claim of a cure: one message, the testimonial's.
    ("Sam cured my headaches.", 5, "cured my headaches", TESTIMONIAL),
    ("It changed my life.", 4, "changed my life", TESTIMONIAL),
    ("A life-changing treatment.", 3, "life-changing", TESTIMONIAL),
    ("My pain is gone after one visit.", 1, "My pain is gone", TESTIMONIAL),
    ("I feel like a new person.", 3, "feel like a new person", TESTIMONIAL),
    ("Best massage ever!", 1, "Best massage ever", TESTIMONIAL),
    ("Your back pain will be gone for good.", 29, "for good", LASTING),
    ("Say goodbye to pain once and for all.", 21, "once and for all", LASTING),
    ("Permanently fix your posture.", 1, "Permanently", LASTING),
    ("Enjoy permanent relief.", 7, "permanent relief", LASTING),
    ("Get rid of knots in your neck.", 1, "Get rid of", RID),
    ("Massage gets rid of stress.", 9, "gets rid of", RID),
    ("Feel instant relief from pain.", 6, "instant relief", INSTANT),
    ("It instantly eases tension.", 4, "instantly eases", INSTANT),
]


@pytest.mark.parametrize("case", PHRASES, ids=[p[0] for p in PHRASES])
def test_each_new_phrase_is_refused_with_a_hedged_suggestion(
    tmp_path: Path, content: SiteContent, case: tuple[str, int, str, str]
) -> None:
    sentence, column, words, hint = case
    assert docs_problems(tmp_path, content, sentence + "\n") == [
        f'docs/extra.md:1:{column}: error: "{words}" claims more than the research shows, in '
        f'the sentence: "{sentence}"\n    How to fix: {hint}'
    ]


HONEST = [
    "Massage will not get rid of arthritis.",
    "There is no instant relief.",
    "Massage is not a permanent fix.",
    "Eat well for good health.",
    "For good reason, we ask about your health first.",
    "We never show five stars or reviews.",
    "It is good for some people, not for everyone.",
    "A permanent staff member will call you back.",
]


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_sentences_still_pass(tmp_path: Path, content: SiteContent, sentence: str) -> None:
    assert docs_problems(tmp_path, content, sentence + "\n") == []


SPELLING_HINT = (
    'write "{0}" (if it is a name or a quotation that must keep its spelling, add the word to '
    "allowed_spellings under the healthsite plugin in mkdocs.yml)"
)

SPELLINGS: list[tuple[str, int, str, str]] = [
    ("The trial was randomized.", 15, "randomized", "randomised"),
    ("Color matters to us.", 1, "Color", "Colour"),
    ("Press on the center of the knot.", 14, "center", "centre"),
    ("We analyze how you move.", 4, "analyze", "analyse"),
    ("Ask about our pediatric care.", 15, "pediatric", "paediatric"),
    ("Some swelling (edema) may follow.", 16, "edema", "oedema"),
    ("Ask the counselor.", 9, "counselor", "counsellor"),
    ("A fall. Aging muscles tire.", 9, "Aging", "Ageing"),
]


@pytest.mark.parametrize("case", SPELLINGS, ids=[s[2] for s in SPELLINGS])
def test_american_spellings_get_the_australian_one(
    tmp_path: Path, content: SiteContent, case: tuple[str, int, str, str]
) -> None:
    sentence, column, american, australian = case
    assert docs_problems(tmp_path, content, "# Title\n\n" + sentence + "\n") == [
        f'docs/extra.md:3:{column}: error: "{american}" is American spelling; Australian English '
        f'writes "{australian}"\n    How to fix: ' + SPELLING_HINT.format(australian)
    ]


NOT_CHECKED = [
    "See https://example.org/color-center and `color` in code.",
    "[Our centre](https://example.org/center) is open.",
    "Write to color@example.org today.",
    "The World Health Organization says so.",
    "Our program is run by licensed therapists in private practice.",
    "The groin and the calf; a filter; a fetus.",
    '<span class="center">Centre</span> {{ reference_list("color") }} { .center }',
    "```\ncolor = center\n```",
    "The NCAA and COLOR are acronyms.",
]


@pytest.mark.parametrize("page", NOT_CHECKED)
def test_addresses_code_names_and_australian_words_are_not_flagged(
    tmp_path: Path, content: SiteContent, page: str
) -> None:
    assert docs_problems(tmp_path, content, page + "\n") == []


def test_content_fields_are_checked_at_their_line(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    stress = tmp_path / "content" / "benefits" / "stress.yml"
    stress.write_text(
        stress.read_text().replace(
            "  It is not a treatment for anxiety", "  It is not a treatment for the behavior of"
        )
    )
    refs = tmp_path / "content" / "references.yml"
    # A reference's title keeps the journal's spelling.
    refs.write_text(refs.read_text().replace("of massage and usual care", "of randomized care"))
    content = load_content(tmp_path / "content", tmp_path)
    assert [p.format() for p in sorted(check_rules(content, SETTINGS))] == [
        "content/benefits/stress.yml:7:33: error in 'summary': \"behavior\" is American "
        'spelling; Australian English writes "behaviour"\n'
        "    How to fix: " + SPELLING_HINT.format("behaviour")
    ]


def test_a_clinic_can_allow_a_spelling_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    (project / "docs" / "extra.md").write_text(
        "---\ndescription: A page that names the Color Me Calm spa and a center.\n---\n\n"
        "# Extra\n\nColor Me Calm is next door, near the center.\n",
        encoding="utf-8",
    )
    check = ["--root", str(project), "check"]
    assert main(check) == 1
    assert capsys.readouterr().err.count("is American spelling") == 3
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      overdue_review: error",
            "      overdue_review: error\n      allowed_spellings: [Color, center]",
        )
    )
    assert main(check) == 0


def test_the_spelling_table_comes_from_breame_with_australian_exceptions() -> None:
    table = australian_spellings()
    assert len(table) > 1500  # the maintained list, not a hand-typed one
    assert table["randomized"] == "randomised"
    assert table["tranquilizer"] == "tranquilliser"  # -ise, as Australian English writes it
    assert "program" not in table and "licensed" not in table and "groin" not in table
    assert australian_spellings() is table  # built once


def test_spelling_check_is_linear_in_the_text() -> None:
    # Every word is one dictionary look-up: a long text gives one finding per American word.
    text = "The colour of the centre. The color of the center. " * 2000
    found = find_american_spellings(text)
    assert len(found) == 4000
    assert {(f.word, f.suggestion) for f in found} == {("color", "colour"), ("center", "centre")}
