"""A small HTML reader for tests: tags with attributes, element text by selector-like queries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.all: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.all.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


@dataclass
class Page:
    path: Path
    elements: list[Element]

    def find(self, tag: str, **attrs: str) -> list[Element]:
        def matches(e: Element) -> bool:
            if e.tag != tag:
                return False
            for keyword, value in attrs.items():
                name = keyword.rstrip("_").replace("_", "-")
                if name == "class":
                    if value not in e.classes:
                        return False
                elif e.attrs.get(name) != value:
                    return False
            return True

        return [e for e in self.elements if matches(e)]

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def json_ld(self) -> list[Any]:
        return [json.loads(e.text) for e in self.find("script", type="application/ld+json")]

    def graph_item(self, type_name: str) -> dict[str, Any]:
        for block in self.json_ld():
            for item in block.get("@graph", [block]):
                if item.get("@type") == type_name:
                    return dict(item)
        raise AssertionError(f"no {type_name} in the JSON-LD of {self.path}")


def read_page(path: Path) -> Page:
    return read_html(path.read_text(encoding="utf-8"), path)


def read_html(html: str, path: Path = Path("(fragment)")) -> Page:
    """HTML that is not in a file (rendered fragments), read like a page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Page(path, reader.all)


def squash(text: str) -> str:
    return " ".join(text.split())
