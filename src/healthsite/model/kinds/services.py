"""The price list (`content/services.yml`): the clinic's treatments, each with its
lengths and prices, and whether health funds usually pay part. `SERVICES` is the kind's
registry entry."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from pydantic import Field, model_validator

from healthsite.model.content_type import ContentType
from healthsite.model.fields import (
    Description,
    HttpsUrl,
    ShortText,
    Slug,
    StrictModel,
    Text,
    TextAt,
)
from healthsite.model.kind_facts import PageItems, Tally, Words
from healthsite.model.page_model import OnePage
from healthsite.model.review import Review


class SessionPrice(StrictModel):
    """One length of a treatment and what it costs, in Australian dollars."""

    minutes: Annotated[int, Field(ge=5, le=480)]
    price: Annotated[Decimal, Field(gt=0, le=10000, decimal_places=2)]


class Service(StrictModel):
    id: Slug
    name: ShortText
    description: Text
    sessions: Annotated[list[SessionPrice], Field(min_length=1)]
    # Whether health funds usually pay part of it under extras cover (it depends on the fund,
    # the policy and the therapist): left out, the page says nothing either way.
    health_fund_claimable: bool | None = None
    # Where to book this treatment, when not the clinic's booking_url.
    booking_url: HttpsUrl | None = None

    @model_validator(mode="after")
    def _one_price_per_length(self) -> Service:
        lengths = [session.minutes for session in self.sessions]
        if len(set(lengths)) != len(lengths):
            raise ValueError(
                f"'{self.name}' lists the same length twice; give each length one price"
            )
        return self


class Services(OnePage, StrictModel):
    """The clinic's treatments and prices: one page, with the table built from this data."""

    title: ShortText = "Treatments and prices"
    description: Description
    intro: Text | None = None
    services: Annotated[list[Service], Field(min_length=1)]
    # Said under the table, such as how to pay or a cancellation fee.
    note: Text | None = None
    review: Review

    @model_validator(mode="after")
    def _ids_unique(self) -> Services:
        seen: set[str] = set()
        names: set[str] = set()
        for service in self.services:
            if service.id in seen:
                raise ValueError(f"two treatments share the id '{service.id}'; give each its own")
            seen.add(service.id)
            # Readers tell treatments apart by name: two of one name with different prices
            # contradict each other.
            name = " ".join(service.name.casefold().split())
            if name in names:
                raise ValueError(
                    f"two treatments are called '{service.name}'; give each its own name, or "
                    "put both lengths and prices under one treatment"
                )
            names.add(name)
        return self

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        yield ("description",), self.description
        for i, service in enumerate(self.services):
            yield ("services", i, "name"), service.name

    def body(self) -> Iterator[TextAt]:
        if self.intro is not None:
            yield ("intro",), self.intro
        for i, service in enumerate(self.services):
            yield ("services", i, "description"), service.description
        if self.note is not None:
            yield ("note",), self.note


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
