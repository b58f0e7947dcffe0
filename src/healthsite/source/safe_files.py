"""Opening the files the build keeps for itself outside content/, docs/ and overrides/ (the
build lock, the image caches) without following a link: a committed link named like a cache
entry or the lock must never make the build read, publish or overwrite the file it points to.

Every open uses O_NOFOLLOW (the last component) and checks on the open descriptor that it is a
regular file; `linked_part` finds a link among the folders above it, within the project. Files
the build writes into a folder it has just made (the staging folders of `healthsite build` and
`healthsite new`, a new cache entry) are created with `write_new`, which never opens anything
that is already there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o644) -> int:
    """A descriptor of `path`, which must be a regular file and not a link. OSError otherwise
    (ELOOP for a link, EINVAL for a folder, a device or a pipe)."""
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(22, "not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` (a regular file, not a link) when it holds at most `limit` bytes.
    OSError otherwise."""
    fd = open_regular(path)
    try:
        if os.fstat(fd).st_size > limit:
            raise OSError(27, f"larger than {limit} bytes", str(path))
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit + 1)[:limit]
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` with `data`. OSError if anything is there already, a link included
    (O_CREAT | O_EXCL): a file is never written through a link or over another file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def linked_part(root: Path, path: Path) -> Path | None:
    """The first of `path` and the folders between `root` and it that is a link, or None (also
    None when `path` is not under `root`: only the project's own folders are checked)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None
