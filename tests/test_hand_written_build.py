"""Hand-written pages built into a site, as a clinic writes them: tables, notes, images, sources.

Each test copies the project with the fixture content and writes its own pages into docs/, so
nothing here depends on the repository's own pages or content.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from healthsite.commands.cli import main

from .conftest import FIXTURE_CONTENT, build, copy_project

# A page using what mkdocs.yml's Markdown extensions offer: an aligned table, a note
# (admonition), a collapsible block (details), HTML with Markdown inside, headings for the table
# of contents, and images with alt text or marked as decoration.
PRICES = """\
---
title: Prices
description: What a session costs at the clinic, and what a health fund may pay back.
---

# Prices

## Sessions

| Session | Who it suits | Price |
|:--|:-:|--:|
| 30 minutes | one area | $70 |
| 60 minutes | most people | $110 |

!!! note "Health funds"
    Your fund may pay part of the price.

??? question "Can I pay later?"
    Yes, within a week.

<div class="hs-prices" markdown>
Prices include GST.
</div>

![A quiet treatment room](assets/images/room.png)

![](assets/images/leaf.png){ .decorative }

<img src="../assets/images/room.png" alt="The same room, in HTML">
"""


def png(size: tuple[int, int] = (1, 1), colour: tuple[int, int, int, int] = (0, 0, 0, 0)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, colour).save(out, "PNG")
    return out.getvalue()


# A tiny picture: one transparent pixel.
PNG = png()


def with_page(tmp_path: Path, name: str, text: str) -> Path:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    images = project / "docs" / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for image in ("room.png", "leaf.png"):
        (images / image).write_bytes(PNG)
    (project / "docs" / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = with_page(tmp_path_factory.mktemp("prices"), "prices.md", PRICES)
    assert build(project) == 0
    return project / "site"


def html(site: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def test_aligned_columns_are_classes_not_inline_styles(site: Path) -> None:
    table = html(site, "prices").css_first("article table")
    assert table is not None
    assert [cell.attributes.get("class") for cell in table.css("thead th")] == [
        "hs-align-left",
        "hs-align-center",
        "hs-align-right",
    ]
    assert [cell.text() for cell in table.css("td.hs-align-right")] == ["$70", "$110"]
    assert table.css("[style]") == []


def test_the_theme_stylesheet_aligns_those_classes(site: Path) -> None:
    css = (site / "assets" / "stylesheets" / "healthsite.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = {
        selector.strip(): body.strip()
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        for selector in selectors.split(",")
    }
    for alignment in ("left", "center", "right"):
        for cell in ("th", "td"):
            # As specific as Material's "td:not([align])" rule (left), and later in the page.
            selector = f".md-typeset table:not([class]) {cell}.hs-align-{alignment}"
            assert rules[selector] == f"text-align: {alignment};"


def test_no_page_has_an_inline_style_in_its_content(site: Path) -> None:
    prices = html(site, "prices")
    # The page really uses what is being tested: a note, a collapsible block, an aligned table.
    assert prices.css("article .admonition.note") and prices.css("article details.question")
    assert prices.css("article .hs-prices p")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    styled = [
        f"{page.relative_to(site)}: {node.html}"
        for page in pages
        for node in LexborHTMLParser(page.read_text(encoding="utf-8")).css("article [style]")
    ]
    assert styled == []


def test_images_keep_their_alt_text_and_decoration_mark(site: Path) -> None:
    images = [
        # An empty alt may be written without a value (alt), which the parser reads as None.
        (
            img.attributes["src"],
            img.attributes.get("alt", "(none)") or "",
            img.attributes.get("class"),
        )
        for img in html(site, "prices").css("article img")
    ]
    # Markdown images come from the image pipeline (a transparent picture: PNG); an image
    # written in HTML is left as written.
    resized = r"\.\./assets/resized/{}-[0-9a-f]{{10}}-1\.png"
    assert len(images) == 3
    assert re.fullmatch(resized.format("room"), images[0][0] or "")
    assert images[0][1:] == ("A quiet treatment room", None)
    assert re.fullmatch(resized.format("leaf"), images[1][0] or "")
    assert images[1][1:] == ("", "decorative")
    assert images[2] == ("../assets/images/room.png", "The same room, in HTML", None)
    # The HTML image still finds its file; the leaf, shown only through the pipeline, is
    # published only as the pipeline's copies.
    assert (site / "assets" / "images" / "room.png").read_bytes() == PNG
    assert not (site / "assets" / "images" / "leaf.png").exists()


def test_deleting_a_topic_file_is_all_it_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "content" / "benefits" / "back-pain.yml").unlink()
    assert build(project) == 0
    err = capsys.readouterr().err
    assert (
        "content/references.yml:17:1: warning in 'nice-ng59': the reference 'nice-ng59' is "
        "not cited by any benefit page, guide page or FAQ answer, so it is not published"
    ) in err
    site = project / "site"
    assert not (site / "benefits" / "back-pain").exists()
    # Its sources are published nowhere: no page, no source list, no JSON-LD, no search index.
    published = [
        path.relative_to(site)
        for path in site.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".json", ".xml", ".js"}
        and re.search(r"ng59|Low back pain and sciatica", path.read_text(encoding="utf-8"))
    ]
    assert published == []
    # The reference still cited elsewhere (by the stress page) is still published.
    assert "ref-cherkin2011" in (site / "benefits" / "stress" / "index.html").read_text()


def test_a_source_list_never_shows_an_uncited_reference(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    further = '# Further reading\n\n{{ reference_list("cherkin2011", "nice-ng59") }}\n'
    project = with_page(tmp_path, "further.md", further)
    (project / "content" / "benefits" / "back-pain.yml").unlink()
    assert build(project) == 1
    assert (
        "reference_list() names 'nice-ng59', which no benefit page, guide page or FAQ answer "
        "cites (or which is not in references.yml): only cited references are published, so "
        "cite each in content/ or leave it out of reference_list()"
    ) in capfd.readouterr().err
    assert not (project / "site").exists()


def test_check_names_file_and_line_of_markup_the_policy_blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = with_page(
        tmp_path,
        "prices.md",
        PRICES + '\n<p style="color: red">Sale!</p>\n\n![](assets/images/gone.png)\n',
    )
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        'docs/prices.md:31:4: error: the style attribute on <p> (style="color: red") is '
        "blocked by the site's Content-Security-Policy, so the browser ignores it"
    ) in err
    assert ('docs/prices.md:33:3: error: the image "assets/images/gone.png" has no alt text') in err
    assert (
        'docs/prices.md:33:3: error: the image "assets/images/gone.png" is not in docs/ '
        "(looked for docs/assets/images/gone.png)"
    ) in err
    assert build(project) == 1
    assert not (project / "site").exists()
