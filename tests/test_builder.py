"""The builder seam: MkDocs or ProperDocs, chosen by $HEALTHSITE_BUILDER or what is installed.

`make test-properdocs` runs the site build tests in a venv that has ProperDocs and no MkDocs;
the last test here shows which builder a run really used.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from healthsite.adapters.mkdocs.builder import VARIABLE, choose


@pytest.mark.parametrize(
    ("wanted", "installed", "chosen"),
    [
        ("", {"mkdocs": True, "properdocs": False}, "mkdocs"),
        ("", {"mkdocs": False, "properdocs": True}, "properdocs"),
        ("", {"mkdocs": True, "properdocs": True}, "mkdocs"),
        ("properdocs", {"mkdocs": True, "properdocs": True}, "properdocs"),
        (" ProperDocs ", {"mkdocs": False, "properdocs": True}, "properdocs"),
        ("mkdocs", {"mkdocs": True, "properdocs": True}, "mkdocs"),
    ],
)
def test_choice_follows_the_variable_then_what_is_installed(
    wanted: str, installed: dict[str, bool], chosen: str
) -> None:
    assert choose(wanted, installed) == chosen


def test_unknown_builder_is_a_clear_error_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "healthsite.commands.cli", "check"],
        env={**os.environ, VARIABLE: "sphinx"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"error: {VARIABLE} is 'sphinx'; set it to 'mkdocs' or 'properdocs'"
    )


def test_mkdocs_modules_come_from_the_chosen_builder() -> None:
    # Under ProperDocs, `import mkdocs` must give ProperDocs' modules (its own alias), so the
    # plugin, Material and mkdocs-macros all run on the builder that was chosen.
    code = (
        "import healthsite.adapters.mkdocs.plugin\n"
        "import healthsite.adapters.mkdocs.builder as b, mkdocs.plugins as p\n"
        "print(b.NAME, p.__name__.split('.')[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    name, package = result.stdout.split()
    assert package == name
