"""Every page has an address of its own: two pages the site would publish at one address (a
hand-written page where the build makes one from content/, such as docs/faq/index.md beside the
FAQ, or docs/a.md beside docs/a/index.md) are an error naming both, where MkDocs would keep one
and drop the other with no more than a "not in nav" warning, and list the address twice in the
sitemap."""

from __future__ import annotations

from pathlib import Path

from healthsite.model.legal import LegalPage
from healthsite.model.loader import SiteContent
from healthsite.model.page_addresses import PageAddresses
from healthsite.model.site_pages import written_pages
from healthsite.source.errors import ContentProblem, display_path


def check_address_clashes(
    content: SiteContent,
    legal_pages: frozenset[str],
    docs_dir: Path,
    root: Path,
    *,
    addresses: PageAddresses,
) -> list[ContentProblem]:
    """An error for each address that two or more pages would be published at."""
    # address: [(the page, how to move it, whether it is a file of docs_dir)]
    pages: dict[str, list[tuple[str, str | None, bool]]] = {}

    def add(source: str, where: str, fix: str | None, *, written: bool = False) -> None:
        pages.setdefault(addresses.address(source), []).append((where, fix, written))

    for page in content.generated_pages(legal_pages):
        if isinstance(page, LegalPage):
            add(
                page.source_path,
                f"the {page.key} page made from content/clinic.yml",
                f"turn the generated page off with '{page.option}: false' under the healthsite "
                "plugin in mkdocs.yml",
            )
        else:
            # A page of a one-file kind (the FAQ) has its address by its kind: it cannot move.
            fix = None if page.kind.one_file else f"rename {page.doc.file}"
            add(page.source_path, f"the page made from {page.doc.file}", fix)
    for source, path in written_pages(docs_dir, root).items():
        shown = display_path(path, root)
        add(source, shown, f"rename or delete {shown}", written=True)
    problems = []
    for address, found in sorted(pages.items()):
        if len(found) < 2:
            continue
        # Reported at the last hand-written page (the one a clinic most likely just added).
        here = [where for where, _, written in found if written] or [found[0][0]]
        others = [where for where, _, _ in found if where != here[-1]]
        fixes = [fix for _, fix, _ in found if fix is not None]
        problems.append(
            ContentProblem(
                here[-1],
                0,
                0,
                "",
                f"this page would be published at /{address}, like {' and '.join(others)}: "
                "one of them would be lost",
                "give each page its own address: " + "; or ".join(fixes),
            )
        )
    return problems
