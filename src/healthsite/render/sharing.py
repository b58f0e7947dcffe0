"""What a page needs when it is shared or found: a share image per page, the home-screen icons,
the web manifest and robots.txt. All of it is made at build time, offline, from the clinic's
colour, logo and the page title (no MkDocs import here: the adapter calls these).

Share images are 1,200 x 630 pixels (the size Open Graph and X/Twitter cards show without
cropping), drawn with Pillow in the clinic's colour with the page title in the bundled DejaVu
Sans Bold (`fonts/`, Bitstream Vera licence), so a build never depends on the fonts a machine
happens to have. The logo (the clinic's own SVG or PNG, or the generated heart; see `Logo`) is
drawn as a silhouette in the text colour, as in the site's header: its shape is its opaque
pixels, so a logo on a solid background shows as a block (the logo check warns about that).
Each image is two colours and their blends, so it is stored as a 256-colour PNG: about half the
size, and a third of the time to compress, of a full-colour one. Images are cached by their
inputs, so a rebuild only draws what changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import Literal

import resvg_py
from PIL import Image, ImageDraw, ImageFont, ImageOps

from healthsite import PACKAGE_DIR
from healthsite.model.clinic import Clinic
from healthsite.model.colour import mix, rgb
from healthsite.model.fields import HOME_SCREEN_NAME_LENGTH
from healthsite.source.safe_files import read_regular

FONT = PACKAGE_DIR / "fonts" / "DejaVuSans-Bold.ttf"
SHARE_SIZE = (1200, 630)
# Home-screen icons: Apple's touch icon and the two sizes a web manifest needs.
# Home-screen icons, the web manifest and robots.txt, published at these paths.
ICONS_DIR = "assets/icons"
MANIFEST = "site.webmanifest"
ROBOTS = "robots.txt"
# Each page's share image, published under this folder.
SHARE_DIR = "assets/share"
# Share images and icons kept between builds (in the project folder; not published).
SHARE_CACHE = ".cache/healthsite/share-images"
TOUCH_ICON = "apple-touch-icon.png"
MANIFEST_ICONS = {"icon-192.png": 192, "icon-512.png": 512}
ICON_SIZES = {TOUCH_ICON: 180, **MANIFEST_ICONS}
# Bumped when the drawing changes, so cached images are drawn again.
DRAWING_VERSION = "3"

_MARGIN = 80
_LOGO_HEIGHT = 96
_TITLE_SIZES = (72, 64, 56, 48)  # the largest that fits in three lines wins
_TITLE_LINES = 3
_TITLE_CHARS = 240
_NAME_SIZE = 36


@dataclass(frozen=True)
class Logo:
    """The logo the icons and share images are drawn from: an SVG's text or a PNG's bytes (the
    header shows the file itself). `rules.logo` checks a clinic's own file before it gets here."""

    kind: Literal["svg", "png"]
    data: bytes

    @classmethod
    def svg(cls, text: str) -> Logo:
        return cls("svg", text.encode("utf-8"))

    @classmethod
    def of_header(cls, logo_path: str, own: bytes | None, drawn: str) -> Logo:
        """The header's logo: the clinic's own PNG or SVG (`own`: the bytes of the file
        `logo_path` names, None when the site has no such file), else the drawn one (`drawn`,
        an SVG's text)."""
        if own is not None and logo_path.lower().endswith(".png"):
            return cls("png", own)
        if own is not None and logo_path.lower().endswith(".svg"):
            return cls("svg", own)
        return cls.svg(drawn)

    @cached_property
    def key(self) -> str:
        """What the logo is, for the cache keys of what is drawn from it (hashed once: every
        page's share image asks)."""
        return hashlib.sha256(self.kind.encode() + b"\0" + self.data).hexdigest()

    def picture(self, box: tuple[int, int]) -> Image.Image:
        """The logo as RGBA pixels, as large as fits in `box` (width, height), its proportions
        kept: an SVG is drawn at that size (sharp); a PNG is resized. Raises ValueError for an
        SVG resvg cannot draw, and OSError (or ValueError) for a PNG Pillow cannot read."""
        width, height = box
        if self.kind == "svg":
            drawn = resvg_py.svg_to_bytes(
                svg_string=self.data.decode("utf-8-sig"),
                width=width,  # with both, resvg fits the drawing inside, proportions kept
                height=height,
                skip_system_fonts=True,
            )
            with Image.open(io.BytesIO(drawn), formats=("PNG",)) as image:
                return image.convert("RGBA")
        with Image.open(io.BytesIO(self.data), formats=("PNG",)) as image:
            return ImageOps.contain(image.convert("RGBA"), box, Image.Resampling.LANCZOS)


@dataclass(frozen=True)
class ShareCard:
    """What one page's share image shows."""

    title: str
    site_name: str
    background: str  # "#rrggbb"
    foreground: str  # "#rrggbb", readable on `background`
    logo: Logo | None = None

    def cache_key(self) -> str:
        parts = [DRAWING_VERSION, self.title, self.site_name, self.background, self.foreground]
        parts.append(self.logo.key if self.logo is not None else "")
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _fit(word: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`word`, or as much of it as fits in `width` pixels followed by "…"."""
    if font.getlength(word) <= width:
        return word
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return word[:low] + "…"


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words of `text` in lines no wider than `width` pixels (a word wider than a line has its
    own line, cut to fit with "…")."""
    lines: list[str] = []
    current = ""
    for word in (_fit(word, font, width) for word in text.split()):
        attempt = f"{current} {word}".strip()
        if current and font.getlength(attempt) > width:
            lines.append(current)
            current = word
        else:
            current = attempt
    if current:
        lines.append(current)
    return lines


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    # Three lines never show more than this: a longer title (a hand-written page's may be any
    # length) is cut before it is measured, so drawing it is bounded work.
    if len(title) > _TITLE_CHARS:
        title = title[:_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
    for size in _TITLE_SIZES:
        lines = wrap(title, _font(size), width)
        if len(lines) <= _TITLE_LINES:
            return _font(size), lines
    font = _font(_TITLE_SIZES[-1])
    lines = wrap(title, font, width)[:_TITLE_LINES]
    last = lines[-1].rstrip(" .,;:") + "…"
    while font.getlength(last) > width and " " in last:
        last = last.rsplit(" ", 2)[0].rstrip(" .,;:") + "…"
    lines[-1] = last
    return font, lines


@lru_cache(maxsize=8)
def _two_colour_palette(background: str, foreground: str) -> bytes:
    """256 blends from the background (index 0) to the text colour (index 255), as the bytes
    Pillow keeps (a list of numbers it would convert for every image); the same for every page
    of a build, so made once."""
    return bytes(
        channel for k in range(256) for channel in rgb(mix(background, foreground, k / 255))
    )


@lru_cache(maxsize=8)
def _logo_mask(logo: Logo, box: tuple[int, int]) -> Image.Image:
    """The logo's shape (its opacity), as large as fits in `box`, as an 8-bit mask; the same
    for every page of a build, so drawn once (callers only read it)."""
    return logo.picture(box).getchannel("A")


_NAME_TOP = SHARE_SIZE[1] - _MARGIN - _NAME_SIZE


@lru_cache(maxsize=8)
def _backdrop(logo: Logo | None, site_name: str) -> Image.Image:
    """What every page's image of a site shows, as ink (0 = background, 255 = text colour):
    the logo at the top and the clinic's name at the bottom; the same for every page of a
    build, so drawn once (callers copy it). The title goes between the two, never over them."""
    ink = Image.new("L", SHARE_SIZE, 0)
    if logo is not None:
        ink.paste(
            255, (_MARGIN, _MARGIN), _logo_mask(logo, (SHARE_SIZE[0] - 2 * _MARGIN, _LOGO_HEIGHT))
        )
    ImageDraw.Draw(ink).text((_MARGIN, _NAME_TOP), site_name, font=_font(_NAME_SIZE), fill=255)
    return ink


def render_share_image(card: ShareCard) -> bytes:
    """The PNG for one page: logo at the top, the title, the clinic's name at the bottom."""
    ink = _backdrop(card.logo, card.site_name).copy()
    draw = ImageDraw.Draw(ink)
    top = _MARGIN + (_LOGO_HEIGHT if card.logo is not None else 0)
    font, lines = _title_lines(card.title, SHARE_SIZE[0] - 2 * _MARGIN)
    line_height = round(font.size * 1.2)
    block = line_height * len(lines)
    y = top + max(0, (_NAME_TOP - top - block) // 2)
    for line in lines:
        draw.text((_MARGIN, y), line, font=font, fill=255)
        y += line_height
    image = Image.frombytes("P", SHARE_SIZE, ink.tobytes())
    image.putpalette(_two_colour_palette(card.background, card.foreground))
    out = io.BytesIO()
    # zlib level 3: a quarter larger than the default level 6 and under half the time, for an
    # image only link previews fetch (measured on 1200x630 cards: 18 KB in 1.4 ms vs 15 KB in
    # 3.5 ms).
    image.save(out, "PNG", compress_level=3)
    return out.getvalue()


def icon_cache_key(logo: Logo, size: int, background: str) -> str:
    """What a home-screen icon is drawn from, as a cache key (see ImageCache)."""
    parts = [DRAWING_VERSION, "icon", logo.key, str(size), background]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def render_icon(logo: Logo, size: int, background: str) -> bytes:
    """A square home-screen icon: the logo, in its own colours, centred on the clinic's colour
    and fitted into the middle 60% (a tall logo by its height, a wide one by its width), the
    margin home screens expect (icons are often shown cropped to a circle)."""
    inner = round(size * 0.6)
    picture = logo.picture((inner, inner))
    icon = Image.new("RGB", (size, size), rgb(background))
    icon.paste(picture, ((size - picture.width) // 2, (size - picture.height) // 2), picture)
    out = io.BytesIO()
    icon.save(out, "PNG")
    return out.getvalue()


# A kept image is its bytes followed by their SHA-256, checked when it is read back.
SHA256_BYTES = 32
CACHE_ENTRY_LIMIT = 20 * 1024 * 1024


class ImageCache:
    """Images kept between builds in `folder`, named by a hash of what they show. The caller
    makes sure `folder` is not reached through a link (`safe_files.linked_part`)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        if self.folder is None:
            return make()
        path = self.folder / f"{key}.png"
        try:
            # Never through a link, and only an entry whose bytes match the hash kept with them:
            # an integrity check against a damaged or half-written entry. (Anyone who commits a
            # cache entry can write a matching hash: the cache is the project's own folder, as
            # trusted as docs/, and never a link out of it.)
            kept = read_regular(path, CACHE_ENTRY_LIMIT)
            if kept[-SHA256_BYTES:] == hashlib.sha256(kept[:-SHA256_BYTES]).digest():
                return kept[:-SHA256_BYTES]
        except OSError:
            pass
        data = make()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # A name of its own, so two builds at once never write into the same file.
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data + hashlib.sha256(data).digest())
            Path(temporary).replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs time
        return data


def share_image_name(page_url: str) -> str:
    """The path of a page's share image, from its address ("benefits/stress/" gives
    "benefits/stress.png", the home page "index.png"). The folders are kept, so two pages never
    share a name (flattening "/" to "-" made "benefits/stress/" and "benefits-stress/" one)."""
    stem = page_url.strip("/").removesuffix(".html")
    return f"{stem or 'index'}.png"


def home_screen_name(clinic: Clinic) -> str:
    """The name under a home-screen icon: the clinic's `short_name`, or its name cut to fit."""
    return clinic.short_name or short_name(clinic.name, HOME_SCREEN_NAME_LENGTH)


def short_name(name: str, limit: int = 15) -> str:
    """The clinic's name cut at a word to fit under a home-screen icon."""
    words = name.split()
    short = words[0]
    for word in words[1:]:
        if len(f"{short} {word}") > limit:
            break
        short = f"{short} {word}"
    return short


def robots_txt(site_url: str) -> str:
    """Every page may be indexed; the sitemap MkDocs writes lists them."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def web_manifest(name: str, short_name: str, theme_colour: str, icons_dir: str) -> str:
    """A web app manifest: the name and icons a phone uses when the site is added to a home
    screen (paths relative to the manifest, which sits at the site's root)."""
    manifest = {
        "name": name,
        "short_name": short_name,
        "start_url": "./",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": theme_colour,
        "icons": [
            {"src": f"{icons_dir}/{name}", "sizes": f"{size}x{size}", "type": "image/png"}
            for name, size in MANIFEST_ICONS.items()
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def discovery_files(
    name: str, short: str, site_url: str, *, theme_colour: str, logo: Logo, cache: ImageCache
) -> dict[str, str | bytes]:
    """robots.txt, the web manifest and the home-screen icons (drawn from `logo` on the
    clinic's `theme_colour`), by the path each is published at."""
    files: dict[str, str | bytes] = {
        ROBOTS: robots_txt(site_url),
        MANIFEST: web_manifest(name, short, theme_colour, ICONS_DIR),
    }
    for icon, size in ICON_SIZES.items():
        draw = partial(render_icon, logo, size, theme_colour)
        files[f"{ICONS_DIR}/{icon}"] = cache.get(icon_cache_key(logo, size, theme_colour), draw)
    return files
