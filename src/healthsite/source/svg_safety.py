"""Whether an SVG drawing is safe to publish as it is: the logo (`rules.logo`) and every SVG a
page shows (`images`) or `docs/` holds (`rules.published_files`) are published byte for byte,
and a reader who opens one on its own runs it on the site's address, where GitHub Pages sends no
Content-Security-Policy.

Read with a real XML parser (defusedxml's, which refuses entity declarations, the "billion
laughs" bomb, and references to other files) whose target also records every processing
instruction, the `<?xml-stylesheet?>` that makes a browser run an XSLT stylesheet (ElementTree
drops them). Every element, attribute, CSS rule, CSS property and CSS function is checked
against the allow-lists of `svg_allow_list` (DOMPurify's, with its additions named there), and
the CSS is read with a CSS parser (tinycss2), which decodes escapes as a browser does
(`u\\72l(` is `url(`). Refused, each with the line it is on: a processing instruction other
than the XML declaration; anything not on the allow-lists, named (a `<script>`, a
`<foreignObject>`, an element of XHTML or another vocabulary, `@font-face`, `image-set()`); an
event handler (`onload=`); an animation that changes a link; a `javascript:` address anywhere;
any reference to another file or website (`href`, `url(…)` or `@import` that is not a `#part`
of the drawing or a `data:` picture inside it); and an embedded picture too large to draw.
Every step is linear in the file's length.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import tinycss2
import tinycss2.ast
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser
from PIL import Image

from healthsite.source import svg_allow_list as allowed

PLAIN_SVG_HINT = (
    "open it in your drawing program and export it again as 'Plain SVG' or 'Optimised SVG' "
    "(or save it as a PNG)"
)
# Enough to show what is wrong; a hostile file could hold thousands.
MAX_FINDINGS = 20
# Elements whose content a browser may run or fetch (in any namespace).
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object"}
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
    """ElementTree's builder, also keeping every processing instruction (before the root too)
    and the line each element starts on (`lines`; `expat` is set to the parser's expat reader
    once the parser exists)."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []
        self.lines: dict[Element, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[element] = self.expat.CurrentLineNumber
        return element

    def pi(self, target: str, data: str | None = None) -> Element:
        self.instructions.append(target)
        return super().pi(target, data)


def position(text: str, needle: str, from_line: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the first `needle` in `text` on line `from_line` or after
    it, ignoring case; (0, 0) when it is not written as such (an entity, say)."""
    lowered = text.lower()
    start = 0
    for _ in range(from_line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return 0, 0
    at = lowered.find(needle.lower(), start)
    if at < 0 and start:
        at = lowered.find(needle.lower())
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
    recorder.expat = parser.parser
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
    for message, hint, needle, element in _unsafe(root, recorder.instructions, what):
        if message in seen:
            continue
        seen.add(message)
        line = recorder.lines.get(element, 1) if element is not None else 1
        found.append(SvgFinding(message, hint, *position(text, needle, line)))
        if len(found) >= MAX_FINDINGS:
            break
    return root, found


def _unsafe(
    root: Element, instructions: list[str], what: str
) -> Iterator[tuple[str, str, str, Element | None]]:
    """(message, hint, text to look for in the file, the element it is in) for each unsafe
    part."""
    for target in instructions:
        yield (
            f"{what} has a processing instruction (<?{target} …?>), which can make a browser "
            "run a stylesheet program (XSLT) when the file is opened on its own",
            f"delete the <?{target} …?> line: {PLAIN_SVG_HINT}",
            f"<?{target}",
            None,
        )
    pending = [root]
    while pending:  # depth first, without recursion (a hostile file nests deeply)
        element = pending.pop()
        if not isinstance(element.tag, str):  # a processing instruction or a comment
            continue
        namespace, tag = split_name(element.tag)
        editor = namespace in allowed.EDITOR_NAMESPACES
        refused = [] if editor else list(_element_findings(element, namespace, tag, what))
        found = list(refused)
        if not refused or tag.lower() in allowed.ANIMATIONS:
            # (What is inside a refused element goes with it: one message is enough.)
            for name, value in element.attrib.items():
                found += _attribute_findings(name, value, what, inert=editor, said=bool(refused))
            if not editor and tag.lower() == "style":
                # The whole stylesheet: text after a child element (its tail) is part of it.
                found += _stylesheet_findings("".join(element.itertext()), what)
            pending.extend(reversed(element))
        for message, hint, needle in found:
            yield message, hint, needle, element


def split_name(name: str) -> tuple[str | None, str]:
    """The namespace (None for none) and the local name of an ElementTree tag or attribute."""
    if name.startswith("{"):
        namespace, _, rest = name[1:].partition("}")
        return namespace, rest
    return None, name


def _element_findings(
    element: Element, namespace: str | None, tag: str, what: str
) -> Iterator[tuple[str, str, str]]:
    """An element outside the allow-list (`svg_allow_list.ELEMENTS`), named; the ones that run
    scripts or change links, with their own reason."""
    lowered = tag.lower()
    if namespace not in {None, allowed.SVG_NAMESPACE}:
        yield (
            f"{what} has a <{tag}> from another vocabulary than SVG ({namespace}), which a "
            "browser may run or load things from",
            f"remove the <{tag}>: {PLAIN_SVG_HINT}",
            f"{tag}",
        )
    elif lowered in _ACTIVE_ELEMENTS:
        yield (
            f"{what} has a <{tag}>, which can run a script or load other files when it is "
            "opened on its own",
            f"remove the <{tag}>: {PLAIN_SVG_HINT}",
            f"<{tag}",
        )
    elif lowered in allowed.ANIMATIONS:
        changed = split_name(element.get("attributeName", ""))[1].rsplit(":", 1)[-1].lower()
        if changed == "href":
            yield (
                f"{what} has an animation (<{tag}>) that changes a link, which can turn it "
                "into a script",
                f"remove the <{tag}>: {PLAIN_SVG_HINT}",
                f"<{tag}",
            )
        elif changed.startswith("on") or not _allowed_attribute(changed):
            yield (
                f"{what} has an animation (<{tag}>) that changes '{changed}', which is not "
                "among the attributes known to be safe to change",
                f"remove the <{tag}>: {PLAIN_SVG_HINT}",
                f"<{tag}",
            )
    elif lowered not in allowed.ELEMENTS:
        yield (
            f"{what} has a <{tag}>, which is not among the SVG elements known to be safe to "
            "publish",
            f"remove the <{tag}>: {PLAIN_SVG_HINT}",
            f"<{tag}",
        )


def _allowed_attribute(name: str) -> bool:
    """Whether an attribute of no namespace is on the allow-list (`svg_allow_list`)."""
    return (
        name in allowed.ATTRIBUTES
        or name in allowed.ANIMATION_ATTRIBUTES
        or name.startswith(allowed.ATTRIBUTE_PREFIXES)
    )


def _attribute_findings(
    qualified: str, value: str, what: str, *, inert: bool, said: bool
) -> Iterator[tuple[str, str, str]]:
    """An attribute outside the allow-list, an event handler, a script address, CSS outside
    its allow-list, or a reference to another file (`inert`: the attribute of an editor's
    element, which draws nothing, so only scripts and references are looked for; `said`: its
    element was refused already, as an animation that changes a link)."""
    namespace, attribute = split_name(qualified)
    attribute = attribute.rsplit(":", 1)[-1]
    lowered = attribute.lower()
    if lowered.startswith("on") and namespace is None:
        yield (
            f"{what} has an event handler ({attribute}=…), a script that runs when it is opened "
            "on its own",
            f"remove the {attribute} attribute (a drawing needs no script)",
            f"{attribute}=",
        )
        return
    if not inert and not _attribute_allowed(namespace, lowered):
        yield (
            f"{what} has the attribute {attribute}=…, which is not among the SVG attributes "
            "known to be safe to publish",
            f"remove the {attribute} attribute: {PLAIN_SVG_HINT}",
            f"{attribute}=",
        )
    if "javascript:" in "".join(value.lower().split()):
        if said:
            return
        yield (
            f"{what} has a javascript: address ({attribute}=…), a script",
            f"remove it: {PLAIN_SVG_HINT}",
            "javascript",
        )
        return
    if lowered == "href":
        yield from _reference_findings([value], what)
    elif lowered == "style" and namespace is None:
        yield from _declarations_findings(value, what)
    elif "(" in value or "\\" in value:
        # A presentation attribute's value is CSS (fill="url(#g)").
        yield from _css_values_findings(tinycss2.parse_component_value_list(value), what)


def _attribute_allowed(namespace: str | None, name: str) -> bool:
    if namespace is None:
        return _allowed_attribute(name)
    if namespace == allowed.XLINK_NAMESPACE:
        return name in allowed.XLINK_ATTRIBUTES
    if namespace == allowed.XML_NAMESPACE:
        return name in allowed.XML_ATTRIBUTES
    return namespace in allowed.EDITOR_NAMESPACES


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


def _stylesheet_findings(css: str, what: str) -> Iterator[tuple[str, str, str]]:
    """A <style>'s rules, read with a CSS parser (tinycss2, which decodes escapes as browsers
    do): rules outside `svg_allow_list.CSS_GROUP_RULES`, and every declaration."""
    pending = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    while pending:  # nested rules are added as they are found: no recursion
        rule = pending.pop()
        if isinstance(rule, tinycss2.ast.QualifiedRule):
            yield from _declarations_findings(rule.content, what)
        elif isinstance(rule, tinycss2.ast.AtRule):
            yield from _at_rule_findings(rule, what)
            if rule.lower_at_keyword in allowed.CSS_GROUP_RULES and rule.content is not None:
                pending += tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )


def _at_rule_findings(rule: tinycss2.ast.AtRule, what: str) -> Iterator[tuple[str, str, str]]:
    name = rule.lower_at_keyword
    if name == "import":
        # The file is a string or a url(…), which the value check finds.
        written = [
            token.value
            for token in rule.prelude
            if isinstance(token, tinycss2.ast.StringToken | tinycss2.ast.URLToken)
        ]
        loads_url = any(isinstance(n, tinycss2.ast.FunctionBlock) for n in rule.prelude)
        yield from _reference_findings(written or ([] if loads_url else ["@import"]), what)
        yield from _css_values_findings(rule.prelude, what)
    elif name not in allowed.CSS_GROUP_RULES:
        yield (
            f"{what} has the CSS rule @{rule.at_keyword}, which is not among the CSS rules "
            "known to be safe in a drawing (it can load a web font or another stylesheet)",
            f"remove the @{rule.at_keyword} rule: {PLAIN_SVG_HINT}",
            f"@{rule.at_keyword}",
        )


def _declarations_findings(
    css: str | list[tinycss2.ast.Node], what: str
) -> Iterator[tuple[str, str, str]]:
    """The declarations of a `style` attribute or of one CSS rule: each property on
    `svg_allow_list.CSS_PROPERTIES` (or a custom property), and each value's functions."""
    for item in tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True):
        if isinstance(item, tinycss2.ast.QualifiedRule | tinycss2.ast.AtRule):  # CSS nesting
            yield from _stylesheet_findings(tinycss2.serialize([item]), what)
            continue
        if not isinstance(item, tinycss2.ast.Declaration):
            continue
        name = item.lower_name
        known = name in allowed.CSS_PROPERTIES or name.startswith("--")
        if not known and not name.startswith(allowed.CSS_PROPERTY_PREFIXES):
            yield (
                f"{what} has the CSS property {item.name}, which is not among the CSS "
                "properties known to be safe in a drawing",
                f"remove {item.name}: {PLAIN_SVG_HINT}",
                item.name,
            )
        yield from _css_values_findings(item.value, what)


def _css_values_findings(
    values: Iterable[tinycss2.ast.Node], what: str
) -> Iterator[tuple[str, str, str]]:
    """Every function of a CSS value, inside blocks and other functions too: a reference
    (`url()`) must point inside the drawing; a function that loads files otherwise
    (`image-set()`) is refused."""
    pending = list(values)
    while pending:
        node = pending.pop()
        if isinstance(node, tinycss2.ast.URLToken):
            yield from _reference_findings([node.value], what)
        elif isinstance(node, tinycss2.ast.FunctionBlock):
            name = node.lower_name
            if name in allowed.CSS_REFERENCE_FUNCTIONS:
                targets = [
                    token.value
                    for token in node.arguments
                    if isinstance(token, tinycss2.ast.StringToken)
                ]
                yield from _reference_findings(targets or ["url()"], what)
            elif name in allowed.CSS_LOADING_FUNCTIONS:
                yield (
                    f"{what} has CSS {node.name}(), which can load a picture from another website",
                    f"remove it: {PLAIN_SVG_HINT}",
                    f"{node.name}(",
                )
            pending += node.arguments
        elif isinstance(
            node,
            tinycss2.ast.ParenthesesBlock
            | tinycss2.ast.SquareBracketsBlock
            | tinycss2.ast.CurlyBracketsBlock,
        ):
            pending += node.content


def is_own(reference: str) -> bool:
    """True for a reference inside the drawing: a #part of it, or a picture embedded in it."""
    value = reference.strip().strip("'\"").strip()
    return value.startswith("#") or value.lower().startswith(EMBEDDED_PICTURES)


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
