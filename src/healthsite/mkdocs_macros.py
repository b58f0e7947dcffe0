"""The name a site's mkdocs.yml gives mkdocs-macros (`modules: [healthsite.mkdocs_macros]`), kept
so every clinic's mkdocs.yml works across engine versions: the macros are
`healthsite.adapters.mkdocs.macros`."""

from healthsite.adapters.mkdocs.macros import define_env

__all__ = ["define_env"]
