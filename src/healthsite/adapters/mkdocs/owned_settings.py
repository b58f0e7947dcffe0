"""The settings the plugin writes into MkDocs' configuration on every build, whatever mkdocs.yml
says (`render.theme_files.OWNED_SETTINGS`; ENGINEERING.md, "What the plugin owns")."""

from __future__ import annotations

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig

from healthsite.adapters.mkdocs.material_pages import material_text
from healthsite.adapters.mkdocs.nav import put_generated_pages_in_nav
from healthsite.adapters.mkdocs.site_build import SiteBuild
from healthsite.render.markdown_alignment import with_alignment
from healthsite.render.theme_files import SITE_CSS, THEME_DIR, theme_scripts_to_add


def add_engine_templates(config: MkDocsConfig) -> None:
    """The engine's templates and static files, after the clinic's overrides/ (which win)."""
    # MkDocs internal: `Theme.dirs`, the theme's search path (not on MkDocs' API page; the
    # documented `custom_dir` is the clinic's). No public API adds a second folder: it must
    # serve templates (to MkDocs and to Material's search plugin, which renders one in its
    # own on_config) and static files alike, behind overrides/. Checked with MkDocs 1.6.1 and
    # ProperDocs 1.6.7; guarded by tests/test_theme.py
    # (test_a_clinic_template_in_overrides_wins_over_the_engines).
    if str(THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


def write_owned_settings(config: MkDocsConfig, site: SiteBuild) -> MkDocsConfig:
    """`config` with the clinic's name, address and description, the bundled stylesheet, the
    theme's scripts, the Markdown extensions the build needs and the generated pages in the
    menu."""
    config.extra_javascript.extend(theme_scripts_to_add(config.extra_javascript))
    clinic = site.content.clinic
    # Material writes these into HTML and attributes without escaping them.
    config.site_name = material_text(clinic.name)
    config.site_url = clinic.site_url
    # Material writes this into an attribute without escaping it (on pages with no description).
    config.site_description = material_text(clinic.description)
    config.extra_css.insert(0, SITE_CSS)
    # Table alignment as classes: the policy blocks the inline styles `tables` would write.
    config.markdown_extensions = with_alignment(config.markdown_extensions)
    # Images through the image pipeline (see images.PageImages).
    # MkDocs internal: an Extension object in markdown_extensions, whose type says names only;
    # MkDocs hands the list to Python-Markdown, which takes objects too (mkdocstrings does the
    # same). No public API adds an extension that keeps state across pages. Checked with MkDocs
    # 1.6.1 and ProperDocs 1.6.7; guarded by tests/test_images_build.py
    # (test_a_photo_in_a_folder_page_is_a_picture_whose_files_all_exist).
    config.markdown_extensions.append(site.images.extension)  # type: ignore[arg-type]
    config.extra["clinic"] = clinic
    put_generated_pages_in_nav(config, site.content)
    return config
