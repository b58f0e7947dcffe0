"""Every link of a built site leads to a file of it, with `use_directory_urls` on (MkDocs'
default) and off: the home page's cards, the footer's legal pages, the menu, images, and links
written in content/ text (in directory addresses, which the build writes as the site publishes
its pages). On the fixture example site, served as a static host serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.site_checks.harness import LinkChecker, discover_site, serve_site

from .conftest import build_on_fixed_date, copy_project

SESSION = "  - You can ask for a quiet session with little talking.\n"
# Links in a topic's text to a topic, the FAQ at a question, a page of docs/, the topics'
# overview and the home page, written as content/ writes them.
TEXT_LINKS = (
    "  - See [sleep](../sleep/), [your first visit](../../faq/#first-visit), "
    "[the clinic](../../clinic/), [all topics](../) and [home](../../).\n"
)


@pytest.fixture(scope="module", params=[True, False], ids=["directory", "flat"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("addresses") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "use_directory_urls: true\n" in text, "the fixture's mkdocs.yml changed"
    setting = "true" if request.param else "false"
    config.write_text(
        text.replace("use_directory_urls: true\n", f"use_directory_urls: {setting}\n"), "utf-8"
    )
    stress = project / "content" / "benefits" / "stress.yml"
    topic = stress.read_text(encoding="utf-8")
    assert SESSION in topic, "the fixture's stress topic changed"
    stress.write_text(topic.replace(SESSION, SESSION + TEXT_LINKS), "utf-8")
    return build_on_fixed_date(project)


def test_every_link_of_every_page_leads_to_a_file_of_the_site(built: Path) -> None:
    site = discover_site(built)
    problems: list[str] = []
    checked = 0
    with serve_site(site) as base_url:
        links = LinkChecker(base_url, site.site_url)
        for page in site.pages:
            problems += [f"{page.rel}: {problem}" for problem in links.problems(page)]
            checked += len(page.facts.refs)
    assert problems == []
    assert checked > 500  # every page's menu, footer and head, not an empty site


def test_the_text_links_are_on_the_page(built: Path) -> None:
    site = discover_site(built)
    (stress,) = [page for page in site.pages if page.rel.startswith("benefits/stress")]
    shown = [ref.url for ref in stress.facts.refs if ref.tag == "a"]
    assert sum(url.endswith("#first-visit") for url in shown) == 1


def test_the_pages_are_where_the_setting_puts_them(built: Path) -> None:
    flat = (built / "benefits" / "stress.html").is_file()
    assert flat != (built / "benefits" / "stress" / "index.html").is_file()
    assert (built / "privacy.html").is_file() == flat
    assert (built / "benefits" / "index.html").is_file()  # a folder's own page, either way
