"""The engine's theme: the templates, stylesheets and scripts every clinic site shares, shipped
inside the `healthsite` package (`healthsite/theme/`), and the one list of what the plugin sets
in a site's configuration so that a clinic's `mkdocs.yml` names only what the clinic chooses.

The theme folder sits on the template search path after the clinic's `custom_dir` (their
`overrides/`) and before Material's own, so a clinic file with the same name as one here wins:
`overrides/partials/health/front-door.html` replaces the engine's front door, and
`overrides/main.html` its page template. Files in `docs/` win over the theme's static files in
the same way (`docs/assets/stylesheets/site.css` replaces the engine's stylesheet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from healthsite import PACKAGE_DIR
from healthsite.model.clinic import Clinic
from healthsite.render.markdown_alignment import with_alignment

THEME_DIR = PACKAGE_DIR / "theme"
# The macros' templates (`healthsite.render.content_pages`), under the theme folder and under a
# clinic's own.
PARTIALS = Path("partials") / "health"
# Bundled, in this order, before a clinic's own `stylesheets`, into the one stylesheet a page loads.
THEME_STYLESHEETS = ("assets/stylesheets/site.css", "assets/stylesheets/print.css")
# That one stylesheet: the clinic's colours, the theme's stylesheets and the clinic's own (every
# stylesheet is another request before the first paint on a slow phone connection).
SITE_CSS = "assets/stylesheets/healthsite.css"
# The browser-tab icon, drawn in the clinic's colour unless docs/ has its own.
FAVICON = "assets/favicon.svg"
# Added to every page after a clinic's own `extra_javascript`: the FAQ's open-and-close links, and
# today's hours above each location's on the home page.
THEME_SCRIPTS = ("assets/javascripts/faq.js", "assets/javascripts/opening-hours.js")


def script_path(script: object) -> str:
    """The path of one entry of `extra_javascript`: as mkdocs.yml writes it (`- faq.js`, or
    `- path: faq.js` with `type: module` or `async`), or as MkDocs reads it (its text is the
    path)."""
    if isinstance(script, Mapping):
        return str(script.get("path", ""))
    return str(script)


def theme_scripts_to_add(scripts: Iterable[object]) -> list[str]:
    """The theme's scripts a site's `extra_javascript` (`scripts`, entries as `script_path`
    reads them) does not list yet, in order: added after the site's own, each once."""
    listed = {script_path(script) for script in scripts}
    return [script for script in THEME_SCRIPTS if script not in listed]


# What the healthsite plugin writes into the MkDocs configuration on every build, whatever
# mkdocs.yml says (ENGINEERING.md, "What the plugin owns"): the clinic edits
# content/clinic.yml or the plugin's own options instead.
OWNED_SETTINGS = {
    "site_name": "the clinic's name (content/clinic.yml, name)",
    "site_url": "the clinic's address (content/clinic.yml, site_url)",
    "site_description": "the clinic's description (content/clinic.yml, description)",
    "theme.dirs": "the engine's templates after the clinic's overrides/",
    "extra_css": "one stylesheet: the clinic's colours, the theme's and `stylesheets`",
    "extra_javascript": "the theme's scripts after the clinic's own",
    "markdown_extensions": "table alignment as classes and the image pipeline, added",
    "nav": "the generated pages, put under their overview page",
}


def owned_values(
    clinic: Clinic,
    *,
    extra_css: Iterable[Any],
    extra_javascript: Iterable[Any],
    markdown_extensions: Iterable[Any],
    text: Callable[[str], str],
) -> dict[str, Any]:
    """What the engine writes over mkdocs.yml's values (`OWNED_SETTINGS` but the theme's folders
    and the menu, which depend on the builder): from the clinic's details and the site's own
    `extra_css`, `extra_javascript` and `markdown_extensions` (each entry kept as given), with
    `text` writing a name or description as the builder's theme needs it."""
    scripts = list(extra_javascript)
    return {
        "site_name": text(clinic.name),
        "site_url": clinic.site_url,
        "site_description": text(clinic.description),
        "extra_css": [SITE_CSS, *extra_css],
        "extra_javascript": [*scripts, *theme_scripts_to_add(scripts)],
        # Table alignment as classes: the policy blocks the inline styles `tables` would write.
        "markdown_extensions": with_alignment(list(markdown_extensions)),
    }


def template_dirs(custom_dir: str | None) -> list[Path]:
    """Where the macros' templates are looked up, first match wins: the clinic's overrides, then
    the engine's."""
    folders = [Path(custom_dir) / PARTIALS] if custom_dir else []
    return [*folders, THEME_DIR / PARTIALS]


class MissingStylesheet(ValueError):
    """A stylesheet the healthsite plugin's `stylesheets` option lists is not in docs/."""


def bundled_stylesheet(
    theme_css: str, stylesheets: list[str], take: Callable[[str], str | None]
) -> str:
    """SITE_CSS: `theme_css` (the clinic's colours), then the theme's stylesheets and the
    clinic's `stylesheets`, each once and with a comment naming it. `take` gives a stylesheet's
    text by its path among the published files (a file in docs/ wins over the theme's) and
    stops publishing it alone; None when there is no such file (MissingStylesheet)."""
    parts = [theme_css]
    # A theme stylesheet a site lists again (as mkdocs.yml did before 0.2) is bundled once.
    own = [s for s in stylesheets if s not in THEME_STYLESHEETS]
    for src_uri in [*THEME_STYLESHEETS, *own]:
        text = take(src_uri)
        if text is None:
            raise MissingStylesheet(
                f"healthsite: stylesheets lists '{src_uri}', which is not in docs/"
            )
        parts.append(f"/* {src_uri} */\n{text}")
    return "\n".join(parts)
