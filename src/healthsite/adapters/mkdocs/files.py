"""The files the build adds to docs/ and leaves out of it: the one bundled stylesheet, the drawn
favicon and logo (when docs/ has none of its own), and no files that nothing should publish
(Material's own icon beside the site's, the example clinic's leftover pictures); while the
preview cannot build the site, only its error page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from healthsite.adapters.mkdocs.preview import ERROR_FILES, error_page
from healthsite.render.content_pages import Renderer
from healthsite.render.theme_files import (
    FAVICON,
    SITE_CSS,
    MissingStylesheet,
    bundled_stylesheet,
)
from healthsite.rules.unused_files import example_pictures
from healthsite.source.errors import ContentProblem

# Material's own icon, which it publishes whatever icon the site uses.
MATERIAL_FAVICON = "assets/images/favicon.png"


def error_files(config: MkDocsConfig, problems: Sequence[ContentProblem]) -> Files:
    """The preview's whole site when the content has errors: the page that lists them (see
    `healthsite.adapters.mkdocs.preview`)."""
    page = error_page(problems)
    return Files([File.generated(config, name, content=page) for name in ERROR_FILES])


def add_bundled_css(
    files: Files, config: MkDocsConfig, renderer: Renderer, stylesheets: Sequence[str]
) -> None:
    """SITE_CSS (`theme_files.bundled_stylesheet`): the theme CSS, then each of `stylesheets`
    (the plugin's option), which is then not published alone."""

    def take(src_uri: str) -> str | None:
        source = files.get_file_from_path(src_uri)
        if source is None:
            return None
        files.remove(source)
        return source.content_string

    try:
        text = bundled_stylesheet(renderer.theme_css(), list(stylesheets), take)
    except MissingStylesheet as exc:
        raise PluginError(str(exc)) from None
    files.append(File.generated(config, SITE_CSS, content=text))


def leave_out_unused(files: Files, config: MkDocsConfig, *, example: bool) -> None:
    """Not published: Material's own favicon when the site uses another, and, once the site
    is the clinic's own (not `example`), the example clinic's pictures that nothing shows (the
    check warns about them: `rules.unused_files`)."""
    material_icon = files.get_file_from_path(MATERIAL_FAVICON)
    from_docs = material_icon is not None and Path(material_icon.abs_src_path or "").is_relative_to(
        Path(config.docs_dir).resolve()
    )
    if (
        material_icon is not None
        and not from_docs
        and config.theme.get("favicon") != MATERIAL_FAVICON
    ):
        files.remove(material_icon)
    if example:
        return
    root = Path(config.config_file_path).parent
    leftovers = {str(path) for path in example_pictures(Path(config.docs_dir), root)}
    for file in list(files):
        if file.abs_src_path in leftovers:
            files.remove(file)


def add_drawn_pictures(files: Files, config: MkDocsConfig, renderer: Renderer) -> None:
    """The favicon and the logo mkdocs.yml names, drawn in the clinic's colour, where docs/
    has no file of its own (which wins)."""
    if files.get_file_from_path(FAVICON) is None:
        files.append(File.generated(config, FAVICON, content=renderer.favicon()))
    logo_path = config.theme.get("logo")
    if logo_path and files.get_file_from_path(logo_path) is None:
        files.append(File.generated(config, logo_path, content=renderer.logo()))
