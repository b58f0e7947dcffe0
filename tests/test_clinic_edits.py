"""A clinic makes the site `healthsite new` wrote its own (scripts/clinic_scenario.py: its name,
staff, domain, colour and location, a topic deleted, a page reviewed today, two questions and a
Prices page added), and the content check and the build still pass, with the real date.

The new site is the example this repository holds (so this also proves that the example a clinic
starts from can be edited this way). The whole site-check suite on such a site, built from the
wheel in a folder of its own, is `make new-clinic` (its own CI job: minutes of browser time).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from scripts.clinic_scenario import CLINIC_NAME, make_it_a_clinics_own

from healthsite.commands.cli import main as healthsite
from healthsite.commands.new_site import write_new_site
from healthsite.model.library import LIBRARY_DIR

# The real date, as a clinic's CI has it (the fixed date of the other tests is not set).
pytestmark = pytest.mark.site_check


def test_a_clinic_that_makes_the_new_site_its_own_can_check_and_build_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "clinic"
    write_new_site(project)
    assert not (project / "content" / "benefits").exists()  # the topics are the library's
    topics = {p.stem for p in (LIBRARY_DIR / "benefits").glob("*.yml")}
    prices = make_it_a_clinics_own(project, date.today())
    choices = yaml.safe_load((project / "content" / "library.yml").read_text(encoding="utf-8"))
    kept = topics - {page.removeprefix("benefits/") for page in choices["exclude"]}
    assert choices["signed_off"]["pages"]  # the owner signed the library's pages off

    assert healthsite(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    assert healthsite(["--root", str(project), "build"]) == 0, capsys.readouterr().err

    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert CLINIC_NAME in home
    assert "Harbour Street" in (site / "clinic" / "index.html").read_text(encoding="utf-8")
    page = (site / prices / "index.html").read_text(encoding="utf-8")
    assert "hs-align-right" in page  # the price column, aligned by a class (the CSP)
    assert "<picture" in page  # the photo went through the image pipeline
    assert len(kept) == max(1, len(topics) - 1)
    for topic in topics - kept:  # the deleted topic is gone from the site and its menu
        assert not (site / "benefits" / topic).exists()
        assert f"benefits/{topic}/" not in home
    nav = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert {"Prices": f"{prices}.md"} in nav
