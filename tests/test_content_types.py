"""The content-type registry: every kind of page is complete, so a kind added to
`CONTENT_TYPES` cannot silently lack its template, its structured data or its rules' view."""

from __future__ import annotations

from typing import Any

import pytest

from healthsite.model.registry import CONTENT_TYPES, ContentType
from healthsite.model.schema import PageModel
from healthsite.render.structured_data import PAGE_ITEMS
from healthsite.render.theme_files import PARTIALS, THEME_DIR

TEMPLATES = THEME_DIR / PARTIALS
PAGE_METHODS = ("citation_lists", "advice_lists", "page_warning_signs", "headings", "body")
PAGE_PROPERTIES = ("short_title", "cited")


@pytest.mark.parametrize("kind", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_each_kind_has_a_template_structured_data_and_a_page_model(
    kind: ContentType[Any],
) -> None:
    assert (TEMPLATES / kind.template).is_file()
    assert kind.name in PAGE_ITEMS
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


def test_kinds_have_their_own_names_files_and_addresses() -> None:
    for attribute in ("name", "source", "url"):
        values = [getattr(kind, attribute) for kind in CONTENT_TYPES]
        assert len(set(values)) == len(values), attribute
    assert all(kind.url.endswith("/") for kind in CONTENT_TYPES)


def test_page_addresses_follow_the_kind() -> None:
    folder = next(kind for kind in CONTENT_TYPES if not kind.one_file)
    one_file = next(kind for kind in CONTENT_TYPES if kind.one_file)
    assert folder.source_path("x") == f"{folder.url}x.md"
    assert folder.page_url("x") == f"{folder.url}x/"
    assert one_file.source_path(one_file.name) == one_file.url.rstrip("/") + ".md"
    assert one_file.page_url(one_file.name) == one_file.url
