"""The macros a hand-written page in docs/ calls, by name, each rendering a template of the
theme's partials/health/ with the `Renderer`, linking from the page being rendered:

- `{{ benefit_cards() }}`, `{{ guide_cards() }}`: one per kind of page with `cards` in
  `registry.CONTENT_TYPES`;
- `{{ faq_list() }}`, `{{ reference_list() }}` (or with keys: `{{ reference_list("moyer2004") }}`);
- one per entry of `content_pages.FRAGMENTS`: `{{ contact_block() }}`, `{{ opening_hours() }}`,
  `{{ booking_button() }}`, `{{ when_to_see_a_doctor() }}`, `{{ disclaimer() }}`,
  `{{ clinic_intro() }}`, `{{ health_funds() }}`, `{{ clinic_people() }}`, `{{ front_door() }}`
  (each takes `heading=`, the level of the headings it makes: 3 by default, 2 straight under a
  page's title);
- the safety advice of content/safety.yml: `{{ red_flags() }}` and `{{ safety_cautions() }}` (all
  of them, grouped by tier: every red flag, those with `on_every_page: false` too, unlike
  `{{ when_to_see_a_doctor() }}`) or with ids:
  `{{ safety_cautions("blood-thinners", "pregnancy") }}`.

mkdocs-macros registers them for MkDocs (`healthsite.adapters.mkdocs.macros`); the plain project
written for another builder expands them itself (`healthsite.build_steps.before_build`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from healthsite.model.content_type import ContentType
from healthsite.model.registry import CONTENT_TYPES
from healthsite.render.content_pages import FRAGMENTS, Renderer


def page_macros(
    renderer: Callable[[], Renderer], page_source: Callable[[], str]
) -> dict[str, Callable[..., Markup]]:
    """Every macro by its name. `renderer` gives the build's renderer and `page_source` the
    page being rendered, by its file among the docs ("faq.md"; links start from it), each
    asked when a macro runs."""

    def cards_macro(kind: ContentType[Any]) -> Callable[[], Markup]:
        def render() -> Markup:
            return renderer().cards(kind, page_source())

        return render

    def faq_list() -> Markup:
        return renderer().faq_list(page_source())

    def reference_list(*keys: str) -> Markup:
        return renderer().reference_list(page_source(), list(keys) or None)

    def red_flags(*ids: str, on_every_page: bool | None = None) -> Markup:
        return renderer().safety_advice(
            page_source(), "red_flags", list(ids), on_every_page=on_every_page
        )

    def safety_cautions(*ids: str) -> Markup:
        return renderer().safety_advice(page_source(), "cautions", list(ids))

    def fragment_macro(name: str) -> Callable[..., Markup]:
        def render(heading: int = 3) -> Markup:
            return renderer().fragment(name, page_source(), heading)

        return render

    macros: dict[str, Callable[..., Markup]] = {
        f"{kind.name}_cards": cards_macro(kind) for kind in CONTENT_TYPES if kind.cards
    }
    for function in (faq_list, reference_list, red_flags, safety_cautions):
        macros[function.__name__] = function
    for name in FRAGMENTS:
        macros[name] = fragment_macro(name)
    return macros
