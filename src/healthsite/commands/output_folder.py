"""The output folder of `healthsite build`: which folder may be replaced, and replacing it so the
live site is never missing, half-written, unreadable or clobbered by a second build.

- `unsafe_site_dir` refuses anything but a folder that does not exist yet or one this command
  built (it holds `BUILD_MARK`): never a file (`--site-dir mkdocs.yml`), a link, the project or
  one of its folders, or a folder someone else made;
- `staging_folder` makes the new site's folder beside the target, with the permissions the
  user's umask gives (normally 755), not mkdtemp's 0700 that a web server cannot read;
- `swap_in` puts the finished site in place in one atomic step where the system allows;
- `build_lock` lets one build at a time write a given folder (an flock on a file beside it);
- `stop_on_signals` turns Ctrl-C, SIGTERM and SIGHUP into `Stopped`, so the build (which runs
  in this process) stops where it is and the caller deletes the staging folder;
  `signals_blocked` holds them back across a step that must not be cut in half.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from healthsite.source.safe_files import open_regular

# Written into every site this command builds: only a folder carrying it is ever replaced.
BUILD_MARK = ".healthsite-build"
PROJECT_FOLDERS = ("content", "docs", "overrides", "src", "tests", "scripts", ".git")


def unsafe_site_dir(root: Path, site_dir: Path) -> str:
    """Why `site_dir` must not be replaced by a build ('' when it may be)."""
    root = root.resolve()
    if site_dir == root or site_dir in root.parents:
        return "it holds the project; choose a folder such as site/"
    for folder in PROJECT_FOLDERS:
        if site_dir == root / folder or (root / folder) in site_dir.parents:
            return f"it is part of the project ({folder}/); choose a folder such as site/"
    return _foreign(site_dir)


def _foreign(site_dir: Path) -> str:
    """Why the existing `site_dir` is not a site this command built ('' when it is, or when
    nothing is there)."""
    if site_dir.is_symlink():
        return "it is a link; give the folder it points to, or delete the link"
    if not site_dir.exists():
        return ""
    if not site_dir.is_dir():
        return "it is a file, not a folder this command built; choose a folder such as site/"
    mark = site_dir / BUILD_MARK
    if mark.is_symlink() or not mark.is_file():
        return (
            f"it already exists and was not built by this command (it has no {BUILD_MARK} "
            "file); delete it or choose another folder"
        )
    return ""


def output_path(root: Path, site_dir: Path) -> Path:
    """`site_dir` (relative to the project) as an absolute path whose folder has no links; a
    link as its last part is kept, for `unsafe_site_dir` to refuse."""
    given = Path(os.path.normpath(site_dir if site_dir.is_absolute() else root / site_dir))
    return given.parent.resolve() / given.name


def staging_folder(site_dir: Path) -> Path:
    """A new empty folder beside `site_dir` (same file system, so it can be renamed into place)
    with the permissions a new folder gets from the user's umask."""
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    return staging


def remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed outright (SIGKILL, power loss). Call it with
    the build lock held, so no other build is using them."""
    for leftover in site_dir.parent.glob(f".{site_dir.name}-new-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


# renameat2(2) flags (linux/fs.h) and the "current directory" file descriptor (fcntl.h).
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2(source: Path, target: Path, flags: int) -> bool:
    """rename(2) with `flags`; False when this system cannot do it (not Linux, a C library
    without renameat2, or a file system without the flag), so that the caller falls back."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    error = ctypes.get_errno()
    if error in {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}:
        return False
    raise OSError(error, os.strerror(error), str(source), None, str(target))


def swap_in(new: Path, target: Path) -> None:
    """Put the finished site `new` in place of `target`, so that `target` is at every moment
    either the whole old site or the whole new one. Afterwards `new` holds the old site (or
    nothing), for the caller to delete.

    On Linux one renameat2(RENAME_EXCHANGE) call swaps the two folders atomically. A `site` link
    switched by one rename would be atomic everywhere, but it would change what `site/` is for
    every tool that reads it (upload actions, web servers that refuse links, `rm -r site/`), so
    the folder stays a folder. Elsewhere, or on a file system without the exchange, two renames
    are used with the stop signals held back between them; only a crash of the machine between
    them would leave no `site/` until the next build.
    """
    with signals_blocked():
        if not target.exists():
            if not _renameat2(new, target, _RENAME_NOREPLACE):
                new.rename(target)
        elif not _renameat2(new, target, _RENAME_EXCHANGE):
            old = new.with_name(new.name + "-old")
            target.rename(old)
            new.rename(target)
            old.rename(new)


def lock_path(site_dir: Path) -> Path:
    """The build lock of `site_dir`: `.site.lock` beside `site/`."""
    return site_dir.with_name(f".{site_dir.name.lstrip('.')}.lock")


def lock_refusal(site_dir: Path) -> str:
    """Why the build lock of `site_dir` cannot be used ("" when it can): a link or anything but
    an ordinary file where the lock goes is never opened, let alone truncated."""
    lock = lock_path(site_dir)
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):
        return (
            f"{lock} is a link or not an ordinary file; delete it (the build makes its lock "
            "file again)"
        )
    return ""


@contextmanager
def build_lock(site_dir: Path) -> Iterator[str | None]:
    """Hold the lock for building into `site_dir` (`lock_path`, released when the process ends
    however it ends). Yields None when this build holds it, else a note on the build that does,
    such as " (process 1234)". OSError if the lock is a link or not an ordinary file."""
    lock = lock_path(site_dir)
    # Never through a link: truncating it would overwrite the file it points to.
    fd = open_regular(lock, os.O_RDWR | os.O_CREAT)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            yield f" (process {holder})" if holder.isdigit() else ""
            return
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield None
    finally:
        os.close(fd)


class Stopped(BaseException):
    """The command was asked to stop (Ctrl-C, SIGTERM, SIGHUP).

    A BaseException, like KeyboardInterrupt, so that the `except Exception` of MkDocs and its
    plugins lets it through: mkdocs-macros turns any Exception raised while it renders a page
    into a macro error, which would report a stop as a broken page."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise `Stopped` on the first stop signal (later ones are ignored while cleaning up).
    Only the main thread can handle signals; elsewhere (a build started from a thread) this
    changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold back the stop signals during a step that must not be cut in half; they are
    delivered when it is done."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
