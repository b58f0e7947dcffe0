"""What `healthsite build` hands the plugin so that the build does not check again the content
it has just checked (`CheckedContent`), and the check of a build (`check_for_build`), which
runs `rules.project_check.check_project`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.model.loader import SiteContent
from healthsite.rules.project_check import Project, check_project
from healthsite.source.clock import build_date
from healthsite.source.errors import ContentProblem, Severity


@dataclass(frozen=True)
class CheckedContent:
    """Content checked for the build of one config on one day, and the problems found."""

    config: MkDocsConfig
    today: date
    content: SiteContent
    problems: list[ContentProblem]

    def serves(self, config: MkDocsConfig, today: date) -> bool:
        """Whether this is the check of the build of `config` on `today` (and not of an
        earlier config: every rebuild of `mkdocs serve` has a config of its own)."""
        return self.config is config and self.today == today

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)


def build_day() -> date:
    """The day the site is built for ($HEALTHSITE_TODAY, else today); a mistake in
    $HEALTHSITE_TODAY stops the build with a message."""
    try:
        return build_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def check_for_build(config: MkDocsConfig, project: Project, today: date) -> CheckedContent:
    """`check_project` for the build of `config`, with each warning logged when there is no
    error (an error stops the build, and is reported with the warnings). Raises
    ContentErrors."""
    content, problems = check_project(project, today)
    checked = CheckedContent(config, today, content, problems)
    # Content warnings (a review due soon) must not abort `mkdocs build --strict`, so they go
    # to a logger outside MkDocs' own.
    if not checked.has_errors:
        for problem in problems:
            content_log.warning(problem.format())
    return checked
