"""The whole check of a project, in its one order: `check_project`.

`healthsite check`, `healthsite build`, a build by the builder on its own and each rebuild of
the live preview all check a project here, so each finds the same problems in the same order.
The builder's adapter describes the project as its configuration sets it (`Project`: the
folders, the files the configuration names, the Markdown set-up, the rules' options); nothing
here knows the builder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from healthsite.model.library import in_the_clinics_words
from healthsite.model.loader import SiteContent, load_content
from healthsite.model.page_addresses import PageAddresses
from healthsite.model.site_pages import page_sources, served_addresses
from healthsite.rules import ForbiddenPhrase, RuleSettings, check_rules
from healthsite.rules.address_clashes import check_address_clashes
from healthsite.rules.booking_url import check_booking_url
from healthsite.rules.config_file import check_config_file
from healthsite.rules.content_links import check_content_links
from healthsite.rules.extra_assets import check_extra_assets
from healthsite.rules.hand_written import MarkdownSetup, check_hand_written_pages
from healthsite.rules.library_sign_off import check_library_sign_off
from healthsite.rules.logo import check_logo, logo_path
from healthsite.rules.picture_names import check_favicon
from healthsite.rules.published_files import check_published_files
from healthsite.rules.unused_files import FileUses, check_unused_files
from healthsite.source.errors import ContentErrors, ContentProblem, display_path
from healthsite.source.project_files import check_folders
from healthsite.source.safe_files import linked_part


@dataclass(frozen=True)
class RuleOptions:
    """What a project sets about the health-content rules: `RuleSettings` but the day."""

    overdue_is_error: bool
    max_grade: float
    max_sentence_words: int
    forbidden: tuple[ForbiddenPhrase, ...]
    allowed_spellings: frozenset[str]
    legal_pages: frozenset[str]
    addresses: PageAddresses

    def on(self, today: date) -> RuleSettings:
        """The rules' settings for a check on `today`."""
        chosen = {field.name: getattr(self, field.name) for field in fields(self)}
        return RuleSettings(today=today, **chosen)


@dataclass(frozen=True)
class Project:
    """A project as the checks need it, read from the builder's configuration (every path
    absolute; the values of settings as written there)."""

    root: Path  # the folder of the configuration file
    config_file: Path
    content_dir: Path
    docs_dir: Path
    # The theme's folder of the site's own templates (overrides/), if the site has one.
    templates_dir: Path | None
    # The header logo and the browser-tab icon, as the configuration names them (paths inside
    # docs/ or templates_dir), or None.
    logo: object
    favicon: object
    # The Markdown extensions and their options.
    markdown_extensions: tuple[Any, ...]
    markdown_configs: Mapping[str, Mapping[str, Any]]
    rules: RuleOptions
    # The site's own stylesheets bundled into one (paths inside docs/).
    stylesheets: tuple[str, ...]
    # The scripts and stylesheets the configuration adds to every page, as written there.
    extra_javascript: tuple[str, ...]
    extra_css: tuple[str, ...]
    # The folders the build keeps its made images in, and publishes them from.
    cache_dirs: tuple[Path, ...]
    # The inline scripts the site allows besides the theme's, as CSP source expressions.
    allowed_scripts: tuple[str, ...]

    @property
    def addresses(self) -> PageAddresses:
        """Where the site publishes its pages ("a.md" at "a/" or at "a.html")."""
        return self.rules.addresses

    @property
    def folders(self) -> list[Path]:
        """The folders the site publishes files from: docs/, then the templates' folder."""
        return [self.docs_dir, *([self.templates_dir] if self.templates_dir else [])]

    def files_named(self) -> list[str]:
        """The files of docs/ the configuration names: the logo, the favicon, extra scripts
        and stylesheets, and the site's own stylesheets."""
        named = [str(self.logo or ""), str(self.favicon or "")]
        named += [*self.extra_javascript, *self.extra_css, *self.stylesheets]
        return [path for path in named if path]


def check_project(project: Project, today: date) -> tuple[SiteContent, list[ContentProblem]]:
    """The content and every problem the checks find in `project` on `today`, errors and
    warnings, each problem in a library file said with what the clinic can do about it; for
    the caller to report. Raises ContentErrors (said the same way) when the content cannot
    load."""
    try:
        content, problems = _checks(project, today)
    except ContentErrors as exc:
        raise ContentErrors([in_the_clinics_words(p) for p in exc.problems]) from None
    return content, [in_the_clinics_words(problem) for problem in problems]


def linked_caches(project: Project) -> list[ContentProblem]:
    """An error for each cache folder reached through a link: what the build keeps there is
    read back and published, so it must be the project's own folder, never a link to another."""
    root = project.root
    links = {linked_part(root, cache) for cache in project.cache_dirs}
    return [
        ContentProblem(
            display_path(link, root),
            0,
            0,
            "",
            "this is a link; the build keeps its images here and publishes them, so it never "
            "reads them through a link",
            f"delete {display_path(link, root)} (the build makes its cache again)",
        )
        for link in sorted(path for path in links if path is not None)
    ]


def _checks(project: Project, today: date) -> tuple[SiteContent, list[ContentProblem]]:
    root = project.root
    folders = project.folders
    # Nothing is read or published from docs/ or overrides/ before they are known to hold
    # only the project's own ordinary files (content/ is walked by the loader).
    unsafe = check_folders(folders, root) + linked_caches(project)
    try:
        content = load_content(project.content_dir, root)
    except ContentErrors as exc:
        raise ContentErrors(unsafe + exc.problems) from None
    if unsafe:
        raise ContentErrors(unsafe)
    settings = project.rules.on(today)
    docs_dir = project.docs_dir
    logo = logo_path(project.logo, folders)
    addresses = project.addresses
    markdown = MarkdownSetup(
        extensions=list(project.markdown_extensions), configs=dict(project.markdown_configs)
    )
    # Every page the site publishes, for the booking-link and content-link checks.
    sources = page_sources(content, settings.legal_pages, docs_dir, root)
    uses = FileUses()  # what the hand-written pages link to or show, as they are read
    generated = frozenset(
        page.source_path for page in content.generated_pages(settings.legal_pages)
    )
    hand_written = check_hand_written_pages(
        docs_dir,
        root,
        markdown,
        uses,
        addresses=addresses,
        example=content.clinic.example,
        generated=generated,
    )
    return content, [
        *content.load_warnings,
        *check_rules(content, settings, (docs_dir, root)),
        *hand_written,
        *check_unused_files(
            content,
            docs_dir,
            root,
            uses,
            config_files=project.files_named(),
            templates_dir=project.templates_dir,
        ),
        *check_logo(project.logo, folders, root, project.config_file),
        *check_favicon(project.favicon, folders, root, project.config_file),
        *check_address_clashes(content, settings.legal_pages, docs_dir, root, addresses=addresses),
        *check_config_file(project.config_file, root),
        *check_library_sign_off(content, today),
        # The logo, wherever the builder finds it, is left to check_logo (reported once).
        *check_published_files(docs_dir, root, logo),
        *(
            check_published_files(project.templates_dir, root, logo, templates=True)
            if project.templates_dir
            else []
        ),
        *check_extra_assets("extra_javascript", project.extra_javascript),
        *check_extra_assets("extra_css", project.extra_css),
        *check_booking_url(
            content,
            settings.legal_pages,
            docs_dir,
            root,
            addresses=addresses,
            served=served_addresses(sources, addresses),
        ),
        *check_content_links(content, settings.legal_pages, docs_dir, root, sources=sources),
    ]
