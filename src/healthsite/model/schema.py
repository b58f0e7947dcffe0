"""Typed models of the content in `content/`: the one schema every YAML file is checked against.

Each model forbids unknown keys, so a misspelt field is an error (with a "did you mean") rather
than a value silently ignored. Rules that span files (citations that must resolve, people who
must exist) live in `healthsite.model.loader`; health-content policy (wording, readability, review
dates) lives in `healthsite.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import unquote, urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from healthsite.model.colour import (
    DARK_TEXT,
    MIN_CONTRAST,
    WHITE,
    contrast_ratio,
    nearest_readable,
    text_colour_on,
)
from healthsite.source.yaml_source import Location

# A field a reader sees and where it is written in its file.
TextAt = tuple[Location, str]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9_-]*$"


def _no_markup(value: str) -> str:
    # Titles and descriptions also reach Material's own templates, which do not escape HTML.
    if "<" in value or ">" in value:
        raise ValueError(
            "'<' and '>' are not allowed here (HTML cannot be used in titles or descriptions)"
        )
    if "{{" in value or "{%" in value:
        raise ValueError("'{{' and '{%' are not allowed here")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(_no_markup),
]
Description = Annotated[
    str, StringConstraints(min_length=50, max_length=160), AfterValidator(_no_markup)
]
# Under a home-screen icon: longer is cut off by the phone.
HOME_SCREEN_NAME_LENGTH = 15
HomeScreenName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=HOME_SCREEN_NAME_LENGTH),
    AfterValidator(_no_markup),
]
# The short name of a page in menus and cards.
NavTitle = Annotated[
    str, StringConstraints(min_length=1, max_length=40), AfterValidator(_no_markup)
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]


def _url_with_scheme(*schemes: str) -> AfterValidator:
    def check(value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in schemes:
            allowed = " or ".join(f"'{s}:'" for s in schemes)
            raise ValueError(f"the address must start with {allowed}, for example https://…")
        if parts.scheme == "https" and not parts.netloc:
            raise ValueError("the address has no host name after 'https://'")
        try:
            if parts.port == 0:  # urllib checks the port only when asked for it
                raise ValueError
        except ValueError:
            raise ValueError(
                "the number after the host name's ':' is not a port (a whole number from 1 to "
                "65535); leave out ':' and the number unless the address needs them"
            ) from None
        if any(ch.isspace() for ch in value):
            raise ValueError("the address contains a space")
        # Theme templates write addresses into HTML attributes without escaping them.
        unsafe = sorted({ch for ch in value if ch in "\"'<>`\\{}|^"})
        if unsafe:
            shown = " ".join(unsafe)
            raise ValueError(f"the address contains characters a web address cannot hold: {shown}")
        return value

    return AfterValidator(check)


HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True), _url_with_scheme("https")]


def _site_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ValueError(
            "the site's address cannot have a '?' or '#' part: every page's address, the "
            "sitemap and the share images are made from it; write it as https://host/ or "
            "https://host/folder/"
        )
    return value


# Where the site is published: an https address with no query or fragment.
SiteUrl = Annotated[HttpsUrl, AfterValidator(_site_address)]


# Allowed in an address by the standard, but in a mailto: link they start a query
# ("info?bcc=someone@example.org" would copy every message to a third party) or change its meaning.
_MAILTO_SPECIAL = frozenset("?#&%/=!$*'^`{|}~")


def _check_email(value: str) -> str:
    """An email address and nothing else, checked by email-validator without any network
    lookup (check_deliverability=False): no display name, no "?subject=", no "mailto:"."""
    try:
        address = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(
            f"this is not an email address: {exc} Write the address alone, for example "
            "info@example.com.au"
        ) from None
    special = sorted(set(address.local_part) & _MAILTO_SPECIAL)
    if special:
        raise ValueError(
            f"an address with {' or '.join(repr(c) for c in special)} before the @ would change "
            "the contact link; "
            "write the address alone, for example info@example.com.au"
        )
    return address.normalized


Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_email)]


def _check_phone(value: str) -> str:
    if not re.fullmatch(r"\+?[0-9(][0-9 ()-]{5,18}[0-9]", value):
        raise ValueError(
            "a phone number may hold only digits, spaces, brackets, '-' and a leading '+'"
        )
    return value


def site_base(site_url: str) -> str:
    """The path the site is published under, with its closing "/" ("/" for most sites)."""
    path = urlsplit(site_url).path
    return path if path.endswith("/") else f"{path}/"


def path_in_site(url: str, site_url: str) -> str | None:
    """The address of `url` inside the site published at `site_url`, relative to its base
    ("book/"; "" for its home page), or None when `url` is another site: another host or port,
    or a path on the same host outside the site's base path."""
    target, site = urlsplit(url), urlsplit(site_url)
    if (target.hostname, target.port) != (site.hostname, site.port):
        return None
    base = site_base(site_url)
    path = unquote(target.path) or "/"
    if path == base.rstrip("/"):
        path = base  # the site's own address without its closing "/"
    return path[len(base) :] if path.startswith(base) else None


def tel_uri(phone: str) -> str:
    """A phone number as a tel: link: digits only, with the leading '+' if there is one."""
    return "tel:" + ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


Phone = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_phone),
]


def _parse_clock(value: object) -> object:
    """Accept '9:00' and '09:00' (text, as the loader keeps it), reject anything vaguer."""
    if isinstance(value, str):
        match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", value.strip())
        if not match:
            raise ValueError('write the time as HH:MM on a 24-hour clock, for example "17:30"')
        return time(int(match.group(1)), int(match.group(2)))
    return value


Clock = Annotated[time, BeforeValidator(_parse_clock)]


def _doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:", "https://dx.doi.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    if not re.fullmatch(r"10\.\d{4,9}/\S+", value):
        raise ValueError("a DOI looks like 10.1037/0033-2909.130.1.3")
    return value


def _pmid(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not re.fullmatch(r"[1-9][0-9]{0,8}", value.strip()):
        raise ValueError("a PubMed ID (PMID) is a number such as 21147413")
    return value.strip() if isinstance(value, str) else value


# --- people's photos (clinic.yml) ------------------------------------------------------------

# What a photo's path may hold: it goes into a generated page's Markdown as it is.
_PHOTO_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # what the image pipeline resizes
BIO_MAX_CHARS = 600


def _photo_path(value: str) -> str:
    """A photo is a JPEG, PNG or WebP file inside docs/, written as its path there."""
    if "://" in value or value.startswith(("/", "data:")):
        raise ValueError(
            "write the photo's path inside docs/, such as assets/team/alex.jpg (not a web "
            "address and not starting with '/'), and put the file there"
        )
    if ".." in value.split("/") or not _PHOTO_PATH.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a path the site can use: write the path inside docs/ with "
            "letters, digits, '-', '_' and '/' only, for example assets/team/alex.jpg"
        )
    if not value.lower().endswith(PHOTO_SUFFIXES):
        raise ValueError(
            "a photo must be a JPEG, PNG or WebP file (ending .jpg, .jpeg, .png or .webp); "
            "save a phone's HEIC photo as a JPEG (on an iPhone: Settings, Camera, Formats, "
            "Most Compatible)"
        )
    return value


def _alt_not_empty(value: str) -> str:
    if not value:
        raise ValueError(
            "photo_alt is empty: a photo of a person is never decoration; say who it shows "
            "and how, for example 'Alex smiling in the treatment room'"
        )
    return value


PhotoAlt = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(_alt_not_empty),
    AfterValidator(_no_markup),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- clinic.yml -----------------------------------------------------------------------------


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


# --- clinic.yml: locations ----------------------------------------------------------------


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


# The fields of a location a clinic with one location may write at the top of clinic.yml
# instead of under `locations:` (clinic.yml before locations existed had address and
# opening_hours there, and keeps working).
SINGLE_LOCATION_FIELDS = ("address", "opening_hours", "closures", "access", "map_url")
# The id of that one location (in pages' markup; its structured data keeps the clinic's id).
SINGLE_LOCATION_ID = "main"


class Person(StrictModel):
    id: Key
    name: ShortText
    role: ShortText
    qualifications: ShortText | None = None
    # Whether health funds recognise this person as a provider (their sessions can be claimed).
    # Left out, the site says nothing either way: it never claims what the clinic did not say.
    health_fund_provider: bool | None = None
    medical_doctor: bool = False
    # What the team page (content/team.yml) shows besides the above; each is left out of the
    # page when it is not given.
    photo: Annotated[str, AfterValidator(_photo_path)] | None = None  # a file inside docs/
    photo_alt: PhotoAlt | None = None  # required with a photo: it shows a person
    bio: Annotated[Text, StringConstraints(max_length=BIO_MAX_CHARS)] | None = None
    languages: list[ShortText] = []  # spoken besides English
    association: ShortText | None = None  # the professional association they belong to
    works: ShortText | None = None  # days and places, in the clinic's words
    # Ids of the clinic's locations where they see clients (with several locations).
    locations: list[Key] = []

    @field_validator("languages")
    @classmethod
    def _not_english(cls, languages: list[str]) -> list[str]:
        if any(language.casefold() == "english" for language in languages):
            raise ValueError(
                "list only the languages spoken besides English (the page says English "
                "for everyone who has 'languages')"
            )
        return languages

    @property
    def spoken_languages(self) -> list[str]:
        """The languages the team page lists: English first, when `languages` names others
        (nothing when it does not, so the page says nothing about languages)."""
        return ["English", *self.languages] if self.languages else []

    @model_validator(mode="after")
    def _photo_has_alt(self) -> Person:
        if self.photo is not None and self.photo_alt is None:
            raise ValueError(
                f"the photo '{self.photo}' needs 'photo_alt': add a line 'photo_alt:' saying "
                f"what the photo shows to people who cannot see it, for example "
                f"'{self.name} at the treatment table'"
            )
        if self.photo is None and self.photo_alt is not None:
            raise ValueError(
                "'photo_alt' describes a photo, but there is no 'photo': add 'photo:' with the "
                "file's path inside docs/ (for example assets/team/photo.jpg), or remove "
                "'photo_alt'"
            )
        return self


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


# --- review blocks: every health page, safety.yml and the legal pages -------------------------


class Review(StrictModel):
    last_reviewed: date
    next_review_due: date
    written_by: Annotated[list[Key], Field(min_length=1)]
    reviewed_by: Annotated[list[Key], Field(min_length=1)]

    @model_validator(mode="after")
    def _due_after_review(self) -> Review:
        if self.next_review_due <= self.last_reviewed:
            raise ValueError("'next_review_due' must be after 'last_reviewed'")
        return self


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


# --- shared by health pages ----------------------------------------------------------------


class EvidenceStrength(StrEnum):
    VERY_LOW = "very low"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


CitationList = Annotated[list[Key], Field(min_length=1)]


class Claim(StrictModel):
    """One statement about what research shows, with how strong the evidence is."""

    text: Text
    strength: EvidenceStrength
    strength_note: ShortText
    citations: CitationList


# --- safety.yml ---------------------------------------------------------------------------


class RedFlagTier(StrEnum):
    """How urgent a warning sign is, most urgent first (the order pages show them in)."""

    CALL_000 = "call-000"
    DOCTOR_TODAY = "doctor-today"
    DOCTOR_SOON = "doctor-soon"


class CautionTier(StrEnum):
    """What a reader with a health condition should do before or during a massage (the order
    pages show them in)."""

    DOCTOR_FIRST = "doctor-first"
    # Not a reason to delay a massage, but a reason to see a GP as well (low mood, poor sleep).
    SEE_GP_TOO = "see-gp-too"
    TELL_THERAPIST = "tell-therapist"
    NO_MASSAGE = "no-massage"


def _no_closing_full_stop(value: str) -> str:
    if value.endswith("."):
        raise ValueError(
            "leave out the full stop at the end: the page finishes the sentence itself, after "
            "the text and its sources"
        )
    return value


# The text of a piece of safety advice: it finishes the sentence its page starts ("Call 000
# ... if you have:", "Not sure what to do? Call ..."), so the page adds the closing stop.
AdviceText = Annotated[Text, AfterValidator(_no_closing_full_stop)]


AdviceWords = Annotated[
    list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]],
    Field(max_length=40),
]


class RedFlag(StrictModel):
    """A warning sign: the one wording of it that every page shows."""

    id: Slug
    tier: RedFlagTier
    text: AdviceText
    # The words that name this condition: free text elsewhere that uses them is refused, so a
    # page can only give this advice by referencing the id (rules.safety_advice).
    words: AdviceWords = []
    citations: list[Key] = []
    # False for a sign that belongs only on the pages that list it in `warning_signs` (a
    # headache sign on the headaches page) rather than in the "when to see a doctor" box of
    # every page.
    on_every_page: bool = True
    # Ids of `Safety.topics`: a page whose title names the topic must show this sign in its
    # box (rules.topic_warning_signs).
    topics: list[Slug] = []


class Caution(StrictModel):
    """Who should see a doctor first, tell the therapist, or not be massaged, and why."""

    id: Slug
    tier: CautionTier
    text: AdviceText
    words: AdviceWords = []
    citations: list[Key] = []


class Topic(StrictModel):
    """What a page can be about ("headaches"), known by the words of its title; the red flags
    that name the topic in their `topics` belong in the box of every page about it."""

    id: Slug
    name: ShortText  # as messages say it: "This page is about headaches"
    words: Annotated[AdviceWords, Field(min_length=1)]


class AdviceLine(StrictModel):
    """The phone line for health advice at any hour (1800MEDICARE in Australia): the "When to
    see a doctor" box and every page's footer show it, under the emergency number."""

    name: ShortText
    phone: Phone
    # Finishes the sentence "Not sure what to do? Call <name> on <phone>".
    text: AdviceText
    citations: list[Key] = []

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.phone)


class Safety(StrictModel):
    review: Review
    topics: list[Topic] = []
    advice_line: AdviceLine | None = None
    red_flags: Annotated[list[RedFlag], Field(min_length=1)]
    cautions: Annotated[list[Caution], Field(min_length=1)]

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        """Where safety.yml cites sources: each entry's citations, then the advice line's."""
        for i, flag in enumerate(self.red_flags):
            yield ("red_flags", i, "citations"), flag.citations
        for i, caution in enumerate(self.cautions):
            yield ("cautions", i, "citations"), caution.citations
        if self.advice_line is not None:
            yield ("advice_line", "citations"), self.advice_line.citations

    def entry(self, advice_id: str) -> RedFlag | Caution | None:
        return next((a for a in self.entries if a.id == advice_id), None)

    @property
    def entries(self) -> list[RedFlag | Caution]:
        return [*self.red_flags, *self.cautions]

    @property
    def every_page_flags(self) -> list[RedFlag]:
        """The warning signs every page's "When to see a doctor" box shows."""
        return [flag for flag in self.red_flags if flag.on_every_page]


def _advice_ref(value: object) -> object:
    # A page usually lists bare ids; a mapping adds a note for that page.
    return {"id": value} if isinstance(value, str) else value


class AdviceRef(StrictModel):
    """A page's reference to an entry of safety.yml, with an optional note for that page."""

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    note: Text | None = None


AdviceRefs = list[Annotated[AdviceRef, BeforeValidator(_advice_ref)]]


class AdviceKind(StrEnum):
    """The one kind of safety.yml entry a list takes, for the lists that take only one."""

    WARNING_SIGNS = "warning signs"  # red flags: a page's "When to see a doctor" box
    CAUTIONS = "cautions"  # "Who should be careful"


@dataclass(frozen=True)
class AdviceList:
    """One list of a page's references to safety.yml, where it is written. A list that takes
    one kind of entry only (`only`) says in `other_kind` where the page lists the other kind."""

    where: Location
    refs: list[AdviceRef]
    only: AdviceKind | None = None
    other_kind: str = ""


class AdvicePlace(StrEnum):
    """Where a page shows safety.yml's advice by id, so where a writer who words the advice
    themselves is sent instead (`healthsite.rules.safety_advice` words each)."""

    PAGE_LISTS = "page lists"  # the page's cautions or warning_signs (a benefit page)
    SECTION = "section"  # the safety list of the section the text belongs in (a guide page)
    QUESTION = "question"  # this question's safety list (an FAQ answer)
    ANY_QUESTION = "any question"  # the safety list of a question (the FAQ's introduction)
    NOWHERE = "nowhere"  # the page shows no safety advice (the price list, the team page)


@dataclass(frozen=True)
class AdvicePassage:
    """A passage in which a page's writer could word safety advice of their own, and where the
    page shows safety.yml's advice instead."""

    where: Location
    text: str
    place: AdvicePlace
    own: str | None = None  # a note's own advice id: the note may name its own condition


def advice_note_text(lists: Iterator[AdviceList], place: AdvicePlace) -> Iterator[AdvicePassage]:
    """A page's notes on the advice it lists, each of which may name its own condition."""
    for advice in lists:
        for i, ref in enumerate(advice.refs):
            if ref.note is not None:
                yield AdvicePassage((*advice.where, i, "note"), ref.note, place, own=ref.id)


def cited_keys(lists: Iterator[tuple[Location, list[str]]]) -> list[str]:
    """The citation keys of a page's lists, in reading order, without repeats."""
    return list(dict.fromkeys(key for _, keys in lists for key in keys))


def advice_notes(at: Location, refs: list[AdviceRef]) -> Iterator[TextAt]:
    """A page's own notes on the safety advice it shows (the advice is safety.yml's text)."""
    for i, ref in enumerate(refs):
        if ref.note is not None:
            yield (*at, i, "note"), ref.note


class PageModel:
    """What every kind of page's model answers for the registry (`registry.PageContent`)
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


# --- benefits/<slug>.yml --------------------------------------------------------------------


class Benefit(FolderPage, StrictModel):
    title: ShortText
    nav_title: NavTitle | None = None
    order: Annotated[int, Field(ge=0, le=999)]
    description: Description
    summary: Text
    research: Annotated[list[Claim], Field(min_length=1)]
    session: Text
    # Ids of cautions in safety.yml, so that every page gives the same advice.
    cautions: Annotated[AdviceRefs, Field(min_length=1)]
    # Ids of red flags the page's "When to see a doctor" box shows besides every page's.
    warning_signs: AdviceRefs = []
    review: Review

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for i, claim in enumerate(self.research):
            yield ("research", i, "citations"), claim.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        yield AdviceList(
            ("cautions",),
            self.cautions,
            AdviceKind.CAUTIONS,
            "list it under warning_signs, and the page shows it in its 'When to see a doctor' box",
        )
        yield AdviceList(
            ("warning_signs",),
            self.warning_signs,
            AdviceKind.WARNING_SIGNS,
            "list it under cautions, and the page shows it under 'Who should be careful'",
        )

    def page_warning_signs(self) -> list[AdviceRef] | None:
        return self.warning_signs

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        if self.nav_title is not None:
            yield ("nav_title",), self.nav_title
        yield ("description",), self.description

    def body(self) -> Iterator[TextAt]:
        yield ("summary",), self.summary
        for i, claim in enumerate(self.research):
            yield ("research", i, "text"), claim.text
            yield ("research", i, "strength_note"), claim.strength_note
        yield ("session",), self.session
        # The cautions are ids of safety.yml entries (checked there); a page's note is its own.
        yield from advice_notes(("cautions",), self.cautions)
        yield from advice_notes(("warning_signs",), self.warning_signs)

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its summary, its session and its notes; not its research, which reports what studies
        found and may name a condition."""
        for where, text in ((("summary",), self.summary), (("session",), self.session)):
            yield AdvicePassage(where, text, AdvicePlace.PAGE_LISTS)
        yield from advice_note_text(self.advice_lists(), AdvicePlace.PAGE_LISTS)


# --- guides/<slug>.yml ----------------------------------------------------------------------


class GuideSection(StrictModel):
    """One headed part of a guide page. Its citations are shown after its text; a section may
    cite nothing only when it states no figure (`rules.citations` checks this)."""

    heading: ShortText
    text: Text
    citations: list[Key] = []
    # Ids of entries in safety.yml, shown after the text, so every page gives the same advice.
    safety: AdviceRefs = []


class Guide(FolderPage, StrictModel):
    """A page about a health topic that is not a benefit of massage (safety, costs, where to get
    help): a summary, then headed sections, each citing its sources."""

    title: ShortText
    nav_title: NavTitle | None = None
    order: Annotated[int, Field(ge=0, le=999)]
    description: Description
    summary: Text
    sections: Annotated[list[GuideSection], Field(min_length=1)]
    # Ids of red flags the page's "When to see a doctor" box shows besides every page's.
    warning_signs: AdviceRefs = []
    review: Review

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for i, section in enumerate(self.sections):
            yield ("sections", i, "citations"), section.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        for i, section in enumerate(self.sections):
            yield AdviceList(("sections", i, "safety"), section.safety)
        yield AdviceList(
            ("warning_signs",),
            self.warning_signs,
            AdviceKind.WARNING_SIGNS,
            "list it in the safety list of the section it belongs to, and the page shows it "
            "after that section's text",
        )

    def page_warning_signs(self) -> list[AdviceRef] | None:
        return self.warning_signs

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        if self.nav_title is not None:
            yield ("nav_title",), self.nav_title
        yield ("description",), self.description
        for i, section in enumerate(self.sections):
            yield ("sections", i, "heading"), section.heading

    def body(self) -> Iterator[TextAt]:
        yield ("summary",), self.summary
        for i, section in enumerate(self.sections):
            yield ("sections", i, "text"), section.text
            yield from advice_notes(("sections", i, "safety"), section.safety)
        yield from advice_notes(("warning_signs",), self.warning_signs)

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its summary, each section's text, then its notes."""
        yield AdvicePassage(("summary",), self.summary, AdvicePlace.SECTION)
        for i, section in enumerate(self.sections):
            yield AdvicePassage(("sections", i, "text"), section.text, AdvicePlace.SECTION)
        yield from advice_note_text(self.advice_lists(), AdvicePlace.SECTION)


# --- faq.yml --------------------------------------------------------------------------------


class ClinicFact(StrEnum):
    """Facts about the clinic an FAQ answer can show, always taken from clinic.yml
    (`healthsite.render.clinic_sentences` words them)."""

    HICAPS = "hicaps"
    HEALTH_FUND_PROVIDERS = "health_fund_providers"
    QUALIFICATIONS = "qualifications"


class Question(StrictModel):
    id: Slug | None = None
    question: ShortText
    answer: Text
    # Shown after the answer, from clinic.yml, so the answer is true for this clinic.
    clinic_facts: list[ClinicFact] = []
    citations: list[Key] = []
    # Every warning sign the "When to see a doctor" box shows, after the answer ("When should
    # I call 000?"), so an answer never lists some of them as if they were all.
    all_warning_signs: bool = False
    # Ids of entries in safety.yml, shown after the answer (after all_warning_signs).
    safety: AdviceRefs = []


class QuestionGroup(StrictModel):
    id: Slug | None = None
    title: ShortText
    questions: Annotated[list[Question], Field(min_length=1)]


# Anchors the FAQ page makes for its own headings and sources (faq-list.html,
# reference-list.html: "ref-<key>"); a group or question may not take them.
RESERVED_FAQ_IDS = frozenset({"sources", "faq-sources", "when-to-see-a-doctor"})
RESERVED_FAQ_ID_PREFIX = "ref-"


def reserved_faq_id(item_id: str) -> bool:
    """Whether the FAQ page itself uses `item_id` as an anchor."""
    return item_id in RESERVED_FAQ_IDS or item_id.startswith(RESERVED_FAQ_ID_PREFIX)


class Faq(OnePage, StrictModel):
    title: ShortText = "Common questions"
    description: Description
    intro: Text | None = None
    groups: Annotated[list[QuestionGroup], Field(min_length=1)]
    review: Review

    def _questions(self) -> Iterator[tuple[Location, Question]]:
        for g, group in enumerate(self.groups):
            for q, question in enumerate(group.questions):
                yield ("groups", g, "questions", q), question

    def citation_lists(self) -> Iterator[tuple[Location, list[str]]]:
        for where, question in self._questions():
            yield (*where, "citations"), question.citations

    def advice_lists(self) -> Iterator[AdviceList]:
        for where, question in self._questions():
            yield AdviceList((*where, "safety"), question.safety)

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        yield ("description",), self.description
        for g, group in enumerate(self.groups):
            yield ("groups", g, "title"), group.title

    def body(self) -> Iterator[TextAt]:
        if self.intro is not None:
            yield ("intro",), self.intro
        for where, question in self._questions():
            yield (*where, "question"), question.question
            yield (*where, "answer"), question.answer

    def advice_passages(self) -> Iterator[AdvicePassage]:
        """Its introduction and its answers; not its questions, which ask and do not advise."""
        if self.intro is not None:
            yield AdvicePassage(("intro",), self.intro, AdvicePlace.ANY_QUESTION)
        for where, question in self._questions():
            yield AdvicePassage((*where, "answer"), question.answer, AdvicePlace.QUESTION)


# --- services.yml ---------------------------------------------------------------------------


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


# --- team.yml -------------------------------------------------------------------------------


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


# --- references.yml -------------------------------------------------------------------------


class ReferenceKind(StrEnum):
    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic review"
    RANDOMISED_TRIAL = "randomised trial"
    STUDY = "study"
    REVIEW = "review"
    GUIDELINE = "guideline"
    WEBSITE = "website"


class Reference(StrictModel):
    authors: ShortText
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Text
    source: ShortText = Field(description="journal name, or the body that published it")
    details: ShortText | None = Field(default=None, description="volume(issue):pages")
    kind: ReferenceKind
    doi: Annotated[str, AfterValidator(_doi)] | None = None
    pmid: Annotated[str, BeforeValidator(_pmid)] | None = None
    url: HttpsUrl | None = None

    @model_validator(mode="after")
    def _has_identifier(self) -> Reference:
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a reference needs a 'doi', a 'pmid' or (for a guideline) a 'url'")
        return self

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        assert self.url is not None
        return self.url
