"""One pipeline for every image the site shows: photos and drawings in hand-written pages now,
team and location photos later. Plain Python and Pillow, no MkDocs import: the adapter (and any
later kind of content) calls `process_image`, publishes `ResponsiveImage.files`, and writes the
markup with `healthsite.render.image_markup`.

What happens to a JPEG, PNG or WebP file:

- it is refused, with a message, before it is decoded when it is over `MAX_FILE_BYTES` or
  `MAX_PIXELS` (a 48-megapixel phone photo would take seconds and hundreds of megabytes);
- the camera's orientation (EXIF) is applied to the pixels, colours in another profile
  (a phone's Display P3) are converted to sRGB, and then nothing else of the file is kept: no
  EXIF (with the GPS position a phone records), no XMP, no ICC profile, no comments;
- it is resized to `WIDTHS` (never enlarged: a smaller original gives its own width as the
  largest) and written as WebP, and as a JPEG for browsers without WebP (a PNG if it has
  transparent pixels); AVIF as well when the settings ask (see `ImageSettings.avif`);
- the result is cached under `cache_dir` by a hash of the file's bytes and the settings, so a
  rebuild only reads and hashes the file.

SVG and GIF files are published as they are (an SVG scales by itself; a GIF may be animated),
with their width and height read from the file so the page keeps their space.

Output is deterministic: the same file and settings give the same bytes, and the file names
carry the hash, so browsers may cache them for ever.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from healthsite.source.safe_files import read_regular, write_new
from healthsite.source.svg_safety import parse_svg

# Where the variants are published, inside the site.
OUTPUT_DIR = "assets/resized"
# The widths made of each image, in pixels: a phone, a tablet or a phone at 2x, a wide screen.
WIDTHS = (480, 960, 1600)
# Refused before decoding (see the module docstring). A phone's 12-megapixel photo is well
# within both; a 48-megapixel one, or a scan, is not.
MAX_FILE_BYTES = 15 * 1000 * 1000
MAX_PIXELS = 20 * 1000 * 1000
# What a reader's browser should download for one image at most: the largest variant in the
# format modern browsers choose (WebP). Over it is a warning, not an error: the pipeline has
# already done what it can, the page still works, and smaller screens get smaller files.
BUDGET_BYTES = 250 * 1024
# Bumped when the processing changes, so cached variants are made again.
PIPELINE_VERSION = "1"

# File endings the pipeline reads; anything else in a page is refused by the check.
RESIZED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
AS_IS_SUFFIXES = frozenset({".svg", ".gif"})
SUFFIXES = RESIZED_SUFFIXES | AS_IS_SUFFIXES
# What Pillow may decode a file as. (The JPEGs some phones write, with a second picture
# appended, Pillow opens as JPEG and reports as "MPO"; only the first picture is used.)
_RASTER_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
_MEDIA_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "svg": "image/svg+xml",
}
_EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
_SRGB = ImageCms.createProfile("sRGB")
# One way to match each number (a pattern with two, such as [0-9]*\.?[0-9]+, takes time
# growing with the square of a long number's length when the match fails).
_NUMBER = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(px)?\s*$")
_ORIENTATION = 0x0112  # the EXIF tag: how the camera was held
_QUARTER_TURNS = {5, 6, 7, 8}  # orientations that swap width and height
# A width this close to the largest is not worth another file (the largest serves it).
_NEAR_LARGEST = 0.9


class ImageError(Exception):
    """An image the pipeline cannot use: `reason` completes the sentence 'the image "…" …',
    and `hint` says what to do."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint

    def describe(self, shown: str) -> str:
        return f'the image "{shown}" {self.reason}'


@dataclass(frozen=True)
class ImageSettings:
    """How images are made. Part of every cache key: changing any of it makes them again."""

    widths: tuple[int, ...] = WIDTHS
    # AVIF files are about a quarter smaller than WebP, but on this project's machine they took
    # about ten times as long to make (ENGINEERING.md, "Images"); off unless a clinic asks.
    avif: bool = False
    webp_quality: int = 80
    avif_quality: int = 60
    jpeg_quality: int = 82

    def fingerprint(self) -> str:
        parts = [
            PIPELINE_VERSION,
            PIL.__version__,
            ",".join(map(str, self.widths)),
            f"avif={self.avif}:{self.avif_quality}",
            f"webp={self.webp_quality}",
            f"jpeg={self.jpeg_quality}",
        ]
        return "|".join(parts)

    @property
    def modern_formats(self) -> tuple[str, ...]:
        """Formats offered in <source> elements, best first (a browser takes the first it
        supports)."""
        return ("avif", "webp") if self.avif else ("webp",)


DEFAULT_SETTINGS = ImageSettings()


@dataclass(frozen=True)
class Variant:
    """One published file of an image."""

    name: str  # its file name in OUTPUT_DIR, e.g. "room-3fa9c01b2e-960.webp"
    width: int
    height: int
    media_type: str  # e.g. "image/webp"
    size: int  # bytes
    path: Path  # where its bytes are (the cache, or the source itself for SVG and GIF)

    @property
    def src_uri(self) -> str:
        """Its path inside the site."""
        return f"{OUTPUT_DIR}/{self.name}"


@dataclass(frozen=True)
class ResponsiveImage:
    """An image ready for a page: the size to reserve and the files to offer."""

    source: Path
    width: int  # of the largest variant: the page reserves this shape before the file loads
    height: int
    # Modern formats, best first: media type -> variants, narrowest first.
    sources: dict[str, tuple[Variant, ...]] = field(default_factory=dict)
    # JPEG or PNG (or the SVG or GIF itself), narrowest first: for every other browser.
    fallback: tuple[Variant, ...] = ()

    @property
    def files(self) -> tuple[Variant, ...]:
        """Every file to publish."""
        return (*(v for variants in self.sources.values() for v in variants), *self.fallback)

    @property
    def largest_download(self) -> Variant:
        """The largest file a current browser downloads (what the budget is about)."""
        chosen = next(iter(self.sources.values()), self.fallback)
        return chosen[-1]


def slug(stem: str) -> str:
    """A file name part safe in any address: lower case, letters, digits and '-'."""
    text = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return text[:40].strip("-") or "image"


def target_widths(width: int, widths: Sequence[int] = WIDTHS) -> list[int]:
    """The widths to make of an image `width` pixels wide, narrowest first: each of `widths`
    below it, and the largest of `widths` (or its own width, if smaller): never wider than
    the original. A width within 10% of the largest is left out."""
    largest = min(width, max(widths))
    return [w for w in sorted(set(widths)) if w < largest * _NEAR_LARGEST] + [largest]


# --------------------------------------------------------------------------- reading the source


def _check_file_size(source: Path) -> int:
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ImageError(
            f"cannot be read ({exc.strerror or exc})", "check that the file exists"
        ) from None
    if size > MAX_FILE_BYTES:
        raise ImageError(
            f"is {size / 1e6:.1f} MB, over the limit of {MAX_FILE_BYTES / 1e6:.0f} MB",
            "save it smaller first: a photo 2,000 to 3,000 pixels wide, as a JPEG at quality "
            "80 to 90, is plenty (the site makes the smaller sizes itself)",
        )
    return size


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"is {width} x {height} pixels ({width * height / 1e6:.0f} megapixels), over the "
            f"limit of {MAX_PIXELS / 1e6:.0f} megapixels",
            "save it smaller first: 2,000 to 3,000 pixels wide is plenty (the site makes the "
            "smaller sizes itself)",
        )


def _unreadable(source: Path, detail: str) -> ImageError:
    if source.suffix.lower() in {".heic", ".heif"}:
        hint = (
            "save or export it as a JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)"
        )
    else:
        hint = "save it again as a JPEG (photos) or PNG (drawings), then use that file"
    return ImageError(f"cannot be read as a JPEG, PNG, WebP or GIF image ({detail})", hint)


def _open(data: bytes | Path, source: Path) -> Image.Image:
    """The image in `data` (its bytes, or the file), header read, pixels not yet decoded."""
    try:
        image = Image.open(
            io.BytesIO(data) if isinstance(data, bytes) else data, formats=_RASTER_FORMATS
        )
    except Image.DecompressionBombError:
        raise ImageError(
            f"has far more pixels than the limit of {MAX_PIXELS / 1e6:.0f} megapixels",
            "save it smaller first: 2,000 to 3,000 pixels wide is plenty",
        ) from None
    except UnidentifiedImageError:  # its message names a temporary object, not the file
        raise _unreadable(source, "it is another kind of file, or damaged") from None
    except (OSError, ValueError) as exc:
        raise _unreadable(source, str(exc) or exc.__class__.__name__) from None
    _check_pixels(image.width, image.height)
    return image


def inspect_image(source: Path) -> tuple[int, int]:
    """The width and height of `source` as the page shows it (orientation applied), read from
    its header only (fast: the page check uses it). Raises ImageError for what the pipeline
    would refuse (too large, unreadable), except damage further into the file."""
    _check_file_size(source)
    if source.suffix.lower() == ".svg":
        return _svg_size(source)
    with _open(source, source) as image:
        width, height = image.size
        if _exif(image).get(_ORIENTATION) in _QUARTER_TURNS:
            width, height = height, width
        return width, height


def _exif(image: Image.Image) -> Image.Exif:
    """The EXIF data in the file's header (`getexif()` would decode a whole PNG to find it)."""
    exif = Image.Exif()
    data = image.info.get("exif")
    if isinstance(data, bytes) and data:
        try:
            exif.load(data)
        except (OSError, ValueError, SyntaxError, struct.error):
            return Image.Exif()
    return exif


def metadata_kinds(source: Path) -> list[str]:
    """What a JPEG, PNG or WebP file carries besides its pixels that a reader could read out
    of it: "location" (GPS), "camera data" (EXIF), "XMP data"; [] for none, or for a file that
    is not such an image. Reads the header only."""
    try:
        with Image.open(source, formats=_RASTER_FORMATS) as image:
            exif = _exif(image)
            kinds = []
            if exif.get_ifd(0x8825):  # the GPS block
                kinds.append("location")
            if len(exif):
                kinds.append("camera data")
            if any(key in image.info for key in ("xmp", "XML:com.adobe.xmp")):
                kinds.append("XMP data")
            return kinds
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return []


# --------------------------------------------------------------------------- SVG and GIF


def _svg_length(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group(1)) if match else None


def _svg_size(source: Path) -> tuple[int, int]:
    """An SVG's width and height: its width/height attributes in pixels, else its viewBox.
    Raises ImageError for a file that is not safe to publish as it is (`svg_safety`)."""
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImageError(
            f"is not a valid SVG file ({exc})", "open it in a drawing program and save it again"
        ) from None
    root, unsafe = parse_svg(text, "it")
    if unsafe:
        first = unsafe[0]
        where = f" (line {first.line})" if first.line else ""
        raise ImageError(f"is published as it is, and {first.message}{where}", first.hint)
    assert root is not None  # parse_svg gives a reason when it has no root
    width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            box_width = box_height = 0
        if box_width > 0 and box_height > 0:
            if width is None and height is None:
                width, height = box_width, box_height
            elif width is None:
                width = box_width * (height or 0) / box_height
            else:
                height = box_height * width / box_width
    if not width or not height:
        raise ImageError(
            "has no size (no width and height in pixels, and no viewBox)",
            'add a viewBox to its <svg> tag, such as viewBox="0 0 400 300", so the page can '
            "keep its space",
        )
    return max(1, round(width)), max(1, round(height))


def _as_is(source: Path, data: bytes, key: str) -> ResponsiveImage:
    kind = source.suffix.lower().lstrip(".")
    if kind == "svg":
        width, height = _svg_size(source)
    else:
        with _open(data, source) as image:
            width, height = image.size
    variant = Variant(
        f"{slug(source.stem)}-{key[:10]}.{kind}",
        width,
        height,
        _MEDIA_TYPES[kind],
        len(data),
        source,
    )
    return ResponsiveImage(source, width, height, {}, (variant,))


# --------------------------------------------------------------------------- making variants


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """`image` with its colours converted from its embedded profile to sRGB (browsers show an
    image without a profile as sRGB); as it is if the profile cannot be read."""
    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        converted = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _rgb_or_rgba(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is see-through."""
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:  # 16-bit grey: scale, do not clip
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        opaque = rgba.getchannel("A").getextrema() == (255, 255)
        return rgba.convert("RGB") if opaque else rgba
    return image.convert("RGB")


def _decode(data: bytes, source: Path, settings: ImageSettings) -> Image.Image:
    """The source's pixels, turned upright, in sRGB, at most as wide as the largest variant."""
    image = _open(data, source)
    try:
        turned = _exif(image).get(_ORIENTATION) in _QUARTER_TURNS
        upright_width = image.height if turned else image.width
        largest = target_widths(upright_width, settings.widths)[-1]
        if image.format in {"JPEG", "MPO"}:
            # Decode at the smallest scale (1/2, 1/4, 1/8) still at least as large as needed.
            scale = largest / upright_width
            image.draft(None, (round(image.width * scale), round(image.height * scale)))
        icc = image.info.get("icc_profile")
        image.load()
        upright = ImageOps.exif_transpose(image)
        if upright.width > largest:
            height = max(1, round(upright.height * largest / upright.width))
            upright = upright.resize((largest, height), Image.Resampling.LANCZOS)
        if upright.mode == "CMYK":  # printers' colours: convert with their profile, if any
            upright = _to_srgb(upright, icc) if icc else upright
            icc = None
        upright = _to_srgb(_rgb_or_rgba(upright), icc)
        # A new image from the pixels alone: nothing of the file (EXIF, XMP, profile) can follow.
        return Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _unreadable(source, str(exc) or exc.__class__.__name__) from None
    finally:
        image.close()


def _encode(image: Image.Image, kind: str, settings: ImageSettings) -> bytes:
    out = io.BytesIO()
    if kind == "webp":
        image.save(out, "WEBP", quality=settings.webp_quality, method=4)
    elif kind == "avif":
        image.save(out, "AVIF", quality=settings.avif_quality)
    elif kind == "jpeg":
        image.save(out, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _make_variants(
    data: bytes, source: Path, settings: ImageSettings, folder: Path
) -> dict[str, Any]:
    """Write every variant of `data` into `folder` (named by width and format only: files
    with the same bytes share them); return the manifest describing them."""
    full = _decode(data, source, settings)
    fallback = "png" if full.mode == "RGBA" else "jpeg"
    kinds = [*settings.modern_formats, fallback]
    if "avif" in kinds and not features.check("avif"):
        kinds.remove("avif")
    variants: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for width in target_widths(full.width, settings.widths):
        height = max(1, round(full.height * width / full.width))
        sized = (
            full if width == full.width else full.resize((width, height), Image.Resampling.LANCZOS)
        )
        for kind in kinds:
            encoded = _encode(sized, kind, settings)
            write_new(folder / f"{width}.{_EXTENSIONS[kind]}", encoded)
            variants[kind].append(
                {
                    "width": width,
                    "height": height,
                    "size": len(encoded),
                    "sha256": hashlib.sha256(encoded).hexdigest(),
                }
            )
    return {"width": full.width, "height": full.height, "fallback": fallback, "kinds": variants}


def _from_manifest(
    source: Path, key: str, folder: Path, manifest: dict[str, Any]
) -> ResponsiveImage:
    """`source`'s image as a manifest describes it, its files named after the source (so a
    reader sees "room-….webp") and the hash (so a changed picture gets a new address).
    KeyError, TypeError, ValueError or OSError when the manifest or a file is broken."""
    stem = f"{slug(source.stem)}-{key[:10]}"
    groups: dict[str, tuple[Variant, ...]] = {}
    for kind, items in manifest["kinds"].items():
        variants = []
        for item in items:
            file_name = f"{int(item['width'])}.{_EXTENSIONS[kind]}"
            path = folder / file_name
            # Published as it is: only an ordinary file (never a link) with the bytes it was
            # made with.
            kept = read_regular(path, int(item["size"]))
            digest = hashlib.sha256(kept).hexdigest()
            if len(kept) != int(item["size"]) or digest != item["sha256"]:
                raise ValueError(f"{path} has changed")
            variants.append(
                Variant(
                    f"{stem}-{file_name}",
                    int(item["width"]),
                    int(item["height"]),
                    _MEDIA_TYPES[kind],
                    int(item["size"]),
                    path,
                )
            )
        groups[kind] = tuple(variants)
    fallback = groups.pop(str(manifest["fallback"]))
    sources = {variants[0].media_type: variants for variants in groups.values()}
    return ResponsiveImage(
        source, int(manifest["width"]), int(manifest["height"]), sources, fallback
    )


MANIFEST = "manifest.json"
MANIFEST_LIMIT = 1024 * 1024


def _cached(source: Path, key: str, folder: Path) -> ResponsiveImage | None:
    try:
        manifest = json.loads(read_regular(folder / MANIFEST, MANIFEST_LIMIT).decode("utf-8"))
        return _from_manifest(source, key, folder, manifest)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def process_image(
    source: Path, *, cache_dir: Path, settings: ImageSettings = DEFAULT_SETTINGS
) -> ResponsiveImage:
    """Every variant of `source` (see the module docstring), from the cache when it has them.
    Raises ImageError for a file the pipeline refuses or cannot read."""
    _check_file_size(source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ImageError(
            f"cannot be read ({exc.strerror or exc})", "check that the file exists"
        ) from None
    key = hashlib.sha256(
        settings.fingerprint().encode() + b"\0" + hashlib.sha256(data).digest()
    ).hexdigest()
    if source.suffix.lower() in AS_IS_SUFFIXES:
        return _as_is(source, data, key)
    folder = cache_dir / key[:2] / key
    cached = _cached(source, key, folder)
    if cached is not None:
        return cached
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Made in a folder of its own, then renamed into place: a build stopped half-way, or two
    # builds at once, never leave a half-written entry behind.
    work = Path(tempfile.mkdtemp(prefix=".new-", dir=cache_dir))
    try:
        manifest = _make_variants(data, source, settings, work)
        write_new(work / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            work.replace(folder)
        except OSError:  # another build put it there first, or an old broken entry is there
            shutil.rmtree(folder, ignore_errors=True)
            work.replace(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _from_manifest(source, key, folder, manifest)
