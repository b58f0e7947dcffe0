"""The pages a site publishes, by their file among the docs: those the build makes
(`SiteContent.generated_pages`: one per page of content/, and the legal pages mkdocs.yml leaves
on) and those written in docs/. The rules that need every page (the addresses a link or
`booking_url` may lead to, two pages at one address) and the renderer read them here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from healthsite.model.loader import SiteContent
from healthsite.model.page_addresses import PageAddresses
from healthsite.source.project_files import markdown_pages


def written_pages(docs_dir: Path, root: Path) -> dict[str, Path]:
    """The pages written in docs/ (`*.md`), by their path inside it ("clinic.md")."""
    return {path.relative_to(docs_dir).as_posix(): path for path in markdown_pages(docs_dir, root)}


def page_sources(
    content: SiteContent, legal_pages: frozenset[str], docs_dir: Path, root: Path
) -> list[str]:
    """Every page the site publishes, by its path among the docs: the generated ones first
    (`SiteContent.generated_pages`)."""
    return [
        *(page.source_path for page in content.generated_pages(legal_pages)),
        *written_pages(docs_dir, root),
    ]


def served_addresses(sources: Iterable[str], addresses: PageAddresses) -> set[str]:
    """Every address (relative to the site's base) at which a static host answers with one of
    the pages written in `sources` (`PageAddresses.served_at`)."""
    return {address for source in sources for address in addresses.served_at(source)}
