"""Where and when clinic.yml's clinic sees clients: each location's address, opening hours,
closures (holidays) and access (steps, toilet, parking, transport). A clinic with one location
writes these at the top of clinic.yml; the `Clinic` model (`healthsite.model.clinic`) gives
every location the same way either way (`Clinic.location_list`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from healthsite.model.fields import Clock, HttpsUrl, Phone, ShortText, Slug, StrictModel, Text


class Day(StrEnum):
    MONDAY = "Monday"
    TUESDAY = "Tuesday"
    WEDNESDAY = "Wednesday"
    THURSDAY = "Thursday"
    FRIDAY = "Friday"
    SATURDAY = "Saturday"
    SUNDAY = "Sunday"


class AustralianState(StrEnum):
    NSW = "NSW"
    VIC = "VIC"
    QLD = "QLD"
    WA = "WA"
    SA = "SA"
    TAS = "TAS"
    ACT = "ACT"
    NT = "NT"


class Address(StrictModel):
    street: Text
    suburb: Text
    state: AustralianState
    postcode: Annotated[
        str,
        BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
        StringConstraints(pattern=r"^[0-9]{4}$"),
    ]
    country: Literal["AU"] = "AU"


class OpeningHours(StrictModel):
    days: Annotated[list[Day], Field(min_length=1)]
    opens: Clock
    closes: Clock

    @model_validator(mode="after")
    def _closes_after_opening(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError("'closes' must be later than 'opens' on a 24-hour clock")
        return self


def _hours_without_overlap(hours: list[OpeningHours]) -> list[OpeningHours]:
    """One location's hours may list a day more than once (open in the morning and again after
    lunch), but never with times that overlap: the pages and the structured data would then
    contradict each other."""
    seen: dict[str, list[OpeningHours]] = {}
    for entry in hours:
        for day in entry.days:
            for other in seen.get(day, []):
                if other is entry:
                    raise ValueError(
                        f"{day} is listed twice in the same 'days:' list; write it once"
                    )
                if entry.opens < other.closes and other.opens < entry.closes:
                    raise ValueError(
                        f"{day} has two sets of hours that overlap ({other.opens:%H:%M} to "
                        f"{other.closes:%H:%M} and {entry.opens:%H:%M} to {entry.closes:%H:%M}); "
                        f"keep one, or make them follow each other (such as a lunch break)"
                    )
            seen.setdefault(day, []).append(entry)
    return hours


Hours = Annotated[list[OpeningHours], Field(min_length=1), AfterValidator(_hours_without_overlap)]


class Closure(StrictModel):
    """Days a location is closed although its opening hours say open (a holiday): one day
    (`date`) or a run of days (`from` to `to`, both included). Pages and structured data show
    only closures that have not ended by the build date (`healthsite.render.locations`)."""

    # YAML's words ("from" is a Python keyword); messages and field lists use these names.
    day: date | None = Field(default=None, alias="date")
    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")
    note: ShortText

    @model_validator(mode="after")
    def _one_day_or_a_range(self) -> Closure:
        if self.day is not None and (self.start is not None or self.end is not None):
            raise ValueError(
                "write either 'date' (one day closed) or 'from' and 'to' (several days), not both"
            )
        if self.day is None and (self.start is None or self.end is None):
            missing = "to" if self.start is not None else "from" if self.end is not None else ""
            if missing:
                raise ValueError(
                    f"'{missing}' is missing: a closure of several days needs 'from' (the "
                    "first day closed) and 'to' (the last day closed)"
                )
            raise ValueError(
                "a closure needs 'date: YYYY-MM-DD' for one day, or 'from:' and 'to:' for "
                "several days"
            )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(
                f"'to' ({self.end}) is before 'from' ({self.start}): 'to' is the last day you "
                "are closed; check the year"
            )
        return self

    @property
    def first(self) -> date:
        first = self.day or self.start
        assert first is not None  # the validator requires one
        return first

    @property
    def last(self) -> date:
        last = self.day or self.end
        assert last is not None
        return last


class Access(StrictModel):
    """How a reader gets to and into a location: clear facts for someone who uses a
    wheelchair, cannot manage steps, drives or comes by bus or train."""

    # Whether someone in a wheelchair can get from the street to the treatment room with no
    # steps (level entry, a ramp or a lift). A yes or no, so the page never leaves it vague.
    step_free: bool
    # The way in, in a sentence or two: where the ramp or lift is, door widths, room floor.
    details: Text | None = None
    accessible_toilet: bool | None = None
    parking: Text | None = None
    public_transport: Text | None = None


class ClinicLocation(StrictModel):
    """One place where the clinic sees clients. Phone and booking link default to the
    clinic's; the map link is built from the address unless the clinic gives its own."""

    id: Slug
    name: ShortText
    address: Address
    phone: Phone | None = None
    booking_url: HttpsUrl | None = None
    map_url: HttpsUrl | None = None
    opening_hours: Hours
    closures: list[Closure] = []
    access: Access | None = None
