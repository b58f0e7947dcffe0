"""The example clinic's made-up details left in clinic.yml once it is the clinic's own.

`healthsite new` writes a made-up clinic, marked `example: true` (every page then says it is an
example). Once that line is gone the site says it is the clinic's, so what is still the
example's is an error: a value of clinic.yml that is the example's own at the same place (its
name, description, phone numbers, addresses, people, booking company), and any web or email
address at a domain reserved for examples, which reaches nobody (RFC 2606: example.com,
example.net, example.org, and the names ending .example, .test, .invalid or .localhost). The
example's pictures are `rules.unused_files`'.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from healthsite.model.loader import SiteContent
from healthsite.source.errors import ContentProblem
from healthsite.source.example_files import NoExampleSite, example_sources
from healthsite.source.yaml_source import Location, YamlDocument, load_yaml_file

# RFC 2606, sections 2 and 3.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_ENDINGS = frozenset({"example", "test", "invalid", "localhost"})
# The fields that say who and where the clinic is: the example's value there is made up. (Not
# settings such as days, hours or states, nor advice a clinic may keep word for word, such as
# the health funds note.)
MADE_UP_FIELDS = frozenset(
    {
        "name", "description", "site_url", "phone", "email", "booking_url", "map_url",
        "street", "suburb", "postcode", "details", "parking", "public_transport", "bio",
        "photo_alt", "contact", "records_system", "privacy_url",
    }
)  # fmt: skip
_EXAMPLE_HINT = "write your clinic's own (the example clinic's details are made up)"


def check_example_leftovers(content: SiteContent) -> list[ContentProblem]:
    """Each made-up detail of the example still in clinic.yml of a site that is no longer the
    example (see the module docstring)."""
    if content.clinic.example:
        return []
    doc = content.clinic_doc
    example = _example_clinic()
    problems = []
    for location, value in strings(doc.data):
        host = reserved_host(value)
        if host is not None:
            problems.append(
                doc.problem(
                    location,
                    f"this address is at {host}, a name reserved for examples (RFC 2606): it "
                    "reaches nobody",
                    _EXAMPLE_HINT,
                )
            )
        elif (
            example is not None
            and _field_name(location) in MADE_UP_FIELDS
            and _value_at(example.data, location) == value
        ):
            problems.append(
                doc.problem(
                    location,
                    f"this is still the example clinic's ('{_short(value)}')",
                    _EXAMPLE_HINT,
                )
            )
    return problems


def strings(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every text value in `data` with its place, in file order."""
    pending: list[tuple[Location, Any]] = [(location, data)]
    while pending:
        at, value = pending.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, dict):
            pending += reversed([((*at, key), item) for key, item in value.items()])
        elif isinstance(value, list):
            pending += reversed([((*at, index), item) for index, item in enumerate(value)])


def reserved_host(text: str) -> str | None:
    """The first host of a web or email address in `text` at a reserved domain, or None."""
    for written in text.split():
        word = written.strip("<>()[],;'\"")
        if "://" in word:
            host = urlsplit(word).hostname or ""
        elif "@" in word:
            host = word.rsplit("@", 1)[1].rstrip(".").lower()
        else:
            continue
        if host.rsplit(".", 1)[-1] in RESERVED_ENDINGS or any(
            host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS
        ):
            return host
    return None


def _field_name(location: Location) -> str:
    return next((part for part in reversed(location) if isinstance(part, str)), "")


def _value_at(data: Any, location: Location) -> Any:
    for part in location:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 50 else value[:49] + "…"


@cache
def _example_clinic() -> YamlDocument | None:
    """The example site's clinic.yml, as `healthsite new` writes it (None when this
    installation has no example)."""
    try:
        content = example_sources()["content"]
    except NoExampleSite:
        return None
    doc, problems = load_yaml_file(content / "clinic.yml", content.parent)
    return None if problems else doc
