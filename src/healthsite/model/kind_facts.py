"""What a kind of page's registry entry (`healthsite.model.content_type.ContentType`) says about its
pages besides their files and model: the words messages name them with, what the check's summary
counts, what they must cite, and what their structured data describes.

Each is a description, not code of a higher layer: the layer that acts on it interprets it
(`healthsite.rules.citations` the sources, `healthsite.render.structured_data` the items), so
the model layer never imports upward and a new kind picks from what those layers already do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from healthsite.model.clinic import Clinic

M = TypeVar("M")


@dataclass(frozen=True)
class Words:
    """A noun for one thing and for several ("benefit page", "benefit pages")."""

    one: str
    many: str

    def count(self, number: int) -> str:
        """The number with its noun: "1 benefit page", "6 benefit pages"."""
        return f"{number} {self.one if number == 1 else self.many}"


@dataclass(frozen=True)
class Tally(Generic[M]):
    """What `healthsite check`'s summary counts on a kind's pages when not the pages themselves:
    a number on each page (from its model and clinic.yml), the words for it, and the phrase
    they go in ("{}": "38 questions"; "a team page of {}": "a team page of 2 people")."""

    words: Words
    count: Callable[[M, Clinic], int]
    phrase: str = "{}"


@dataclass(frozen=True)
class Sources:
    """That a kind's pages cite references, and what `healthsite.rules.citations` holds them
    to."""

    # How messages name what cites a reference ("benefit page") and the part of it whose
    # `citations` list holds the keys ("claim").
    cited_by: str
    part: str
    # The different references each page cites at least (0: a page may cite none).
    at_least: int = 0
    # Where the page's citations are written ("research"): the message about too few points
    # there, and says how to add one (`add_one`; the keys' source is added to it).
    field: str = ""
    add_one: str = ""
    # Whether a `part` that states a figure (a phone number, a date, a count) needs a source:
    # the text written beside an empty `citations` list (the fields of the same YAML mapping)
    # may then state none, since figures are the facts that go out of date.
    figures: bool = False


class PageItems(StrEnum):
    """What a page's structured data says about its own content besides what every page's says
    (its title, description, review dates, people and publisher);
    `healthsite.render.structured_data` writes each."""

    NONE = "none"
    # For patients, with the page's sources as its citations (benefit and guide pages).
    MEDICAL = "medical"
    # Each question and its answer as the page shows it (the FAQ: a `Faq` model).
    QUESTIONS = "questions"
    # An offer for each length of each treatment (the price list: a `Services` model).
    OFFERS = "offers"
    # Each person the page shows (the team page: a `Team` model).
    PEOPLE = "people"
