"""One of the clinic's people in clinic.yml (`Person`): who they are, what the site may say about
them (qualifications, whether health funds recognise them), and what the team page shows besides
(a photo with its description, a short bio, languages, where and when they work). Pages name
people by `id`, as authors and reviewers and in the team page's list."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, field_validator, model_validator

from healthsite.model.fields import Key, ShortText, StrictModel, Text, no_markup

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
    AfterValidator(no_markup),
]


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
