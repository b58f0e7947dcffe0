"""A link in a hand-written page to a page or file the site does not have is an error where it
is written, with the nearest name that exists (rules.page_links), before MkDocs' strict mode
would stop the build with no line; links the builder does not check are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.cli import main as healthsite

from .conftest import FIXTURE_CONTENT, copy_project


def check_page(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> list[str]:
    project = copy_project(tmp_path / "site", FIXTURE_CONTENT)
    docs = project / "docs"
    (docs / "assets" / "price-list.pdf").write_bytes(b"%PDF-1.4\n")
    (docs / "clinic").mkdir()
    (docs / "clinic" / "prices.md").write_text(f"# Prices\n\n{body}\n", encoding="utf-8")
    healthsite(["--root", str(project), "check"])
    found: list[str] = []
    about_the_page = False
    for line in capsys.readouterr().err.splitlines():  # each problem, then its fix
        if not line.startswith(" "):
            about_the_page = line.startswith("docs/clinic/prices.md")
        if about_the_page:
            found.append(line)
    return found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "See [safety advice](../safty.md).",
            "docs/clinic/prices.md:3:21: error: the link '../safty.md' goes to docs/safty.md, "
            "which the site does not have, so the build stops",
        ),
        (
            "Our [list](price-list.pdf).",
            "docs/clinic/prices.md:3:12: error: the link 'price-list.pdf' goes to "
            "docs/clinic/price-list.pdf, which the site does not have",
        ),
        (
            "Read [this](../../outside.md).",
            "docs/clinic/prices.md:3:13: error: the link '../../outside.md' goes to outside docs/",
        ),
    ],
)
def test_a_link_to_nothing_is_an_error_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str
) -> None:
    found = check_page(tmp_path, capsys, body)
    assert len(found) == 2, found  # the message and its fix
    assert found[0].startswith(expected), found[0]


def test_the_nearest_page_is_suggested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = check_page(tmp_path, capsys, "See [safety advice](../safty.md).")
    assert found[1].startswith("    How to fix: did you mean '../safety.md'?")


@pytest.mark.parametrize(
    "body",
    [
        "See [stress](../benefits/stress.md).",  # a page the site makes from content/
        "See [the FAQ](../faq.md#booking).",  # generated, with a part of the page
        "Our [list](../assets/price-list.pdf).",
        "Back to [the top](#prices).",
        "Write to [us](mailto:hello@example.org) or [call](tel:0255501234).",
        "The [privacy policy](../privacy.md).",
        '<a href="nowhere/">raw HTML is left as written</a>',
        "[A folder](../benefits/)",
    ],
)
def test_links_to_what_the_site_has_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    assert check_page(tmp_path, capsys, body) == []
    assert "link" not in capsys.readouterr().err
