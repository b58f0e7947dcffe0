"""A link in a content page's text to another page of the site must lead to a page the site has.

Content text is Markdown, and may link to another page by its address relative to the page's
own (`[treatments and prices](../../services/)`). Such a link breaks without anything else
changing when the page it leads to goes: a clinic deletes `services.yml` (as the docs say it
may), a topic, or a page in docs/. The site checks would then find "page not found" only after
a build; this names the file, line and field at once. Links to other sites, to a place on the
same page (`#part`), to e-mail or phone, and to files in docs/ are left alone (an image is
checked with the images).

A link is written as the page's address would be with MkDocs' default, directory addresses
(`../name/`), whatever mkdocs.yml's `use_directory_urls` says, so the library's pages link the
same way on every site: the renderer (`healthsite.render.text_links`) writes it as the site
publishes it. So it is checked against the directory addresses of the site's pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from healthsite.model.content_type import ContentPage
from healthsite.model.loader import SiteContent
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES, link_target
from healthsite.model.site_pages import page_sources, served_addresses
from healthsite.rules.booking_url import is_docs_file
from healthsite.source.errors import ContentProblem
from healthsite.source.markup import LINK_SCHEMES, parser


def _links(text: str) -> Iterator[str]:
    """The address of every Markdown link in `text` (in the order written), read as the page
    renders it."""
    if "[" not in text and "<" not in text:
        return  # every Markdown link is written with one or the other: no need to parse
    for block in parser().parse(text):
        for token in block.children or ():
            if token.type == "link_open":
                yield str(token.attrGet("href") or "")


def _all_links(page: ContentPage[Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for where, text in (*page.item.headings(), *page.item.body()):
        for href in _links(text):
            yield where, href


def _scheme_problem(
    page: ContentPage[Any], where: tuple[str | int, ...], href: str, scheme: str
) -> ContentProblem:
    hint = (
        f"write https:// instead of {scheme}:// (almost every site has it), and check that the "
        "address still opens"
        if scheme == "http"
        else "link to an https:// address, an e-mail address (mailto:) or a phone number "
        "(tel:), or remove the link"
    )
    return page.doc.problem(
        where,
        f'the link "{href}" is not a kind this site publishes: the page would show its words '
        "with no link (only https:, mailto: and tel: links are kept, so no reader is sent to an "
        "unencrypted or unsafe address)",
        hint,
        near=href,
    )


def _unsafe_scheme(href: str) -> str | None:
    """The scheme of a link the page would show as text that goes nowhere (the sanitiser keeps
    only `LINK_SCHEMES`), or None for a link it keeps."""
    scheme = urlsplit(href.strip()).scheme.lower()
    if scheme and scheme not in LINK_SCHEMES:
        return scheme
    return None


def check_content_links(
    content: SiteContent,
    legal_pages: frozenset[str],
    docs_dir: Path,
    root: Path,
    *,
    sources: list[str] | None = None,
) -> list[ContentProblem]:
    """An error at each link in a content page that leads to no page or file of the site.
    `sources`: `site_pages.page_sources`, when the caller has it already."""
    if sources is None:
        sources = page_sources(content, legal_pages, docs_dir, root)
    addresses = served_addresses(sources, DIRECTORY_ADDRESSES)
    problems = []
    for page in content.all_pages():
        for where, href in _all_links(page):  # each page's links parsed once
            scheme = _unsafe_scheme(href)
            if scheme is not None:
                problems.append(_scheme_problem(page, where, href, scheme))
                continue
            target = link_target(href, DIRECTORY_ADDRESSES.address(page.source_path))
            if target is None or target in addresses or target + "/" in addresses:
                continue
            if is_docs_file(docs_dir, target):
                continue
            problems.append(
                page.doc.problem(
                    where,
                    f'the link "{href}" leads to /{target}, which this site does not have '
                    "(a page that was deleted or renamed, or a mistyped address)",
                    "remove the link, or change it to the address of a page the site has "
                    "(from this page, a page in the same folder is ../name/)",
                    near=href,
                )
            )
    return problems
