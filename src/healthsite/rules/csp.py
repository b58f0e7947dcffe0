"""What the site's Content-Security-Policy would block in a hand-written page.

Every page carries a policy (`security_headers.content_security_policy`) that lets styles,
scripts, images and media come only from the site's own files: no inline `style` attribute or
`<style>` block, no inline or third-party script, no event handler attribute, no `javascript:`
link, no frame or plugin object. In the browser such markup fails silently (an error in the
console that no clinic reads); here it becomes an error with the file, the line and what to write
instead. Images have their own rules in `images`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from healthsite.rules.hand_written_html import (
    Element,
    Finding,
    attribute_needles,
    is_remote,
    shorten,
)

POLICY = "the site's Content-Security-Policy"
STYLESHEET_HINT = (
    "put the style in a stylesheet of your own, such as docs/assets/stylesheets/extra.css, listed "
    "under the healthsite plugin's 'stylesheets' in mkdocs.yml"
)
SCRIPT_HINT = (
    "remove it; a script the site needs goes in a file in docs/assets/javascripts/, listed "
    "under extra_javascript in mkdocs.yml"
)
# Attributes that hold an address the browser follows or fetches.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href")
# Script types that run; any other type (application/ld+json, …) is data the browser never runs.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}
_FRAMES = {"iframe", "frame", "embed", "object"}
# Material draws <pre class="mermaid"> with a library it fetches from unpkg.com.
MERMAID_CLASS = "mermaid"
# Elements (besides img and script, which have their own rules) that fetch what they point at,
# and the attribute holding the address.
_FETCHING = {"video": "src", "audio": "src", "source": "src", "track": "src", "input": "src"}
_FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}


def _is_javascript_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters inside the scheme ("java\tscript:").
    compact = "".join(ch for ch in value if ch > " ")
    return urlsplit(compact).scheme.lower() == "javascript"


def _style_attribute(element: Element) -> Finding:
    value = element.attrs["style"]
    return Finding(
        f'the style attribute on <{element.tag}> (style="{shorten(value)}") is blocked by '
        f"{POLICY}, so the browser ignores it",
        "give the element a class instead ({ .my-class } after the Markdown, or "
        f'class="my-class" in HTML) and {STYLESHEET_HINT}',
        attribute_needles("style", value),
    )


def _script(element: Element) -> list[Finding]:
    if element.attrs.get("type", "").strip().lower() not in _SCRIPT_TYPES:
        return []
    src = element.attrs.get("src")
    if src is None:
        return [
            Finding(
                f"an inline <script> is blocked by {POLICY} and never runs",
                SCRIPT_HINT,
                ("<script",),
            )
        ]
    if is_remote(src):
        return [
            Finding(
                f'the <script> from "{shorten(src)}" is blocked by {POLICY}: it comes from '
                "another website, which would learn who reads the page",
                "remove it; for a booking form or a map, link to the other website instead, "
                "for example [Book online](https://…)",
                attribute_needles("src", src),
            )
        ]
    return []


def _frame(element: Element) -> Finding:
    address = element.attrs.get("src") or element.attrs.get("data") or ""
    source = f' that shows "{shorten(address)}"' if address else ""
    return Finding(
        f"an <{element.tag}>{source} is blocked by {POLICY}, so readers see an empty box; "
        "it would also tell another website who reads the page",
        "link to it instead, for example [Watch the video](https://…)",
        (f"<{element.tag}",),
    )


def _fetches_from_elsewhere(element: Element) -> list[Finding]:
    if element.tag == "link":
        rels = set(element.attrs.get("rel", "").lower().split())
        name = "href" if rels & _FETCHING_LINK_RELS else ""
    else:
        name = _FETCHING.get(element.tag, "")
    addresses = [element.attrs.get(name, "")] if name else []
    if element.tag == "video":
        addresses.append(element.attrs.get("poster", ""))
    return [
        Finding(
            f'the <{element.tag}> loads "{shorten(address)}" from another website, which '
            f"{POLICY} blocks (and which would learn who reads the page)",
            "save the file in docs/assets/ and use its path, or link to it instead",
            attribute_needles(name, address),
        )
        for address in addresses
        if address and is_remote(address)
    ]


def csp_findings(element: Element) -> list[Finding]:
    """Everything in `element` (not its children) that the policy would block."""
    found: list[Finding] = []
    if element.tag == "pre" and MERMAID_CLASS in element.classes:
        found.append(
            Finding(
                "a Mermaid diagram is drawn by a script Material loads from unpkg.com, which "
                f"{POLICY} blocks, so readers see the diagram's source text",
                "draw the diagram as an image (SVG or PNG) in docs/assets/images/ and show it "
                "with ![what it shows](path)",
                ("```mermaid", "~~~mermaid", "mermaid"),
            )
        )
    if element.tag == "style":
        found.append(
            Finding(
                f"a <style> block is blocked by {POLICY}, so its rules do nothing",
                f"give the elements classes and {STYLESHEET_HINT}",
                ("<style",),
            )
        )
    elif element.tag == "script":
        found += _script(element)
    elif element.tag in _FRAMES:
        found.append(_frame(element))
    else:
        found += _fetches_from_elsewhere(element)
    if "style" in element.attrs:
        found.append(_style_attribute(element))
    for name, value in element.attrs.items():
        if name.startswith("on"):
            found.append(
                Finding(
                    f"the {name} attribute on <{element.tag}> is a script, which {POLICY} blocks",
                    SCRIPT_HINT,
                    attribute_needles(name, value),
                )
            )
        elif name in URL_ATTRIBUTES and _is_javascript_url(value):
            found.append(
                Finding(
                    f'the address "{shorten(value)}" on <{element.tag}> runs a script, which '
                    f"{POLICY} blocks",
                    "link to a page or an address (https:, mailto: or tel:) instead",
                    attribute_needles(name, value),
                )
            )
    return found
