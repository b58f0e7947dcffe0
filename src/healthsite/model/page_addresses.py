"""Where the site publishes each page, and how one page links to another: the one rule.

A page is written as a file among the docs (`benefits/stress.md`, made from content/ or
hand-written in docs/). The builder publishes it at an address that depends on one setting,
MkDocs' `use_directory_urls`: `benefits/stress/` (the file `benefits/stress/index.html`), or
`benefits/stress.html` when it is off. A folder's `index.md` or `README.md` is the folder's own
page (`guides/`, or `guides/index.html` when off). Addresses here are paths inside the site,
relative to its base and not percent-encoded ("" is the home page).

The MkDocs adapter makes the one `PageAddresses` from mkdocs.yml and hands it to the renderer
and the rules; tests/test_page_addresses.py checks that it agrees with MkDocs' own.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# The builder publishes these pages as their folder's own page.
INDEX_NAMES = frozenset({"index", "README"})


def address_folder(address: str) -> str:
    """The folder a relative link on the page at `address` starts from: "benefits/stress" for
    "benefits/stress/", "benefits" for "benefits/stress.html", "" for the home page."""
    return posixpath.dirname(address)


def relative_link(target: str, page: str) -> str:
    """The link from the page at address `page` to `target`, a path inside the site (a page's
    address, ending in "/" for a folder, or a file), with any "#part" kept: from
    "benefits/stress/", "faq/#costs" is "../../faq/#costs"; from "benefits/stress.html",
    "faq.html#costs" is "../faq.html#costs". "" is the home page ("./" from itself)."""
    path, hash_sign, fragment = target.partition("#")
    rel = posixpath.relpath(path or ".", address_folder(page) or ".")
    if (path.endswith("/") or not path) and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + hash_sign + fragment


def link_target(href: str, page: str) -> str | None:
    """The path inside the site (an address, or a file) that the link `href` on the page at
    address `page` leads to, as `relative_link` writes it ("../../faq/" from "benefits/stress/"
    is "faq/", "." is "", the home page); None for another website, mail or phone, a place on
    the same page, a path from the host's root (which depends on where the site is published),
    or a path above the site."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(address_folder(page), unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return None
    if target == ".":
        return ""
    return f"{target}/" if parts.path.endswith("/") else target


@dataclass(frozen=True)
class PageAddresses:
    """The addresses of a site's pages, as the builder publishes them with `directory_urls`
    (MkDocs' `use_directory_urls`) on or off."""

    directory_urls: bool

    def address(self, source: str) -> str:
        """The address of the page written in `source` (its path among the docs, with '/'):
        "benefits/stress.md" is "benefits/stress/" or "benefits/stress.html"; "guides/index.md"
        is "guides/" or "guides/index.html"; "index.md" is "" or "index.html"."""
        folder, name = posixpath.split(source)
        stem = posixpath.splitext(name)[0]
        prefix = f"{folder}/" if folder else ""
        if stem in INDEX_NAMES:
            return prefix if self.directory_urls else f"{prefix}index.html"
        return f"{prefix}{stem}/" if self.directory_urls else f"{prefix}{stem}.html"

    def served_at(self, source: str) -> tuple[str, ...]:
        """Every address a static host answers with the page written in `source`, its own
        first when it is a folder ("book/" and "book/index.html"; "guides/" and
        "guides/index.html" whatever the setting; only "book.html" with `directory_urls` off)."""
        address = self.address(source)
        if not address or address.endswith("/"):
            return (address, f"{address}index.html")
        if posixpath.basename(address) == "index.html":
            return (address.removesuffix("index.html"), address)
        return (address,)

    def link(self, page: str, source: str) -> str:
        """The link from the page at address `page` to the page written in `source`."""
        return relative_link(self.address(source), page)


# How MkDocs publishes pages unless mkdocs.yml says otherwise, and how content/ writes links.
DIRECTORY_ADDRESSES = PageAddresses(directory_urls=True)
