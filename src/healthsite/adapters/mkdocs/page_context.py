"""What the engine's templates read besides MkDocs' own values: the same on every page (the
site's language, the clinic's structured data, the footer's places, help line and legal links,
the theme colour and icons), and of each page (its own structured data and share tags)."""

from __future__ import annotations

from typing import Any

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from healthsite.adapters.mkdocs.site_build import SiteBuild
from healthsite.model.legal import legal_pages_among
from healthsite.render.structured_data import page_json_ld


def site_globals(site: SiteBuild) -> dict[str, Any]:
    """The values every page's templates read (pages rendered without a page context, such as
    404.html, still describe the clinic)."""
    content = site.content
    return {
        # The clinic's own JSON-LD, the same on every page: a page made from content/ or a
        # legal page adds its own item (`page_values`).
        "healthsite_json_ld": page_json_ld(content, None, "", today=site.renderer.today),
        "healthsite_share": None,
        "healthsite_theme_colour": site.renderer.colours["primary"],
        # The footer's suburb and phone of each location (the theme's partials/copyright.html).
        "healthsite_places": site.renderer.places,
        # The footer's emergency number and advice line, on every page (safety.yml).
        "healthsite_help": {
            "emergency": content.clinic.emergency_number,
            "line": content.safety.advice_line,
        },
        # The footer's links to the legal pages (the theme's partials/copyright.html).
        "healthsite_legal_links": [
            {"title": page.title, "url": site.renderer.addresses.address(page.source_path)}
            for page in legal_pages_among(site.legal_pages)
        ],
        "healthsite_icons": site.sharing.icon_links(),
    }


def page_values(site: SiteBuild, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """The values of `page`'s own: the structured data of a page made from content/ or of a
    legal page (others show the clinic's, from `site_globals`), and its share tags."""
    values: dict[str, Any] = {}
    subject = site.subjects.get(page.file.src_uri)
    if subject is not None:
        # The file each image is shown as: the team's photos, which their structured data names.
        values["healthsite_json_ld"] = page_json_ld(
            site.content,
            subject,
            page.canonical_url or "",
            site.images.photos(),
            today=site.renderer.today,
        )
    values["healthsite_share"] = site.sharing.tags(page, config)
    return values
