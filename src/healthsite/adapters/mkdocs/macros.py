"""Macros for hand-written pages in docs/, registered with mkdocs-macros-plugin.

Each macro renders a template from the theme's partials/health/ (healthsite.render.theme_files)
with the
content the healthsite plugin loaded for this build, linking relative to the page being
rendered. Use them in Markdown:
`{{ benefit_cards() }}`, `{{ guide_cards() }}` (one per kind of page with `cards` in
`registry.CONTENT_TYPES`), `{{ faq_list() }}`, `{{ reference_list() }}`
(or with keys: `{{ reference_list("moyer2004") }}`), and one per entry of `render.FRAGMENTS`:
`{{ contact_block() }}`, `{{ opening_hours() }}`, `{{ booking_button() }}`,
`{{ when_to_see_a_doctor() }}`, `{{ disclaimer() }}`, `{{ clinic_intro() }}`,
`{{ health_funds() }}`, `{{ clinic_people() }}`, `{{ front_door() }}` (each takes `heading=`, the
level of the headings it makes: 3 by default, 2 straight under a page's title); and the safety
advice of content/safety.yml: `{{ red_flags() }}` and `{{ safety_cautions() }}` (all of them,
grouped by tier: every red flag, those with `on_every_page: false` too, unlike
`{{ when_to_see_a_doctor() }}`) or with ids:
`{{ safety_cautions("blood-thinners", "pregnancy") }}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from healthsite.model.content_type import ContentType
from healthsite.model.registry import CONTENT_TYPES
from healthsite.render.content_pages import FRAGMENTS, Renderer


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

    def cards_macro(kind: ContentType[Any]) -> Callable[[], Markup]:
        def render() -> Markup:
            return _renderer(env).cards(kind, page_source())

        return render

    def faq_list() -> Markup:
        return _renderer(env).faq_list(page_source())

    def reference_list(*keys: str) -> Markup:
        return _renderer(env).reference_list(page_source(), list(keys) or None)

    def red_flags(*ids: str, on_every_page: bool | None = None) -> Markup:
        return _renderer(env).safety_advice(
            page_source(), "red_flags", list(ids), on_every_page=on_every_page
        )

    def safety_cautions(*ids: str) -> Markup:
        return _renderer(env).safety_advice(page_source(), "cautions", list(ids))

    def fragment_macro(name: str) -> Callable[..., Markup]:
        def render(heading: int = 3) -> Markup:
            return _renderer(env).fragment(name, page_source(), heading)

        return render

    for kind in CONTENT_TYPES:
        if kind.cards:
            env.macro(cards_macro(kind), f"{kind.name}_cards")
    for function in (
        faq_list,
        reference_list,
        red_flags,
        safety_cautions,
    ):
        env.macro(function)
    for name in FRAGMENTS:
        env.macro(fragment_macro(name), name)
