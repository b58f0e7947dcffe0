"""The kinds of page made from `content/`, in one registry: `CONTENT_TYPES`.

Every stage walks `CONTENT_TYPES`: the loader reads each kind's files, the MkDocs plugin makes its
pages and menu entries, the structured data describes them, the health rules read their text and
`healthsite check` counts them. A kind is its entry (`healthsite.model.content_type.ContentType`:
where its files are, its model and template, where its pages appear, what they cite, what their
structured data says, what the schema cannot check of one page), and what is true of one page's
text (its citation lists, its safety-advice lists, its headings and body, and where a writer
could word safety advice of their own) its model answers (`content_type.PageContent`). The
five built-in kinds are one module each in `healthsite.model.kinds`, the model beside its entry.

The model layer cannot hold code of the layers above it (import-linter forbids the import), so
what a higher layer does for a kind is a description on the entry that the layer interprets
(`healthsite.model.kind_facts`): `page_items` for `healthsite.render.structured_data`, `sources`
for `healthsite.rules.citations`, and the `AdvicePlace` of each passage the model's
`advice_passages` gives for `healthsite.rules.safety_advice`. A new kind picks from what those
layers do already, so adding one takes:

- a module in `healthsite.model.kinds` with its model (the `PageContent` methods, on the shared
  bases `FolderPage` or `OnePage` of `healthsite.model.page_model`) and its `ContentType`, with
  the checks of one page the schema cannot say (`own_problems`);
- a template in `partials/health/` (the theme's, or a site's `overrides/`);
- its registration: in `CONTENT_TYPES` below for a built-in kind, or with
  `CONTENT_TYPES.register` (`CONTENT_TYPES.registered` adds one for the length of a `with` block).

Only a kind that needs something none of them does adds a member to `PageItems` or
`AdvicePlace`, and its meaning in the one function of that layer that reads it (mypy checks
every member is handled).

The site's other generated pages, the privacy policy and the accessibility statement, are made
from clinic.yml's blocks rather than files of their own, and linked from the footer rather than
the menu: `healthsite.model.legal.LEGAL_PAGES`. `content_type.GeneratedPage` is either kind of page;
`SiteContent.generated_pages` gives every page the build makes, and the rules about the pages
the site publishes walk it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

from healthsite.model.content_type import ContentType, P
from healthsite.model.kind_facts import Sources
from healthsite.model.kinds.benefit import BENEFITS
from healthsite.model.kinds.faq import FAQ
from healthsite.model.kinds.guide import GUIDES
from healthsite.model.kinds.services import SERVICES
from healthsite.model.kinds.team import TEAM


class Registry(Collection[ContentType[Any]]):
    """The kinds of page, in the order readers meet them: citation numbers and the site's
    source list follow it. Iterating gives the kinds registered at that moment."""

    def __init__(self, *kinds: ContentType[Any]) -> None:
        self._kinds: list[ContentType[Any]] = []
        for kind in kinds:
            self.register(kind)

    def __iter__(self) -> Iterator[ContentType[Any]]:
        return iter(tuple(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self._kinds

    def register(self, kind: ContentType[P]) -> ContentType[P]:
        """Add `kind` after the others (its pages come last in site order). Raises ValueError
        when another kind has its name, its files in content/ or its pages' files among MkDocs'
        (and so their addresses)."""
        for other in self._kinds:
            for attribute in ("name", "source", "docs_path"):
                if getattr(other, attribute) == getattr(kind, attribute):
                    raise ValueError(
                        f"the kind '{kind.name}' has the {attribute} '{getattr(kind, attribute)}'"
                        f" of the kind '{other.name}'; give each kind its own"
                    )
        self._kinds.append(kind)
        return kind

    def unregister(self, kind: ContentType[Any]) -> None:
        """Remove `kind` (a ValueError if it is not registered)."""
        self._kinds.remove(kind)

    @contextmanager
    def registered(self, kind: ContentType[P]) -> Iterator[ContentType[P]]:
        """`kind` registered for the length of a `with` block, then removed."""
        self.register(kind)
        try:
            yield kind
        finally:
            self.unregister(kind)

    def sources(self) -> list[Sources]:
        """What each kind whose pages cite references says of them (`ContentType.sources`),
        in order: what cites (`cited_by`: "benefit page") and where (`part`: "claim")."""
        return [kind.sources for kind in self._kinds if kind.sources is not None]


# The kinds of page; a kind added here (or with `CONTENT_TYPES.register`) is walked by every
# stage, and its pages come after these in site order.
CONTENT_TYPES = Registry(BENEFITS, GUIDES, FAQ, SERVICES, TEAM)
