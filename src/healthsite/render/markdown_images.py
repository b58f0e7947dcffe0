"""Images in Markdown pages through the image pipeline (a Python-Markdown extension).

Each `![alt](path)` whose path is a local JPEG, PNG, WebP, SVG or GIF file is handed to the
builder, which runs it through `healthsite.render.image_pipeline` and returns the `<picture>` markup
(`healthsite.render.image_markup`); the extension puts that markup where the image was. Everything
else the author wrote on the image (`{ .decorative }`, a title, an id) goes with it.

The first image of a page loads at once, with high priority, when it is among the first
`NEAR_TOP_BLOCKS` blocks of the page (the heading, a paragraph, the image): it is then likely
on the first screen and may be its largest element, which a lazy image would delay. Every
other image loads lazily.

The extension also notes every other reference the page makes to an image file in docs/ (a
Markdown link, an address in raw HTML), so the builder keeps publishing an original that
something still refers to. It imports nothing from MkDocs: the builder sets `page` before
converting each page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element as TreeElement

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX
from selectolax.lexbor import LexborHTMLParser

from healthsite.model.page_addresses import address_folder
from healthsite.render.image_pipeline import SUFFIXES

NEAR_TOP_BLOCKS = 3
# A character a backslash escaped, as Python-Markdown keeps it until its "unescape" step.
_ESCAPED = re.compile(f"{STX}(\\d+){ETX}")
# Where raw HTML refers to files (the policy blocks inline styles, so url() in style="" is out).
_REFERENCES = (("img", "src"), ("source", "srcset"), ("img", "srcset"), ("a", "href"))


@dataclass(frozen=True)
class ImageUse:
    """One image of a page, as the page writes it."""

    src_uri: str  # the file inside docs/, such as "assets/images/room.jpg"
    written: str  # the path as written in the page (to find its line)
    alt: str
    attributes: dict[str, str]  # the page's other attributes of the image (class, title, ...)
    eager: bool


@dataclass
class ImagePage:
    """The page being converted: where it is, and how the builder makes an image's markup."""

    src_uri: str  # the page's file inside docs/, such as "team/jane.md"
    url: str  # its address inside the site, such as "team/jane/" ("" for the home page)
    # The markup for one image, or None to leave the image as written.
    picture: Callable[[ImageUse], str | None]
    # Files inside docs/ the page refers to otherwise (links, raw HTML), filled in here.
    references: set[str] = field(default_factory=set)


def local_target(address: str, folder: str) -> str | None:
    """The path inside docs/ that `address`, relative to `folder`, names; None for another
    website, an absolute path, a data: address or a path outside docs/."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return None if target == ".." or target.startswith("../") else target


def markdown_image_needles(src: str) -> tuple[str, ...]:
    """The ways a page's source may write the image address `src`, most telling first: as a
    Markdown image's address (`](src`, `]( src`, `](<src>`), else the address alone."""
    return (f"]({src}", f"]( {src}", f"](<{src}>", src)


def line_of(text: str, written: str) -> tuple[int, int]:
    """(line, column), from 1, where a page's source writes the image path `written`: as a
    Markdown image's address if it is written so, else anywhere; (0, 0) when it is not."""
    position = -1
    for needle in markdown_image_needles(written):
        position = text.find(needle)
        if position >= 0:
            position += needle.index(written)
            break
    if position < 0 or not written:
        return 0, 0
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _plain(value: str) -> str:
    """An attribute value as plain text: a backslash-escaped character (`\\*`) as itself, an
    entity (`&amp;`) as its character. Python-Markdown does the first only after this
    extension runs, and its serializer keeps entities as written; the template escapes."""
    return html.unescape(_ESCAPED.sub(lambda match: chr(int(match.group(1))), value))


def _is_image(target: str) -> bool:
    return posixpath.splitext(target)[1].lower() in SUFFIXES


def _replace(parent: TreeElement, child: TreeElement, text: str) -> None:
    """Put `text` where `child` is in `parent` (before whatever followed it)."""
    index = list(parent).index(child)
    following = text + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + following
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + following
    parent.remove(child)


def _raw_html_references(blocks: Iterable[str], folder: str) -> set[str]:
    """The image files inside docs/ that raw HTML blocks refer to (addresses relative to
    `folder`). Only a block naming an image file type is parsed: most raw HTML on a page is
    the macros' own markup."""
    found: set[str] = set()
    for block in blocks:
        lowered = block.lower()
        if not any(suffix in lowered for suffix in SUFFIXES):
            continue
        root = LexborHTMLParser(block).root
        if root is None:
            continue
        for tag, name in _REFERENCES:
            for node in root.css(f"{tag}[{name}]"):
                value = node.attributes.get(name) or ""
                if name == "srcset":  # "path 480w, path 960w"
                    addresses = [c.split()[0] for c in value.split(",") if c.split()]
                else:
                    addresses = [value]
                targets = (local_target(address, folder) for address in addresses)
                found.update(t for t in targets if t is not None and _is_image(t))
    return found


class ImagesTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: ImagesExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: TreeElement) -> None:
        page = self.extension.page
        if page is None:
            return
        file_folder = posixpath.dirname(page.src_uri)
        images: list[tuple[TreeElement, TreeElement]] = []
        for parent in root.iter():
            for child in parent:
                if child.tag == "img":
                    images.append((parent, child))
                elif child.tag == "a":
                    target = local_target(child.get("href", ""), file_folder)
                    if target is not None and _is_image(target):
                        page.references.add(target)
        raw_blocks = list(self.md.htmlStash.rawHtmlBlocks)
        url_folder = address_folder(page.url)
        page.references |= _raw_html_references(
            (block for block in raw_blocks if isinstance(block, str)), url_folder
        )
        if images:
            self._replace_images(root, page, images, file_folder)

    def _replace_images(
        self,
        root: TreeElement,
        page: ImagePage,
        images: list[tuple[TreeElement, TreeElement]],
        file_folder: str,
    ) -> None:
        block_of = {id(node): number for number, block in enumerate(root) for node in block.iter()}
        first = True
        for parent, image in images:
            written = image.get("src", "")
            target = local_target(written, file_folder)
            if target is None or not _is_image(target):
                continue
            eager = first and block_of.get(id(image), NEAR_TOP_BLOCKS) < NEAR_TOP_BLOCKS
            first = False
            attributes = {k: _plain(v) for k, v in image.items() if k not in {"src", "alt"}}
            use = ImageUse(target, written, _plain(image.get("alt", "")), attributes, eager)
            markup = page.picture(use)
            if markup is not None:
                _replace(parent, image, self.md.htmlStash.store(markup))


class ImagesExtension(Extension):
    """Add one instance to the Markdown extensions; set `page` before converting each page."""

    def __init__(self) -> None:
        super().__init__()
        self.page: ImagePage | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # Priority 3: after inline content (20), attr_list (8) and toc (5), before MkDocs turns
        # paths into addresses (0), so the path is the one the page wrote.
        md.treeprocessors.register(ImagesTreeprocessor(md, self), "healthsite_images", 3)
