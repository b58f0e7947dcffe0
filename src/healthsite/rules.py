"""Health-content rules (placeholder until the rules module lands)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from healthsite.errors import ContentProblem
from healthsite.loader import SiteContent


@dataclass(frozen=True)
class RuleSettings:
    today: date
    overdue_is_error: bool = True
    max_grade: float = 8.0
    max_sentence_words: int = 25
    due_soon_days: int = 60


def check_rules(content: SiteContent, settings: RuleSettings) -> list[ContentProblem]:
    return []


@dataclass(frozen=True)
class PageReadability:
    name: str
    grade: float
    ease: float
    longest_sentence: int


def readability_report(content: SiteContent) -> list[PageReadability]:
    return []
