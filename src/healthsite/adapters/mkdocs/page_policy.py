"""Each page's Content-Security-Policy: a page is finished (`material_html`), then given a
policy that allows exactly the theme's inline scripts and those the clinic allows by hash; the
site's `_headers` file allows every script any page allows (`render.security_headers`).

While serving, pages get no policy: MkDocs injects an inline live-reload script that a strict
policy would block.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from healthsite.adapters.mkdocs.material_html import finish_html
from healthsite.render.security_headers import headers_file, script_hashes, with_csp_meta


class PagePolicy:
    """The policies of one build's pages, and the script hashes they allow between them."""

    def __init__(self, allowed_scripts: tuple[str, ...], *, minify: bool, serving: bool) -> None:
        self.allowed_scripts = allowed_scripts
        self.minify = minify
        self.serving = serving
        # MkDocs' template environment, which renders the theme's templates (set in on_env).
        self.env: Environment | None = None
        # Every script hash a page's policy allows, for `_headers`.
        self.hashes: set[str] = set()
        # The theme's inline scripts by (template, the page's base URL).
        self.theme_hashes: dict[tuple[str, str], list[str]] = {}

    def finish_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A page built from docs/ or content/, finished and with its policy."""
        template = page.meta.get("template", "main.html")  # the template MkDocs rendered
        return self._finish(output, lambda _: self._theme_script_hashes(template, page, config))

    def finish_template(self, output: str) -> str:
        """A page of the theme alone (404.html), finished and with its policy: no page from
        docs/ or content/ is in it, so its own inline scripts are the theme's."""
        return self._finish(output, script_hashes)

    def write_headers(self, site_dir: Path) -> None:
        """The site's `_headers` file (not while serving)."""
        if self.serving:
            return
        headers = site_dir / "_headers"
        headers.write_text(headers_file(self.hashes), encoding="utf-8")

    def _theme_script_hashes(self, template: str, page: Page, config: MkDocsConfig) -> list[str]:
        """The inline scripts the theme writes into `template` for a page at the depth of
        `page`: the template rendered around an empty page (no content, title, metadata or
        navigation, which come from docs/ and content/), then hashed. Material's inline scripts
        depend only on the configuration and the page's base URL, so one render per template
        and depth serves every page (tests/test_csp.py checks that each page's theme scripts
        are allowed)."""
        # MkDocs internals: `get_context` (mkdocs.commands.build), the `Page` and `Navigation`
        # constructors and `get_relative_url` (mkdocs.utils), none on MkDocs' API page. They
        # make the context MkDocs renders a page's template with, for a made-up empty page.
        # No public API renders a theme template outside MkDocs' own page loop: the events
        # hand over the real page's context (on_page_context), whose content and navigation
        # come from docs/ and content/ and must not count as the theme's. Checked with MkDocs
        # 1.6.1, ProperDocs 1.6.7 and Material 9.8.2; guarded by tests/test_csp.py
        # (test_every_theme_script_of_every_clean_page_is_allowed: every inline script
        # Material writes into a page is in its policy).
        base_url = get_relative_url(".", page.url)
        key = (template, base_url)
        if key not in self.theme_hashes:
            empty = Page("", File.generated(config, page.file.src_uri, content=""), config)
            empty.content = ""
            context = get_context(Navigation([], []), Files([]), config, base_url=base_url)
            context["page"] = empty
            assert self.env is not None, "on_env sets the environment before any page"
            html = self.env.get_template(template).render(context)
            self.theme_hashes[key] = script_hashes(finish_html(html, minify=self.minify))
        return self.theme_hashes[key]

    def _finish(self, output: str, theme_hashes: Callable[[str], list[str]]) -> str:
        """The page finished (see material_html) with its policy, which allows the inline scripts
        `theme_hashes` finds for it (given the finished page) and those the clinic allows."""
        html = finish_html(output, minify=self.minify)
        if self.serving:
            return html
        hashes = [*theme_hashes(html), *self.allowed_scripts]
        self.hashes.update(hashes)
        return with_csp_meta(html, hashes)
