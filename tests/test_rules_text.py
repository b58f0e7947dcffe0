"""The pieces under the health-content rules: the sentence splitter, the default forbidden
wording and the readability formulas, each pinned on small examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthsite.rules import DEFAULT_FORBIDDEN
from healthsite.rules.plain_text import sentences
from healthsite.rules.readability import (
    flesch_kincaid_grade,
    flesch_reading_ease,
    measure,
    syllable_count,
    words,
)
from healthsite.rules.wording import find_overclaims


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("One. Two words! Three? Four", ["One.", "Two words!", "Three?", "Four"]),
        ("It costs 2.5 dollars. Fine.", ["It costs 2.5 dollars.", "Fine."]),
        ('She said "stop." Then left.', ['She said "stop."', "Then left."]),
        ("Wrapped over\ntwo lines.", ["Wrapped over two lines."]),
        ("First paragraph\n\nsecond paragraph", ["First paragraph", "second paragraph"]),
        ("Intro:\n- one item\n- two\n  continued", ["Intro:", "one item", "two continued"]),
        ("1. first\n2) second", ["first", "second"]),
        ("## A heading\nText.", ["A heading", "Text."]),
        ("> Quoted text.", ["Quoted text."]),
        ("**Bold**, *it*, __b__ and _i_ and `code`.", ["Bold, it, b and i and code."]),
        ("See [the NHS page](https://www.nhs.uk/) now.", ["See the NHS page now."]),
        ("Mail <mailto:a@example.org> today.", ["Mail mailto:a@example.org today."]),
        ("snake_case_word stays.", ["snake_case_word stays."]),
        ("a_b_ and **_nested_** marks.", ["a_b_ and nested marks."]),
        ("", []),
    ],
)
def test_sentence_splitter(markdown: str, expected: list[str]) -> None:
    assert sentences(markdown) == expected


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(WORD, min_size=1, max_size=30),
    st.sampled_from([".", "!", "?"]),
)


# No deadline (hypothesis's default is 200 ms an example): a loaded machine is not a failure.
@settings(deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=8), st.sampled_from([" ", "\n", "  "]))
def test_sentences_joined_in_a_paragraph_split_back_exactly(written: list[str], gap: str) -> None:
    # A line break inside a paragraph is wrapping, not a sentence end: only the punctuation counts.
    assert sentences(gap.join(written)) == written


@settings(deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=10), min_size=1, max_size=8))
def test_each_list_item_is_a_sentence_even_without_a_full_stop(items: list[list[str]]) -> None:
    markdown = "\n".join("- " + " ".join(words) for words in items)
    assert sentences(markdown) == [" ".join(words) for words in items]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Massage is proven to help.", ["proven"]),
        ("Research proves it. Studies prove it.", ["proves", "prove"]),
        ("It cures pain. It is a cure. I was cured.", ["cures", "cure", "cured"]),
        ("We guarantee it. Results guaranteed.", ["guarantee", "guaranteed"]),
        ("Massage boosts immunity.", ["boosts immunity"]),
        ("It can boost your immune system.", ["boost your immune system"]),
        ("Boosting the immune system is claimed.", ["Boosting the immune system"]),
        ("An immune-boosting massage.", ["immune-boosting"]),
        ("A detox session. Detoxify now.", ["detox", "Detoxify"]),
        ("A MIRACLE treatment.", ["MIRACLE"]),
        ("It works 100% of the time.", ["100%"]),
        ("It is risk-free. Quite risk free.", ["risk-free", "risk free"]),
        ("Massage heals joints.", ["heals"]),
        ("It may help heal you.", ["heal"]),
        # Not claims, or not the forbidden word at all:
        ("Your data is secure. Procure towels.", []),
        ("Sleep improved in one study. An approved provider.", []),
        ("Wounds that are still healing. A fracture that has healed.", []),
        ("A healthy habit. Health funds may pay.", []),
        ("One study had 100 people.", []),
        ("Some immune cells changed for a short time.", []),
        ("It may boost your mood.", []),
    ],
)
def test_default_forbidden_wording(text: str, flagged: list[str]) -> None:
    assert [claim.words for claim in find_overclaims(text, DEFAULT_FORBIDDEN)] == flagged


def test_each_forbidden_sentence_is_quoted_once_per_phrase() -> None:
    (claim,) = find_overclaims("It is proven, yes proven. Fine.", DEFAULT_FORBIDDEN)
    assert claim.sentence == "It is proven, yes proven."


def test_formulas_match_their_published_definitions() -> None:
    # 100 words, 5 sentences, 150 syllables: 0.39 * 20 + 11.8 * 1.5 - 15.59 = 9.91.
    assert flesch_kincaid_grade(100, 5, 150) == pytest.approx(9.91)
    # 206.835 - 1.015 * 20 - 84.6 * 1.5 = 59.635.
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(59.635)
    assert flesch_kincaid_grade(0, 0, 0) == 0.0


# The counts and grades of textstat 0.7.4 (en_US, unrounded), which the rule used to count with:
# a page's grade must not move because the counting moved into the rule.
@pytest.mark.parametrize(
    ("sentence", "word_count", "syllables"),
    [
        ("Massage may ease pain for a short time.", 8, 9),
        ("Tell your therapist if you bleed easily.", 7, 11),
        (
            "Several good trials found a short-term benefit for people with knee osteoarthritis.",
            12,
            21,
        ),
        ("Don't stop; it's well-known, e.g. in 2.5% of cases.", 9, 11),
        ("Naïve café — “quotes”", 3, 3),
        ("snake_case words", 2, 3),
        ("!!! ---", 0, 0),
    ],
)
def test_words_and_syllables_are_counted_as_textstat_counted_them(
    sentence: str, word_count: int, syllables: int
) -> None:
    assert len(words(sentence)) == word_count
    assert syllable_count(sentence) == syllables


@pytest.mark.parametrize(
    ("paragraph", "textstat_grade"),
    [
        (
            "Massage may ease pain for a short time. The benefit tends to fade over months.",
            1.495,
        ),
        (
            "Tell your therapist if you bleed easily. See a doctor first about any blood clot.",
            3.0683333,
        ),
        (
            "Several good trials found a short-term benefit for people with knee osteoarthritis.",
            9.74,
        ),
    ],
)
def test_grade_agrees_with_textstat_on_plain_prose(paragraph: str, textstat_grade: float) -> None:
    # Where textstat's own sentence count was reliable (plain sentences, no lists), the grade
    # equals its unrounded Flesch-Kincaid grade with the same dictionary.
    measured = measure(("summary",), paragraph)
    grade = flesch_kincaid_grade(
        sum(s.words for s in measured), len(measured), sum(s.syllables for s in measured)
    )
    assert grade == pytest.approx(textstat_grade)
