"""What a kind of page is: its registry entry (`ContentType`), what every page's model answers
(`PageContent`), and one page of a kind (`ContentPage`).

A `ContentType` holds every fact about its kind: where its files are, its model and template, its
pages' files among MkDocs' (which give their addresses) and menu section, the words messages and
`healthsite check`'s summary name its pages with, what its pages must cite, what their
structured data says (`healthsite.model.kind_facts`), and what the schema cannot check of one
page (`own_problems`). Each kind's entry is in its own module of `healthsite.model.kinds`, beside
its model; `healthsite.model.registry` holds the registered kinds. `GeneratedPage` is any page
the build makes: one of a kind of content/, or a legal page (`healthsite.model.legal`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from healthsite.model.clinic import Clinic
from healthsite.model.fields import TextAt
from healthsite.model.kind_facts import PageItems, Sources, Tally, Words
from healthsite.model.legal import LegalPage
from healthsite.model.library import page_id
from healthsite.model.review import Review
from healthsite.model.safety_entries import AdviceList, AdvicePassage, AdviceRef
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location, YamlDocument


class PageContent(Protocol):
    """What the generator needs of every page's model."""

    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def review(self) -> Review: ...
    @property
    def short_title(self) -> str: ...  # in the menu and on cards
    @property
    def order(self) -> int: ...  # folder kinds: the page's place among its kind's pages
    @property
    def cited(self) -> list[str]: ...  # citation keys in reading order, without repeats

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]: ...
    def advice_lists(self) -> Iterator[AdviceList]: ...  # references to safety.yml
    # The red flags its "When to see a doctor" box adds (None: the kind has no such list).
    def page_warning_signs(self) -> list[AdviceRef] | None: ...
    def person_lists(self) -> Iterator[tuple[Location, list[str]]]: ...  # checked like reviewers
    def clinic_text(self, clinic: Clinic) -> Iterator[TextAt]: ...  # the team's bios
    def headings(self) -> Iterator[TextAt]: ...  # titles: checked for wording, not measured
    def body(self) -> Iterator[TextAt]: ...  # the page's text: measured for readability too
    # Where its writer could word safety advice themselves, and where the page shows it instead.
    def advice_passages(self) -> Iterator[AdvicePassage]: ...


P = TypeVar("P", bound=PageContent)


@dataclass(frozen=True)
class ContentType(Generic[P]):
    """One kind of page: where its files are, its model, and where and how its pages appear."""

    name: str  # "benefit": the template's variable and the `<name>_cards()` macro's
    model: type[P]
    # A folder of content/ with one page per file ("benefits"), or one file for one page.
    source: str
    template: str  # in the templates folder
    # Where its pages are among MkDocs' files: the folder "benefits/" holds one per page
    # (benefits/stress.md); a one-file kind's "faq/" is its one page, faq.md.
    docs_path: str
    schema_type: str  # the schema.org type of the page's structured data
    label: Words  # how messages name its pages: "benefit page", "benefit pages"
    # What the page's structured data says about its own content, and what the page is about
    # (schema.org), when every page of the kind is about the same.
    page_items: PageItems = PageItems.NONE
    about: Mapping[str, str] = field(default_factory=dict)
    # That its pages cite references, and how many each needs (None: they cite none).
    sources: Sources | None = None
    # What `healthsite check`'s summary counts (None: its pages, named by `label`).
    tally: Tally[P] | None = None
    # Folder kinds: the overview page whose menu section lists the pages, and a file name to
    # suggest instead of index.yml (the overview's address).
    nav_index: str | None = None
    index_example: str = ""
    required: bool = True  # whether the site needs at least one such page
    # A macro `<name>_cards()` for hand-written pages that shows a card per page.
    cards: bool = False
    # What the schema cannot say about one page of this kind (checked after validation).
    own_problems: Callable[[ContentPage[P]], list[ContentProblem]] = lambda page: []

    @property
    def one_file(self) -> bool:
        return self.source.endswith(".yml")

    def source_path(self, slug: str) -> str:
        """The page's path among MkDocs' files ("benefits/stress.md", "faq.md")."""
        if self.one_file:
            return self.docs_path.rstrip("/") + ".md"
        return f"{self.docs_path}{slug}.md"

    def summary(self, pages: list[ContentPage[P]], clinic: Clinic) -> str | None:
        """What `healthsite check` says it found of this kind ("6 benefit pages", "38
        questions"); None for a one-file kind the site does not have."""
        if self.one_file and not pages:
            return None
        if self.tally is None:
            return self.label.count(len(pages))
        count = sum(self.tally.count(page.item, clinic) for page in pages)
        return self.tally.phrase.format(self.tally.words.count(count))


@dataclass(frozen=True)
class ContentPage(Generic[P]):
    """One page of a kind: its address (the file name), its content and the file it came from."""

    kind: ContentType[P]
    slug: str
    item: P
    doc: YamlDocument

    @property
    def source_path(self) -> str:
        """The page's path among MkDocs' files, which gives its address
        (`healthsite.model.page_addresses`)."""
        return self.kind.source_path(self.slug)

    @property
    def library_id(self) -> str:
        """The page's id in the content library ("benefits/stress", "faq"), whether or not
        the library has it."""
        return page_id(
            self.kind.source if self.kind.one_file else f"{self.kind.source}/{self.slug}"
        )


# A page the build makes: one of a kind of content/, or a legal page (see the module's docstring).
GeneratedPage = ContentPage[Any] | LegalPage
