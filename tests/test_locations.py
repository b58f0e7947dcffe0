"""A clinic's locations: one (clinic.yml as it was before locations, the frozen example site) or
several (tests/fixtures/locations/clinic.yml), in the contact block, the opening hours, the
booking button, the footer and the structured data, with holiday closures relative to the build
date, map links that are only links, and located messages for mistakes."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from healthsite.model.legal import ALL_LEGAL_PAGES
from healthsite.model.loader import SiteContent, load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.content_pages import Renderer
from healthsite.render.structured_data import page_json_ld
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.booking_url import check_booking_url
from healthsite.site_checks.html_tools import Element, Page, read_html, read_page, squash
from healthsite.site_checks.location_checks import businesses, location_problems, within
from healthsite.source.errors import ContentErrors, Severity

from .conftest import EXAMPLE_SITE, FIXTURES, TEMPLATES, TODAY, build_on_fixed_date, copy_project
from .test_site_build import remote_resources

TWO_LOCATIONS = FIXTURES / "locations" / "clinic.yml"
ONE_LOCATION = EXAMPLE_SITE / "content" / "clinic.yml"
BUILD_DATE = date.fromisoformat(TODAY)


def content_with(tmp_path: Path, clinic_yml: str) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(EXAMPLE_SITE / "content", folder)
    (folder / "clinic.yml").write_text(clinic_yml, encoding="utf-8")
    return folder


def load(tmp_path: Path, clinic_yml: str) -> SiteContent:
    return load_content(content_with(tmp_path, clinic_yml), tmp_path)


def fragments(content: SiteContent, today: date = BUILD_DATE) -> Page:
    """The contact block, opening hours and booking button as a hand-written page shows them,
    with the JSON-LD of the same build, read as one page."""
    renderer = Renderer(content, TEMPLATES, today=today, addresses=DIRECTORY_ADDRESSES, pages=())
    html = "".join(
        renderer.fragment(name, "clinic.md")
        for name in ("contact_block", "opening_hours", "booking_button")
    )
    data = page_json_ld(content, None, "", today=today)
    return read_html(f'{html}<script type="application/ld+json">{data}</script>')


def headings(doc: Page) -> list[str]:
    return [squash(h.text) for h in doc.find("h3")]


def closures_shown(doc: Page) -> list[str]:
    return [
        squash(li.text) for ul in doc.find("ul", class_="hs-closures") for li in within(ul, "li")
    ]


# -- one location: clinic.yml as it was before locations --------------------------------------


def test_one_location_written_as_before_is_shown_without_a_location_heading(
    tmp_path: Path,
) -> None:
    doc = fragments(load(tmp_path, ONE_LOCATION.read_text(encoding="utf-8")))
    assert headings(doc) == []
    (contact,) = doc.find("div", class_="hs-location")
    assert squash(within(contact, "p", "hs-address")[0].text).startswith(
        "Wattle Lane Remedial Massage 12 Example Lane Sampleton NSW 2999"
    )
    assert [squash(a.text) for a in within(contact, "a", "hs-phone")] == ["02 5550 1234"]
    rows = [" ".join(squash(c.text) for c in r.children) for r in doc.find("tr")][1:]
    assert rows == [
        "Monday, Tuesday, Wednesday, Thursday, Friday 09:00 to 18:00",
        "Saturday 09:00 to 13:00",
        "Sunday Closed",
    ]
    assert closures_shown(doc) == []
    # No access block: the reader is told to ask, never left guessing.
    assert "To ask about wheelchair access" in squash(contact.text)
    assert [a.attrs["href"] for a in doc.find("a", class_="md-button")] == [
        "https://booking.example.com/wattle-lane",  # the contact block's
        "https://booking.example.com/wattle-lane",  # booking_button()
    ]
    # The clinic is still one business entry with the id every page's publisher names.
    (entry,) = businesses(doc)
    assert entry["@id"] == "https://example.org/#clinic"
    assert "specialOpeningHoursSpecification" not in entry
    assert location_problems(doc) == []


def test_one_location_may_add_closures_and_access_at_the_top(tmp_path: Path) -> None:
    text = ONE_LOCATION.read_text(encoding="utf-8").replace(
        "health_funds:",
        "closures:\n  - date: 2026-12-25\n    note: Christmas Day\n"
        "access:\n  step_free: false\n  details: Two steps at the front door.\n"
        "health_funds:",
    )
    doc = fragments(load(tmp_path, text))
    assert closures_shown(doc) == ["25 December 2026: Christmas Day"]
    access = squash(doc.find("ul", class_="hs-access")[0].text)
    assert access == (
        "Wheelchair access: there are steps between the street and the treatment room. "
        "Two steps at the front door."
    )
    (entry,) = businesses(doc)
    assert entry["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-25",
            "opens": "00:00",
            "closes": "00:00",
            "description": "Christmas Day",
        }
    ]
    assert location_problems(doc) == []


# -- two locations ----------------------------------------------------------------------------


@pytest.fixture
def two(tmp_path: Path) -> SiteContent:
    return load(tmp_path, TWO_LOCATIONS.read_text(encoding="utf-8"))


def test_two_locations_each_headed_by_name_with_their_own_or_the_clinics_details(
    two: SiteContent,
) -> None:
    doc = fragments(two)
    # The contact block's headings, then the opening hours'.
    assert headings(doc) == ["Wattle Lane", "Riverside", "Wattle Lane", "Riverside"]
    wattle, riverside = doc.find("div", class_="hs-location")
    # Wattle Lane has no phone or booking link of its own: the clinic's.
    assert [squash(a.text) for a in within(wattle, "a", "hs-phone")] == ["02 5550 1234"]
    assert [squash(a.text) for a in within(riverside, "a", "hs-phone")] == ["02 5550 5678"]
    assert [a.attrs["href"] for a in within(riverside, "a", "md-button")] == [
        "https://booking.example.com/riverside"
    ]
    assert "Riverton NSW 2998" in squash(riverside.text)
    assert [squash(li.text) for li in within(wattle, "li")] == [
        "Wheelchair access: step-free from the street to the treatment room. A ramp at the "
        "front door; the treatment rooms are on the ground floor.",
        "Accessible toilet: yes.",
        "Parking: Two free spaces behind the building, one of them wide.",
        "Public transport: Bus 123 stops outside; Sampleton station is 400 metres away.",
    ]
    riverside_hours = doc.find("table", class_="hs-hours")[1]
    assert [" ".join(squash(c.text) for c in r.children) for r in within(riverside_hours, "tr")][
        1:
    ] == ["Tuesday, Thursday 12:00 to 20:00", "Monday, Wednesday, Friday, Saturday, Sunday Closed"]
    # booking_button(): one per location, as their booking pages differ.
    buttons = [squash(a.text) for a in doc.find("a", class_="md-button")][2:]
    assert buttons == ["Book at Wattle Lane", "Book at Riverside"]


def test_a_shared_booking_page_gives_one_button(tmp_path: Path) -> None:
    text = TWO_LOCATIONS.read_text(encoding="utf-8").replace(
        "    booking_url: https://booking.example.com/riverside\n", ""
    )
    doc = fragments(load(tmp_path, text))
    buttons = [a.attrs["href"] for a in doc.find("a", class_="md-button")][2:]
    assert buttons == ["https://booking.example.com/wattle-lane"]


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        # Labour Day (5 October) has passed; the summer break and Christmas are to come.
        (
            "2026-11-25",
            ["24 December 2026 to 2 January 2027: Summer break", "25 December 2026: Christmas Day"],
        ),
        # During the summer break it is still shown; Christmas Day has passed.
        ("2026-12-28", ["24 December 2026 to 2 January 2027: Summer break"]),
        # Its last day is still a closure to show.
        ("2027-01-02", ["24 December 2026 to 2 January 2027: Summer break"]),
        ("2027-01-03", []),
    ],
)
def test_only_closures_that_have_not_ended_are_shown(
    two: SiteContent, today: str, shown: list[str]
) -> None:
    doc = fragments(two, date.fromisoformat(today))
    assert closures_shown(doc) == shown
    special = [
        (s["validFrom"], s["validThrough"], s["description"])
        for entry in businesses(doc)
        for s in entry.get("specialOpeningHoursSpecification", [])
    ]
    assert [note for *_, note in special] == [text.rsplit(": ", 1)[1] for text in shown]
    assert location_problems(doc) == []


def test_each_location_is_a_business_of_the_clinic_in_structured_data(two: SiteContent) -> None:
    graph = json.loads(page_json_ld(two, None, "", today=BUILD_DATE))["@graph"]
    clinic, wattle, riverside = graph
    assert clinic["@type"] == "Organization"
    assert clinic["@id"] == "https://example.org/#clinic"
    assert clinic["subOrganization"] == [
        {"@id": "https://example.org/#location-wattle-lane"},
        {"@id": "https://example.org/#location-riverside"},
    ]
    for entry, location in ((wattle, "wattle-lane"), (riverside, "riverside")):
        assert entry["@type"] == "HealthAndBeautyBusiness"
        assert entry["@id"] == f"https://example.org/#location-{location}"
        assert entry["parentOrganization"] == {"@id": "https://example.org/#clinic"}
    assert wattle["name"] == "Wattle Lane Remedial Massage, Wattle Lane"
    assert (wattle["telephone"], riverside["telephone"]) == ("02 5550 1234", "02 5550 5678")
    assert riverside["address"]["streetAddress"] == "3/45 River Road"
    assert riverside["hasMap"] == "https://www.openstreetmap.org/search?query=Riverton"
    assert wattle["specialOpeningHoursSpecification"][0]["validThrough"] == "2027-01-02"


def test_location_checks_catch_a_page_that_differs_from_its_structured_data(
    two: SiteContent,
) -> None:
    """The comparison the site checks rely on fails when the page and the data disagree."""
    renderer = Renderer(two, TEMPLATES, today=BUILD_DATE, addresses=DIRECTORY_ADDRESSES, pages=())
    html = str(renderer.fragment("contact_block", "clinic.md")) + str(
        renderer.fragment("opening_hours", "clinic.md")
    )
    data: dict[str, Any] = json.loads(page_json_ld(two, None, "", today=BUILD_DATE))
    data["@graph"][2]["telephone"] = "02 5550 9999"
    data["@graph"][1]["specialOpeningHoursSpecification"] = []
    doc = read_html(html + f'<script type="application/ld+json">{json.dumps(data)}</script>')
    problems = location_problems(doc)
    assert any("riverside: phone shown ['02 5550 5678']" in p for p in problems), problems
    assert any("wattle-lane: closures shown" in p for p in problems), problems


# -- map links --------------------------------------------------------------------------------


def test_map_link_searches_the_encoded_address_on_the_map_service(two: SiteContent) -> None:
    doc = fragments(two)
    wattle, riverside = (a.attrs["href"] for a in doc.find("a", class_="hs-map-link"))
    parts = urlsplit(wattle)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(parts.query) == {
        "api": ["1"],
        "query": ["12 Example Lane, Sampleton NSW 2999, Australia"],
    }
    # Encoded: no space, comma or '/' of the address can change the link.
    assert "query=12%20Example%20Lane%2C%20Sampleton%20NSW%202999%2C%20Australia" in wattle
    # A clinic's own map link is used as written.
    assert riverside == "https://www.openstreetmap.org/search?query=Riverton"


# -- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_location_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("locations") / "project")
    shutil.copy2(TWO_LOCATIONS, project / "content" / "clinic.yml")
    return build_on_fixed_date(project)


def test_built_pages_show_both_locations_and_match_their_structured_data(
    two_location_site: Path,
) -> None:
    pages = sorted(two_location_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        doc = read_page(path)
        # Every page: the footer names both locations, with the structured data's values.
        assert location_problems(doc) == [], path
        footer = [
            squash(li.text)
            for address in doc.find("address", class_="hs-footer-locations")
            for li in within(address, "li")
        ]
        assert footer == ["Sampleton: 02 5550 1234", "Riverton: 02 5550 5678"], path
        # Map links are links: nothing on any page loads from another host.
        assert remote_resources(doc) == [], path
    clinic = read_page(two_location_site / "clinic" / "index.html")
    assert len(clinic.find("div", class_="hs-location")) == 2
    assert len(clinic.find("div", class_="hs-location-hours")) == 2
    assert closures_shown(clinic) == [
        "24 December 2026 to 2 January 2027: Summer break",
        "25 December 2026: Christmas Day",
    ]
    assert "Labour Day" not in clinic.path.read_text(encoding="utf-8")
    # The privacy page gives the first location's address for letters.
    privacy = squash(read_page(two_location_site / "privacy" / "index.html").path.read_text())
    assert "12 Example Lane" in privacy


def test_past_closure_is_a_warning_located_at_it(two: SiteContent) -> None:
    problems = [
        p for p in check_rules(two, RuleSettings(today=BUILD_DATE)) if "closure" in p.message
    ]
    assert [(p.severity, p.line, p.field) for p in problems] == [
        (Severity.WARNING, 30, "locations[0].closures[0]")
    ]
    assert problems[0].message == (
        "the closure 'Labour Day' ended on 2026-10-05, before today (2026-11-25), so the site "
        "no longer shows it"
    )


# -- mistakes ---------------------------------------------------------------------------------

TWO = TWO_LOCATIONS.read_text(encoding="utf-8")
ONE = ONE_LOCATION.read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


MISTAKES = [
    (
        "duplicate location id",
        edited(TWO, "id: riverside", "id: wattle-lane"),
        "content/clinic.yml:41:9: error in 'locations[1].id': two locations have the id "
        "'wattle-lane' (the first on line 15)\n"
        "    How to fix: give each location its own id",
    ),
    (
        "closure that ends before it starts",
        edited(TWO, "to: 2027-01-02", "to: 2026-01-02"),
        "content/clinic.yml:32:9: error in 'locations[0].closures[1]': 'to' (2026-01-02) is "
        "before 'from' (2026-12-24): 'to' is the last day you are closed; check the year",
    ),
    (
        "closure with 'from' and no 'to'",
        edited(TWO, "        to: 2027-01-02\n", ""),
        "content/clinic.yml:32:9: error in 'locations[0].closures[1]': 'to' is missing: a "
        "closure of several days needs 'from' (the first day closed) and 'to' (the last day "
        "closed)",
    ),
    (
        "unknown field in a location",
        edited(TWO, '    phone: "02 5550 5678"', '    phnoe: "02 5550 5678"'),
        "content/clinic.yml:48:5: error in 'locations[1].phnoe': unknown field 'phnoe'\n"
        "    How to fix: did you mean 'phone'? Fields allowed here: id, name, address, phone, "
        "booking_url, map_url, opening_hours, closures, access",
    ),
    (
        "unknown field in a closure lists the YAML names",
        edited(TWO, "      - date: 2026-12-25", "      - day: 2026-12-25"),
        "content/clinic.yml:56:9: error in 'locations[1].closures[0].day': unknown field 'day'\n"
        "    How to fix: Fields allowed here: date, from, to, note",
    ),
    (
        "access without the step-free answer",
        edited(TWO, "      step_free: true\n", ""),
        "content/clinic.yml:36:7: error in 'locations[0].access.step_free': the required field "
        "'step_free' is missing\n"
        "    How to fix: add a line 'step_free: …' to this block",
    ),
    (
        "top-level address next to a locations list",
        edited(
            TWO,
            "locations:\n",
            "address:\n  street: 1 Old Street\n  suburb: Sampleton\n"
            '  state: NSW\n  postcode: "2999"\nlocations:\n',
        ),
        "content/clinic.yml:4:1: error: 'address' must be inside each entry of 'locations' "
        "when clinic.yml has a 'locations' list: move them into the location they belong to",
    ),
    (
        "neither an address nor locations",
        edited(
            ONE,
            "address:\n  street: 12 Example Lane\n  suburb: Sampleton\n  state: NSW\n"
            '  postcode: "2999"\n',
            "",
        ),
        "content/clinic.yml:4:1: error: 'address' is missing: write your address and "
        "opening_hours here for one location, or a 'locations' list with one entry for each "
        "location (see content/README.md, section 2)",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_location_mistakes_give_located_messages(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ContentErrors) as caught:
        load(tmp_path, text)
    *lines, _summary = caught.value.format().splitlines()
    assert "\n".join(lines) == expected


def test_location_text_goes_through_the_spelling_and_wording_rules(tmp_path: Path) -> None:
    text = edited(TWO, "Bus 123 stops outside;", "Bus 123 stops outside the shopping center;")
    text = edited(text, "note: Christmas Day", "note: Christmas Day, guaranteed relief after")
    content = load(tmp_path, text)
    found = {
        (p.field, p.severity)
        for p in check_rules(content, RuleSettings(today=BUILD_DATE))
        if p.field.startswith("locations") and "closure" not in p.message
    }
    assert ("locations[0].access.public_transport", Severity.ERROR) in found
    assert any(field == "locations[1].closures[0].note" for field, _ in found), found


def test_a_locations_booking_link_on_the_site_must_be_one_of_its_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = edited(
        TWO,
        "booking_url: https://booking.example.com/riverside",
        "booking_url: https://example.org/book-riverside/",
    )
    (project / "content" / "clinic.yml").write_text(text, encoding="utf-8")
    content = load_content(project / "content", project)
    found = check_booking_url(
        content, ALL_LEGAL_PAGES, project / "docs", project, addresses=DIRECTORY_ADDRESSES
    )
    assert [(p.line, p.field) for p in found] == [(49, "locations[1].booking_url")]
    assert found[0].message.startswith("booking_url points at this site (example.org)")


# -- the home page's front door ---------------------------------------------------------------


def front_door(content: SiteContent, today: date = BUILD_DATE) -> Page:
    renderer = Renderer(content, TEMPLATES, today=today, addresses=DIRECTORY_ADDRESSES, pages=())
    return read_html(str(renderer.fragment("front_door", "index.md")))


def hours_shown(table: Element) -> list[str]:
    """The rows of a front door's hours table, as "days: hours"."""
    return [": ".join(squash(cell.text) for cell in row.children) for row in within(table, "tr")]


def test_front_door_shows_each_location_with_phone_hours_map_and_next_closure(
    two: SiteContent,
) -> None:
    doc = front_door(two)
    wattle, riverside = ([squash(p.text) for p in within(li, "p")] for li in doc.find("li"))
    assert wattle == [
        "Wattle Lane: 12 Example Lane, Sampleton (map to Wattle Lane). Phone 02 5550 1234.",
        "Closed 24 December 2026 to 2 January 2027 (Summer break).",
    ]
    assert riverside == [
        "Riverside: 3/45 River Road, Riverton (map to Riverside). Phone 02 5550 5678.",
        "Closed 25 December 2026 (Christmas Day).",
    ]
    assert [hours_shown(table) for table in doc.find("table")] == [
        ["Monday to Friday: 09:00 to 18:00", "Saturday: 09:00 to 13:00", "Sunday: Closed"],
        ["Tuesday and Thursday: 12:00 to 20:00", "Monday, Wednesday and Friday to Sunday: Closed"],
    ]
    assert [a.attrs["href"] for a in doc.find("a", class_="md-button")] == [
        "https://booking.example.com/wattle-lane",
        "https://booking.example.com/riverside",
    ]
    # No price list in this content: no link to one.
    assert "prices" not in squash(doc.find("p", class_="hs-front-offer")[0].text)


def test_front_door_of_one_location_after_its_closures_links_the_price_list(
    tmp_path: Path,
) -> None:
    folder = content_with(tmp_path, ONE_LOCATION.read_text(encoding="utf-8"))
    shutil.copy2(FIXTURES / "services" / "services.yml", folder / "services.yml")
    doc = front_door(load_content(folder, tmp_path), date(2027, 6, 1))
    (place,) = doc.find("li")
    assert squash(place.text).startswith("Sampleton: ")  # the suburb names a single location
    assert within(place, "time") == []  # no closure to come
    offer = doc.find("p", class_="hs-front-offer")[0]
    assert [a.attrs["href"] for a in within(offer, "a")] == ["services/"]


def test_location_names_take_the_heading_level_the_page_asks_for(two: SiteContent) -> None:
    """Under a page's # title a hand-written page asks for level 2 (`opening_hours(heading=2)`),
    so headings never skip a level; under a ## heading the default, 3, follows on."""
    renderer = Renderer(two, TEMPLATES, today=BUILD_DATE, addresses=DIRECTORY_ADDRESSES, pages=())
    for name in ("contact_block", "opening_hours"):
        under_title = read_html(str(renderer.fragment(name, "getting-here.md", heading=2)))
        assert [squash(h.text) for h in under_title.find("h2")] == ["Wattle Lane", "Riverside"]
        assert under_title.find("h3") == []
        default = read_html(str(renderer.fragment(name, "clinic.md")))
        assert [squash(h.text) for h in default.find("h3")] == ["Wattle Lane", "Riverside"]
    with pytest.raises(ValueError, match="heading is the level of the location names"):
        renderer.fragment("opening_hours", "clinic.md", heading=1)
