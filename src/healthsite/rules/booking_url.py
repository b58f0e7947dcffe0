"""A `booking_url` on the site's own web address must lead to a page the site builds.

The "Book now" buttons link to clinic.yml's `booking_url`. Usually that is a booking company's
address, but a clinic may point it at its own site (`https://clinic.com.au/book`) meaning a page
it has not written yet, or with the address of a page misspelt. Such a link passes every field
check (it is a valid https address) and leads every reader who wants to book to "page not
found". So an address on the site's own host and under its base path (`site_url`'s path, "/"
for most sites) must be the address of a page the build makes (one made from content/ or a
page in docs/), or of a file in docs/ (a booking form as a PDF, say), written as the page's
address is published: `https://clinic.com.au/book/`, with its closing "/", since the host
answers `/book` with a redirect at best.

An address on the same host but outside the base path (a site published at
`https://name.github.io/clinic/` and a booking page at `https://name.github.io/bookings/`) is
another site, and is not checked here.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from healthsite.model.loader import SiteContent
from healthsite.model.schema import path_in_site, site_base
from healthsite.source.errors import ContentProblem
from healthsite.source.project_files import markdown_pages
from healthsite.source.yaml_source import Location

FIELD = "booking_url"
# MkDocs publishes these pages as their folder's own page (`guides/index.md` at `guides/`).
_INDEX_STEMS = ("index", "README")


def generated_sources(content: SiteContent, legal_pages: frozenset[str]) -> list[str]:
    """The pages the build makes from content/, as paths inside docs/ (as the MkDocs plugin's
    on_files adds them): every page of every kind of content, and the published legal pages."""
    return [page.source_path for page in content.generated_pages(legal_pages)]


def page_addresses(source: str, *, use_directory_urls: bool) -> tuple[str, ...]:
    """The addresses, relative to the site's base path, at which the page written in `source`
    (a path inside docs/) answers, as MkDocs publishes it: "book.md" at "book/" (and
    "book/index.html"), or at "book.html" when mkdocs.yml sets `use_directory_urls: false`."""
    folder, name = posixpath.split(source)
    stem = posixpath.splitext(name)[0]
    prefix = f"{folder}/" if folder else ""
    if stem in _INDEX_STEMS:
        return (prefix, f"{prefix}index.html")
    if use_directory_urls:
        return (f"{prefix}{stem}/", f"{prefix}{stem}/index.html")
    return (f"{prefix}{stem}.html",)


def site_addresses(
    content: SiteContent,
    legal_pages: frozenset[str],
    docs_dir: Path,
    root: Path,
    *,
    use_directory_urls: bool,
) -> set[str]:
    """Every address (relative to the site's base) at which the build publishes a page: the
    pages made from content/ and the pages in docs/."""
    sources = [
        *generated_sources(content, legal_pages),
        *(page.relative_to(docs_dir).as_posix() for page in markdown_pages(docs_dir, root)),
    ]
    return {
        address
        for source in sources
        for address in page_addresses(source, use_directory_urls=use_directory_urls)
    }


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
    use_directory_urls: bool = True,
    addresses: set[str] | None = None,
) -> list[ContentProblem]:
    """An error at each of clinic.yml's `booking_url`s (the clinic's and each location's) that
    points at the site's own address but at no page or file the site publishes (see the module
    docstring). `addresses`: `site_addresses`, when the caller has it already."""
    clinic = content.clinic
    links = [((FIELD,), clinic.booking_url)] + [
        ((*at, FIELD), location.booking_url) for at, location in clinic.location_list
    ]
    if addresses is None:
        addresses = site_addresses(
            content, legal_pages, docs_dir, root, use_directory_urls=use_directory_urls
        )
    return [
        problem
        for at, url in links
        if url
        for problem in _check_booking_url(
            content,
            url,
            at,
            addresses=addresses,
            docs_dir=docs_dir,
            use_directory_urls=use_directory_urls,
        )
    ]


def _check_booking_url(
    content: SiteContent,
    url: str,
    at: Location,
    *,
    addresses: set[str],
    docs_dir: Path,
    use_directory_urls: bool,
) -> list[ContentProblem]:
    clinic = content.clinic
    relative = path_in_site(url, clinic.site_url)
    if relative is None:
        return []  # another site (on another host, or on this one outside the site's path)
    site, base = urlsplit(clinic.site_url), site_base(clinic.site_url)
    if relative in addresses or is_docs_file(docs_dir, relative):
        return []
    site_address = f"{site.scheme}://{site.netloc}{base}"
    doc = content.clinic_doc
    shown = f"{base}{relative}"
    with_slash = f"{relative.rstrip('/')}/"
    suggested = _suggested_page(relative)
    suggested_address = page_addresses(
        suggested.removeprefix("docs/"), use_directory_urls=use_directory_urls
    )[0]
    if relative and not relative.endswith("/") and with_slash in addresses:
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
