"""The clinic's own logo: the file mkdocs.yml's `theme.logo` names, checked before the site
shows it in every page's header and draws the home-screen icons and share images from it
(`healthsite.render.sharing.Logo`). When `theme.logo` names an SVG that is not in docs/, the build
draws its heart logo there instead, and there is nothing to check, unless a picture of the same
name with another ending is there (`rules.picture_names`): then the problem says which line of
mkdocs.yml to change to what.

The logo must be an SVG drawing or a PNG picture, judged by what the file holds, not only its
name: a PNG is opened with Pillow, an SVG is read with a real XML parser (defusedxml, which
refuses entity declarations, the "billion laughs" bomb, and references to other files). Refused
(errors, each naming the file and what to do):

- a logo from another website (`logo: https://…`): every page would load it from there, which
  the site's "no third-party requests" rule and its Content-Security-Policy forbid;
- a name that ends in neither .svg nor .png, a PNG named that is not there, a path outside
  docs/;
- a file that is not what its name says (a JPEG named .png, a PNG named .svg), or damaged;
- an SVG over `MAX_SVG_BYTES` or a PNG over `MAX_PNG_BYTES`;
- in an SVG: a `<script>`, an event handler (`onload=`), a `<foreignObject>` (HTML inside the
  drawing), an animation that changes a link, and any reference to another file or website
  (`href`, `url(…)` or `@import` that is not a `#part` of the drawing itself or a `data:`
  picture inside it). In the header (`<img>`) a browser runs and loads none of these, but the
  file is published as it is, and a reader who opens it on its own would run its scripts on
  the site's address or send a request elsewhere; the icons and share images cannot draw them;
- an SVG without a `viewBox` (it would not scale to the header or the icons), and one the icon
  renderer (resvg) cannot draw;
- a PNG whose longer side is under `MIN_PNG_SIDE` pixels (the smaller manifest icon,
  `sharing.MANIFEST_ICONS`), or over `images.MAX_PIXELS`.

Warnings: a PNG under `SHARP_PNG_SIDE` pixels (the largest icon, `sharing.ICON_SIZES`), which is
enlarged there; a logo with no transparent pixels (share images draw the logo's shape, so it
shows as a block); text in an SVG (the icon renderer uses no fonts, so the text is left out of
icons and share images).
"""

from __future__ import annotations

import io
import os
import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from healthsite.render.image_pipeline import MAX_PIXELS
from healthsite.render.sharing import ICON_SIZES, MANIFEST_ICONS, Logo
from healthsite.rules.picture_names import misnamed_picture
from healthsite.source.errors import ContentProblem, Severity, display_path
from healthsite.source.project_files import ProjectFileError, decode_utf8, read_project_bytes
from healthsite.source.svg_safety import PLAIN_SVG_HINT, local, parse_svg, position

FIELD = "theme.logo"
# A logo is in every page's header: an SVG logo is a few KiB; a PNG 512 pixels wide, tens.
MAX_SVG_BYTES = 100 * 1024
MAX_PNG_BYTES = 500 * 1024
# The home-screen icons are drawn from the logo: 192 pixels is the smallest icon a web
# manifest needs, 512 the largest icon the build makes.
MIN_PNG_SIDE = min(MANIFEST_ICONS.values())
SHARP_PNG_SIDE = max(ICON_SIZES.values())
SUFFIXES = (".svg", ".png")
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_PLAIN_SVG_HINT = (
    "open the logo in your drawing program and export it again as 'Plain SVG' or "
    "'Optimised SVG' (or save it as a PNG)"
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_EXAMPLE = "logo: assets/logo.svg"


def check_logo(
    logo: object, folders: Sequence[Path], root: Path, config_file: Path
) -> list[ContentProblem]:
    """Every problem with the logo `theme.logo` (`logo`) names, looked for in `folders` (docs/,
    then the theme's custom folder, where MkDocs looks); see the module docstring."""
    if not logo:
        return []
    written = str(logo)
    relative = posixpath.normpath(written)
    refusal = _setting_refusal(written, relative)
    path = logo_path(logo, folders)
    if refusal is None and path is None:
        # A PNG saved while mkdocs.yml names the SVG (or the other way round).
        misnamed = misnamed_picture("logo", written, folders, root, config_file, usable=SUFFIXES)
        if misnamed is not None:
            return [misnamed]
    if refusal is None and path is None and not relative.lower().endswith(".svg"):
        refusal = (
            f'the logo "{written}" is not in docs/ (looked for docs/{relative}); the build '
            "draws its own heart logo only as an SVG",
            f"put your logo at docs/{relative}, or write {_EXAMPLE} for the heart logo",
        )
    if refusal is not None:
        return [ContentProblem(display_path(config_file, root), 0, 0, FIELD, *refusal)]
    if path is None:
        return []  # the build draws its heart logo there
    return _file_problems(path, root, posixpath.splitext(relative)[1].lower())


def logo_path(logo: object, folders: Sequence[Path]) -> Path | None:
    """The file `theme.logo` names, in the first of `folders` that has it (as MkDocs finds
    it), or None."""
    if not logo:
        return None
    relative = posixpath.normpath(str(logo))
    return next((f / relative for f in folders if os.path.lexists(f / relative)), None)


def _setting_refusal(written: str, relative: str) -> tuple[str, str] | None:
    """What is wrong with the value of `theme.logo` itself (message and hint), if anything."""
    if urlsplit(written).scheme or written.startswith("//"):
        return (
            f'the logo "{written}" is not a file of the site: every page would load it from '
            "there, which tells that website who reads the site, and the site's "
            "Content-Security-Policy blocks it",
            f"save the logo (SVG or PNG) as docs/assets/logo.svg or .png and write {_EXAMPLE}",
        )
    if posixpath.splitext(written)[1].lower() not in SUFFIXES:
        return (
            f'the logo "{written}" is not an SVG or PNG file',
            "export it as SVG (best: sharp at any size) or as a PNG at least "
            f"{SHARP_PNG_SIDE} pixels on its longer side, put it in docs/assets/ and write "
            f"its name here, such as {_EXAMPLE}",
        )
    if relative.startswith(("/", "../")) or relative == "..":
        return (
            f'the logo "{written}" is outside docs/',
            f"put the logo in docs/assets/ and write its path inside docs/, such as {_EXAMPLE}",
        )
    return None


def _file_problems(path: Path, root: Path, suffix: str) -> list[ContentProblem]:
    shown = display_path(path, root)
    svg = suffix == ".svg"
    try:
        data = read_project_bytes(
            path,
            root,
            limit=MAX_SVG_BYTES if svg else MAX_PNG_BYTES,
            what="SVG logos" if svg else "PNG logos",
            hint=(
                "simplify the drawing (fewer points, no photo inside it): " + _PLAIN_SVG_HINT
                if svg
                else f"save it smaller: {SHARP_PNG_SIDE} to 1,024 pixels on its longer side "
                "is plenty (or use an SVG)"
            ),
        )
    except ProjectFileError as exc:
        return [exc.problem]

    def problem(message: str, hint: str, severity: Severity = Severity.ERROR) -> ContentProblem:
        return ContentProblem(shown, 0, 0, "", message, hint, severity=severity)

    raster = _raster_format(data)
    other = "PNG" if svg else "SVG"
    named = f"its name ends in {suffix}"
    if svg and raster is not None:
        return [
            problem(
                f"this file is a {raster} picture, not an SVG drawing, though {named}",
                f"rename it to {path.stem}.png and name that in mkdocs.yml"
                if raster == "PNG"
                else "export the logo as SVG or PNG, and use that file",
            )
        ]
    if not svg and raster is None and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return [
            problem(
                f"this file is an SVG drawing (text), not a PNG picture, though {named}",
                f"rename it to {path.stem}.svg and name that in mkdocs.yml",
            )
        ]
    if not svg and raster != "PNG":
        kind = f"a {raster} picture" if raster else "not a picture Pillow can read (damaged?)"
        return [
            problem(
                f"this file is {kind}, not a PNG, though {named}",
                "open the logo in an image editor and export it as PNG (or use the SVG "
                f"original), then use that file; {other} files work too",
            )
        ]
    found = _svg_problems(shown, data) if svg else _png_problems(data, problem)
    if any(p.severity is Severity.ERROR for p in found):
        return found
    return found + _drawing_problems(Logo("svg" if svg else "png", data), problem)


class _Problem(Protocol):
    """A problem in the logo file (the `problem` helper of `_file_problems`)."""

    def __call__(
        self, message: str, hint: str, severity: Severity = Severity.ERROR
    ) -> ContentProblem: ...


def _raster_format(data: bytes) -> str | None:
    """The picture format Pillow recognises in `data` (reading the header only), or None. A
    file that starts as a PNG does is a PNG, however damaged (`_png_problems` says how)."""
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format or "unknown"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


# --------------------------------------------------------------------------- PNG


def _png_problems(data: bytes, problem: _Problem) -> list[ContentProblem]:
    damaged = "export the logo again as PNG, or use an SVG"
    try:
        with Image.open(io.BytesIO(data), formats=("PNG",)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return [
                    problem(
                        f"the logo is {width} x {height} pixels, far more than a logo needs",
                        f"save it at {SHARP_PNG_SIDE} to 1,024 pixels on its longer side",
                    )
                ]
            image.load()
    except Image.DecompressionBombError:
        return [
            problem(
                "the logo has far more pixels than a logo needs",
                f"save it at {SHARP_PNG_SIDE} to 1,024 pixels on its longer side",
            )
        ]
    except (OSError, ValueError, SyntaxError) as exc:
        return [problem(f"this PNG file is damaged ({exc})", damaged)]
    longer = max(width, height)
    size = f"{width} x {height} pixels"
    if longer < MIN_PNG_SIDE:
        return [
            problem(
                f"the logo is {size}, too small for the home-screen icons made from it (at "
                f"least {MIN_PNG_SIDE} pixels on its longer side; {SHARP_PNG_SIDE} to be sharp)",
                f"export it at least {SHARP_PNG_SIDE} pixels on its longer side, or use the "
                "logo as an SVG",
            )
        ]
    if longer < SHARP_PNG_SIDE:
        return [
            problem(
                f"the logo is {size}: the {SHARP_PNG_SIDE}-pixel home-screen icon enlarges "
                "it, so it looks soft there",
                f"export it at least {SHARP_PNG_SIDE} pixels on its longer side, or use the "
                "logo as an SVG",
                Severity.WARNING,
            )
        ]
    return []


# --------------------------------------------------------------------------- SVG


def _svg_problems(shown: str, data: bytes) -> list[ContentProblem]:
    text, problems = decode_utf8(shown, data)
    if text is None:
        return problems
    root, unsafe = parse_svg(text, "the logo")
    found = [ContentProblem(shown, f.line, f.column, "", f.message, f.hint) for f in unsafe]
    if root is None:
        return found
    if local(str(root.tag)) != "svg":
        return [
            ContentProblem(
                shown,
                1,
                1,
                "",
                f"this is not an SVG drawing (its first tag is <{local(str(root.tag))}>)",
                PLAIN_SVG_HINT,
            )
        ]

    def add(message: str, hint: str, needle: str, severity: Severity = Severity.ERROR) -> None:
        line, column = position(text, needle)
        found.append(ContentProblem(shown, line, column, "", message, hint, severity=severity))

    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        add(
            f'the <svg> tag has no xmlns="{SVG_NAMESPACE}", so browsers do not draw it as a '
            "picture",
            f'add xmlns="{SVG_NAMESPACE}" to the <svg> tag (drawing programs write it)',
            "<svg",
        )
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) != 4 or not all(_positive(v) for v in box[2:]):
        add(
            "the <svg> tag has no viewBox, so the logo does not scale to the header, the "
            "icons and the share images",
            'add viewBox="0 0 WIDTH HEIGHT" with the drawing\'s size to the <svg> tag '
            "(drawing programs write one when they export SVG)",
            "<svg",
        )
    if any(isinstance(e.tag, str) and local(e.tag).lower() == "text" for e in root.iter()):
        add(
            "the logo has text (<text>), which the home-screen icons and share images "
            "leave out: they are drawn without fonts, and a reader's browser may show the "
            "header's text in another font",
            "convert the text to outlines in your drawing program (Inkscape: Path, "
            "Object to Path; Illustrator: Type, Create Outlines)",
            "<text",
            Severity.WARNING,
        )
    return found


def _positive(value: str) -> bool:
    try:
        return float(value) > 0
    except ValueError:
        return False


# --------------------------------------------------------------------------- both


def _drawing_problems(logo: Logo, problem: _Problem) -> list[ContentProblem]:
    """What drawing the logo for the icons shows: that it can be drawn, and has a shape."""
    try:
        alpha = logo.picture((64, 64)).getchannel("A")
    except (ValueError, OSError) as exc:
        return [problem(f"the logo cannot be drawn for the icons ({exc})", _PLAIN_SVG_HINT)]
    lowest, highest = alpha.getextrema()
    if highest == 0:
        return [
            problem(
                "the logo draws nothing in the home-screen icons and share images (all of it "
                "is transparent, or text, which they draw without fonts)",
                "convert text to outlines in your drawing program, and check the logo has "
                "visible shapes",
                Severity.WARNING,
            )
        ]
    if lowest == 255:
        return [
            problem(
                "the logo has no transparent background, so the share images, which draw the "
                "logo's shape in one colour, show it as a solid block",
                "save the logo with a transparent background (delete the background layer, "
                "then export as PNG with transparency, or as SVG)",
                Severity.WARNING,
            )
        ]
    return []
