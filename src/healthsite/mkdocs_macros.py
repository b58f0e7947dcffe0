"""Macros for hand-written pages in docs/, registered with mkdocs-macros-plugin.

Each macro renders a template from overrides/partials/health/ with the content the healthsite
plugin loaded for this build, linking relative to the page being rendered. Use them in Markdown:
`{{ benefit_cards() }}`, `{{ faq_list() }}`, `{{ reference_list() }}`, `{{ contact_block() }}`,
`{{ opening_hours() }}`, `{{ booking_button() }}`, `{{ when_to_see_a_doctor() }}`,
`{{ disclaimer() }}`, `{{ clinic_intro() }}`, `{{ health_funds() }}`, `{{ clinic_people() }}`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from healthsite.render import Renderer


def _renderer(env: Any) -> Renderer:
    plugin = env.conf.plugins.get("healthsite")
    renderer = getattr(plugin, "renderer", None)
    if renderer is None:
        raise RuntimeError("list the 'healthsite' plugin before 'macros' in mkdocs.yml")
    return renderer  # type: ignore[no-any-return]


def define_env(env: Any) -> None:
    def page_url() -> str:
        return str(env.page.url) if env.page is not None else ""

    @env.macro  # type: ignore[untyped-decorator]
    def benefit_cards() -> Markup:
        return _renderer(env).benefit_cards(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def faq_list() -> Markup:
        return _renderer(env).faq_list(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def reference_list(*keys: str) -> Markup:
        return _renderer(env).reference_list(page_url(), list(keys) or None)

    @env.macro  # type: ignore[untyped-decorator]
    def contact_block() -> Markup:
        return _renderer(env).contact_block(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def opening_hours() -> Markup:
        return _renderer(env).opening_hours(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def booking_button() -> Markup:
        return _renderer(env).booking_button(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def when_to_see_a_doctor() -> Markup:
        return _renderer(env).when_to_see_a_doctor(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def disclaimer() -> Markup:
        return _renderer(env).disclaimer(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def clinic_intro() -> Markup:
        return _renderer(env).clinic_intro(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def health_funds() -> Markup:
        return _renderer(env).health_funds(page_url())

    @env.macro  # type: ignore[untyped-decorator]
    def clinic_people() -> Markup:
        return _renderer(env).clinic_people(page_url())
