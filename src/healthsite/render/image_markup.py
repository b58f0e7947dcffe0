"""The HTML for one processed image (`healthsite.render.image_pipeline.ResponsiveImage`), for any
page.

The markup itself is the theme's template `partials/health/picture.html`; this module works
out what goes into it:

- a `<source>` per modern format, so the browser takes the first it supports, and an `<img>`
  with the JPEG or PNG for any other browser;
- `srcset` (every width made) and `sizes` (how wide the image is shown), so the browser
  downloads the smallest file that is sharp enough on its screen;
- `width` and `height`, so the page keeps the image's space before the file arrives and
  nothing jumps while it loads (no layout shift);
- `loading="lazy"` and `decoding="async"`, so an image below the fold costs nothing until the
  reader scrolls near it; except an image near the top of the page (`eager`), which may be
  the largest thing on the first screen: it loads at once with `fetchpriority="high"` (a lazy
  image there would wait for the layout before it even started to load).

No MkDocs import: the builder adapter and any later kind of content call `picture_html`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from healthsite.model.page_addresses import relative_link
from healthsite.render.image_pipeline import ResponsiveImage, Variant

PICTURE_TEMPLATE = "picture.html"
# How wide an image in a page's text is shown: Material 9's text column, measured in Chromium
# (`tests/test_images_browser.py` pins it). From 76.25em (1220 pixels) it is 34.4rem, and the
# rem grows from 20 to 22 pixels at 100em and to 24 at 125em; below 76.25em it is the window
# less the margins (2 x 0.8rem) and, from 60em, the navigation (12.1rem). `sizes` counts em in
# the browser's 16 pixels, not the page's rem, so the widths are written in pixels.
CONTENT_SIZES = (
    "(min-width: 125em) 826px, (min-width: 100em) 757px, (min-width: 76.25em) 688px, "
    "(min-width: 60em) calc(100vw - 274px), calc(100vw - 32px)"
)
# Attributes the pipeline writes; a page's own value for any of these is not kept.
OWNED_ATTRIBUTES = frozenset({"src", "srcset", "width", "height", "alt"})
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_:][-A-Za-z0-9_:.]*")


@dataclass(frozen=True)
class PictureSource:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What picture.html writes."""

    sources: tuple[PictureSource, ...]
    src: str
    srcset: str  # "" when there is one file only
    sizes: str
    width: int
    height: int
    alt: str
    # Every other attribute of the <img> (loading, decoding, class, title, ...), in order.
    attributes: tuple[tuple[str, str], ...]


def _srcset(variants: tuple[Variant, ...], page_url: str) -> str:
    return ", ".join(f"{relative_link(v.src_uri, page_url)} {v.width}w" for v in variants)


def picture(
    image: ResponsiveImage,
    *,
    page_url: str,
    alt: str,
    sizes: str = CONTENT_SIZES,
    eager: bool = False,
    attributes: Mapping[str, str] | None = None,
) -> Picture:
    """The markup's values for `image` on the page at `page_url`. `attributes` are the page's
    own (class, title, or its own loading or sizes, which win); see the module docstring."""
    loading = {"fetchpriority": "high"} if eager else {"loading": "lazy", "decoding": "async"}
    own = {
        name: value
        for name, value in (attributes or {}).items()
        if name.lower() not in OWNED_ATTRIBUTES and _ATTRIBUTE_NAME.fullmatch(name)
    }
    sizes = own.pop("sizes", sizes)
    merged = {**loading, **own}
    several = len(image.fallback) > 1 or bool(image.sources)
    return Picture(
        sources=tuple(
            PictureSource(media_type, _srcset(variants, page_url))
            for media_type, variants in image.sources.items()
        ),
        src=relative_link(image.fallback[-1].src_uri, page_url),
        srcset=_srcset(image.fallback, page_url) if several else "",
        sizes=sizes,
        width=image.width,
        height=image.height,
        alt=alt,
        attributes=tuple(merged.items()),
    )


def picture_html(env: Environment, values: Picture) -> Markup:
    """`values` written with the picture template from `env` (the generator's templates)."""
    return Markup(env.get_template(PICTURE_TEMPLATE).render(picture=values).strip())  # noqa: S704 - autoescaped template
