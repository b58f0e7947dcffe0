"""A new kind of page is a model, a template and one registry entry: nothing else in the engine.

The test adds a kind the engine has never heard of, an aftercare page, exactly as
`healthsite.model.registry` says to: a model on the shared bases, a template in the fixture
site's `overrides/partials/health/`, one `ContentType` registered for the length of the test,
and its YAML file in content/. The site's menu line is the site's own, as for the price list
(mkdocs.yml). Then the fixture site is built and checked, and the page is where every stage
should have put it: at its address, in the menu, in the structured data with its entry's
schema.org type, in the check's summary with its entry's words, and under the wording and
safety-advice rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import Field

from healthsite.commands.cli import main as healthsite
from healthsite.model.content_type import ContentType
from healthsite.model.fields import Description, ShortText, StrictModel, Text, TextAt
from healthsite.model.kind_facts import Tally, Words
from healthsite.model.page_model import OnePage
from healthsite.model.registry import CONTENT_TYPES
from healthsite.model.review import Review
from healthsite.site_checks.html_tools import Page, read_page, squash

from .conftest import build_on_fixed_date, copy_project


class Aftercare(OnePage, StrictModel):
    """What to do at home after a massage: a page made of short tips."""

    title: ShortText = "After your massage"
    description: Description
    tips: Annotated[list[Text], Field(min_length=1)]
    review: Review

    def headings(self) -> Iterator[TextAt]:
        yield ("title",), self.title
        yield ("description",), self.description

    def body(self) -> Iterator[TextAt]:
        for i, tip in enumerate(self.tips):
            yield ("tips", i), tip


AFTERCARE: ContentType[Aftercare] = ContentType(
    name="aftercare",
    model=Aftercare,
    source="aftercare.yml",
    template="aftercare-page.md",
    docs_path="aftercare/",
    schema_type="HowTo",
    label=Words("aftercare page", "aftercare pages"),
    tally=Tally(Words("aftercare tip", "aftercare tips"), lambda page, _: len(page.tips)),
    required=False,
)

TEMPLATE = """\
# {{ aftercare.title | md_escape }}

{% for tip in aftercare.tips %}
- {{ tip | markdown_inline }}
{% endfor %}
"""
TIPS = [
    "Drink a glass of water when you get home.",
    "Take a short, easy walk later in the day.",
    "Rest the muscles we worked on if they feel tender.",
]
AFTERCARE_YML = f"""\
title: After your massage
description: >-
  What to do at home after a massage, so that any tenderness passes and you feel the good of
  it for longer.
tips:
  - {TIPS[0]}
  - {TIPS[1]}
  - {TIPS[2]}
review:
  last_reviewed: 2026-11-20
  next_review_due: 2027-11-20
  written_by: [alex]
  reviewed_by: [sam]
"""
NAV_LINE = "  - Common questions: faq.md\n"


@pytest.fixture
def registered() -> Iterator[ContentType[Aftercare]]:
    with CONTENT_TYPES.registered(AFTERCARE) as kind:
        yield kind


def aftercare_project(target: Path, tips: list[str] = TIPS) -> Path:
    """The fixture site with the aftercare page's template, its file and its menu line."""
    project = copy_project(target)
    partials = project / "overrides" / "partials" / "health"
    partials.mkdir(parents=True)
    (partials / AFTERCARE.template).write_text(TEMPLATE, encoding="utf-8")
    text = AFTERCARE_YML
    for wanted, tip in zip(TIPS, tips, strict=True):
        text = text.replace(f"  - {wanted}\n", f"  - {tip}\n")
    (project / "content" / AFTERCARE.source).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    mkdocs = config.read_text(encoding="utf-8")
    assert NAV_LINE in mkdocs, "the fixture mkdocs.yml no longer lists the FAQ"
    config.write_text(
        mkdocs.replace(NAV_LINE, NAV_LINE + "  - After your massage: aftercare.md\n"),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with CONTENT_TYPES.registered(AFTERCARE):
        return build_on_fixed_date(aftercare_project(tmp_path_factory.mktemp("aftercare")))


@pytest.fixture(scope="module")
def page(site: Path) -> Page:
    return read_page(site / "aftercare" / "index.html")


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`healthsite check` of `project`: its exit status, what it printed, its problems."""
    capsys.readouterr()
    status = healthsite(["--root", str(project), "check"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_page_is_built_at_its_address_from_its_template(page: Page) -> None:
    assert squash(page.find("h1")[0].text) == "After your massage"
    article = page.find("article")[0]
    tips = next(child for child in article.children if child.tag == "ul")
    assert [squash(item.text) for item in tips.children if item.tag == "li"] == TIPS


def test_the_page_is_in_the_menu(site: Path) -> None:
    home = read_page(site / "index.html")
    links = {squash(a.text): a.attrs.get("href") for a in home.find("a", class_="md-nav__link")}
    assert links["After your massage"] == "aftercare/"


def test_its_structured_data_has_the_entrys_schema_type(page: Page) -> None:
    nodes: list[dict[str, Any]] = [node for block in page.json_ld() for node in block["@graph"]]
    own = [node for node in nodes if node.get("url") == "https://example.org/aftercare/"]
    assert len(own) == 1
    assert own[0]["@type"] == AFTERCARE.schema_type
    assert own[0]["name"] == "After your massage"
    assert own[0]["lastReviewed"] == "2026-11-20"


def test_the_check_counts_it_in_the_entrys_words(
    registered: ContentType[Aftercare], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = check(aftercare_project(tmp_path), capsys)
    assert status == 0, err
    assert re.search(r"Content OK: .*, 38 questions, 3 aftercare tips, \d+ references\.", out)
    assert "After your massage: reading grade" in out


def test_a_forbidden_word_in_its_text_is_an_error(
    registered: ContentType[Aftercare], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = aftercare_project(tmp_path, [TIPS[0], TIPS[1], "A walk cures stiffness."])
    status, _, err = check(project, capsys)
    assert status == 1
    assert (
        "content/aftercare.yml:8:5: error in 'tips[2]': \"cures\" claims more than the research "
        "shows"
    ) in err


def test_its_own_wording_of_safety_advice_is_an_error(
    registered: ContentType[Aftercare], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kind whose model says nothing about safety advice shows none, so the check sends a
    writer who words some to the pages that do."""
    tip = "Call us if you have chest pain after your massage."
    status, _, err = check(aftercare_project(tmp_path, [TIPS[0], TIPS[1], tip]), capsys)
    assert status == 1
    assert "content/aftercare.yml" in err
    assert "this page shows no safety advice" in err


def test_without_the_entry_the_file_is_not_a_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The registry, not the file, makes the page: unregistered, aftercare.yml is no kind's."""
    assert AFTERCARE not in CONTENT_TYPES
    status, out, err = check(aftercare_project(tmp_path), capsys)
    assert status == 0, err
    assert "aftercare" not in out
