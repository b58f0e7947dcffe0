"""What a clinic can tune about the health-content rules, and the list of forbidden wording.

`DEFAULT_FORBIDDEN` is the one place the overclaiming words live. The wording rule reads the list
from `RuleSettings.forbidden`, so whoever builds the settings (the MkDocs plugin, the CLI, a test)
can extend or replace it without touching the rule itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from healthsite.model.legal import ALL_LEGAL_PAGES
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES, PageAddresses

# Lookarounds rather than \b, so that patterns ending in a symbol ("100%") still match as a
# whole token, and "secure" never matches "cure".
_NO_WORD_BEFORE = r"(?<!\w)"
_NO_WORD_AFTER = r"(?!\w)"


@cache
def _whole_words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"{_NO_WORD_BEFORE}(?:{pattern}){_NO_WORD_AFTER}", re.IGNORECASE)


@dataclass(frozen=True)
class ForbiddenPhrase:
    """Wording that overclaims, as a regular expression, and what to write instead.

    The pattern is matched case-insensitively and only as whole words. The suggestion is shown to
    clinic staff as the "How to fix" line, so it should give hedged wording they can copy.
    """

    pattern: str
    suggestion: str

    def __post_init__(self) -> None:
        self.regex()  # a broken pattern fails when the settings are made, not mid-check

    def regex(self) -> re.Pattern[str]:
        return _whole_words(self.pattern)


@cache
def any_phrase(phrases: tuple[ForbiddenPhrase, ...]) -> re.Pattern[str] | None:
    """One expression that matches where any of `phrases` matches (each as `regex` has it), so
    text holding none of them is passed over in one search rather than one per phrase; None when
    there are none, or when they cannot be joined without changing what they mean (a group,
    which a backreference of another phrase could then name)."""
    if not phrases or any(phrase.regex().groups for phrase in phrases):
        return None
    # The check for a word before a phrase, made once for all of them.
    either = "|".join(f"(?:{phrase.pattern}){_NO_WORD_AFTER}" for phrase in phrases)
    return re.compile(rf"{_NO_WORD_BEFORE}(?:{either})", re.IGNORECASE)


DEFAULT_FORBIDDEN: tuple[ForbiddenPhrase, ...] = (
    ForbiddenPhrase(
        r"prov(?:en|es?|ed|ing)",
        'say how strong the evidence is instead: rather than "proven to reduce stress", write '
        '"some studies suggest it may reduce stress for a short time"',
    ),
    ForbiddenPhrase(
        # "cured my back" is a testimonial: the testimonial entry below says why it is refused.
        r"cur(?:e|es|ed|ing)(?!\s+(?:my|his|her|their|our)\b)",
        'massage does not cure illness: write "may ease" or "may help with", for example '
        '"massage may ease back pain for a few weeks"',
    ),
    ForbiddenPhrase(
        r"guarantee(?:s|d)?",
        'no result can be promised: write "many people find" or "it may help", for example '
        '"many people find they feel more relaxed afterwards"',
    ),
    ForbiddenPhrase(
        r"boost(?:s|ed|ing)?\s+(?:your\s+|the\s+)?(?:immunity|immune\s+systems?)"
        r"|immune[-\s]boosting",
        "say what was measured instead, for example "
        '"one small study found short-lived changes in some immune cells"',
    ),
    ForbiddenPhrase(
        r"detox(?:es|ed|ing|ify|ifies|ified|ifying|ification)?",
        "massage has not been shown to remove toxins: describe what people may feel instead, "
        'for example "you may feel relaxed after a session"',
    ),
    ForbiddenPhrase(
        r"miracles?|miraculous(?:ly)?",
        'describe the likely effect plainly, for example "may ease pain for a short time"',
    ),
    ForbiddenPhrase(
        r"100\s?%|100\s+per\s?cent",
        'no treatment works for everyone: write "many people" or "some people"',
    ),
    ForbiddenPhrase(
        r"risk[-\s]?free",
        'write "generally safe for most people", and list who should be careful',
    ),
    # Only the verb forms that make a claim ("massage heals joints"). "Healing" and "healed" stay
    # allowed because the cautions need them for wounds and fractures.
    ForbiddenPhrase(
        r"heals?",
        'write "may ease" or "may help you recover", for example '
        '"massage may ease stiffness while you recover"',
    ),
    # Outcome testimonials: a client's words or a rating about a result. Registered practitioners
    # may not advertise with testimonials at all (National Law s 133(1)(c)); massage therapists
    # are not registered, but one client's result shown as what others can expect can mislead
    # (Australian Consumer Law s 18 and s 29(1)(e)-(g); the National Code of Conduct).
    ForbiddenPhrase(
        r"(?:fixed|cured|healed|solved|sorted(?:\s+out)?)\s+(?:my|his|her|their|our)\s+\w+"
        r"|(?:five|5)[-\s]stars?|changed\s+(?:my|his|her|their|our)\s+li(?:fe|ves)|life[-\s]changing"
        r"|(?:my|the|all\s+(?:my|the))\s+(?:pain|aches?|headaches?|stress|stiffness)\s+"
        r"(?:is|was|are|were)\s+(?:all\s+|completely\s+)?gone"
        r"|(?:feel|feels|felt)\s+like\s+a\s+new\s+(?:person|man|woman)"
        r"|best\s+massage\s+(?:ever|I(?:'ve|\s+have)\s+ever\s+had)",
        "this reads as a testimonial about results: registered health practitioners may not "
        "advertise with testimonials (Health Practitioner Regulation National Law, s 133), and "
        "for massage therapists one client's result, shown as what others can expect, can "
        "mislead, which the Australian Consumer Law (s 18 and s 29) and the National Code of "
        "Conduct for health care workers forbid; say what research found instead, for example "
        '"in one trial, massage eased back pain for some people for a few weeks"',
    ),
    # "for good" only at the end of a clause: "for good health" and "for good reason" are fine.
    ForbiddenPhrase(
        r"for\s+good(?!\s+(?!and\b|or\b)[a-z])|once\s+and\s+for\s+all|permanently"
        r"|permanent\s+(?:relief|results?|fix(?:es)?|cure|solution|change|improvement|benefits?"
        r"|effects?)",
        "in trials the benefits of massage faded after the sessions stopped: say how long they "
        'lasted, for example "massage may ease back pain for a few weeks"',
    ),
    ForbiddenPhrase(
        r"(?:get|gets|getting|got|gotten)\s+rid\s+of",
        'massage may ease symptoms but does not remove their cause: write "may ease", for '
        'example "massage may ease neck pain for a while"',
    ),
    ForbiddenPhrase(
        r"(?:instant|immediate)\s+(?:pain\s+)?(?:relief|results?|fix|cure)"
        r"|instantly\s+(?:relieves?|fix(?:es)?|eases?|cures?)",
        "effects differ from person to person and are usually modest: write what people may "
        'feel, for example "you may feel more relaxed after a session"',
    ),
)


@dataclass(frozen=True)
class RuleSettings:
    """Options for `check_rules`. `today` is passed in so no check depends on the real date."""

    today: date
    # False only warns about a page past its review date (a documented option for clinics).
    overdue_is_error: bool = True
    max_grade: float = 8.0
    max_sentence_words: int = 25
    due_soon_days: int = 60
    max_review_years: int = 3
    forbidden: tuple[ForbiddenPhrase, ...] = DEFAULT_FORBIDDEN
    # Words the Australian-spelling check accepts as written (names, quotations).
    allowed_spellings: frozenset[str] = frozenset()
    # The legal pages the site publishes (`healthsite.model.legal.LEGAL_PAGES` keys); a clinic turns
    # one off with the plugin's privacy_page or accessibility_page option.
    legal_pages: frozenset[str] = ALL_LEGAL_PAGES
    # Where the site publishes its pages (mkdocs.yml's `use_directory_urls`), for messages
    # that name a page's address.
    addresses: PageAddresses = DIRECTORY_ADDRESSES
