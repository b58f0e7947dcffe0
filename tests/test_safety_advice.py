"""One source of safety advice: content/safety.yml, referenced by id from every page.

Table-driven like the other content tests: each row edits one file of the fixture content
(tests/fixtures/content) and pins the whole message staff read. The build test at the end shows
the same advice rendered word for word on a benefit page, the FAQ and the safety page.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.commands.cli import main
from healthsite.model.loader import load_content
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.safety_advice import ConditionWords
from healthsite.site_checks.html_tools import Element, Page, read_page
from healthsite.source.errors import ContentErrors, format_problems

from .conftest import FIXTURE_CONTENT, TODAY, build, build_on_fixed_date, copy_project

SAFETY = (FIXTURE_CONTENT / "safety.yml").read_text(encoding="utf-8")
STRESS = (FIXTURE_CONTENT / "benefits" / "stress.yml").read_text(encoding="utf-8")
BACK = (FIXTURE_CONTENT / "benefits" / "back-pain.yml").read_text(encoding="utf-8")
FAQ = (FIXTURE_CONTENT / "faq.yml").read_text(encoding="utf-8")
IDS = (
    "emergency, cauda-equina, leg-clot, after-injury, sudden-headache, blood-thinners, "
    "pregnancy, broken-skin"
)


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"the fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def content_with(tmp_path: Path, file: str, text: str) -> Path:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    (tmp_path / "content" / file).write_text(text, encoding="utf-8")
    return tmp_path / "content"


LOAD_CASES: list[tuple[str, str, str, str]] = [
    (
        "a benefit page names an id safety.yml does not have",
        "benefits/stress.yml",
        edited(STRESS, "  - blood-thinners\n", "  - blood-thiners\n"),
        "content/benefits/stress.yml:23:5: error in 'cautions[0]': 'blood-thiners' is not an "
        "id in safety.yml\n"
        "    How to fix: did you mean 'blood-thinners'? Add it to content/safety.yml or fix the "
        f"id; ids there: {IDS}",
    ),
    (
        "a benefit page keeps its own sentence instead of an id",
        "benefits/stress.yml",
        edited(STRESS, "  - pregnancy\n", "  - Tell your therapist if you are pregnant.\n"),
        "content/benefits/stress.yml:24:5: error in 'cautions[1]': 'Tell your therapist if you "
        "are pregnant.' is not an id in safety.yml\n"
        "    How to fix: write the id of an entry in content/safety.yml instead of your own "
        "words, so every page gives the same advice (add a new entry there if none fits); ids "
        f"there: {IDS}",
    ),
    (
        "an FAQ question names an unknown id",
        "faq.yml",
        edited(FAQ, "safety: [blood-thinners, leg-clot]", "safety: [blood-thinners, leg-clots]"),
        "content/faq.yml:24:34: error in 'groups[1].questions[1].safety[1]': 'leg-clots' is not "
        "an id in safety.yml\n"
        "    How to fix: did you mean 'leg-clot'? Add it to content/safety.yml or fix the id; "
        f"ids there: {IDS}",
    ),
    (
        "two entries share an id",
        "safety.yml",
        edited(SAFETY, "  - id: sudden-headache\n", "  - id: leg-clot\n"),
        "content/safety.yml:24:9: error in 'red_flags[4].id': the id 'leg-clot' is used twice "
        "in safety.yml (first on line 17)\n"
        "    How to fix: give each entry its own id, or merge the two entries",
    ),
    (
        "two entries list the same word",
        "safety.yml",
        edited(SAFETY, "words: [open wound, open wounds]", "words: [open wound, Warfarin]"),
        "content/safety.yml:40:25: error in 'cautions[2].words[1]': the word 'Warfarin' is "
        "already listed for 'blood-thinners'\n"
        "    How to fix: list each word for one entry only, so a page that uses it can be told "
        "which advice to reference",
    ),
    (
        "an entry cites a reference that does not exist",
        "safety.yml",
        edited(SAFETY, "citations: [healthdirect-back-pain]", "citations: [nice-ng95]"),
        "content/safety.yml:15:17: error in 'red_flags[1].citations[0]': the citation "
        "'nice-ng95' is not in references.yml\n"
        "    How to fix: did you mean 'nice-ng59'? Add the reference to content/references.yml "
        "or fix the key",
    ),
    (
        "a tier that does not exist",
        "safety.yml",
        edited(SAFETY, "tier: doctor-today", "tier: doctor-todya"),
        "content/safety.yml:18:11: error in 'red_flags[2].tier': 'doctor-todya' is not one of "
        "the allowed values\n"
        "    How to fix: did you mean 'doctor-today'? Write one of: call-000, doctor-today, "
        "doctor-soon",
    ),
    (
        "a caution in a red-flag tier",
        "safety.yml",
        edited(SAFETY, "tier: tell-therapist", "tier: doctor-today"),
        "content/safety.yml:35:11: error in 'cautions[1].tier': 'doctor-today' is not one of the "
        "allowed values\n"
        "    How to fix: did you mean 'doctor-first'? Write one of: doctor-first, see-gp-too, "
        "tell-therapist, no-massage",
    ),
]


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [case[1:] for case in LOAD_CASES],
    ids=[case[0] for case in LOAD_CASES],
)
def test_safety_mistakes_are_reported_where_they_are(
    tmp_path: Path, file: str, text: str, expected: str
) -> None:
    with pytest.raises(ContentErrors) as caught:
        load_content(content_with(tmp_path, file, text), tmp_path)
    assert caught.value.format() == expected + "\nContent check: 1 error."


def test_safety_file_is_required(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    (tmp_path / "content" / "safety.yml").unlink()
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path / "content", tmp_path)
    assert caught.value.format() == (
        "content/safety.yml: error: this file is missing\n"
        "    How to fix: create content/safety.yml (see content/README.md for its fields)\n"
        "Content check: 1 error."
    )


RULE_CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a benefit page words its own advice in the session",
        "benefits/stress.yml",
        edited(STRESS, "  - You can ask for less pressure", "  - Tell us if you take warfarin."),
        [
            "content/benefits/stress.yml:21:5: error in 'session': \"warfarin\" is covered by "
            "the safety advice 'blood-thinners' in content/safety.yml; write it once there, not "
            'here, in the sentence: "Tell us if you take warfarin."\n'
            "    How to fix: delete your own wording and add 'blood-thinners' to this page's "
            "cautions; the page then shows the advice as every other page does",
        ],
    ),
    (
        "the words match across a line break and in any case",
        "benefits/stress.yml",
        edited(
            STRESS,
            "  It is not a treatment for anxiety or depression on its own.",
            "  It is not a treatment for anxiety or depression on its own. Chest\n"
            "  Pain needs 000.",
        ),
        [
            "content/benefits/stress.yml:7:63: error in 'summary': \"Chest Pain\" is covered "
            "by the safety advice 'emergency' in content/safety.yml; write it once there, not "
            'here, in the sentence: "Chest Pain needs 000."\n'
            "    How to fix: delete your own wording: the page's 'When to see a doctor' box "
            "already shows 'emergency'",
        ],
    ),
    (
        "an FAQ answer gives its own advice about a red flag",
        "faq.yml",
        edited(
            FAQ,
            "answer: Some people should see a doctor before a massage.",
            "answer: Some people should see a doctor first. A swollen leg needs a doctor soon.",
        ),
        [
            "content/faq.yml:23:56: error in 'groups[1].questions[1].answer': \"swollen leg\" "
            "is covered by the safety advice 'leg-clot' in content/safety.yml; write it once "
            'there, not here, in the sentence: "A swollen leg needs a doctor soon."\n'
            "    How to fix: delete your own wording and add 'leg-clot' to this question's safety "
            "list (safety: [leg-clot]); the advice is then shown after the answer",
        ],
    ),
    (
        "a caution's note names another condition",
        "benefits/back-pain.yml",
        edited(
            BACK,
            "note: Your therapist will work around the area instead.",
            "note: Tell us about open wounds and blood thinners.",
        ),
        [
            "content/benefits/back-pain.yml:18:11: error in 'cautions[1].note': \"blood "
            "thinners\" is covered by the safety advice 'blood-thinners' in content/safety.yml; "
            'write it once there, not here, in the sentence: "Tell us about open wounds and '
            'blood thinners."\n'
            "    How to fix: delete your own wording and add 'blood-thinners' to this page's "
            "cautions; the page then shows the advice as every other page does",
        ],
    ),
    (
        "a research claim may name a condition: it reports, it does not advise",
        "benefits/stress.yml",
        edited(
            STRESS,
            "eased worry and low mood.",
            "eased worry and low mood, even in people who took warfarin.",
        ),
        [],
    ),
    (
        "a word inside another word is not a mention",
        "benefits/stress.yml",
        edited(STRESS, "ask about your health first.", "ask about your gallbladders first."),
        [],
    ),
]


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [case[1:] for case in RULE_CASES],
    ids=[case[0] for case in RULE_CASES],
)
def test_a_page_may_not_word_its_own_safety_advice(
    tmp_path: Path, file: str, text: str, expected: list[str]
) -> None:
    content = load_content(content_with(tmp_path, file, text), tmp_path)
    problems = check_rules(content, RuleSettings(today=date.fromisoformat(TODAY)))
    assert [p.format() for p in sorted(problems)] == expected


def check(project: Path) -> int:
    return main(["--root", str(project), "check"])


def test_hand_written_pages_may_not_word_their_own_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    (project / "docs" / "extra.md").write_text(
        "---\ndescription: Blood thinners in the front matter are not advice.\n---\n\n"
        "# Blood thinners\n\n"
        "Massage is gentle. If you take a blood thinner, ask us first.\n\n"
        '{{ safety_cautions("blood-thinners") }}\n\n'
        "```\nwarfarin in code is not prose\n```\n\n"
        '{{ red_flags("leg-clot", "pregnancy") }} {{ safety_cautions("blood-thinerz") }}\n',
        encoding="utf-8",
    )
    assert check(project) == 1
    assert capsys.readouterr().err.splitlines()[:7] == [
        'docs/extra.md:7:34: error: "blood thinner" is covered by the safety advice '
        "'blood-thinners' in content/safety.yml; write it once there, not here, in the "
        'sentence: "If you take a blood thinner, ask us first."',
        '    How to fix: delete your own wording and show the advice with {{ safety_cautions("'
        'blood-thinners") }}',
        "docs/extra.md:15:26: error: 'pregnancy' is not an id of the red flags in "
        "content/safety.yml",
        "    How to fix: Use one of: emergency, cauda-equina, leg-clot, after-injury, "
        "sudden-headache",
        "docs/extra.md:15:61: error: 'blood-thinerz' is not an id of the cautions in "
        "content/safety.yml",
        "    How to fix: did you mean 'blood-thinners'? Use one of: blood-thinners, pregnancy, "
        "broken-skin",
        "Content check: 3 errors.",
    ]


def advice(page: Page) -> dict[str, Element]:
    """Each piece of safety advice on a page, by id, as its parsed element (tag, attributes,
    text and children: two are equal only when their HTML says the same thing)."""
    found: dict[str, Element] = {}
    for item in page.find("li"):
        if "data-advice" in item.attrs:
            # The same advice twice on a page (in an answer and in the red-flag block) is fine,
            # as long as it is the same.
            assert found.setdefault(item.attrs["data-advice"], item) == item
    return found


def inside(element: Element, tag: str, css_class: str | None = None) -> list[Element]:
    """Elements under `element` with this tag (and class)."""
    found = []
    for child in element.children:
        if child.tag == tag and (css_class is None or css_class in child.classes):
            found.append(child)
        found += inside(child, tag, css_class)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("safety") / "project", FIXTURE_CONTENT)
    (project / "docs" / "safety.md").write_text(
        "---\ndescription: How to use this site safely, and when to see a doctor instead of us.\n"
        "---\n\n# Safety\n\n{{ when_to_see_a_doctor() }}\n\n{{ safety_cautions() }}\n\n"
        '{{ red_flags("sudden-headache") }}\n',
        encoding="utf-8",
    )
    return build_on_fixed_date(project)


def test_the_same_advice_is_rendered_identically_everywhere(site: Path) -> None:
    stress = advice(read_page(site / "benefits" / "stress" / "index.html"))
    faq = advice(read_page(site / "faq" / "index.html"))
    safety = advice(read_page(site / "safety" / "index.html"))
    # A caution on a benefit page, in an FAQ answer and on the safety page: the same HTML.
    assert stress["blood-thinners"] == faq["blood-thinners"] == safety["blood-thinners"]
    assert stress["blood-thinners"].text == "take medicine to thin your blood, or bleed easily"
    # The red flags of the "when to see a doctor" block, with their sources, on every page.
    for flag in ("emergency", "cauda-equina", "leg-clot", "after-injury"):
        assert stress[flag] == faq[flag] == safety[flag], flag
    assert " ".join(stress["cauda-equina"].text.split()) == (
        "back pain with new trouble controlling your bladder or bowels (source: healthdirect)"
    )
    assert [a.attrs["href"] for a in inside(stress["cauda-equina"], "a")] == [
        "https://www.healthdirect.gov.au/back-pain-symptoms"
    ]
    # A sign meant only for the pages that ask for it is not in every page's block.
    assert "sudden-headache" not in stress and "sudden-headache" not in faq
    assert safety["sudden-headache"].text == "a sudden, very bad headache"


def test_advice_is_grouped_under_its_tier_most_urgent_first(site: Path) -> None:
    back = read_page(site / "benefits" / "back-pain" / "index.html")
    cautions = back.find("div", class_="hs-cautions")[0]
    leads = [" ".join(p.text.split()) for p in inside(cautions, "p", "hs-advice-lead")]
    assert leads == [
        "See your doctor before you have a massage if you:",
        "We will not massage:",
    ]
    note = inside(cautions, "span", "hs-advice-note")
    assert [n.text for n in note] == ["Your therapist will work around the area instead."]
    block = back.find("div", class_="hs-see-doctor")[0]
    assert [" ".join(p.text.split()) for p in inside(block, "p", "hs-advice-lead")] == [
        "Call 000 for an ambulance, or go to the nearest emergency department, now if you have:",
        "See a doctor straight away, today, if you have:",
        "See a doctor soon, before you book a massage, if you have:",
    ]
    # The page lists 'after-injury' in its warning_signs, and every page shows it: once.
    assert [li.attrs["data-advice"] for li in inside(block, "li")] == [
        "emergency",
        "cauda-equina",
        "leg-clot",
        "after-injury",
    ]


def test_an_unknown_id_in_a_macro_stops_the_build(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "index.md").write_text('# Home\n\n{{ red_flags("nope") }}\n')
    assert build(project) == 1
    err = capfd.readouterr().err
    assert "docs/index.md:3:14: error: 'nope' is not an id of the red flags" in err
    assert not (project / "site").exists()


def test_safety_file_is_checked_like_a_health_page(tmp_path: Path) -> None:
    text = edited(SAFETY, "text: pain after a fall, accident or injury", "text: a miracle")
    content = load_content(content_with(tmp_path, "safety.yml", text), tmp_path)
    problems = check_rules(content, RuleSettings(today=date.fromisoformat(TODAY)))
    assert format_problems(problems).splitlines()[0] == (
        "content/safety.yml:23:11: error in 'red_flags[3].text': \"miracle\" claims more than "
        'the research shows, in the sentence: "a miracle"'
    )


def test_condition_words_written_with_unusual_letters_are_found_not_a_crash() -> None:
    """Case-insensitive matching finds "chest pa\\u0131n" (dotless i) and "\\u017fwollen leg"
    (long s); each must name its entry, not stop the check with a traceback."""
    safety = load_content(FIXTURE_CONTENT, FIXTURE_CONTENT.parent).safety
    found = ConditionWords(safety).mentions(
        "If you have chest pa\u0131n, stop. A \u017fwollen leg too."
    )
    assert [(m.words, m.id) for m in found] == [
        ("chest pa\u0131n", "emergency"),
        ("\u017fwollen leg", "leg-clot"),
    ]


def test_a_page_that_opens_with_a_rule_is_read_as_text_not_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first line '---' that nothing closes is a horizontal rule (as MkDocs reads it), so
    the lines after it are prose that the safety and spelling rules still read."""
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    (project / "docs" / "extra.md").write_text(
        "---\n\n# Notes\n\nIf you take a blood thinner, ask us first. Our color scheme.\n",
        encoding="utf-8",
    )
    assert check(project) == 1
    err = capsys.readouterr().err
    assert 'docs/extra.md:5:15: error: "blood thinner" is covered by the safety advice' in err
    assert 'docs/extra.md:5:48: error: "color" is American spelling' in err
