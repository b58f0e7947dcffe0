"""A script or stylesheet that mkdocs.yml adds to every page must be the site's own file: one
on another host (which the Content-Security-Policy would block on every page) is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.rules.extra_assets import check_extra_assets

from .conftest import FIXTURE_CONTENT, copy_project


@pytest.mark.parametrize(
    "address",
    [
        "https://cdn.example.com/widget.js",
        "http://cdn.example.com/widget.js",
        "//cdn.example.com/widget.js",
        " HTTPS://cdn.example.com/widget.js",
        "data:text/javascript,alert(1)",
        "javascript:alert(1)",
    ],
)
def test_a_script_from_elsewhere_is_refused(address: str) -> None:
    [problem] = check_extra_assets("extra_javascript", ["assets/javascripts/ok.js", address])
    assert problem.field == "extra_javascript[1]"
    assert problem.message.startswith(f"'{address}' is not a file of this site")
    assert "save the script in docs/assets/" in problem.hint


def test_the_sites_own_files_pass() -> None:
    local = ["assets/javascripts/faq.js", "/assets/x.js", "./x.js", "assets/https-notes.js"]
    assert check_extra_assets("extra_javascript", local) == []
    assert check_extra_assets("extra_css", ["assets/stylesheets/extra.css"]) == []


def test_healthsite_check_refuses_a_remote_stylesheet_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nextra_css:\n  - https://fonts.example.com/css?family=Nice\n",
        encoding="utf-8",
    )
    assert healthsite(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "mkdocs.yml: error in 'extra_css[0]': 'https://fonts.example.com/css?family=Nice' is not "
        "a file of this site" in err
    )
