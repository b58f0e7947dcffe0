"""Links in content pages' text to other pages of the site: one to a page the site does not have
(deleted, renamed or mistyped) is an error at its file, line and field; links to pages made
from content/ or written in docs/, to files in docs/, to places on the page and to other sites
pass. On fixtures: the small content folder and the example site's docs/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.rules.content_links import _links
from healthsite.source.markup import markdown_to_html

from .conftest import FIXTURE_CONTENT, copy_project

SUMMARY = (
    "  Some studies suggest that a course of massage may ease worry and low mood for a while.\n"
)


def project_linking(tmp_path: Path, link: str) -> Path:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    stress = project / "content" / "benefits" / "stress.yml"
    text = stress.read_text(encoding="utf-8")
    assert SUMMARY in text, "the fixture's stress summary changed"
    stress.write_text(text.replace(SUMMARY, SUMMARY + f"  See [this page]({link}).\n"), "utf-8")
    return project


@pytest.mark.parametrize(
    "link",
    [
        "../back-pain/",  # another topic, made from content/
        "../../faq/#first-visit",  # the FAQ, at a question
        "../../clinic/",  # a page in docs/
        "../../privacy/",  # a legal page the site makes
        "../",  # the topics' overview (docs/benefits/index.md)
        "#sources",  # a place on this page
        "https://www.healthdirect.gov.au/",  # another site
        "mailto:hello@example.org",
    ],
)
def test_links_to_what_the_site_has_pass(
    tmp_path: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert healthsite(["--root", str(project_linking(tmp_path, link)), "check"]) == 0, (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("../sleep/", "/benefits/sleep/"),  # a topic this site does not have
        ("../../services/", "/services/"),  # no services.yml here
        ("../../clinc/", "/clinc/"),  # mistyped
    ],
)
def test_a_link_to_a_page_the_site_does_not_have_is_located(
    tmp_path: Path, link: str, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert healthsite(["--root", str(project_linking(tmp_path, link)), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"content/benefits/stress\.yml:7:\d+: error in 'summary': the link "
        + re.escape(f'"{link}" leads to {target}, which this site does not have'),
        err,
    ), err


def test_links_are_written_in_directory_addresses_whatever_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With `use_directory_urls: false` the pages are at "faq.html", but content text (and the
    library's) still links to "../../faq/": the build publishes it as the site addresses it."""
    for link, passes in [("../../faq/#first-visit", True), ("../../faq.html", False)]:
        project = project_linking(tmp_path / link.replace("/", "-"), link)
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "use_directory_urls: true" in text, "the fixture's mkdocs.yml changed"
        config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"))
        assert healthsite(["--root", str(project), "check"]) == (0 if passes else 1)
        assert ("the link" in capsys.readouterr().err) != passes


@pytest.mark.parametrize(
    ("link", "hint"),
    [
        ("http://www.healthdirect.gov.au/", "write https:// instead of http://"),
        ("HTTP://example.org/", "write https:// instead of http://"),
        ("ftp://files.example.org/leaflet.pdf", "link to an https:// address, an e-mail"),
    ],
)
def test_a_link_the_page_would_show_as_dead_text_is_located(
    tmp_path: Path, link: str, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert healthsite(["--root", str(project_linking(tmp_path, link)), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"content/benefits/stress\.yml:7:\d+: error in 'summary': the link "
        + re.escape(f'"{link}" is not a kind this site publishes: the page would show its words'),
        err,
    ), err
    assert f"How to fix: {hint}" in err
    # What the check refuses is what the page would drop: the words, with no address.
    assert "href" not in markdown_to_html(f"See [this page]({link}).")


def test_links_are_read_as_the_page_renders_them() -> None:
    """Content is rendered with indented code off (markup.parser): an indented line is text,
    and its link a real link that must lead somewhere."""
    text = "    see [this page](../nope/)"
    assert "<a href" in markdown_to_html(text)
    assert list(_links(text)) == ["../nope/"]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("See <http://example.org/> for more.", ["http://example.org/"]),  # an autolink
        ("See [the page][ref].\n\n[ref]: ../nope/", ["../nope/"]),
        ("No link here, only (brackets) and 3 > 2.", []),
    ],
)
def test_every_way_of_writing_a_link_is_read(text: str, links: list[str]) -> None:
    assert list(_links(text)) == links
