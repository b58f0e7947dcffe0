"""A booking_url on the site's own address must be a page the site builds
(healthsite.rules.booking_url): else every "Book" button leads to "page not found", which the
field checks cannot see (the address is a valid https address) and only the site checks' link
test used to find, after a build, as a failed request to 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.model.legal import ALL_LEGAL_PAGES
from healthsite.model.loader import load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.rules.booking_url import check_booking_url

from .conftest import FIXTURE_CONTENT, copy_project

BOOKING = "booking_url: https://bookings.example.com/book"
SITE = "site_url: https://example.org/"


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture content in the example site (docs/ has index.md, clinic.md,
    safety.md, benefits/index.md and guides/index.md)."""
    return copy_project(tmp_path_factory.mktemp("booking") / "project", FIXTURE_CONTENT)


def set_clinic(project: Path, **lines: str) -> None:
    """Replace clinic.yml's `site_url` and `booking_url` lines of the fixture."""
    clinic = project / "content" / "clinic.yml"
    text = (FIXTURE_CONTENT / "clinic.yml").read_text(encoding="utf-8")
    assert BOOKING in text and SITE in text, "the fixture's clinic.yml changed"
    text = text.replace(BOOKING, f"booking_url: {lines.get('booking', '')}")
    text = text.replace(SITE, f"site_url: {lines.get('site', 'https://example.org/')}")
    clinic.write_text(text, encoding="utf-8")


def problems(project: Path, booking: str, *, site: str = "https://example.org/") -> list[str]:
    set_clinic(project, booking=booking, site=site)
    content = load_content(project / "content", project)
    found = check_booking_url(
        content, ALL_LEGAL_PAGES, project / "docs", project, addresses=DIRECTORY_ADDRESSES
    )
    return [p.format() for p in found]


@pytest.mark.parametrize(
    "booking",
    [
        "https://bookings.example.com/book",  # a booking company: another host
        "https://example.org/clinic/",  # docs/clinic.md
        "https://example.org/clinic/#book",  # a part of that page
        "https://example.org/clinic/index.html",
        "https://example.org/",  # the home page
        "https://example.org",
        "https://EXAMPLE.org/faq/",  # the generated FAQ (host names ignore case)
        "https://example.org/benefits/stress/",  # a generated benefit page
        "https://example.org/guides/paying/",  # a generated guide page
        "https://example.org/privacy/",  # a generated legal page
        "https://example.org:8443/book",  # another port is another site
    ],
)
def test_an_address_elsewhere_or_of_a_page_the_site_builds_passes(
    fixture_project: Path, booking: str
) -> None:
    assert problems(fixture_project, booking) == []


def test_a_page_the_site_does_not_build_is_an_error_at_the_field(fixture_project: Path) -> None:
    assert problems(fixture_project, "https://example.org/book") == [
        "content/clinic.yml:17:14: error in 'booking_url': booking_url points at this site "
        "(example.org), but the site has no page at /book: every 'Book' button would lead "
        "readers to 'page not found'\n"
        "    How to fix: write your booking company's address for your clinic (the page where "
        "clients book, starting with https://); or, if clients book through a page of this "
        "site, write that page's address as it is published, ending in '/' (for a page you "
        "write as docs/book.md: booking_url: https://example.org/book/)"
    ]


def test_a_page_without_its_closing_slash_is_an_error_that_gives_the_address(
    fixture_project: Path,
) -> None:
    assert problems(fixture_project, "https://example.org/clinic") == [
        "content/clinic.yml:17:14: error in 'booking_url': booking_url points at this site's "
        "page /clinic without the '/' that ends its address (/clinic/): the link would lead to "
        "a redirect at best, or to 'page not found'\n"
        "    How to fix: write booking_url: https://example.org/clinic/"
    ]


def test_a_page_in_docs_and_a_file_in_docs_pass_once_they_exist(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    assert problems(project, "https://example.org/book/") != []
    (project / "docs" / "book.md").write_text("# Book\n\nCall us.\n", encoding="utf-8")
    assert problems(project, "https://example.org/book/") == []
    assert problems(project, "https://example.org/forms/booking.pdf") != []
    (project / "docs" / "forms").mkdir()
    (project / "docs" / "forms" / "booking.pdf").write_bytes(b"%PDF-1.4\n")
    assert problems(project, "https://example.org/forms/booking.pdf") == []
    # A page's source file is not published as it is: its address is the page's.
    assert problems(project, "https://example.org/book.md") != []


def test_a_site_under_a_path_checks_only_addresses_under_that_path(
    fixture_project: Path,
) -> None:
    site = "https://name.github.io/clinic/"
    assert problems(fixture_project, "https://name.github.io/clinic/faq/", site=site) == []
    assert problems(fixture_project, "https://name.github.io/bookings/", site=site) == []
    (found,) = problems(fixture_project, "https://name.github.io/clinic/book", site=site)
    assert "the site has no page at /clinic/book:" in found
    assert "booking_url: https://name.github.io/clinic/book/)" in found


def test_healthsite_check_refuses_a_booking_url_to_a_missing_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    set_clinic(project, booking="https://example.org/book-now")
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/clinic.yml:17:14: error in 'booking_url': booking_url points at this site "
        "(example.org), but the site has no page at /book-now:"
    ) in err
    assert "docs/book-now.md: booking_url: https://example.org/book-now/)" in err
    # With use_directory_urls off, the address to write is the page's .html file.
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "use_directory_urls: true", "use_directory_urls: false"
        ),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) == 1
    assert "booking_url: https://example.org/book-now.html)" in capsys.readouterr().err
