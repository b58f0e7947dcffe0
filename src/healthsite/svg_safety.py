"""Whether an SVG drawing is safe to publish as it is: the logo (`rules.logo`) and every SVG a
page shows (`images`) are published byte for byte, and a reader who opens one on its own runs
it on the site's address, where GitHub Pages sends no Content-Security-Policy.

Read with a real XML parser (defusedxml's, which refuses entity declarations, the "billion
laughs" bomb, and references to other files) whose target also records every processing
instruction, the `<?xml-stylesheet?>` that makes a browser run an XSLT stylesheet (ElementTree
drops them). Refused, each with the line it is on: a processing instruction other than the XML
declaration; a `<script>`, `<foreignObject>` (HTML inside the drawing), `<iframe>`, `<embed>`
or `<object>`; an event handler (`onload=`); an animation that changes a link (`<set>` or
`<animate>` on `href`, in any namespace or prefix); a `javascript:` address anywhere; CSS with
an escape (`u\\72l(` is `url(`, `@\\69mport` is `@import`: refused rather than decoded); and any
reference to another file or website (`href`, `url(…)` or `@import` that is not a `#part` of
the drawing or a `data:` picture inside it). Every step is linear in the file's length.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser
from PIL import Image

PLAIN_SVG_HINT = (
    "open it in your drawing program and export it again as 'Plain SVG' or 'Optimised SVG' "
    "(or save it as a PNG)"
)
# Enough to show what is wrong; a hostile file could hold thousands.
MAX_FINDINGS = 20
# Elements whose content a browser may run or fetch (in any namespace).
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
# A picture embedded in a drawing (a data: address) is read for its size before the drawing is
# rendered (the icons and share images): a small file can hold a picture that would take
# gigabytes to draw.
MAX_EMBEDDED_SIDE = 4096
# Pictures embedded in the drawing itself: drawn by the browser and the icon renderer alike.
EMBEDDED_PICTURES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


@dataclass(frozen=True)
class SvgFinding:
    message: str
    hint: str
    line: int
    column: int


class _Recorder(TreeBuilder):
    """ElementTree's builder, also keeping every processing instruction (before the root too)."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> Element:
        self.instructions.append(target)
        return super().pi(target, data)


def position(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the first `needle` in `text`, ignoring case; (0, 0) when
    it is not written as such (an entity, say)."""
    at = text.lower().find(needle.lower())
    if at < 0:
        return 0, 0
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def local(name: str) -> str:
    """A tag or attribute name without its namespace or prefix ("{…/xlink}href" and
    "xlink:href" give "href")."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def parse_svg(text: str, what: str) -> tuple[Element | None, list[SvgFinding]]:
    """The drawing's root element and what makes it unsafe (`what` names it in messages: "the
    logo", "this drawing"); the root is None when the file cannot be read as XML."""
    recorder = _Recorder()
    parser = DefusedXMLParser(target=recorder, forbid_dtd=False)
    try:
        parser.feed(text)
        root = parser.close()
    except (EntitiesForbidden, DTDForbidden):
        line, column = position(text, "<!ENTITY")
        return None, [
            SvgFinding(
                f"{what} declares entities (<!ENTITY …>), which can make a file expand "
                "without end or read other files, so it is not read",
                PLAIN_SVG_HINT,
                line,
                column,
            )
        ]
    except DefusedXmlException as exc:
        return None, [SvgFinding(f"{what} refers to outside files ({exc})", PLAIN_SVG_HINT, 0, 0)]
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        return None, [
            SvgFinding(
                f"this is not a well-formed SVG file ({reason})", PLAIN_SVG_HINT, line, column + 1
            )
        ]
    found: list[SvgFinding] = []
    seen: set[str] = set()
    for message, hint, needle in _unsafe(root, recorder.instructions, what):
        if message in seen:
            continue
        seen.add(message)
        found.append(SvgFinding(message, hint, *position(text, needle)))
        if len(found) >= MAX_FINDINGS:
            break
    return root, found


def _unsafe(root: Element, instructions: list[str], what: str) -> Iterator[tuple[str, str, str]]:
    """(message, hint, text to look for in the file) for each unsafe part."""
    for target in instructions:
        yield (
            f"{what} has a processing instruction (<?{target} …?>), which can make a browser "
            "run a stylesheet program (XSLT) when the file is opened on its own",
            f"delete the <?{target} …?> line: {PLAIN_SVG_HINT}",
            f"<?{target}",
        )
    for element in root.iter():
        if not isinstance(element.tag, str):  # a processing instruction or a comment
            continue
        tag = local(element.tag)
        lowered = tag.lower()
        if lowered in _ACTIVE_ELEMENTS:
            yield (
                f"{what} has a <{tag}>, which can run a script or load other files when it is "
                "opened on its own",
                f"remove the <{tag}>: {PLAIN_SVG_HINT}",
                f"<{tag}",
            )
        changes_link = (
            lowered in _ANIMATIONS and local(element.get("attributeName", "")).lower() == "href"
        )
        if changes_link:
            yield (
                f"{what} has an animation (<{tag}>) that changes a link, which can turn it into "
                "a script",
                f"remove the <{tag}>: {PLAIN_SVG_HINT}",
                f"<{tag}",
            )
        for name, value in element.attrib.items():
            yield from _attribute_findings(local(name), value, what, said_script=changes_link)
        if lowered == "style":
            # The whole stylesheet: text after a child element (its tail) is part of it too.
            css = "".join(element.itertext())
            yield from _css_findings(css, what)
            yield from _reference_findings(css_references(css), what)


def _attribute_findings(
    attribute: str, value: str, what: str, *, said_script: bool
) -> Iterator[tuple[str, str, str]]:
    if attribute.lower().startswith("on"):
        yield (
            f"{what} has an event handler ({attribute}=…), a script that runs when it is opened "
            "on its own",
            f"remove the {attribute} attribute (a drawing needs no script)",
            f"{attribute}=",
        )
    if "javascript:" in "".join(value.lower().split()):
        if not said_script:
            yield (
                f"{what} has a javascript: address ({attribute}=…), a script",
                f"remove it: {PLAIN_SVG_HINT}",
                "javascript",
            )
        return
    if attribute == "style":
        yield from _css_findings(value, what)
    yield from _reference_findings([value] if attribute == "href" else css_references(value), what)


def _embedded_size(payload: str) -> tuple[int, int] | None:
    """The width and height of a base64 picture, read from its header without decoding its
    pixels (the text is bounded by the file's size limit); None when it is damaged (drawn as
    nothing, with no memory to speak of)."""
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
        with Image.open(io.BytesIO(data)) as picture:
            return picture.size
    except Image.DecompressionBombError:  # far over the limit
        return (MAX_EMBEDDED_SIDE + 1, MAX_EMBEDDED_SIDE + 1)
    except (OSError, ValueError, binascii.Error):
        return None


def _embedded_findings(reference: str, what: str) -> Iterator[tuple[str, str, str]]:
    """A picture in a `data:` address: written as base64 (its size can be read), and at most
    `MAX_EMBEDDED_SIDE` pixels on a side."""
    value = reference.strip()
    if not value.lower().startswith(EMBEDDED_PICTURES):
        return
    header, _, payload = value.partition(",")
    if not header.lower().endswith(";base64"):
        yield (
            f"{what} holds a picture not written as base64 (data:image/…;base64,…), so its "
            "size cannot be checked before it is drawn",
            f"export the drawing again (drawing programs embed pictures as base64): "
            f"{PLAIN_SVG_HINT}",
            "data:image",
        )
        return
    size = _embedded_size(payload)
    if size is not None and max(size) > MAX_EMBEDDED_SIDE:
        yield (
            f"{what} holds a picture over {MAX_EMBEDDED_SIDE} pixels on a side, which would "
            "take a great deal of memory to draw",
            f"make the picture inside the drawing smaller (at most {MAX_EMBEDDED_SIDE} pixels "
            "on its longer side), or use a PNG instead of the SVG",
            "data:image",
        )


def _css_findings(css: str, what: str) -> Iterator[tuple[str, str, str]]:
    if "image-set(" in css.lower():
        yield (
            f"{what} has CSS image-set(), which can load a picture from another website",
            f"remove it: {PLAIN_SVG_HINT}",
            "image-set(",
        )
    if "\\" in css:
        yield (
            f"{what} has CSS with an escape (a backslash), which can hide a link to another "
            "website (u\\72l( is url()",
            f"write the style without backslashes: {PLAIN_SVG_HINT}",
            "\\",
        )


def is_own(reference: str) -> bool:
    """True for a reference inside the drawing: a #part of it, or a picture embedded in it."""
    value = reference.strip().strip("'\"").strip()
    return value.startswith("#") or value.lower().startswith(EMBEDDED_PICTURES)


def css_references(css: str) -> Iterator[str]:
    """Every `url(…)` target in `css`, then the file of each `@import "file"` (one written
    `@import url(…)` is among the first). Not a CSS parser: it finds every place a browser
    could load a file from (escapes are refused before), and perhaps a few more, in one pass
    each."""
    lowered = css.lower()
    # Each search goes on from where the last one ended, and an unclosed one takes the rest
    # once: every character is read a bounded number of times.
    at = lowered.find("url(")
    while at >= 0:
        end = css.find(")", at + 4)
        if end < 0:
            yield css[at + 4 :]
            break
        yield css[at + 4 : end]
        at = lowered.find("url(", end + 1)
    at = lowered.find("@import")
    while at >= 0:
        end = css.find(";", at + 7)
        target = css[at + 7 : end if end >= 0 else len(css)].strip()
        if not target.lower().startswith("url("):
            yield target or "@import"
        if end < 0:
            break
        at = lowered.find("@import", end + 1)


def _reference_findings(references: Iterable[str], what: str) -> Iterator[tuple[str, str, str]]:
    for reference in references:
        if is_own(reference):
            yield from _embedded_findings(reference.strip().strip("'\"").strip(), what)
            continue
        if not reference.strip():
            continue
        needle = reference.strip().strip("'\"").strip()
        shown = needle if len(needle) <= 60 else needle[:57] + "…"
        yield (
            f'{what} refers to another file or website ("{shown}"): a reader who opens it on '
            "its own would send a request there",
            f"embed pictures in the drawing, convert text to outlines instead of web fonts, "
            f"and remove links: {PLAIN_SVG_HINT}",
            needle,
        )
