"""A `booking_url` on the site's own web address must lead to a page the site builds.

The "Book now" buttons link to clinic.yml's `booking_url`. Usually that is a booking company's
address, but a clinic may point it at its own site (`https://clinic.com.au/book`) meaning a page
it has not written yet, or with the address of a page misspelt. Such a link passes every field
check (it is a valid https address) and leads every reader who wants to book to "page not
found". So an address on the site's own host and under its base path (`site_url`'s path, "/"
for most sites) must be the address of a page the build makes (one made from content/ or a
page in docs/), or of a file in docs/ (a booking form as a PDF, say), written as the page's
address is published: `https://clinic.com.au/book/`, with its closing "/", since the host
answers `/book` with a redirect at best (`https://clinic.com.au/book.html` on a site with
`use_directory_urls: false`: `healthsite.model.page_addresses`).

An address on the same host but outside the base path (a site published at
`https://name.github.io/clinic/` and a booking page at `https://name.github.io/bookings/`) is
another site, and is not checked here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from healthsite.model.fields import path_in_site, site_base
from healthsite.model.loader import SiteContent
from healthsite.model.page_addresses import PageAddresses
from healthsite.model.site_pages import page_sources, served_addresses
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location

FIELD = "booking_url"


def is_docs_file(docs_dir: Path, relative: str) -> bool:
    """True when `relative` is a file of docs/ published as it is (not a page, which MkDocs
    publishes at its own address)."""
    parts = relative.split("/")
    if not relative or any(part in {"", ".", ".."} for part in parts) or relative.endswith(".md"):
        return False
    try:
        return docs_dir.joinpath(*parts).is_file()
    except (OSError, ValueError):  # a name the system cannot hold
        return False


def _suggested_page(relative: str) -> str:
    """The docs/ file that would make a page at `relative` ("book/" gives "docs/book.md")."""
    stem = relative.strip("/").removesuffix(".html").removesuffix(".md")
    stem = stem.removesuffix("/index").removesuffix("index")
    return f"docs/{stem or 'index'}.md"


def check_booking_url(
    content: SiteContent,
    legal_pages: frozenset[str],
    docs_dir: Path,
    root: Path,
    *,
    addresses: PageAddresses,
    served: set[str] | None = None,
) -> list[ContentProblem]:
    """An error at each of clinic.yml's `booking_url`s (the clinic's and each location's) that
    points at the site's own address but at no page or file the site publishes (see the module
    docstring), with the site's pages at `addresses`. `served`: every address the site answers
    at (`site_pages.served_addresses`), when the caller has it already."""
    clinic = content.clinic
    links = [((FIELD,), clinic.booking_url)] + [
        ((*at, FIELD), location.booking_url) for at, location in clinic.location_list
    ]
    if served is None:
        served = served_addresses(page_sources(content, legal_pages, docs_dir, root), addresses)
    return [
        problem
        for at, url in links
        if url
        for problem in _check_booking_url(
            content, url, at, addresses=addresses, served=served, docs_dir=docs_dir
        )
    ]


def _check_booking_url(
    content: SiteContent,
    url: str,
    at: Location,
    *,
    addresses: PageAddresses,
    served: set[str],
    docs_dir: Path,
) -> list[ContentProblem]:
    clinic = content.clinic
    relative = path_in_site(url, clinic.site_url)
    if relative is None:
        return []  # another site (on another host, or on this one outside the site's path)
    site, base = urlsplit(clinic.site_url), site_base(clinic.site_url)
    if relative in served or is_docs_file(docs_dir, relative):
        return []
    site_address = f"{site.scheme}://{site.netloc}{base}"
    doc = content.clinic_doc
    shown = f"{base}{relative}"
    with_slash = f"{relative.rstrip('/')}/"
    suggested = _suggested_page(relative)
    suggested_address = addresses.address(suggested.removeprefix("docs/"))
    if relative and not relative.endswith("/") and with_slash in served:
        return [
            doc.problem(
                at,
                f"booking_url points at this site's page {shown} without the '/' that ends "
                f"its address ({base}{with_slash}): the link would lead to a redirect at best, "
                "or to 'page not found'",
                f"write booking_url: {site_address}{with_slash}",
            )
        ]
    return [
        doc.problem(
            at,
            f"booking_url points at this site ({site.netloc}), but the site has no page at "
            f"{shown}: every 'Book' button would lead readers to 'page not found'",
            "write your booking company's address for your clinic (the page where clients "
            "book, starting with https://); or, if clients book through a page of this site, "
            f"write that page's address as it is published, ending in '/' (for a page you "
            f"write as {suggested}: booking_url: {site_address}{suggested_address})",
        )
    ]
