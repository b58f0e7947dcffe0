"""Each of the clinic's locations as readers see it: its details with the clinic's phone and
booking link filled in where the location has none, a link to a map, and only the holiday
closures that have not ended by the build date.

The contact block, the opening hours, the booking button, the footer and the structured data
all take their locations from `places`, so what a page shows and what its structured data says
cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from healthsite.model.clinic import Clinic
from healthsite.model.clinic_locations import (
    Access,
    Address,
    AustralianState,
    Closure,
    Day,
    OpeningHours,
)
from healthsite.model.fields import TextAt, tel_uri
from healthsite.source.markup import listed
from healthsite.source.yaml_source import Location

# Google Maps' documented cross-platform search link ("Maps URLs": no key, no script, opens the
# Maps app on a phone where it is installed). It is only a link: nothing on the page loads
# from Google, and the site's no-referrer policy keeps the page's address from it.
MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="

# The clock each state keeps (IANA names), so the front door's script can tell which day it is
# at the clinic, wherever the reader is.
STATE_TIME_ZONES = {
    AustralianState.NSW: "Australia/Sydney",
    AustralianState.VIC: "Australia/Melbourne",
    AustralianState.QLD: "Australia/Brisbane",
    AustralianState.WA: "Australia/Perth",
    AustralianState.SA: "Australia/Adelaide",
    AustralianState.TAS: "Australia/Hobart",
    AustralianState.ACT: "Australia/Sydney",
    AustralianState.NT: "Australia/Darwin",
}


def address_text(address: Address) -> str:
    """The address on one line, as a map service searches for it."""
    return f"{address.street}, {address.suburb} {address.state.value} {address.postcode}, Australia"


def map_link(address: Address) -> str:
    """A link that opens a map of `address` (every character but letters and digits encoded,
    so no part of the address can change the link's meaning)."""
    return MAP_SEARCH + quote(address_text(address), safe="")


@dataclass(frozen=True)
class HoursRow:
    """One line of a location's hours as the front door shows them."""

    days: str  # as a reader says them: "Monday to Friday"
    # The same days as ISO numbers ("1 2 3 4 5"), for the script that shows today's hours.
    weekdays: str
    hours: str | None  # "09:00 to 18:00"; None: closed on those days


def weekday_numbers(days: list[Day]) -> str:
    """Days as ISO weekday numbers (Monday is 1), in week order, separated by spaces."""
    week = list(Day)
    return " ".join(str(week.index(day) + 1) for day in sorted(set(days), key=week.index))


@dataclass(frozen=True)
class Place:
    """One location, ready to show."""

    id: str
    name: str
    address: Address
    phone: str
    booking_url: str | None
    map_url: str
    opening_hours: list[OpeningHours]
    # Closures still to come or going on at the build date, soonest first.
    closures: list[Closure]
    access: Access | None

    @property
    def tel(self) -> str:
        return tel_uri(self.phone)

    @property
    def closed_days(self) -> list[Day]:
        """Days with no opening hours, in week order."""
        open_days = {day for slot in self.opening_hours for day in slot.days}
        return [day for day in Day if day not in open_days]

    @property
    def time_zone(self) -> str:
        return STATE_TIME_ZONES[self.address.state]

    @property
    def hours_rows(self) -> list[HoursRow]:
        """Each entry of its opening hours with its days grouped ("Monday to Friday"), in the
        order clinic.yml lists them, then the days it is closed."""
        rows = [
            HoursRow(
                days_text(slot.days),
                weekday_numbers(slot.days),
                f"{slot.opens:%H:%M} to {slot.closes:%H:%M}",
            )
            for slot in self.opening_hours
        ]
        if self.closed_days:
            rows.append(
                HoursRow(days_text(self.closed_days), weekday_numbers(self.closed_days), None)
            )
        return rows


def days_text(days: list[Day]) -> str:
    """Days as a reader says them: runs of three or more become "Monday to Friday", the rest
    are listed ("Tuesday, Thursday and Saturday")."""
    week = list(Day)
    chosen = sorted(set(days), key=week.index)
    runs: list[list[Day]] = []
    for day in chosen:
        if runs and week.index(day) == week.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0].value} to {run[-1].value}")
        else:
            parts.extend(day.value for day in run)
    return listed(parts)


@dataclass(frozen=True)
class BookingChoice:
    """One way to book and the locations it serves: a booking page, or, for locations without
    one, a phone number."""

    href: str
    # The number to call, when booking is by phone.
    phone: str | None
    places: tuple[Place, ...]

    @property
    def place_names(self) -> str:
        """The locations it books, as a sentence names them ("Wattle Lane or Hilltop")."""
        return listed([place.name for place in self.places], "or")


def booking_choices(shown: list[Place]) -> list[BookingChoice]:
    """One choice per distinct booking page (or phone number, for locations with no booking
    page), in the order of the first location each serves. Addresses are compared as the
    clinic.yml fields give them after validation (spaces around them removed)."""
    grouped: dict[str, list[Place]] = {}
    for place in shown:
        grouped.setdefault(place.booking_url or place.tel, []).append(place)
    return [
        BookingChoice(
            href=href,
            phone=None if group[0].booking_url else group[0].phone,
            places=tuple(group),
        )
        for href, group in grouped.items()
    ]


def upcoming(closures: list[Closure], today: date) -> list[Closure]:
    """The closures that have not ended before `today`, soonest first."""
    return sorted((c for c in closures if c.last >= today), key=lambda c: (c.first, c.last))


def places(clinic: Clinic, today: date) -> list[Place]:
    """Every location of the clinic in the order clinic.yml lists them (the first is the main
    one), as of `today`."""
    return [
        Place(
            id=location.id,
            name=location.name,
            address=location.address,
            phone=location.phone or clinic.phone,
            booking_url=location.booking_url or clinic.booking_url,
            map_url=location.map_url or map_link(location.address),
            opening_hours=location.opening_hours,
            closures=upcoming(location.closures, today),
            access=location.access,
        )
        for _, location in clinic.location_list
    ]


def past_closures(clinic: Clinic, today: date) -> Iterator[tuple[Location, Closure]]:
    """Closures that ended before `today` (no longer shown), with where each is written."""
    for at, location in clinic.location_list:
        for i, closure in enumerate(location.closures):
            if closure.last < today:
                yield (*at, "closures", i), closure


def location_text(clinic: Clinic) -> Iterator[TextAt]:
    """The words about the locations that readers see (names, closure notes, access notes),
    for the wording and spelling rules."""
    for at, location in clinic.location_list:
        if at:  # a single location's name is the clinic's, checked with it
            yield (*at, "name"), location.name
        for i, closure in enumerate(location.closures):
            yield (*at, "closures", i, "note"), closure.note
        if location.access is not None:
            for field in ("details", "parking", "public_transport"):
                text = getattr(location.access, field)
                if text is not None:
                    yield (*at, "access", field), text
