"""Links in content/ text, written as this site publishes the pages they lead to.

A page's text links to another page of the site by its address relative to its own, written
as MkDocs' default, directory addresses, give it (`[treatments and prices](../../services/)`):
the library's pages are written so, for every site, and `rules.content_links` checks each such
link against the directory addresses of the site's pages. With mkdocs.yml's
`use_directory_urls: false` the pages are published elsewhere (`services.html`), so each link
into the site is written as the site publishes its target. With directory addresses, the links
are published as written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from urllib.parse import quote, urlsplit

from healthsite.model.page_addresses import (
    DIRECTORY_ADDRESSES,
    PageAddresses,
    link_target,
    relative_link,
)


class TextLinks:
    """How the links of content text are published on a site whose pages are at `addresses`;
    `pages`: every page the site publishes, by its path among MkDocs' files."""

    def __init__(self, addresses: PageAddresses, pages: Iterable[str]) -> None:
        self.addresses = addresses
        # Each page by its directory address (the first, where two share one: a clash the
        # rules report with directory addresses only).
        self._pages: dict[str, str] = {}
        for source in pages:
            self._pages.setdefault(DIRECTORY_ADDRESSES.address(source), source)

    def on_page(self, source: str) -> Callable[[str], str] | None:
        """What to write for each link address in text shown on the page written in `source`;
        None when the links are published as written."""
        if self.addresses.directory_urls:
            return None
        return functools.partial(self.published, source=source)

    def published(self, href: str, *, source: str) -> str:
        """The link `href`, written in directory addresses on the page written in `source`, as
        this site publishes its target (a link out of the site is kept as written)."""
        target = link_target(href, DIRECTORY_ADDRESSES.address(source))
        if target is None:
            return href
        # A page's address as written ("services/"), without its closing "/", or as its file.
        page = next(
            (
                self._pages[address]
                for address in (target, f"{target}/", target.removesuffix("index.html"))
                if address in self._pages
            ),
            None,
        )
        path = self.addresses.address(page) if page is not None else target
        parts = urlsplit(href.strip())
        link = relative_link(quote(path), self.addresses.address(source))
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return link + query + fragment
