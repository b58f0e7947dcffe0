"""The image pipeline (healthsite.render.image_pipeline) on pictures made here: sizes, formats,
orientation,
metadata, the cache, and what it refuses."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFile

from healthsite.render import image_pipeline as images
from healthsite.render.image_pipeline import (
    BUDGET_BYTES,
    MAX_FILE_BYTES,
    ImageError,
    ImageSettings,
    ResponsiveImage,
    inspect_image,
    metadata_kinds,
    process_image,
    target_widths,
)

RED = (220, 30, 30)
BLUE = (30, 30, 220)
# Sydney Opera House, as a phone would write it into a photo.
GPS = {1: "S", 2: (33.0, 51.0, 25.0), 3: "E", 4: (151.0, 12.0, 54.0)}
ORIENTATION = 0x0112
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-'
    b'rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="33,51.42S"/></rdf:RDF></x:xmpmeta>'
)


def photo(width: int, height: int) -> Image.Image:
    """A picture with a red top-left quarter (to tell which way up it is) on blue."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height // 2))
    return image


def phone_photo(path: Path, width: int = 2400, height: int = 1600, orientation: int = 1) -> Path:
    """A JPEG as a phone saves it: EXIF with GPS and orientation, XMP, an ICC profile."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(width, height).save(path, "JPEG", quality=90, exif=exif, icc_profile=srgb, xmp=XMP)
    return path


def all_metadata(data: bytes) -> dict[str, object]:
    """Everything but the pixels that Pillow finds in an encoded image."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        found: dict[str, object] = {
            key: value
            for key, value in image.info.items()
            if key in {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "dpi"}
        }
        if len(image.getexif()):
            found["getexif"] = dict(image.getexif())
        return found


def colour_at(data: bytes, x: float, y: float) -> tuple[int, ...]:
    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        return tuple(rgb.getpixel((int(x * (rgb.width - 1)), int(y * (rgb.height - 1)))))  # type: ignore[arg-type]


def near(colour: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour, expected, strict=False))


def test_target_widths_never_enlarge_and_skip_a_near_duplicate() -> None:
    assert target_widths(4032) == [480, 960, 1600]
    assert target_widths(1600) == [480, 960, 1600]
    assert target_widths(1200) == [480, 960, 1200]
    assert target_widths(1000) == [480, 1000]  # 960 is within 10% of 1000
    assert target_widths(480) == [480]
    assert target_widths(300) == [300]


def test_a_phone_photo_becomes_webp_and_jpeg_at_each_width_without_metadata(
    tmp_path: Path,
) -> None:
    source = phone_photo(tmp_path / "Treatment Room.JPG")
    image = process_image(source, cache_dir=tmp_path / "cache")
    assert (image.width, image.height) == (1600, 1067)
    assert list(image.sources) == ["image/webp"]
    assert [(v.width, v.height) for v in image.sources["image/webp"]] == [
        (480, 320),
        (960, 640),
        (1600, 1067),
    ]
    assert [v.media_type for v in image.fallback] == ["image/jpeg"] * 3
    assert [v.width for v in image.fallback] == [480, 960, 1600]
    for variant in image.files:
        data = variant.path.read_bytes()
        assert len(data) == variant.size
        assert all_metadata(data) == {}, variant.name
        # Neither the GPS block nor the camera maker survive anywhere in the bytes.
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"xmpmeta" not in data
        with Image.open(io.BytesIO(data)) as decoded:
            assert decoded.size == (variant.width, variant.height)
            assert (
                decoded.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[variant.media_type]
            )
    # The names say what the file is, safe in an address.
    assert image.fallback[0].name.startswith("treatment-room-")
    assert image.fallback[0].src_uri == f"assets/resized/{image.fallback[0].name}"
    assert image.fallback[0].name.endswith("-480.jpg")


@pytest.mark.parametrize(
    ("orientation", "red_corner"),
    [
        (1, (0.1, 0.1)),  # as stored: red top left
        (3, (0.9, 0.9)),  # upside down
        (6, (0.9, 0.1)),  # turned a quarter clockwise: the stored top left is at top right
        (8, (0.1, 0.9)),  # turned a quarter anticlockwise
    ],
)
def test_the_camera_orientation_is_applied_to_the_pixels(
    tmp_path: Path, orientation: int, red_corner: tuple[float, float]
) -> None:
    source = phone_photo(tmp_path / "room.jpg", 600, 400, orientation)
    image = process_image(source, cache_dir=tmp_path / "cache")
    turned = orientation in {6, 8}
    assert (image.width, image.height) == ((400, 600) if turned else (600, 400))
    assert inspect_image(source) == (image.width, image.height)
    for variant in image.files:
        data = variant.path.read_bytes()
        assert near(colour_at(data, *red_corner), RED), (variant.name, orientation)
        assert near(colour_at(data, 1 - red_corner[0], 1 - red_corner[1]), BLUE)


def test_a_small_picture_is_never_enlarged(tmp_path: Path) -> None:
    source = tmp_path / "logo.jpg"
    photo(300, 200).save(source, "JPEG")
    image = process_image(source, cache_dir=tmp_path / "cache")
    assert (image.width, image.height) == (300, 200)
    assert [v.width for v in image.files] == [300, 300]


def test_transparency_falls_back_to_png_and_an_opaque_png_to_jpeg(tmp_path: Path) -> None:
    see_through = tmp_path / "leaf.png"
    leaf = Image.new("RGBA", (200, 100), (0, 128, 0, 0))
    leaf.paste((0, 128, 0, 255), (50, 25, 150, 75))
    leaf.save(see_through)
    opaque = tmp_path / "chart.png"
    photo(200, 100).convert("RGBA").save(opaque)
    transparent_image = process_image(see_through, cache_dir=tmp_path / "cache")
    assert [v.media_type for v in transparent_image.fallback] == ["image/png"]
    with Image.open(transparent_image.sources["image/webp"][0].path) as webp:
        assert webp.mode == "RGBA"
        assert webp.getpixel((0, 0))[3] == 0  # type: ignore[index]
    opaque_image = process_image(opaque, cache_dir=tmp_path / "cache")
    assert [v.media_type for v in opaque_image.fallback] == ["image/jpeg"]


def test_a_16_bit_grey_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    grey = tmp_path / "xray.png"
    Image.new("I;16", (100, 50), 40000).save(grey)
    image = process_image(grey, cache_dir=tmp_path / "cache")
    # 40000 of 65535 is about 156 of 255: scaled, not clipped to white.
    assert near(colour_at(image.fallback[0].path.read_bytes(), 0.5, 0.5), (156, 156, 156))


def test_colours_in_another_profile_are_converted_to_srgb(tmp_path: Path) -> None:
    # A CMYK JPEG (as a printer's file is) with no profile: converted, not refused.
    source = tmp_path / "flyer.jpg"
    Image.new("CMYK", (100, 100), (0, 255, 255, 0)).save(source, "JPEG")
    image = process_image(source, cache_dir=tmp_path / "cache")
    assert near(colour_at(image.fallback[0].path.read_bytes(), 0.5, 0.5), (255, 0, 0))
    assert all_metadata(image.fallback[0].path.read_bytes()) == {}


def test_avif_is_offered_first_when_asked(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1000, 600)
    image = process_image(source, cache_dir=tmp_path / "cache", settings=ImageSettings(avif=True))
    assert list(image.sources) == ["image/avif", "image/webp"]
    for variant in image.sources["image/avif"]:
        with Image.open(variant.path) as decoded:
            assert decoded.format == "AVIF"
            assert decoded.size == (variant.width, variant.height)
        assert b"PhoneMaker" not in variant.path.read_bytes()


def test_the_cache_answers_a_second_time_without_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1200, 800)
    first = process_image(source, cache_dir=tmp_path / "cache")

    def fail(*args: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(images, "_decode", fail)
    again = process_image(source, cache_dir=tmp_path / "cache")
    assert again == first
    # Another file with the same bytes shares the cache, under its own name.
    twin = tmp_path / "twin.jpg"
    twin.write_bytes(source.read_bytes())
    shared = process_image(twin, cache_dir=tmp_path / "cache")
    assert [v.path for v in shared.files] == [v.path for v in first.files]
    assert shared.fallback[0].name.startswith("twin-")
    # Changed settings, or a changed picture, are made afresh.
    with pytest.raises(AssertionError, match="decoded again"):
        process_image(source, cache_dir=tmp_path / "cache", settings=ImageSettings(jpeg_quality=70))
    phone_photo(source, 1200, 801)
    with pytest.raises(AssertionError, match="decoded again"):
        process_image(source, cache_dir=tmp_path / "cache")


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1200, 800)
    first = process_image(source, cache_dir=tmp_path / "cache")
    first.fallback[0].path.write_bytes(b"half a file")
    again = process_image(source, cache_dir=tmp_path / "cache")
    assert again.fallback[0].path.read_bytes()[:2] == b"\xff\xd8"  # a whole JPEG again
    assert again.fallback[0].size == first.fallback[0].size


def test_output_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1000, 700)
    settings = ImageSettings(avif=True)
    one = process_image(source, cache_dir=tmp_path / "one", settings=settings)
    two = process_image(source, cache_dir=tmp_path / "two", settings=settings)
    assert [v.name for v in one.files] == [v.name for v in two.files]
    assert [v.path.read_bytes() for v in one.files] == [v.path.read_bytes() for v in two.files]


def test_svg_is_published_as_it_is_with_its_size(tmp_path: Path) -> None:
    svg = tmp_path / "Leaf.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"></svg>')
    image = process_image(svg, cache_dir=tmp_path / "cache")
    assert (image.width, image.height) == (120, 80)
    assert image.sources == {}
    (only,) = image.fallback
    assert only.path == svg and only.media_type == "image/svg+xml"
    assert only.name.startswith("leaf-") and only.name.endswith(".svg")
    sized = tmp_path / "sized.svg"
    sized.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="64px" viewBox="0 0 32 16"/>')
    assert inspect_image(sized) == (64, 32)


def test_gif_is_published_as_it_is(tmp_path: Path) -> None:
    gif = tmp_path / "wave.gif"
    frames = [Image.new("P", (40, 30), colour) for colour in (1, 2, 3)]
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100)
    image = process_image(gif, cache_dir=tmp_path / "cache")
    assert (image.width, image.height) == (40, 30)
    assert [v.path for v in image.files] == [gif]


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG that says it is `width` x `height` (nothing past its header is read)."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(data[12:29]).to_bytes(4, "big")  # the header's checksum
    return bytes(data)


def test_refusals_say_what_is_wrong_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", fail)
    huge = tmp_path / "scan.png"
    huge.write_bytes(huge_png_header(8000, 6000))
    heavy = tmp_path / "heavy.jpg"
    with heavy.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    for source, reason in [
        (huge, "is 8000 x 6000 pixels (48 megapixels), over the limit of 20 megapixels"),
        (heavy, "is 15.0 MB, over the limit of 15 MB"),
    ]:
        for call in (inspect_image, lambda s: process_image(s, cache_dir=tmp_path / "cache")):
            with pytest.raises(ImageError) as caught:
                call(source)
            assert caught.value.reason == reason
            assert caught.value.hint.startswith("save it smaller first")
            assert caught.value.describe("assets/x") == f'the image "assets/x" {reason}'
    # Pillow's own guard stops a file claiming far more before anything is decoded.
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(huge_png_header(30000, 30000))
    with pytest.raises(ImageError, match="the limit of 20 megapixels"):
        inspect_image(bomb)


def test_a_damaged_photo_is_refused_by_the_pipeline(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1200, 800)
    source.write_bytes(source.read_bytes()[:3000])  # cut off, as a failed copy leaves it
    with pytest.raises(ImageError) as caught:
        process_image(source, cache_dir=tmp_path / "cache")
    assert caught.value.reason.startswith("cannot be read as a JPEG, PNG, WebP or GIF image (")
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\0\0\0\x18ftypheic")
    with pytest.raises(ImageError) as caught:
        process_image(heic, cache_dir=tmp_path / "cache")
    assert "Most Compatible" in caught.value.hint
    shapeless = tmp_path / "shape.svg"
    shapeless.write_text("<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    with pytest.raises(ImageError, match="has no size"):
        process_image(shapeless, cache_dir=tmp_path / "cache")


def test_metadata_kinds_names_what_a_photo_carries(tmp_path: Path) -> None:
    assert metadata_kinds(phone_photo(tmp_path / "phone.jpg", 100, 100)) == [
        "location",
        "camera data",
        "XMP data",
    ]
    plain = tmp_path / "plain.png"
    photo(10, 10).save(plain)
    assert metadata_kinds(plain) == []


def test_the_budget_is_about_what_a_current_browser_downloads(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "room.jpg", 1000, 600)
    image: ResponsiveImage = process_image(source, cache_dir=tmp_path / "cache")
    assert image.largest_download == image.sources["image/webp"][-1]
    assert image.largest_download.size < BUDGET_BYTES


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'


@pytest.mark.parametrize(
    ("drawing", "reason"),
    [
        (f"{SVG_OPEN}<script>alert(1)</script></svg>", "it has a <script>"),
        (
            '<?xml-stylesheet type="text/xsl" href="#s"?>\n' + f"{SVG_OPEN}</svg>",
            "it has a processing instruction (<?xml-stylesheet …?>)",
        ),
        (
            f'{SVG_OPEN}<rect style="fill: u\\72l(https://x.example/p.svg#g)"/></svg>',
            'it refers to another file or website ("https://x.example/p.svg#g")',
        ),
        (
            f'{SVG_OPEN}<image href="https://x.example/p.png" width="4" height="3"/></svg>',
            'it refers to another file or website ("https://x.example/p.png")',
        ),
    ],
)
def test_an_svg_a_page_shows_is_refused_when_unsafe_to_publish_as_it_is(
    tmp_path: Path, drawing: str, reason: str
) -> None:
    source = tmp_path / "drawing.svg"
    source.write_text(drawing, encoding="utf-8")
    for read in (inspect_image, lambda path: process_image(path, cache_dir=tmp_path / "c")):
        with pytest.raises(ImageError) as refused:
            read(source)
        assert refused.value.reason.startswith(f"is published as it is, and {reason}")


def test_a_long_number_in_an_svgs_width_is_no_width(tmp_path: Path) -> None:
    source = tmp_path / "drawing.svg"
    source.write_text(f'{SVG_OPEN[:-1]} width="{"1" * 100_000}x"></svg>', encoding="utf-8")
    assert inspect_image(source) == (40, 30)  # from the viewBox
