"""The numbered sources list (reference-list.html): one full stop after a title, none after a
title that already ends in a question mark, exclamation mark or full stop."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from healthsite.model.loader import load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.content_pages import Renderer

from .conftest import FIXTURE_CONTENT, TEMPLATES


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("A meta-analysis of massage therapy research", "research. <em>"),
        ("Does massage spread cancer?", "cancer? <em>"),
        ("Massage works!", "works! <em>"),
        ("Massage therapy, a review.", "review. <em>"),
    ],
)
def test_a_title_ends_with_one_mark(tmp_path: Path, title: str, shown: str) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content_dir)
    references = content_dir / "references.yml"
    text = references.read_text(encoding="utf-8")
    old = "title: A meta-analysis of massage therapy research\n"
    assert old in text, "the fixture's moyer2004 title has changed"
    references.write_text(text.replace(old, f'title: "{title}"\n', 1), encoding="utf-8")
    renderer = Renderer(
        load_content(content_dir, tmp_path),
        TEMPLATES,
        today=date(2026, 11, 25),
        addresses=DIRECTORY_ADDRESSES,
        pages=(),
    )
    html = str(renderer.reference_list("faq.md", ["moyer2004"]))
    assert shown in html
