"""Read one YAML content file strictly, remembering where every value came from.

PyYAML's defaults are unkind to people who edit YAML by hand: it keeps the last of two duplicate
keys without a word, reads `No` as false, `17:30` as the number 1050 and `010` as 8, and follows
aliases without limit. This module reads YAML the way a person means it:

- only the safe loader's machinery is used, and anchors/aliases are refused (no alias bombs);
- plain scalars resolve by YAML 1.2 rules: `true`/`false` are booleans, decimal numbers are
  numbers, and everything else (`No`, `17:30`, `010`, `2025-01-10`) stays text, which the models
  then read as a date, a time or a number where the field asks for one;
- duplicate keys, tabs in indentation, files that are not UTF-8, empty files and oversized files
  are reported as problems with a line and column.

libyaml's C parser reads the files it can read without a problem (about six times faster than
PyYAML's pure-Python one, which matters at hundreds of pages); PyYAML's own parser reads the rest
and gives every message, so messages and positions are the same either way.
"""

from __future__ import annotations

import re
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

from healthsite.errors import ContentProblem, format_field

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40

Location = tuple[str | int, ...]


class _Yaml12Resolver(Resolver):
    """YAML 1.2-style implicit typing: only the resolvers added below apply."""

    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?)$"),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _RefuseAliases(Composer):
    """Composes nodes (keeping each one's position) and refuses anchors and aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
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


@dataclass(frozen=True)
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

    def position_of_text(self, location: Location, snippet: str) -> Position:
        """Where `snippet` (a sentence, perhaps with Markdown removed) starts inside the value at
        `location`: a long block of text is easier to fix when the error names its line."""
        start = self.position(location)
        wanted = _WORD.findall(snippet.lower())[:5]
        if not wanted or not self.text:
            return start
        words = [
            (number, match.start() + 1, match.group().lower())
            for number, line in enumerate(self.text.splitlines(), start=1)
            if number >= start.line
            for match in _WORD.finditer(line)
            if number > start.line or match.start() + 1 >= start.column
        ]
        for i in range(len(words) - len(wanted) + 1):
            if [w for _, _, w in words[i : i + len(wanted)]] == wanted:
                return Position(words[i][0], words[i][1])
        return start

    def problem(
        self,
        location: Location,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        near: str | None = None,
    ) -> ContentProblem:
        """A problem at `location`; with `near`, at the line where that text starts."""
        pos = self.position_of_text(location, near) if near else self.position(location, key=key)
        return ContentProblem(
            self.file, pos.line, pos.column, format_field(location), message, hint
        )


_WORD = re.compile(r"[0-9A-Za-z]+")


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
            self._fail(node, location, f"the content is nested more than {MAX_DEPTH} levels deep")
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
        return self.loader.construct_object(node, deep=True)

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
    if "while scanning a simple key" in context and error.context_mark is not None:  # type: ignore[attr-defined]
        mark = error.context_mark  # type: ignore[attr-defined]  # the line that lacks ': '
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


def _decode(file: str, raw: bytes) -> tuple[str | None, list[ContentProblem]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            ContentProblem(
                file,
                1,
                1,
                "",
                "the file is saved as UTF-16, not UTF-8",
                "save it again with the encoding 'UTF-8'",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            ContentProblem(
                file,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} here, often a curly "
                "quote or dash pasted from Word in another encoding)",
                "save the file with the encoding 'UTF-8', then check this character",
            )
        ]
    if "\x00" in text:
        return None, [
            ContentProblem(
                file, 1, 1, "", "the file contains NUL bytes", "save it as plain UTF-8 text"
            )
        ]
    return text, []


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _too_large(display: str, size: int) -> ContentProblem:
    return ContentProblem(
        display,
        0,
        0,
        "",
        f"the file is {-(-size // 1024)} KiB; content files may be at most "
        f"{MAX_FILE_BYTES // 1024} KiB",
        "split it up or remove pasted material (images or documents do not belong in YAML)",
    )


def load_yaml_file(path: Path, display: str) -> tuple[YamlDocument, list[ContentProblem]]:
    """Read `path`; return the document and every problem found in it (empty when it is fine)."""
    doc = YamlDocument(file=display)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return doc, [_too_large(display, size)]
        raw = path.read_bytes()
    except OSError as exc:
        return doc, [ContentProblem(display, 0, 0, "", f"cannot read the file ({exc.strerror})")]
    return load_yaml_bytes(raw, display)


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


def _parse(text: str, doc: YamlDocument) -> list[ContentProblem]:
    """Parse with libyaml when it reads the file without an error; otherwise (and for text the
    pure-Python reader refuses outright) with PyYAML's own parser, whose messages and positions
    the hints above are written for. Both give the same nodes, so the same data and positions."""
    if _FAST_LOADER is not None and not _PYYAML_ONLY.search(text):
        try:
            return _compose(_FAST_LOADER(text), text, doc)
        except (yaml.YAMLError, RecursionError):
            doc.data, doc.text = None, ""
            doc.values.clear()
            doc.keys.clear()
    try:
        # The reader rejects control characters as soon as it is created.
        loader = _Yaml12Loader(text)
    except yaml.YAMLError as exc:
        return [_yaml_error(doc.file, exc)]
    try:
        return _compose(loader, text, doc)
    except yaml.YAMLError as exc:
        return [_yaml_error(doc.file, exc)]
    except RecursionError:
        return [ContentProblem(doc.file, 0, 0, "", "the content is nested too deeply to read")]


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
        return doc, [_too_large(display, len(raw))]
    text, problems = _decode(display, raw)
    if text is None:
        return doc, problems
    problems = _tab_indentation(display, text)
    if problems:
        return doc, problems
    return doc, _parse(text, doc)
