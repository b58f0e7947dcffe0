"""`healthsite rename-person OLD NEW`: change a person's id everywhere the content uses it.

A person of `content/clinic.yml` is named by id in the review blocks of every page, of
`safety.yml` and of clinic.yml's legal blocks, and in the team page's list
(`loader.person_references`, the same list the check reads). This finds each of those values
by its position in the file (`yaml_source`) and replaces that span of the text and nothing else,
so comments, quotes, blank lines and the same word in prose stay as they were; the person's own
`id:` changes too, and so does a photo named after the id (`docs/assets/team/alex.png` becomes
`maria.png`, its `photo:` line with it).

Every change is worked out before anything is written, and refused as a whole (`RenameRefused`,
with the file, line and what to do) when one part cannot be done: the content must load without
errors, OLD must be a person, NEW a free, valid id, each value written as the id itself
(`alex`, `'alex'` or `"alex"`), and a renamed photo's new name free. Then each file is written
beside itself and swapped in (`os.replace`); if a swap fails, the files already swapped get
their old bytes back.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import posixpath
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.model.fields import KEY_PATTERN
from healthsite.model.loader import SiteContent, load_content, person_references
from healthsite.model.validation_messages import did_you_mean
from healthsite.source.errors import ContentErrors, display_path, format_problems
from healthsite.source.project_files import (
    ProjectFileError,
    decode_utf8,
    project_files,
    read_page_text,
    read_project_bytes,
)
from healthsite.source.yaml_source import MAX_FILE_BYTES, Location, YamlDocument

# Files of docs/ that may show a photo by its file name (pages, templates, stylesheets).
_TEXT_SUFFIXES = (".md", ".html", ".css", ".js")
# Ids YAML reads as something other than text when written plainly.
_NOT_TEXT = frozenset({"true", "false", "null"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class RenameRefused(Exception):
    """Why the rename cannot be done; nothing has been changed."""


@dataclass(frozen=True)
class Change:
    """One value of a YAML file to replace: `old` written at `line`, `column` becomes `new`."""

    doc: YamlDocument
    line: int
    column: int
    old: str
    new: str

    def describe(self) -> str:
        return f"{self.doc.file}:{self.line}: {self.old} → {self.new}"


@dataclass(frozen=True)
class PhotoMove:
    source: Path
    target: Path


@dataclass
class Plan:
    """Everything the rename changes, worked out before anything is written."""

    changes: list[Change] = field(default_factory=list)
    photo: PhotoMove | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _FileEdit:
    path: Path  # the file itself (a link inside the project is followed)
    shown: str
    before: bytes
    after: bytes


def rename_in_project(root: Path, old: str, new: str, *, dry_run: bool) -> int:
    """`rename_person` in the folders the project's mkdocs.yml names."""
    try:
        _, project = read_project(root)
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=1)
    return rename_person(project.content_dir, project.docs_dir, root, old, new, dry_run=dry_run)


def rename_person(
    content_dir: Path, docs_dir: Path, root: Path, old: str, new: str, *, dry_run: bool = False
) -> int:
    """The command: print each change (`file:line: old → new`) and a summary, and write them
    unless `dry_run`. 0 when done, 1 (with what to do) when refused; nothing is changed then."""
    try:
        plan = plan_rename(content_dir, docs_dir, root, old, new)
        edits = _file_edits(plan, root)
        if not dry_run:
            _write(edits, plan.photo)
    except RenameRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    for change in plan.changes:
        print(change.describe())
    if plan.photo is not None:
        source, target = (display_path(p, root) for p in (plan.photo.source, plan.photo.target))
        print(f"{source} → {target}")
    for note in plan.notes:
        print(f"note: {note}")
    changes = len(plan.changes) + (plan.photo is not None)
    files = len(edits) + (plan.photo is not None)
    summary = f"{_count(changes, 'change')} in {_count(files, 'file')}"
    if dry_run:
        print(f"Would rename '{old}' to '{new}': {summary}. Nothing written (--dry-run).")
    else:
        print(f"Renamed '{old}' to '{new}': {summary}.")
    return 0


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def plan_rename(content_dir: Path, docs_dir: Path, root: Path, old: str, new: str) -> Plan:
    """Every change renaming `old` to `new` makes; raises `RenameRefused` when it cannot."""
    content = _loaded(content_dir, root)
    clinic, doc = content.clinic, content.clinic_doc
    ids = [person.id for person in clinic.people]
    if old not in ids:
        raise RenameRefused(
            f"{doc.file} has no person with the id '{old}'. "
            + _sentence(did_you_mean(old, ids))
            + "The ids there: "
            + ", ".join(ids)
        )
    _check_new_id(old, new, content)
    place = ids.index(old)
    person = clinic.people[place]
    plan = Plan([_change(doc, ("people", place, "id"), old, new)])
    plan.changes += [
        _change(named_in, where, old, new)
        for named_in, where, person_id in person_references(content)
        if person_id == old
    ]
    if person.photo is not None:
        _plan_photo(plan, content, place, docs_dir=docs_dir, root=root, old=old, new=new)
    line = doc.position(("people", place, "name")).line
    plan.notes.append(
        f"{person.name}'s name and other details ({doc.file}, line {line}) are as they were: "
        "change them there if the person changed too"
    )
    return plan


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _loaded(content_dir: Path, root: Path) -> SiteContent:
    try:
        return load_content(content_dir, root)
    except ContentErrors as exc:
        raise RenameRefused(
            f"the content has problems, so the people it names cannot all be found:\n"
            f"{format_problems(exc.problems)}\n"
            "Fix these first (`healthsite check` lists them), then rename. If you changed the id "
            "in clinic.yml by hand already, change it back and run this command again"
        ) from None


def _check_new_id(old: str, new: str, content: SiteContent) -> None:
    doc = content.clinic_doc
    if new == old:
        raise RenameRefused(f"'{old}' and '{new}' are the same id: there is nothing to rename")
    if not re.fullmatch(KEY_PATTERN, new) or new in _NOT_TEXT:
        better = re.sub(r"[^a-z0-9_-]+", "-", new.lower()).strip("-_")
        better = re.sub(r"^[^a-z]+", "", better)
        example = f" such as '{better}'" if better and better not in _NOT_TEXT else ""
        raise RenameRefused(
            f"'{new}' cannot be a person's id: an id is small letters, digits, '-' and '_', "
            f"starting with a letter (and not true, false or null); choose one{example}"
        )
    for i, person in enumerate(content.clinic.people):
        if person.id == new:
            line = doc.position(("people", i, "id")).line
            raise RenameRefused(
                f"{doc.file} line {line} already has a person with the id '{new}' "
                f"({person.name}); choose another id"
            )


def _plan_photo(
    plan: Plan, content: SiteContent, place: int, *, docs_dir: Path, root: Path, old: str, new: str
) -> None:
    """The photo is renamed with its person when its file is named after the id, it is there,
    and nothing else shows it (then its name is left as it is, with a note)."""
    doc = content.clinic_doc
    photo = content.clinic.people[place].photo
    assert photo is not None
    folder, name = posixpath.split(photo)
    stem, suffix = posixpath.splitext(name)
    if stem != old:
        return
    at = ("people", place, "photo")
    line = doc.position(at).line
    source, target = docs_dir / photo, docs_dir / posixpath.join(folder, new + suffix)
    shown = display_path(source, root)
    if not source.is_file():
        plan.notes.append(
            f"the photo {shown} ({doc.file}, line {line}) is not there, so its line is left "
            "as it is (`healthsite check` says what to do)"
        )
        return
    if os.path.lexists(target):
        raise RenameRefused(
            f"{display_path(target, root)} is there already, so the photo {shown} "
            f"({doc.file}, line {line}) cannot take its name: move or rename that file first"
        )
    shared = [p.name for p in content.clinic.people if p.photo == photo and p.id != old]
    used = shared or list(_shown_in(docs_dir, root, name))
    if used:
        plan.notes.append(
            f"the photo {shown} keeps its name: {', '.join(used)} also show it (rename the "
            "file and every line that names it by hand if you like)"
        )
        return
    plan.changes.append(_change(doc, at, photo, posixpath.join(folder, new + suffix)))
    plan.photo = PhotoMove(source, target)


def _shown_in(docs_dir: Path, root: Path, name: str) -> Iterator[str]:
    """The files of docs/ that name the file `name` (a page showing the photo)."""
    for path in project_files(docs_dir, root):
        if path.suffix.lower() not in _TEXT_SUFFIXES:
            continue
        try:
            text = read_page_text(path, root)
        except ProjectFileError:
            continue  # the check reports it
        if name in text:
            yield display_path(path, root)


def _change(doc: YamlDocument, where: Location, old: str, new: str) -> Change:
    position = doc.position(where)
    return Change(doc, position.line, position.column, old, new)


def _file_edits(plan: Plan, root: Path) -> list[_FileEdit]:
    """The new bytes of each file the plan changes; raises `RenameRefused` when a value is not
    written as the plain, single- or double-quoted id, or the file changed since it was read."""
    by_file: dict[str, list[Change]] = {}
    for change in plan.changes:
        by_file.setdefault(change.doc.file, []).append(change)
    edits = []
    for shown, changes in by_file.items():
        path = Path(os.path.realpath(root / shown))
        try:
            before = read_project_bytes(root / shown, root, limit=MAX_FILE_BYTES)
        except ProjectFileError as exc:
            raise RenameRefused(exc.problem.format()) from None
        text, _ = decode_utf8(shown, before)
        if text is None or _lines_as_read(text) != changes[0].doc.text:
            raise RenameRefused(f"{shown} changed while it was being read; run the command again")
        after = _replaced(text, changes)
        bom = codecs.BOM_UTF8 if before.startswith(codecs.BOM_UTF8) else b""
        edits.append(_FileEdit(path, shown, before, bom + after.encode("utf-8")))
    return edits


def _lines_as_read(text: str) -> str:
    """The text with the line endings `yaml_source` reads it with."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _replaced(text: str, changes: list[Change]) -> str:
    """`text` with each change's span replaced (the file's own line endings kept)."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    spans = []
    for change in changes:
        offset = starts[change.line - 1] + change.column - 1
        for quote in ("", "'", '"'):
            written = f"{quote}{change.old}{quote}"
            if text.startswith(written, offset):
                spans.append((offset + len(quote), len(change.old), change.new))
                break
        else:
            raise RenameRefused(
                f"{change.doc.file} line {change.line}: '{change.old}' is written in a way this "
                f"command does not change (with escapes or over several lines); write it as "
                f"{change.old} and run the command again"
            )
    for offset, length, new in sorted(spans, reverse=True):
        text = text[:offset] + new + text[offset + length :]
    return text


def _write(edits: list[_FileEdit], photo: PhotoMove | None) -> None:
    """Write every file beside itself, then swap them in; all or nothing."""
    staged: list[tuple[_FileEdit, Path]] = []
    try:
        for edit in edits:
            staged.append((edit, _stage(edit.path, edit.after)))
        if photo is not None:
            _move_photo(photo)
    except OSError as exc:
        for _, temp in staged:
            _remove(temp)
        raise RenameRefused(f"could not write the changes ({exc})") from None
    done: list[_FileEdit] = []
    try:
        for edit, temp in staged:
            temp.replace(edit.path)
            done.append(edit)
    except OSError as exc:
        failed = staged[len(done)][0].shown
        for _, temp in staged[len(done) :]:
            _remove(temp)
        _undo(done, photo)
        raise RenameRefused(f"could not write {failed} ({exc})") from None


def _stage(path: Path, data: bytes) -> Path:
    """`data` in a new file beside `path`, with its permissions; the new file's name."""
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temp.chmod(mode)
    except OSError:
        _remove(temp)
        raise
    return temp


def _move_photo(photo: PhotoMove) -> None:
    if os.path.lexists(photo.target):  # appeared since the plan was made
        raise FileExistsError(f"{photo.target} is there already")
    photo.source.rename(photo.target)


def _undo(done: list[_FileEdit], photo: PhotoMove | None) -> None:
    """Put back the files already swapped in and the photo's name (as far as possible)."""
    for edit in done:
        try:
            _stage(edit.path, edit.before).replace(edit.path)
        except OSError as exc:
            print(f"error: could not restore {edit.shown} ({exc})", file=sys.stderr)
    if photo is not None:
        try:
            photo.target.rename(photo.source)
        except OSError as exc:
            print(f"error: could not restore the photo {photo.source} ({exc})", file=sys.stderr)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
