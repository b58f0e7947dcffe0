"""The step before a site builder runs: the project turned into a plain one that any builder which
reads mkdocs.yml can build with no plugin of ours (today: Zensical, `scripts/zensical_build.py`).

Into a staging folder it writes:

- `docs/`: the pages made from content/ and the content library (the legal pages too), each
  rendered by the `Renderer` as the MkDocs plugin's `on_files` adds them; the hand-written pages
  of docs/ with their macros expanded (`hand_written_pages`); every other file of docs/ but the
  stylesheets bundled into one and, once the site is the clinic's own, the example's unused
  pictures; and the generated files: the bundled stylesheet, the favicon and logo unless docs/
  has its own, robots.txt, the web manifest and the home-screen icons;
- `overrides/`: the engine's templates and static files with the clinic's overrides/ over them
  (the order of the MkDocs plugin's `theme.dirs`), less the macros' templates and the stylesheets
  that are bundled;
- `mkdocs.yml`: the project's, with what the healthsite plugin writes into the config (the
  clinic's name, address and description, the bundled stylesheet, the theme's scripts, the menu
  with the generated pages, table alignment as classes) and without the healthsite and macros
  plugins.

The builder's theme decides how text must be written for it (`PageFormat`, which the adapter
gives), and the driver adds the builder's own settings (`theme_settings`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from healthsite.build_steps.hand_written_pages import expand_macros
from healthsite.build_steps.site_config import PLUGIN, SiteConfig, plugin_name, site_config_text
from healthsite.model.legal import WebsiteFacts, legal_pages_among
from healthsite.model.loader import SiteContent
from healthsite.model.site_pages import page_sources
from healthsite.render.content_pages import Renderer
from healthsite.render.menu_entries import menu_with_generated_pages
from healthsite.render.page_macros import page_macros
from healthsite.render.sharing import (
    SHARE_CACHE,
    ImageCache,
    Logo,
    discovery_files,
    home_screen_name,
)
from healthsite.render.theme_files import (
    FAVICON,
    PARTIALS,
    SITE_CSS,
    THEME_DIR,
    THEME_STYLESHEETS,
    bundled_stylesheet,
    owned_values,
    template_dirs,
)
from healthsite.rules.project_check import Project
from healthsite.rules.unused_files import example_pictures
from healthsite.source.errors import display_path
from healthsite.source.markup import front_matter
from healthsite.source.project_files import project_files, read_page_text, read_project_bytes

SITE_DIR = "site"
# The plugins whose work this step has done: the builder must not be asked to run them.
DONE_PLUGINS = (PLUGIN, "macros")
# Files of a theme folder that are not published: MkDocs leaves these out of a theme's files.
_NOT_THEME_FILES = ("*.py", "*.pyc", ".*", "*.md", "README*", "readme*")
# The largest file of docs/ copied (the check refuses larger pages; pictures are smaller).
_MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class PageFormat:
    """How the builder's theme wants the generated text: Material (and Zensical's classic
    variant of it) writes titles and names into HTML unescaped (`healthsite.adapters.mkdocs.
    material_pages` gives both functions for it)."""

    # A title, name or description as the theme writes it into HTML.
    text: Callable[[str], str]
    # A generated page's file: its front matter, then its Markdown body.
    page_source: Callable[..., str]
    # Whether a hand-written page, by its front matter's YAML, wants its macros expanded.
    expands_macros: Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class PlainProject:
    """What `write_plain_project` wrote: the project's folder and config file, and the pages
    (paths inside docs/) it made from content/ and from docs/."""

    folder: Path
    config_file: Path
    generated_pages: list[str]
    hand_written_pages: list[str]

    @property
    def site_dir(self) -> Path:
        """Where the builder writes the site: inside the project, as Zensical requires."""
        return self.folder / SITE_DIR


def _website(config: SiteConfig) -> WebsiteFacts:
    """What the privacy page says about the site's search (as the MkDocs adapter works it out)."""
    search = any(name.split("/")[-1] == "search" for name in config.plugin_names)
    features = config.theme.get("features") or []
    return WebsiteFacts(
        search=search, search_terms_in_address=search and "search.highlight" in features
    )


class _Staging:
    """Writes the plain project's docs/, and knows where a published file comes from: docs/
    first, then the clinic's overrides/, then the engine's theme."""

    def __init__(self, project: Project, folder: Path) -> None:
        self.docs = folder / "docs"
        self.sources = [*project.folders, THEME_DIR]

    def write(self, src_uri: str, data: str | bytes) -> None:
        target = self.docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)

    def published(self, src_uri: str) -> Path | None:
        """The file published at `src_uri` without this step (None when there is none)."""
        found = (folder / src_uri for folder in self.sources if (folder / src_uri).is_file())
        return next(found, None)


def _copy_theme(project: Project, target: Path, engine_left_out: Collection[str]) -> None:
    """The engine's theme, less `engine_left_out` (paths in it), then the clinic's overrides/
    over it, as one custom_dir."""
    bundled = {Path(path).name for path in THEME_STYLESHEETS}
    for folder in (THEME_DIR, project.templates_dir):
        if folder is None or not folder.is_dir():
            continue

        def ignored(directory: str, names: list[str], base: Path = folder) -> set[str]:
            here = Path(directory).relative_to(base)
            left_out = set(shutil.ignore_patterns(*_NOT_THEME_FILES)(directory, names))
            if base == THEME_DIR:
                left_out |= {name for name in names if (here / name).as_posix() in engine_left_out}
            if here == PARTIALS.parent:
                left_out.add(PARTIALS.name)  # the macros' templates: the pages are rendered
            if here == Path("assets/stylesheets"):
                left_out |= bundled & set(names)
            return left_out

        shutil.copytree(folder, target, ignore=ignored, dirs_exist_ok=True)


def _logo(staging: _Staging, logo_path: str, renderer: Renderer) -> Logo:
    """The logo the icons are drawn from: the clinic's own SVG or PNG, or the generated heart."""
    own = staging.published(logo_path) if logo_path else None
    return Logo.of_header(logo_path, own.read_bytes() if own else None, renderer.logo())


def _docs_files(
    project: Project, content: SiteContent, staging: _Staging, renderer: Renderer
) -> None:
    """docs/'s files but its pages, the generated files, and the bundled stylesheet."""
    root, docs_dir = project.root, project.docs_dir
    taken: set[str] = set()

    def take(src_uri: str) -> str | None:
        source = staging.published(src_uri)
        if source is None:
            return None
        taken.add(src_uri)
        return source.read_text(encoding="utf-8")

    stylesheets = list(project.stylesheets)
    staging.write(SITE_CSS, bundled_stylesheet(renderer.theme_css(), stylesheets, take))
    leftovers = set() if content.clinic.example else set(example_pictures(docs_dir, root))
    for path in project_files(docs_dir, root):
        src_uri = path.relative_to(docs_dir).as_posix()
        if path.suffix == ".md" or src_uri in taken or path in leftovers:
            continue
        staging.write(src_uri, read_project_bytes(path, root, limit=_MAX_FILE_BYTES))
    logo_path = str(project.logo or "")
    clinic = content.clinic
    generated: dict[str, str | bytes] = {FAVICON: renderer.favicon()}
    if logo_path:
        generated[logo_path] = renderer.logo()
    generated.update(
        discovery_files(
            clinic.name,
            home_screen_name(clinic),
            clinic.site_url,
            theme_colour=renderer.colours["primary"],
            logo=_logo(staging, logo_path, renderer),
            cache=ImageCache(root / SHARE_CACHE),
        )
    )
    for src_uri, data in generated.items():
        if staging.published(src_uri) is None:  # a clinic's own file wins
            staging.write(src_uri, data)


def _pages(
    project: Project,
    config: SiteConfig,
    content: SiteContent,
    staging: _Staging,
    *,
    renderer: Renderer,
    page_format: PageFormat,
) -> tuple[list[str], list[str]]:
    """The generated pages and the hand-written ones, their macros expanded."""
    generated: dict[str, str] = {
        page.source_path: page_format.page_source(
            title=page.item.title, description=page.item.description, body=renderer.page(page)
        )
        for page in content.all_pages()
    }
    for legal in legal_pages_among(project.rules.legal_pages):
        generated[legal.source_path] = page_format.page_source(
            title=legal.title,
            description=legal.description,
            body=renderer.legal_page(legal, _website(config)),
        )
    for src_uri, text in generated.items():
        staging.write(src_uri, text)
    rendering = ["index.md"]  # the page the macros are rendering (their links start from it)
    macros = page_macros(lambda: renderer, lambda: rendering[0])
    extra = config.settings.get("extra")
    variables = {**(extra if isinstance(extra, Mapping) else {}), "clinic": content.clinic}
    hand_written = []
    for path in project_files(project.docs_dir, project.root):
        if path.suffix != ".md":
            continue
        src_uri = path.relative_to(project.docs_dir).as_posix()
        text = read_page_text(path, project.root)
        meta = yaml.safe_load(front_matter(text) or "{}")
        if page_format.expands_macros(meta if isinstance(meta, Mapping) else {}):
            rendering[0] = src_uri
            shown = display_path(path, project.root)
            text = expand_macros(text, shown, macros=macros, variables=variables)
        staging.write(src_uri, text)
        hand_written.append(src_uri)
    return list(generated), hand_written


def _plain_config(
    project: Project,
    config: SiteConfig,
    content: SiteContent,
    page_format: PageFormat,
    theme_settings: Mapping[str, Any],
) -> dict[str, Any]:
    """mkdocs.yml with what the healthsite plugin writes into the config, without our plugins."""
    settings = dict(config.settings)
    clinic = content.clinic
    plugins = [
        entry for entry in settings.get("plugins") or [] if plugin_name(entry) not in DONE_PLUGINS
    ]
    settings.update(
        owned_values(
            clinic,
            extra_css=settings.get("extra_css") or [],
            extra_javascript=settings.get("extra_javascript") or [],
            markdown_extensions=settings.get("markdown_extensions") or [],
            text=page_format.text,
        ),
        docs_dir="docs",
        site_dir=SITE_DIR,
        theme={**config.theme, "custom_dir": "overrides", **theme_settings},
        plugins=plugins,
    )
    if settings.get("nav") is not None:
        settings["nav"] = menu_with_generated_pages(
            settings["nav"], content, project.docs_dir, title=page_format.text
        )
    settings.pop("watch", None)  # content/ is not in the plain project
    return settings


def write_plain_project(
    project: Project,
    config: SiteConfig,
    content: SiteContent,
    folder: Path,
    *,
    today: date,
    page_format: PageFormat,
    theme_settings: Mapping[str, Any],
    engine_templates_left_out: Collection[str] = (),
) -> PlainProject:
    """Write into `folder` (which must not exist yet) the plain project of `project`, whose
    mkdocs.yml is `config` and whose checked content is `content`, as the build on `today`
    makes it, with `theme_settings` added to its theme, and without the engine's templates
    `engine_templates_left_out` (paths in the theme folder, such as partials/search.html:
    copies of Material's that the builder's theme does differently).

    Raises MenuError, MissingStylesheet, ProjectFileError and PageMacroError, each with its
    message; check the project first (`rules.project_check`), which reports every problem."""
    legal_pages = project.rules.legal_pages
    renderer = Renderer(
        content,
        template_dirs(str(project.templates_dir) if project.templates_dir else None),
        today=today,
        addresses=project.addresses,
        pages=page_sources(content, legal_pages, project.docs_dir, project.root),
    )
    folder.mkdir(parents=True)
    staging = _Staging(project, folder)
    _docs_files(project, content, staging, renderer)
    generated, hand_written = _pages(
        project, config, content, staging, renderer=renderer, page_format=page_format
    )
    _copy_theme(project, folder / "overrides", engine_templates_left_out)
    settings = _plain_config(project, config, content, page_format, theme_settings)
    config_file = folder / "mkdocs.yml"
    config_file.write_text(site_config_text(settings), encoding="utf-8")
    return PlainProject(folder, config_file, generated, hand_written)
