"""What one build of the site is made of (`SiteBuild`), made once per build by the plugin's
on_config from the content `rules.project_check.check_project` checked, and the checked
content `healthsite build` hands the plugin so that the build does not check it again
(`CheckedContent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.adapters.mkdocs.config import HealthsiteConfig
from healthsite.adapters.mkdocs.images import ImageMemo, PageImages
from healthsite.adapters.mkdocs.page_policy import PagePolicy
from healthsite.adapters.mkdocs.share import Sharing
from healthsite.model.content_type import GeneratedPage
from healthsite.model.legal import WebsiteFacts
from healthsite.model.loader import SiteContent
from healthsite.model.site_pages import page_sources
from healthsite.render.content_pages import Renderer
from healthsite.render.image_pipeline import ImageSettings
from healthsite.render.theme_files import template_dirs
from healthsite.rules.project_check import Project, check_project
from healthsite.source.clock import build_date
from healthsite.source.errors import ContentProblem, Severity


@dataclass(frozen=True)
class CheckedContent:
    """Content checked for the build of one config on one day, and the problems found."""

    config: MkDocsConfig
    today: date
    content: SiteContent
    problems: list[ContentProblem]

    def serves(self, config: MkDocsConfig, today: date) -> bool:
        """Whether this is the check of the build of `config` on `today` (and not of an
        earlier config: every rebuild of `mkdocs serve` has a config of its own)."""
        return self.config is config and self.today == today

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)


def build_day() -> date:
    """The day the site is built for ($HEALTHSITE_TODAY, else today); a mistake in
    $HEALTHSITE_TODAY stops the build with a message."""
    try:
        return build_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def check_for_build(config: MkDocsConfig, project: Project, today: date) -> CheckedContent:
    """`check_project` for the build of `config`, with each warning logged when there is no
    error (an error stops the build, and is reported with the warnings). Raises
    ContentErrors."""
    content, problems = check_project(project, today)
    checked = CheckedContent(config, today, content, problems)
    # Content warnings (a review due soon) must not abort `mkdocs build --strict`, so they go
    # to a logger outside MkDocs' own.
    if not checked.has_errors:
        for problem in problems:
            content_log.warning(problem.format())
    return checked


@dataclass(frozen=True)
class SiteBuild:
    """One build of the site: the checked content and its renderer, the legal pages it
    publishes, what its privacy page says of the site's search, what each generated page
    shows (by its file in docs/), and what the build gathers as it goes: its pages' images,
    their policies and their share images."""

    content: SiteContent
    renderer: Renderer
    legal_pages: frozenset[str]
    website: WebsiteFacts
    subjects: dict[str, GeneratedPage]
    images: PageImages
    policy: PagePolicy
    sharing: Sharing


def website_facts(config: MkDocsConfig) -> WebsiteFacts:
    """What the privacy page says about the site's search, from mkdocs.yml."""
    # Material registers its search plugin as "material/search" (MkDocs' own is "search").
    search = any(name.split("/")[-1] == "search" for name in config.plugins)
    return WebsiteFacts(
        search=search,
        search_terms_in_address=search and "search.highlight" in config.theme.get("features", []),
    )


def start_build(
    config: MkDocsConfig,
    options: HealthsiteConfig,
    project: Project,
    content: SiteContent,
    today: date,
    *,
    image_memo: ImageMemo,
    serving: bool,
) -> SiteBuild:
    """The build of `content` (checked) on `today`, as mkdocs.yml and its `options` set it."""
    legal_pages = project.rules.legal_pages
    renderer = Renderer(
        content,
        template_dirs(config.theme.custom_dir),
        today=today,
        addresses=project.addresses,
        pages=page_sources(content, legal_pages, project.docs_dir, project.root),
    )
    subjects: dict[str, GeneratedPage] = {
        page.source_path: page for page in content.generated_pages(legal_pages)
    }
    return SiteBuild(
        content=content,
        renderer=renderer,
        legal_pages=legal_pages,
        website=website_facts(config),
        subjects=subjects,
        images=PageImages(
            renderer,
            image_memo,
            settings=ImageSettings(avif=options.avif_images),
            serving=serving,
        ),
        policy=PagePolicy(project.allowed_scripts, minify=options.minify, serving=serving),
        sharing=Sharing(content, renderer, Path(config.config_file_path).parent, subjects),
    )
