"""The step after a site builder has run, on the finished HTML in the site folder: what the MkDocs
plugin does to each page in `on_post_page` and `on_post_template`, and in `on_post_build`. Every
`.html` file gets the last touches and minifying (`finish`, which the adapter gives: the fixes
are to Material's markup), then a Content-Security-Policy `<meta>` (`render.security_headers`);
`_headers` gets the same policy for hosts that read it.

Which inline scripts a page may run: the MkDocs plugin renders the theme's template around an
empty page and hashes that page's scripts. A builder with no way to render its templates from
Python (Zensical renders them in Rust) leaves the 404 page, which is the theme alone, with no
content. Material's inline scripts differ from page to page only by the page's base address,
which they pass to `URL` as a quoted string (`new URL("../..",location)`): so each page may run
the 404 page's scripts with the 404 page's base (the site's path, "/") put there as its own
("../.." two folders down). Any other inline script, which only content could have added, is
left out of the policy, so browsers block it, and it is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from healthsite.render.security_headers import (
    headers_file,
    inline_scripts,
    script_hash,
    script_hashes,
    with_csp_meta,
)
from healthsite.source.errors import ContentProblem, Severity

# The page of the theme alone that every builder of Material's templates writes.
THEME_PAGE = "404.html"
HEADERS = "_headers"


class AfterBuildError(ValueError):
    """The finished site lacks what this step needs; the message says what."""


@dataclass(frozen=True)
class FinishedSite:
    """What `finish_site` did: the pages it gave a policy (paths in the site folder), every
    script hash a policy allows, and each inline script a policy blocks."""

    pages: list[str]
    script_hashes: frozenset[str]
    blocked: list[ContentProblem]


def relative_base(page: str) -> str:
    """The base address Material writes for the page at `page` in the site folder, relative to
    the page: "." for "index.html", "../.." for "benefits/stress/index.html"."""
    return "/".join([".."] * page.count("/")) or "."


def _theme_scripts(theme_scripts: list[str], theme_base: str, base: str) -> list[str]:
    """The hashes of the 404 page's scripts as the theme writes them into a page at `base`."""
    moved = (body.replace(f'URL("{theme_base}"', f'URL("{base}"') for body in theme_scripts)
    return list(dict.fromkeys(script_hash(body) for body in moved))


def finish_site(
    site_dir: Path,
    *,
    site_url: str,
    finish: Callable[[str], str],
    allowed_scripts: Iterable[str] = (),
) -> FinishedSite:
    """Finish every page of `site_dir` in place and write its `_headers`. `site_url` is the
    site's address (the 404 page's base is its path); `allowed_scripts` are the hashes a clinic
    allows besides the theme's (CSP source expressions). Raises AfterBuildError without a 404
    page."""
    theme_page = site_dir / THEME_PAGE
    if not theme_page.is_file():
        raise AfterBuildError(
            f"the builder wrote no {THEME_PAGE} into {site_dir}: the policy of every page is "
            "worked out from that page of the theme alone"
        )
    theme_scripts = inline_scripts(finish(theme_page.read_text(encoding="utf-8")))
    theme_base = urlsplit(site_url).path or "/"
    clinic_allows = list(allowed_scripts)
    pages, used, blocked = [], set(), []
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        html = finish(path.read_text(encoding="utf-8"))
        base = theme_base if page == THEME_PAGE else relative_base(page)
        hashes = [*_theme_scripts(theme_scripts, theme_base, base), *clinic_allows]
        for found in script_hashes(html):
            if found not in hashes:
                blocked.append(
                    ContentProblem(
                        page,
                        0,
                        0,
                        "",
                        f"an inline script the theme does not write ({found}): the page's "
                        "Content-Security-Policy blocks it",
                        "remove it from the page it comes from; a script the site needs goes in "
                        "docs/assets/javascripts/, listed under extra_javascript in mkdocs.yml",
                        severity=Severity.WARNING,
                    )
                )
        used.update(hashes)
        path.write_text(with_csp_meta(html, hashes), encoding="utf-8")
        pages.append(page)
    (site_dir / HEADERS).write_text(headers_file(used), encoding="utf-8")
    return FinishedSite(pages, frozenset(used), blocked)
