"""Guide pages (content/guides/<slug>.yml -> /guides/<slug>/): what staff are told when a guide
file is wrong, the health rules a guide is held to, and the page and structured data readers get.

Everything runs on fixtures: the small content folder (tests/fixtures/content, whose guide is
`guides/paying.yml`) and the fixture example site's mkdocs.yml and docs/.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.model.kinds.guide import GUIDES
from healthsite.model.loader import load_content
from healthsite.rules import RuleSettings, check_rules, readability_report
from healthsite.site_checks.html_tools import Page, read_page, squash
from healthsite.source.errors import ContentErrors

from .conftest import FIXTURE_CONTENT, TODAY, build, build_on_fixed_date, copy_project

GUIDE = (FIXTURE_CONTENT / "guides" / "paying.yml").read_text(encoding="utf-8")
RULES_TODAY = date.fromisoformat(TODAY)


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """The fixture content folder with `files` (path in content/ -> text) written over it."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load_errors(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_content(content_with(tmp_path, files), tmp_path)
    return [problem.format() for problem in sorted(caught.value.problems)]


def rule_problems(tmp_path: Path, guide: str) -> list[str]:
    content = load_content(content_with(tmp_path, {"guides/paying.yml": guide}), tmp_path)
    problems = check_rules(content, RuleSettings(today=RULES_TODAY))
    return [problem.format() for problem in sorted(problems)]


# -- loading -------------------------------------------------------------------------------


LOAD_CASES = [
    (
        "misspelt field gets a did-you-mean and the guide's own field list",
        edited(GUIDE, "summary:", "sumary:"),
        [
            "content/guides/paying.yml:5:1: error in 'sumary': unknown field 'sumary'\n"
            "    How to fix: did you mean 'summary'? Fields allowed here: title, nav_title, "
            "order, description, summary, sections, warning_signs, review"
        ],
    ),
    (
        "misspelt section field",
        edited(GUIDE, "  - heading: Health fund extras", "  - heding: Health fund extras"),
        [
            "content/guides/paying.yml:8:5: error in 'sections[0].heding': unknown field "
            "'heding'\n"
            "    How to fix: did you mean 'heading'? Fields allowed here: heading, text, "
            "citations, safety"
        ],
    ),
    (
        "a guide with no sections",
        edited(GUIDE, "sections:\n", "sections: []\nold_sections:\n"),
        [
            "content/guides/paying.yml:7:11: error in 'sections': this list is empty\n"
            "    How to fix: add at least one item on a line starting with '- '",
            "content/guides/paying.yml:8:1: error in 'old_sections': unknown field "
            "'old_sections'\n"
            "    How to fix: did you mean 'sections'? Fields allowed here: title, nav_title, "
            "order, description, summary, sections, warning_signs, review",
        ],
    ),
    (
        "a section citing a reference that does not exist",
        edited(GUIDE, "citations: [health-reforms2019]", "citations: [health-reform2019]"),
        [
            "content/guides/paying.yml:12:17: error in 'sections[0].citations[0]': the citation "
            "'health-reform2019' is not in references.yml\n"
            "    How to fix: did you mean 'health-reforms2019'? Add the reference to "
            "content/references.yml or fix the key"
        ],
    ),
    (
        "a section referencing safety advice that safety.yml does not have",
        edited(
            GUIDE,
            "    citations: [health-reforms2019]\n",
            "    citations: [health-reforms2019]\n    safety: [pregnant]\n",
        ),
        [
            "content/guides/paying.yml:13:14: error in 'sections[0].safety[0]': 'pregnant' is "
            "not an id in safety.yml\n"
            "    How to fix: did you mean 'pregnancy'? Add it to content/safety.yml or fix the "
            "id; ids there: emergency, cauda-equina, leg-clot, after-injury, sudden-headache, "
            "blood-thinners, pregnancy, broken-skin"
        ],
    ),
    (
        "a reviewer who is not in clinic.yml",
        edited(GUIDE, "reviewed_by: [sam]", "reviewed_by: [samm]"),
        [
            "content/guides/paying.yml:23:17: error in 'review.reviewed_by[0]': no person with "
            "the id 'samm' in clinic.yml\n"
            "    How to fix: did you mean 'sam'? Use one of: alex, sam"
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in LOAD_CASES],
    ids=[case[0] for case in LOAD_CASES],
)
def test_guide_mistake_gives_exact_message(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert load_errors(tmp_path, {"guides/paying.yml": text}) == expected


@pytest.mark.parametrize(
    ("name", "message", "hint"),
    [
        (
            "First Visit.yml",
            "'First Visit.yml' cannot be a page address: use lower-case letters, digits and "
            "single hyphens",
            "rename it to first-visit.yml",
        ),
        (
            "costs.yaml",
            "guide files must end in '.yml' (in small letters), so the build does not read "
            "this one",
            "rename it to costs.yml",
        ),
        (
            "index.yml",
            "'index' is the address of the overview of all guide pages (docs/guides/index.md)",
            "give the file another name, such as first-visit.yml",
        ),
    ],
)
def test_guide_file_name_must_be_a_page_address(
    tmp_path: Path, name: str, message: str, hint: str
) -> None:
    folder = content_with(tmp_path, {})
    (folder / "guides" / name).write_text(GUIDE.replace("order: 10", "order: 20"))
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.message, problem.hint) == (
        f"content/guides/{name}",
        message,
        hint,
    )


def test_a_copied_guide_file_must_be_made_its_own(tmp_path: Path) -> None:
    errors = load_errors(tmp_path, {"guides/rebates.yml": GUIDE.replace("order: 10", "order: 30")})
    assert errors == [
        f"content/guides/rebates.yml:{line}:{column}: error in '{field}': "
        f"content/guides/paying.yml has the same {field}\n"
        f"    How to fix: give each guide page its own {field}"
        for line, column, field in [(1, 8, "title"), (2, 12, "nav_title"), (4, 14, "description")]
    ]


def test_guides_are_optional_and_sorted_by_order(tmp_path: Path) -> None:
    folder = content_with(tmp_path, {})
    shutil.rmtree(folder / "guides")
    assert load_content(folder, tmp_path).of(GUIDES) == []
    second = GUIDE.replace("order: 10", "order: 5").replace("Paying for a massage", "Safety")
    second = second.replace("nav_title: Paying", "nav_title: Safe?")
    second = second.replace("How health funds", "How much health funds")
    (folder / "guides").mkdir()
    (folder / "guides" / "paying.yml").write_text(GUIDE)
    (folder / "guides" / "b-safety.yml").write_text(second)
    content = load_content(folder, tmp_path)
    assert [page.slug for page in content.of(GUIDES)] == ["b-safety", "paying"]
    assert content.page(GUIDES, "paying").title == "Paying for a massage"


# -- health rules --------------------------------------------------------------------------


def test_the_fixture_guide_passes_every_rule(tmp_path: Path) -> None:
    assert rule_problems(tmp_path, GUIDE) == []


RULE_CASES = [
    (
        "a guide page that cites nothing (its only reference is then uncited too)",
        edited(GUIDE, "    citations: [health-reforms2019]\n", ""),
        [
            "content/guides/paying.yml:7:1: error in 'sections': this guide page cites no "
            "source; each guide page needs at least one\n"
            "    How to fix: add the keys of the sources its facts come from to the 'citations' "
            "of the sections that state them (keys are the names of the entries in "
            "content/references.yml)",
            "content/guides/paying.yml:10:46: error in 'sections[0].text': \"1\" is a "
            'figure in a section that cites no source, in the sentence: "Since 1 April 2019, '
            'funds cannot cover some natural therapies."\n'
            "    How to fix: add the key of the source that states it (from "
            "content/references.yml) to this section's 'citations', or leave the figure out",
            "content/references.yml:32:1: warning in 'health-reforms2019': the reference "
            "'health-reforms2019' is not cited by any benefit page, guide page or FAQ answer, "
            "so it is not published\n"
            "    How to fix: nothing else is needed if its page was deleted; to tidy up, delete "
            "it from references.yml, or add its key to the 'citations' of the claim, section or "
            "answer it supports",
        ],
    ),
    (
        "a phone number in a section without sources",
        edited(GUIDE, "      - How much will I get back?", "      - Call 13 11 14 for help."),
        [
            "content/guides/paying.yml:18:9: error in 'sections[1].text': \"13 11 14\" is a "
            'figure in a section that cites no source, in the sentence: "Call 13 11 14 for '
            'help."\n'
            "    How to fix: add the key of the source that states it (from "
            "content/references.yml) to this section's 'citations', or leave the figure out",
        ],
    ),
    (
        "overclaiming wording in a section",
        edited(GUIDE, "Extras cover may pay", "Extras cover is guaranteed to pay"),
        [
            "content/guides/paying.yml:10:7: error in 'sections[0].text': \"guaranteed\" claims "
            'more than the research shows, in the sentence: "Extras cover is guaranteed to '
            'pay part of the cost."\n'
            '    How to fix: no result can be promised: write "many people find" or "it may '
            'help", for example "many people find they feel more relaxed afterwards"',
        ],
    ),
    (
        "a sentence too long to read easily",
        edited(
            GUIDE,
            "Ask your fund these questions before you book:",
            "Ask your fund these questions before you book, and write down the answers, the "
            "name of the person you spoke to, the date and the time of the call, and keep them:",
        ),
        [
            "content/guides/paying.yml:15:7: error in 'sections[1].text': this sentence has 32 "
            'words (at most 25): "Ask your fund these questions before you book, and write '
            "down the answers, the name of the person you spoke to, the date and the time of "
            'the call, and keep them:"\n'
            "    How to fix: split it into two or more shorter sentences",
        ],
    ),
    (
        "safety advice in the page's own words instead of an id of safety.yml",
        edited(
            GUIDE, "      - How much will I get back?", "      - Can I come if I take warfarin?"
        ),
        [
            "content/guides/paying.yml:18:9: error in 'sections[1].text': \"warfarin\" is "
            "covered by the safety advice 'blood-thinners' in content/safety.yml; write it once "
            'there, not here, in the sentence: "Can I come if I take warfarin?"\n'
            "    How to fix: delete your own wording and add 'blood-thinners' to the safety "
            "list of the section it belongs in (safety: [blood-thinners]); the advice is then "
            "shown after that section's text",
        ],
    ),
    (
        "a fact about the clinic in the page's own words",
        edited(GUIDE, "Check with your fund first.", "We have HICAPS, so you can claim here."),
        [
            "content/guides/paying.yml:6:69: error in 'summary': \"HICAPS\" states a fact about "
            'your clinic, in the sentence: "We have HICAPS, so you can claim here."\n'
            "    How to fix: say it once in content/clinic.yml and show it with 'clinic_facts' "
            "under an FAQ question (for example clinic_facts: [hicaps]), or write the sentence "
            "about clinics in general, without 'we' or 'our'",
        ],
    ),
    (
        "a guide past its review date",
        edited(
            GUIDE,
            "last_reviewed: 2026-11-20\n  next_review_due: 2028-11-20",
            "last_reviewed: 2025-11-01\n  next_review_due: 2026-11-01",
        ),
        [
            "content/guides/paying.yml:21:20: error in 'review.next_review_due': this page was "
            "due for review on 2026-11-01, 24 days ago\n"
            "    How to fix: review the page, then set last_reviewed to today's date "
            "(2026-11-25) and next_review_due to a date within 3 years (no later than "
            "2029-11-25)",
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in RULE_CASES],
    ids=[case[0] for case in RULE_CASES],
)
def test_each_rule_applies_to_guides(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert rule_problems(tmp_path, text) == expected


def test_the_emergency_number_needs_no_source(tmp_path: Path) -> None:
    guide = edited(GUIDE, "      - How much will I get back?", "      - In an emergency, call 000.")
    assert rule_problems(tmp_path, guide) == []


def test_readability_report_lists_guides_after_benefit_pages(tmp_path: Path) -> None:
    content = load_content(content_with(tmp_path, {}), tmp_path)
    assert [(page.name, page.file) for page in readability_report(content)] == [
        ("Stress and worry", "content/benefits/stress.yml"),
        ("Massage for low back pain", "content/benefits/back-pain.yml"),
        ("Paying", "content/guides/paying.yml"),
        ("Common questions", "content/faq.yml"),
        ("Safety advice", "content/safety.yml"),
    ]


# -- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("guides") / "project", FIXTURE_CONTENT)
    return build_on_fixed_date(project)


def page(site: Path, url: str) -> Page:
    return read_page(site / url / "index.html")


def test_guide_page_shows_sections_sources_and_who_reviewed_it(site: Path) -> None:
    guide = page(site, "guides/paying")
    assert squash(guide.find("h1")[0].text) == "Paying for a massage"
    assert [squash(e.text) for e in guide.find("h2")] == [
        "Health fund extras",
        "What to ask your fund",
        "When to see a doctor",
        "Sources",
    ]
    markers = [
        (squash(e.text), e.attrs["href"])
        for e in guide.find("a")
        if e.attrs.get("title", "").startswith("Source")
    ]
    assert markers == [("[1]", "#ref-health-reforms2019")]
    assert [e.attrs["href"] for e in guide.find("a", class_="hs-ref-link")] == [
        "https://www.health.gov.au/resources/publications/private-health-insurance-reforms-fact-"
        "sheet-removing-coverage-for-some-natural-therapies"
    ]
    # Markdown in the summary and sections is rendered (and sanitised), not shown as text.
    assert [squash(e.text) for e in guide.find("strong") if e.text == "remedial"] == ["remedial"]
    assert [squash(e.text) for e in guide.find("li") if "?" in e.text] == [
        "Does my cover include remedial massage?",
        "How much will I get back?",
    ]
    text = squash(guide.find("article")[0].text)
    assert "Sources: [1]" in text
    assert "In an emergency, call 000" in text
    assert "The writers and reviewers are massage therapists, not doctors." in text
    assert "Page last reviewed: 20 November 2026" in text
    assert "Next review due: 20 November 2028" in text
    assert "It is not medical advice" in text
    shares = [
        e.attrs["content"] for e in guide.find("meta") if e.attrs.get("property") == "og:image"
    ]
    assert shares and shares[0].startswith("https://example.org/assets/share/")


def test_a_section_shows_the_safety_advice_it_references(tmp_path: Path) -> None:
    guide = edited(
        GUIDE,
        "    citations: [health-reforms2019]\n",
        "    citations: [health-reforms2019]\n    safety: [pregnancy, blood-thinners]\n",
    )
    project = copy_project(
        tmp_path / "project", content_with(tmp_path, {"guides/paying.yml": guide})
    )
    assert build(project) == 0
    guide_page = page(project / "site", "guides/paying")
    # The same lead-ins and words as every other page that gives this advice (safety.yml).
    leads = [squash(e.text) for e in guide_page.find("p", class_="hs-advice-lead")]
    assert "See your doctor before you have a massage if you:" in leads
    assert "Tell your therapist before your session if you:" in leads
    items = {
        e.attrs["data-advice"]: squash(e.text)
        for e in guide_page.find("li")
        if "data-advice" in e.attrs
    }
    assert items["blood-thinners"] == "take medicine to thin your blood, or bleed easily"
    assert items["pregnancy"] == "are pregnant, or think you might be"


def test_guide_structured_data_matches_the_visible_page(site: Path) -> None:
    guide = page(site, "guides/paying")
    medical = guide.graph_item("MedicalWebPage")
    assert medical["name"] == squash(guide.find("h1")[0].text)
    assert medical["url"] == "https://example.org/guides/paying/"
    shown = [e.attrs["datetime"] for e in guide.find("time")]
    assert medical["lastReviewed"] == shown[0] == "2026-11-20"
    assert [p["name"] for p in medical["reviewedBy"]] == ["Sam Sample"]
    assert [p["name"] for p in medical["author"]] == ["Alex Example"]
    cited = [e.attrs["href"] for e in guide.find("a", class_="hs-ref-link")]
    assert [c["url"] for c in medical["citation"]] == cited
    assert "about" not in medical  # a guide is not about massage as a therapy


def test_guides_are_in_the_nav_section_of_their_overview_and_on_its_cards(site: Path) -> None:
    home = page(site, "")
    nav = [e.attrs["href"] for e in home.find("a", class_="md-nav__link")]
    assert nav.index("benefits/back-pain/") < nav.index("guides/") < nav.index("guides/paying/")
    assert nav.index("guides/paying/") < nav.index("faq/")
    overview = page(site, "guides")
    cards = [
        e.attrs["href"]
        for e in overview.find("a")
        if e.attrs.get("href", "").startswith("paying") and not e.classes  # not nav or footer
    ]
    assert cards == ["paying/"]
    assert "How health funds may pay part" in squash(overview.find("article")[0].text)


def test_guides_need_a_nav_section_holding_their_overview(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text(edited(config.read_text(), "  - Guides:\n      - guides/index.md\n", ""))
    assert build(project) == 1
    err = capfd.readouterr().err
    assert (
        "healthsite: content/guides/ has pages, but no section of 'nav' in mkdocs.yml holds "
        "guides/index.md, so they would be missing from the menu. Add a section such as:\n"
        "  - Guides:\n      - guides/index.md\n"
        "and write docs/guides/index.md (it can show the pages with {{ guide_cards() }})"
    ) in err
    assert not (project / "site").exists()


def test_without_guides_the_overview_has_no_cards(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.rmtree(content / "guides")
    refs = (content / "references.yml").read_text(encoding="utf-8")
    (content / "references.yml").write_text(refs.split("health-reforms2019:")[0])
    project = copy_project(tmp_path / "project", content)
    assert build(project) == 0
    overview = page(project / "site", "guides")
    assert overview.find("div", class_="hs-cards") == []
    assert not (project / "site" / "guides" / "paying").exists()
