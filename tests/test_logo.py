"""The clinic's own logo (mkdocs.yml's `theme.logo`): checked by healthsite.rules.logo before
the header shows it and the icons and share images are drawn from it
(healthsite.render.sharing.Logo),
and a PNG logo is drawn into them as an SVG one is."""

from __future__ import annotations

import base64
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from healthsite.commands.cli import main as healthsite
from healthsite.render.sharing import Logo, render_icon
from healthsite.rules.logo import MAX_PNG_BYTES, MAX_SVG_BYTES, check_logo
from healthsite.site_checks.html_tools import read_page

from .conftest import FIXTURE_CONTENT, build, build_on_fixed_date, copy_project

NS = 'xmlns="http://www.w3.org/2000/svg"'
SQUARE = f'<svg {NS} viewBox="0 0 10 10"><rect x="2" y="2" width="6" height="6" fill="#fff"/></svg>'


def svg(body: str, attributes: str = 'viewBox="0 0 10 10"') -> str:
    return f"<svg {NS} {attributes}>\n{body}\n</svg>\n"


def png(
    size: tuple[int, int], *, opaque: bool = False, kind: str = "PNG", noise: bool = False
) -> bytes:
    """A picture of `size`: a white square in the middle, on a transparent (or, with
    `opaque`, black) background; with `noise`, random pixels (which do not compress)."""
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 255 if opaque else 0))
    image.paste((255, 255, 255, 255), (width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    if noise:
        pixels = random.Random(1).randbytes(width * height * 4)  # noqa: S311 - test data
        image = Image.frombytes("RGBA", size, pixels)
    out = io.BytesIO()
    (image if kind == "PNG" else image.convert("RGB")).save(out, kind)
    return out.getvalue()


def logo_problems(tmp_path: Path, name: str, data: str | bytes | None) -> list[str]:
    """The logo check's findings for `theme.logo: name`, with docs/`name` holding `data`
    (None: no such file)."""
    docs = tmp_path / "docs"
    if data is not None:
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    docs.mkdir(exist_ok=True)
    found = check_logo(name, [docs], tmp_path, tmp_path / "mkdocs.yml")
    return [problem.format() for problem in found]


# A PNG of random pixels (which do not compress), over MAX_PNG_BYTES.
NOISE = png((600, 600), noise=True)
LARGE_SVG = svg('<path d="M0 0"/>\n' * 7000)

GOOD: list[tuple[str, str, str | bytes | None]] = [
    ("no file: the build draws the heart there", "assets/logo.svg", None),
    ("an SVG drawing", "assets/logo.svg", SQUARE),
    (
        "an SVG with a gradient, a #link inside it, an embedded picture and a DOCTYPE",
        "assets/logo.svg",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + svg(
            '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
            '<rect id="r" width="5" height="5"/></defs>'
            '<rect width="8" height="8" fill="url(#g)" style="stroke: url(\'#g\')"/>'
            '<use href="#r"/><image width="2" height="2" href="data:image/png;base64,iVBO"/>',
            'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"',
        ),
    ),
    ("a PNG 512 pixels wide and less high", "assets/logo.png", png((600, 200))),
    ("a PNG named in capitals", "assets/LOGO.PNG", png((512, 512))),
]


@pytest.mark.parametrize(("name", "data"), [(n, d) for _, n, d in GOOD], ids=[i for i, *_ in GOOD])
def test_a_good_logo_passes(tmp_path: Path, name: str, data: str | bytes | None) -> None:
    assert logo_problems(tmp_path, name, data) == []


BAD: list[tuple[str, str, str | bytes | None, str]] = [
    (
        "a logo from another website",
        "https://cdn.example.com/logo.svg",
        None,
        "mkdocs.yml: error in 'theme.logo': the logo \"https://cdn.example.com/logo.svg\" is "
        "not a file of the site: every page would load it from there, which tells that website "
        "who reads the site, and the site's Content-Security-Policy blocks it\n"
        "    How to fix: save the logo (SVG or PNG) as docs/assets/logo.svg or .png and write "
        "logo: assets/logo.svg",
    ),
    (
        "a JPEG logo",
        "assets/logo.jpg",
        png((512, 512), kind="JPEG"),
        "mkdocs.yml: error in 'theme.logo': the logo \"assets/logo.jpg\" is not an SVG or PNG "
        "file\n"
        "    How to fix: export it as SVG (best: sharp at any size) or as a PNG at least 512 "
        "pixels on its longer side, put it in docs/assets/ and write its name here, such as "
        "logo: assets/logo.svg",
    ),
    (
        "a path outside docs/",
        "../logo.svg",
        None,
        "mkdocs.yml: error in 'theme.logo': the logo \"../logo.svg\" is outside docs/\n"
        "    How to fix: put the logo in docs/assets/ and write its path inside docs/, such as "
        "logo: assets/logo.svg",
    ),
    (
        "a PNG that is not there (the heart is drawn only as an SVG)",
        "assets/logo.png",
        None,
        "mkdocs.yml: error in 'theme.logo': the logo \"assets/logo.png\" is not in docs/ "
        "(looked for docs/assets/logo.png); the build draws its own heart logo only as an SVG\n"
        "    How to fix: put your logo at docs/assets/logo.png, or write logo: assets/logo.svg "
        "for the heart logo",
    ),
    (
        "a JPEG named .png",
        "assets/logo.png",
        png((512, 512), kind="JPEG"),
        "docs/assets/logo.png: error: this file is a JPEG picture, not a PNG, though its name "
        "ends in .png\n"
        "    How to fix: open the logo in an image editor and export it as PNG (or use the SVG "
        "original), then use that file; SVG files work too",
    ),
    (
        "an SVG named .png",
        "assets/logo.png",
        SQUARE,
        "docs/assets/logo.png: error: this file is an SVG drawing (text), not a PNG picture, "
        "though its name ends in .png\n"
        "    How to fix: rename it to logo.svg and name that in mkdocs.yml",
    ),
    (
        "a PNG named .svg",
        "assets/logo.svg",
        png((512, 512)),
        "docs/assets/logo.svg: error: this file is a PNG picture, not an SVG drawing, though "
        "its name ends in .svg\n"
        "    How to fix: rename it to logo.png and name that in mkdocs.yml",
    ),
    (
        "a file that is no picture",
        "assets/logo.png",
        b"PK\x03\x04 a zip file",
        "docs/assets/logo.png: error: this file is not a picture Pillow can read (damaged?), "
        "not a PNG, though its name ends in .png\n"
        "    How to fix: open the logo in an image editor and export it as PNG (or use the SVG "
        "original), then use that file; SVG files work too",
    ),
    (
        "a PNG cut short",
        "assets/logo.png",
        png((512, 512))[:60],
        "docs/assets/logo.png: error: this PNG file is damaged",
    ),
    (
        "a PNG too small for the icons",
        "assets/logo.png",
        png((150, 120)),
        "docs/assets/logo.png: error: the logo is 150 x 120 pixels, too small for the "
        "home-screen icons made from it (at least 192 pixels on its longer side; 512 to be "
        "sharp)\n"
        "    How to fix: export it at least 512 pixels on its longer side, or use the logo as "
        "an SVG",
    ),
    (
        "a PNG with more pixels than a logo needs",
        "assets/logo.png",
        None,  # made in the test (a 25-megapixel PNG of one colour is small)
        "docs/assets/logo.png: error: the logo is 5000 x 5000 pixels, far more than a logo needs",
    ),
    (
        "a PNG over the size limit",
        "assets/logo.png",
        NOISE,
        f"docs/assets/logo.png: error: the file is {-(-len(NOISE) // 1024)} KiB; PNG logos "
        f"may be at most {MAX_PNG_BYTES // 1024} KiB\n"
        "    How to fix: save it smaller: 512 to 1,024 pixels on its longer side is plenty (or "
        "use an SVG)",
    ),
    (
        "an SVG over the size limit",
        "assets/logo.svg",
        LARGE_SVG,
        f"docs/assets/logo.svg: error: the file is {-(-len(LARGE_SVG) // 1024)} KiB; SVG logos "
        f"may be at most {MAX_SVG_BYTES // 1024} KiB\n"
        "    How to fix: simplify the drawing (fewer points, no photo inside it): open the logo "
        "in your drawing program",
    ),
    (
        "an SVG with a script",
        "assets/logo.svg",
        svg('<rect width="5" height="5"/>\n<script>alert(1)</script>'),
        "docs/assets/logo.svg:3:1: error: the logo has a <script>, which can run a script or "
        "load other files when it is opened on its own\n"
        "    How to fix: remove the <script>: open it in your drawing program and export it "
        "again as 'Plain SVG' or 'Optimised SVG' (or save it as a PNG)",
    ),
    (
        "an SVG with an event handler",
        "assets/logo.svg",
        svg('<rect width="5" height="5" onclick="steal()"/>'),
        "docs/assets/logo.svg:2:28: error: the logo has an event handler (onclick=…), a script "
        "that runs when it is opened on its own\n"
        "    How to fix: remove the onclick attribute (a drawing needs no script)",
    ),
    (
        "an SVG with HTML inside it",
        "assets/logo.svg",
        svg('<foreignObject width="5" height="5"><p>Hi</p></foreignObject>'),
        "docs/assets/logo.svg:2:1: error: the logo has a <foreignObject>",
    ),
    (
        "an SVG with a picture from another website",
        "assets/logo.svg",
        svg(
            '<image width="5" height="5" xlink:href="https://cdn.example.com/a.png"/>',
            'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"',
        ),
        "docs/assets/logo.svg:2:41: error: the logo refers to another file or website "
        '("https://cdn.example.com/a.png"): a reader who opens it on its own would send a '
        "request there\n"
        "    How to fix: embed pictures in the drawing, convert text to outlines instead of "
        "web fonts, and remove links: open it in your drawing program and export it again as "
        "'Plain SVG' or 'Optimised SVG' (or save it as a PNG)",
    ),
    (
        "an SVG with a picture in another file",
        "assets/logo.svg",
        svg('<image width="5" height="5" href="photo.png"/>'),
        "docs/assets/logo.svg:2:35: error: the logo refers to another file or website "
        '("photo.png")',
    ),
    (
        "an SVG with a web font",
        "assets/logo.svg",
        svg("<style>@import url('https://fonts.example.com/css?family=X');</style>"),
        "docs/assets/logo.svg:2:21: error: the logo refers to another file or website "
        '("https://fonts.example.com/css?family=X")',
    ),
    (
        "an SVG that imports a stylesheet",
        "assets/logo.svg",
        svg("<style>\n  @import 'fonts.css';\n</style>"),
        "docs/assets/logo.svg:3:12: error: the logo refers to another file or website "
        '("fonts.css")',
    ),
    (
        "an SVG filled from another file",
        "assets/logo.svg",
        svg('<rect width="5" height="5" fill="URL(other.svg#g)"/>'),
        "docs/assets/logo.svg:2:38: error: the logo refers to another file or website "
        '("other.svg#g")',
    ),
    (
        "an SVG that animates a link",
        "assets/logo.svg",
        svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'),
        "docs/assets/logo.svg:2:14: error: the logo has an animation (<set>) that changes a link",
    ),
    (
        "an SVG that animates a link by its prefixed name",
        "assets/logo.svg",
        svg(
            '<a xlink:href="#x"><animate attributeName="xlink:href" values="javascript:x()"/></a>',
            'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"',
        ),
        "docs/assets/logo.svg:2:20: error: the logo has an animation (<animate>) that changes a "
        "link",
    ),
    (
        "an SVG with a javascript: link",
        "assets/logo.svg",
        svg('<a href="java\nscript:alert(1)"><rect width="5" height="5"/></a>'),
        "docs/assets/logo.svg: error: the logo has a javascript: address (href=…), a script",
    ),
    (
        "an SVG that runs an XSLT stylesheet",
        "assets/logo.svg",
        '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="#s"?>\n'
        + svg('<rect width="5" height="5"/>'),
        "docs/assets/logo.svg:2:1: error: the logo has a processing instruction "
        "(<?xml-stylesheet …?>), which can make a browser run a stylesheet program (XSLT)",
    ),
    (
        "an SVG with a CSS escape hiding a link",
        "assets/logo.svg",
        svg("<style>rect { fill: u\\72l(https://x.example/a.svg#g) }</style>"),
        "docs/assets/logo.svg:2:27: error: the logo refers to another file or website "
        '("https://x.example/a.svg#g")',
    ),
    (
        "an SVG whose stylesheet goes on after a child element",
        "assets/logo.svg",
        svg("<style>a{}<g/>rect { fill: u\\72l(https://x.example/a.svg#g) }</style>"),
        "docs/assets/logo.svg:2:34: error: the logo refers to another file or website "
        '("https://x.example/a.svg#g")',
    ),
    (
        "an SVG with CSS image-set()",
        "assets/logo.svg",
        svg('<rect width="5" height="5" style="fill: image-set(\'https://x.example/a.png\' 1x)"/>'),
        "docs/assets/logo.svg:2:41: error: the logo has CSS image-set(), which can load a picture "
        "from another website",
    ),
    (
        "an SVG with a picture not written as base64",
        "assets/logo.svg",
        svg('<image width="5" height="5" href="data:image/png,%89PNG"/>'),
        "docs/assets/logo.svg:2:35: error: the logo holds a picture not written as base64",
    ),
    (
        "an SVG that declares entities (an XML bomb)",
        "assets/logo.svg",
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n' + svg("<text>&b;</text>"),
        "docs/assets/logo.svg:3:1: error: the logo declares entities (<!ENTITY …>), which can "
        "make a file expand without end or read other files, so it is not read",
    ),
    (
        "an SVG that is not well-formed",
        "assets/logo.svg",
        f"<svg {NS} viewBox='0 0 10 10'>\n<g>\n<rect/>\n</svg>\n",
        "docs/assets/logo.svg:4:3: error: this is not a well-formed SVG file (mismatched tag)",
    ),
    (
        "an SVG without its namespace",
        "assets/logo.svg",
        '<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>',
        'docs/assets/logo.svg:1:1: error: the <svg> tag has no xmlns="http://www.w3.org/2000/'
        'svg", so browsers do not draw it as a picture',
    ),
    (
        "an SVG without a viewBox",
        "assets/logo.svg",
        svg('<rect width="5" height="5"/>', 'width="10" height="10"'),
        "docs/assets/logo.svg:1:1: error: the <svg> tag has no viewBox, so the logo does not "
        "scale to the header, the icons and the share images",
    ),
    (
        "an SVG that is not UTF-8",
        "assets/logo.svg",
        svg("<title>Caf\xe9</title>").encode("latin-1"),
        "docs/assets/logo.svg:2:11: error: the file is not valid UTF-8 (byte 0xe9 here",
    ),
    (
        "an XML file that is not an SVG",
        "assets/logo.svg",
        '<?xml version="1.0"?>\n<html/>',
        "docs/assets/logo.svg:1:1: error: this is not an SVG drawing (its first tag is <html>)",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"), [(n, d, e) for _, n, d, e in BAD], ids=[i for i, *_ in BAD]
)
def test_a_bad_logo_is_refused_with_file_message_and_what_to_do(
    tmp_path: Path, name: str, data: str | bytes | None, expected: str
) -> None:
    if data is None and "5000" in expected:
        data = _large_plain_png()
    found = logo_problems(tmp_path, name, data)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def _large_plain_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (5000, 5000), 0).save(out, "PNG")
    return out.getvalue()


WARNED: list[tuple[str, str, str | bytes, str]] = [
    (
        "a PNG under 512 pixels",
        "assets/logo.png",
        png((300, 300)),
        "docs/assets/logo.png: warning: the logo is 300 x 300 pixels: the 512-pixel "
        "home-screen icon enlarges it, so it looks soft there\n"
        "    How to fix: export it at least 512 pixels on its longer side, or use the logo as "
        "an SVG",
    ),
    (
        "a PNG with no transparent background",
        "assets/logo.png",
        png((512, 512), opaque=True),
        "docs/assets/logo.png: warning: the logo has no transparent background, so the share "
        "images, which draw the logo's shape in one colour, show it as a solid block\n"
        "    How to fix: save the logo with a transparent background (delete the background "
        "layer, then export as PNG with transparency, or as SVG)",
    ),
    (
        "an SVG filled edge to edge",
        "assets/logo.svg",
        svg('<rect width="10" height="10" fill="#123456"/>'),
        "docs/assets/logo.svg: warning: the logo has no transparent background",
    ),
    (
        "an SVG of text alone",
        "assets/logo.svg",
        svg('<text x="0" y="8">Clinic</text>'),
        "docs/assets/logo.svg:2:1: warning: the logo has text (<text>), which the home-screen "
        "icons and share images leave out",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [(n, d, e) for _, n, d, e in WARNED],
    ids=[i for i, *_ in WARNED],
)
def test_a_logo_that_works_less_well_gets_a_warning(
    tmp_path: Path, name: str, data: str | bytes, expected: str
) -> None:
    found = logo_problems(tmp_path, name, data)
    assert found and found[0].startswith(expected), found
    assert all(": warning" in problem for problem in found), found


def test_text_alone_also_warns_that_the_icons_show_nothing(tmp_path: Path) -> None:
    found = logo_problems(tmp_path, "assets/logo.svg", svg('<text x="0" y="8">Clinic</text>'))
    assert len(found) == 2
    assert found[1].startswith(
        "docs/assets/logo.svg: warning: the logo draws nothing in the home-screen icons"
    )


def test_a_hostile_svg_gets_a_bounded_report(tmp_path: Path) -> None:
    body = "\n".join(f'<rect width="1" height="1" on{n}x="a()"/>' for n in range(2000))
    found = logo_problems(tmp_path, "assets/logo.svg", svg(body))
    assert 1 < len(found) <= 20


def test_the_logo_is_found_in_the_themes_folder_too(tmp_path: Path) -> None:
    """MkDocs also publishes the theme's custom folder (overrides/), so a logo may live there."""
    overrides = tmp_path / "overrides" / "assets"
    overrides.mkdir(parents=True)
    (overrides / "logo.png").write_bytes(png((100, 100)))
    (tmp_path / "docs").mkdir()
    found = check_logo(
        "assets/logo.png", [tmp_path / "docs", tmp_path / "overrides"], tmp_path, tmp_path
    )
    assert [p.file for p in found] == ["overrides/assets/logo.png"]


# --------------------------------------------------------------------------- drawing


def test_a_tall_logo_fits_inside_its_icon() -> None:
    tall = svg('<rect width="10" height="40" fill="#fff"/>', 'viewBox="0 0 10 40"')
    with Image.open(io.BytesIO(render_icon(Logo.svg(tall), 192, "#1f6f5c"))) as icon:
        column = [icon.convert("RGB").getpixel((96, y)) for y in range(192)]
    # White from 20% to 80% of the height, the clinic's colour above and below.
    assert column[10] == (0x1F, 0x6F, 0x5C) and column[181] == (0x1F, 0x6F, 0x5C)
    assert column[40] == (255, 255, 255) and column[150] == (255, 255, 255)


def test_a_png_logo_is_fitted_like_an_svg_one() -> None:
    picture = Logo("png", png((600, 200))).picture((100, 100))
    assert picture.size == (100, 33)
    alpha = picture.getchannel("A")
    assert alpha.getpixel((50, 16)) == 255 and alpha.getpixel((2, 2)) == 0


# A wide logo: a white bar (the middle half of each side) on a transparent background.
WIDE_LOGO = png((600, 200))


@pytest.fixture(scope="module")
def png_logo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with its own PNG logo, `WIDE_LOGO`."""
    project = copy_project(tmp_path_factory.mktemp("png-logo") / "project", FIXTURE_CONTENT)
    (project / "docs" / "assets" / "logo.png").write_bytes(WIDE_LOGO)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "logo: assets/logo.svg" in text
    config.write_text(text.replace("logo: assets/logo.svg", "logo: assets/logo.png"))
    return build_on_fixed_date(project)


def test_a_png_logo_is_in_the_header_icons_and_share_images(png_logo_site: Path) -> None:
    site = png_logo_site
    assert (site / "assets" / "logo.png").read_bytes() == WIDE_LOGO
    assert not (site / "assets" / "logo.svg").exists()  # no heart drawn beside it
    header_logos = [e.attrs["src"] for e in read_page(site / "index.html").find("img")]
    assert "assets/logo.png" in header_logos
    with Image.open(site / "assets" / "icons" / "icon-512.png") as icon:
        rgb = icon.convert("RGB")
        # Fitted to the middle 60% (307 pixels) of the icon: 307 x 102, the bar in its middle.
        assert rgb.getpixel((256, 256)) == (255, 255, 255)
        for outside in ((256, 215), (256, 297), (170, 256), (342, 256)):
            assert rgb.getpixel(outside) == (0x1F, 0x6F, 0x5C), outside
    with Image.open(site / "assets" / "share" / "index.png") as share:
        # 96 pixels high (288 wide) at 80 pixels in: the bar in the text colour (255), the
        # transparent rest in the background colour (0).
        assert share.getpixel((80 + 144, 80 + 48)) == 255
        for outside in ((80 + 144, 80 + 10), (80 + 20, 80 + 48), (80 + 270, 80 + 48)):
            assert share.getpixel(outside) == 0, outside


def test_healthsite_check_and_build_refuse_a_logo_with_a_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "assets" / "logo.svg").write_text(
        svg('<rect width="5" height="5"/><script>alert(1)</script>'), encoding="utf-8"
    )
    assert healthsite(["--root", str(project), "check"]) == 1
    assert "docs/assets/logo.svg:2:29: error: the logo has a <script>" in capsys.readouterr().err
    assert build(project) == 1
    assert not (project / "site").exists()


def wide_png(width: int, height: int) -> str:
    out = io.BytesIO()
    Image.new("1", (width, height), 0).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


@pytest.mark.parametrize(
    "embed",
    [
        '<image width="5" height="5" href="data:image/png;base64,{}"/>',
        '<rect width="5" height="5" style="fill: url(data:image/png;base64,{})"/>',
    ],
)
def test_a_small_logo_holding_a_huge_picture_is_refused_before_it_is_drawn(
    tmp_path: Path, embed: str
) -> None:
    drawing = svg(embed.format(wide_png(20_000, 2)))  # a few hundred bytes, 40,000 pixels wide
    assert len(drawing) < 2000
    found = logo_problems(tmp_path, "assets/logo.svg", drawing)
    assert len(found) == 1, found
    assert "the logo holds a picture over 4096 pixels on a side" in found[0]


def test_a_logo_holding_a_small_picture_passes(tmp_path: Path) -> None:
    drawing = svg(f'<image width="5" height="5" href="data:image/png;base64,{wide_png(64, 64)}"/>')
    assert [p for p in logo_problems(tmp_path, "assets/logo.svg", drawing) if ": error" in p] == []
