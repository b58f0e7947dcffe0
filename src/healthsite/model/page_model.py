"""The bases every kind of page's model shares: `PageModel` answers the registry's questions
(`healthsite.model.content_type.PageContent`) for a page that has no citations, safety advice,
people or clinic.yml text of its own, and each kind's model overrides what it has. A folder kind
(one page per file: benefit and guide pages) builds on `FolderPage`, a one-file kind (the FAQ,
the price list, the team page) on `OnePage`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from healthsite.model.clinic import Clinic
from healthsite.model.fields import TextAt
from healthsite.model.safety_entries import AdviceList, AdvicePassage, AdvicePlace, AdviceRef
from healthsite.source.yaml_source import Location


def cited_keys(lists: Iterator[tuple[Location, list[str]]]) -> list[str]:
    """The citation keys of a page's lists, in reading order, without repeats."""
    return list(dict.fromkeys(key for _, keys in lists for key in keys))


class PageModel:
    """What every kind of page's model answers for the registry (`content_type.PageContent`)
    unless it says otherwise: its citation keys in reading order, and no citations, safety
    advice, people or clinic.yml text of its own."""

    if TYPE_CHECKING:  # each kind's model writes its own

        def body(self) -> Iterator[TextAt]: ...

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        return iter(())

    def advice_lists(self) -> Iterator[AdviceList]:
        return iter(())

    def page_warning_signs(self) -> list[AdviceRef] | None:
        """The red flags the page adds to its "When to see a doctor" box (`warning_signs`), or
        None for a kind of page that has no such list."""
        return None

    def person_lists(self) -> Iterator[tuple[Location, list[str]]]:
        """Where the page names people of clinic.yml besides its review."""
        return iter(())

    def clinic_text(self, clinic: Clinic) -> Iterator[TextAt]:
        """Body text the page shows from clinic.yml (measured with the page's reading level,
        reported at its place in clinic.yml)."""
        return iter(())

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """The passages where the page's writer could word safety advice themselves: all of
        its body (`body`), on a page that shows no safety advice."""
        for where, text in self.body():
            yield AdvicePassage(where, text, AdvicePlace.NOWHERE)

    @property
    def cited(self) -> list[str]:
        """Every citation key of the page, in reading order, without repeats."""
        return cited_keys(self.citation_lists())


class FolderPage(PageModel):
    """A page of a folder kind (benefit and guide pages): named in menus and cards by its
    `nav_title`, or its title."""

    if TYPE_CHECKING:
        title: str
        nav_title: str | None

    @property
    def short_title(self) -> str:
        return self.nav_title or self.title


class OnePage(PageModel):
    """The one page of a one-file kind (the FAQ, the price list, the team page): named by its
    title, with no order among others."""

    if TYPE_CHECKING:
        title: str

    @property
    def short_title(self) -> str:
        return self.title

    @property
    def order(self) -> int:
        return 0  # the only page of its kind
