"""A link in a hand-written page to a page or file the site does not have is an error where it
is written, with the nearest name that exists (rules.page_links), before MkDocs' strict mode
would stop the build with no line; links the builder does not check are left alone. One check
of one fixture project, with a page per case."""

from __future__ import annotations

import contextlib
import io

import pytest

from healthsite.commands.cli import main as healthsite

from .conftest import FIXTURE_CONTENT, copy_project

BROKEN = {
    "safty": "See [safety advice](../safty.md).",
    "pdf": "Our [list](price-list.pdf).",
    "outside": "Read [this](../../outside.md).",
}
FINE = {
    "generated": "See [stress](../benefits/stress.md).",  # a page the site makes from content/
    "anchor": "See [the FAQ](../faq.md#booking).",  # generated, with a part of the page
    "file": "Our [list](../assets/price-list.pdf).",
    "same-page": "Back to [the top](#prices).",
    "addresses": "Write to [us](mailto:hello@example.org) or [call](tel:0255501234).",
    "legal": "The [privacy policy](../privacy.md).",
    "raw-html": '<a href="nowhere/">raw HTML is left as written</a>',
    "folder": "[A folder](../benefits/)",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What `healthsite check` printed about each page (docs/clinic/<case>.md): each problem,
    then its fix."""
    project = copy_project(tmp_path_factory.mktemp("links") / "site", FIXTURE_CONTENT)
    docs = project / "docs"
    (docs / "assets" / "price-list.pdf").write_bytes(b"%PDF-1.4\n")
    (docs / "clinic").mkdir()
    for case, body in {**BROKEN, **FINE}.items():
        (docs / "clinic" / f"{case}.md").write_text(f"# Prices\n\n{body}\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        healthsite(["--root", str(project), "check"])
    found: dict[str, list[str]] = {}
    page = ""
    for line in err.getvalue().splitlines():
        if not line.startswith(" "):
            page = line.split(":")[0]
        found.setdefault(page, []).append(line)
    return found


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "safty",
            "docs/clinic/safty.md:3:21: error: the link '../safty.md' goes to docs/safty.md, "
            "which the site does not have, so the build stops",
        ),
        (
            "pdf",
            "docs/clinic/pdf.md:3:12: error: the link 'price-list.pdf' goes to "
            "docs/clinic/price-list.pdf, which the site does not have",
        ),
        (
            "outside",
            "docs/clinic/outside.md:3:13: error: the link '../../outside.md' goes to outside docs/",
        ),
    ],
)
def test_a_link_to_nothing_is_an_error_on_its_line(
    printed: dict[str, list[str]], case: str, expected: str
) -> None:
    found = printed[f"docs/clinic/{case}.md"]
    assert len(found) == 2, found  # the message and its fix
    assert found[0].startswith(expected), found[0]


def test_the_nearest_page_is_suggested_as_this_page_would_link_to_it(
    printed: dict[str, list[str]],
) -> None:
    hint = printed["docs/clinic/safty.md"][1]
    assert hint.startswith("    How to fix: did you mean '../safety.md'?")


@pytest.mark.parametrize("case", FINE)
def test_links_to_what_the_site_has_pass(printed: dict[str, list[str]], case: str) -> None:
    assert f"docs/clinic/{case}.md" not in printed
