"""What a page shows when it is shared or saved to a home screen: each page's share tags
(Open Graph) and share image, the home-screen icons drawn from the header logo, the web
manifest and robots.txt (`healthsite.render.sharing` draws and words them).
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from healthsite.model.content_type import GeneratedPage
from healthsite.model.loader import SiteContent
from healthsite.render.content_pages import Renderer
from healthsite.render.sharing import (
    ICONS_DIR,
    MANIFEST,
    SHARE_CACHE,
    SHARE_DIR,
    TOUCH_ICON,
    ImageCache,
    Logo,
    ShareCard,
    discovery_files,
    home_screen_name,
    render_share_image,
    share_image_name,
)


def header_logo(files: Files, config: MkDocsConfig, renderer: Renderer) -> Logo:
    """The header logo: the clinic's own SVG or PNG (which `rules.logo` has checked), or the
    generated heart."""
    logo_path = str(config.theme.get("logo") or "")
    own = files.get_file_from_path(logo_path) if logo_path else None
    return Logo.of_header(logo_path, own.content_bytes if own else None, renderer.logo())


class Sharing:
    """One build's share tags and images, icons and manifest, drawn from its header logo."""

    def __init__(
        self,
        content: SiteContent,
        renderer: Renderer,
        root: Path,
        subjects: dict[str, GeneratedPage],
    ) -> None:
        self.content = content
        self.renderer = renderer
        self.subjects = subjects
        # Drawn pictures kept between builds.
        self.cache = ImageCache(root / SHARE_CACHE)
        # The header logo (set by add_discovery_files), which the icons and share images show.
        self.logo: Logo | None = None
        # Each page's share image, by its file in the site, drawn after the build.
        self.cards: dict[str, ShareCard] = {}

    def add_discovery_files(self, files: Files, config: MkDocsConfig) -> None:
        """robots.txt, the web manifest and the home-screen icons
        (`sharing.discovery_files`; a clinic's own file of the same path in docs/ wins)."""
        clinic = self.content.clinic
        logo = self.logo = header_logo(files, config, self.renderer)
        generated = discovery_files(
            clinic.name,
            home_screen_name(clinic),
            clinic.site_url,
            theme_colour=self.renderer.colours["primary"],
            logo=logo,
            cache=self.cache,
        )
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))

    def tags(self, page: Page, config: MkDocsConfig) -> dict[str, str]:
        """Open Graph values for `page` (plain text: the template escapes them) and its image,
        drawn after the build (`draw_share_images`)."""
        clinic = self.content.clinic
        colours = self.renderer.colours
        # Titles and descriptions were escaped for Material's templates (see material_pages).
        title = html.unescape(str(page.meta.get("title") or page.title or clinic.name))
        description = html.unescape(
            str(page.meta.get("description") or config.site_description or "")
        )
        image = f"{SHARE_DIR}/{share_image_name(page.url)}"
        self.cards[image] = ShareCard(
            title=title,
            site_name=clinic.name,
            background=colours["primary"],
            foreground=colours["primary_text"],
            logo=self.logo,
        )
        site_url = clinic.site_url.rstrip("/") + "/"
        return {
            "type": "article" if page.file.src_uri in self.subjects else "website",
            "site_name": clinic.name,
            "title": title,
            "description": description,
            "url": page.canonical_url or site_url,
            "image": site_url + image,
            "image_alt": f"{title}, {clinic.name}",
        }

    def draw_share_images(self, site_dir: Path) -> None:
        """Each page's share image, into the built site."""
        for image, card in self.cards.items():
            target = site_dir / image
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(
                self.cache.get(card.cache_key(), functools.partial(render_share_image, card))
            )

    def icon_links(self) -> dict[str, str]:
        """The manifest and touch icon every page links to."""
        return {"manifest": MANIFEST, "touch_icon": f"{ICONS_DIR}/{TOUCH_ICON}"}
