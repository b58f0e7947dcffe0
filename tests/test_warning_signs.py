"""Warning signs: a page's "When to see a doctor" box, apart from its cautions.

A benefit or guide page lists the red flags of content/safety.yml its box adds in
`warning_signs`, and a benefit page's `cautions` ("Who should be careful") take cautions only;
safety.yml's `topics` make a page about a topic show that topic's warning signs. Each row edits
the fixture content (tests/fixtures/content) and pins the whole message staff read; the build
tests show the box, an FAQ answer with `all_warning_signs` and the docs macro on a built site.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.commands.cli import main
from healthsite.model.loader import load_content
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.topic_warning_signs import TopicWords
from healthsite.site_checks.html_tools import Element, Page, read_page, squash
from healthsite.source.errors import ContentErrors

from .conftest import FIXTURE_CONTENT, TODAY, build_on_fixed_date, copy_project
from .test_safety_advice import BACK, FAQ, IDS, SAFETY, STRESS

GUIDE = (FIXTURE_CONTENT / "guides" / "paying.yml").read_text(encoding="utf-8")
KINDS_HINT = (
    "    How to fix: a page lists cautions (who should be careful) under cautions, and the "
    "warning signs its 'When to see a doctor' box adds under warning_signs"
)
# The back-pain warning sign taken off every page: the clinic's edit the topic rule is for.
CAUDA_EQUINA_ON_ITS_PAGES = (
    "    topics: [back]\n",
    "    topics: [back]\n    on_every_page: false\n",
)


def edited(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, f"the fixture no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    for name, text in files.items():
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    return tmp_path / "content"


LOAD_CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "a warning sign listed among a benefit page's cautions",
        {"benefits/back-pain.yml": edited(BACK, ("  - blood-thinners\n", "  - sudden-headache\n"))},
        [
            "content/benefits/back-pain.yml:16:5: error in 'cautions[0]': 'sudden-headache' is a "
            "warning sign (a red flag in content/safety.yml); list it under warning_signs, and "
            "the page shows it in its 'When to see a doctor' box",
            KINDS_HINT,
        ],
    ),
    (
        "a warning sign every box shows, listed among a benefit page's cautions",
        {"benefits/back-pain.yml": edited(BACK, ("  - blood-thinners\n", "  - leg-clot\n"))},
        [
            "content/benefits/back-pain.yml:16:5: error in 'cautions[0]': 'leg-clot' is a "
            "warning sign (a red flag in content/safety.yml) that every page's 'When to see a "
            "doctor' box already shows",
            "    How to fix: delete it from this list; the page shows it in its box",
        ],
    ),
    (
        "a caution listed among a benefit page's warning signs",
        {
            "benefits/back-pain.yml": edited(
                BACK, ("warning_signs:\n  - after-injury\n", "warning_signs:\n  - pregnancy\n")
            )
        },
        [
            "content/benefits/back-pain.yml:20:5: error in 'warning_signs[0]': 'pregnancy' is "
            "a caution (in content/safety.yml), not a warning sign; list it under cautions, and "
            "the page shows it under 'Who should be careful'",
            KINDS_HINT,
        ],
    ),
    (
        "a caution listed among a guide page's warning signs",
        {
            "guides/paying.yml": edited(
                GUIDE, ("review:\n", "warning_signs:\n  - id: blood-thinners\nreview:\n")
            )
        },
        [
            "content/guides/paying.yml:20:5: error in 'warning_signs[0]': 'blood-thinners' is "
            "a caution (in content/safety.yml), not a warning sign; list it in the safety list "
            "of the section it belongs to, and the page shows it after that section's text",
            KINDS_HINT,
        ],
    ),
    (
        "an unknown id in warning_signs gets a did-you-mean",
        {
            "benefits/back-pain.yml": edited(
                BACK, ("warning_signs:\n  - after-injury\n", "warning_signs:\n  - after-injry\n")
            )
        },
        [
            "content/benefits/back-pain.yml:20:5: error in 'warning_signs[0]': 'after-injry' "
            "is not an id in safety.yml",
            "    How to fix: did you mean 'after-injury'? Add it to content/safety.yml or fix "
            f"the id; ids there: {IDS}",
        ],
    ),
    (
        "a warning sign names a topic safety.yml does not have",
        {"safety.yml": edited(SAFETY, ("    topics: [back]\n", "    topics: [bak]\n"))},
        [
            "content/safety.yml:16:14: error in 'red_flags[1].topics[0]': 'bak' is not the id "
            "of a topic in safety.yml",
            "    How to fix: did you mean 'back'? Use one of: back, head",
        ],
    ),
    (
        "safety advice that ends in a full stop (the page ends the sentence after its sources)",
        {"safety.yml": edited(SAFETY, ("or sudden weakness or numbness\n", "or numbness.\n"))},
        [
            "content/safety.yml:9:11: error in 'red_flags[0].text': leave out the full stop at "
            "the end: the page finishes the sentence itself, after the text and its sources",
        ],
    ),
    (
        "a topic id used twice",
        {"safety.yml": SAFETY + "  - id: back\n    name: lumbago\n    words: [lumbago]\n"},
        [
            "content/safety.yml:48:9: error in 'topics[2].id': the topic id 'back' is used "
            "twice in safety.yml (first on line 42)",
            "    How to fix: give each topic its own id, or merge the two topics",
        ],
    ),
    (
        "a word listed for two topics",
        {"safety.yml": edited(SAFETY, ("[headache, headaches, migraine]", "[headache, Sciatica]"))},
        [
            "content/safety.yml:47:23: error in 'topics[1].words[1]': the word 'Sciatica' is "
            "already listed for the topic 'back'",
            "    How to fix: list each word for one topic only",
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [case[1:] for case in LOAD_CASES],
    ids=[case[0] for case in LOAD_CASES],
)
def test_warning_sign_mistakes_are_reported_where_they_are(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    with pytest.raises(ContentErrors) as caught:
        load_content(content_with(tmp_path, files), tmp_path)
    assert caught.value.format().splitlines() == [*expected, "Content check: 1 error."]


def rule_problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    content = load_content(content_with(tmp_path, files), tmp_path)
    problems = check_rules(content, RuleSettings(today=date.fromisoformat(TODAY)))
    return [p.format() for p in sorted(problems)]


def about(page: str, topic: str, field: str, said: str, flag: str, *, at: str = "1:8") -> str:
    """The topic rule's message, at the field that names the topic (`at`: its line:column)."""
    return (
        f"content/{page}:{at}: error in '{field}': This page is about {topic} (its {field} says "
        f"'{said}'), so its 'When to see a doctor' box must show the warning sign '{flag}' of "
        f"content/safety.yml\n"
        f"    How to fix: add '{flag}' to this page's warning_signs"
    )


def test_a_back_pain_flag_taken_off_every_page_must_be_on_the_back_pain_page(
    tmp_path: Path,
) -> None:
    safety = edited(SAFETY, CAUDA_EQUINA_ON_ITS_PAGES)
    assert rule_problems(tmp_path / "off", {"safety.yml": safety}) == [
        about("benefits/back-pain.yml", "back pain", "title", "back pain", "cauda-equina")
    ]
    # Listing it in the page's warning_signs puts it in the box, and the error goes.
    back = edited(BACK, ("  - after-injury\n", "  - after-injury\n  - cauda-equina\n"))
    assert (
        rule_problems(tmp_path / "on", {"safety.yml": safety, "benefits/back-pain.yml": back}) == []
    )


def test_every_missing_warning_sign_of_every_topic_is_reported(tmp_path: Path) -> None:
    safety = edited(
        SAFETY,
        CAUDA_EQUINA_ON_ITS_PAGES,
        # A second back-pain sign, also only on the pages that list it.
        (
            "cautions:\n",
            "  - id: back-fever\n    tier: doctor-today\n    text: back pain with a fever\n"
            "    on_every_page: false\n    topics: [back]\ncautions:\n",
        ),
    )
    # The stress page's description now names headaches (in capitals: any case matches).
    stress = edited(STRESS, ("stress, worry and low mood", "stress, worry and HEADACHES"))
    # Words match whole: a guide about "backaches" or "migraines" names no topic.
    guide = edited(GUIDE, ("title: Paying for a massage", "title: Paying for migraines"))
    problems = rule_problems(
        tmp_path, {"safety.yml": safety, "benefits/stress.yml": stress, "guides/paying.yml": guide}
    )
    assert problems == [
        about("benefits/back-pain.yml", "back pain", "title", "back pain", "back-fever"),
        about("benefits/back-pain.yml", "back pain", "title", "back pain", "cauda-equina"),
        about(
            "benefits/stress.yml",
            "headaches",
            "description",
            "HEADACHES",
            "sudden-headache",
            at="4:14",
        ),
    ]


def test_a_guide_page_about_a_topic_shows_its_warning_signs_too(tmp_path: Path) -> None:
    guide = edited(GUIDE, ("nav_title: Paying", "nav_title: Paying for sciatica"))
    assert rule_problems(tmp_path / "a", {"guides/paying.yml": guide}) == []  # all on every page
    safety = edited(SAFETY, CAUDA_EQUINA_ON_ITS_PAGES)
    assert rule_problems(tmp_path / "b", {"guides/paying.yml": guide, "safety.yml": safety}) == [
        about("benefits/back-pain.yml", "back pain", "title", "back pain", "cauda-equina"),
        about("guides/paying.yml", "back pain", "nav_title", "sciatica", "cauda-equina", at="2:12"),
    ]
    listed = edited(guide, ("review:\n", "warning_signs: [cauda-equina]\nreview:\n"))
    files = {"guides/paying.yml": listed, "safety.yml": safety}
    assert rule_problems(tmp_path / "c", files) == [
        about("benefits/back-pain.yml", "back pain", "title", "back pain", "cauda-equina"),
    ]


def test_topic_words_are_whole_words_in_any_case() -> None:
    topics = load_content(FIXTURE_CONTENT, FIXTURE_CONTENT.parent).safety.topics
    words = TopicWords(topics)
    found = words.mentions("Low BACK  pain, a backache? Not backaches, headachey or migraines.")
    assert [(m.words, m.id) for m in found] == [("BACK  pain", "back")]
    assert [m.id for m in words.mentions("Migraine and sciatica")] == ["head", "back"]


# --- the built site ----------------------------------------------------------------------------

LOW_MOOD = "  - id: low-mood\n    tier: see-gp-too\n    text: feel very low or hopeless most days\n"
# The phone line for health advice at any hour, under every box and in every footer.
ADVICE_LINE = (
    'advice_line:\n  name: NURSELINE\n  phone: "1800 111 222"\n'
    "  text: for free advice from a nurse, day or night\n  citations: [healthdirect-back-pain]\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("warning-signs") / "project", FIXTURE_CONTENT)
    content = project / "content"
    files = {
        # A caution for which a massage need not wait.
        "safety.yml": edited(
            SAFETY,
            ("  - id: pregnancy\n", LOW_MOOD + "  - id: pregnancy\n"),
            ("red_flags:\n", ADVICE_LINE + "red_flags:\n"),
        ),
        "benefits/stress.yml": edited(STRESS, ("  - pregnancy\n", "  - pregnancy\n  - low-mood\n")),
        # A page-only warning sign, with this page's note, in the back-pain page's box.
        "benefits/back-pain.yml": edited(
            BACK,
            (
                "  - after-injury\n",
                "  - after-injury\n  - id: sudden-headache\n"
                "    note: Tight neck muscles do not cause this.\n",
            ),
        ),
        "faq.yml": edited(
            FAQ,
            (
                "        safety: [blood-thinners, leg-clot]\n",
                "        all_warning_signs: true\n        safety: [blood-thinners, leg-clot]\n",
            ),
        ),
    }
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    (project / "docs" / "safety.md").write_text(
        "---\ndescription: How to use this site safely, and when to see a doctor instead of us.\n"
        "---\n\n# Safety\n\n## Every warning sign\n\n"
        '<div id="every-sign">\n{{ red_flags() }}\n</div>\n\n## Only on some pages\n\n'
        '<div id="some-pages">\n{{ red_flags(on_every_page=False) }}\n</div>\n',
        encoding="utf-8",
    )
    return build_on_fixed_date(project)


def advice_ids(element: Element) -> list[str]:
    found = []
    for child in element.children:
        if "data-advice" in child.attrs:
            found.append(child.attrs["data-advice"])
        found += advice_ids(child)
    return found


def leads(element: Element) -> list[str]:
    found = []
    for child in element.children:
        if "hs-advice-lead" in child.classes:
            found.append(squash(child.text))
        found += leads(child)
    return found


def words(group: Element) -> str:
    """A group of advice as a reader hears it: the lead-in, then each item."""
    items = [squash(li.text) for ul in group.children if ul.tag == "ul" for li in ul.children]
    return " ".join([*leads(group), *items])


def box(page: Page) -> Element:
    (found,) = page.find("div", class_="hs-see-doctor")
    return found


def test_a_page_box_shows_every_page_signs_and_its_own_most_urgent_first_each_once(
    site: Path,
) -> None:
    back = read_page(site / "benefits" / "back-pain" / "index.html")
    # sudden-headache (the page's own, call 000) among every page's call-000 signs, in the
    # order of safety.yml; after-injury (every page's, and the page's) once.
    assert advice_ids(box(back)) == [
        "emergency",
        "cauda-equina",
        "sudden-headache",
        "leg-clot",
        "after-injury",
    ]
    (note,) = [e for e in back.find("span", class_="hs-advice-note") if "Tight neck" in e.text]
    assert note.text == "Tight neck muscles do not cause this."
    (cautions,) = back.find("div", class_="hs-cautions")
    assert advice_ids(cautions) == ["blood-thinners", "broken-skin"]
    stress = read_page(site / "benefits" / "stress" / "index.html")
    assert advice_ids(box(stress)) == ["emergency", "cauda-equina", "leg-clot", "after-injury"]


def test_see_gp_too_comes_after_see_your_doctor_first(site: Path) -> None:
    stress = read_page(site / "benefits" / "stress" / "index.html")
    (cautions,) = stress.find("div", class_="hs-cautions")
    assert leads(cautions) == [
        "See your doctor before you have a massage if you:",
        "You can still have a massage, but please also see your GP if you:",
        "Tell your therapist before your session if you:",
    ]
    assert advice_ids(cautions) == ["blood-thinners", "low-mood", "pregnancy"]


def test_an_faq_answer_with_all_warning_signs_shows_the_box_list_then_its_own(
    site: Path,
) -> None:
    faq = read_page(site / "faq" / "index.html")
    (question,) = [e for e in faq.find("details") if e.attrs.get("id") == "who-should-wait"]
    (answer,) = [e for e in question.children if "hs-answer" in e.classes]
    groups = [e for e in answer.children if "hs-advice" in e.classes]
    box_groups = [e for e in box(faq).children if "hs-advice" in e.classes]
    # The box's list, element for element, then the answer's own safety list.
    assert groups[: len(box_groups)] == box_groups
    assert advice_ids(answer) == [
        "emergency",
        "cauda-equina",
        "leg-clot",
        "after-injury",
        "leg-clot",
        "blood-thinners",
    ]
    # The structured data answers in the same words, in the same order.
    (ld,) = [
        item["acceptedAnswer"]["text"]
        for item in faq.graph_item("FAQPage")["mainEntity"]
        if item["name"] == "Who should check with a doctor first?"
    ]
    assert ld == "Some people should see a doctor before a massage. " + " ".join(
        words(group) for group in groups
    )
    assert json.dumps(ld).count("Call 000 for an ambulance") == 1


def test_red_flags_macro_with_no_ids_shows_every_warning_sign(site: Path) -> None:
    page = read_page(site / "safety" / "index.html")
    (every,) = page.find("div", id="every-sign")
    # Every red flag of safety.yml, including the one no page shows on every page.
    assert advice_ids(every) == [
        "emergency",
        "cauda-equina",
        "sudden-headache",
        "leg-clot",
        "after-injury",
    ]
    # Only the signs the box does not show: a page with the box lists the rest once.
    (some,) = page.find("div", id="some-pages")
    assert advice_ids(some) == ["sudden-headache"]


def test_every_box_and_every_footer_give_the_advice_line(site: Path) -> None:
    back = read_page(site / "benefits" / "back-pain" / "index.html")
    (line,) = [e for e in box(back).children if "hs-advice-line" in e.classes]
    assert squash(line.text) == (
        "Not sure what to do? Call NURSELINE on 1800 111 222 for free advice from a nurse, day "
        "or night (source: healthdirect)."
    )
    assert line.children[0].attrs["href"] == "tel:1800111222"
    # The footer of a page with no box (the home page) says where to get help too.
    for page in (back, read_page(site / "index.html")):
        (footer,) = page.find("p", class_="hs-footer-help")
        assert squash(footer.text) == (
            "In an emergency, call 000. Health advice at any hour: NURSELINE, 1800 111 222."
        )
        assert [a.attrs["href"] for a in footer.children] == ["tel:000", "tel:1800111222"]


def test_an_advice_line_citing_an_unknown_source_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    safety = edited(
        SAFETY, ("red_flags:\n", ADVICE_LINE.replace("back-pain", "bak-pain") + "red_flags:\n")
    )
    with pytest.raises(ContentErrors) as caught:
        load_content(content_with(tmp_path, {"safety.yml": safety}), tmp_path)
    (message, hint, _) = caught.value.format().splitlines()
    assert message.startswith("content/safety.yml:")
    assert message.endswith(
        "error in 'advice_line.citations[0]': the citation 'healthdirect-bak-pain' is not in "
        "references.yml"
    )
    assert "did you mean 'healthdirect-back-pain'?" in hint


# --- where the safety-advice rule sends a page's own wording of a warning sign -------------------

SUDDEN_HEADACHE_WORDS = (
    "    text: a sudden, very bad headache\n",
    "    text: a sudden, very bad headache\n    words: [thunderclap headache]\n",
)


def test_own_wording_of_a_page_only_warning_sign_is_sent_to_warning_signs(
    tmp_path: Path,
) -> None:
    safety = edited(SAFETY, SUDDEN_HEADACHE_WORDS)
    back = edited(BACK, ("It works best with exercise.", "A thunderclap headache is urgent."))
    assert rule_problems(tmp_path, {"safety.yml": safety, "benefits/back-pain.yml": back}) == [
        "content/benefits/back-pain.yml:4:58: error in 'summary': \"thunderclap headache\" is "
        "covered by the safety advice 'sudden-headache' in content/safety.yml; write it once "
        'there, not here, in the sentence: "A thunderclap headache is urgent."\n'
        "    How to fix: delete your own wording and add 'sudden-headache' to this page's "
        "warning_signs; the page then shows it in its 'When to see a doctor' box"
    ]


def test_a_hand_written_page_is_shown_the_macro_for_every_warning_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", content_with(tmp_path, {}))
    safety = edited(SAFETY, SUDDEN_HEADACHE_WORDS)
    (project / "content" / "safety.yml").write_text(safety, encoding="utf-8")
    (project / "docs" / "extra.md").write_text(
        "# Headaches\n\nA thunderclap headache is urgent.\n", encoding="utf-8"
    )
    assert main(["--root", str(project), "check"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        'docs/extra.md:3:3: error: "thunderclap headache" is covered by the safety advice '
        "'sudden-headache' in content/safety.yml; write it once there, not here, in the "
        'sentence: "A thunderclap headache is urgent."',
        "    How to fix: delete your own wording and show the advice with "
        '{{ red_flags("sudden-headache") }} (or {{ red_flags() }} for every warning sign in '
        "content/safety.yml)",
    ]
