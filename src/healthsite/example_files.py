"""The example clinic site `healthsite new` writes, by its path in the new site, with its source
in the engine's repository (whose top level *is* the example site). Standard library only:
setup.py reads this file to copy the example into the wheel."""

from __future__ import annotations

EXAMPLE = {
    "content": "content",
    "docs": "docs",
    "overrides": "overrides",
    "mkdocs.yml": "mkdocs.yml",
    # The pinned, hashed lock of every package the site needs: the package's dependencies at
    # the engine's locked versions, without its dev tools (`make lock` writes it).
    "requirements.txt": "requirements/site.txt",
}
# Where the wheel keeps that copy, inside the healthsite package.
EXAMPLE_IN_PACKAGE = ("scaffold", "example")
