"""The MkDocs adapter: with `mkdocs_macros`, `cli`, `builder`, `preview` and the Material
helpers (`material_html`, `material_pages`), the part of the package that knows about MkDocs
(tests/test_architecture.py keeps the content core free of it).

It checks the project once per build with the core's one check sequence
(`rules.project_check.check_project`, on the project `config.project_from` describes), or
takes what `healthsite build` has just checked for this very build (`use_checked`); adds the
generated pages (one per page of each kind of `content_types.CONTENT_TYPES`, from the site's
content/ and the content library, and the legal pages) and the clinic's bundled stylesheet,
extends the navigation, leaves out files nothing should publish, and writes the clinic's name
and address into the MkDocs config.
"""

from __future__ import annotations

import functools
import html
import logging
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.adapters.mkdocs.config import (
    IMAGE_CACHE,
    SHARE_CACHE,
    HealthsiteConfig,
    project_from,
)
from healthsite.adapters.mkdocs.material_html import finish_html
from healthsite.adapters.mkdocs.material_pages import material_text, page_source
from healthsite.adapters.mkdocs.nav_hint import not_in_nav
from healthsite.adapters.mkdocs.preview import (
    ERROR_FILES,
    error_page,
    print_in_terminal,
    show_errors_instead,
)
from healthsite.adapters.mkdocs.site_build import CheckedContent, build_day, check_for_build
from healthsite.model.legal import LegalPage, WebsiteFacts, legal_pages_among
from healthsite.model.loader import SiteContent
from healthsite.model.registry import CONTENT_TYPES, ContentPage
from healthsite.model.schema import HOME_SCREEN_NAME_LENGTH
from healthsite.model.site_language import SITE_LANGUAGE
from healthsite.render.content_pages import Renderer
from healthsite.render.image_markup import picture, picture_html
from healthsite.render.image_pipeline import (
    BUDGET_BYTES,
    ImageError,
    ImageSettings,
    ResponsiveImage,
    metadata_kinds,
    process_image,
)
from healthsite.render.markdown_alignment import with_alignment
from healthsite.render.markdown_images import ImagePage, ImagesExtension, ImageUse, line_of
from healthsite.render.security_headers import (
    headers_file,
    script_hashes,
    with_csp_meta,
)
from healthsite.render.sharing import (
    ICON_SIZES,
    TOUCH_ICON,
    ImageCache,
    Logo,
    ShareCard,
    icon_cache_key,
    render_icon,
    render_share_image,
    robots_txt,
    share_image_name,
    short_name,
    web_manifest,
)
from healthsite.render.structured_data import page_json_ld
from healthsite.render.theme_files import THEME_DIR, THEME_SCRIPTS, THEME_STYLESHEETS, template_dirs
from healthsite.rules.unused_files import example_pictures
from healthsite.source.errors import (
    ContentErrors,
    ContentProblem,
    Severity,
    display_path,
    format_problems,
)
from healthsite.source.markup import listed

# The clinic's colours and the project's stylesheets, bundled into one file: every stylesheet
# is another request before the first paint on a slow phone connection.
SITE_CSS = "assets/stylesheets/healthsite.css"
# The browser-tab icon, drawn in the clinic's colour unless docs/ has its own.
FAVICON = "assets/favicon.svg"
# Material's own icon, which it publishes whatever icon the site uses.
MATERIAL_FAVICON = "assets/images/favicon.png"
# Home-screen icons, the web manifest, robots.txt and each page's share image.
ICONS_DIR = "assets/icons"
MANIFEST = "site.webmanifest"
ROBOTS = "robots.txt"
SHARE_DIR = "assets/share"


class HealthsitePlugin(BasePlugin[HealthsiteConfig]):  # type: ignore[no-untyped-call]
    content: SiteContent | None = None
    renderer: Renderer | None = None
    # `mkdocs serve`: content errors become an error page instead of stopping the preview.
    serving: bool = False
    # The problems that stop this build (only kept, not raised, while serving).
    failure: list[ContentProblem] | None = None
    # The legal pages this build publishes and what the privacy page says about the site's
    # search (both set from mkdocs.yml in on_config).
    legal_pages: frozenset[str] = frozenset()
    website: WebsiteFacts = WebsiteFacts()

    env: Environment | None = None
    # The page of content/ or the legal page each generated file shows, by its file in docs/.
    subjects: dict[str, ContentPage[Any] | LegalPage] = {}  # noqa: RUF012 - replaced, not changed
    # The header logo (set in on_files), which the icons and share images are drawn from.
    logo: Logo | None = None
    # The published file of each image the pages show, by its path in docs/ (set in on_env).
    photos: dict[str, str] = {}  # noqa: RUF012 - replaced, not changed
    # Inline scripts a clinic allows by hash in mkdocs.yml, as CSP source expressions.
    allowed_scripts: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.images_extension = ImagesExtension()
        # Processed images by (file, modification time, size, settings): `mkdocs serve` keeps
        # the plugin between rebuilds, so an unchanged image is not even hashed again.
        self.image_memo: dict[tuple[str, int, int, ImageSettings], ResponsiveImage] = {}
        # What `healthsite build` checked, for the build of that same config (see on_config).
        self._checked: CheckedContent | None = None
        self._reset_images()

    def _reset_images(self) -> None:
        # What this build's pages show (by file inside docs/) and refer to otherwise.
        self.used_images: dict[str, ResponsiveImage] = {}
        self.image_references: set[str] = set()
        self.image_problems: list[ContentProblem] = []

    def use_checked(self, checked: CheckedContent) -> None:
        """Build, in the next build of `checked.config` on `checked.today`, the content
        `healthsite build` has just checked and reported, rather than check it again."""
        self._checked = checked

    # Before every other plugin's on_config: Material's search plugin renders a theme template
    # in its own, which must find the engine's (the site's language, partials/languages/).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.failure = None
        # The engine's templates and static files, after the clinic's overrides/ (which win).
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        today = build_day()
        project = project_from(config, self.config)
        self.allowed_scripts = project.allowed_scripts
        # A kept result serves only the one build it was checked for (and is dropped either
        # way): every rebuild of `mkdocs serve`, each with a config of its own, reads afresh.
        checked, self._checked = self._checked, None
        try:
            if checked is None or not checked.serves(config, today):
                checked = check_for_build(config, project, today)
        except ContentErrors as exc:
            return self._fail(config, exc.problems)
        if checked.has_errors:
            return self._fail(config, checked.problems)
        content = self.content = checked.content
        self.legal_pages = project.rules.legal_pages
        # Material registers its search plugin as "material/search" (MkDocs' own is "search").
        search = any(name.split("/")[-1] == "search" for name in config.plugins)
        self.website = WebsiteFacts(
            search=search,
            search_terms_in_address=search
            and "search.highlight" in config.theme.get("features", []),
        )
        self.renderer = Renderer(content, template_dirs(config.theme.custom_dir), today=today)
        scripts = [str(script) for script in config.extra_javascript]
        config.extra_javascript.extend(s for s in THEME_SCRIPTS if s not in scripts)
        clinic = content.clinic
        # Material writes these into HTML and attributes without escaping them.
        config.site_name = material_text(clinic.name)
        config.site_url = clinic.site_url
        # Material writes this into an attribute without escaping it (on pages with no description).
        config.site_description = material_text(clinic.description)
        config.extra_css.insert(0, SITE_CSS)
        # Table alignment as classes: the policy blocks the inline styles `tables` would write.
        config.markdown_extensions = with_alignment(config.markdown_extensions)
        # Images through the image pipeline (see on_page_markdown).
        # (MkDocs' type says names only; Python-Markdown takes an Extension object as well.)
        config.markdown_extensions.append(self.images_extension)  # type: ignore[arg-type]
        config.extra["clinic"] = clinic
        if config.nav is not None:
            config.nav = self._nav_with_generated_pages(config.nav, Path(config.docs_dir))
            # on_nav says which page is missing and what to add; MkDocs' own list says less.
            config.validation.nav.omitted_files = logging.DEBUG
        return config

    def _fail(self, config: MkDocsConfig, problems: list[ContentProblem]) -> MkDocsConfig:
        """Stop the build; while serving, build only a page that lists the problems instead
        (see `healthsite.adapters.mkdocs.preview`), so the browser shows them and reloads once they
        are fixed."""
        if not self.serving:
            raise PluginError("The content has problems:\n" + format_problems(problems))
        content_log.error("The content has problems:\n%s", format_problems(problems))
        self.failure = problems
        config.nav = None
        config.theme.static_templates.clear()
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # MkDocs holds every request after a failed rebuild; show the failure instead.
        server.builder = show_errors_instead(server.builder, Path(server.root))
        return server

    def _nav_entries(self) -> dict[str, list[dict[str, str]]]:
        """For each overview page (`ContentType.nav_index`), the nav entries of the generated
        pages it introduces."""
        assert self.content is not None
        return {
            kind.nav_index: [
                {material_text(page.item.short_title): page.source_path}
                for page in self.content.of(kind)
            ]
            for kind in CONTENT_TYPES
            if kind.nav_index is not None
        }

    def _nav_with_generated_pages(self, nav: list[Any], docs_dir: Path) -> list[Any]:
        """Put the generated pages of each kind, in order, into the nav section that holds
        that kind's overview page (benefits/index.md, guides/index.md), and leave out the
        menu entry of an optional page whose file content/ does not have (a clinic that
        deletes services.yml has no price list, and needs no other edit)."""
        assert self.content is not None
        entries = self._nav_entries()
        placed: set[str] = set()
        absent = {
            kind.source_path(kind.name)
            for kind in CONTENT_TYPES
            if kind.one_file and not self.content.of(kind)
        }
        absent = {src_uri for src_uri in absent if not (docs_dir / src_uri).exists()}

        def overview_in(section: list[Any]) -> str | None:
            for index in entries:
                if index in section or any(
                    isinstance(v, dict) and index in v.values() for v in section
                ):
                    return index
            return None

        def walk(items: list[Any]) -> list[Any]:
            result: list[Any] = []
            for item in items:
                target = next(iter(item.values())) if isinstance(item, dict) else item
                if isinstance(target, str) and target in absent:
                    continue
                if isinstance(item, dict):
                    ((title, value),) = item.items()
                    if isinstance(value, list):
                        index = overview_in(value)
                        if index is not None:
                            placed.add(index)
                            value = [*value, *entries[index]]
                        else:
                            value = walk(value)
                    result.append({title: value})
                else:
                    result.append(item)
            return result

        nav = walk(nav)
        missing = [index for index, pages in entries.items() if pages and index not in placed]
        if missing:
            kind = next(kind for kind in CONTENT_TYPES if kind.nav_index == missing[0])
            macro = f"{{{{ {kind.name}_cards() }}}}"
            cards = f" (it can show the pages with {macro})" if kind.cards else ""
            raise PluginError(
                f"healthsite: content/{kind.source}/ has pages, but no section of 'nav' in "
                f"mkdocs.yml holds {missing[0]}, so they would be missing from the menu. Add a "
                f"section such as:\n  - {kind.source.capitalize()}:\n      - {missing[0]}\n"
                f"and write docs/{missing[0]}{cards}"
            )
        return nav

    def _leave_out_unused(self, files: Files, config: MkDocsConfig) -> None:
        """Not published: Material's own favicon when the site uses another, and, once the site
        is the clinic's own, the example clinic's pictures that nothing shows (the check warns
        about them: `rules.unused_files`)."""
        material_icon = files.get_file_from_path(MATERIAL_FAVICON)
        from_docs = material_icon is not None and Path(
            material_icon.abs_src_path or ""
        ).is_relative_to(Path(config.docs_dir).resolve())
        if (
            material_icon is not None
            and not from_docs
            and config.theme.get("favicon") != MATERIAL_FAVICON
        ):
            files.remove(material_icon)
        assert self.content is not None
        if self.content.clinic.example:
            return
        root = Path(config.config_file_path).parent
        leftovers = {str(path) for path in example_pictures(Path(config.docs_dir), root)}
        for file in list(files):
            if file.abs_src_path in leftovers:
                files.remove(file)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.failure is not None:
            page = error_page(self.failure)
            return Files([File.generated(config, name, content=page) for name in ERROR_FILES])
        assert self.content is not None and self.renderer is not None
        # What each generated page shows, by its file: its structured data and share tags.
        pages = {page.source_path: page for page in self.content.all_pages()}
        generated = {
            src_uri: page_source(
                title=page.item.title,
                description=page.item.description,
                body=self.renderer.page(page),
            )
            for src_uri, page in pages.items()
        }
        # The legal pages are linked from every page's footer, so they stay out of the menu
        # (and out of on_nav's "not in the menu" warning) unless mkdocs.yml lists them in nav.
        legal = {page.source_path: page for page in legal_pages_among(self.legal_pages)}
        self.subjects = {**pages, **legal}
        generated.update(
            {
                page.source_path: page_source(
                    title=page.title,
                    description=page.description,
                    body=self.renderer.legal_page(page, self.website),
                )
                for page in legal.values()
            }
        )
        # A docs/ page at a generated page's address is refused before this (rules.page_addresses).
        for src_uri, text in generated.items():
            inclusion = InclusionLevel.NOT_IN_NAV if src_uri in legal else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=text, inclusion=inclusion))
        files.append(File.generated(config, SITE_CSS, content=self._bundled_css(files)))
        self._leave_out_unused(files, config)
        if files.get_file_from_path(FAVICON) is None:  # a clinic's own icon in docs/ wins
            files.append(File.generated(config, FAVICON, content=self.renderer.favicon()))
        logo_path = config.theme.get("logo")
        if logo_path and files.get_file_from_path(logo_path) is None:
            files.append(File.generated(config, logo_path, content=self.renderer.logo()))
        self._add_discovery_files(files, config)
        return files

    def _logo(self, files: Files, config: MkDocsConfig) -> Logo:
        """The header logo: the clinic's own SVG or PNG (which `rules.logo` has checked), or
        the generated heart."""
        assert self.renderer is not None
        logo_path = str(config.theme.get("logo") or "")
        own = files.get_file_from_path(logo_path) if logo_path else None
        if own is not None and logo_path.lower().endswith(".png"):
            return Logo("png", own.content_bytes)
        if own is not None and logo_path.lower().endswith(".svg"):
            return Logo("svg", own.content_bytes)
        return Logo.svg(self.renderer.logo())

    def _add_discovery_files(self, files: Files, config: MkDocsConfig) -> None:
        """robots.txt, the web manifest and the home-screen icons."""
        assert self.content is not None and self.renderer is not None
        clinic = self.content.clinic
        colours = self.renderer.colours
        logo = self.logo = self._logo(files, config)
        cache = ImageCache(Path(config.config_file_path).parent / SHARE_CACHE)
        generated: dict[str, str | bytes] = {
            ROBOTS: robots_txt(clinic.site_url),
            MANIFEST: web_manifest(
                clinic.name,
                clinic.short_name or short_name(clinic.name, HOME_SCREEN_NAME_LENGTH),
                colours["primary"],
                ICONS_DIR,
            ),
        }
        for name, size in ICON_SIZES.items():
            draw = functools.partial(render_icon, logo, size, colours["primary"])
            key = icon_cache_key(logo, size, colours["primary"])
            generated[f"{ICONS_DIR}/{name}"] = cache.get(key, draw)
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is None:  # a clinic's own file in docs/ wins
                files.append(File.generated(config, src_uri, content=content))

    def _bundled_css(self, files: Files) -> str:
        """The theme CSS, then each configured stylesheet (which is then not published alone)."""
        assert self.renderer is not None
        parts = [self.renderer.theme_css()]
        # A theme stylesheet a site lists again (as mkdocs.yml did before 0.2) is bundled once.
        own = [s for s in self.config.stylesheets if s not in THEME_STYLESHEETS]
        for src_uri in [*THEME_STYLESHEETS, *own]:
            source = files.get_file_from_path(src_uri)
            if source is None:
                raise PluginError(
                    f"healthsite: stylesheets lists '{src_uri}', which is not in docs/"
                )
            parts.append(f"/* {src_uri} */\n{source.content_string}")
            files.remove(source)
        return "\n".join(parts)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Warn, naming the file and the line to add, about a page left out of the menu."""
        if self.failure is not None or config.nav is None:
            return nav
        listed = {page.file.src_uri for page in nav.pages}
        root = Path(config.config_file_path).parent
        for file in files.documentation_pages():
            in_nav = file.inclusion.is_in_nav()  # type: ignore[no-untyped-call]
            if in_nav and file.src_uri not in listed:
                shown = display_path(Path(config.docs_dir) / file.src_uri, root)
                content_log.warning(not_in_nav(shown, file.src_uri, file.content_string).format())
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["healthsite_language"] = SITE_LANGUAGE
        # Pages rendered without a page context (404.html) still describe the clinic.
        if self.failure is not None:
            return env
        self._publish_images(files, config)
        assert self.content is not None
        assert self.renderer is not None
        # The clinic's own JSON-LD, the same on every page: a page made from content/ or a
        # legal page adds its own item (on_page_context). The file each image is shown as (the
        # team's photos: their structured data names them).
        env.globals["healthsite_json_ld"] = page_json_ld(
            self.content, None, "", today=self.renderer.today
        )
        self.photos = {src: image.fallback[-1].src_uri for src, image in self.used_images.items()}
        self.env = env
        env.globals["healthsite_share"] = None
        env.globals["healthsite_theme_colour"] = self.renderer.colours["primary"]
        # The footer's suburb and phone of each location (the theme's partials/copyright.html).
        env.globals["healthsite_places"] = self.renderer.places
        # The footer's emergency number and advice line, on every page (safety.yml).
        env.globals["healthsite_help"] = {
            "emergency": self.content.clinic.emergency_number,
            "line": self.content.safety.advice_line,
        }
        # The footer's links to the legal pages (the theme's partials/copyright.html).
        env.globals["healthsite_legal_links"] = [
            {"title": page.title, "url": page.url} for page in legal_pages_among(self.legal_pages)
        ]
        env.globals["healthsite_icons"] = {
            "manifest": MANIFEST,
            "touch_icon": f"{ICONS_DIR}/{TOUCH_ICON}",
        }
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.content is not None and self.renderer is not None
        subject = self.subjects.get(page.file.src_uri)
        if subject is not None:  # other pages show the clinic's own (see on_env)
            context["healthsite_json_ld"] = page_json_ld(  # type: ignore[typeddict-unknown-key]
                self.content,
                subject,
                page.canonical_url or "",
                self.photos,
                today=self.renderer.today,
            )
        context["healthsite_share"] = self._share_tags(page, config)  # type: ignore[typeddict-unknown-key]
        return context

    def _share_tags(self, page: Page, config: MkDocsConfig) -> dict[str, str]:
        """Open Graph values for `page` (plain text: the template escapes them) and its image,
        drawn after the build (see on_post_build)."""
        assert self.content is not None and self.renderer is not None
        clinic = self.content.clinic
        colours = self.renderer.colours
        # Titles and descriptions were escaped for Material's templates (see on_config).
        title = html.unescape(str(page.meta.get("title") or page.title or clinic.name))
        description = html.unescape(
            str(page.meta.get("description") or config.site_description or "")
        )
        image = f"{SHARE_DIR}/{share_image_name(page.url)}"
        self.share_cards[image] = ShareCard(
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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects an inline live-reload script that a strict policy would block,
        # and shows content errors as a page rather than stopping.
        self.serving = command == "serve"
        print_in_terminal(self.serving)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.script_hashes: set[str] = set()
        self.share_cards: dict[str, ShareCard] = {}
        self.theme_hashes: dict[tuple[str, str], list[str]] = {}
        self._reset_images()

    # -- images ------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Tell the image extension which page MkDocs converts next (see markdown_images)."""
        self.images_extension.page = ImagePage(
            page.file.src_uri,
            page.url,
            functools.partial(self._picture, page=page, config=config),
            self.image_references,
        )
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.images_extension.page = None
        return html

    def _image_settings(self) -> ImageSettings:
        return ImageSettings(avif=self.config.avif_images)

    def _process(self, path: Path, config: MkDocsConfig) -> ResponsiveImage:
        """The processed image at `path`, from memory, the cache, or made now."""
        settings = self._image_settings()
        stat = path.stat()
        memo_key = (str(path), stat.st_mtime_ns, stat.st_size, settings)
        if memo_key not in self.image_memo:
            root = Path(config.config_file_path).parent
            self.image_memo[memo_key] = process_image(
                path, cache_dir=root / IMAGE_CACHE, settings=settings
            )
        return self.image_memo[memo_key]

    def _image_problem(
        self,
        use: ImageUse,
        message: str,
        hint: str,
        severity: Severity,
        *,
        page: Page,
        config: MkDocsConfig,
    ) -> ContentProblem:
        """A problem with an image, placed on the line of the page that shows it."""
        root = Path(config.config_file_path).parent
        source = Path(page.file.abs_src_path or Path(config.docs_dir) / page.file.src_uri)
        try:
            line, column = line_of(source.read_text(encoding="utf-8"), use.written)
        except (OSError, UnicodeDecodeError):
            line, column = 0, 0
        return ContentProblem(
            display_path(source, root), line, column, "", message, hint, severity=severity
        )

    def _picture(self, use: ImageUse, *, page: Page, config: MkDocsConfig) -> str | None:
        """The <picture> for one image of `page`; None leaves the image as written (MkDocs
        then reports a missing file; a refused one is reported here)."""
        assert self.renderer is not None
        path = Path(config.docs_dir) / use.src_uri
        if not path.is_file():
            return None
        try:
            image = self._process(path, config)
        except ImageError as exc:
            self.image_problems.append(
                self._image_problem(
                    use,
                    exc.describe(use.written),
                    exc.hint,
                    Severity.ERROR,
                    page=page,
                    config=config,
                )
            )
            return None
        if use.src_uri not in self.used_images:
            self.used_images[use.src_uri] = image
            self._warn_over_budget(image, use, page=page, config=config)
        values = picture(
            image, page_url=page.url, alt=use.alt, eager=use.eager, attributes=use.attributes
        )
        return str(picture_html(self.renderer.env, values))

    def _warn_over_budget(
        self, image: ResponsiveImage, use: ImageUse, *, page: Page, config: MkDocsConfig
    ) -> None:
        largest = image.largest_download
        budget = BUDGET_BYTES
        if largest.size <= budget:
            return
        kind = largest.media_type.removeprefix("image/").upper()
        problem = self._image_problem(
            use,
            f'the image "{use.written}" is still {largest.size // 1024} KB at '
            f"{largest.width} pixels wide ({kind}), over the budget of {budget // 1024} KB "
            "for one image: readers on a phone wait for it",
            "crop it to what matters, or use a calmer photo: fine detail and the grain of "
            "low light make large files",
            Severity.WARNING,
            page=page,
            config=config,
        )
        content_log.warning(problem.format())

    def _publish_images(self, files: Files, config: MkDocsConfig) -> None:
        """Publish every variant of the images pages show, and stop publishing an original
        nothing else refers to (it may be large, and carry where a phone photo was taken)."""
        if self.image_problems:
            problems = self.image_problems
            if not self.serving:
                raise PluginError("The content has problems:\n" + format_problems(problems))
            content_log.error("The content has problems:\n%s", format_problems(problems))
        if not self.used_images:
            return
        for image in self.used_images.values():
            for variant in image.files:
                if files.get_file_from_path(variant.src_uri) is None:
                    files.append(
                        File.generated(config, variant.src_uri, abs_src_path=str(variant.path))
                    )
        named_elsewhere = self._text_that_may_name_images(files, config)
        for src_uri in self.used_images:
            original = files.get_file_from_path(src_uri)
            if original is None:
                continue
            if src_uri in self.image_references or posixpath.basename(src_uri) in named_elsewhere:
                self._warn_kept_original(Path(config.docs_dir) / src_uri, config)
            else:
                files.remove(original)

    def _text_that_may_name_images(self, files: Files, config: MkDocsConfig) -> str:
        """Stylesheets, scripts, theme templates and settings: an image named in any of them
        is published as it is (a CSS background, a logo)."""
        texts = [str(config.theme.get("logo") or ""), str(config.theme.get("favicon") or "")]
        docs_dir = Path(config.docs_dir).resolve()
        for file in files:
            # The clinic's own files and the generated ones (the bundled stylesheet); the
            # theme's hundreds of scripts and stylesheets never name a clinic's picture.
            own = file.generated_by is not None or (
                file.abs_src_path is not None
                and docs_dir in Path(file.abs_src_path).resolve().parents
            )
            if own and file.src_uri.endswith((".css", ".js", ".html", ".webmanifest")):
                try:
                    texts.append(file.content_string)
                except (OSError, UnicodeDecodeError):
                    continue
        custom_dir = config.theme.custom_dir
        if custom_dir:
            for template in sorted(Path(custom_dir).rglob("*.html")):
                texts.append(template.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(texts)

    def _warn_kept_original(self, path: Path, config: MkDocsConfig) -> None:
        kinds = metadata_kinds(path)
        if not kinds:
            return
        root = Path(config.config_file_path).parent
        problem = ContentProblem(
            display_path(path, root),
            0,
            0,
            "",
            f"this image is published as it is, with the {listed(kinds)} saved in it, "
            "because a link, HTML, a stylesheet or the theme refers to the file itself",
            "show it only with Markdown, ![what it shows](path), which publishes copies "
            "without that data; or save it again without it",
            severity=Severity.WARNING,
        )
        content_log.warning(problem.format())

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        template = page.meta.get("template", "main.html")  # the template MkDocs rendered
        return self._finish(output, lambda _: self._theme_script_hashes(template, page, config))

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates (404.html, sitemap.xml) skip on_post_page; only HTML pages get a policy.
        # Such a page is the theme alone (no page from docs/ or content/ is in it), so its own
        # inline scripts are the theme's.
        if not template_name.endswith(".html"):
            return output_content
        return self._finish(output_content, script_hashes)

    def _theme_script_hashes(self, template: str, page: Page, config: MkDocsConfig) -> list[str]:
        """The inline scripts the theme writes into `template` for a page at the depth of
        `page`: the template rendered around an empty page (no content, title, metadata or
        navigation, which come from docs/ and content/), then hashed. Material's inline scripts
        depend only on the configuration and the page's base URL, so one render per template
        and depth serves every page (tests/test_csp.py checks that each page's theme scripts
        are allowed)."""
        base_url = get_relative_url(".", page.url)
        key = (template, base_url)
        if key not in self.theme_hashes:
            empty = Page("", File.generated(config, page.file.src_uri, content=""), config)
            empty.content = ""
            context = get_context(Navigation([], []), Files([]), config, base_url=base_url)
            context["page"] = empty
            assert self.env is not None
            html = self.env.get_template(template).render(context)
            self.theme_hashes[key] = script_hashes(finish_html(html, minify=self.config.minify))
        return self.theme_hashes[key]

    def _finish(self, output: str, theme_hashes: Callable[[str], list[str]]) -> str:
        """The page finished (see material_html) with its policy, which allows the inline scripts
        `theme_hashes` finds for it (given the finished page) and those the clinic allows."""
        html = finish_html(output, minify=self.config.minify)
        if self.serving:
            return html
        hashes = [*theme_hashes(html), *self.allowed_scripts]
        self.script_hashes.update(hashes)
        return with_csp_meta(html, hashes)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path).parent
        cache = ImageCache(root / SHARE_CACHE)
        for image, card in self.share_cards.items():
            target = Path(config.site_dir) / image
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(
                cache.get(card.cache_key(), functools.partial(render_share_image, card))
            )
        if self.serving:
            return
        headers = Path(config.site_dir) / "_headers"
        headers.write_text(headers_file(self.script_hashes), encoding="utf-8")
