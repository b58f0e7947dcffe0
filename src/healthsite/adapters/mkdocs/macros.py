"""Macros for hand-written pages in docs/, registered with mkdocs-macros-plugin.

The macros themselves are `healthsite.render.page_macros` (which lists them); here each is
registered under its name, with the renderer of the healthsite plugin's build under way and the
page mkdocs-macros is rendering (by its file, where its links start). Use them in Markdown:
`{{ benefit_cards() }}`, `{{ faq_list() }}`, `{{ reference_list("moyer2004") }}`,
`{{ contact_block(heading=2) }}`, `{{ safety_cautions("blood-thinners", "pregnancy") }}`, ...
"""

from __future__ import annotations

from typing import Any

from healthsite.render.content_pages import Renderer
from healthsite.render.page_macros import page_macros


def _renderer(env: Any) -> Renderer:
    plugin = env.conf.plugins.get("healthsite")
    site = getattr(plugin, "site", None)  # the build under way (adapters.mkdocs.site_build)
    if site is None:
        raise RuntimeError("list the 'healthsite' plugin before 'macros' in mkdocs.yml")
    return site.renderer  # type: ignore[no-any-return]


def define_env(env: Any) -> None:
    def page_source() -> str:
        # The page being rendered, by its file among MkDocs' files (links start from it).
        return str(env.page.file.src_uri) if env.page is not None else "index.md"

    for name, macro in page_macros(lambda: _renderer(env), page_source).items():
        env.macro(macro, name)
