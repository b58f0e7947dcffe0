"""Images in hand-written pages, built into a site: a phone photo on a page in a folder and on
the home page, through the pipeline, with no metadata published and a cache for rebuilds."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from healthsite.adapters.mkdocs.config import IMAGE_CACHE
from healthsite.commands.cli import main
from healthsite.render.image_markup import CONTENT_SIZES

from .conftest import FIXTURE_CONTENT, build, copy_project
from .test_images import phone_photo

ROOMS = """\
---
title: Our rooms
description: The rooms at the clinic, with a photo of each.
---

# Our rooms

![The treatment room, with a massage table by a window](../assets/images/room.jpg)

The room is quiet and warm.

## The garden

A leaf from the garden:

![](../assets/images/leaf.png){ .decorative }
"""
HOME_IMAGE = "\n\n![The treatment room](assets/images/room.jpg)\n"


def project_with_rooms(tmp_path: Path, page: str = ROOMS) -> Path:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    images = project / "docs" / "assets" / "images"
    images.mkdir(parents=True)
    phone_photo(images / "room.jpg", 2400, 1600)
    leaf = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    leaf.paste((40, 140, 60, 255), (100, 50, 200, 150))
    leaf.save(images / "leaf.png")
    (project / "docs" / "clinic").mkdir()
    (project / "docs" / "clinic" / "rooms.md").write_text(page, encoding="utf-8")
    config = project / "mkdocs.yml"
    last_entry = "  - About the clinic: clinic.md\n"
    assert last_entry in config.read_text(encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            last_entry, last_entry + "  - Our rooms: clinic/rooms.md\n"
        ),
        encoding="utf-8",
    )
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as home:
        home.write(HOME_IMAGE)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_rooms(tmp_path_factory.mktemp("rooms"))
    assert build(project) == 0
    return project


def article_images(site: Path, page: str) -> list[dict[str, str | None]]:
    html = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
    return [dict(img.attributes) for img in html.css("article img")]


def addresses(node_attributes: dict[str, str | None]) -> list[str]:
    found = [node_attributes.get("src") or ""]
    for candidate in (node_attributes.get("srcset") or "").split(","):
        if candidate.strip():
            found.append(candidate.split()[0])
    return [a for a in found if a]


def test_a_photo_in_a_folder_page_is_a_picture_whose_files_all_exist(built: Path) -> None:
    site = built / "site"
    html = LexborHTMLParser((site / "clinic/rooms/index.html").read_text(encoding="utf-8"))
    pictures = html.css("article picture")
    assert len(pictures) == 2
    room, leaf = (dict(p.css_first("img").attributes) for p in pictures)  # type: ignore[union-attr]
    assert (room["width"], room["height"]) == ("1600", "1067")
    assert room["alt"] == "The treatment room, with a massage table by a window"
    assert room["fetchpriority"] == "high" and "loading" not in room  # near the top
    assert room["sizes"] == CONTENT_SIZES
    assert (leaf["alt"] or "", leaf["class"], leaf["loading"]) == ("", "decorative", "lazy")
    assert (leaf["width"], leaf["height"]) == ("300", "200")
    assert re.search(r"leaf-[0-9a-f]{10}-300\.png$", leaf["src"] or "")  # transparent: PNG
    sources = [dict(s.attributes) for s in html.css("article picture source")]
    assert [s["type"] for s in sources] == ["image/webp", "image/webp"]
    # Every address, from this page two folders down, names a published file.
    for found in [room, leaf, *sources]:
        for address in addresses(found):
            assert address.startswith("../../assets/resized/")
            target = site / posixpath.normpath(posixpath.join("clinic/rooms", address))
            assert target.is_file(), address
    assert [a.split()[1] for a in (room["srcset"] or "").split(", ")] == ["480w", "960w", "1600w"]


def test_the_home_page_uses_the_same_files_from_the_top(built: Path) -> None:
    site = built / "site"
    (home,) = article_images(site, "index.html")
    assert home["src"] is not None and home["src"].startswith("assets/resized/room-")
    assert (site / home["src"]).is_file()
    assert home["loading"] == "lazy"  # at the end of the page


def test_no_published_file_carries_the_photos_metadata(built: Path) -> None:
    site = built / "site"
    assert not (site / "assets" / "images" / "room.jpg").exists()
    assert not (site / "assets" / "images" / "leaf.png").exists()
    resized = sorted((site / "assets" / "resized").iterdir())
    assert len(resized) == 8  # the room: 3 widths x 2 formats; the leaf: 1 width x 2
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"PhoneMaker" not in data and b"GPSLatitude" not in data, path
    for path in resized:
        with Image.open(path) as image:
            assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info


def test_a_rebuild_takes_the_images_from_the_cache(built: Path) -> None:
    cache = built / IMAGE_CACHE
    manifests = sorted(cache.rglob("manifest.json"))
    assert len(manifests) == 2  # the room and the leaf
    before = {path: path.stat().st_mtime_ns for path in cache.rglob("*")}
    assert build(built) == 0
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*")} == before


@pytest.mark.parametrize(
    ("page_addition", "stylesheet_addition"),
    [
        ("[The photo at full size](../assets/images/room.jpg)", ""),
        ('<p><a href="../../assets/images/room.jpg">The photo at full size</a></p>', ""),
        ("", ".hs-banner { background-image: url(../images/room.jpg); }"),
    ],
    ids=["a Markdown link", "raw HTML", "a stylesheet"],
)
def test_a_photo_something_else_refers_to_stays_published_with_a_warning(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    page_addition: str,
    stylesheet_addition: str,
) -> None:
    project = project_with_rooms(tmp_path, ROOMS + "\n" + page_addition + "\n")
    # The clinic's own stylesheet, bundled after the theme's (the plugin's `stylesheets`).
    (project / "docs/assets/stylesheets").mkdir(parents=True)
    (project / "docs/assets/stylesheets/extra.css").write_text(stylesheet_addition + "\n")
    config = project / "mkdocs.yml"
    plugin = "  - healthsite:\n"
    text = config.read_text(encoding="utf-8")
    assert plugin in text
    config.write_text(
        text.replace(plugin, plugin + "      stylesheets: [assets/stylesheets/extra.css]\n"),
        encoding="utf-8",
    )
    assert build(project) == 0
    site = project / "site"
    assert (site / "assets/images/room.jpg").read_bytes() == (
        project / "docs/assets/images/room.jpg"
    ).read_bytes()
    assert not (site / "assets/images/leaf.png").exists()
    assert (
        "docs/assets/images/room.jpg: warning: this image is published as it is, with the "
        "location, camera data and XMP data saved in it, because a link, HTML, a stylesheet or "
        "the theme refers to the file itself\n"
        "    How to fix: show it only with Markdown, ![what it shows](path), which publishes "
        "copies without that data; or save it again without it"
    ) in capsys.readouterr().err


def test_a_photo_over_the_budget_is_a_warning_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with_rooms(tmp_path, ROOMS.replace("room.jpg", "grain.jpg"))
    # Grain compresses worst of all: the 1600-pixel WebP stays far over the budget.
    noise = Image.merge("RGB", [Image.effect_noise((2000, 1400), 120) for _ in range(3)])
    noise.save(project / "docs/assets/images/grain.jpg", quality=95)
    assert build(project) == 0
    err = capsys.readouterr().err
    assert re.search(
        r"docs/clinic/rooms\.md:8:57: warning: the image \"\.\./assets/images/grain\.jpg\" is "
        r"still \d+ KB at 1600 pixels wide \(WEBP\), over the budget of 250 KB for one image: "
        r"readers on a phone wait for it\n"
        r"    How to fix: crop it to what matters, or use a calmer photo",
        err,
    ), err


def test_a_damaged_photo_stops_the_build_naming_page_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with_rooms(tmp_path)
    room = project / "docs/assets/images/room.jpg"
    room.write_bytes(room.read_bytes()[:4000])  # its header is whole: the check passes it
    assert main(["--root", str(project), "check"]) == 0
    assert build(project) == 1
    err = capsys.readouterr().err
    assert (
        'docs/clinic/rooms.md:8:57: error: the image "../assets/images/room.jpg" cannot be '
        "read as a JPEG, PNG, WebP or GIF image ("
    ) in err
    assert not (project / "site").exists()
