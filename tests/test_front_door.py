"""The home page's front door on a clinic with three locations, two of which book through the same
page (tests/fixtures/locations/three-locations.yml): one booking button per booking page (or
phone number) naming the locations it serves, each location's hours as a short table with its
days grouped, and the clinic's logo in the header, decorative beside the site's name
(tests/test_front_door_browser.py shows them on a phone)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader

from healthsite.model.loader import SiteContent, load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.content_pages import Renderer
from healthsite.render.locations import booking_choices
from healthsite.render.theme_files import THEME_DIR
from healthsite.site_checks.html_tools import Element, Page, read_html, read_page, squash
from healthsite.site_checks.location_checks import location_problems, within

from .conftest import EXAMPLE_SITE, FIXTURES, TEMPLATES, build_on_fixed_date, copy_project
from .test_locations import BUILD_DATE

THREE_LOCATIONS = FIXTURES / "locations" / "three-locations.yml"
WATTLE_LANE_BOOKING = "https://booking.example.com/wattle-lane"
RIVERSIDE_BOOKING = "https://booking.example.com/riverside"
RIVERSIDE_OWN_LINK = f"    booking_url: {RIVERSIDE_BOOKING}\n"
# The home page of the frozen example site, with the front door under the clinic's name as the
# example clinic's home page has it.
HOME_PAGE = "---\ntitle: Home\n---\n\n# {{ clinic.name }}\n\n{{ front_door() }}\n"


def clinic_yml(*, without: tuple[str, ...] = ()) -> str:
    """The three locations' clinic.yml, with each line of `without` taken out."""
    text = THREE_LOCATIONS.read_text(encoding="utf-8")
    for line in without:
        assert line in text, line
        text = text.replace(line, "")
    return text


def load(tmp_path: Path, text: str) -> SiteContent:
    folder = tmp_path / "content"
    shutil.copytree(EXAMPLE_SITE / "content", folder)
    (folder / "clinic.yml").write_text(text, encoding="utf-8")
    return load_content(folder, tmp_path)


def fragment(content: SiteContent, name: str) -> Page:
    return read_html(
        str(
            Renderer(
                content, TEMPLATES, today=BUILD_DATE, addresses=DIRECTORY_ADDRESSES, pages=()
            ).fragment(name, "index.md")
        )
    )


def buttons(doc: Page) -> list[tuple[str, str]]:
    """Each booking button's link and words."""
    return [
        (a.attrs["href"], squash(a.text))
        for p in doc.find("p", class_="hs-book")
        for a in within(p, "a", "md-button")
    ]


def hours_rows(table: Element) -> list[tuple[str, str]]:
    return [
        (squash(row.children[0].text), squash(row.children[1].text)) for row in within(table, "tr")
    ]


# -- one booking button per booking page ------------------------------------------------------


def test_locations_sharing_a_booking_page_get_one_button_that_names_them(tmp_path: Path) -> None:
    content = load(tmp_path, clinic_yml())
    expected = [
        (WATTLE_LANE_BOOKING, "Book at Wattle Lane or Hilltop"),
        (RIVERSIDE_BOOKING, "Book at Riverside"),
    ]
    for name in ("front_door", "booking_button"):
        doc = fragment(content, name)
        assert buttons(doc) == expected, name
        # In one box whose columns are of equal widths (the stylesheet's grid).
        assert [p.attrs["class"] for p in doc.find("p", class_="hs-book")] == [
            "hs-book hs-book--choices"
        ]


def test_each_location_block_keeps_its_own_booking_link(tmp_path: Path) -> None:
    doc = fragment(load(tmp_path, clinic_yml()), "contact_block")
    assert {
        section.attrs["data-location"]: [a.attrs["href"] for a in within(section, "a", "md-button")]
        for section in doc.find("div", class_="hs-location")
    } == {
        "wattle-lane": [WATTLE_LANE_BOOKING],
        "riverside": [RIVERSIDE_BOOKING],
        "hilltop": [WATTLE_LANE_BOOKING],
    }


def test_one_booking_page_for_every_location_gives_one_plain_button(tmp_path: Path) -> None:
    doc = fragment(load(tmp_path, clinic_yml(without=(RIVERSIDE_OWN_LINK,))), "front_door")
    assert buttons(doc) == [(WATTLE_LANE_BOOKING, "Book an appointment")]
    assert [p.attrs["class"] for p in doc.find("p", class_="hs-book")] == ["hs-book"]


def test_locations_without_a_booking_page_are_grouped_by_the_number_to_call(
    tmp_path: Path,
) -> None:
    text = clinic_yml(
        without=(
            f"booking_url: {WATTLE_LANE_BOOKING}\n",
            RIVERSIDE_OWN_LINK,
            '    phone: "02 5550 9012"\n',  # Hilltop then answers on the clinic's number
        )
    )
    doc = fragment(load(tmp_path, text), "front_door")
    assert buttons(doc) == [
        ("tel:0255501234", "Call 02 5550 1234 to book at Wattle Lane or Hilltop"),
        ("tel:0255505678", "Call 02 5550 5678 to book at Riverside"),
    ]


def test_booking_choices_keep_the_order_of_the_first_location_each_serves(
    tmp_path: Path,
) -> None:
    content = load(tmp_path, clinic_yml())
    renderer = Renderer(
        content, TEMPLATES, today=BUILD_DATE, addresses=DIRECTORY_ADDRESSES, pages=()
    )
    choices = booking_choices(renderer.places)
    assert [(c.href, [p.id for p in c.places], c.place_names) for c in choices] == [
        (WATTLE_LANE_BOOKING, ["wattle-lane", "hilltop"], "Wattle Lane or Hilltop"),
        (RIVERSIDE_BOOKING, ["riverside"], "Riverside"),
    ]


# -- each location's hours as a table ---------------------------------------------------------


def test_each_locations_hours_are_a_table_with_its_days_grouped(tmp_path: Path) -> None:
    doc = fragment(load(tmp_path, clinic_yml()), "front_door")
    tables = doc.find("table", class_="hs-front-hours")
    assert [squash(within(t, "caption")[0].text) for t in tables] == [
        "Opening hours at Wattle Lane",
        "Opening hours at Riverside",
        "Opening hours at Hilltop",
    ]
    assert [hours_rows(t) for t in tables] == [
        [
            ("Monday to Friday", "09:00 to 18:00"),
            ("Saturday", "09:00 to 13:00"),
            ("Sunday", "Closed"),
        ],
        [
            ("Tuesday and Thursday", "12:00 to 20:00"),
            ("Monday, Wednesday and Friday to Sunday", "Closed"),
        ],
        [
            # Open twice on a day (a lunch break): a row for each entry of clinic.yml.
            ("Wednesday and Friday", "08:00 to 12:00"),
            ("Wednesday and Friday", "13:00 to 17:00"),
            ("Sunday", "10:00 to 14:00"),
            ("Monday, Tuesday, Thursday and Saturday", "Closed"),
        ],
    ]
    # Each row is headed by its days, for a screen reader's "row header".
    for table in tables:
        assert within(table, "td") and all(
            th.attrs.get("scope") == "row" for th in within(table, "th")
        )
        assert len(within(table, "th")) == len(within(table, "tr"))


def test_hours_tables_tell_the_script_the_clinics_clock_open_days_and_closures(
    tmp_path: Path,
) -> None:
    """What opening-hours.js reads to add today's hours: the time zone of the location's state,
    the ISO weekdays of each row of open hours (none on the closed days' row), and the
    closures still to come as first/last dates."""
    doc = fragment(load(tmp_path, clinic_yml()), "front_door")
    wattle, riverside, hilltop = doc.find("table", class_="hs-front-hours")
    assert {t.attrs["data-time-zone"] for t in (wattle, riverside, hilltop)} == {"Australia/Sydney"}
    assert [row.attrs.get("data-weekdays") for row in within(hilltop, "tr")] == [
        "3 5",
        "3 5",
        "7",
        None,
    ]
    assert wattle.attrs["data-closed"] == "2026-12-24/2027-01-02"  # Labour Day has passed
    assert riverside.attrs["data-closed"] == "2026-12-25/2026-12-25"
    assert "data-closed" not in hilltop.attrs


# -- the built home page: header logo, and the same facts as the structured data --------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_on_fixed_date(project_with_three_locations(tmp_path_factory.mktemp("front")))


def project_with_three_locations(target: Path) -> Path:
    """The frozen example site with three locations and the front door on its home page."""
    project = copy_project(target)
    shutil.copy2(THREE_LOCATIONS, project / "content" / "clinic.yml")
    (project / "docs" / "index.md").write_text(HOME_PAGE, encoding="utf-8")
    return project


def test_the_header_shows_the_clinics_logo_as_decoration_of_the_named_link(site: Path) -> None:
    home = read_page(site / "index.html")
    (header,) = home.find("header")
    (link,) = within(header, "a", "md-logo")
    assert link.attrs["aria-label"] == "Wattle Lane Remedial Massage"
    assert [(img.attrs["src"], img.attrs["alt"]) for img in within(link, "img")] == [
        ("assets/logo.svg", "")
    ]


def test_the_home_page_loads_the_opening_hours_script(site: Path) -> None:
    home = read_page(site / "index.html")
    sources = [s.attrs.get("src", "") for s in home.find("script")]
    assert sum(src.endswith("assets/javascripts/opening-hours.js") for src in sources) == 1
    assert (site / "assets" / "javascripts" / "opening-hours.js").is_file()


def test_the_built_home_page_agrees_with_its_structured_data(site: Path) -> None:
    home = read_page(site / "index.html")
    assert len(home.find("table", class_="hs-front-hours")) == 3
    assert location_problems(home) == []


def test_without_a_logo_of_its_own_the_header_keeps_materials_icon() -> None:
    """Material's logo partial, as the theme overrides it, draws the stock icon when mkdocs.yml
    names no logo (the stylesheet keeps that hidden on a phone, as Material does)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(THEME_DIR), PackageLoader("material", "templates")]),
        autoescape=True,
    )
    env.filters["url"] = lambda value: value
    logo = env.get_template("partials/logo.html")
    without = logo.render(config={"theme": {"logo": None, "icon": {}}})
    assert "<svg" in without and "<img" not in without
    with_logo = logo.render(config={"theme": {"logo": "assets/logo.png", "icon": {}}})
    assert '<img src="assets/logo.png" alt="">' in with_logo
