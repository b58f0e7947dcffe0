"""Read one YAML content file strictly, remembering where every value came from.

PyYAML's defaults are unkind to people who edit YAML by hand: it keeps the last of two duplicate
keys without a word, reads `No` as false, `17:30` as the number 1050 and `010` as 8, and follows
aliases without limit. This module reads YAML the way a person means it:

- only the safe loader's machinery is used, and anchors/aliases are refused (no alias bombs);
- plain scalars resolve by YAML 1.2 rules: `true`/`false` are booleans, decimal numbers of at
  most 18 digits are numbers, and everything else (`No`, `17:30`, `010`, `2025-01-10`, a
  5,000-digit number) stays text, which the models then read as a date, a time or a number
  where the field asks for one (or refuse, with a message);
- duplicate keys, tabs in indentation, invisible characters YAML would misread (control
  characters, NEL, LINE SEPARATOR, a byte order mark in mid-file), nesting deeper than
  `MAX_DEPTH`, files that are not UTF-8, empty files and oversized files are reported as
  problems with a line and column, counted on "\n" alone (other line endings are made "\n"
  first), so YAML's line numbers and the editor's agree;
- files are read through `project_files`, so a link out of the project or a named pipe is
  refused before anything is read.

libyaml's C parser reads the files it can read without a problem (about six times faster than
PyYAML's pure-Python one, which matters at hundreds of pages); PyYAML's own parser reads the rest
and gives every message, so messages and positions are the same either way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from healthsite.source.errors import ContentProblem, display_path, format_field
from healthsite.source.project_files import (
    ProjectFileError,
    decode_utf8,
    read_project_bytes,
    too_large,
)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40
_TOO_DEEP = f"the content is nested more than {MAX_DEPTH} levels deep"
# Whole numbers longer than this stay text (a field that wants a number then says it is too
# long), so a 5,000-digit number never reaches Python's int() and its digit limit.
_MAX_DIGITS = 18

Location = tuple[str | int, ...]


class _Yaml12Resolver(Resolver):
    """YAML 1.2-style implicit typing: only the resolvers added below apply."""

    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(rf"^[-+]?(?:0|[1-9][0-9]{{0,{_MAX_DIGITS - 1}}})$"),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        rf"^[-+]?(?:0|[1-9][0-9]{{0,{_MAX_DIGITS - 1}}})\.[0-9]{{1,{_MAX_DIGITS}}}"
        r"(?:[eE][-+]?[0-9]{1,2})?$"
    ),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _RefuseAliases(Composer):
    """Composes nodes (keeping each one's position), refusing anchors, aliases and nesting
    deeper than MAX_DEPTH."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.depth >= MAX_DEPTH:
            # Refused here, where the line is known, rather than by a RecursionError later.
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(None, None, _TOO_DEEP, event.start_mark)
        self.depth += 1
        try:
            return self._compose_plain(parent, index)
        finally:
            self.depth -= 1

    def _compose_plain(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (& and *) are not allowed", event.start_mark
            )
        event = self.peek_event()  # type: ignore[attr-defined]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (& and *) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


class _Yaml12Loader(_RefuseAliases, Reader, Scanner, Parser, SafeConstructor, _Yaml12Resolver):
    """PyYAML's pure-Python safe loader with YAML 1.2-style typing and no aliases. Every message
    about a file YAML cannot read comes from this loader."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _RefuseAliases.__init__(self)
        SafeConstructor.__init__(self)
        _Yaml12Resolver.__init__(self)


class _NodeLoader(Protocol):
    def get_single_node(self) -> Node | None: ...
    def construct_object(self, node: Node, deep: bool = False) -> Any: ...
    def dispose(self) -> None: ...


# Text libyaml reads differently from PyYAML, so left to PyYAML (a file that has none of it
# only reads faster): what PyYAML's reader refuses outright (control characters), a byte-order
# mark after the start (libyaml skips it, PyYAML reads it), tabs, a block scalar's '|' or '>'
# followed straight by '#', and a line starting with '---' or '...' (libyaml accepts some of
# these that PyYAML refuses). Found by comparing the two on a few hundred thousand random
# YAML-like texts; `_FastYaml12Loader.compose_node` catches the rest.
_PYYAML_ONLY = re.compile(
    Reader.NON_PRINTABLE.pattern + r"|[\ufeff\t]|[|>][-+0-9]*#|^(?:---|\.\.\.)", re.MULTILINE
)


class _LeftToPyYaml(yaml.YAMLError):
    """Raised by the libyaml loader for input it leaves to PyYAML's own parser."""


_FAST_LOADER: Callable[[str], _NodeLoader] | None = None
if yaml.__with_libyaml__:  # PyYAML's wheels include libyaml
    from yaml._yaml import CParser

    class _FastYaml12Loader(_RefuseAliases, CParser, SafeConstructor, _Yaml12Resolver):
        """The same loader with libyaml's C scanner and parser, about six times faster; only
        composing nodes (and so refusing aliases) stays in Python. Used for files it reads
        without an error; any error is reported by `_Yaml12Loader` instead."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _RefuseAliases.__init__(self)
            SafeConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            # libyaml and PyYAML read some explicit tags differently ("!" alone), may place an
            # empty value elsewhere, and differ on a '?' inside [...] or {...} (PyYAML ends the
            # text there). Content files need no tag, and an empty value is an error whose
            # position matters, so a file with any of these is left to PyYAML's parser.
            event = self.peek_event()
            if getattr(event, "tag", None) is not None:
                raise _LeftToPyYaml
            if isinstance(event, yaml.ScalarEvent) and not event.style:
                in_flow = getattr(parent, "flow_style", False)
                if event.value == "" or ("?" in event.value and in_flow):
                    raise _LeftToPyYaml
            return super().compose_node(parent, index)

    _FAST_LOADER = _FastYaml12Loader


# Slots: every value and key of every content file has one, kept for the whole build (a
# third less memory each).
@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    """The data of one file and the position of each value and key in it."""

    file: str
    data: Any = None
    values: dict[Location, Position] = field(default_factory=dict)
    keys: dict[Location, Position] = field(default_factory=dict)
    text: str = ""  # the source, to find a sentence inside a long value
    _words: _WordIndex | None = field(default=None, init=False, repr=False, compare=False)

    def origin(self, location: Location) -> tuple[YamlDocument, Location]:
        """The file a value at `location` was written in, and its place there (this file and
        the same place, except for a `MergedDocument`)."""
        return self, location

    def file_at(self, location: Location) -> str:
        """The file, as messages name it, that the value at `location` comes from."""
        return self.origin(location)[0].file

    def position(self, location: Location, *, key: bool = False) -> Position:
        """Where `location` is written; the nearest enclosing value when it is missing."""
        table = self.keys if key else self.values
        if location in table:
            return table[location]
        for end in range(len(location) - 1, -1, -1):
            prefix = location[:end]
            if prefix in self.values:
                return self.values[prefix]
        return Position(1, 1)

    def position_of_text(self, location: Location, *snippets: str) -> Position:
        """Where the first of `snippets` that can be found (a sentence, perhaps with Markdown
        removed, then the raw line it starts on) starts inside the value at `location`: a long
        block of text is easier to fix when the error names its line."""
        start = self.position(location)
        if not self.text:
            return start
        if self._words is None:  # built once per file, however many problems it has
            self._words = _WordIndex(self.text)
        for snippet in snippets:
            wanted = tuple(_WORD.findall(snippet[:_SNIPPET_CHARS].lower())[:5])
            found = self._words.find(wanted, start) if wanted else None
            if found is not None:
                return found
        return start

    def problem(
        self,
        location: Location,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        near: str | tuple[str, ...] = (),
    ) -> ContentProblem:
        """A problem at `location`; with `near` (a text, or texts to try in turn), at the line
        where that text starts inside the value."""
        snippets = (near,) if isinstance(near, str) else near
        pos = (
            self.position_of_text(location, *snippets)
            if snippets
            else self.position(location, key=key)
        )
        return ContentProblem(
            self.file, pos.line, pos.column, format_field(location), message, hint
        )


@dataclass
class MergedDocument(YamlDocument):
    """Data merged from several files (a library file and a site's file of the same name:
    `healthsite.model.library_merge`): each part of it is located, and its problems reported, in
    the file it came from (`routes`: a place in the merged data to a file and a place there;
    a place no route covers belongs to `base`)."""

    base: YamlDocument | None = None
    routes: dict[Location, tuple[YamlDocument, Location]] = field(default_factory=dict)
    # The library's file the merge started from (its text is what the clinic signs off).
    library: YamlDocument | None = None

    def origin(self, location: Location) -> tuple[YamlDocument, Location]:
        for end in range(len(location), -1, -1):
            prefix = location[:end]
            if prefix in self.routes:
                doc, at = self.routes[prefix]
                return doc, (*at, *location[end:])
        assert self.base is not None
        return self.base, location

    def position(self, location: Location, *, key: bool = False) -> Position:
        doc, at = self.origin(location)
        return doc.position(at, key=key)

    def position_of_text(self, location: Location, *snippets: str) -> Position:
        doc, at = self.origin(location)
        return doc.position_of_text(at, *snippets)

    def problem(
        self,
        location: Location,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        near: str | tuple[str, ...] = (),
    ) -> ContentProblem:
        doc, at = self.origin(location)
        return doc.problem(at, message, hint, key=key, near=near)


_WORD = re.compile(r"[0-9A-Za-z]+")
# Only the first words of a snippet are looked for; a long snippet is cut before it is split.
_SNIPPET_CHARS = 400


class _WordIndex:
    """Every word of a file with its position, and where each run of words occurs, so finding a
    sentence takes a dictionary lookup and a binary search instead of a scan of the file."""

    def __init__(self, text: str) -> None:
        self.positions: list[tuple[int, int]] = []
        self.words: list[str] = []
        for number, line in enumerate(text.split("\n"), start=1):
            for match in _WORD.finditer(line):
                self.positions.append((number, match.start() + 1))
                self.words.append(match.group().lower())
        self.runs: dict[int, dict[tuple[str, ...], list[int]]] = {}

    def _runs(self, length: int) -> dict[tuple[str, ...], list[int]]:
        if length not in self.runs:
            table: dict[tuple[str, ...], list[int]] = {}
            for i in range(len(self.words) - length + 1):
                table.setdefault(tuple(self.words[i : i + length]), []).append(i)
            self.runs[length] = table
        return self.runs[length]

    def find(self, wanted: tuple[str, ...], start: Position) -> Position | None:
        """The first place, at or after `start`, where the words `wanted` follow each other."""
        hits = self._runs(len(wanted)).get(wanted)
        if not hits:
            return None
        first = bisect_left(self.positions, (start.line, start.column))
        i = bisect_left(hits, first)
        if i == len(hits):
            return None
        line, column = self.positions[hits[i]]
        return Position(line, column)


def _position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions on the way."""

    def __init__(self, loader: _NodeLoader, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.problems: list[ContentProblem] = []

    def build(self, node: Node, location: Location) -> Any:
        self.doc.values[location] = _position(node)
        if len(location) > MAX_DEPTH:
            self._fail(node, location, _TOO_DEEP)
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._fail(
                node,
                location,
                f"the tag {node.tag!r} is not allowed here",
                "remove the '!' tag; write plain text, numbers, lists and mappings only",
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, location)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*location, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):  # out of range for Python; the resolvers prevent it
            self._fail(node, location, "this value cannot be read", "put it in double quotes")
            return None

    def _mapping(self, node: MappingNode, location: Location) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(
                    key_node,
                    location,
                    "a field name must be plain text",
                    "write the field as 'name: value'",
                )
                continue
            key = str(key_node.value)
            key_pos = _position(key_node)
            if key in first_seen:
                earlier = first_seen[key]
                self.problems.append(
                    ContentProblem(
                        self.doc.file,
                        key_pos.line,
                        key_pos.column,
                        _field(location, key),
                        f"'{key}' is written twice in the same block "
                        f"(first on line {earlier.line}); YAML would silently keep only one",
                        f"keep one '{key}:' and delete or rename the other",
                    )
                )
                continue
            first_seen[key] = key_pos
            self.doc.keys[(*location, key)] = key_pos
            result[key] = self.build(value_node, (*location, key))
        return result

    def _fail(self, node: Node, location: Location, message: str, hint: str = "") -> None:
        pos = _position(node)
        self.problems.append(
            ContentProblem(self.doc.file, pos.line, pos.column, _field(location), message, hint)
        )


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


def _field(location: Location, key: str | None = None) -> str:
    return format_field((*location, key) if key is not None else location)


_YAML_HINTS: list[tuple[str, str, str]] = [
    (
        _TOO_DEEP,
        _TOO_DEEP,
        "look for a '[' or '{' that is never closed, or indentation that keeps growing",
    ),
    (
        "mapping values are not allowed",
        "a ': ' (colon and space) inside a value confuses YAML",
        'put the whole value in double quotes, for example: title: "Massage: what to expect"; '
        "or, if this line is a new field, line it up with the fields above it",
    ),
    (
        "could not find expected ':'",
        "YAML expected 'field: value' here",
        "put ': ' (a colon and a space) between the field name and its value",
    ),
    (
        "found character '\\t'",
        "a tab character is used where YAML allows only spaces",
        "replace tabs with spaces (two spaces per level of indentation)",
    ),
    (
        "but found ']'",
        "this ']' closes a list that was never opened with '['",
        "delete the ']', or put the whole value in double quotes if it is part of the text",
    ),
    (
        "but found '}'",
        "this '}' closes a block that was never opened with '{'",
        "delete the '}', or put the whole value in double quotes if it is part of the text",
    ),
    (
        "expected <block end>",
        "the indentation of this line does not match the lines around it",
        "line this field up with the other fields of the same block, using spaces",
    ),
    (
        "anchors and aliases",
        "anchors and aliases (& and *) are not allowed in content files",
        "write the text out in full instead of using & and *; a value that starts with '*' "
        "or '&' (such as *bold* text) must be in double quotes",
    ),
    (
        "expected alphabetic or numeric character, but found",
        "a value that starts with '*' or '&' confuses YAML",
        'put the whole value in double quotes, for example: answer: "*Usually* an hour."',
    ),
    (
        "while parsing a flow sequence",
        "a list that starts with '[' is not closed with ']' where YAML expected it",
        "close the list with ']'; put an item that holds ',', ':', '[' or ']' in double quotes",
    ),
    (
        "while parsing a flow mapping",
        "a block that starts with '{' is not closed with '}' where YAML expected it",
        "close it with '}', or put the whole value in double quotes if the '{' is part of the text",
    ),
    (
        "expected a single document",
        "the file holds more than one YAML document (a line with only '---' in the middle)",
        "keep one document per file: remove the extra '---' line",
    ),
]


def _yaml_error(file: str, error: yaml.YAMLError) -> ContentProblem:
    context = str(getattr(error, "context", "") or "")
    if "while scanning a quoted scalar" in context and error.context_mark is not None:  # type: ignore[attr-defined]
        # PyYAML notices an unclosed quote only at the end of the file; the quote that was
        # opened is where the mistake is.
        mark = error.context_mark  # type: ignore[attr-defined]
        return ContentProblem(
            file,
            mark.line + 1,
            mark.column + 1,
            "",
            "this quote is opened but never closed",
            "add the closing quote at the end of the value",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    opened_at = ("while scanning a simple key", "while parsing a flow")
    if any(c in context for c in opened_at) and error.context_mark is not None:  # type: ignore[attr-defined]
        # The line that lacks ': ', or the '[' or '{' that is never closed.
        mark = error.context_mark  # type: ignore[attr-defined]
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    raw = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or error}"
    for needle, message, hint in _YAML_HINTS:
        if needle in raw:
            return ContentProblem(file, line, column, "", message, hint)
    problem = (getattr(error, "problem", None) or str(error)).strip()
    return ContentProblem(
        file,
        line,
        column,
        "",
        f"YAML cannot read this line ({problem})",
        "check the indentation and quotes on this line and the one before; "
        "text containing ':' or '#' or starting with a symbol needs double quotes",
    )


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_TOO_LARGE_HINT = (
    "split it up or remove pasted material (images or documents do not belong in YAML)"
)


def load_yaml_file(
    path: Path, root: Path, shown: str | None = None
) -> tuple[YamlDocument, list[ContentProblem]]:
    """Read the content file `path` of the project `root` safely (see `project_files`); return
    the document and every problem found in it (empty when it is fine). Messages name the file
    as `shown` (default: its path in the project)."""
    display = shown or display_path(path, root)
    try:
        raw = read_project_bytes(
            path, root, limit=MAX_FILE_BYTES, what="content files", hint=_TOO_LARGE_HINT
        )
    except ProjectFileError as exc:
        return YamlDocument(file=display), [exc.problem]
    return load_yaml_bytes(raw, display)


# Characters a person cannot see, which YAML either refuses (control characters) or reads as the
# end of a line where the editor shows none (NEL, LINE and PARAGRAPH SEPARATOR): either way
# PyYAML's own message would be wrong or point at the wrong line, so they are named here first.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_INVISIBLE_NAMES = {
    "\x00": "a NUL character (U+0000)",
    "\x85": "an invisible line break (NEL, U+0085)",
    "\u2028": "an invisible line break (LINE SEPARATOR, U+2028)",
    "\u2029": "an invisible line break (PARAGRAPH SEPARATOR, U+2029)",
    "\ufeff": "an invisible byte order mark (U+FEFF), often left by pasting two files together",
}


def _invisible_characters(display: str, text: str) -> list[ContentProblem]:
    found = _INVISIBLE.search(text)
    if found is None:
        return []
    char = found.group()
    line_start = text.rfind("\n", 0, found.start()) + 1
    name = _INVISIBLE_NAMES.get(char, f"an invisible control character (U+{ord(char):04X})")
    return [
        ContentProblem(
            display,
            text.count("\n", 0, found.start()) + 1,
            found.start() - line_start + 1,
            "",
            f"this line holds {name}, which YAML cannot read as text",
            "delete the invisible character at this column, or retype the line; text pasted "
            "from other programs often carries such characters",
        )
    ]


def _tab_indentation(display: str, text: str) -> list[ContentProblem]:
    tab = _TAB_INDENT.search(text)
    if tab is None:
        return []
    line = text.count("\n", 0, tab.start()) + 1
    return [
        ContentProblem(
            display,
            line,
            tab.end() - tab.start(),
            "",
            "a tab is used for indentation; YAML allows only spaces",
            "replace the tab at the start of this line with spaces",
        )
    ]


def _parse(text: str, file: str) -> tuple[YamlDocument, list[ContentProblem]]:
    """Parse with libyaml when it reads the file without an error; otherwise (and for text the
    pure-Python reader refuses outright) with PyYAML's own parser, whose messages and positions
    the hints above are written for. Both give the same nodes, so the same data and positions.
    Each attempt fills a document of its own, so a failed one leaves nothing behind."""
    if _FAST_LOADER is not None and not _PYYAML_ONLY.search(text):
        doc = YamlDocument(file=file)
        try:
            return doc, _compose(_FAST_LOADER(text), text, doc)
        except (yaml.YAMLError, RecursionError):
            pass
    doc = YamlDocument(file=file)
    return doc, _parse_slowly(text, doc)


def _parse_slowly(text: str, doc: YamlDocument) -> list[ContentProblem]:
    try:
        loader = _Yaml12Loader(text)
    except yaml.YAMLError as exc:
        return [_yaml_error(doc.file, exc)]
    try:
        return _compose(loader, text, doc)
    except yaml.YAMLError as exc:
        return [_yaml_error(doc.file, exc)]
    except RecursionError:  # not expected: compose_node stops at MAX_DEPTH
        return [ContentProblem(doc.file, 1, 1, "", "the content is nested too deeply to read")]


def _compose(loader: _NodeLoader, text: str, doc: YamlDocument) -> list[ContentProblem]:
    """Fill `doc` from the one document in `text`; raises what the loader raises."""
    try:
        node = loader.get_single_node()
        if node is None:
            return [
                ContentProblem(
                    doc.file,
                    1,
                    1,
                    "",
                    "the file is empty",
                    "fill in the fields (see content/README.md), or delete the file",
                )
            ]
        builder = _Builder(loader, doc)
        doc.data = builder.build(node, ())
        doc.text = text
        return builder.problems
    finally:
        loader.dispose()


def load_yaml_bytes(raw: bytes, display: str) -> tuple[YamlDocument, list[ContentProblem]]:
    """Parse the bytes of a content file; return the document and every problem found."""
    doc = YamlDocument(file=display)
    if len(raw) > MAX_FILE_BYTES:
        return doc, [too_large(display, len(raw), MAX_FILE_BYTES, "content files", _TOO_LARGE_HINT)]
    text, problems = decode_utf8(display, raw)
    if text is None:
        return doc, problems
    # One kind of line ending, so that YAML's line numbers and ours always agree.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = _invisible_characters(display, text) or _tab_indentation(display, text)
    if problems:
        return doc, problems
    return _parse(text, display)
