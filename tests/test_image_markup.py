"""The markup for a processed image (healthsite.render.image_markup with picture.html): srcset,
sizes,
width and height, lazy or eager loading, alt text and the decoration mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from healthsite.model.loader import load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.content_pages import Renderer
from healthsite.render.image_markup import CONTENT_SIZES, picture, picture_html
from healthsite.render.image_pipeline import ResponsiveImage, Variant

from .conftest import FIXTURE_CONTENT, TEMPLATES


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    """The generator's own template environment, as the build uses it."""
    content = load_content(FIXTURE_CONTENT)
    return Renderer(
        content, TEMPLATES, today=date(2026, 11, 25), addresses=DIRECTORY_ADDRESSES, pages=()
    )


def variants(stem: str, kind: str, media_type: str, widths: list[int]) -> tuple[Variant, ...]:
    return tuple(
        Variant(f"{stem}-{w}.{kind}", w, round(w * 2 / 3), media_type, 1000, Path("/cache"))
        for w in widths
    )


PHOTO = ResponsiveImage(
    Path("docs/assets/images/room.jpg"),
    1600,
    1067,
    {"image/webp": variants("room-abc", "webp", "image/webp", [480, 960, 1600])},
    variants("room-abc", "jpg", "image/jpeg", [480, 960, 1600]),
)
DRAWING = ResponsiveImage(
    Path("docs/assets/images/leaf.svg"),
    120,
    80,
    {},
    (Variant("leaf-abc.svg", 120, 80, "image/svg+xml", 300, Path("docs/assets/images/leaf.svg")),),
)


def render(renderer: Renderer, image: ResponsiveImage, **options: object) -> LexborNode:
    html = str(picture_html(renderer.env, picture(image, **options)))  # type: ignore[arg-type]
    root = LexborHTMLParser(f"<body>{html}</body>").body
    assert root is not None and root.child is not None
    return root.child


def attributes(node: LexborNode | None) -> dict[str, str | None]:
    assert node is not None
    return dict(node.attributes)


def test_a_photo_is_a_picture_with_webp_sources_and_a_jpeg_image(renderer: Renderer) -> None:
    node = render(renderer, PHOTO, page_url="clinic/rooms/", alt="The treatment room")
    assert node.tag == "picture"
    assert [child.tag for child in node.iter()] == ["source", "img"]
    assert attributes(node.css_first("source")) == {
        "type": "image/webp",
        "srcset": "../../assets/resized/room-abc-480.webp 480w, "
        "../../assets/resized/room-abc-960.webp 960w, "
        "../../assets/resized/room-abc-1600.webp 1600w",
        "sizes": CONTENT_SIZES,
    }
    assert attributes(node.css_first("img")) == {
        "src": "../../assets/resized/room-abc-1600.jpg",
        "srcset": "../../assets/resized/room-abc-480.jpg 480w, "
        "../../assets/resized/room-abc-960.jpg 960w, "
        "../../assets/resized/room-abc-1600.jpg 1600w",
        "sizes": CONTENT_SIZES,
        "width": "1600",
        "height": "1067",
        "alt": "The treatment room",
        "loading": "lazy",
        "decoding": "async",
    }


def test_an_image_near_the_top_loads_at_once_with_high_priority(renderer: Renderer) -> None:
    img = render(renderer, PHOTO, page_url="", alt="The room", eager=True).css_first("img")
    found = attributes(img)
    assert found["fetchpriority"] == "high"
    assert "loading" not in found and "decoding" not in found
    assert found["src"] == "assets/resized/room-abc-1600.jpg"


def test_a_decorative_image_keeps_its_mark_and_empty_alt(renderer: Renderer) -> None:
    node = render(renderer, PHOTO, page_url="prices/", alt="", attributes={"class": "decorative"})
    found = attributes(node.css_first("img"))
    assert found["alt"] == "" and found["class"] == "decorative"


def test_the_pages_own_attributes_go_with_it_except_what_the_pipeline_owns(
    renderer: Renderer,
) -> None:
    own = {
        "title": 'Room "A"',
        "sizes": "50vw",
        "loading": "eager",
        "src": "elsewhere.jpg",
        "width": "10",
        'x"><script': "1",
    }
    node = render(renderer, PHOTO, page_url="prices/", alt='A & B <"quoted">', attributes=own)
    found = attributes(node.css_first("img"))
    assert found["title"] == 'Room "A"'
    assert found["sizes"] == "50vw" and attributes(node.css_first("source"))["sizes"] == "50vw"
    assert found["loading"] == "eager"
    assert found["src"] == "../assets/resized/room-abc-1600.jpg" and found["width"] == "1600"
    assert found["alt"] == 'A & B <"quoted">'
    assert node.css("script") == [] and not any("script" in name for name in found)


def test_an_svg_is_a_plain_image_with_its_size(renderer: Renderer) -> None:
    node = render(renderer, DRAWING, page_url="clinic/rooms/", alt="A leaf")
    assert node.tag == "img"
    assert attributes(node) == {
        "src": "../../assets/resized/leaf-abc.svg",
        "width": "120",
        "height": "80",
        "alt": "A leaf",
        "loading": "lazy",
        "decoding": "async",
    }
