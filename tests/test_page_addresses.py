"""The one page-address rule (healthsite.model.page_addresses) agrees with MkDocs' own, with
`use_directory_urls` on and off: the address of each page, and the link from each page to each
other one. Content text's links, written in directory addresses, are published as the site
addresses its pages (healthsite.render.text_links)."""

from __future__ import annotations

import itertools
from urllib.parse import unquote

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from healthsite.model.page_addresses import (
    DIRECTORY_ADDRESSES,
    PageAddresses,
    link_target,
    relative_link,
)
from healthsite.render.text_links import TextLinks

FLAT = PageAddresses(directory_urls=False)
# Pages as a site may have them: the home page, a folder's index and README, nested pages, a
# name with a space (MkDocs percent-encodes it; the rule's addresses are plain paths).
SOURCES = [
    "index.md",
    "book.md",
    "benefits/index.md",
    "benefits/stress.md",
    "team/README.md",
    "clinic/team/jane.md",
    "clinic prices.md",
]
BOTH = [DIRECTORY_ADDRESSES, FLAT]


def file_url(source: str, addresses: PageAddresses) -> str:
    """The page's address as MkDocs' File has it ("./" for the home page)."""
    return File(source, "docs", "site", addresses.directory_urls).url


def mkdocs_url(source: str, addresses: PageAddresses) -> str:
    """The page's address as MkDocs gives it to templates (`Page.url`: "" for "./")."""
    url = file_url(source, addresses)
    return "" if url in {".", "./"} else url


@pytest.mark.parametrize("addresses", BOTH, ids=["directory", "flat"])
@pytest.mark.parametrize("source", SOURCES)
def test_each_address_is_the_one_mkdocs_publishes(source: str, addresses: PageAddresses) -> None:
    assert addresses.address(source) == unquote(mkdocs_url(source, addresses))


@pytest.mark.parametrize("addresses", BOTH, ids=["directory", "flat"])
def test_the_link_from_each_page_to_each_other_is_mkdocs_own(addresses: PageAddresses) -> None:
    for page, target in itertools.product(SOURCES[:-1], repeat=2):
        expected = get_relative_url(file_url(target, addresses), file_url(page, addresses))
        link = addresses.link(addresses.address(page), target)
        assert link == expected, (page, target)
        # And read back, the link leads to the target's address.
        assert link_target(link, addresses.address(page)) == addresses.address(target)


@pytest.mark.parametrize(
    ("source", "addresses", "expected"),
    [
        ("index.md", DIRECTORY_ADDRESSES, ("", "index.html")),
        ("index.md", FLAT, ("", "index.html")),
        ("book.md", DIRECTORY_ADDRESSES, ("book/", "book/index.html")),
        ("book.md", FLAT, ("book.html",)),
        ("guides/index.md", FLAT, ("guides/", "guides/index.html")),
        ("team/README.md", DIRECTORY_ADDRESSES, ("team/", "team/index.html")),
    ],
)
def test_a_host_answers_a_folder_page_at_the_folder_and_its_index(
    source: str, addresses: PageAddresses, expected: tuple[str, ...]
) -> None:
    assert addresses.served_at(source) == expected


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("assets/resized/a.jpg", "", "assets/resized/a.jpg"),  # from the home page
        ("assets/resized/a.jpg", "prices/", "../assets/resized/a.jpg"),
        ("assets/resized/a.jpg", "clinic/team/jane/", "../../../assets/resized/a.jpg"),
        ("assets/resized/a.jpg", "prices.html", "assets/resized/a.jpg"),
        ("assets/resized/a.jpg", "clinic/team.html", "../assets/resized/a.jpg"),
        ("faq/#costs", "benefits/stress/", "../../faq/#costs"),
        ("faq.html#costs", "benefits/stress.html", "../faq.html#costs"),
        ("benefits/", "benefits/", "./"),
        ("", "benefits/stress/", "../../"),
    ],
)
def test_links_are_relative_to_the_page(target: str, page: str, expected: str) -> None:
    assert relative_link(target, page) == expected


@pytest.mark.parametrize(
    "href", ["https://example.org/", "mailto:a@example.org", "#part", "/faq/", "../../../x/"]
)
def test_a_link_out_of_the_site_has_no_target(href: str) -> None:
    assert link_target(href, "benefits/stress/") is None


# The pages of a small site, for the text links below.
PAGES = ["index.md", "services.md", "guides/index.md", "guides/costs.md", "clinic.md"]


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("../../services/", "../services.html"),
        ("../../services", "../services.html"),  # without its closing "/"
        ("../", "index.html"),  # the guides' overview, guides/index.md
        ("../../", "../index.html"),  # the home page
        ("../../services/#prices", "../services.html#prices"),
        ("../../services/?a=b", "../services.html?a=b"),
        ("../../assets/form.pdf", "../assets/form.pdf"),  # a file of docs/
        ("https://example.org/a/", "https://example.org/a/"),
        ("#part", "#part"),
        ("mailto:a@example.org", "mailto:a@example.org"),
    ],
)
def test_text_links_are_published_at_the_pages_flat_addresses(written: str, published: str) -> None:
    links = TextLinks(FLAT, PAGES).on_page("guides/costs.md")
    assert links is not None
    assert links(written) == published


def test_with_directory_addresses_text_links_are_published_as_written() -> None:
    assert TextLinks(DIRECTORY_ADDRESSES, PAGES).on_page("guides/costs.md") is None
