"""The pictures mkdocs.yml names by file under `theme:` (`logo`, `favicon`), found whichever
ending they were saved with. When the file a setting names is not there, the build draws its own
heart logo or icon in its place without a word; so when a picture of the same name with another
ending is there (a PNG logo while mkdocs.yml names the SVG), or one named like the setting in
docs/assets/ (`assets/logo.png`), the problem names the line of mkdocs.yml and what to write on
it instead.

mkdocs.yml is read as YAML nodes only (nothing is constructed, so no tag runs code), to find the
line and the value as written; the folders are listed once each, so the check is linear in
them.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from healthsite.source.errors import ContentProblem, display_path

# Endings of pictures a clinic may have saved its logo or icon as, usable or not.
PICTURE_SUFFIXES = (".svg", ".png", ".webp", ".jpg", ".jpeg", ".gif", ".ico")
FAVICON_SUFFIXES = (".svg", ".png", ".ico")  # what browsers show in the tab
# Where a clinic's own pictures go (docs/assets/logo.png), whatever the setting names.
ASSETS = "assets"
# What YAML counts as the end of a line (its marks count lines by these).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class SettingLine:
    """Where mkdocs.yml writes a setting: its line, its column, and the line as written."""

    line: int  # 1-based
    column: int  # 1-based
    text: str
    value_start: int  # the value's span in `text`, quotes included
    value_end: int

    def with_value(self, written: str, new: str) -> str:
        """The line with its value `written` changed to `new` (quotes and comment kept)."""
        value = self.text[self.value_start : self.value_end]
        if written not in value:  # written with escapes: write the plain value instead
            value = written
        changed = self.text[: self.value_start] + value.replace(written, new, 1)
        return (changed + self.text[self.value_end :]).strip()


def setting_line(config_file: Path, section: str, key: str) -> SettingLine | None:
    """Where mkdocs.yml sets `section.key` (the last such line, the one YAML keeps), or None
    when it does not, or cannot be read (MkDocs reports that)."""
    try:
        text = config_file.read_text(encoding="utf-8")
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    block = _value(document, section)
    node = _value(block, key)
    if not isinstance(node, yaml.ScalarNode):
        return None
    start, end = node.start_mark, node.end_mark
    lines = _LINE_BREAK.split(text)
    line = lines[start.line] if start.line < len(lines) else ""
    value_end = end.column if end.line == start.line else len(line)
    return SettingLine(start.line + 1, start.column + 1, line, start.column, value_end)


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    found = None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = value_node
    return found


def other_picture(
    key: str, written: str, folders: Sequence[Path], usable: Sequence[str]
) -> tuple[Path, str] | None:
    """The picture (its path, and its path inside its folder as mkdocs.yml would name it) with
    the name `written` has but another ending, in the same folder of one of `folders` (where
    MkDocs looks); else one named after the setting (`logo.*`) in docs/assets/. Usable endings
    first."""
    relative = posixpath.normpath(written)
    if relative.startswith(("/", "../")) or relative == ".." or not folders:
        return None
    folder, name = posixpath.split(relative)
    stem = posixpath.splitext(name)[0]
    places = [(root, folder, stem) for root in folders]
    if (folder, stem) != (ASSETS, key):
        places.append((folders[0], ASSETS, key))
    order = [*usable, *(s for s in PICTURE_SUFFIXES if s not in usable)]
    for root, inside, wanted in places:
        found: dict[str, tuple[Path, str]] = {}
        for path in _files(root / inside):
            suffix = path.suffix.lower()
            if path.stem == wanted and suffix in order and suffix not in found:
                found[suffix] = (path, posixpath.join(inside, path.name))
        if found:  # the nearest place that has one
            return found[min(found, key=order.index)]
    return None


def _files(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if e.is_file(follow_symlinks=False))
    except OSError:
        return []


def check_favicon(
    favicon: object, folders: Sequence[Path], root: Path, config_file: Path
) -> list[ContentProblem]:
    """The browser-tab icon `theme.favicon` names, when mkdocs.yml names one that is not there
    (the build draws its own icon at `assets/favicon.svg`) but another picture of that name
    is. Left unset, Material's own icon is used, and there is nothing to check."""
    if not favicon:
        return []
    written = str(favicon)
    relative = posixpath.normpath(written)
    if any(os.path.lexists(folder / relative) for folder in folders):
        return []
    if other_picture("favicon", written, folders, FAVICON_SUFFIXES) is None:
        return []
    if setting_line(config_file, "theme", "favicon") is None:
        return []
    problem = misnamed_picture(
        "favicon", written, folders, root, config_file, usable=FAVICON_SUFFIXES
    )
    return [problem] if problem is not None else []


def _either(words: Iterable[str]) -> str:
    *rest, last = words
    return f"{', '.join(rest)} or {last}" if rest else last


def misnamed_picture(
    key: str,
    written: str,
    folders: Sequence[Path],
    root: Path,
    config_file: Path,
    *,
    usable: Sequence[str],
) -> ContentProblem | None:
    """The problem when `theme.<key>` names `written`, which is not there, while a picture of
    the same name with another ending is: which line of mkdocs.yml to change, to what."""
    found = other_picture(key, written, folders, usable)
    if found is None:
        return None
    path, name = found
    shown = display_path(path, root)
    config = display_path(config_file, root)
    missing = f"{display_path(folders[0], root)}/{posixpath.normpath(written)}"
    first = ""
    if posixpath.splitext(name)[1].lower() not in usable:
        name = posixpath.splitext(name)[0] + ".png"
        kinds = _either(s.lstrip(".").upper() for s in usable)
        first = (
            f"{shown} cannot be used (only {kinds}): export it as PNG, save that as "
            f"{posixpath.basename(name)} beside it, then "
        )
    place = setting_line(config_file, "theme", key)
    if place is None:
        return ContentProblem(
            config,
            0,
            0,
            f"theme.{key}",
            f"`{key}: {written}` names {missing}, which is not there, but {shown} is",
            f"{first}change `{key}:` under `theme:` in {config} to `{key}: {name}`",
        )
    return ContentProblem(
        config,
        place.line,
        place.column,
        f"theme.{key}",
        f"`{place.text.strip()}` names {missing}, which is not there, but {shown} is",
        f"{first}change line {place.line} of {config} to `{place.with_value(written, name)}`",
    )
