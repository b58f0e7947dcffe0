"""Content-Security-Policy for the built pages: only the site itself may supply scripts, styles,
images and data, so a script slipped into content (or a third-party host) cannot run or load.

GitHub Pages cannot set response headers, so each page carries the policy in a <meta> tag.
Inline scripts are allowed by hash, and only the theme's own: the MkDocs adapter renders the
theme around an empty page and hashes the executable inline scripts of that (`script_hashes`),
then gives every page those hashes, plus any a clinic allows by name in mkdocs.yml. A script
that a page's content adds is never hashed, so the browser blocks it, however the HTML around
it is shaped: nothing depends on where a parser thinks the content of a page begins or ends.
Hosts that can set headers get the same policy, plus the headers a <meta> tag cannot carry, in a
`_headers` file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

_DATA_TYPES = {"application/json", "application/ld+json"}
_HEAD_OPEN = re.compile(r"<head>", re.IGNORECASE)
_HASH_SOURCE = re.compile(r"^'?(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})'?$")
_DIGEST_BYTES = {"sha256": 32, "sha384": 48, "sha512": 64}


class _InlineScripts(HTMLParser):
    """The bodies of the executable inline scripts of a page the theme made by itself (so
    trusted HTML: there is no content to confuse the parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.body: list[str] | None = None
        self.bodies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            found = dict(attrs)
            executable = "src" not in found and (found.get("type") or "") not in _DATA_TYPES
            self.body = [] if executable else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.body is not None:
            self.bodies.append("".join(self.body))
            self.body = None

    def handle_data(self, data: str) -> None:
        if self.body is not None:
            self.body.append(data)


def script_hash(body: str) -> str:
    """The CSP source expression ('sha256-…') that allows exactly the inline script `body`."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(theme_html: str) -> list[str]:
    """The bodies of the executable inline scripts in `theme_html`, a page of the theme alone."""
    finder = _InlineScripts()
    finder.feed(theme_html)
    finder.close()
    return finder.bodies


def script_hashes(theme_html: str) -> list[str]:
    """Hashes of the executable inline scripts in `theme_html`, a page of the theme alone."""
    return list(dict.fromkeys(script_hash(body) for body in inline_scripts(theme_html)))


def hash_source(text: str) -> str:
    """A hash a clinic wrote in mkdocs.yml ("sha256-…", quoted or not) as a CSP source
    expression; ValueError when it is not one."""
    match = _HASH_SOURCE.match(text.strip())
    if match is None:
        raise ValueError("write it as sha256- followed by the hash, for example sha256-AbC…=")
    algorithm, encoded = match.groups()
    try:
        size = len(base64.b64decode(encoded, validate=True))
    except binascii.Error:
        size = -1
    if size != _DIGEST_BYTES[algorithm]:
        raise ValueError(
            f"this is not a whole {algorithm} hash (it must be base64, as browsers show it)"
        )
    return f"'{algorithm}-{encoded}'"


def content_security_policy(script_hashes: Iterable[str], *, for_header: bool = False) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        "style-src 'self'",
        # Material's stylesheets draw icons with data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if for_header:  # not allowed in a <meta> policy
        directives.append("frame-ancestors 'none'")
    return "; ".join(d.strip() for d in directives)


def with_csp_meta(html: str, hashes: Iterable[str]) -> str:
    """Put a CSP <meta> allowing the inline scripts `hashes` first in <head>, before any script
    can run (the first <head> of a page is the theme's: content comes later, in <body>)."""
    policy = content_security_policy(hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html, count = _HEAD_OPEN.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return html


def headers_file(script_hashes: Iterable[str]) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) applying the policy to every path."""
    policy = content_security_policy(sorted(set(script_hashes)), for_header=True)
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
        "  X-Frame-Options: DENY",
    ]
    return "\n".join(lines) + "\n"
