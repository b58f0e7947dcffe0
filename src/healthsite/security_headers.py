"""Content-Security-Policy for the built pages: only the site itself may supply scripts, styles,
images and data, so a script slipped into content (or a third-party host) cannot run or load.

GitHub Pages cannot set response headers, so each page carries the policy in a <meta> tag with
the hashes of its own inline scripts (Material writes a few small ones). Hosts that can set
headers get the same policy, plus the headers a <meta> tag cannot carry, in a `_headers` file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

_DATA_TYPES = {"application/json", "application/ld+json"}
_HEAD_OPEN = re.compile(r"<head>", re.IGNORECASE)


class _ThemeScripts(HTMLParser):
    """Collects the bodies of executable inline scripts outside <article>.

    <article> holds the page content, where text from content/ ends up; a script there is never
    allowed, so if escaping ever failed, an injected script would still be blocked. Parsing (not
    a regular expression) keeps text such as "<script>" inside an attribute from counting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.in_article = 0
        self.body: list[str] | None = None
        self.bodies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        elif tag == "script":
            found = dict(attrs)
            executable = "src" not in found and (found.get("type") or "") not in _DATA_TYPES
            self.body = [] if executable and not self.in_article else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = max(0, self.in_article - 1)
        elif tag == "script" and self.body is not None:
            self.bodies.append("".join(self.body))
            self.body = None

    def handle_data(self, data: str) -> None:
        if self.body is not None:
            self.body.append(data)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for the theme's executable inline scripts."""
    finder = _ThemeScripts()
    finder.feed(html)
    finder.close()
    hashes = []
    for body in finder.bodies:
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


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


def with_csp_meta(html: str) -> tuple[str, list[str]]:
    """Put a CSP <meta> first in <head> (before any script runs); return the page and hashes."""
    hashes = inline_script_hashes(html)
    policy = content_security_policy(hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html, count = _HEAD_OPEN.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return html, hashes


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
