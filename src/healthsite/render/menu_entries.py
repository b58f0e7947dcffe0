"""The site's menu (`nav` in mkdocs.yml) with the generated pages in it: each kind's pages, in
order, at the end of the section that holds the kind's overview page (benefits/index.md,
guides/index.md), and the entry of an optional one-file page left out when the site has no such
page. The MkDocs plugin and the plain project written for another builder
(`healthsite.build_steps.before_build`) both take the menu from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from healthsite.model.loader import SiteContent
from healthsite.model.registry import CONTENT_TYPES


class MenuError(ValueError):
    """The menu cannot hold the generated pages; the message says what to add to mkdocs.yml."""


def _entries(content: SiteContent, title: Callable[[str], str]) -> dict[str, list[dict[str, str]]]:
    """For each overview page (`ContentType.nav_index`), the menu entries of the generated
    pages it introduces."""
    return {
        kind.nav_index: [
            {title(page.item.short_title): page.source_path} for page in content.of(kind)
        ]
        for kind in CONTENT_TYPES
        if kind.nav_index is not None
    }


def menu_with_generated_pages(
    nav: list[Any], content: SiteContent, docs_dir: Path, *, title: Callable[[str], str]
) -> list[Any]:
    """`nav` with the generated pages of each kind, in order, in the section that holds that
    kind's overview page, and without the entry of an optional page whose file content/ does
    not have (a clinic that deletes services.yml has no price list, and needs no other edit).
    Each generated page's menu title is `title` of its short title (the builder's theme may
    need it escaped). Raises MenuError when a kind has pages but no section holds its overview.
    """
    entries = _entries(content, title)
    placed: set[str] = set()
    absent = {
        kind.source_path(kind.name)
        for kind in CONTENT_TYPES
        if kind.one_file and not content.of(kind)
    }
    absent = {src_uri for src_uri in absent if not (docs_dir / src_uri).exists()}

    def overview_in(section: list[Any]) -> str | None:
        for index in entries:
            if index in section or any(
                isinstance(v, dict) and index in v.values() for v in section
            ):
                return index
        return None

    def walk(items: list[Any]) -> list[Any]:
        result: list[Any] = []
        for item in items:
            target = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(target, str) and target in absent:
                continue
            if isinstance(item, dict):
                ((heading, value),) = item.items()
                if isinstance(value, list):
                    index = overview_in(value)
                    if index is not None:
                        placed.add(index)
                        value = [*value, *entries[index]]
                    else:
                        value = walk(value)
                result.append({heading: value})
            else:
                result.append(item)
        return result

    nav = walk(nav)
    missing = [index for index, pages in entries.items() if pages and index not in placed]
    if missing:
        kind = next(kind for kind in CONTENT_TYPES if kind.nav_index == missing[0])
        macro = f"{{{{ {kind.name}_cards() }}}}"
        cards = f" (it can show the pages with {macro})" if kind.cards else ""
        raise MenuError(
            f"healthsite: content/{kind.source}/ has pages, but no section of 'nav' in "
            f"mkdocs.yml holds {missing[0]}, so they would be missing from the menu. Add a "
            f"section such as:\n  - {kind.source.capitalize()}:\n      - {missing[0]}\n"
            f"and write docs/{missing[0]}{cards}"
        )
    return nav
