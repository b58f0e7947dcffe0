"""The project's own files, walked and read safely: the one place that decides what may be read
from `content/`, `docs/` and `overrides/`, and so what may be published.

A site is built from whatever is in those folders, and MkDocs copies every file of `docs/` into
the site, following links. So a link committed by mistake (`docs/env.txt -> /proc/self/environ`)
would publish the build machine's secrets on the next deploy, a link to `/dev/zero` or a named
pipe would hang the build, and a folder called `x.md` would crash it. Here:

- `check_folder` walks a folder before anything is built and reports every entry that must not
  be read or published: a link that leads outside the project (or into a hidden folder such as
  `.git`, whose config can hold a token), a broken link, a link back to a folder already
  walked (a loop), a named pipe, socket or device, a folder named like a file, a folder that
  cannot be read, and a page (`*.md`) over `MAX_PAGE_BYTES`;
- `read_project_bytes` and `read_page_text` read one file only if it is a regular file inside
  the project, never more than a size limit, without blocking on a pipe; any problem is raised
  as `ProjectFileError`, carrying a `ContentProblem` that names the file;
- `markdown_pages` lists the pages (`*.md`) of a folder that are safe to read.

Other checks (the loader, the wording rules, any later page checker) read through these
functions, so they never follow a link out of the project or hang on a special file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from healthsite.source.errors import ContentProblem, display_path

# Hand-written pages have the same limit as content files: enough for any real page, small
# enough that every check on a page stays fast.
MAX_PAGE_BYTES = 256 * 1024
PAGE_SUFFIX = ".md"
# A folder with one of these endings is almost always a mistake for a file (docs/x.md/).
_FILE_LIKE_SUFFIXES = (".md", ".yml", ".yaml", ".html", ".css", ".js")
_PAGE_TOO_LARGE_HINT = "split it into several pages, or move pasted material out of the page"


class ProjectFileError(Exception):
    """A file that must not be read (or could not be), with the problem to show for it."""

    def __init__(self, problem: ContentProblem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def _problem(path: Path, root: Path, message: str, hint: str = "") -> ContentProblem:
    return ContentProblem(display_path(path, root), 0, 0, "", message, hint)


def too_large(display: str, size: int, limit: int, what: str, hint: str) -> ContentProblem:
    return ContentProblem(
        display,
        0,
        0,
        "",
        f"the file is {-(-size // 1024)} KiB; {what} may be at most {limit // 1024} KiB",
        hint,
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _special(path: Path, root: Path, mode: int) -> ContentProblem:
    return _problem(
        path,
        root,
        f"this is {_kind(mode)}, not a file; reading it could hang the build",
        "delete it: only ordinary files can be part of the site",
    )


def _hidden_part(relative: Path) -> str:
    return next((part for part in relative.parts if part.startswith(".")), "")


def link_problem(path: Path, root: Path) -> tuple[Path | None, ContentProblem | None]:
    """Where the link at `path` leads, or the problem with it: broken, a loop, outside the
    project, or into a hidden folder (`.git` holds the repository's config, sometimes a token)."""
    target_text = str(path.readlink())
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, _problem(
                path, root, f"this link leads round in a loop ({target_text})", "delete the link"
            )
        return None, _problem(
            path,
            root,
            f"this link is broken: it points to {target_text}, which does not exist",
            "delete the link, or put the file itself here",
        )
    real_root = Path(os.path.realpath(root))
    try:
        relative = target.relative_to(real_root)
    except ValueError:
        return None, _problem(
            path,
            root,
            f"this link points outside the project (to {target}); only the project's own "
            "files may be published",
            "delete the link; if the file belongs on the site, copy it into the project",
        )
    hidden = _hidden_part(relative)
    if hidden:
        return None, _problem(
            path,
            root,
            f"this link points into the hidden folder {hidden} (to {relative.as_posix()}), "
            "whose files are never published",
            "delete the link; if the file belongs on the site, copy it here",
        )
    return target, None


def _outside(path: Path, root: Path) -> str:
    """'' when the real location of `path` is inside the project and not in a hidden folder;
    else where it leads instead (a link in a parent folder counts too)."""
    real = Path(os.path.realpath(path))
    try:
        hidden = _hidden_part(real.relative_to(os.path.realpath(root)))
    except ValueError:
        return f"outside the project (to {real})"
    return f"into the hidden folder {hidden}" if hidden else ""


@dataclass
class _Walk:
    root: Path
    problems: list[ContentProblem]
    files: list[Path]

    def folder(self, folder: Path) -> None:
        """Walk `folder` without recursion (depth cannot exhaust the stack), entering each real
        folder once (links cannot make the walk loop or grow exponentially)."""
        visited = {Path(os.path.realpath(folder))}
        pending = [folder]
        while pending:
            current = pending.pop()
            try:
                with os.scandir(current) as listing:
                    entries = sorted(listing, key=lambda e: (e.is_symlink(), e.name))
            except OSError as exc:
                self.problems.append(
                    _problem(
                        current,
                        self.root,
                        f"cannot read this folder ({exc.strerror})",
                        "check its permissions",
                    )
                )
                continue
            below = [Path(e.path) for e in entries if self.entry(Path(e.path), visited)]
            pending.extend(reversed(below))

    def _resolve(self, path: Path, visited: set[Path]) -> tuple[Path, int] | None:
        """The real path and mode of `path`, following a link that may be followed; None
        (with the problem noted) when it may not be."""
        try:
            mode = path.lstat().st_mode
            if not stat.S_ISLNK(mode):
                return path, mode
            target, problem = link_problem(path, self.root)
            if problem is not None or target is None:
                self.problems.append(problem or _problem(path, self.root, "broken link"))
                return None
            mode = target.stat().st_mode
        except OSError as exc:
            self.problems.append(_problem(path, self.root, f"cannot read it ({exc.strerror})"))
            return None
        if stat.S_ISDIR(mode) and target in visited:
            self.problems.append(
                _problem(
                    path,
                    self.root,
                    "this link leads to a folder that is already part of the site "
                    f"({display_path(target, self.root)}), so it would be published twice "
                    "or loop for ever",
                    "delete the link",
                )
            )
            return None
        return target, mode

    def entry(self, path: Path, visited: set[Path]) -> bool:
        """Check one entry; True when it is a folder to walk into."""
        resolved = self._resolve(path, visited)
        if resolved is None:
            return False
        real, mode = resolved
        if stat.S_ISREG(mode):
            self.files.append(path)
        elif not stat.S_ISDIR(mode):
            self.problems.append(_special(path, self.root, mode))
        elif path.name.lower().endswith(_FILE_LIKE_SUFFIXES):
            self.problems.append(
                _problem(
                    path,
                    self.root,
                    f"this is a folder, but its name ends in '{path.suffix}' like a file",
                    "rename the folder, or move the file out of it and delete the folder",
                )
            )
        else:
            real = Path(os.path.realpath(real))
            if real not in visited:  # else it was reached through a link already
                visited.add(real)
                return True
        return False


def check_folder(folder: Path, root: Path) -> list[ContentProblem]:
    """Every entry under `folder` that must not be read or published (see the module doc), and
    every page over the size limit. A missing folder has no problems here (the loader says what
    is missing)."""
    if not os.path.lexists(folder):
        return []
    if folder.is_symlink():
        _, problem = link_problem(folder, root)
        if problem is not None:
            return [problem]
    outside = _outside(folder, root)
    if outside:
        message = f"this folder is reached through a link that leads {outside}"
        return [_problem(folder, root, message)]
    problems: list[ContentProblem] = []
    files: list[Path] = []
    _Walk(root, problems, files).folder(folder)
    for path in files:
        if path.suffix == PAGE_SUFFIX:
            size = path.stat().st_size
            if size > MAX_PAGE_BYTES:
                problems.append(
                    too_large(
                        display_path(path, root),
                        size,
                        MAX_PAGE_BYTES,
                        "pages",
                        _PAGE_TOO_LARGE_HINT,
                    )
                )
    return problems


def project_files(folder: Path, root: Path) -> list[Path]:
    """Every file under `folder` that is safe to read (see `check_folder`), in name order."""
    if not folder.is_dir():
        return []
    files: list[Path] = []
    _Walk(root, [], files).folder(folder)
    return sorted(files)


def markdown_pages(folder: Path, root: Path) -> list[Path]:
    """The pages (`*.md`) under `folder` that are safe to read, in name order."""
    if not folder.is_dir():
        return []
    files: list[Path] = []
    _Walk(root, [], files).folder(folder)
    return sorted(path for path in files if path.suffix == PAGE_SUFFIX)


def _open_regular(path: Path, root: Path) -> tuple[int, os.stat_result]:
    """An open descriptor on `path`, which must be a regular file inside the project."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        raise ProjectFileError(_problem(path, root, "this file is missing")) from None
    except OSError as exc:
        raise ProjectFileError(
            _problem(path, root, f"cannot read the file ({exc.strerror})")
        ) from None
    if stat.S_ISLNK(mode):
        _, problem = link_problem(path, root)
        if problem is not None:
            raise ProjectFileError(problem)
    outside = _outside(path, root)
    if outside:
        raise ProjectFileError(
            _problem(
                path,
                root,
                f"this file is reached through a link that leads {outside}",
                "replace the linked folder by a real folder inside the project",
            )
        )
    try:
        # Non-blocking, so that a named pipe swapped in after the checks cannot hang the read.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        hint = "check the file's permissions" if exc.errno == errno.EACCES else ""
        raise ProjectFileError(
            _problem(path, root, f"cannot read the file ({exc.strerror})", hint)
        ) from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise ProjectFileError(
            _problem(
                path,
                root,
                "this is a folder, not a file",
                "rename or delete the folder, and put the file here",
            )
        )
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ProjectFileError(_special(path, root, info.st_mode))
    return fd, info


def read_project_bytes(
    path: Path, root: Path, *, limit: int, what: str = "files", hint: str = ""
) -> bytes:
    """The bytes of the regular file `path` inside the project `root`, refused when larger than
    `limit` ("the file is N KiB; {what} may be at most ... KiB", with `hint`). Never follows a
    link out of the project, never blocks, never reads more than `limit` + 1 bytes."""
    fd, info = _open_regular(path, root)
    with os.fdopen(fd, "rb") as file:
        if info.st_size > limit:
            raise ProjectFileError(
                too_large(display_path(path, root), info.st_size, limit, what, hint)
            )
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise ProjectFileError(
                _problem(path, root, f"cannot read the file ({exc.strerror})")
            ) from None
    if len(data) > limit:  # it grew after it was measured
        raise ProjectFileError(too_large(display_path(path, root), len(data), limit, what, hint))
    return data


def decode_utf8(display: str, raw: bytes) -> tuple[str | None, list[ContentProblem]]:
    """The text of a file that must be UTF-8 (a leading byte order mark is allowed), or a
    problem at the line and column of the first byte that is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            ContentProblem(
                display,
                1,
                1,
                "",
                "the file is saved as UTF-16, not UTF-8",
                "save it again with the encoding 'UTF-8'",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [
            ContentProblem(
                display,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} here, often a curly "
                "quote or dash pasted from Word in another encoding)",
                "save the file with the encoding 'UTF-8', then check this character",
            )
        ]


def read_page_text(path: Path, root: Path, *, limit: int = MAX_PAGE_BYTES) -> str:
    """The text of a hand-written page (or any text file) inside the project, with its line
    endings made "\\n". Raises `ProjectFileError` (its `.problem` names the file and, for bad
    encoding, the line) when the file is missing, a link out of the project, not a regular
    file, over `limit` bytes, unreadable or not UTF-8."""
    raw = read_project_bytes(path, root, limit=limit, what="pages", hint=_PAGE_TOO_LARGE_HINT)
    text, problems = decode_utf8(display_path(path, root), raw)
    if text is None:
        raise ProjectFileError(problems[0])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_folders(folders: Iterable[Path], root: Path) -> list[ContentProblem]:
    """`check_folder` for each of `folders` (each folder once)."""
    seen: set[Path] = set()
    problems: list[ContentProblem] = []
    for folder in folders:
        real = Path(os.path.realpath(folder))
        if real in seen:
            continue
        seen.add(real)
        problems += check_folder(folder, root)
    return problems
