"""clinic.yml: the clinic itself (`Clinic`): its name, address or locations, contact details,
people, health funds, brand colours, and the facts its legal pages need that only the clinic
knows (`Privacy`, `Accessibility`). Its locations are `healthsite.model.clinic_locations`'s
models and its people `healthsite.model.person`'s."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from healthsite.model.clinic_locations import Access, Address, ClinicLocation, Closure, Hours
from healthsite.model.colour import (
    DARK_TEXT,
    MIN_CONTRAST,
    WHITE,
    contrast_ratio,
    nearest_readable,
    text_colour_on,
)
from healthsite.model.fields import (
    Email,
    HomeScreenName,
    HttpsUrl,
    Phone,
    ShortText,
    SiteUrl,
    StrictModel,
    Text,
    path_in_site,
    tel_uri,
)
from healthsite.model.person import Person
from healthsite.model.review import Review
from healthsite.source.yaml_source import Location

# The fields of a location a clinic with one location may write at the top of clinic.yml
# instead of under `locations:` (clinic.yml before locations existed had address and
# opening_hours there, and keeps working).
SINGLE_LOCATION_FIELDS = ("address", "opening_hours", "closures", "access", "map_url")
# The id of that one location (in pages' markup; its structured data keeps the clinic's id).
SINGLE_LOCATION_ID = "main"


def _health_funds_block(value: object) -> object:
    # Before this was a block it was one paragraph; say how to move it instead of "not a dict".
    if isinstance(value, str):
        raise ValueError(
            "health_funds is a block of fields now: write 'hicaps: true' (or false) on the "
            "next line, indented, and move this text to 'note:' (see content/README.md)"
        )
    return value


class HealthFunds(StrictModel):
    """What the clinic says about claiming from health funds (shown on the clinic page and in
    FAQ answers that ask for it with `clinic_facts`)."""

    # A HICAPS terminal lets clients claim with their fund card straight after a session.
    hicaps: bool
    note: Text | None = None


def _readable_with_white_or_dark_text(value: str) -> str:
    if text_colour_on(value) is None:
        white, dark = contrast_ratio(value, WHITE), contrast_ratio(value, DARK_TEXT)
        raise ValueError(
            f"neither white text ({white:.2f}:1) nor dark text ({dark:.2f}:1) is easy to read "
            f"on {value} (text needs a contrast of at least {MIN_CONTRAST}:1); the nearest "
            f'shade that works is "{nearest_readable(value)}"'
        )
    return value


HEX_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
HexColour = Annotated[str, StringConstraints(pattern=HEX_COLOUR_PATTERN)]


# Text on a brand colour is white, or dark on a light colour, whichever is readable.
BrandColour = Annotated[HexColour, AfterValidator(_readable_with_white_or_dark_text)]


class Theme(StrictModel):
    primary_colour: BrandColour
    accent_colour: BrandColour | None = None


# --- clinic.yml: what the legal pages need and cannot guess --------------------------------


class RecordsFormat(StrEnum):
    """How the clinic keeps client records (the privacy policy says so)."""

    PAPER = "paper"
    ELECTRONIC = "electronic"
    BOTH = "both"


class OtherCompany(StrictModel):
    """A company that handles readers' information for the clinic (a booking service, the web
    host), named on the privacy page with a link to its own privacy policy."""

    name: ShortText
    privacy_url: HttpsUrl | None = None


class Privacy(StrictModel):
    """Facts for the privacy policy (`healthsite.model.legal`) that only the clinic knows. Anything
    the page states about the clinic's own practice comes from here, so the page never claims
    what the clinic did not say; the law it explains comes from `healthsite.model.legal`."""

    # Who answers privacy questions: a name or a role. Left out, the page says "us".
    contact: ShortText | None = None
    # Where privacy requests go, if not the clinic's own email and phone.
    email: Email | None = None
    phone: Phone | None = None
    records: RecordsFormat
    # The practice-management software that holds electronic records (another company's).
    records_system: ShortText | None = None
    # How long records are kept. Optional only in the states whose law sets a minimum
    # (`healthsite.model.legal.STATE_LAW`); the loader asks for it elsewhere.
    kept_for: Text | None = None
    # What the clinic collects, one item each; left out, `healthsite.model.legal.default_collects`.
    collects: Annotated[list[Text], Field(min_length=1)] | None = None
    # Who takes online bookings (required when booking_url is set: bookings go to them).
    booking_provider: OtherCompany | None = None
    # Where the website is hosted, if not GitHub Pages (where this project deploys).
    website_host: OtherCompany | None = None
    # APP 1.4(f) and (g): whether information is likely to go to overseas recipients, and the
    # countries where practicable.
    discloses_overseas: bool
    overseas_countries: list[ShortText] = []
    review: Review


class Accessibility(StrictModel):
    """Facts for the accessibility statement that only the clinic knows."""

    # Who deals with accessibility problems; left out, the page says "us".
    contact: ShortText | None = None
    email: Email | None = None
    phone: Phone | None = None
    # Problems the clinic knows about and has not fixed yet, one sentence each.
    known_issues: list[Text] = []
    review: Review


class Clinic(StrictModel):
    name: ShortText
    # The name under the site's icon on a phone's home screen (the web manifest's short_name):
    # when left out, the name cut at a word to fit (`sharing.short_name`).
    short_name: HomeScreenName | None = None
    description: Text
    site_url: SiteUrl
    phone: Phone
    email: Email
    booking_url: HttpsUrl | None = None
    # One location: these at the top (SINGLE_LOCATION_FIELDS). Several: `locations` instead.
    address: Address | None = None
    opening_hours: Hours | None = None
    closures: list[Closure] = []
    access: Access | None = None
    map_url: HttpsUrl | None = None
    locations: Annotated[list[ClinicLocation], Field(min_length=1)] | None = None
    health_funds: Annotated[HealthFunds, BeforeValidator(_health_funds_block)]
    people: Annotated[list[Person], Field(min_length=1)]
    theme: Theme
    emergency_number: Literal["000"] = "000"
    business_type: Literal["HealthAndBeautyBusiness", "MedicalClinic"] = "HealthAndBeautyBusiness"
    # The legal pages' facts; required while the page is on (the plugin's privacy_page and
    # accessibility_page options), which rules.legal_pages checks.
    privacy: Privacy | None = None
    accessibility: Accessibility | None = None
    example: bool = False

    @model_validator(mode="after")
    def _people_ids_unique(self) -> Clinic:
        seen: set[str] = set()
        for person in self.people:
            if person.id in seen:
                raise ValueError(f"two people share the id '{person.id}'; give each its own")
            seen.add(person.id)
        return self

    @model_validator(mode="after")
    def _one_location_or_a_list(self) -> Clinic:
        written = [
            name
            for name in SINGLE_LOCATION_FIELDS
            if name in self.model_fields_set and getattr(self, name) not in (None, [])
        ]
        if self.locations is not None and written:
            fields = ", ".join(f"'{name}'" for name in written)
            raise ValueError(
                f"{fields} must be inside each entry of 'locations' when clinic.yml has a "
                "'locations' list: move them into the location they belong to"
            )
        if self.locations is None:
            missing = [name for name in ("address", "opening_hours") if getattr(self, name) is None]
            if missing:
                fields = " and ".join(f"'{name}'" for name in missing)
                raise ValueError(
                    f"{fields} {'is' if len(missing) == 1 else 'are'} missing: write your "
                    "address and opening_hours here for one location, or a 'locations' list "
                    "with one entry for each location (see content/README.md, section 2)"
                )
        return self

    @property
    def location_list(self) -> list[tuple[Location, ClinicLocation]]:
        """Every location with where it is written in clinic.yml: the `locations` list, or the
        one location whose fields are at the top of the file."""
        if self.locations is not None:
            return [(("locations", i), place) for i, place in enumerate(self.locations)]
        assert self.address is not None and self.opening_hours is not None  # the validator
        single = ClinicLocation(
            id=SINGLE_LOCATION_ID,
            name=self.name,
            address=self.address,
            map_url=self.map_url,
            opening_hours=self.opening_hours,
            closures=self.closures,
            access=self.access,
        )
        return [((), single)]

    @property
    def main_address(self) -> Address:
        """The first location's address: where letters go (the legal pages), and whose
        state's health records law the privacy policy explains."""
        return self.location_list[0][1].address

    @property
    def books_online(self) -> bool:
        """Whether any location takes bookings through another company's booking page: a
        booking_url on the site's own address is a page of the site, which takes nothing."""
        urls = [self.booking_url, *(place.booking_url for _, place in self.location_list)]
        return any(url is not None and path_in_site(url, self.site_url) is None for url in urls)

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.phone)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def people_by_id(self, ids: list[str]) -> list[Person]:
        """The people with these ids, in that order (the loader reports an unknown id)."""
        return [person for i in ids if (person := self.person(i)) is not None]
