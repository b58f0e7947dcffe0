"""The field types every content file shares, and `StrictModel`, the base of every model.

`StrictModel` forbids unknown keys, so a misspelt field is an error (with a "did you mean") rather
than a value silently ignored, and freezes what it holds. Each annotated type here checks one
value: text that may not hold markup (`ShortText`, `Description`, `NavTitle`), slugs and keys,
https addresses (`HttpsUrl`, and `SiteUrl` for where the site is published), email addresses,
phone numbers and clock times; `path_in_site`, `site_base` and `tel_uri` turn an address or a
phone number into what a link needs.

The models built from them are the modules beside this one, one per file of `content/`:
`clinic` (with `clinic_locations` and `person`), `safety_entries`, `references`, and one module per
kind of page in `kinds/` (on the shared bases of `page_model`, with `review`). Rules that span
files (citations that must resolve, people who must exist) live in `healthsite.model.loader`;
health-content policy (wording, readability, review dates) lives in `healthsite.rules`.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated
from urllib.parse import unquote, urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from healthsite.source.yaml_source import Location

# A field a reader sees and where it is written in its file.
TextAt = tuple[Location, str]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9_-]*$"


def no_markup(value: str) -> str:
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
    AfterValidator(no_markup),
]
Description = Annotated[
    str, StringConstraints(min_length=50, max_length=160), AfterValidator(no_markup)
]
# Under a home-screen icon: longer is cut off by the phone.
HOME_SCREEN_NAME_LENGTH = 15
HomeScreenName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=HOME_SCREEN_NAME_LENGTH),
    AfterValidator(no_markup),
]
# The short name of a page in menus and cards.
NavTitle = Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(no_markup)]
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


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
