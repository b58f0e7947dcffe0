"""Every file docs/ publishes as it is is safe to open on its own, judged by what it holds: a
web page or XML file is refused (it would have no Content-Security-Policy), an SVG is read for
scripts and links, and a picture whose name lies about its kind (a phone's JPEG as .gif, which
would be published with its location) is refused with the name to use."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from healthsite.commands.cli import main as healthsite

from .conftest import FIXTURE_CONTENT, copy_project


def picture(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, kind)
    return out.getvalue()


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{}\n</svg>\n'


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "assets/offer.html",
            b"<script>steal()</script>",
            "docs/assets/offer.html: error: a .html file in docs/ is published as it is, "
            "without the site's Content-Security-Policy",
        ),
        (
            "assets/feed.XML",
            b"<?xml version='1.0'?><x/>",
            "docs/assets/feed.XML: error: a .xml file in docs/ is published as it is",
        ),
        (
            "assets/map.svg",
            SVG.format('<rect width="5" height="5"/>\n<script>alert(1)</script>').encode(),
            "docs/assets/map.svg:3:1: error: this drawing, published as it is, has a <script>",
        ),
        (
            "assets/map.svg",
            b'<?xml-stylesheet type="text/xsl" href="#x"?>\n' + SVG.format("").encode(),
            "docs/assets/map.svg:1:1: error: this drawing, published as it is, has a processing "
            "instruction (<?xml-stylesheet …?>)",
        ),
        (
            "assets/room.gif",
            picture("JPEG"),
            "docs/assets/room.gif: error: this file is a JPEG picture, though its name ends in "
            ".gif: the build would publish it as it is, with any location and camera data saved "
            "in it\n    How to fix: rename it to room.jpg",
        ),
        (
            "assets/room.jpg",
            picture("PNG"),
            "docs/assets/room.jpg: error: this file is a PNG picture, though its name ends in .jpg",
        ),
    ],
)
def test_an_unsafe_published_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, expected: str
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    target = project / "docs" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    assert healthsite(["--root", str(project), "check"]) == 1
    assert expected in capsys.readouterr().err


def test_safe_files_pass_and_the_logo_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    assets = project / "docs" / "assets"
    (assets / "room.gif").write_bytes(picture("GIF"))
    (assets / "room.jpg").write_bytes(picture("JPEG"))
    (assets / "plan.svg").write_text(SVG.format('<rect width="5" height="5"/>'))
    (assets / "leaflet.pdf").write_bytes(b"%PDF-1.4\n")
    assert healthsite(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    (assets / "logo.svg").write_text(SVG.format('<rect width="5" height="5" onclick="x()"/>'))
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("docs/assets/logo.svg") == 1  # by the logo check, not twice


def test_a_file_in_overrides_is_checked_too_but_its_templates_are_not_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    overrides = project / "overrides"
    (overrides / "partials").mkdir()
    (overrides / "partials" / "copyright.html").write_text('<div class="md-copyright"></div>')
    assert healthsite(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    (overrides / "assets").mkdir()
    (overrides / "assets" / "badge.svg").write_text(SVG.format("<script>alert(1)</script>"))
    (overrides / "assets" / "feed.xml").write_text("<?xml version='1.0'?><x/>")
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "overrides/assets/badge.svg:2:1: error: this drawing, published as it is, has a <script>"
        in err
    )
    # Only .html is a template there: any other web file is published as it is.
    assert "overrides/assets/feed.xml: error: a .xml file in docs/ is published as it is" in err


def test_a_logo_kept_in_overrides_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "overrides" / "assets").mkdir()
    logo = project / "overrides" / "assets" / "logo.svg"
    logo.write_text(SVG.format('<rect width="5" height="5" onclick="x()"/>'))
    assert healthsite(["--root", str(project), "check"]) == 1
    assert capsys.readouterr().err.count("overrides/assets/logo.svg") == 1
