"""The logo and the browser-tab icon found whichever picture ending they were saved with
(healthsite.rules.picture_names): when mkdocs.yml names a file that is not there but one of the
same name with another ending is, the check says which line of mkdocs.yml to change, to what."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.rules.logo import check_logo
from healthsite.rules.picture_names import check_favicon

from .conftest import copy_project
from .test_logo import SQUARE, png

# mkdocs.yml's theme block as a clinic may write it: comments above, the logo on line 7.
CONFIG = """\
site_name: Example
# The clinic's own pictures live in docs/assets/.
theme:
  name: material
  # The browser tab's icon.
  favicon: assets/favicon.svg
  logo: {logo}  # our logo
"""
LOGO_LINE = 7
FAVICON_LINE = 6


def project(tmp_path: Path, logo: str, files: dict[str, str | bytes]) -> Path:
    """A folder with mkdocs.yml naming `logo` and docs/ holding `files`; its mkdocs.yml."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.format(logo=logo), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for name, data in files.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return config


def logo_problems(tmp_path: Path, logo: str, files: dict[str, str | bytes]) -> list[str]:
    config = project(tmp_path, logo, files)
    bare = logo.strip("\"'")
    return [p.format() for p in check_logo(bare, [tmp_path / "docs"], tmp_path, config)]


@pytest.mark.parametrize(
    ("named", "saved", "fixed"),
    [
        ("assets/logo.svg", {"assets/logo.png": png((512, 512))}, "assets/logo.png"),
        ("assets/logo.png", {"assets/logo.svg": SQUARE}, "assets/logo.svg"),
        ("assets/brand.svg", {"assets/brand.PNG": png((512, 512))}, "assets/brand.PNG"),
        ("images/brand.svg", {"assets/logo.png": png((512, 512))}, "assets/logo.png"),
    ],
    ids=["png-saved-svg-named", "svg-saved-png-named", "capital-ending", "logo-in-assets"],
)
def test_a_logo_saved_with_another_ending_names_the_line_to_change(
    tmp_path: Path, named: str, saved: dict[str, str | bytes], fixed: str
) -> None:
    found = logo_problems(tmp_path, named, saved)
    shown = f"docs/{next(iter(saved))}"
    assert found == [
        f"mkdocs.yml:{LOGO_LINE}:9: error in 'theme.logo': `logo: {named}  # our logo` names "
        f"docs/{named}, which is not there, but {shown} is\n"
        f"    How to fix: change line {LOGO_LINE} of mkdocs.yml to `logo: {fixed}  # our logo`"
    ]


def test_the_suggested_line_keeps_its_quotes(tmp_path: Path) -> None:
    found = logo_problems(tmp_path, '"assets/logo.svg"', {"assets/logo.png": png((512, 512))})
    assert len(found) == 1
    assert found[0].endswith(
        f'change line {LOGO_LINE} of mkdocs.yml to `logo: "assets/logo.png"  # our logo`'
    )


def test_the_logo_line_yaml_keeps_is_the_one_named(tmp_path: Path) -> None:
    """Of two `logo:` lines (itself an error, rules.config_file) YAML keeps the last: that one
    is the line to change."""
    config = project(tmp_path, "assets/logo.svg", {"assets/logo.png": png((512, 512))})
    config.write_text(config.read_text() + "  logo: assets/logo.svg\n", encoding="utf-8")
    found = check_logo("assets/logo.svg", [tmp_path / "docs"], tmp_path, config)
    assert [(p.line, p.hint) for p in found] == [
        (LOGO_LINE + 1, f"change line {LOGO_LINE + 1} of mkdocs.yml to `logo: assets/logo.png`")
    ]


def test_a_jpeg_logo_is_found_and_the_hint_says_to_export_it_as_png(tmp_path: Path) -> None:
    found = logo_problems(
        tmp_path, "assets/logo.svg", {"assets/logo.jpg": png((512, 512), kind="JPEG")}
    )
    assert found == [
        f"mkdocs.yml:{LOGO_LINE}:9: error in 'theme.logo': `logo: assets/logo.svg  # our logo` "
        "names docs/assets/logo.svg, which is not there, but docs/assets/logo.jpg is\n"
        "    How to fix: docs/assets/logo.jpg cannot be used (only SVG or PNG): export it as "
        "PNG, save that as logo.png beside it, then change line 7 of mkdocs.yml to "
        "`logo: assets/logo.png  # our logo`"
    ]


def test_the_named_file_wins_and_an_unrelated_picture_is_no_logo(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"assets/logo.svg": SQUARE, "assets/logo.png": png((512, 512))}
    assert logo_problems(tmp_path, "assets/logo.svg", files) == []
    # No picture of that name: the build draws its heart logo, as before.
    other = tmp_path / "other"
    other.mkdir()
    assert logo_problems(other, "assets/logo.svg", {"assets/room.png": png((512, 512))}) == []


def test_a_favicon_saved_as_png_while_mkdocs_yml_names_the_svg(tmp_path: Path) -> None:
    config = project(tmp_path, "assets/logo.svg", {"assets/favicon.png": png((512, 512))})
    found = check_favicon("assets/favicon.svg", [tmp_path / "docs"], tmp_path, config)
    assert [p.format() for p in found] == [
        f"mkdocs.yml:{FAVICON_LINE}:12: error in 'theme.favicon': `favicon: assets/favicon.svg` "
        "names docs/assets/favicon.svg, which is not there, but docs/assets/favicon.png is\n"
        f"    How to fix: change line {FAVICON_LINE} of mkdocs.yml to "
        "`favicon: assets/favicon.png`"
    ]


def test_no_favicon_line_means_materials_icon_and_nothing_to_say(tmp_path: Path) -> None:
    config = project(tmp_path, "assets/logo.svg", {"assets/favicon.png": png((512, 512))})
    config.write_text(config.read_text().replace("  favicon: assets/favicon.svg\n", ""))
    # MkDocs gives Material's default when mkdocs.yml has no favicon line.
    default = "assets/images/favicon.png"
    assert check_favicon(default, [tmp_path / "docs"], tmp_path, config) == []


def test_healthsite_check_reports_both_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_project(tmp_path / "site")
    for name in ("logo.png", "favicon.png"):
        (site / "docs" / "assets" / name).write_bytes(png((512, 512)))
    lines = (site / "mkdocs.yml").read_text().splitlines()
    logo = lines.index("  logo: assets/logo.svg") + 1
    favicon = lines.index("  favicon: assets/favicon.svg") + 1
    capsys.readouterr()
    assert healthsite(["--root", str(site), "check"]) == 1
    err = capsys.readouterr().err
    assert f"change line {logo} of mkdocs.yml to `logo: assets/logo.png`" in err
    assert f"change line {favicon} of mkdocs.yml to `favicon: assets/favicon.png`" in err
    assert "Content check: 2 errors" in err
