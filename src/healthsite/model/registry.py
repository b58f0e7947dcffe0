"""The kinds of page made from `content/`: one entry each, in one registry.

A kind's entry (`ContentType`) holds every fact about the kind: where its files are, its model
and template, its pages' files among MkDocs' (which give their addresses) and menu section, the
words messages and `healthsite check`'s summary name its pages with, what its pages must cite,
what their structured data says, and what the schema cannot check of one page. What is true of
one page's text (its citation lists, its safety-advice lists, its headings and body, and where a
writer could word safety advice of their own) its model answers (`PageContent`). Every stage
walks `CONTENT_TYPES`: the loader reads each kind's files, the MkDocs plugin makes its pages and
menu entries, the structured data describes them, the health rules read their text and
`healthsite check` counts them.

The model layer cannot hold code of the layers above it (import-linter forbids the import), so
what a higher layer does for a kind is a description on the entry that the layer interprets
(`healthsite.model.kind_facts`): `page_items` for `healthsite.render.structured_data`, `sources`
for `healthsite.rules.citations`, and the `AdvicePlace` of each passage the model's
`advice_passages` gives for `healthsite.rules.safety_advice`. A new kind picks from what those
layers do already, so adding one is: a model with the `PageContent` methods (in
`healthsite.model.schema`, on the shared bases `FolderPage` or `OnePage`), a template in
`partials/health/` (the theme's, or a site's `overrides/`), and one `ContentType`, registered
with `CONTENT_TYPES.register` (the five below are registered here; `CONTENT_TYPES.registered`
adds one for the length of a `with` block). Only a kind that needs something none of them does
adds a member to `PageItems` or `AdvicePlace`, and its meaning in the one function of that layer
that reads it (mypy checks every member is handled).

The site's other generated pages, the privacy policy and the accessibility statement, are made
from clinic.yml's blocks rather than files of their own, and linked from the footer rather than
the menu: `healthsite.model.legal.LEGAL_PAGES`. `GeneratedPage` is either kind of page;
`SiteContent.generated_pages` gives every page the build makes, and the rules about the pages
the site publishes walk it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from healthsite.model.kind_facts import PageItems, Sources, Tally, Words
from healthsite.model.legal import LegalPage
from healthsite.model.library import is_library_file, page_id
from healthsite.model.schema import (
    AdviceList,
    AdvicePassage,
    AdviceRef,
    Benefit,
    Clinic,
    Faq,
    Guide,
    Review,
    Services,
    Team,
    TextAt,
    reserved_faq_id,
)
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


def _in_library(doc: YamlDocument, location: Location) -> bool:
    return is_library_file(doc.file_at(location))


def _faq_id_problems(page: ContentPage[Faq]) -> list[ContentProblem]:
    """Each id is a link target (/faq/#id): two the same would send readers to the wrong one."""
    faq, doc = page.item, page.doc
    problems = []
    seen: set[str] = set()
    places: list[tuple[str | None, Location]] = []
    for g, group in enumerate(faq.groups):
        places.append((group.id, ("groups", g, "id")))
        places += [
            (q.id, ("groups", g, "questions", i, "id")) for i, q in enumerate(group.questions)
        ]
    first: dict[str, Location] = {}
    for item_id, location in places:
        if item_id is None:
            continue
        if item_id in seen or reserved_faq_id(item_id):
            why = "is used by the page itself" if reserved_faq_id(item_id) else "is used twice"
            fix = "give each group and question its own id"
            earlier = first.get(item_id)
            shown_at = location
            if earlier is not None and doc.file_at(earlier) != doc.file_at(location):
                # A site's question merged into the library's (library_merge) replaces a
                # library question only in the library question's own group: said at the
                # site's question, which is the one to move.
                theirs, shown_at = (
                    (earlier, location) if _in_library(doc, earlier) else (location, earlier)
                )
                group = faq.groups[int(theirs[1])]
                why = f"is a question of the library's, in its group '{group.id}'"
                fix = (
                    f"to replace it, put yours under the group with id '{group.id}'; to add a "
                    "question of your own, give it another id"
                )
            problems.append(doc.problem(shown_at, f"the id '{item_id}' {why}", fix))
        seen.add(item_id)
        first.setdefault(item_id, location)
    return problems


def _team_id_problems(page: ContentPage[Team]) -> list[ContentProblem]:
    """Each person appears once on the team page."""
    seen: set[str] = set()
    problems = []
    for i, person_id in enumerate(page.item.people or []):
        if person_id in seen:
            problems.append(
                page.doc.problem(
                    ("people", i),
                    f"'{person_id}' is listed twice",
                    "list each person once, in the order the page should show them",
                )
            )
        seen.add(person_id)
    return problems


BENEFITS: ContentType[Benefit] = ContentType(
    name="benefit",
    model=Benefit,
    source="benefits",
    template="benefit-page.md",
    docs_path="benefits/",
    schema_type="MedicalWebPage",
    label=Words("benefit page", "benefit pages"),
    page_items=PageItems.MEDICAL,
    about={"@type": "MedicalTherapy", "name": "Remedial massage"},
    sources=Sources(
        cited_by="benefit page",
        part="claim",
        at_least=2,
        field="research",
        add_one="add another study to a claim's 'citations' list",
    ),
    nav_index="benefits/index.md",
    index_example="general-health.yml",
    cards=True,
)
GUIDES: ContentType[Guide] = ContentType(
    name="guide",
    model=Guide,
    source="guides",
    template="guide-page.md",
    docs_path="guides/",
    schema_type="MedicalWebPage",
    label=Words("guide page", "guide pages"),
    page_items=PageItems.MEDICAL,
    sources=Sources(
        cited_by="guide page",
        part="section",
        at_least=1,
        field="sections",
        add_one="add the keys of the sources its facts come from to the 'citations' of the "
        "sections that state them",
        figures=True,
    ),
    nav_index="guides/index.md",
    index_example="first-visit.yml",
    required=False,
    cards=True,
)
FAQ: ContentType[Faq] = ContentType(
    name="faq",
    model=Faq,
    source="faq.yml",
    template="faq-page.md",
    docs_path="faq/",
    schema_type="FAQPage",
    label=Words("FAQ", "FAQs"),
    page_items=PageItems.QUESTIONS,
    sources=Sources(cited_by="FAQ answer", part="answer"),
    tally=Tally(
        Words("question", "questions"), lambda faq, _: sum(len(g.questions) for g in faq.groups)
    ),
    own_problems=_faq_id_problems,
)
SERVICES: ContentType[Services] = ContentType(
    name="services",
    model=Services,
    source="services.yml",
    template="services-page.md",
    docs_path="services/",
    schema_type="WebPage",
    label=Words("price list", "price lists"),
    page_items=PageItems.OFFERS,
    tally=Tally(Words("treatment", "treatments"), lambda services, _: len(services.services)),
    required=False,
)
TEAM: ContentType[Team] = ContentType(
    name="team",
    model=Team,
    source="team.yml",
    template="team-page.md",
    docs_path="team/",
    schema_type="AboutPage",
    label=Words("team page", "team pages"),
    page_items=PageItems.PEOPLE,
    tally=Tally(
        Words("person", "people"),
        lambda team, clinic: len(team.members(clinic)),
        "a team page of {}",
    ),
    required=False,
    own_problems=_team_id_problems,
)

# The kinds of page; a kind added here (or with `CONTENT_TYPES.register`) is walked by every
# stage, and its pages come after these in site order.
CONTENT_TYPES = Registry(BENEFITS, GUIDES, FAQ, SERVICES, TEAM)
