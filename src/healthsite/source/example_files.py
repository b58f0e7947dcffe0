"""The example clinic site `healthsite new` writes, by its path in the new site, with its source
in the engine's repository (whose top level *is* the example site). Standard library only:
setup.py reads this file to copy the example into the wheel."""

from __future__ import annotations

from pathlib import Path

# The healthsite package's folder (this module is in healthsite/source/).
_PACKAGE = Path(__file__).resolve().parents[1]

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


class NoExampleSite(Exception):
    """This installation of healthsite has no example site; the message says what to do."""


def example_sources() -> dict[str, Path]:
    """Each example file by its path in a new site: from the wheel's copy, or (in an editable
    install of the engine's repository) from the repository's top level, which is the example."""
    packaged = _PACKAGE.joinpath(*EXAMPLE_IN_PACKAGE)
    if packaged.is_dir():
        return {name: packaged / name for name in EXAMPLE}
    checkout = _PACKAGE.parents[1]
    sources = {name: checkout / source for name, source in EXAMPLE.items()}
    missing = [str(path) for path in sources.values() if not path.exists()]
    if missing:
        raise NoExampleSite(
            "this installation of healthsite has no example site to copy (missing: "
            f"{', '.join(missing)}); install healthsite from a wheel or from a checkout of "
            "its repository"
        )
    return sources
