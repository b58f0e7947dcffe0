"""What a command that reads a project starts with: its mkdocs.yml read as MkDocs reads it and
the project described as the build sees it (`healthsite.adapters.mkdocs.config`), and what can
stop it before it has the content, said without a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from healthsite.adapters.mkdocs.config import project_from, read_site_config
from healthsite.rules.project_check import Project
from healthsite.source.errors import ContentErrors

# What can stop a command before it has the content: the content, mkdocs.yml, $HEALTHSITE_TODAY.
SETUP_ERRORS = (ContentErrors, ValueError, ConfigurationError, PluginError, Abort)


def read_project(
    root: Path, *, site_dir: str | None = None, strict: bool | None = None
) -> tuple[MkDocsConfig, Project]:
    """The project at `root` as its mkdocs.yml describes it, and that configuration.
    `site_dir` and `strict` (None: as mkdocs.yml says) override mkdocs.yml as MkDocs'
    `--site-dir` and `--strict` do. Raises one of SETUP_ERRORS."""
    config, options = read_site_config(root, site_dir=site_dir, strict=strict)
    return config, project_from(config, options)


def report_setup_error(exc: Exception, *, content_status: int) -> int:
    """Print why the command could not start, and return its exit status."""
    if isinstance(exc, ContentErrors):
        print(exc.format(), file=sys.stderr)
        return content_status
    if isinstance(exc, Abort):  # MkDocs has logged what is wrong with mkdocs.yml
        print("error: mkdocs.yml has a mistake (see above)", file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)
    return 2
