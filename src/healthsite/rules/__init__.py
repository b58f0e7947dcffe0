"""Health-content rules: what the build enforces so a clinic cannot publish a page that is
unsourced, overclaiming, hard to read or out of date.

`check_rules` runs every rule and returns all problems together (never stopping at the first);
each is located at the field it is about. `readability_report` gives each page's reading grade
for `healthsite check` to print. The rules themselves live in one module each:

- `citations`: at least two references per benefit page; an uncited reference is a warning;
- `wording`: no forbidden, overclaiming wording in content, clinic.yml or docs/*.md (the
  list is `RuleSettings.forbidden`);
- `readability`: Flesch-Kincaid grade and sentence length of each page's main text;
- `review_dates`: honest, current review dates (and `due_reviews`, the pages due soon, for the
  weekly reminder);
- `clinic_facts`: facts about the clinic come from clinic.yml, not from a page's own words;
- `safety_advice`: no page words its own advice about a condition safety.yml covers, and every
  safety id a page or macro names exists;
- `topic_warning_signs`: a benefit or guide page whose title names a topic of safety.yml
  ("headaches") shows every warning sign of that topic in its "When to see a doctor" box;
- `spelling`: Australian spelling (breame's American/British pairs) in everything readers see;
- `photos`: each person's photo is a file in docs/ that the image pipeline can use;
- `legal_pages`: a published privacy policy or accessibility statement has its clinic.yml block
  (the legal pages' review dates and wording go through the rules above like any page);
- `closures`: a holiday closure that has ended is a warning (the pages no longer show it);
- `example_leftovers`: once `example: true` is gone, the example clinic's made-up details and
  addresses at domains reserved for examples are errors.

The hand-written pages in docs/ have their own check, `hand_written.check_hand_written_pages`
(with `csp` and `images`), which needs the Markdown set-up from mkdocs.yml;
`project_check.check_project` runs both, with the project's other checks, in their one order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from healthsite.model.legal import ALL_LEGAL_PAGES
from healthsite.model.loader import SiteContent
from healthsite.rules.checked_pages import health_pages
from healthsite.rules.citations import check_citations
from healthsite.rules.closures import check_closures
from healthsite.rules.example_leftovers import check_example_leftovers
from healthsite.rules.facts_stated_once import check_clinic_facts
from healthsite.rules.legal_pages import check_legal_blocks
from healthsite.rules.photos import check_photos
from healthsite.rules.plain_text import forget_sentences
from healthsite.rules.readability import (
    PageReadability,
    check_readability,
    forget_measures,
    page_readability,
)
from healthsite.rules.reader_words import docs_lines, docs_pages
from healthsite.rules.review_dates import DueReview, check_review_dates, reviews_due
from healthsite.rules.safety_advice import check_safety_advice
from healthsite.rules.settings import DEFAULT_FORBIDDEN, ForbiddenPhrase, RuleSettings
from healthsite.rules.spelling import check_spelling
from healthsite.rules.topic_warning_signs import check_topic_warning_signs
from healthsite.rules.wording import (
    check_clinic_wording,
    check_markdown_pages,
    check_pasted_markup,
    check_wording,
)
from healthsite.source.errors import ContentProblem

__all__ = [
    "DEFAULT_FORBIDDEN",
    "DueReview",
    "ForbiddenPhrase",
    "PageReadability",
    "RuleSettings",
    "check_rules",
    "due_reviews",
    "readability_report",
]


def check_rules(
    content: SiteContent, settings: RuleSettings, docs: tuple[Path, Path] | None = None
) -> list[ContentProblem]:
    """Every problem the health-content rules find in `content`, errors and warnings; with
    `docs` (the docs folder and the project root), also the wording of hand-written pages."""
    forget_sentences()  # what the previous check (a preview's last build) kept
    forget_measures()
    pages = health_pages(content, settings.legal_pages)
    # Each page of docs/ read once, for every rule that reads them.
    written = docs_pages(*docs) if docs else []
    lines = list(docs_lines(written))
    return [
        *check_legal_blocks(content, settings),
        *check_citations(content),
        *check_wording(pages, settings.forbidden),
        *check_pasted_markup(pages),
        *check_clinic_wording(content.clinic, content.clinic_doc, settings.forbidden),
        *check_markdown_pages(written, settings.forbidden),
        *check_readability(pages, settings),
        *check_review_dates(pages, settings),
        *check_clinic_facts(content, pages, lines),
        *check_safety_advice(content, lines),
        *check_topic_warning_signs(content),
        *check_spelling(content, pages, settings.allowed_spellings, lines),
        *check_closures(content, settings),
        *check_example_leftovers(content),
        *(check_photos(content, docs[0]) if docs else []),
    ]


def readability_report(content: SiteContent) -> list[PageReadability]:
    """Each page with text of the clinic's to measure (benefit pages in site order, the FAQ,
    the safety advice), with how hard it is to read."""
    return [page_readability(page) for page in health_pages(content) if page.main_text]


def due_reviews(
    content: SiteContent,
    today: date,
    within_days: int,
    legal_pages: frozenset[str] = ALL_LEGAL_PAGES,
) -> list[DueReview]:
    """Each page whose review is overdue or due within `within_days`, soonest first (the legal
    pages among `legal_pages`, the ones the site publishes)."""
    return reviews_due(health_pages(content, legal_pages), today, within_days)
