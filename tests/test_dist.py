"""The engine as a package: the wheel holds the engine, its templates, the site checks and the
example site (identical to this repository's top level, which *is* the example), and `healthsite
new` run from the unpacked wheel writes a site of the clinic's own files only.

Installing the wheel into a fresh venv and running the new site's `make test` is `make
new-clinic` (its own CI job); this checks what the wheel holds and what `new` writes, in seconds.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.commands.new_site import engine_version, lock_file, write_new_site
from healthsite.source.example_files import EXAMPLE

from .conftest import FIXTURE_CONTENT, REPO, copy_project

UV = Path(sys.executable).parent / "uv"
LOCK = REPO / "requirements" / "requirements.txt"
# What a clinic's repository holds, and nothing else (ENGINEERING.md, "What a site holds").
SITE_FILES = {
    ".github",
    ".gitignore",
    "Makefile",
    "README.md",
    "content",
    "docs",
    "mkdocs.yml",
    "overrides",
    "pyproject.toml",
    "requirements.txt",
}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `make dist` builds, unpacked."""
    out = tmp_path_factory.mktemp("dist")
    # The sdist first, then the wheel from it (as `make dist`): nothing written into the source.
    command = [str(UV), "build", "--quiet", "--no-build-isolation"]
    command += ["--python", sys.executable, "--out-dir", str(out), str(REPO)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=out)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("healthsite-*.whl")
    assert built.name.startswith(f"healthsite-{engine_version()}-")
    unpacked = out / "unpacked"
    with zipfile.ZipFile(built) as archive:
        archive.extractall(unpacked)
    return unpacked


def same_tree(left: Path, right: Path) -> list[str]:
    """The files that differ between two folders (or are in only one), by relative path."""
    if left.is_file():
        return [] if filecmp.cmp(left, right, shallow=False) else [left.name]
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (left / name).is_file()
        or not (right / name).is_file()
        or not filecmp.cmp(left / name, right / name, shallow=False)
    )


def test_the_wheel_holds_the_theme_the_checks_and_the_example(wheel: Path) -> None:
    package = wheel / "healthsite"
    for needed in (
        "theme/main.html",
        "theme/partials/health/benefit-page.md",
        "theme/assets/stylesheets/site.css",
        "theme/assets/javascripts/faq.js",
        "site_checks/test_axe.py",
        "site_checks/pytest.ini",
        "site_checks/tools/package-lock.json",
        "site_checks/tools/install_system_deps.sh",
        "scaffold/project/Makefile",
        "scaffold/project/README.md",
        "scaffold/project/github/workflows/ci.yml",
        "fonts/DejaVuSans-Bold.ttf",
    ):
        assert (package / needed).is_file(), needed
    # The content library, as the package holds it, page for page.
    assert same_tree(package / "library", REPO / "src" / "healthsite" / "library") == []
    assert not (package / "scaffold" / "example" / "content" / "benefits").exists()
    example = package / "scaffold" / "example"
    for name, source in EXAMPLE.items():
        assert same_tree(example / name, REPO / source) == [], name
    assert not list(wheel.rglob("tests")), "the generator's tests are not part of the package"


def test_new_from_the_wheel_writes_the_example_and_no_engine(wheel: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(wheel)}
    command = [sys.executable, "-m", "healthsite.commands.cli", "new", "Bay Massage"]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "Bay Massage"
    assert {p.name for p in site.iterdir()} == SITE_FILES
    for name in ("content", "docs", "overrides", "mkdocs.yml"):
        assert same_tree(site / name, REPO / name) == [], name
    engine = [p for p in site.rglob("*") if p.suffix in {".py", ".html", ".css", ".js"}]
    assert engine == []
    pyproject = (site / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "bay-massage"' in pyproject
    assert f'dependencies = ["healthsite=={engine_version()}"]' in pyproject


def test_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "mysite"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    assert healthsite(["--root", str(tmp_path), "new", "mysite"]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["mysite"]  # no staging folder left


def test_new_fills_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "mysite").mkdir()
    write_new_site(tmp_path / "mysite")
    assert (tmp_path / "mysite" / "mkdocs.yml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["mysite"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        healthsite(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"healthsite {engine_version()}"


def test_check_warns_when_the_lock_is_not_this_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_project(tmp_path / "mysite", FIXTURE_CONTENT)
    (site / "requirements.txt").write_text(lock_file(), encoding="utf-8")  # as `new` writes it
    assert healthsite(["--root", str(site), "check"]) == 0
    assert "requirements.txt" not in capsys.readouterr().err
    lock = site / "requirements.txt"
    lock.write_text(lock.read_text(encoding="utf-8").replace("==", "===", 1), encoding="utf-8")
    assert healthsite(["--root", str(site), "check"]) == 0  # a warning, not an error
    assert (
        "requirements.txt: warning: this is not the list of pinned packages healthsite "
        f"{engine_version()} was tested with"
    ) in capsys.readouterr().err


def pins(lock: Path) -> dict[str, str]:
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")) and "==" in line:
            name, version = line.split(" ")[0].split("==")
            found[name] = version
    return found


def test_a_sites_lock_pins_the_engines_versions_without_its_dev_tools() -> None:
    site, engine = pins(REPO / "requirements" / "site.txt"), pins(LOCK)
    assert {name: engine.get(name) for name in site} == site
    assert {"mkdocs", "mkdocs-material", "pydantic", "pytest", "playwright"} <= set(site)
    assert not {"ruff", "mypy", "hypothesis", "uv"} & set(site)
