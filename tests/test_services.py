"""The treatments and prices page (content/services.yml -> /services/): the table and the
structured data come from the same data, the page is optional, and staff get located messages
for what they mistype. On fixtures: the example fixture site plus tests/fixtures/services/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.model.kinds.services import SERVICES
from healthsite.model.loader import load_content
from healthsite.site_checks.html_tools import Page, read_page, squash
from healthsite.source.errors import ContentErrors

from .conftest import FIXTURES, build, build_on_fixed_date, copy_project

SERVICES_YML = (FIXTURES / "services" / "services.yml").read_text(encoding="utf-8")
NAV_LINE = "  - Common questions: faq.md\n"


def project_with_services(target: Path, services: str | None = SERVICES_YML) -> Path:
    project = copy_project(target)
    if services is not None:
        (project / "content" / "services.yml").write_text(services, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert NAV_LINE in text, "fixture mkdocs.yml no longer lists the FAQ"
    config.write_text(
        text.replace(NAV_LINE, NAV_LINE + "  - Treatments and prices: services.md\n"),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_on_fixed_date(project_with_services(tmp_path_factory.mktemp("services")))


@pytest.fixture(scope="module")
def page(site: Path) -> Page:
    return read_page(site / "services" / "index.html")


def rows(page: Page) -> list[list[str]]:
    table = page.find("table")[0]
    body = next(child for child in table.children if child.tag == "tbody")
    return [[squash(cell.text) for cell in row.children] for row in body.children]


def test_table_has_a_row_per_length_with_prices_and_fund_cover(page: Page) -> None:
    assert rows(page) == [
        ["Remedial massage", "30 minutes", "$75", "Usually"],
        ["Remedial massage", "60 minutes", "$120.50", "Usually"],
        ["Relaxation massage", "60 minutes", "$1,050", "No"],
        ["Cupping", "45 minutes", "$90", "Ask us"],
    ]
    headers = [squash(th.text) for th in page.find("th", scope="col")]
    assert headers == ["Treatment", "Length", "Price", "Health fund rebate"]


def test_rebate_column_is_left_out_when_no_treatment_says(tmp_path: Path) -> None:
    text = SERVICES_YML.replace("    health_fund_claimable: true\n", "").replace(
        "    health_fund_claimable: false\n", ""
    )
    site = build_on_fixed_date(project_with_services(tmp_path, text))
    page = read_page(site / "services" / "index.html")
    assert [squash(th.text) for th in page.find("th", scope="col")] == [
        "Treatment",
        "Length",
        "Price",
    ]
    assert "rebate" not in squash(page.find("article")[0].text).lower()


def test_each_treatment_has_its_own_booking_link(page: Page) -> None:
    services = page.find("div", class_="hs-service")
    links = [
        next(a for a in page.find("a", class_="md-button") if squash(a.text) == label)
        for label in ("Book remedial massage", "Book relaxation massage", "Book cupping")
    ]
    assert len(services) == 3
    # The treatment's own booking link wins over the clinic's (fixture clinic.yml has one).
    assert [a.attrs["href"] for a in links] == [
        "https://booking.example.com/wattle-lane",
        "https://booking.example.com/relax",
        "https://booking.example.com/wattle-lane",
    ]


def test_structured_data_offers_what_the_table_shows(page: Page) -> None:
    item = page.graph_item("WebPage")
    assert item["name"] == "Treatments and prices"
    assert item["lastReviewed"] == "2026-11-01"
    offers = item["mainEntity"]["itemListElement"]
    table = rows(page)
    assert len(offers) == len(table)
    for offer, row in zip(offers, table, strict=True):
        assert offer["@type"] == "Offer"
        assert offer["priceCurrency"] == "AUD"
        assert offer["itemOffered"]["name"] == row[0]
        assert offer["name"] == f"{row[0]}, {row[1]}"
        assert f"${float(offer['price']):,.2f}".removesuffix(".00") == row[2]


def test_page_is_in_the_menu_and_the_site_makes_no_page_without_the_file(
    site: Path, tmp_path: Path
) -> None:
    home = read_page(site / "index.html")
    assert any(a.attrs.get("href", "").endswith("services/") for a in home.find("a"))
    # No services.yml: no page, and the menu line mkdocs.yml still has is left out (strict
    # build passes).
    without = build_on_fixed_date(project_with_services(tmp_path, None))
    assert not (without / "services").exists()
    home = read_page(without / "index.html")
    assert not any("services" in a.attrs.get("href", "") for a in home.find("a"))


def load_errors(tmp_path: Path, text: str) -> list[str]:
    project = project_with_services(tmp_path, text)
    with pytest.raises(ContentErrors) as caught:
        load_content(project / "content", project)
    return [problem.format() for problem in sorted(caught.value.problems)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        price: 75\n",
            "        price: 75.255\n",
            "content/services.yml:17:16: error in 'services[0].sessions[0].price': '75.255' is "
            "not an amount of dollars and cents",
        ),
        (
            "        price: 75\n",
            "        price: -5\n",
            "content/services.yml:17:16: error in 'services[0].sessions[0].price': '-5' must be "
            "more than 0",
        ),
        (
            "      - minutes: 60\n        price: 120.5\n",
            "      - minutes: 30\n        price: 120.5\n",
            "lists the same length twice",
        ),
        ("  - id: relaxation\n", "  - id: remedial\n", "two treatments share the id 'remedial'"),
        (
            "    name: Relaxation massage\n",
            "    name: remedial  Massage\n",
            "two treatments are called 'remedial  Massage'; give each its own name, or put both "
            "lengths and prices under one treatment",
        ),
        ("    sessions:\n", "    sesions:\n", "did you mean 'sessions'"),
    ],
)
def test_mistakes_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in SERVICES_YML
    errors = load_errors(tmp_path, SERVICES_YML.replace(old, new, 1))
    assert any(expected in error for error in errors), errors


def test_claimable_treatment_needs_a_therapist_funds_recognise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with_services(tmp_path)
    clinic = project / "content" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace(
            "health_fund_provider: true", "health_fund_provider: false"
        ),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/services.yml:20:28: error in 'services[0].health_fund_claimable'" in err
    assert "'Remedial massage' says health funds usually pay part of it" in err


def test_treatment_text_meets_the_wording_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SERVICES_YML.replace(
        "A gentle massage to help you unwind.", "A gentle massage that cures stress."
    )
    project = project_with_services(tmp_path, text)
    assert build(project) == 1
    err = capsys.readouterr().err
    assert "content/services.yml:" in err
    assert "cures" in err
    assert not (project / "site").exists()


def test_loaded_content_keeps_the_page_by_kind(tmp_path: Path) -> None:
    project = project_with_services(tmp_path)
    content = load_content(project / "content", project)
    (page,) = content.of(SERVICES)
    assert page.source_path == "services.md"
    assert [service.id for service in page.item.services] == ["remedial", "relaxation", "cupping"]
    shutil.rmtree(project / "site", ignore_errors=True)


def test_check_summary_counts_treatments_only_when_there_is_a_price_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_list = project_with_services(tmp_path / "with")
    assert healthsite(["--root", str(with_list), "check"]) == 0
    assert ", 3 treatments, " in capsys.readouterr().out
    without = project_with_services(tmp_path / "without", None)
    # A topic deleted: its sources are no longer cited, and the summary says so.
    benefits = sorted((without / "content" / "benefits").glob("*.yml"))
    benefits[0].unlink()
    assert healthsite(["--root", str(without), "check"]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert "treatments" not in summary
    assert re.search(r" (\d+) references \((\d+) cited\)\.$", summary), summary


def test_a_treatment_may_not_word_its_own_safety_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SERVICES_YML.replace(
        "A gentle massage to help you unwind.",
        "A gentle massage to help you unwind. If you take blood thinners, tell us first.",
    )
    project = project_with_services(tmp_path, text)
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/services.yml:23:55:" in err
    assert "error in 'services[1].description'" in err
    assert "this page shows no safety advice" in err
