"""The core's work as steps around a site builder, with no builder import (import-linter keeps
it so): `before_build` turns a project into a plain one (Markdown pages, the menu, the generated
files and an mkdocs.yml without our plugins) that a builder with no plugin of ours can build,
and `after_build` does to the finished HTML what the MkDocs plugin does in its last events (the
Content-Security-Policy, `_headers`, the last touches and minifying). `scripts/zensical_build.py`
runs them around Zensical; the MkDocs plugin could call the same steps instead of its events.
"""
