"""Which MkDocs-compatible builder runs the site: MkDocs 1.6 or ProperDocs (a drop-in fork).

ProperDocs ships no `mkdocs` package: its command installs an import alias so that `mkdocs.*`
(which Material, mkdocs-macros and the healthsite plugin import) loads `properdocs.*`, and it
reads plugins and themes from the same `mkdocs.plugins` and `mkdocs.themes` entry points. So the
plugin needs no change; only a process that runs the builder outside its own command
(`healthsite check`, and `healthsite build`, which builds in its own process) has to do what
that command does first: install the alias, and hang the `mkdocs` logger under `properdocs`.
Modules that import `mkdocs` import this module first.

The choice: $HEALTHSITE_BUILDER (`mkdocs` or `properdocs`, as `make ... BUILDER=properdocs` sets
it), else MkDocs when it is installed, else ProperDocs when it is.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib.metadata import PackageNotFoundError, version

BUILDERS = ("mkdocs", "properdocs")
VARIABLE = "HEALTHSITE_BUILDER"


def _installed(distribution: str) -> bool:
    try:
        version(distribution)
    except PackageNotFoundError:
        return False
    return True


def choose(wanted: str, installed: dict[str, bool]) -> str:
    """The builder to use, given the requested one ('' for none) and which are installed."""
    wanted = wanted.strip().lower()
    if wanted:
        if wanted not in BUILDERS:
            raise ValueError(f"{VARIABLE} is '{wanted}'; set it to 'mkdocs' or 'properdocs'")
        return wanted
    if not installed.get("mkdocs") and installed.get("properdocs"):
        return "properdocs"
    return "mkdocs"


def _select() -> str:
    try:
        return choose(os.environ.get(VARIABLE, ""), {name: _installed(name) for name in BUILDERS})
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


# The command module (`python -m NAME build`) and the distribution that provides `mkdocs.*`.
NAME = _select()
# ProperDocs internals: the `properdocs.replacement` alias and the `mkdocs` logger hung under
# `properdocs`, both what ProperDocs' own command does before it builds. No public API does them
# for a process that builds without that command. Checked with ProperDocs 1.6.7; guarded by
# `make test-properdocs`, with tests/test_builder.py
# (test_mkdocs_modules_come_from_the_chosen_builder) and tests/test_preview.py
# (test_a_warning_is_shown_once_when_one_builder_logger_is_under_the_other).
if NAME == "properdocs":
    if "mkdocs" not in sys.modules:
        import properdocs.replacement  # noqa: F401 - makes `import mkdocs.…` load ProperDocs
    # As ProperDocs' command does (`State` in properdocs/__main__.py): plugins log to `mkdocs.*`,
    # and under `properdocs` their warnings count in strict mode like ProperDocs' own.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
