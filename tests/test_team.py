"""The team page (content/team.yml -> /team/, its people from clinic.yml): what readers see of
each person and in which order, the photo through the image pipeline, the structured data, the
messages staff get for a wrong field, and the rules its text is held to.

Everything runs on fixtures: the example site (tests/fixtures/sites/example) with the people
block and team.yml of tests/fixtures/team put in, and a photo drawn here with Pillow.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from PIL import Image, ImageDraw

from healthsite.commands.cli import main as healthsite
from healthsite.model.kinds.team import TEAM
from healthsite.model.loader import load_content
from healthsite.rules import RuleSettings, check_rules, readability_report
from healthsite.site_checks.html_tools import Element, Page, read_page, squash

from .conftest import (
    EXAMPLE_SITE,
    FIXTURES,
    TODAY,
    build,
    build_on_fixed_date,
    copy_project,
)

TEAM_FIXTURES = FIXTURES / "team"
PEOPLE = (TEAM_FIXTURES / "people.yml").read_text(encoding="utf-8")
TEAM_YML = (TEAM_FIXTURES / "team.yml").read_text(encoding="utf-8")
NAV_LINE = "  - Our team: team.md\n"
PHOTO_SIZE = (1200, 1500)


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def draw_photo(path: Path, size: tuple[int, int] = PHOTO_SIZE) -> None:
    """A stand-in photo: shapes, not a person."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (200, 220, 210))
    ImageDraw.Draw(image).ellipse((size[0] // 4, size[1] // 8, size[0] * 3 // 4, size[1] // 2))
    image.save(path, quality=85)


def team_project(
    target: Path, *, people: str = PEOPLE, team: str | None = TEAM_YML, photo: bool = True
) -> Path:
    """The example site with the fixture people (or `people`), `team` as content/team.yml
    (None: no team.yml) and the team page in the menu after the clinic page."""
    project = copy_project(target)
    clinic = project / "content" / "clinic.yml"
    block = people.split("people:\n", 1)[1]
    text, count = re.subn(
        r"(?ms)^people:\n.*?(?=^theme:)", lambda _: "people:\n" + block, clinic.read_text()
    )
    assert count == 1, "the example clinic.yml no longer has a people: block before theme:"
    clinic.write_text(text, encoding="utf-8")
    if team is not None:
        (project / "content" / "team.yml").write_text(team, encoding="utf-8")
    mkdocs = project / "mkdocs.yml"
    after = "  - About the clinic: clinic.md\n"
    mkdocs.write_text(edited(mkdocs.read_text(), after, after + NAV_LINE), encoding="utf-8")
    if photo:
        draw_photo(project / "docs" / "assets" / "team" / "alex.jpg")
    return project


def check_output(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`healthsite check` of `project`: its exit status, then each problem it printed (its
    line and the indented lines after it), then what it printed to standard output."""
    capsys.readouterr()
    status = healthsite(["--root", str(project), "check"])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if not line.startswith("Content check")]
    problems = re.split(r"\n(?=\S)", "\n".join(lines).strip())
    return status, [p for p in problems if p] + [captured.out]


# -- the built page ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_on_fixed_date(team_project(tmp_path_factory.mktemp("team") / "project"))


@pytest.fixture(scope="module")
def page(site: Path) -> Page:
    return read_page(site / "team" / "index.html")


def sections(page: Page) -> dict[str, list[Element]]:
    """Each person's h2 text with the elements after it, up to the next h2 or the trust box."""
    found: dict[str, list[Element]] = {}
    current: list[Element] | None = None
    article = page.find("article")[0]
    for element in _walk(article):
        if element.tag == "h2":
            current = found.setdefault(squash(element.text), [])
        elif element.tag == "aside":
            current = None
        elif current is not None:
            current.append(element)
    return found


def _walk(element: Element) -> list[Element]:
    out = []
    for child in element.children:
        out.append(child)
        if child.tag not in {"aside", "h2"}:
            out += _walk(child)
    return out


def facts(elements: list[Element]) -> dict[str, str]:
    dts = [squash(e.text) for e in elements if e.tag == "dt"]
    dds = [squash(e.text) for e in elements if e.tag == "dd"]
    assert len(dts) == len(dds)
    return dict(zip(dts, dds, strict=True))


def test_people_appear_in_the_order_team_yml_lists_them(page: Page) -> None:
    assert list(sections(page)) == ["Sam Sample", "Alex Example", "Jo Trial"]
    assert squash(page.find("h1")[0].text) == "Our team"
    assert "Everyone here gives massage." in squash(page.find("div", class_="hs-summary")[0].text)


def test_each_person_shows_exactly_the_facts_clinic_yml_gives(page: Page) -> None:
    people = sections(page)
    alex, sam, jo = people["Alex Example"], people["Sam Sample"], people["Jo Trial"]
    assert facts(alex) == {
        "Qualifications": "Diploma of Remedial Massage (HLT52021)",
        "Health funds": "A recognised provider with health funds. What you can claim depends "
        "on your fund and cover.",
        "Member of": "Massage & Myotherapy Australia",
        "Languages": "English, Vietnamese, Auslan",
        "Works": "Mondays and Thursdays",
    }
    assert facts(sam) == {
        "Qualifications": "Diploma of Remedial Massage (HLT52021)",
        "Health funds": "A recognised provider with health funds. What you can claim depends "
        "on your fund and cover.",
        "Works": "Tuesday to Saturday",
    }
    # A Certificate IV therapist whom funds do not recognise: the page says so, as clinic.yml does.
    assert facts(jo) == {
        "Qualifications": "Certificate IV in Massage Therapy (HLT42021)",
        "Health funds": "Not a recognised provider with health funds, so you cannot claim for "
        "sessions with Jo Trial.",
    }
    roles = {
        name: [squash(e.text) for e in elements if "hs-person-role" in e.classes]
        for name, elements in people.items()
    }
    assert roles == {
        "Sam Sample": ["Remedial massage therapist and clinic owner"],
        "Alex Example": ["Remedial massage therapist"],
        "Jo Trial": ["Massage therapist"],
    }
    paragraphs = [squash(e.text) for e in alex if e.tag == "p" and not e.classes]
    assert paragraphs[-1].startswith("Alex has worked with office workers and runners")
    # Only Alex has a bio and a photo.
    assert not [e for e in [*sam, *jo] if e.tag in {"img", "picture"}]
    assert [squash(e.text) for e in jo if e.tag == "p"] == ["Massage therapist"]


def test_a_person_who_says_nothing_about_health_funds_gets_no_health_fund_line(
    tmp_path: Path,
) -> None:
    people = PEOPLE.replace("    health_fund_provider: false\n", "")
    site = build_on_fixed_date(team_project(tmp_path / "project", people=people))
    jo = sections(read_page(site / "team" / "index.html"))["Jo Trial"]
    assert facts(jo) == {"Qualifications": "Certificate IV in Massage Therapy (HLT42021)"}


def test_the_photo_goes_through_the_image_pipeline(site: Path, page: Page) -> None:
    alex = sections(page)["Alex Example"]
    pictures = [e for e in alex if e.tag == "picture"]
    assert len(pictures) == 1
    sources = [e for e in alex if e.tag == "source"]
    assert [s.attrs["type"] for s in sources] == ["image/webp"]
    (img,) = [e for e in alex if e.tag == "img"]
    assert img.attrs["alt"] == "Alex Example standing beside a massage table"
    assert (img.attrs["width"], img.attrs["height"]) == tuple(str(n) for n in PHOTO_SIZE)
    assert img.attrs["sizes"] == sources[0].attrs["sizes"] == "240px"
    assert "hs-team-photo" in img.classes
    widths = [c.split()[1] for c in img.attrs["srcset"].split(", ")]
    assert widths == ["480w", "960w", "1200w"]
    for address in [img.attrs["src"], *(c.split()[0] for c in img.attrs["srcset"].split(", "))]:
        assert (site / "team" / address).resolve().is_file(), address
    # The original (which may carry where a phone took it) is not published.
    assert not (site / "assets" / "team" / "alex.jpg").exists()


def _team_data(page: Page) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        item
        for block in page.json_ld()
        for item in block.get("@graph", [])
        if item.get("@type") == "AboutPage"
    ]
    assert len(items) == 1
    return items[0]


def test_structured_data_lists_each_person_as_the_page_shows_them(page: Page) -> None:
    data = _team_data(page)
    url = data["url"]
    assert url == "https://example.org/team/"
    people = sections(page)
    members = data["mainEntity"]
    assert [m["name"] for m in members] == list(people)
    clinic_id = next(
        item["@id"]
        for block in page.json_ld()
        for item in block["@graph"]
        if item["@type"] == "HealthAndBeautyBusiness"
    )
    for member in members:
        shown = people[member["name"]]
        shown_facts = facts(shown)
        assert member["@type"] == "Person"
        assert member["worksFor"] == {"@id": clinic_id}
        role = next(squash(e.text) for e in shown if "hs-person-role" in e.classes)
        assert member["jobTitle"] == role
        assert member["hasCredential"]["name"] == shown_facts["Qualifications"]
        assert member.get("knowsLanguage") == (
            shown_facts["Languages"].split(", ") if "Languages" in shown_facts else None
        )
        assert member.get("memberOf") == (
            {"@type": "Organization", "name": shown_facts["Member of"]}
            if "Member of" in shown_facts
            else None
        )
        images = [e for e in shown if e.tag == "img"]
        assert member.get("image") == (urljoin(url, images[0].attrs["src"]) if images else None)
    assert members[1]["image"].startswith("https://example.org/assets/resized/alex-")
    assert data["lastReviewed"] == "2026-11-20"
    assert [p["name"] for p in data["author"]] == ["Sam Sample"]


def test_the_team_page_is_in_the_menu_after_the_clinic_page(page: Page) -> None:
    links = [squash(a.text) for a in page.find("a", class_="md-nav__link")]
    assert "Our team" in links
    assert links.index("Our team") == links.index("About the clinic") + 1


# -- without team.yml ------------------------------------------------------------------------


def test_no_team_yml_means_no_team_page_nor_menu_entry(tmp_path: Path) -> None:
    # The menu still lists team.md (a clinic that deleted the file): the entry goes with it.
    project = team_project(tmp_path / "project", team=None)
    site = build_on_fixed_date(project)
    assert not (site / "team").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Our team" not in home and "team/" not in home
    assert not list((site / "assets").glob("resized/alex-*"))


def test_the_example_site_without_team_yml_is_unchanged() -> None:
    assert not (EXAMPLE_SITE / "content" / "team.yml").exists()
    content = load_content(EXAMPLE_SITE / "content", EXAMPLE_SITE)
    assert content.of(TEAM) == []


def test_photos_with_no_team_page_are_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = check_output(team_project(tmp_path / "p", team=None), capsys)
    assert status == 0
    warning = [o for o in output if "no page shows them" in o]
    assert len(warning) == 1
    assert warning[0].startswith("content/clinic.yml:37:12: warning in 'people[0].photo'")


# -- loading: order and messages ---------------------------------------------------------------


def test_without_a_people_list_the_page_follows_clinic_yml(tmp_path: Path) -> None:
    team = edited(TEAM_YML, "people: [sam, alex, jo]\n", "")
    project = team_project(tmp_path / "project", team=team, photo=False)
    content = load_content(project / "content", project)
    (page,) = content.of(TEAM)
    assert [p.id for _, p in page.item.members(content.clinic)] == ["alex", "sam", "jo"]


def test_a_people_list_shows_only_those_listed(tmp_path: Path) -> None:
    team = edited(TEAM_YML, "people: [sam, alex, jo]", "people: [jo, sam]")
    project = team_project(tmp_path / "project", team=team, photo=False)
    content = load_content(project / "content", project)
    members = content.of(TEAM)[0].item.members(content.clinic)
    # Each with its place in clinic.yml, for messages about its fields.
    assert [(i, p.id) for i, p in members] == [(2, "jo"), (1, "sam")]


ERROR_CASES = [
    (
        "a photo without alt text",
        "people",
        ("    photo_alt: Alex Example standing beside a massage table\n", ""),
        [
            "content/clinic.yml:32:5: error in 'people[0]': the photo 'assets/team/alex.jpg' "
            "needs 'photo_alt': add a line 'photo_alt:' saying what the photo shows to people "
            "who cannot see it, for example 'Alex Example at the treatment table'"
        ],
    ),
    (
        "empty alt text: a photo of a person is never decoration",
        "people",
        (
            "    photo_alt: Alex Example standing beside a massage table\n",
            '    photo_alt: ""\n',
        ),
        [
            "content/clinic.yml:38:16: error in 'people[0].photo_alt': photo_alt is empty: a "
            "photo of a person is never decoration; say who it shows and how, for example "
            "'Alex smiling in the treatment room'"
        ],
    ),
    (
        "alt text without a photo",
        "people",
        ("    photo: assets/team/alex.jpg\n", ""),
        [
            "content/clinic.yml:32:5: error in 'people[0]': 'photo_alt' describes a photo, but "
            "there is no 'photo': add 'photo:' with the file's path inside docs/ (for example "
            "assets/team/photo.jpg), or remove 'photo_alt'"
        ],
    ),
    (
        "a photo from another website",
        "people",
        ("photo: assets/team/alex.jpg", "photo: https://example.com/alex.jpg"),
        [
            "content/clinic.yml:37:12: error in 'people[0].photo': write the photo's path "
            "inside docs/, such as assets/team/alex.jpg (not a web address and not starting "
            "with '/'), and put the file there"
        ],
    ),
    (
        "a photo outside docs/",
        "people",
        ("photo: assets/team/alex.jpg", "photo: ../alex.jpg"),
        [
            "content/clinic.yml:37:12: error in 'people[0].photo': '../alex.jpg' is not a path "
            "the site can use: write the path inside docs/ with letters, digits, '-', '_' and "
            "'/' only, for example assets/team/alex.jpg"
        ],
    ),
    (
        "a phone's HEIC photo",
        "people",
        ("photo: assets/team/alex.jpg", "photo: assets/team/alex.heic"),
        [
            "content/clinic.yml:37:12: error in 'people[0].photo': a photo must be a JPEG, PNG "
            "or WebP file (ending .jpg, .jpeg, .png or .webp); save a phone's HEIC photo as a "
            "JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)"
        ],
    ),
    (
        "English among the other languages",
        "people",
        ("languages: [Vietnamese, Auslan]", "languages: [English, Vietnamese]"),
        [
            "content/clinic.yml:42:16: error in 'people[0].languages': list only the languages "
            "spoken besides English (the page says English for everyone who has 'languages')"
        ],
    ),
    (
        "an unknown person in team.yml",
        "team",
        ("people: [sam, alex, jo]", "people: [sam, alx, jo]"),
        [
            "content/team.yml:5:15: error in 'people[1]': no person with the id 'alx' in "
            "clinic.yml\n"
            "    How to fix: did you mean 'alex'? Use one of: alex, sam, jo"
        ],
    ),
    (
        "a person listed twice in team.yml",
        "team",
        ("people: [sam, alex, jo]", "people: [sam, alex, sam]"),
        [
            "content/team.yml:5:21: error in 'people[2]': 'sam' is listed twice\n"
            "    How to fix: list each person once, in the order the page should show them"
        ],
    ),
]


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_a_wrong_team_field_is_a_located_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, tuple[str, str], list[str]],
) -> None:
    _, file, change, expected = case
    people, team = PEOPLE, TEAM_YML
    if file == "people":
        people = edited(people, *change)
    else:
        team = edited(team, *change)
    project = team_project(tmp_path / "project", people=people, team=team)
    status, output = check_output(project, capsys)
    assert status == 1
    errors = [o for o in output if ": error in " in o]
    assert [e.strip().split("\n    How to fix")[0] for e in errors] == [
        e.split("\n    How to fix")[0] for e in expected
    ]
    for error, wanted in zip(errors, expected, strict=True):
        if "How to fix" in wanted:
            assert error.strip() == wanted


def test_a_missing_photo_file_is_an_error_at_the_photo_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path / "project")
    (project / "docs" / "assets" / "team" / "alex.jpg").rename(
        project / "docs" / "assets" / "team" / "Alex.jpg"
    )
    status, output = check_output(project, capsys)
    assert status == 1
    errors = [o.strip() for o in output if ": error in " in o]
    assert errors == [
        "content/clinic.yml:37:12: error in 'people[0].photo': the photo "
        "'assets/team/alex.jpg' is not in docs/ (looked for docs/assets/team/alex.jpg)\n"
        "    How to fix: did you mean 'Alex.jpg'? put the file in docs/assets/team/ or correct "
        "the path; capital letters count"
    ]
    # The build stops on it too, and leaves no site.
    assert build(project) == 1
    assert not (project / "site").exists()


def test_a_photo_the_pipeline_refuses_is_an_error_at_the_photo_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path / "project")
    (project / "docs" / "assets" / "team" / "alex.jpg").write_bytes(b"not a picture")
    status, output = check_output(project, capsys)
    assert status == 1
    errors = [o.strip() for o in output if ": error in " in o]
    assert len(errors) == 1
    assert errors[0].startswith(
        "content/clinic.yml:37:12: error in 'people[0].photo': the image \"assets/team/alex.jpg\""
    )


# -- rules -----------------------------------------------------------------------------------


def rule_problems(project: Path) -> list[str]:
    content = load_content(project / "content", project)
    settings = RuleSettings(today=date.fromisoformat(TODAY))
    docs = (project / "docs", project)
    return [p.format() for p in sorted(check_rules(content, settings, docs))]


def test_bios_and_the_intro_meet_the_wording_rules_where_they_are_written(
    tmp_path: Path,
) -> None:
    people = edited(
        PEOPLE, "Alex likes to explain", "Alex's massage cures back pain. Alex likes to explain"
    )
    team = edited(TEAM_YML, "Everyone here gives massage.", "Massage cures stress.")
    problems = rule_problems(team_project(tmp_path / "project", people=people, team=team))
    wording = [p for p in problems if "cure" in p.split("\n")[0]]
    assert [p.split(": error in ")[0] for p in wording] == [
        "content/clinic.yml:40:70",
        "content/team.yml:4:3",
    ]
    assert "'people[0].bio'" in wording[0] and "'intro'" in wording[1]


def test_a_long_sentence_in_a_bio_is_reported_in_clinic_yml(tmp_path: Path) -> None:
    long_sentence = " ".join(["Alex enjoys helping people"] * 8) + "."
    people = edited(PEOPLE, "Alex likes to explain", long_sentence + " Alex likes to explain")
    problems = rule_problems(team_project(tmp_path / "project", people=people))
    long = [p for p in problems if "this sentence has" in p]
    assert len(long) == 1
    assert long[0].startswith("content/clinic.yml:40:")
    assert "error in 'people[0].bio': this sentence has 32 words (at most 25)" in long[0]


def test_the_team_page_has_a_reading_grade_of_its_intro_and_bios(tmp_path: Path) -> None:
    project = team_project(tmp_path / "project", photo=False)
    content = load_content(project / "content", project)
    report = {page.name: page for page in readability_report(content)}
    assert report["Our team"].file == "content/team.yml"
    # The intro's longest sentence has 9 words; Alex's bio has one of 12.
    assert report["Our team"].longest_sentence == 12


def test_american_spelling_in_a_bio_or_association_is_reported(tmp_path: Path) -> None:
    people = edited(
        PEOPLE, "Alex likes to explain", "Alex visits the center. Alex likes to explain"
    )
    problems = rule_problems(team_project(tmp_path / "project", people=people))
    spelling = [p for p in problems if '"center" is American spelling' in p]
    assert len(spelling) == 1 and spelling[0].startswith("content/clinic.yml:")
    assert "'people[0].bio'" in spelling[0]


def test_the_intro_may_not_state_clinic_facts_in_its_own_words(tmp_path: Path) -> None:
    team = edited(TEAM_YML, "Everyone here gives massage.", "All our therapists hold a Diploma.")
    problems = rule_problems(team_project(tmp_path / "project", team=team, photo=False))
    facts = [p for p in problems if "states a fact about your clinic" in p]
    assert len(facts) == 1 and facts[0].startswith("content/team.yml:4:")


def test_check_reports_the_team_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = check_output(team_project(tmp_path / "project"), capsys)
    assert status == 0
    out = output[-1]
    assert "Our team: reading grade" in out
    assert re.search(r"Content OK: .*, a team page of 3 people, \d+ references\.", out)


# -- where each person works, with several locations --------------------------------------------

TWO_LOCATIONS = (FIXTURES / "locations" / "clinic.yml").read_text(encoding="utf-8")
ALEX_WORKS = "    works: Mondays and Thursdays\n"


def two_location_team(target: Path, alex_locations: str) -> Path:
    """The team project on the two-location fixture clinic, Alex working at `alex_locations`."""
    project = team_project(target, people=edited(PEOPLE, ALEX_WORKS, ALEX_WORKS + alex_locations))
    clinic = project / "content" / "clinic.yml"
    people = clinic.read_text(encoding="utf-8").split("people:\n", 1)[1].split("theme:\n")[0]
    text, count = re.subn(
        r"(?ms)^people:\n.*?(?=^theme:)", lambda _: "people:\n" + people, TWO_LOCATIONS
    )
    assert count == 1
    clinic.write_text(text, encoding="utf-8")
    return project


def test_a_person_shows_the_locations_they_work_at(tmp_path: Path) -> None:
    project = two_location_team(tmp_path, "    locations: [riverside]\n")
    page = read_page(build_on_fixed_date(project) / "team" / "index.html")
    assert facts(sections(page)["Alex Example"])["Where"] == "Riverside"
    assert "Where" not in facts(sections(page)["Sam Sample"])
    alex = next(p for p in _team_data(page)["mainEntity"] if p["name"] == "Alex Example")
    assert alex["workLocation"] == [{"@id": "https://example.org/#location-riverside"}]


def test_an_unknown_location_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = two_location_team(tmp_path, "    locations: [riversde]\n")
    status, problems = check_output(project, capsys)
    assert status == 1
    assert (
        problems[0].startswith("content/clinic.yml:")
        and "error in 'people[0].locations[0]': 'riversde' is not the id of a location"
        in problems[0]
    )
    assert "did you mean 'riverside'?" in problems[0]
