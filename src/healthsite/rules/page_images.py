"""Images in hand-written pages: alt text, files that exist in docs/, nothing from elsewhere.

- Every image says what it shows (alt text), or is marked as decoration so screen readers skip
  it: `![](assets/images/leaf.svg){ .decorative }` in Markdown, `alt="" role="presentation"`
  in HTML.
- A local image must be a file in docs/, found the way the builder finds it: a Markdown path is
  relative to the page's file; a path in raw HTML is left as written, so the browser reads it
  relative to the page's address (docs/prices.md is published at prices/).
- An image from another website is blocked by the Content-Security-Policy, and loading it would
  tell that website who reads the page.
- A Markdown image goes through the image pipeline (`healthsite.render.image_pipeline`), which
resizes JPEG,
  PNG and WebP files and publishes SVG and GIF files as they are: a file the pipeline would
  refuse (too many pixels or megabytes, unreadable, no size) is an error here, where the page
  and line are known, rather than at build time. A format browsers cannot show (a phone's
  HEIC, a TIFF) is an error too. The check reads each image's header only.
- A file published as it is (an SVG or GIF, or any image written in raw HTML, which the
  pipeline does not touch) over the size budget is a warning: readers are often on a phone.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from healthsite.render.image_pipeline import (
    AS_IS_SUFFIXES,
    BUDGET_BYTES,
    RESIZED_SUFFIXES,
    ImageError,
    inspect_image,
)
from healthsite.render.markdown_images import markdown_image_needles
from healthsite.rules.hand_written_html import (
    DocsPage,
    Element,
    Finding,
    attribute_needles,
    is_remote,
    shorten,
)
from healthsite.source.errors import Severity

IMAGES_FOLDER = "assets/images"
DECORATIVE_CLASS = "decorative"
DECORATIVE_ROLES = {"presentation", "none"}
# Files browsers cannot show (phones and scanners save some of them).
UNSHOWABLE_SUFFIXES = frozenset({".heic", ".heif", ".tif", ".tiff", ".bmp", ".psd", ".dng"})


def _is_decorative(element: Element) -> bool:
    return (
        DECORATIVE_CLASS in element.classes
        or element.attrs.get("role", "").strip().lower() in DECORATIVE_ROLES
    )


def _example(from_markdown: bool, alt: str, path: str) -> str:
    if from_markdown:
        return f"![{alt}]({path})"
    return f'<img src="{path}" alt="{alt}">'


def _alt_text(element: Element, src: str, needles: tuple[str, ...]) -> list[Finding]:
    # None: no alt attribute at all; "": an empty one (right only for decoration).
    alt = element.attrs["alt"].strip() if "alt" in element.attrs else None
    decorative = _is_decorative(element)
    if alt and decorative:
        return [
            Finding(
                f'the image "{shorten(src)}" is marked as decoration but has alt text '
                f'("{shorten(alt, 40)}")',
                "remove the alt text if the image is only decoration, or remove the "
                "decoration mark if it shows something readers need",
                needles,
            )
        ]
    if alt or (alt is not None and decorative):
        return []
    if element.from_markdown:
        hint = (
            "describe what it shows in the square brackets, for example "
            f"![A quiet treatment room with a massage table]({src}); if it is only "
            f"decoration, mark it so: ![]({src}){{ .{DECORATIVE_CLASS} }}"
        )
    else:
        hint = 'add alt="what it shows"; if it is only decoration, write alt="" role="presentation"'
    return [
        Finding(
            f'the image "{shorten(src)}" has no alt text, so people who cannot see it do not '
            "know what it shows",
            hint,
            needles,
        )
    ]


def _where_images_go(folder: str, name: str) -> str:
    """The path to write, from `folder`, for an image called `name` in docs/assets/images/."""
    return posixpath.relpath(f"{IMAGES_FOLDER}/{name or 'photo.jpg'}", folder or ".")


def _relative_folder(element: Element, page: DocsPage) -> str:
    """The folder a path in `element` is relative to (see the module docstring)."""
    return page.file_folder if element.from_markdown else page.url_folder


def _size(page: DocsPage, target: str) -> int | None:
    """The size of docs/`target`, or None when it is not a file inside docs/."""
    if target == ".." or target.startswith("../"):
        return None
    try:
        path = page.docs_dir / target
        return path.stat().st_size if path.is_file() else None
    except (OSError, ValueError):  # a name the system cannot hold, such as one with a NUL
        return None


def _file(element: Element, page: DocsPage, src: str, needles: tuple[str, ...]) -> list[Finding]:
    folder = _relative_folder(element, page)
    path = unquote(urlsplit(src).path)
    suggested = _where_images_go(folder, posixpath.basename(path))
    if path.startswith("/"):
        return [
            Finding(
                f'the image path "{shorten(src)}" starts with "/", which breaks when the site '
                "is not at the top of its web address",
                f"write the path relative to this page, for example {suggested}",
                needles,
            )
        ]
    target = posixpath.normpath(posixpath.join(folder, path))
    size = _size(page, target)
    if size is not None:
        return _published(element, page, target, src, size=size, needles=needles)
    looked_for = "docs/" + target if not target.startswith("..") else "a place outside docs/"
    if not element.from_markdown:
        from_file = posixpath.normpath(posixpath.join(page.file_folder, path))
        if from_file != target and _size(page, from_file) is not None:
            fixed = posixpath.relpath(from_file, folder or ".")
            return [
                Finding(
                    f'the image "{shorten(src)}" is not in docs/ (looked for {looked_for})',
                    f"in HTML a path is relative to the page's address ({folder}/), not its "
                    f"file: write {fixed}, or use Markdown: {_example(True, '…', src)}",
                    needles,
                )
            ]
    return [
        Finding(
            f'the image "{shorten(src)}" is not in docs/ (looked for {looked_for})',
            f"put the image in docs/{IMAGES_FOLDER}/ and write its path from this page, for "
            f"example {suggested}; check the spelling, capital letters count",
            needles,
        )
    ]


def _published(
    element: Element, page: DocsPage, target: str, src: str, *, size: int, needles: tuple[str, ...]
) -> list[Finding]:
    """What is wrong with an image file that exists (see the module docstring)."""
    suffix = posixpath.splitext(target)[1].lower()
    if suffix in UNSHOWABLE_SUFFIXES:
        return [
            Finding(
                f'the image "{shorten(src)}" is a {suffix} file, which web browsers cannot show',
                "save or export it as a JPEG (photos) or PNG (drawings), then use that file; on "
                "an iPhone, Settings, Camera, Formats, Most Compatible saves photos as JPEG",
                needles,
            )
        ]
    if element.from_markdown and suffix in RESIZED_SUFFIXES | AS_IS_SUFFIXES:
        refused = refusal(page.docs_dir / target)
        if refused is not None:
            return [Finding(refused.describe(shorten(src)), refused.hint, needles)]
        if suffix in RESIZED_SUFFIXES:
            return []  # the build makes the smaller sizes
    if size <= BUDGET_BYTES:
        return []
    if element.from_markdown:
        hint = (
            f"save it smaller, under {BUDGET_BYTES // 1024} KB: an SVG with fewer details, a "
            "GIF with fewer frames, or a photo as a JPEG, which the site resizes itself"
        )
    else:
        hint = (
            "write it in Markdown, ![what it shows](path), and the site makes smaller copies "
            f"of a JPEG, PNG or WebP; or save it under {BUDGET_BYTES // 1024} KB"
        )
    return [
        Finding(
            f'the image "{shorten(src)}" is {size // 1024} KB, slow to load on a phone',
            hint,
            needles,
            Severity.WARNING,
        )
    ]


def image_needles(element: Element) -> tuple[str, ...]:
    """Where an image is written in the page, most telling first: `](path` for Markdown,
    `src="path"` for HTML (the same path on a page may be both)."""
    src = element.attrs.get("src", "").strip()
    if not src:
        return ("<img", "![")
    if element.from_markdown:
        return (*markdown_image_needles(src), "![", "<img")
    return (*attribute_needles("src", src), "![")


def image_findings(element: Element, page: DocsPage) -> list[Finding]:
    """What is wrong with an <img> on `page`: its alt text, and where its file comes from."""
    if element.tag != "img":
        return []
    src = element.attrs.get("src", "").strip()
    needles = image_needles(element)
    found = _alt_text(element, src, needles)
    scheme = urlsplit(src).scheme.lower()
    if not src:
        found.append(
            Finding(
                "an image has no file path",
                f"write the path of a file in docs/{IMAGES_FOLDER}/, for example "
                f"{_where_images_go(_relative_folder(element, page), 'room.jpg')}",
                needles,
            )
        )
    elif is_remote(src):
        local = _where_images_go(
            _relative_folder(element, page), posixpath.basename(urlsplit(src).path)
        )
        found.append(
            Finding(
                f'the image "{shorten(src)}" comes from another website: the site\'s '
                "Content-Security-Policy blocks it, and loading it would tell that website who "
                "reads the page",
                f"save the image (if you may use it) in docs/{IMAGES_FOLDER}/ and use its "
                f"path, for example {_example(element.from_markdown, '…', local)}",
                needles,
            )
        )
    elif scheme in {"data", "javascript"} or "{{" in src or "{%" in src:
        # data: images are allowed by the policy; csp reports javascript: addresses; a path
        # the macros fill in ({{ … }}) is known only once the page is built.
        pass
    elif scheme:
        found.append(
            Finding(
                f'the image "{shorten(src)}" is not a file in docs/',
                f"put the image in docs/{IMAGES_FOLDER}/ and write its path from this page, "
                f"for example {_where_images_go(_relative_folder(element, page), 'room.jpg')}",
                needles,
            )
        )
    else:
        found += _file(element, page, src, needles)
    return found


def refusal(path: Path) -> ImageError | None:
    """What the pipeline would refuse about the image at `path`, read once per version of the
    file however many times pages (or the team's photos) show it (a page may show one picture
    thousands of times)."""
    stat = path.stat()
    return _refusal_of(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=1024)
def _refusal_of(path: Path, size: int, modified: int) -> ImageError | None:
    try:
        inspect_image(path)
    except ImageError as exc:
        return exc
    return None
