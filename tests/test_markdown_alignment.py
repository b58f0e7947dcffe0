"""Table alignment becomes classes, since the Content-Security-Policy blocks inline styles."""

from __future__ import annotations

import markdown
import pytest

from healthsite.render.markdown_alignment import EXTENSION_NAME, with_alignment

TABLE = "| Session | Note | Price |\n|:--|:-:|--:|\n| 30 minutes | short | $70 |\n"


def render(text: str, *extensions: str) -> str:
    return markdown.markdown(text, extensions=list(extensions))


def test_aligned_columns_get_classes_and_no_style() -> None:
    html = render(TABLE, "tables", EXTENSION_NAME)
    assert "style=" not in html
    assert '<th class="hs-align-left">Session</th>' in html
    assert '<th class="hs-align-center">Note</th>' in html
    assert '<td class="hs-align-right">$70</td>' in html


def test_without_the_extension_tables_write_the_style_the_policy_blocks() -> None:
    # What the extension exists for: if Python-Markdown stops writing the style, this says so.
    assert '<td style="text-align: right;">$70</td>' in render(TABLE, "tables")


def test_an_unaligned_column_gets_no_class() -> None:
    html = render("| A | B |\n|---|---|\n| 1 | 2 |\n", "tables", EXTENSION_NAME)
    assert "<td>1</td>" in html and "class=" not in html


def in_markdown_block(cell: str) -> str:
    """A cell in HTML inside a `markdown` block: Python-Markdown parses it into its tree."""
    html = render(
        f'<div markdown="1">\n<table><tr>{cell}</tr></table>\n</div>\n',
        "md_in_html",
        EXTENSION_NAME,
    )
    assert "<div>" in html  # the block was parsed, not passed through as raw HTML
    return html


@pytest.mark.parametrize(
    "cell",
    ['<td style="color: red">1</td>', '<td style="text-align: right; color: red">1</td>'],
)
def test_other_styles_are_left_for_the_check_to_report(cell: str) -> None:
    html = in_markdown_block(cell)
    assert "style=" in html and "hs-align" not in html


def test_an_existing_class_is_kept() -> None:
    html = in_markdown_block('<td class="price" style="text-align: right;">1</td>')
    assert '<td class="price hs-align-right">1</td>' in html and "style=" not in html


def test_the_extension_is_added_once() -> None:
    assert with_alignment(["tables"]) == ["tables", EXTENSION_NAME]
    assert with_alignment(["tables", EXTENSION_NAME]) == ["tables", EXTENSION_NAME]
