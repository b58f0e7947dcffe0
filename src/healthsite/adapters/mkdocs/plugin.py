"""The `healthsite` MkDocs plugin: its events, each handing the work to the module named for
it (as Material's blog plugin is split).

- `config`: the plugin's options, and MkDocs' configuration described for the core's check
  (`rules.project_check.check_project`, the one check every command and build runs);
- `site_build`: what one build is made of, set in on_config once the content is checked (or
  taken from `healthsite build`, which has just checked it: `use_checked`);
- `owned_settings`: the settings the plugin writes into MkDocs' configuration;
- `nav`: the pages made from content/ and the legal pages, and the menu;
- `files`: the bundled stylesheet, the drawn favicon and logo, the files left out;
- `images`: the image pipeline as MkDocs converts each page;
- `page_context`: what the engine's templates read;
- `share`: share tags and images, icons, the web manifest, robots.txt;
- `page_policy`: each page's Content-Security-Policy, and `_headers`;
- `preview`: the live preview's error page, while `mkdocs serve` cannot build the site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.adapters.mkdocs.config import HealthsiteConfig, project_from
from healthsite.adapters.mkdocs.files import (
    add_bundled_css,
    add_drawn_pictures,
    error_files,
    leave_out_unused,
)
from healthsite.adapters.mkdocs.images import ImageMemo
from healthsite.adapters.mkdocs.nav import add_generated_pages, warn_left_out_of_nav
from healthsite.adapters.mkdocs.owned_settings import add_engine_templates, write_owned_settings
from healthsite.adapters.mkdocs.page_context import page_values, site_globals
from healthsite.adapters.mkdocs.preview import print_in_terminal, show_errors_instead
from healthsite.adapters.mkdocs.site_build import (
    CheckedContent,
    SiteBuild,
    build_day,
    check_for_build,
    start_build,
)
from healthsite.model.site_language import SITE_LANGUAGE
from healthsite.source.errors import ContentErrors, ContentProblem, format_problems

if TYPE_CHECKING:  # the live server's module (and its web server) only `mkdocs serve` loads
    from mkdocs.livereload import LiveReloadServer


class HealthsitePlugin(BasePlugin[HealthsiteConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        # `mkdocs serve`: content errors become an error page instead of stopping the preview.
        self.serving = False
        # The build under way (set in on_config; None until then, and while the content has
        # errors), and the problems that stop it (only kept, not raised, while serving).
        self.site: SiteBuild | None = None
        self.failure: list[ContentProblem] | None = None
        # Processed images, kept between the rebuilds of `mkdocs serve` (see images.py).
        self.image_memo: ImageMemo = {}
        # What `healthsite build` checked, for the build of that same config (see on_config).
        self._checked: CheckedContent | None = None

    def use_checked(self, checked: CheckedContent) -> None:
        """Build, in the next build of `checked.config` on `checked.today`, the content
        `healthsite build` has just checked and reported, rather than check it again."""
        self._checked = checked

    def _current(self) -> SiteBuild:
        if self.site is None:
            raise PluginError("healthsite: the plugin's on_config has not loaded the content")
        return self.site

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects an inline live-reload script that a strict policy would block,
        # and shows content errors as a page rather than stopping.
        self.serving = command == "serve"
        print_in_terminal(self.serving)

    # Before every other plugin's on_config: Material's search plugin renders a theme template
    # in its own, which must find the engine's (the site's language, partials/languages/).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site, self.failure = None, None
        add_engine_templates(config)
        today = build_day()
        project = project_from(config, self.config)
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
        self.site = start_build(
            config,
            self.config,
            project,
            checked.content,
            today,
            image_memo=self.image_memo,
            serving=self.serving,
        )
        return write_owned_settings(config, self.site)

    def _fail(self, config: MkDocsConfig, problems: list[ContentProblem]) -> MkDocsConfig:
        """Stop the build; while serving, build only a page that lists the problems instead
        (see `healthsite.adapters.mkdocs.preview`), so the browser shows them and reloads once
        they are fixed."""
        if not self.serving:
            raise PluginError("The content has problems:\n" + format_problems(problems))
        content_log.error("The content has problems:\n%s", format_problems(problems))
        self.failure = problems
        config.nav = None
        # Public: MkDocs' plugin guide changes static_templates in on_config the same way.
        config.theme.static_templates.clear()
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # MkDocs holds every request after a failed rebuild; show the failure instead.
        # MkDocs internal: `server.builder`, the callable LiveReloadServer runs on each change,
        # replaced by a wrapper. No public API does this: on_build_error cannot stop the
        # server from holding every request after a failed rebuild (its build loop then never
        # marks a build as visible), and a mistake in mkdocs.yml fails before any event runs.
        # Checked with MkDocs 1.6.1 and ProperDocs 1.6.7; guarded by tests/test_preview.py
        # (test_on_serve_makes_any_failed_rebuild_show_the_error, and
        # test_mkdocs_serve_shows_errors_and_recovers_without_hanging on the real server).
        # The folder it serves is public: `mkdocs serve` builds into config.site_dir.
        server.builder = show_errors_instead(server.builder, Path(config.site_dir))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.failure is not None:
            return error_files(config, self.failure)
        site = self._current()
        add_generated_pages(files, config, site)
        add_bundled_css(files, config, site.renderer, self.config.stylesheets)
        leave_out_unused(files, config, example=site.content.clinic.example)
        add_drawn_pictures(files, config, site.renderer)
        site.sharing.add_discovery_files(files, config)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.failure is None:
            warn_left_out_of_nav(nav, config, files)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["healthsite_language"] = SITE_LANGUAGE
        if self.failure is not None:
            return env
        site = self._current()
        site.images.publish(files, config)
        site.policy.env = env
        env.globals.update(site_globals(site))
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self._current().images.start_page(page, config)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self._current().images.end_page()
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        context.update(page_values(self._current(), page, config))  # type: ignore[typeddict-item]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._current().policy.finish_page(output, page, config)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates (404.html, sitemap.xml) skip on_post_page; only HTML pages get a policy.
        if not template_name.endswith(".html"):
            return output_content
        return self._current().policy.finish_template(output_content)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        self.site.sharing.draw_share_images(Path(config.site_dir))
        self.site.policy.write_headers(Path(config.site_dir))
