"""The `healthsite` plugin's options in mkdocs.yml, and MkDocs' configuration turned into what
the core checks (`project_from`, a `rules.project_check.Project`), in this one place.

The plugin, `healthsite check` and `healthsite build` (`read_site_config` reads mkdocs.yml as
MkDocs does, with MkDocs' own `load_config`) all describe the project here, so the check sees
the same folders, files and rules as the build.
"""

from __future__ import annotations

import re
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from healthsite.model.legal import LEGAL_PAGES
from healthsite.model.page_addresses import PageAddresses
from healthsite.render.security_headers import hash_source
from healthsite.render.sharing import SHARE_CACHE
from healthsite.rules import DEFAULT_FORBIDDEN, ForbiddenPhrase
from healthsite.rules.project_check import Project, RuleOptions

# Resized images kept between builds (see healthsite.render.image_pipeline).
IMAGE_CACHE = ".cache/healthsite/images"


class HealthsiteConfig(Config):  # type: ignore[no-untyped-call]
    content_dir = c.Type(str, default="content")
    # Gone in 0.2.0 (CHANGELOG, "Upgrading"): said what to do instead, not "unrecognised".
    templates_dir = c.Deprecated(
        removed=True,
        message=(
            "'{}' is gone since healthsite 0.2.0: the templates come with the package. "
            "Delete this line from mkdocs.yml; a template you changed goes in overrides/ under "
            "the same path (such as overrides/partials/health/front-door.html), where it wins "
            "over the package's (see CHANGELOG.md, 'Upgrading')"
        ),
    )
    # A page past its review date fails the build unless the clinic chooses only to warn.
    overdue_review = c.Choice(("error", "warn"), default="error")
    max_grade = c.Type((int, float), default=8.0)
    max_sentence_words = c.Type(int, default=25)
    minify = c.Type(bool, default=True)
    # A clinic's own stylesheets in docs/, bundled in this order after the clinic's colours and
    # the theme's stylesheets (healthsite.render.theme_files) into files.SITE_CSS.
    stylesheets = c.ListOfItems(c.Type(str), default=[])
    # Wording a clinic also wants refused, added to rules.settings.DEFAULT_FORBIDDEN:
    # a list of {pattern: regular expression, suggestion: what to write instead}.
    forbidden_phrases = c.ListOfItems(c.Type(dict), default=[])
    # Words the Australian-spelling check must accept as written (names, quotations).
    allowed_spellings = c.ListOfItems(c.Type(str), default=[])
    # Inline scripts a clinic chooses to allow besides the theme's, by hash ("sha256-…"); every
    # other inline script is blocked by the Content-Security-Policy.
    allowed_script_hashes = c.ListOfItems(c.Type(str), default=[])
    # Also make AVIF images (a quarter smaller than WebP, about ten times slower to make).
    avif_images = c.Type(bool, default=False)
    # The generated legal pages (healthsite.model.legal.LEGAL_PAGES): a clinic that does not want
    # one turns it off, and its clinic.yml block is then not needed.
    privacy_page = c.Type(bool, default=True)
    accessibility_page = c.Type(bool, default=True)


def read_site_config(
    root: Path, *, site_dir: str | None = None, strict: bool | None = None
) -> tuple[MkDocsConfig, HealthsiteConfig]:
    """The project's mkdocs.yml as MkDocs reads it, and the `healthsite` plugin's options in
    it. `site_dir` and `strict` (None: as mkdocs.yml says) override mkdocs.yml as MkDocs'
    `--site-dir` and `--strict` do. Raises ValueError for a missing mkdocs.yml or plugin, and
    MkDocs' own errors for a mistake in it."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():  # also refuses a named pipe, which would hang the read
        raise ValueError(f"{config_file} is missing or is not a file")
    config = load_config(str(config_file), site_dir=site_dir, strict=strict)
    options = getattr(config.plugins.get("healthsite"), "config", None)
    if not isinstance(options, HealthsiteConfig):
        raise ValueError("mkdocs.yml does not list the 'healthsite' plugin")
    return config, options


def published_legal_pages(options: HealthsiteConfig) -> frozenset[str]:
    """The legal pages mkdocs.yml leaves on (each has its own option, on by default)."""
    return frozenset(page.key for page in LEGAL_PAGES if getattr(options, page.option))


def page_addresses(config: MkDocsConfig) -> PageAddresses:
    """Where MkDocs publishes this config's pages (`use_directory_urls`): the one page-address
    rule the renderer and the rules are given."""
    return PageAddresses(directory_urls=config.use_directory_urls)


def rule_options(options: HealthsiteConfig, addresses: PageAddresses) -> RuleOptions:
    """What mkdocs.yml sets about the health-content rules (and where its pages are
    published, for messages that name an address). Raises PluginError for a
    forbidden phrase that is not a pattern and a suggestion."""
    try:
        extra = tuple(ForbiddenPhrase(**phrase) for phrase in options.forbidden_phrases)
    except (TypeError, re.error) as exc:
        raise PluginError(
            "healthsite: each of forbidden_phrases needs a 'pattern' (a regular expression) "
            f"and a 'suggestion' ({exc})"
        ) from None
    return RuleOptions(
        overdue_is_error=options.overdue_review == "error",
        max_grade=float(options.max_grade),
        max_sentence_words=options.max_sentence_words,
        forbidden=DEFAULT_FORBIDDEN + extra,
        allowed_spellings=frozenset(word.lower() for word in options.allowed_spellings),
        legal_pages=published_legal_pages(options),
        addresses=addresses,
    )


def allowed_scripts(written: list[str]) -> tuple[str, ...]:
    """The script hashes mkdocs.yml allows, as CSP source expressions. Raises PluginError for
    one that is not a script hash."""
    allowed = []
    for text in written:
        try:
            allowed.append(hash_source(text))
        except ValueError as exc:
            raise PluginError(
                f"healthsite: allowed_script_hashes lists '{text}', which is not a script hash: "
                f"{exc}"
            ) from None
    return tuple(allowed)


def project_from(config: MkDocsConfig, options: HealthsiteConfig) -> Project:
    """The project as `config` (MkDocs' configuration, before the plugin adds its own settings
    to it in on_config) and the plugin's `options` describe it. Raises PluginError for an
    option the build cannot use."""
    root = Path(config.config_file_path).parent
    custom_dir = config.theme.custom_dir
    return Project(
        root=root,
        config_file=Path(config.config_file_path),
        content_dir=root / options.content_dir,
        docs_dir=Path(config.docs_dir),
        templates_dir=Path(custom_dir) if custom_dir else None,
        logo=config.theme.get("logo"),
        favicon=config.theme.get("favicon"),
        markdown_extensions=tuple(config.markdown_extensions),
        # MkDocs internal: `mdx_configs`, a private config entry (not settable in mkdocs.yml,
        # not on the API page) where MkDocs keeps each extension's options once it has read
        # markdown_extensions; MkDocs' own build and Material's plugins read them there. No
        # public API gives them. Checked with MkDocs 1.6.1 and ProperDocs 1.6.7; guarded by
        # tests/test_project_check.py (test_an_extension_option_in_mkdocs_yml_reaches_the_check).
        markdown_configs=dict(config.mdx_configs),
        # The script hashes first: a mistake in them stopped the check before anything else.
        allowed_scripts=allowed_scripts(options.allowed_script_hashes),
        rules=rule_options(options, page_addresses(config)),
        stylesheets=tuple(options.stylesheets),
        extra_javascript=tuple(str(script) for script in config.extra_javascript),
        extra_css=tuple(str(sheet) for sheet in config.extra_css),
        cache_dirs=(root / SHARE_CACHE, root / IMAGE_CACHE),
    )
