"""Structured data (JSON-LD) says what the page shows, on every page of any clinic's site:
FAQ questions and answers, review dates (health pages, the team page and the legal pages),
sources, the team's people and photos, and each location's address, phone, map link, opening
hours and holiday closures (and the footer's)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

from .harness import SitePage, expect_none
from .html_tools import Page, read_page, squash
from .location_checks import location_problems

pytestmark = pytest.mark.browser  # needs the built site, like the browser checks


def _items(doc: Page, type_name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in doc.json_ld():
        graph = block.get("@graph", [block]) if isinstance(block, dict) else []
        found += [item for item in graph if item.get("@type") == type_name]
    return found


def _faq_problems(doc: Page) -> list[str]:
    problems: list[str] = []
    for faq in _items(doc, "FAQPage"):
        # Each <details>: the question in its <summary>, then the answer (with its sources).
        shown = [
            (squash(q.children[0].text), squash(q.text))
            for q in doc.find("details", class_="hs-question")
        ]
        data = [(squash(q["name"]), squash(q["acceptedAnswer"]["text"])) for q in faq["mainEntity"]]
        if [name for name, _ in data] != [name for name, _ in shown]:
            problems.append("FAQPage questions differ from the questions on the page")
        for (name, answer), (_, shown_answer) in zip(data, shown, strict=False):
            # Minified HTML has no space between list items: compare the words, not the gaps.
            if "".join(answer.split()) not in "".join(shown_answer.split()):
                problems.append(f"the answer to {name!r} in FAQPage is not the one shown")
    return problems


def _reviewed_page_problems(doc: Page) -> list[str]:
    problems: list[str] = []
    reviewed = [
        *_items(doc, "MedicalWebPage"),
        *_items(doc, "FAQPage"),
        *_items(doc, "WebPage"),
        *_items(doc, "AboutPage"),
    ]
    for item in reviewed:
        dates = [e.attrs.get("datetime") for e in doc.find("time")]
        if not dates or item.get("lastReviewed") != dates[0]:
            problems.append(
                f"lastReviewed {item.get('lastReviewed')!r} is not the date shown ({dates[:1]})"
            )
    for item in _items(doc, "MedicalWebPage"):
        cited = [e.attrs["href"] for e in doc.find("a", class_="hs-ref-link")]
        listed = [c["url"] for c in item.get("citation", [])]
        if listed != cited:
            problems.append(f"citations {listed} differ from the sources shown {cited}")
    return problems


def _team_problems(doc: Page) -> list[str]:
    """Each Person of the team page is a heading on it, with the photo it shows."""
    problems: list[str] = []
    for page in _items(doc, "AboutPage"):
        headings = [squash(h.text) for h in doc.find("h2")]
        shown = {urljoin(page["url"], img.attrs.get("src", "")) for img in doc.find("img")}
        for person in page.get("mainEntity", []):
            if person.get("name") not in headings:
                problems.append(f"Person {person.get('name')!r} is not a heading on the page")
            if "image" in person and person["image"] not in shown:
                problems.append(f"the image of {person.get('name')!r} is not shown on the page")
    return problems


def test_structured_data_matches_the_page(site_page: SitePage) -> None:
    doc = read_page(site_page.path)
    problems = (
        _faq_problems(doc)
        + _reviewed_page_problems(doc)
        + location_problems(doc)
        + _team_problems(doc)
    )
    businesses = _items(doc, "HealthAndBeautyBusiness") + _items(doc, "MedicalClinic")
    if not site_page.is_404 and not businesses:
        problems.append("no structured data for the clinic (HealthAndBeautyBusiness)")
    expect_none(f"{site_page}:", problems)
