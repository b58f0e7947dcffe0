"""The package's layers (src/healthsite/__init__.py; ENGINEERING.md, "How it fits together"):
each layer imports only the layers below it, and nothing below the MkDocs adapter imports a site
builder, so a move to another builder touches only `healthsite.adapters`. import-linter checks
both contracts of pyproject.toml's `[tool.importlinter]`; these tests run it, and show it fails
on a copy of the package that breaks each contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import healthsite

PACKAGE = Path(healthsite.__file__).resolve().parent
PROJECT = PACKAGE.parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CORE_LAYERS = ("source", "model", "render", "rules", "build_steps")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contracts, on the healthsite package in `package_parent`."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(PROJECT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
        check=False,
    )


def test_the_layers_and_the_builder_contract_are_kept() -> None:
    result = lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # The core importing MkDocs.
        ("model/fields.py", "import mkdocs.config\n", "Only the adapter knows the site builder"),
        # A lower layer importing a higher one.
        ("source/errors.py", "import healthsite.rules.settings\n", "Layers:"),
        ("render/locations.py", "import healthsite.adapters.mkdocs.nav_hint\n", "Layers:"),
    ],
)
def test_a_broken_contract_is_reported(tmp_path: Path, module: str, line: str, broken: str) -> None:
    copy = tmp_path / "healthsite"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("theme", "library", "fonts"))
    target = copy / module
    text = target.read_text(encoding="utf-8")
    future = "from __future__ import annotations\n"
    target.write_text(text.replace(future, future + line, 1), encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "1 kept, 1 broken" in result.stdout
    assert f"{broken}" in result.stdout.split("Broken contracts")[1]


def core_modules() -> list[Path]:
    return sorted(path for layer in CORE_LAYERS for path in (PACKAGE / layer).rglob("*.py"))


def test_builder_knowledge_stays_in_the_adapter() -> None:
    """The core hands over plain text and Markdown: the escaping Material needs and the keys
    mkdocs-macros reads are the adapter's (adapters/mkdocs/material_pages.py), written once."""
    modules = core_modules()
    assert len(modules) > 40  # every layer's modules were found
    for path in modules:
        text = path.read_text(encoding="utf-8")
        assert "render_macros" not in text, path
        assert "html.escape(" not in text or path.name == "markup.py", path


def test_no_module_has_a_same_named_twin() -> None:
    """A module's name says what it does: no two modules of the package share a name (other
    than `__init__`, and the site checks' pytest `conftest`)."""
    names: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("__init__.py", "conftest.py") or "scaffold" in path.parts:
            continue
        assert path.name not in names, (path, names.get(path.name))
        names[path.name] = path
