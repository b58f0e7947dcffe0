"""A page about a topic shows that topic's warning signs.

content/safety.yml may list `topics` ("headaches", known by the words headache, headaches,
migraine) and tag red flags with them (`topics: [head]`). A benefit or guide page whose title,
menu title or description names a topic must show, in its "When to see a doctor" box, every red
flag of that topic: one shown on every page, or one the page lists in its `warning_signs`. So a
clinic that takes the back-pain signs off every page (`on_every_page: false`) is told which
back-pain pages must now list them, instead of publishing a back-pain page without them.

A topic's words are matched as whole words, in any case, with one regular expression for all
topics (`safety_advice.WordMatcher`), so the check is one pass over each title.
"""

from __future__ import annotations

from collections.abc import Iterator

from healthsite.model.fields import TextAt
from healthsite.model.loader import SiteContent
from healthsite.model.safety_entries import Safety, Topic
from healthsite.model.safety_tiers import box_refs, normal_words
from healthsite.rules.safety_advice import WordMatcher
from healthsite.source.errors import ContentProblem

# The fields that say what a page is about, in the order a message names them.
ABOUT_FIELDS = ("title", "nav_title", "description")


class TopicWords(WordMatcher):
    """Finds the words of safety.yml's topics in a text."""

    def __init__(self, topics: list[Topic]) -> None:
        super().__init__({normal_words(w): topic.id for topic in topics for w in topic.words})


def check_topic_warning_signs(content: SiteContent) -> list[ContentProblem]:
    """Each warning sign missing from the box of a page about its topic, at the field (title,
    nav_title or description) that names the topic."""
    safety = content.safety
    if not safety.topics:
        return []
    words = TopicWords(safety.topics)
    topics = {topic.id: topic for topic in safety.topics}
    problems: list[ContentProblem] = []
    for page in content.all_pages():
        warning_signs = page.item.page_warning_signs()
        if warning_signs is None:  # a kind of page with no box of its own to add to
            continue
        shown = {ref.id for ref in box_refs(safety, warning_signs)}
        for field, said, topic_id in _topics_named(page.item.headings(), words):
            for flag_id in _topic_flags(safety, topic_id):
                if flag_id in shown:
                    continue
                shown.add(flag_id)  # once, even when two topics of the page share it
                problems.append(
                    page.doc.problem(
                        (field,),
                        f"This page is about {topics[topic_id].name} (its {field} says "
                        f"'{said}'), so its 'When to see a doctor' box must show the warning "
                        f"sign '{flag_id}' of content/safety.yml",
                        f"add '{flag_id}' to this page's warning_signs",
                    )
                )
    return problems


def _topics_named(headings: Iterator[TextAt], words: TopicWords) -> Iterator[tuple[str, str, str]]:
    """Each topic the page's title, nav_title or description names, once: the field that
    names it first, the words as written there, and the topic's id."""
    seen: set[str] = set()
    for where, text in headings:
        if len(where) != 1 or where[0] not in ABOUT_FIELDS:
            continue
        for mention in words.mentions(text):
            if mention.id not in seen:
                seen.add(mention.id)
                yield str(where[0]), mention.words, mention.id


def _topic_flags(safety: Safety, topic_id: str) -> list[str]:
    return [flag.id for flag in safety.red_flags if topic_id in flag.topics]
