"""The team page (`content/team.yml`): which of clinic.yml's people it shows, in which
order, with the page's own words. `TEAM` is the kind's registry entry; its check of one page
(`_team_id_problems`) keeps each person to one place on the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from healthsite.model.clinic import Clinic
from healthsite.model.content_type import ContentPage, ContentType
from healthsite.model.fields import Description, Key, ShortText, StrictModel, Text, TextAt
from healthsite.model.kind_facts import PageItems, Tally, Words
from healthsite.model.page_model import OnePage
from healthsite.model.person import Person
from healthsite.model.review import Review
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location


class Team(OnePage, StrictModel):
    """The team page (/team/): who works at the clinic. The people and what the page says about
    each are clinic.yml's (`Person`); this file holds the page's own words, its review, and
    which people it shows in which order."""

    title: ShortText = "Our team"
    description: Description
    intro: Text | None = None
    # Ids of clinic.yml's people, in the order the page shows them; left out, everyone there
    # in clinic.yml's order. Someone not listed (an outside reviewer) is not shown.
    people: Annotated[list[Key], Field(min_length=1)] | None = None
    review: Review

    def members(self, clinic: Clinic) -> list[tuple[int, Person]]:
        """The people the page shows, in its order, each with its place in clinic.yml's list
        (for messages that point at their fields). Unknown ids are the loader's to report."""
        places = {person.id: i for i, person in enumerate(clinic.people)}
        ids = self.people if self.people is not None else list(places)
        return [(places[i], clinic.people[places[i]]) for i in ids if i in places]

    def clinic_text(self, clinic: Clinic) -> Iterator[TextAt]:
        """The body text the page shows from clinic.yml: each person's bio (its wording is
        checked with clinic.yml's; its reading level with this page's)."""
        for i, person in self.members(clinic):
            if person.bio is not None:
                yield ("people", i, "bio"), person.bio

    def person_lists(self) -> Iterator[tuple[Location, list[str]]]:
        """Where the page names people of clinic.yml besides its review."""
        if self.people is not None:
            yield ("people",), self.people

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        yield ("description",), self.description

    def body(self) -> Iterator[TextAt]:
        if self.intro is not None:
            yield ("intro",), self.intro


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
