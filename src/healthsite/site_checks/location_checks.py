"""What a page shows about the clinic's locations against its structured data: the same address,
phone, map link, opening hours and holiday closures for each location, and the same suburbs and
phones in the footer. Used by the generator tests (tests/test_locations.py) and, on any clinic's
site, by the site checks (site_checks/test_structured_data.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .html_tools import Element, Page, squash

BUSINESS_TYPES = ("HealthAndBeautyBusiness", "MedicalClinic")
SCHEMA = "https://schema.org/"


def businesses(doc: Page) -> list[dict[str, Any]]:
    """The page's business entries (one per location), in the order of its JSON-LD."""
    found: list[dict[str, Any]] = []
    for block in doc.json_ld():
        graph = block.get("@graph", [block]) if isinstance(block, dict) else []
        found += [item for item in graph if item.get("@type") in BUSINESS_TYPES]
    return found


def descendants(element: Element) -> Iterator[Element]:
    for child in element.children:
        yield child
        yield from descendants(child)


def within(element: Element, tag: str, class_name: str | None = None) -> list[Element]:
    return [
        e
        for e in descendants(element)
        if e.tag == tag and (class_name is None or class_name in e.classes)
    ]


def _entry(entries: list[dict[str, Any]], location: str) -> dict[str, Any] | None:
    """The business entry of the location a section shows: the only one, or the one whose @id
    names it (#location-<id>)."""
    if len(entries) == 1:
        return entries[0]
    return next((e for e in entries if e.get("@id", "").endswith(f"#location-{location}")), None)


def _contact_problems(section: Element, data: dict[str, Any], name: str) -> list[str]:
    problems = []
    address = data.get("address", {})
    shown = " ".join(squash(p.text) for p in within(section, "p", "hs-address"))
    expected = [
        address.get("streetAddress", "?"),
        f"{address.get('addressLocality')} {address.get('addressRegion')} "
        f"{address.get('postalCode')}",
    ]
    problems += [
        f"{name}: the address shown lacks {part!r}" for part in expected if part not in shown
    ]
    phones = [squash(a.text) for a in within(section, "a", "hs-phone")]
    if phones != [data.get("telephone")]:
        problems.append(f"{name}: phone shown {phones} but telephone {data.get('telephone')!r}")
    maps = [a.attrs.get("href") for a in within(section, "a", "hs-map-link")]
    if maps != [data.get("hasMap")]:
        problems.append(f"{name}: map link {maps} but hasMap {data.get('hasMap')!r}")
    return problems


def _hours_problems(section: Element, data: dict[str, Any], name: str) -> list[str]:
    problems = []
    rows = [
        " ".join(squash(cell.text) for cell in row.children)
        for table in within(section, "table", "hs-hours")
        for row in within(table, "tr")
    ][1:]
    open_rows = [row for row in rows if not row.endswith(" Closed")]
    expected = [
        ", ".join(day.removeprefix(SCHEMA) for day in spec["dayOfWeek"])
        + f" {spec['opens']} to {spec['closes']}"
        for spec in data.get("openingHoursSpecification", [])
    ]
    if open_rows != expected:
        problems.append(f"{name}: hours shown {open_rows} but structured data {expected}")
    shown_closures = []
    for item in within(section, "li"):
        dates = [t.attrs.get("datetime") for t in within(item, "time")]
        if dates:
            shown_closures.append((dates[0], dates[-1]))
    special = data.get("specialOpeningHoursSpecification", [])
    listed = [(s.get("validFrom"), s.get("validThrough")) for s in special]
    if shown_closures != listed:
        problems.append(f"{name}: closures shown {shown_closures} but structured data {listed}")
    if any((s.get("opens"), s.get("closes")) != ("00:00", "00:00") for s in special):
        problems.append(f"{name}: a closure in structured data is not closed all day")
    return problems


def location_problems(doc: Page) -> list[str]:
    """Every difference between the locations a page shows and its structured data."""
    entries = businesses(doc)
    if not entries:
        return []
    problems: list[str] = []
    sections = [
        *((s, _contact_problems) for s in doc.find("div", class_="hs-location")),
        *((s, _hours_problems) for s in doc.find("div", class_="hs-location-hours")),
    ]
    for section, check in sections:
        location = section.attrs.get("data-location", "")
        data = _entry(entries, location)
        if data is None:
            problems.append(f"location {location!r} is shown but has no business entry")
        else:
            problems += check(section, data, location)
    for kind in ("hs-location", "hs-location-hours"):
        shown = doc.find("div", class_=kind)
        if shown and len(shown) != len(entries):
            problems.append(f"{len(shown)} locations in .{kind}, {len(entries)} in structured data")
    if not doc.find("div", class_="md-copyright"):  # a fragment, not a whole page
        return problems
    footer = [
        squash(li.text)
        for ul in doc.find("address", class_="hs-footer-locations")
        for li in within(ul, "li")
    ]
    expected_footer = [
        f"{e.get('address', {}).get('addressLocality')}: {e.get('telephone')}" for e in entries
    ]
    if footer != expected_footer:
        problems.append(f"the footer shows {footer}, the structured data {expected_footer}")
    return problems
