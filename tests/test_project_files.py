"""Only the project's own ordinary files are read or published: a link out of the project, a
special file, a folder named like a file, a broken link, an unreadable or non-UTF-8 page each
give a clear error naming it (never a hang, a traceback or a published secret)."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from healthsite.commands.cli import main
from healthsite.source.errors import display_path
from healthsite.source.project_files import (
    MAX_PAGE_BYTES,
    ProjectFileError,
    markdown_pages,
    read_page_text,
)

from .conftest import FIXTURE_CONTENT, TODAY, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", FIXTURE_CONTENT)


def link(path: Path, target: str | Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def outside_file(project: Path) -> Path:
    outside = project.parent / "outside" / "secret.txt"
    outside.parent.mkdir(exist_ok=True)
    outside.write_text("SECRET=1\n")
    return outside


def replace_by_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _git_config(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: token\n")
    link(project / "docs" / "config.txt", "../.git/config")


def _device(project: Path) -> None:
    try:
        os.mknod(project / "docs" / "zero.bin", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("this machine does not allow making device files")


def _socket(project: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(project / "docs" / "talk.sock"))


def _folder_named_like_a_page(project: Path) -> None:
    (project / "docs" / "notes.md").mkdir()
    (project / "docs" / "notes.md" / "a.md").write_text("# A\n")


def _clinic_file_is_a_folder(project: Path) -> None:
    (project / "content" / "clinic.yml").unlink()
    (project / "content" / "clinic.yml").mkdir()


def _benefits_folder_outside(project: Path) -> None:
    outside = project.parent / "elsewhere"
    (project / "content" / "benefits").rename(outside)
    link(project / "content" / "benefits", outside)


# (what, how to make it, the first line of the report, whether reading it could hang)
CASES: list[tuple[str, Callable[[Path], object], str, bool]] = [
    (
        "a page linked to a file outside the project",
        lambda p: link(p / "docs" / "passwd.txt", "/etc/passwd"),
        "docs/passwd.txt: error: this link points outside the project (to /etc/passwd); only "
        "the project's own files may be published",
        False,
    ),
    (
        "an asset linked to the build machine's environment",
        lambda p: link(p / "docs" / "assets" / "env.txt", "/proc/self/environ"),
        "docs/assets/env.txt: error: this link points outside the project (to /proc/",
        True,
    ),
    (
        "an image linked to /dev/zero",
        lambda p: link(p / "docs" / "assets" / "big.png", "/dev/zero"),
        "docs/assets/big.png: error: this link points outside the project (to /dev/zero)",
        True,
    ),
    (
        "a benefit file linked to a file outside the project",
        lambda p: link(p / "content" / "benefits" / "extra.yml", outside_file(p)),
        "content/benefits/extra.yml: error: this link points outside the project (to ",
        False,
    ),
    (
        "a template linked to a file outside the project",
        lambda p: link(p / "overrides" / "partials" / "x.html", outside_file(p)),
        "overrides/partials/x.html: error: this link points outside the project (to ",
        False,
    ),
    (
        "a content folder linked outside the project",
        _benefits_folder_outside,
        "content/benefits: error: this link points outside the project (to ",
        False,
    ),
    (
        "a link into .git (its config can hold a token)",
        _git_config,
        "docs/config.txt: error: this link points into the hidden folder .git (to .git/config), "
        "whose files are never published",
        False,
    ),
    (
        "a broken link",
        lambda p: link(p / "docs" / "gone.md", "missing.md"),
        "docs/gone.md: error: this link is broken: it points to missing.md, which does not exist",
        False,
    ),
    (
        "a link to itself",
        lambda p: link(p / "docs" / "self.md", "self.md"),
        "docs/self.md: error: this link leads round in a loop (self.md)",
        False,
    ),
    (
        "a folder link back to docs/ (a loop)",
        lambda p: link(p / "docs" / "again", "."),
        "docs/again: error: this link leads to a folder that is already part of the site (docs)",
        True,
    ),
    (
        "a named pipe as a page",
        lambda p: os.mkfifo(p / "docs" / "pipe.md"),
        "docs/pipe.md: error: this is a named pipe, not a file; reading it could hang the build",
        True,
    ),
    (
        "a named pipe as a content file",
        lambda p: replace_by_pipe(p / "content" / "faq.yml"),
        "content/faq.yml: error: this is a named pipe, not a file; reading it could hang the build",
        True,
    ),
    (
        "a device file",
        _device,
        "docs/zero.bin: error: this is a device, not a file; reading it could hang the build",
        True,
    ),
    ("a socket", _socket, "docs/talk.sock: error: this is a socket, not a file", True),
    (
        "a folder named like a page",
        _folder_named_like_a_page,
        "docs/notes.md: error: this is a folder, but its name ends in '.md' like a file",
        False,
    ),
    (
        "a folder where a content file should be",
        _clinic_file_is_a_folder,
        "content/clinic.yml: error: this is a folder, but its name ends in '.yml' like a file",
        False,
    ),
    (
        "a page that is not UTF-8",
        lambda p: (p / "docs" / "notes.md").write_bytes(b"# Notes\n\nA \x93quote\x94.\n"),
        "docs/notes.md:3:3: error: the file is not valid UTF-8 (byte 0x93 here, often a curly "
        "quote or dash pasted from Word in another encoding)",
        False,
    ),
    (
        "a page over the size limit",
        lambda p: (p / "docs" / "long.md").write_text("# Long\n\n" + "Words. " * 45_000),
        "docs/long.md: error: the file is 308 KiB; pages may be at most 256 KiB",
        False,
    ),
]


def check_output(project: Path, capsys: pytest.CaptureFixture[str], *, may_hang: bool) -> str:
    """What `healthsite check` prints; in a separate process with a time limit when a
    mistake in the code could make it hang."""
    if not may_hang:
        assert main(["--root", str(project), "check"]) == 1
        return capsys.readouterr().err
    result = subprocess.run(
        [sys.executable, "-m", "healthsite.commands.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HEALTHSITE_TODAY": TODAY},
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("make", "expected", "may_hang"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unsafe_file_gives_a_clear_error(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], object],
    expected: str,
    may_hang: bool,
) -> None:
    make(project)
    err = check_output(project, capsys, may_hang=may_hang)
    assert "Traceback" not in err
    assert err.startswith(expected), err


def test_a_link_out_of_the_project_is_never_published(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = outside_file(project)
    link(project / "docs" / "assets" / "notes.txt", secret)
    assert main(["--root", str(project), "build"]) == 1
    err = capfd.readouterr().err
    assert "docs/assets/notes.txt: error: this link points outside the project" in err
    assert "The site was not built; the previous site is unchanged." in err
    assert not (project / "site").exists()
    assert not [p for p in project.parent.rglob("*") if p.name.startswith(".site-new-")]


def test_links_inside_the_project_are_fine(project: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "logo.svg").write_text("<svg/>")
    link(project / "docs" / "assets" / "shared-logo.svg", "../../shared/logo.svg")
    link(project / "docs" / "shared", "../shared")
    assert main(["--root", str(project), "build"]) == 0
    assert (project / "site" / "assets" / "shared-logo.svg").read_text() == "<svg/>"
    assert (project / "site" / "shared" / "logo.svg").read_text() == "<svg/>"


def test_an_unreadable_file_is_named(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, which can read anything, so the refusal is simulated.
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if str(path).endswith("faq.yml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    assert main(["--root", str(project), "check"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "content/faq.yml: error: cannot read the file (Permission denied)",
        "    How to fix: check the file's permissions",
    ]


# -- the API other checks use ------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.md").write_text("# Home\r\n\r\nText.\r\n")
    (folder / "sub" / "page.md").write_text("# Page\n")
    (folder / "style.css").write_text("p {}")
    yield folder


def test_read_page_text_gives_the_text_with_plain_line_endings(docs: Path) -> None:
    assert read_page_text(docs / "index.md", docs.parent) == "# Home\n\nText.\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "x.md").symlink_to("/etc/hostname"), "this link points outside"),
        (lambda d: os.mkfifo(d / "x.md"), "this is a named pipe, not a file"),
        (lambda d: (d / "x.md").mkdir(), "this is a folder, not a file"),
        (lambda d: (d / "x.md").write_bytes(b"\xff"), "the file is not valid UTF-8"),
        (
            lambda d: (d / "x.md").write_text("a" * (MAX_PAGE_BYTES + 1)),
            "the file is 257 KiB; pages may be at most 256 KiB",
        ),
        (lambda d: None, "this file is missing"),
    ],
    ids=["link out", "pipe", "folder", "not UTF-8", "too large", "missing"],
)
def test_read_page_text_refuses_with_a_located_problem(
    docs: Path, make: Callable[[Path], object], message: str
) -> None:
    make(docs)
    with pytest.raises(ProjectFileError) as caught:
        read_page_text(docs / "x.md", docs.parent)
    assert caught.value.problem.file == "docs/x.md"
    assert caught.value.problem.message.startswith(message)


def test_markdown_pages_lists_only_pages_that_are_safe_to_read(docs: Path) -> None:
    os.mkfifo(docs / "pipe.md")
    (docs / "out.md").symlink_to("/etc/hostname")
    (docs / "sub" / "same.md").symlink_to("page.md")
    assert [p.relative_to(docs).as_posix() for p in markdown_pages(docs, docs.parent)] == [
        "index.md",
        "sub/page.md",
        "sub/same.md",
    ]


def test_a_path_is_shown_from_the_project_as_written_or_through_a_linked_folder(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real)
    assert display_path(link / "content" / "clinic.yml", link) == "content/clinic.yml"
    assert display_path(real / "content" / "clinic.yml", link) == "content/clinic.yml"
    assert display_path(Path("content/x.yml"), Path.cwd()) == "content/x.yml"
    outside = tmp_path / "elsewhere.yml"
    assert display_path(outside, link) == str(outside)
