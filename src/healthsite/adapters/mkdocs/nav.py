"""The generated pages and the menu: one page per page of each kind of content
(`model.registry.CONTENT_TYPES`, from the site's content/ and the content library) and the
legal pages, handed to MkDocs as files of docs/; each kind's pages put in the menu under its
overview page (`render.menu_entries`); and a warning for a hand-written page left out of the
menu.
"""

from __future__ import annotations

import logging
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.adapters.mkdocs.material_pages import material_text, page_source
from healthsite.adapters.mkdocs.nav_hint import not_in_nav
from healthsite.adapters.mkdocs.site_build import SiteBuild
from healthsite.model.legal import LegalPage
from healthsite.model.loader import SiteContent
from healthsite.render.menu_entries import MenuError, menu_with_generated_pages
from healthsite.source.errors import display_path


def add_generated_pages(files: Files, config: MkDocsConfig, site: SiteBuild) -> None:
    """Each page made from content/ and each published legal page, as a file of docs/. The
    legal pages are linked from every page's footer, so they stay out of the menu (and out of
    the "not in the menu" warning) unless mkdocs.yml lists them in nav."""
    renderer = site.renderer
    generated: dict[str, str] = {}
    legal: set[str] = set()
    for src_uri, subject in site.subjects.items():
        if isinstance(subject, LegalPage):
            legal.add(src_uri)
            body = renderer.legal_page(subject, site.website)
            generated[src_uri] = page_source(
                title=subject.title, description=subject.description, body=body
            )
        else:
            generated[src_uri] = page_source(
                title=subject.item.title,
                description=subject.item.description,
                body=renderer.page(subject),
            )
    # A docs/ page at a generated page's address is refused before this (rules.page_addresses).
    for src_uri, text in generated.items():
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in legal else InclusionLevel.UNDEFINED
        files.append(File.generated(config, src_uri, content=text, inclusion=inclusion))


def put_generated_pages_in_nav(config: MkDocsConfig, content: SiteContent) -> None:
    """`render.menu_entries.menu_with_generated_pages` for the nav mkdocs.yml lists (none:
    MkDocs lists every page itself)."""
    if config.nav is None:
        return
    try:
        config.nav = menu_with_generated_pages(
            config.nav, content, Path(config.docs_dir), title=material_text
        )
    except MenuError as exc:
        raise PluginError(str(exc)) from None
    # warn_left_out_of_nav says which page is missing and what to add; MkDocs' own list says
    # less.
    config.validation.nav.omitted_files = logging.DEBUG


def warn_left_out_of_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    """Warn, naming the file and the line to add, about a page left out of the menu."""
    if config.nav is None:
        return
    listed = {page.file.src_uri for page in nav.pages}
    root = Path(config.config_file_path).parent
    # The pages that belong in the menu (not those under not_in_nav), by the documented filter.
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_nav):
        if file.src_uri not in listed:
            shown = display_path(Path(config.docs_dir) / file.src_uri, root)
            content_log.warning(not_in_nav(shown, file.src_uri, file.content_string).format())
