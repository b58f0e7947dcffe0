"""Holiday closures that have ended: pages stop showing them at once
(`healthsite.render.locations`),
and the check warns so the clinic deletes them from clinic.yml. Only a warning: a closure that
has passed is harmless, and a build must not fail on the day after a holiday."""

from __future__ import annotations

from healthsite.model.loader import SiteContent
from healthsite.render.locations import past_closures
from healthsite.rules.settings import RuleSettings
from healthsite.source.errors import ContentProblem


def check_closures(content: SiteContent, settings: RuleSettings) -> list[ContentProblem]:
    doc = content.clinic_doc
    return [
        doc.problem(
            where,
            f"the closure '{closure.note}' ended on {closure.last}, before today "
            f"({settings.today}), so the site no longer shows it",
            "delete it from clinic.yml (with its '- ' line and the lines indented under it)",
        ).as_warning()
        for where, closure in past_closures(content.clinic, settings.today)
    ]
