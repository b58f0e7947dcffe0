"""The engine's theme (healthsite.render.theme_files) comes from the package, and a clinic's own
file wins:
a template in overrides/ over the engine's of the same name, a file in docs/ over the theme's
static file; a clinic's own stylesheets are bundled after the theme's, each once."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite

from .conftest import FIXTURE_CONTENT, build, copy_project

OWN_DISCLAIMER = '<p class="hs-disclaimer">Our own words: information only.</p>\n'


@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose clinic overrides one macro template, one theme partial, one theme stylesheet
    and adds a stylesheet of its own (listed twice, with a theme stylesheet listed again)."""
    project = copy_project(tmp_path_factory.mktemp("theme") / "project", FIXTURE_CONTENT)
    partials = project / "overrides" / "partials"
    (partials / "health").mkdir(parents=True)
    (partials / "health" / "disclaimer.html").write_text(OWN_DISCLAIMER, encoding="utf-8")
    (partials / "copyright.html").write_text(
        '<div class="md-copyright">Our own footer</div>\n', encoding="utf-8"
    )
    styles = project / "docs" / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (styles / "print.css").write_text("/* our print rules */\n", encoding="utf-8")
    (styles / "extra.css").write_text(".ours { color: #123456; }\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    plugin = "  - healthsite:\n"
    text = config.read_text(encoding="utf-8")
    assert plugin in text
    listed = "[assets/stylesheets/extra.css, assets/stylesheets/site.css]"
    config.write_text(text.replace(plugin, f"{plugin}      stylesheets: {listed}\n"))
    assert build(project) == 0
    return project / "site"


def test_a_clinic_template_in_overrides_wins_over_the_engines(overridden: Path) -> None:
    page = (overridden / "benefits" / "stress" / "index.html").read_text(encoding="utf-8")
    assert "Our own words: information only." in page
    assert "This page gives general information only." not in page
    assert "Our own footer" in page
    assert "hs-footer-help" not in page  # the engine's footer is not used at all


def test_theme_stylesheets_then_the_clinics_are_bundled_once_each(overridden: Path) -> None:
    css = (overridden / "assets" / "stylesheets" / "healthsite.css").read_text(encoding="utf-8")
    markers = [line for line in css.splitlines() if line.startswith("/* assets/stylesheets/")]
    assert markers == [
        "/* assets/stylesheets/site.css */",
        "/* assets/stylesheets/print.css */",
        "/* assets/stylesheets/extra.css */",
    ]
    assert "/* our print rules */" in css  # docs/ wins over the theme's print.css
    assert (
        "@media print"
        not in css.split("/* assets/stylesheets/print.css */")[1].split(
            "/* assets/stylesheets/extra.css */"
        )[0]
    )
    assert ".ours { color: #123456; }" in css
    # Bundled, so not published alone.
    assert not (overridden / "assets" / "stylesheets" / "extra.css").exists()
    assert not (overridden / "assets" / "stylesheets" / "site.css").exists()


def test_the_theme_script_is_published_and_loaded_once(overridden: Path) -> None:
    assert (overridden / "assets" / "javascripts" / "faq.js").is_file()
    page = (overridden / "faq" / "index.html").read_text(encoding="utf-8")
    assert page.count("assets/javascripts/faq.js") == 1


def test_nothing_of_the_themes_templates_is_published(overridden: Path) -> None:
    published = {p.relative_to(overridden).as_posix() for p in overridden.rglob("*")}
    assert not any(name.startswith("partials") for name in published)
    assert not [name for name in published if name.endswith(".md")]


def test_the_removed_templates_dir_option_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    plugin = "  - healthsite:\n"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            plugin, plugin + "      templates_dir: overrides/partials/health\n"
        ),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) != 0
    err = capsys.readouterr().err
    assert err == "error: mkdocs.yml has a mistake (see above)\n"
    # Above it, MkDocs' log (printed to the terminal) names the option and what to do.
    assert "option 'templates_dir': 'templates_dir' is gone since healthsite 0.2.0" in caplog.text
    assert "Delete this line from mkdocs.yml" in caplog.text
