"""The privacy policy and the accessibility statement: built from clinic.yml, reviewed like every
page, linked from every page's footer, and switched off by a clinic that does not want them.

Each test builds a fixture site (the example clinic, or the small fixture content changed the
way a clinic would change it) and pins what the page states and where the statement came from.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.model.clinic_locations import AustralianState
from healthsite.model.legal import GITHUB_PAGES_DATA_COLLECTION, OAIC, PRIVACY, STATE_LAW
from healthsite.model.loader import load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.content_pages import Renderer
from healthsite.rules.readability import flesch_kincaid_grade, measure
from healthsite.site_checks.html_tools import Element, Page, read_html, read_page, squash
from healthsite.source.errors import ContentErrors

from .conftest import (
    EXAMPLE_SITE,
    FIXTURE_CONTENT,
    FIXTURES,
    TEMPLATES,
    TODAY,
    build,
    build_on_fixed_date,
    copy_project,
)

BUILD_DATE = date.fromisoformat(TODAY)


def page(site: Path, url: str) -> Page:
    return read_page(site / url / "index.html")


def text(doc: Page, tag: str, class_: str) -> str:
    found = doc.find(tag, class_=class_)
    assert len(found) == 1, f"{len(found)} <{tag} class={class_}> in {doc.path}"
    return squash(found[0].text)


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{path.name} no longer contains {old!r}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def nsw_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture clinic as it is: New South Wales, HICAPS, a booking company, electronic
    records in a named system, no retention period of its own."""
    project = copy_project(tmp_path_factory.mktemp("nsw") / "project", FIXTURE_CONTENT)
    return build_on_fixed_date(project)


QLD_CLINIC = {
    "state: NSW": "state: QLD",
    "  hicaps: true": "  hicaps: false",
    "booking_url: https://bookings.example.com/book\n": "",
    "  booking_provider:\n    name: Example Bookings\n"
    "    privacy_url: https://bookings.example.com/privacy\n": "",
    "  records: electronic\n  records_system: Example Practice Manager\n": (
        "  records: paper\n"
        "  kept_for: 10 years after your last visit\n"
        "  email: privacy@example.org\n"
        "  collects:\n"
        "    - your name and phone number\n"
        "    - notes about each treatment\n"
        "  website_host:\n"
        "    name: Example Host\n"
        "    privacy_url: https://example.org/host-privacy\n"
    ),
    "  discloses_overseas: false\n": (
        "  discloses_overseas: true\n  overseas_countries: [New Zealand, Singapore]\n"
    ),
    "accessibility:\n  review:": (
        "accessibility:\n  contact: Alex Example, practice manager\n  known_issues:\n"
        "    - The clinic photo on the home page has no caption yet.\n  review:"
    ),
}


@pytest.fixture(scope="module")
def qld_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same clinic moved to Queensland with everything the pages depend on changed: no
    HICAPS, no online booking, paper records kept 10 years, its own list of what it collects,
    a privacy email, another web host, overseas recipients, an accessibility contact and a known
    problem; and a mkdocs.yml without search highlighting."""
    project = copy_project(tmp_path_factory.mktemp("qld") / "project", FIXTURE_CONTENT)
    for old, new in QLD_CLINIC.items():
        edit(project / "content" / "clinic.yml", old, new)
    edit(project / "mkdocs.yml", "    - search.highlight\n", "")
    return build_on_fixed_date(project)


def test_privacy_policy_states_what_clinic_yml_says(nsw_site: Path) -> None:
    doc = page(nsw_site, "privacy")
    assert squash(doc.find("h1")[0].text) == "Privacy policy"
    assert text(doc, "p", "hs-legal-review") == (
        "This privacy policy was prepared from a template. Wattle Lane Remedial Massage "
        "reviewed it on 20 November 2026."
    )
    booking = doc.find("li", class_="hs-booking-provider")[0]
    assert squash(booking.text).startswith("Example Bookings, which runs our online bookings")
    assert [a.attrs["href"] for a in booking.children] == ["https://bookings.example.com/privacy"]
    assert text(doc, "p", "hs-records") == (
        "We keep your records electronically, in Example Practice Manager. We take reasonable "
        "steps to protect them from misuse, loss, and people who should not see them."
    )
    # No kept_for in clinic.yml: the New South Wales minimum, said to be the law's.
    assert text(doc, "p", "hs-retention").startswith(
        "We keep your health records at least 7 years after your last visit. If you were under "
        "18 at the time, we keep them at least until you turn 25. This is the minimum the law "
        "in New South Wales sets."
    )
    collects = [squash(li.text) for li in doc.find("ul", class_="hs-collects")[0].children]
    assert "your health fund details, when you claim on the spot with HICAPS" in collects
    assert text(doc, "p", "hs-overseas") == "We do not send your information overseas."
    contact = squash(doc.find("div", class_="hs-contact")[0].text)
    assert contact.startswith("Sam Sample, clinic owner Wattle Lane Remedial Massage")
    assert "02 5550 1234" in contact and "hello@example.org" in contact
    assert "Health Records and Information Privacy Act 2002 (NSW)" in squash(
        doc.find("div", class_="hs-legal")[0].text
    )


def test_privacy_policy_names_the_right_complaints_bodies(nsw_site: Path, qld_site: Path) -> None:
    for site, state in ((nsw_site, AustralianState.NSW), (qld_site, AustralianState.QLD)):
        doc = page(site, "privacy")
        links = [a.attrs["href"] for a in doc.find("a")]
        assert OAIC.url in links
        bodies = doc.find("ul", class_="hs-complaints")[0].children
        assert [li.children[0].attrs["href"] for li in bodies] == [
            body.url for body in STATE_LAW[state].complaints
        ]


def test_privacy_policy_says_what_the_website_keeps(nsw_site: Path) -> None:
    doc = page(nsw_site, "privacy")
    assert "light or dark colours" in text(doc, "li", "hs-storage")
    host = doc.find("li", class_="hs-host")[0]
    assert "the visitor's IP address is logged and stored for security purposes" in squash(
        host.text
    )
    assert GITHUB_PAGES_DATA_COLLECTION in [a.attrs["href"] for a in host.children]
    # The example mkdocs.yml turns on search.highlight, which puts search words in the address.
    assert "your search words are added to its web address" in text(doc, "li", "hs-search")


def test_privacy_policy_follows_a_different_clinic(qld_site: Path) -> None:
    doc = page(qld_site, "privacy")
    assert not doc.find("li", class_="hs-booking-provider")
    assert not doc.find("li", class_="hs-records-system")
    assert "HICAPS" not in squash(doc.find("article")[0].text)
    assert text(doc, "p", "hs-records").startswith("We keep your records on paper.")
    assert text(doc, "p", "hs-retention").startswith(
        "We keep your health records 10 years after your last visit. When we no longer need"
    )
    collects = [squash(li.text) for li in doc.find("ul", class_="hs-collects")[0].children]
    assert collects == ["your name and phone number", "notes about each treatment"]
    assert text(doc, "p", "hs-overseas") == (
        "Some of your information may be sent to, or stored by, organisations overseas, in "
        "New Zealand, Singapore."
    )
    host = doc.find("li", class_="hs-host")[0]
    assert squash(host.text).startswith("The website is hosted by Example Host.")
    assert [a.attrs["href"] for a in host.children] == ["https://example.org/host-privacy"]
    assert text(doc, "li", "hs-search") == (
        "The search box works inside your browser. What you type is not sent anywhere."
    )
    assert "privacy@example.org" in squash(doc.find("div", class_="hs-contact")[0].text)
    assert "Health Records" not in squash(doc.find("div", class_="hs-legal")[0].text)


def test_accessibility_statement(nsw_site: Path, qld_site: Path) -> None:
    doc = page(nsw_site, "accessibility")
    assert squash(doc.find("h1")[0].text) == "Accessibility statement"
    body = squash(doc.find("article")[0].text)
    assert "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2, level AA." in body
    assert "Australian Human Rights Commission" in body
    assert "Disability Discrimination Act 1992 (Cth)" in body
    assert text(doc, "p", "hs-known-issues") == (
        "We do not know of any problems on this website at the moment."
    )
    assert "such as Example Bookings for online bookings" in body
    assert squash(doc.find("div", class_="hs-contact")[0].text).startswith(
        "Wattle Lane Remedial Massage 12 Example Lane"
    )
    other = page(qld_site, "accessibility")
    issues = other.find("ul", class_="hs-known-issues")[0].children
    assert [squash(li.text) for li in issues] == [
        "The clinic photo on the home page has no caption yet."
    ]
    assert squash(other.find("div", class_="hs-contact")[0].text).startswith(
        "Alex Example, practice manager Wattle Lane Remedial Massage"
    )


def test_structured_data_carries_the_review_the_page_shows(nsw_site: Path) -> None:
    for url, title in (("privacy", "Privacy policy"), ("accessibility", "Accessibility statement")):
        doc = page(nsw_site, url)
        data = doc.graph_item("WebPage")
        shown = [e.attrs["datetime"] for e in doc.find("time")]
        assert data["name"] == title
        assert data["lastReviewed"] == shown[0] == "2026-11-20"
        assert shown[-1] == "2027-11-20"  # next review due, in the review block
        assert [p["name"] for p in data["reviewedBy"]] == ["Alex Example"]
        assert [p["name"] for p in data["author"]] == ["Sam Sample"]
        assert data["url"] == f"https://example.org/{url}/"


def _footer_links(doc: Page) -> list[Element]:
    navs = doc.find("nav", class_="hs-legal-links")
    assert len(navs) == 1, doc.path
    return [e for e in doc.elements if e.tag == "a" and e in _descendants(navs[0])]


def _descendants(element: Element) -> list[Element]:
    found = []
    for child in element.children:
        found += [child, *_descendants(child)]
    return found


def test_every_page_links_to_both_legal_pages_in_its_footer(nsw_site: Path) -> None:
    pages = [p for p in nsw_site.rglob("*.html") if "search" not in p.parts]
    assert len(pages) > 5
    for path in pages:
        doc = read_page(path)
        links = _footer_links(doc)
        assert [squash(a.text) for a in links] == ["Privacy policy", "Accessibility statement"]
        for a, target in zip(links, ("privacy", "accessibility"), strict=True):
            href = a.attrs["href"]
            if path.name == "404.html":  # served at any depth, so its links are absolute
                assert href == f"/{target}/", path
            else:
                resolved = (path.parent / href / "index.html").resolve()
                assert resolved == (nsw_site / target / "index.html").resolve(), (path, href)


def test_legal_pages_are_not_in_the_menu(nsw_site: Path) -> None:
    home = page(nsw_site, "")
    menu = [e.attrs.get("href", "") for e in home.find("a", class_="md-nav__link")]
    assert not [href for href in menu if "privacy" in href or "accessibility" in href]


def _readable_passages(doc: Page) -> list[str]:
    article = doc.find("article")[0]
    return [squash(e.text) for e in _descendants(article) if e.tag in ("p", "li")]


@pytest.mark.parametrize("url", ["privacy", "accessibility"])
def test_legal_pages_are_easy_to_read(nsw_site: Path, url: str) -> None:
    """The template's own words meet the reading level asked of every health page."""
    sentences = [s for t in _readable_passages(page(nsw_site, url)) for s in measure((), t)]
    words = sum(s.words for s in sentences)
    grade = flesch_kincaid_grade(words, len(sentences), sum(s.syllables for s in sentences))
    assert grade <= 8.0
    assert [s.text for s in sentences if s.words > 25] == []


def test_an_overdue_legal_page_stops_the_build_like_any_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    edit(clinic, "last_reviewed: 2026-11-20", "last_reviewed: 2025-01-10")
    edit(clinic, "next_review_due: 2027-11-20", "next_review_due: 2026-01-10")
    assert build(project) == 1
    err = capsys.readouterr().err
    assert (
        "content/clinic.yml:56:22: error in 'privacy.review.next_review_due': this page was due "
        "for review on 2026-01-10, 319 days ago"
    ) in err
    assert not (project / "site").exists()


def test_a_clinic_turns_a_legal_page_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    text_before = clinic.read_text(encoding="utf-8")
    clinic.write_text(text_before[: text_before.index("accessibility:\n")], encoding="utf-8")
    assert build(project) == 1  # the page is on by default, so its block is needed
    assert (
        "content/clinic.yml: error in 'accessibility': the site publishes the accessibility "
        "statement (/accessibility/), which needs the 'accessibility:' block in clinic.yml\n"
        "    How to fix: add the 'accessibility:' block (content/README.md, section 2, lists its "
        "fields), or turn the page off with 'accessibility_page: false' under the healthsite "
        "plugin in mkdocs.yml"
    ) in capsys.readouterr().err
    edit(
        project / "mkdocs.yml",
        "  - healthsite:\n",
        "  - healthsite:\n      accessibility_page: false\n",
    )
    assert build(project) == 0
    site = project / "site"
    assert not (site / "accessibility").exists()
    assert (site / "privacy" / "index.html").is_file()
    assert [squash(a.text) for a in _footer_links(page(site, ""))] == ["Privacy policy"]


def test_a_hand_written_privacy_page_must_replace_the_generated_one_explicitly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "privacy.md").write_text("# Our privacy policy\n", encoding="utf-8")
    assert build(project) == 1
    assert (
        "docs/privacy.md: error: this page would be published at /privacy/, like the privacy "
        "page made from content/clinic.yml: one of them would be lost\n"
        "    How to fix: give each page its own address: turn the generated page off with "
        "'privacy_page: false' under the healthsite plugin in mkdocs.yml; or rename or delete "
        "docs/privacy.md"
    ) in capsys.readouterr().err
    edit(
        project / "mkdocs.yml", "  - healthsite:\n", "  - healthsite:\n      privacy_page: false\n"
    )
    assert build(project) == 0
    assert squash(page(project / "site", "privacy").find("h1")[0].text) == "Our privacy policy"


def test_pages_outside_the_menu_have_the_contents_toggle_their_label_names(nsw_site: Path) -> None:
    """Material puts the contents' toggle (#__toc) in the page's menu entry; overrides/main.html
    adds it to pages outside the menu, so each label points at exactly one control."""
    for path in [p for p in nsw_site.rglob("*.html") if "search" not in p.parts]:
        doc = read_page(path)
        labels = [e for e in doc.find("label") if e.attrs.get("for") == "__toc"]
        toggles = [e for e in doc.elements if e.attrs.get("id") == "__toc"]
        assert len(toggles) == (1 if labels else 0), path


# -- locations in more than one state ----------------------------------------------------------

TWO_STATES = (FIXTURES / "locations" / "clinic.yml").read_text(encoding="utf-8")


def two_state_clinic(tmp_path: Path, first: str, second: str, *, kept_for: bool = False) -> Path:
    """The two-location fixture clinic with its locations in `first` and `second` (state
    abbreviations, in that order)."""
    text = TWO_STATES.replace(
        '      state: NSW\n      postcode: "2999"', f'      state: {first}\n      postcode: "3999"'
    ).replace(
        '      state: NSW\n      postcode: "2998"', f'      state: {second}\n      postcode: "2998"'
    )
    if kept_for:
        text = text.replace(
            "privacy:\n", "privacy:\n  kept_for: 10 years after your last visit\n", 1
        )
    folder = tmp_path / "content"
    shutil.copytree(EXAMPLE_SITE / "content", folder)
    (folder / "clinic.yml").write_text(text, encoding="utf-8")
    return folder


def privacy_page(content: Path, tmp_path: Path) -> Page:
    renderer = Renderer(
        load_content(content, tmp_path),
        TEMPLATES,
        today=BUILD_DATE,
        addresses=DIRECTORY_ADDRESSES,
        pages=(),
    )
    return read_html(renderer.legal_page(PRIVACY))


def test_a_clinic_in_two_states_gets_both_states_law_and_complaints_bodies(tmp_path: Path) -> None:
    doc = privacy_page(two_state_clinic(tmp_path, "VIC", "NSW"), tmp_path)
    who = squash(doc.find("div", class_="hs-legal")[0].text)
    assert who.index("In Victoria, the Health Records Act 2001 (Vic)") < who.index(
        "In New South Wales, the Health Records and Information Privacy Act 2002 (NSW)"
    )
    lists = doc.find("ul", class_="hs-complaints")
    assert [[li.children[0].attrs["href"] for li in ul.children] for ul in lists] == [
        [body.url for body in STATE_LAW[state].complaints]
        for state in (AustralianState.VIC, AustralianState.NSW)
    ]
    assert text(doc, "p", "hs-retention").startswith(
        "We keep your health records at least 7 years after your last visit."
    )
    assert "This is the minimum the law in Victoria and New South Wales sets." in text(
        doc, "p", "hs-retention"
    )


def test_a_state_with_no_retention_law_asks_for_kept_for_naming_that_state(
    tmp_path: Path,
) -> None:
    with pytest.raises(ContentErrors) as refused:
        load_content(two_state_clinic(tmp_path, "VIC", "QLD"), tmp_path)
    (problem,) = [p for p in refused.value.problems if "kept_for" in p.hint]
    assert str(problem.file).endswith("clinic.yml")
    assert "no law in Queensland sets a period" in problem.message
    kept = two_state_clinic(tmp_path / "kept", "VIC", "QLD", kept_for=True)
    doc = privacy_page(kept, tmp_path / "kept")
    assert text(doc, "p", "hs-retention").startswith(
        "We keep your health records 10 years after your last visit. When"
    )
    assert len(doc.find("ul", class_="hs-complaints")) == 2


def test_every_state_and_territory_has_its_law(tmp_path: Path) -> None:
    assert set(STATE_LAW) == set(AustralianState)
    for law in STATE_LAW.values():
        assert law.complaints and all(body.url.startswith("https://") for body in law.complaints)


def test_one_company_that_takes_bookings_and_keeps_records_is_named_once(tmp_path: Path) -> None:
    folder = two_state_clinic(tmp_path, "NSW", "NSW")
    clinic = folder / "clinic.yml"
    edit(clinic, "records_system: Example Practice Manager", "records_system: Example  BOOKINGS")
    doc = privacy_page(folder, tmp_path)
    shared = squash(doc.find("ul", class_="hs-shared")[0].text)
    assert shared.count("Example Bookings") == 1
    assert (
        "Example Bookings, which runs our online bookings and whose system holds our electronic "
        "records: what you enter when you book goes to them"
    ) in shared
    assert not doc.find("li", class_="hs-records-system")
