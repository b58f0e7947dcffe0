"""The content-type registry: every kind of page is complete, so a kind added to
`CONTENT_TYPES` cannot silently lack its template, its structured data or its rules' view, and
the registry refuses a kind that would clash with another. (tests/test_registry_extension.py
builds a site with a kind added.)"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from healthsite.model.content_type import ContentType
from healthsite.model.kind_facts import PageItems, Words
from healthsite.model.kinds.faq import FAQ, Faq
from healthsite.model.kinds.services import Services
from healthsite.model.kinds.team import TEAM, Team
from healthsite.model.page_model import PageModel
from healthsite.model.registry import CONTENT_TYPES
from healthsite.render.theme_files import PARTIALS, THEME_DIR

TEMPLATES = THEME_DIR / PARTIALS
PAGE_METHODS = (
    "citation_lists",
    "advice_lists",
    "page_warning_signs",
    "headings",
    "body",
    "advice_passages",
)
# The structured data that reads a particular model, and that model.
ITEMS_MODELS = {PageItems.QUESTIONS: Faq, PageItems.OFFERS: Services, PageItems.PEOPLE: Team}
PAGE_PROPERTIES = ("short_title", "cited")


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_each_kind_has_a_template_structured_data_and_a_page_model(
    kind: ContentType[Any],
) -> None:
    assert (TEMPLATES / kind.template).is_file()
    if kind.page_items in ITEMS_MODELS:
        assert issubclass(kind.model, ITEMS_MODELS[kind.page_items])
    for name in PAGE_METHODS:
        assert callable(getattr(kind.model, name, None)), f"{kind.model.__name__}.{name}"
    for name in PAGE_PROPERTIES:
        assert isinstance(getattr(kind.model, name, None), property), name
    fields = kind.model.model_fields
    for field in ("title", "description", "review"):
        assert field in fields
    # Pages of a folder are put in order by a field; a one-file kind's one page by a property.
    assert "order" in fields if not kind.one_file else isinstance(kind.model.order, property)


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_a_kind_with_warning_signs_shows_them_in_its_box_and_to_the_rules(
    kind: ContentType[Any],
) -> None:
    """A page's `warning_signs` reach its "When to see a doctor" box (the template passes them
    to the box) and the topic rule (`page_warning_signs`); a kind without the field has none."""
    template = (TEMPLATES / kind.template).read_text(encoding="utf-8")
    passes = f"{{% set warning_signs = {kind.name}.warning_signs %}}"
    if "warning_signs" in kind.model.model_fields:
        assert kind.model.page_warning_signs is not PageModel.page_warning_signs
        assert passes in template
        assert template.index(passes) < template.index('{% include "when-to-see-a-doctor.html" %}')
    else:
        assert kind.model.page_warning_signs is PageModel.page_warning_signs
        assert "warning_signs" not in template


def test_kinds_have_their_own_names_and_files() -> None:
    for attribute in ("name", "source", "docs_path"):
        values = [getattr(kind, attribute) for kind in CONTENT_TYPES]
        assert len(set(values)) == len(values), attribute
    assert all(kind.docs_path.endswith("/") for kind in CONTENT_TYPES)


def test_page_files_follow_the_kind() -> None:
    folder = next(kind for kind in CONTENT_TYPES if not kind.one_file)
    one_file = next(kind for kind in CONTENT_TYPES if kind.one_file)
    assert folder.source_path("x") == f"{folder.docs_path}x.md"
    assert one_file.source_path(one_file.name) == one_file.docs_path.rstrip("/") + ".md"


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_a_kind_whose_pages_cite_says_so_on_its_entry(kind: ContentType[Any]) -> None:
    """The warning about an uncited reference names what cites from the entries, so a model
    with citation lists and an entry without `sources` would go unnamed there."""
    has_lists = kind.model.citation_lists is not PageModel.citation_lists
    assert has_lists == (kind.sources is not None)


def test_the_registry_refuses_a_kind_with_another_kinds_name_or_files() -> None:
    other = dataclasses.replace(TEAM, name="other", source="other.yml", docs_path="other/")
    for clash in (
        dataclasses.replace(other, name=FAQ.name),
        dataclasses.replace(other, source=FAQ.source),
        dataclasses.replace(other, docs_path=FAQ.docs_path),
    ):
        with pytest.raises(ValueError, match="of the kind 'faq'; give each kind its own"):
            CONTENT_TYPES.register(clash)
    assert len(CONTENT_TYPES) == 5


def test_a_kind_registered_for_a_block_is_walked_then_removed() -> None:
    kind = dataclasses.replace(TEAM, name="other", source="other.yml", docs_path="other/")
    with CONTENT_TYPES.registered(kind):
        assert list(CONTENT_TYPES)[-1] is kind
    assert kind not in CONTENT_TYPES


def test_words_count_one_and_many() -> None:
    assert Words("question", "questions").count(1) == "1 question"
    assert Words("question", "questions").count(2) == "2 questions"
