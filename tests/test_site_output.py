"""The output folder of `healthsite build`: never anything it did not build, ordinary
permissions, an atomic swap, one build at a time, and a clean stop on Ctrl-C or SIGTERM."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from healthsite.commands import output_folder as site_output
from healthsite.commands.output_folder import BUILD_MARK, swap_in

from .conftest import FIXTURE_CONTENT, TODAY, build, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", FIXTURE_CONTENT)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything under `folder` (or the file itself): names and contents."""
    if folder.is_file():
        return {folder.name: folder.read_bytes()}
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else "dir"
        for p in folder.rglob("*")
    }


def _existing_file(project: Path, tmp_path: Path) -> Path:
    return project / "mkdocs.yml"


def _file_outside(project: Path, tmp_path: Path) -> Path:
    outside = tmp_path / "notes.txt"
    outside.write_text("keep me")
    return outside


def _folder_outside(project: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"jpeg")
    return folder


def _empty_folder(project: Path, tmp_path: Path) -> Path:
    folder = project / "public"
    folder.mkdir()
    return folder


def _link_to_a_built_site(project: Path, tmp_path: Path) -> Path:
    real = tmp_path / "real-site"
    real.mkdir()
    (real / BUILD_MARK).write_text("")
    link = project / "site"
    link.symlink_to(real)
    return link


def _mark_that_is_a_link(project: Path, tmp_path: Path) -> Path:
    folder = project / "site"
    folder.mkdir()
    (tmp_path / "mark").write_text("")
    (folder / BUILD_MARK).symlink_to(tmp_path / "mark")
    return folder


def _named_pipe(project: Path, tmp_path: Path) -> Path:
    pipe = project / "site"
    os.mkfifo(pipe)
    return pipe


REFUSED: list[tuple[str, Callable[[Path, Path], Path], str]] = [
    ("a file of the project (mkdocs.yml)", _existing_file, "it is a file, not a folder"),
    ("a file outside the project", _file_outside, "it is a file, not a folder"),
    ("a folder of photos outside the project", _folder_outside, "was not built by this command"),
    ("an empty folder it did not make", _empty_folder, "was not built by this command"),
    ("a link, even to a site it built", _link_to_a_built_site, "it is a link"),
    ("a folder whose build mark is a link", _mark_that_is_a_link, "was not built by this command"),
    ("a named pipe", _named_pipe, "it is a file, not a folder"),
]


@pytest.mark.parametrize(
    ("make", "reason"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_build_refuses_to_replace_what_it_did_not_build(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path, Path], Path],
    reason: str,
) -> None:
    target = make(project, tmp_path)
    before = {p: p.lstat().st_mode for p in tmp_path.rglob("*")}
    contents = snapshot(target) if not stat.S_ISFIFO(target.lstat().st_mode) else {}
    assert build(project, target) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: will not build into ") and reason in err
    assert {p: p.lstat().st_mode for p in tmp_path.rglob("*")} == before
    if contents:
        assert snapshot(target) == contents


def test_a_new_folder_outside_the_project_is_built_with_ordinary_permissions(
    project: Path, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        assert build(project, tmp_path / "elsewhere" / "public") == 0
    finally:
        os.umask(old)
    site = tmp_path / "elsewhere" / "public"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}  # not mkdtemp's 0700: a web server running as another user can read
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in site.parent.iterdir()) == [".public.lock", "public"]


def test_permissions_follow_the_umask(project: Path, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert build(project, tmp_path / "private") == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o750


def test_a_second_build_at_the_same_time_is_refused_with_a_clear_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(project) == 0
    before = snapshot(project / "site")
    lock = project / ".site.lock"
    with lock.open("r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        held.write("4242\n")
        held.flush()
        capsys.readouterr()
        assert build(project) == 3
    err = capsys.readouterr().err
    assert "another `healthsite build` is building into" in err and "(process 4242)" in err
    assert "wait for it to finish, then build again" in err
    assert snapshot(project / "site") == before


def test_leftovers_of_a_killed_build_are_removed(project: Path) -> None:
    leftover = project / ".site-new-abc123"
    leftover.mkdir()
    (leftover / "index.html").write_text("half a site")
    assert build(project) == 0
    assert not leftover.exists()
    assert [p.name for p in project.glob(".site-*")] == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_swap_puts_the_new_site_in_place_and_the_old_one_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(site_output, "_renameat2", lambda *args: False)
    old, new = tmp_path / "site", tmp_path / ".site-new-1"
    old.mkdir()
    (old / "page.html").write_text("old")
    new.mkdir()
    (new / "page.html").write_text("new")
    swap_in(new, old)
    assert (old / "page.html").read_text() == "new"
    assert (new / "page.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-new-1", "site"]


# A hook (mkdocs.yml `hooks:`) that holds the build at its last step, with the whole new site
# written into the staging folder, and says so: the stop then lands inside MkDocs' build.
SLOW_HOOK = """
import time
from pathlib import Path


def on_post_build(config, **kwargs):
    Path(config.config_file_path).with_name("building").touch()
    time.sleep(120)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_a_build_stops_mkdocs_and_leaves_the_old_site(
    project: Path, signum: signal.Signals
) -> None:
    assert build(project) == 0
    before = snapshot(project / "site")
    (project / "slow_hook.py").write_text(SLOW_HOOK)
    with (project / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - slow_hook.py\n")
    env = {**os.environ, "HEALTHSITE_TODAY": TODAY}
    command = [sys.executable, "-m", "healthsite.commands.cli", "--root", str(project), "build"]
    running = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while (
            not (project / "building").exists()
            and running.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        assert (project / "building").exists(), "the build never reached its last step"
        [staging] = project.glob(".site-new-*")
        assert (staging / "index.html").is_file()  # MkDocs had written the new site
        running.send_signal(signum)
        _, err = running.communicate(timeout=60)
    finally:
        running.kill()
    assert running.returncode == 128 + signum
    assert f"Stopped ({signum.name}); the previous site is unchanged." in err
    assert "Traceback" not in err
    assert list(project.glob(".site-new-*")) == []
    assert snapshot(project / "site") == before
