"""The kinds of page made from `content/`: one record each, in one registry.

The loader reads each kind's files and checks what they cite and reference, the MkDocs plugin
makes its pages and menu entries, the structured data describes them and the health rules read
their text, all by walking `CONTENT_TYPES`. Adding a kind of page is: a model with the
`PageContent` methods (in `healthsite.model.schema`), a template in the theme's `partials/health/`,
and one `ContentType` below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from healthsite.model.library import is_library_file, page_id
from healthsite.model.schema import (
    AdviceList,
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


P = TypeVar("P", bound=PageContent)


@dataclass(frozen=True)
class ContentType(Generic[P]):
    """One kind of page: where its files are, its model, and where and how its pages appear."""

    name: str  # "benefit": the template's variable, the page kind in messages
    model: type[P]
    # A folder of content/ with one page per file ("benefits"), or one file for one page.
    source: str
    template: str  # in the templates folder
    url: str  # "benefits/": the folder of its pages, or the address of its one page
    schema_type: str  # the schema.org type of the page's structured data
    # What the page is about, in structured data (schema.org), when every page of the kind is.
    about: Mapping[str, str] = field(default_factory=dict)
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
        return f"{self.url}{slug}.md" if not self.one_file else self.url.rstrip("/") + ".md"

    def page_url(self, slug: str) -> str:
        """The page's address in the site ("benefits/stress/", "faq/")."""
        return f"{self.url}{slug}/" if not self.one_file else self.url


@dataclass(frozen=True)
class ContentPage(Generic[P]):
    """One page of a kind: its address (the file name), its content and the file it came from."""

    kind: ContentType[P]
    slug: str
    item: P
    doc: YamlDocument

    @property
    def url(self) -> str:
        return self.kind.page_url(self.slug)

    @property
    def source_path(self) -> str:
        return self.kind.source_path(self.slug)

    @property
    def library_id(self) -> str:
        """The page's id in the content library ("benefits/stress", "faq"), whether or not
        the library has it."""
        return page_id(
            self.kind.source if self.kind.one_file else f"{self.kind.source}/{self.slug}"
        )


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


BENEFITS: ContentType[Benefit] = ContentType(
    name="benefit",
    model=Benefit,
    source="benefits",
    template="benefit-page.md",
    url="benefits/",
    schema_type="MedicalWebPage",
    about={"@type": "MedicalTherapy", "name": "Remedial massage"},
    nav_index="benefits/index.md",
    index_example="general-health.yml",
    cards=True,
)
GUIDES: ContentType[Guide] = ContentType(
    name="guide",
    model=Guide,
    source="guides",
    template="guide-page.md",
    url="guides/",
    schema_type="MedicalWebPage",
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
    url="faq/",
    schema_type="FAQPage",
    own_problems=_faq_id_problems,
)
SERVICES: ContentType[Services] = ContentType(
    name="services",
    model=Services,
    source="services.yml",
    template="services-page.md",
    url="services/",
    schema_type="WebPage",
    required=False,
)


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


TEAM: ContentType[Team] = ContentType(
    name="team",
    model=Team,
    source="team.yml",
    template="team-page.md",
    url="team/",
    schema_type="AboutPage",
    required=False,
    own_problems=_team_id_problems,
)

# In the order readers meet them: citation numbers and the site's source list follow it.
CONTENT_TYPES: tuple[ContentType[Any], ...] = (BENEFITS, GUIDES, FAQ, SERVICES, TEAM)
