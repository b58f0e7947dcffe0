"""The settings the plugin writes into MkDocs' configuration on every build, whatever mkdocs.yml
says (`render.theme_files.OWNED_SETTINGS`; ENGINEERING.md, "What the plugin owns")."""

from __future__ import annotations

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig

from healthsite.adapters.mkdocs.material_pages import material_text
from healthsite.adapters.mkdocs.nav import put_generated_pages_in_nav
from healthsite.adapters.mkdocs.site_build import SiteBuild
from healthsite.render.theme_files import THEME_DIR, owned_values


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
    clinic = site.content.clinic
    owned = owned_values(
        clinic,
        extra_css=config.extra_css,
        extra_javascript=config.extra_javascript,
        markdown_extensions=config.markdown_extensions,
        # Material writes the name and description into HTML and attributes unescaped.
        text=material_text,
    )
    config.site_name = owned["site_name"]
    config.site_url = owned["site_url"]
    config.site_description = owned["site_description"]
    # In place: the lists are MkDocs' own (its scripts are ExtraScriptValue, kept as they are).
    config.extra_css[:] = owned["extra_css"]
    config.extra_javascript[:] = owned["extra_javascript"]
    config.markdown_extensions = owned["markdown_extensions"]
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
