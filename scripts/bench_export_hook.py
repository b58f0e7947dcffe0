"""MkDocs hook used by `scripts/bench.py` to turn a healthsite project into a plain one.

Loaded (through mkdocs.yml's `hooks:`) after the healthsite and macros plugins, it sees what they
produced and writes it to the folder named by $HEALTHSITE_BENCH_EXPORT:

- `docs/<page>.md`: every page's Markdown after healthsite generated it and the macros expanded
  it, with its front matter, so plain Material renders the same page text;
- `docs/<file>`: every other file from docs/ or made by a plugin that the build publishes (the
  bundled stylesheet, the favicon, ...);
- `config.json`: the nav, site name and stylesheets as the healthsite plugin set them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

EXPORT_VARIABLE = "HEALTHSITE_BENCH_EXPORT"
# Page metadata only the healthsite and macros plugins read.
PLUGIN_META = ("render_macros", "healthsite")


def _export_dir() -> Path:
    return Path(os.environ[EXPORT_VARIABLE])


def _write(relative: str, data: bytes) -> None:
    path = _export_dir() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings: dict[str, Any] = {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "site_description": config.site_description,
        "nav": config.nav,
        "extra_css": list(config.extra_css),
        "extra_javascript": [str(script) for script in config.extra_javascript],
    }
    _write("config.json", json.dumps(settings, indent=2).encode("utf-8"))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir).resolve()
    for file in files:
        from_docs = file.abs_src_path is not None and docs in Path(file.abs_src_path).parents
        # The theme's own files come with the theme; pages are written by on_page_markdown.
        if (from_docs or file.generated_by is not None) and not file.is_documentation_page():
            _write(f"docs/{file.src_uri}", file.content_bytes)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    meta = {key: value for key, value in page.meta.items() if key not in PLUGIN_META}
    front = ""
    if meta:
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
    _write(f"docs/{page.file.src_uri}", (front + markdown).encode("utf-8"))
    return markdown
