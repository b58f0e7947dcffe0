"""What the hand-written page rules (`csp`, `images`) look at: one HTML element of a rendered
docs page, the page it is on, and what a rule found.

The rules see these plain values, not a parser's nodes, so the HTML parser can change without
touching them; `hand_written` does the parsing and turns each `Finding` into a located problem.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from healthsite.model.page_addresses import PageAddresses, address_folder
from healthsite.source.errors import Severity, display_path


@dataclass(frozen=True)
class Element:
    tag: str
    # Attribute names in lower case; an attribute written without a value has the value "".
    attrs: dict[str, str]
    # Made by Markdown (`![alt](src)`, or HTML inside a `markdown` block), rather than raw HTML
    # passed through: the builder rewrites Markdown paths relative to the page's file, but leaves
    # raw HTML as written, where a path is relative to the page's address.
    from_markdown: bool = False

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass(frozen=True)
class DocsPage:
    """A hand-written page: its file, and where the site publishes it."""

    docs_dir: Path
    root: Path
    src_uri: str  # the path inside docs/, with '/', for example "clinic/prices.md"
    addresses: PageAddresses  # where the site publishes its pages

    @property
    def shown(self) -> str:
        """The page's file as staff see it, for example "docs/clinic/prices.md"."""
        return display_path(self.docs_dir / self.src_uri, self.root)

    @property
    def file_folder(self) -> str:
        """The folder (inside docs/) that Markdown paths on this page are relative to."""
        return posixpath.dirname(self.src_uri)

    @property
    def url_folder(self) -> str:
        """The folder (inside the site) of the page's address, which raw HTML paths are
        relative to: with directory addresses, docs/prices.md is published as prices/."""
        return address_folder(self.addresses.address(self.src_uri))


@dataclass(frozen=True)
class Finding:
    """One thing wrong with an element. `needles` are snippets of the page's source that show
    where it is written, best first: the first one found gives the line and column."""

    message: str
    hint: str
    needles: tuple[str, ...] = field(default=())
    severity: Severity = Severity.ERROR


def is_remote(url: str) -> bool:
    """Whether the browser would fetch `url` from another website (http:, https: or //host)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} or (not parts.scheme and bool(parts.netloc))


def shorten(text: str, limit: int = 60) -> str:
    """Long attribute values cut for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attribute_needles(name: str, value: str) -> tuple[str, ...]:
    """Where an attribute may be written: name="value" as HTML or attr_list write it, then the
    value alone (a Markdown link's address), then the bare name. Not the tag: an extension may
    write the attribute on a tag the page also has elsewhere, and that line would mislead."""
    needles = [f'{name}="{value}"', f"{name}='{value}'", f"{name}={value}"] if value else []
    if len(value) >= 4:
        needles.append(value)
    needles.append(f"{name}=")
    return tuple(needles)
