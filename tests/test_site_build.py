"""Whole-site builds into a temporary folder, with assertions on the HTML that readers get."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from healthsite.commands.cli import main
from healthsite.model.kinds.benefit import BENEFITS
from healthsite.model.loader import load_content
from healthsite.site_checks.html_tools import Page, read_page, squash

from .conftest import EXAMPLE_SITE, FIXTURE_CONTENT, build, build_on_fixed_date, copy_project

# What makes a browser fetch something when a page loads. Links a reader may click (the booking
# page) and <link rel="canonical"> are not requests, so they are allowed.
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "preconnect",
    "dns-prefetch",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
}
REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.IGNORECASE)
KNOWN_THIRD_PARTIES = (
    "fonts.googleapis",
    "fonts.gstatic",
    "googletagmanager",
    "google-analytics",
    "api.github.com",
    "cdn.jsdelivr",
    "unpkg.com",
    "cdnjs",
)


def remote_resources(doc: Page) -> list[str]:
    found = []
    for element in doc.elements:
        if (
            element.tag == "link"
            and not set(element.attrs.get("rel", "").split()) & FETCHING_LINK_RELS
        ):
            continue
        for name in ("src", "href", "srcset", "data", "poster"):
            value = element.attrs.get(name, "")
            if REMOTE.match(value) and (element.tag != "a"):
                found.append(f"<{element.tag} {name}={value}>")
    return found


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fixture") / "project", FIXTURE_CONTENT)
    return build_on_fixed_date(project)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("example") / "project")
    return build_on_fixed_date(project)


def page(site: Path, url: str) -> Page:
    return read_page(site / url / "index.html")


def test_example_site_has_every_page(example_site: Path) -> None:
    content = load_content(EXAMPLE_SITE / "content", EXAMPLE_SITE)
    slugs = [p.slug for p in content.of(BENEFITS)]
    assert slugs == ["stress", "joint-problems", "sleep", "headaches", "posture", "immunity"]
    for url in ["", "benefits", "faq", "clinic", "safety", *[f"benefits/{s}" for s in slugs]]:
        assert (example_site / url / "index.html").is_file(), url
    questions = page(example_site, "faq").find("details", class_="hs-question")
    assert len(questions) == sum(len(g.questions) for g in content.faq.groups) == 38
    faq_data = page(example_site, "faq").graph_item("FAQPage")
    assert [q["name"] for q in faq_data["mainEntity"]] == [
        squash(q.children[0].text) for q in questions
    ]
    for slug in slugs:
        benefit = page(example_site, f"benefits/{slug}")
        medical = benefit.graph_item("MedicalWebPage")
        shown = [e.attrs["datetime"] for e in benefit.find("time")]
        assert medical["lastReviewed"] == shown[0], slug
        cited = [e.attrs["href"] for e in benefit.find("a", class_="hs-ref-link")]
        assert [c["url"] for c in medical["citation"]] == cited, slug


def test_nav_lists_benefits_in_their_order(fixture_site: Path) -> None:
    home = page(fixture_site, "")
    links = [e.attrs["href"] for e in home.find("a", class_="md-nav__link")]
    assert links.index("benefits/stress/") < links.index("benefits/back-pain/")
    assert {"faq/", "safety/", "clinic/"} <= set(links)


def test_home_page_has_a_card_per_benefit_and_a_booking_link(fixture_site: Path) -> None:
    home = page(fixture_site, "")
    cards = [
        e.attrs["href"]
        for e in home.find("a")
        if e.attrs.get("href", "").startswith("benefits/")
        and e.attrs["href"] != "benefits/"
        and "md-nav__link" not in e.classes
    ]
    assert cards == ["benefits/stress/", "benefits/back-pain/"]
    assert [e.attrs["href"] for e in home.find("a", class_="md-button")] == [
        "https://bookings.example.com/book"
    ]


def test_benefit_page_numbers_citations_and_links_sources(fixture_site: Path) -> None:
    stress = page(fixture_site, "benefits/stress")
    markers = [
        (squash(e.text), e.attrs["href"])
        for e in stress.find("a")
        if e.attrs.get("title", "").startswith("Source")
    ]
    assert markers == [("[1]", "#ref-moyer2004"), ("[2]", "#ref-cherkin2011")]
    sources = stress.find("li", id="ref-moyer2004")
    assert sources and "Moyer CA, Rounds J, Hannum JW (2004)" in squash(sources[0].text)
    links = [e.attrs["href"] for e in stress.find("a", class_="hs-ref-link")]
    assert links == [
        "https://doi.org/10.1037/0033-2909.130.1.3",
        "https://doi.org/10.7326/0003-4819-155-1-201107050-00002",
    ]
    text = squash(stress.find("article")[0].text)
    assert "How strong is the evidence? Moderate: many small studies pooled together." in text
    assert "In an emergency, call 000" in text
    assert "The writers and reviewers are massage therapists, not doctors." in text
    assert "Page last reviewed: 20 November 2026" in text


def test_faq_questions_are_collapsible_and_linkable(fixture_site: Path) -> None:
    faq = page(fixture_site, "faq")
    questions = faq.find("details", class_="hs-question")
    assert [q.attrs["id"] for q in questions] == [
        "what-to-wear",
        "how-long",
        "does-it-hurt",
        "who-should-wait",
    ]
    assert all("open" not in q.attrs for q in questions)
    assert {"before-your-first-session", "safety"} <= faq.ids()


def test_structured_data_matches_the_visible_page(fixture_site: Path) -> None:
    faq = page(fixture_site, "faq")
    faq_data = faq.graph_item("FAQPage")
    visible = [squash(e.text) for e in faq.find("summary")]
    assert [q["name"] for q in faq_data["mainEntity"]] == visible
    stress = page(fixture_site, "benefits/stress")
    medical = stress.graph_item("MedicalWebPage")
    shown = [e.attrs["datetime"] for e in stress.find("time")]
    assert medical["lastReviewed"] == shown[0] == "2026-11-20"
    trust = squash(stress.find("aside", class_="hs-trust")[0].text)
    shown_reviewers = trust.split("Reviewed by ", 1)[1].split(".")[0]
    assert [p["name"] for p in medical["reviewedBy"]] == ["Sam Sample"]
    assert shown_reviewers.startswith("Sam Sample, remedial massage therapist")
    assert medical["about"]["@type"] == "MedicalTherapy"
    clinic = stress.graph_item("HealthAndBeautyBusiness")
    assert clinic["telephone"] == "02 5550 1234"
    assert clinic["openingHoursSpecification"][0]["opens"] == "09:00"


def test_pages_have_language_description_and_canonical(fixture_site: Path) -> None:
    for html in fixture_site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        assert re.search(r"<html[^>]*\blang=\"?en-AU", text), html
        doc = read_page(html)
        assert doc.find("link", rel="canonical"), html
        descriptions = doc.find("meta", name="description")
        assert descriptions and descriptions[0].attrs["content"].strip(), html


def test_no_page_loads_anything_from_another_host(fixture_site: Path) -> None:
    offenders = []
    for path in fixture_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".json", ".xml", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            offenders += [f"{path}: {r}" for r in remote_resources(read_page(path))]
        if path.suffix in {".html", ".css"} and CSS_REMOTE.search(text):
            offenders.append(f"{path}: remote CSS url()")
        # Material's own bundles name hosts for features this site leaves off (mermaid diagrams,
        # a repository link, a polyfill for old browsers); the browser stage proves no page
        # requests them, and the Content-Security-Policy would block them.
        if not path.name.endswith(".min.js"):
            offenders += [f"{path}: {host}" for host in KNOWN_THIRD_PARTIES if host in text]
    assert offenders == []


def test_theme_colour_and_stylesheets_are_one_bundle(fixture_site: Path) -> None:
    css = (fixture_site / "assets" / "stylesheets" / "healthsite.css").read_text()
    assert css.index("--md-primary-fg-color: #1f6f5c;") < css.index(
        "/* assets/stylesheets/site.css */"
    )
    assert css.index("/* assets/stylesheets/site.css */") < css.index("@media print")
    ours = [
        e.attrs["href"]
        for e in page(fixture_site, "").find("link", rel="stylesheet")
        if "main." not in e.attrs["href"] and "palette." not in e.attrs["href"]
    ]
    assert ours == ["assets/stylesheets/healthsite.css"]
    assert not (fixture_site / "assets" / "stylesheets" / "site.css").exists()


def test_adding_a_benefit_file_adds_page_card_and_nav_entry(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    neck = (FIXTURE_CONTENT / "benefits" / "back-pain.yml").read_text(encoding="utf-8")
    neck = neck.replace("title: Massage for low back pain", "title: Massage for neck pain")
    neck = neck.replace("order: 20", "order: 15")
    neck = neck.replace("massage for low back pain, and", "massage for neck pain, and")
    (project / "content" / "benefits" / "neck-pain.yml").write_text(neck, encoding="utf-8")
    assert build(project) == 0
    site = project / "site"
    assert page(site, "benefits/neck-pain").find("h1")[0].text == "Massage for neck pain"
    home = page(site, "")
    nav = [e.attrs["href"] for e in home.find("a", class_="md-nav__link")]
    assert (
        nav.index("benefits/stress/")
        < nav.index("benefits/neck-pain/")
        < nav.index("benefits/back-pain/")
    )
    cards = [
        e.attrs["href"]
        for e in home.find("a")
        if e.attrs.get("href") == "benefits/neck-pain/" and "md-nav__link" not in e.classes
    ]
    assert cards == ["benefits/neck-pain/"]


def test_failed_build_leaves_previous_site_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    assert build(project) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text().replace("title: Safety", "titel: Safety"))
    capsys.readouterr()
    assert build(project) == 1
    err = capsys.readouterr().err
    assert "content/faq.yml:" in err and "unknown field 'titel'" in err
    assert "The site was not built; the previous site is unchanged." in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site-*"))


def test_docs_page_clashing_with_generated_page_is_refused(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "faq.md").write_text("# My FAQ\n")
    assert build(project) == 1
    assert (
        "docs/faq.md: error: this page would be published at /faq/, like the page made from "
        "content/faq.yml: one of them would be lost\n"
        "    How to fix: give each page its own address: rename or delete docs/faq.md"
    ) in capfd.readouterr().err
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (
            ["faq/index.md"],
            "docs/faq/index.md: error: this page would be published at /faq/, like the page "
            "made from content/faq.yml",
        ),
        (
            ["benefits/stress/index.md"],
            "docs/benefits/stress/index.md: error: this page would be published at "
            "/benefits/stress/, like the page made from content/benefits/stress.yml: one of them "
            "would be lost\n"
            "    How to fix: give each page its own address: rename content/benefits/stress.yml; "
            "or rename or delete docs/benefits/stress/index.md",
        ),
        (
            ["prices.md", "prices/index.md"],
            "docs/prices.md: error: this page would be published at /prices/, like "
            "docs/prices/index.md",
        ),
    ],
)
def test_two_pages_at_one_address_are_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[str], expected: str
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    for name in pages:
        path = project / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# A page\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert expected in capsys.readouterr().err


def test_hand_written_pages_can_use_the_macros(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "extra.md").write_text(
        "---\ndescription: A page that uses every kind of macro, to test them together.\n---\n\n"
        "# Extra\n\n"
        '{{ reference_list("cherkin2011") }}\n\n{{ faq_list() }}\n\n{{ contact_block() }}\n\n'
        "{{ opening_hours() }}\n",
        encoding="utf-8",
    )
    assert build(project) == 0
    extra = page(project / "site", "extra")
    # The reference list macro, then the FAQ's own sources (one FAQ answer cites moyer2004).
    ids = [e.attrs["id"] for e in extra.find("li") if "id" in e.attrs]
    assert ids == ["ref-cherkin2011", "ref-moyer2004"]
    markers = [e.attrs["href"] for e in extra.find("a") if e.attrs.get("title") == "Source 1"]
    assert markers == ["#ref-moyer2004"]
    assert len(extra.find("details", class_="hs-question")) == 4
    # The contact block's phone link and the footer's, both the clinic's one number, with the
    # footer's emergency number between them (the fixture's safety.yml has no advice line).
    assert [
        e.attrs["href"] for e in extra.find("a") if e.attrs.get("href", "").startswith("tel:")
    ] == ["tel:0255501234", "tel:000", "tel:0255501234"]
    assert "09:00 to 18:00" in squash(extra.find("table")[0].text)


def test_unknown_macro_fails_the_build(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "index.md").write_text("# Home\n\n{{ benefit_cardz() }}\n")
    assert build(project) == 1
    err = capfd.readouterr().err
    assert "UndefinedError: 'benefit_cardz' is undefined" in err
    assert "Traceback" not in err and 'File "/' not in err
    assert not (project / "site").exists()


def test_faq_answers_in_structured_data_match_the_page(fixture_site: Path) -> None:
    faq = page(fixture_site, "faq")
    visible = [squash(e.text) for e in faq.find("div", class_="hs-answer")]
    answers = [q["acceptedAnswer"]["text"] for q in faq.graph_item("FAQPage")["mainEntity"]]
    assert len(answers) == len(visible) == 4
    for answer, shown in zip(answers, visible, strict=True):
        # The visible answer (with its safety advice) is followed by its sources (if any) and a
        # link to the question. Block elements join without spaces in the parsed text.
        assert answer
        text = re.sub(r"\s*(Sources: \S+\s*)?Link to this question$", "", shown)
        assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", answer)
    assert answers[3] == (
        # Most urgent first, whatever order the question lists them in.
        "Some people should see a doctor before a massage. See a doctor straight away, today, "
        "if you have: a swollen, red, hot or painful leg, which may be a blood clot See your "
        "doctor before you have a massage if you: take medicine to thin your blood, or bleed "
        "easily"
    )
    assert "In an emergency, call 000" in squash(faq.find("article")[0].text)


def test_clinic_hours_in_structured_data_match_the_page(fixture_site: Path) -> None:
    clinic = page(fixture_site, "clinic")
    rows = [" ".join(squash(cell.text) for cell in r.children) for r in clinic.find("tr")][1:]
    assert rows.pop() == "Sunday Closed"
    spec = clinic.graph_item("HealthAndBeautyBusiness")["openingHoursSpecification"]
    assert rows == [
        ", ".join(day.rsplit("/", 1)[1] for day in s["dayOfWeek"])
        + f" {s['opens']} to {s['closes']}"
        for s in spec
    ]


def overdue_project(tmp_path: Path, mode: str) -> Path:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    stress = project / "content" / "benefits" / "stress.yml"
    stress.write_text(
        stress.read_text()
        .replace("last_reviewed: 2026-11-20", "last_reviewed: 2023-01-10")
        .replace("next_review_due: 2028-11-20", "next_review_due: 2025-01-10")
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("overdue_review: error", f"overdue_review: {mode}")
    )
    return project


def test_overdue_page_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(overdue_project(tmp_path, "error")) == 1
    assert "was due for review on 2025-01-10" in capsys.readouterr().err


def test_overdue_page_in_warn_mode_is_published_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = overdue_project(tmp_path, "warn")
    assert build(project) == 0
    assert "warning in 'review.next_review_due'" in capsys.readouterr().err
    notice = page(project / "site", "benefits/stress").find("div", class_="hs-overdue")
    assert notice and "This page is overdue for review" in squash(notice[0].text)
    assert not page(project / "site", "benefits/back-pain").find("div", class_="hs-overdue")


@pytest.mark.parametrize("target", [".", "..", "content", "docs/site", "overrides"])
def test_build_never_replaces_the_project_or_its_folders(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["--root", str(project), "build", "--site-dir", target]) == 2
    assert "will not build into" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_build_refuses_a_folder_it_did_not_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("keep me")
    assert main(["--root", str(project), "build", "--site-dir", "notes"]) == 2
    assert "already exists and was not built by this command" in capsys.readouterr().err
    assert (project / "notes" / "todo.txt").read_text() == "keep me"
    assert build(project) == 0
    assert build(project) == 0  # a folder it built before is replaced
    assert (project / "site" / ".healthsite-build").is_file()


def test_favicon_and_theme_follow_the_clinic_colour(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    clinic.write_text(clinic.read_text().replace('"#1f6f5c"', '"#6a1b9a"'))
    assert build(project) == 0
    site = project / "site"
    assert 'fill="#6a1b9a"' in (site / "assets" / "favicon.svg").read_text()
    assert (
        "--md-primary-fg-color: #6a1b9a;"
        in (site / "assets" / "stylesheets" / "healthsite.css").read_text()
    )
    assert [e.attrs["href"] for e in page(site, "").find("link", rel="icon")] == [
        "assets/favicon.svg"
    ]


def test_clinic_facts_on_pages_and_in_structured_data_follow_clinic_yml(tmp_path: Path) -> None:
    """Change a fact once in clinic.yml (no HICAPS; a therapist funds do not recognise) and the
    FAQ answer that shows it, its structured data and the clinic page all say the new thing."""
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8").replace("hicaps: true", "hicaps: false")
    text = text.replace(
        "people:\n",
        "people:\n  - id: jo\n    name: Jo Newstart\n    role: Massage therapist\n"
        "    qualifications: Certificate IV in Massage Therapy (HLT42021)\n"
        "    health_fund_provider: false\n",
    )
    clinic.write_text(text, encoding="utf-8")
    faq = project / "content" / "faq.yml"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace(
            "answer: Wear", "clinic_facts: [hicaps, health_fund_providers]\n        answer: Wear"
        ),
        encoding="utf-8",
    )
    assert build(project) == 0
    no_hicaps = "We do not have a HICAPS terminal."
    not_recognised = "Health funds do not recognise Jo Newstart as a provider"
    recognised = "Alex Example and Sam Sample are recognised providers with health funds."
    faq_page = page(project / "site", "faq")
    first = faq_page.find("details", class_="hs-question")[0]
    facts = [squash(e.text) for e in first.children[1].children if "hs-clinic-fact" in e.classes]
    assert len(facts) == 3
    for shown, expected in zip(facts, [no_hicaps, recognised, not_recognised], strict=True):
        assert shown.startswith(expected)
    answer = faq_page.graph_item("FAQPage")["mainEntity"][0]["acceptedAnswer"]["text"]
    assert no_hicaps in answer and not_recognised in answer and recognised in answer
    clinic_page = squash(page(project / "site", "clinic").find("article")[0].text)
    assert no_hicaps in clinic_page and not_recognised in clinic_page
    assert "HICAPS terminal, so you can claim" not in clinic_page


def _meta(doc: Page, key: str) -> str | None:
    for element in doc.find("meta"):
        if key in (element.attrs.get("property"), element.attrs.get("name")):
            return element.attrs.get("content")
    return None


def test_every_page_has_sharing_tags_and_its_own_share_image(example_site: Path) -> None:
    """Open Graph and X/Twitter card tags on every page: the page's own title, description and
    address, and an image of its own, drawn at 1,200 x 630 in the clinic's colour."""
    images = set()
    pages = [p for p in example_site.rglob("index.html") if "search" not in p.parts]
    # 6 benefit pages, home, overview, guides, FAQ, safety, clinic, privacy, accessibility
    assert len(pages) == 14
    for path in pages:
        doc = read_page(path)
        title = squash(doc.find("h1")[0].text)
        assert _meta(doc, "og:title") == title, path
        assert _meta(doc, "og:description") == _meta(doc, "description"), path
        assert _meta(doc, "og:url") == doc.find("link", rel="canonical")[0].attrs["href"]
        assert _meta(doc, "twitter:card") == "summary_large_image"
        image = _meta(doc, "og:image") or ""
        assert image.startswith("https://example.org/assets/share/"), image
        local = example_site / image.removeprefix("https://example.org/")
        with Image.open(local) as picture:
            assert picture.size == (1200, 630)
            assert picture.getpixel((5, 5)) == 0  # palette index 0: the clinic's colour
            assert (picture.getpalette() or [])[:3] == [0x1F, 0x6F, 0x5C]
        images.add(local.read_bytes())
    assert len(images) == len(pages)  # each page its own picture


def test_a_clinic_sets_its_home_screen_name(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    assert "\nname: " in text
    clinic.write_text(text.replace("\nname: ", "\nshort_name: Wattle RMT\nname: ", 1), "utf-8")
    site = build_on_fixed_date(project)
    assert json.loads((site / "site.webmanifest").read_text())["short_name"] == "Wattle RMT"


def test_robots_manifest_and_home_screen_icons(example_site: Path) -> None:
    assert (example_site / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    )
    manifest = json.loads((example_site / "site.webmanifest").read_text())
    assert manifest["name"] == "Wattle Lane Remedial Massage"
    assert manifest["short_name"] == "Wattle Lane"
    assert manifest["theme_color"] == "#1f6f5c"
    for icon in manifest["icons"]:
        with Image.open(example_site / icon["src"]) as picture:
            assert f"{picture.width}x{picture.height}" == icon["sizes"]
    home = page(example_site, "")
    assert _meta(home, "theme-color") == "#1f6f5c"
    assert home.find("link", rel="manifest")[0].attrs["href"] == "site.webmanifest"
    touch = home.find("link", rel="apple-touch-icon")[0].attrs["href"]
    with Image.open(example_site / touch) as picture:
        assert picture.size == (180, 180)


def test_a_light_brand_colour_gets_dark_text(tmp_path: Path) -> None:
    """A pastel colour is not refused: text, logo and share images on it turn dark."""
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    clinic.write_text(
        clinic.read_text().replace('primary_colour: "#1f6f5c"', 'primary_colour: "#7fd1b9"')
    )
    assert build(project) == 0
    site = project / "site"
    css = (site / "assets" / "stylesheets" / "healthsite.css").read_text()
    assert "--md-primary-fg-color: #7fd1b9;" in css
    assert "--md-primary-bg-color: #212121;" in css
    assert 'fill="#212121"' in (site / "assets" / "logo.svg").read_text()
    assert 'fill="#7fd1b9"' in (site / "assets" / "favicon.svg").read_text()
    with Image.open(site / "assets" / "share" / "faq.png") as picture:
        palette = picture.getpalette() or []
        assert palette[:3] == [0x7F, 0xD1, 0xB9] and palette[-3:] == [0x21, 0x21, 0x21]


def test_a_clinics_own_logo_is_used_in_the_header_and_share_images(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    square = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10" fill="#ffffff"/></svg>'
    )
    (project / "docs" / "assets" / "logo.svg").write_text(square)
    assert build(project) == 0
    site = project / "site"
    assert (site / "assets" / "logo.svg").read_text() == square
    with Image.open(site / "assets" / "share" / "index.png") as picture:
        # The square logo sits at the top left, 80 px in, 96 px high, in the text colour.
        assert picture.getpixel((80 + 48, 80 + 48)) == 255
    with Image.open(site / "assets" / "icons" / "icon-192.png") as icon:
        assert icon.convert("RGB").getpixel((96, 96)) == (255, 255, 255)
        assert icon.convert("RGB").getpixel((4, 4)) == (0x1F, 0x6F, 0x5C)


def test_a_page_left_out_of_nav_has_the_toggle_its_contents_label_names(tmp_path: Path) -> None:
    """Material's table-of-contents title names a checkbox that only pages in `nav` get from
    the menu; a page left out of `nav` gets it from overrides/main.html (else the Nu HTML
    checker reports a label for nothing), once, like a page in `nav`."""
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "notice.md").write_text(
        "# A notice\n\nText.\n\n## A section\n\nMore text.\n", encoding="utf-8"
    )
    assert build(project) == 0
    notice = (project / "site" / "notice" / "index.html").read_text(encoding="utf-8")
    in_nav = (project / "site" / "safety" / "index.html").read_text(encoding="utf-8")
    for page_html in (notice, in_nav):
        assert "for=__toc" in page_html and page_html.count("id=__toc") == 1
