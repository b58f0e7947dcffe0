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

# An inline <script> that the browser executes: no src, and no data type such as JSON or JSON-LD.
_INLINE_SCRIPT = re.compile(
    r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE
)
_DATA_TYPE = re.compile(r"\btype=[\"']?application/(?:ld\+)?json", re.IGNORECASE)
_HEAD_OPEN = re.compile(r"<head>", re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for every executable inline script in `html`."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc=", attrs, re.IGNORECASE) or _DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
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
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "  X-Frame-Options: DENY",
    ]
    return "\n".join(lines) + "\n"
