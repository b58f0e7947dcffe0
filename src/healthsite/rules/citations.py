"""Citation rules that the loader does not already enforce, for each kind of page whose entry
says its pages cite references (`ContentType.sources`, a `healthsite.model.kind_facts.Sources`).

The models require at least one citation per claim, and the loader reports citation keys that
are not in references.yml. What is left: each page rests on at least as many different sources
as its kind asks (two for a benefit page, one for a guide page), and a reference nothing cites
is reported. That is a warning, not an error: deleting a topic's file must be all it takes to
remove the topic, and the sources only it cited are then simply not published (every list of
sources and every JSON-LD citation is made from the cited keys). The warning still shows a typo
in a key, or a claim deleted by mistake.

Guide pages (safety, costs, where to get help) mix facts with plain advice, so a section may
cite nothing. But a section that states a figure (a phone number, a date, a count, a share) must
cite where it comes from (`Sources.figures`): figures are the facts that go out of date, and a
reader must be able to check them. The emergency number is the one figure every page may state
without a source.
"""

from __future__ import annotations

import re
from typing import Any

from healthsite.model.content_type import ContentPage
from healthsite.model.fields import TextAt
from healthsite.model.kind_facts import Sources, Words
from healthsite.model.library import is_library_file
from healthsite.model.loader import SiteContent
from healthsite.model.registry import CONTENT_TYPES
from healthsite.rules.plain_text import sentences
from healthsite.source.errors import ContentProblem
from healthsite.source.markup import listed

KEYS_ARE = "keys are the names of the entries in content/references.yml"
REFERENCES = Words("reference", "references")
# A number as written in text: "2019", "131 450", "1.5", "10,000".
_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?(?: \d+)*")


def _too_few_references(page: ContentPage[Any], sources: Sources) -> list[ContentProblem]:
    cited = page.item.cited
    if len(cited) >= sources.at_least:
        return []
    label = page.kind.label.one
    needed = "one" if sources.at_least == 1 else f"{sources.at_least} different references"
    if cited:
        what = f"this page cites only {REFERENCES.count(len(cited))} ({', '.join(cited)})"
    else:
        what = f"this {label} cites no source"
    return [
        page.doc.problem(
            (sources.field,),
            f"{what}; each {label} needs at least {needed}",
            f"{sources.add_one} ({KEYS_ARE})",
            key=True,
        )
    ]


def _beside(page: ContentPage[Any], keys_at: tuple[str | int, ...]) -> list[TextAt]:
    """The text written beside a `citations` list: the fields of its YAML mapping."""
    mapping = keys_at[:-1]
    return [
        (where, text)
        for where, text in (*page.item.headings(), *page.item.body())
        if len(where) == len(keys_at) and where[:-1] == mapping
    ]


def _uncited_figures(
    page: ContentPage[Any], sources: Sources, emergency_number: str
) -> list[ContentProblem]:
    """Each part (a section) without citations that states a figure: one problem, at its first
    figure."""
    problems = []
    for keys_at, keys in page.item.citation_lists():
        if keys:
            continue
        found = next(
            (
                (where, sentence, figure.group(0))
                for where, text in _beside(page, keys_at)
                for sentence in sentences(text)
                for figure in _FIGURE.finditer(sentence)
                if figure.group(0) != emergency_number
            ),
            None,
        )
        if found is None:
            continue
        where, sentence, figure = found
        problems.append(
            page.doc.problem(
                where,
                f'"{figure}" is a figure in a {sources.part} that cites no source, in the '
                f'sentence: "{sentence}"',
                "add the key of the source that states it (from content/references.yml) to "
                f"this {sources.part}'s 'citations', or leave the figure out",
                near=sentence,
            )
        )
    return problems


def _uncited_references(content: SiteContent) -> list[ContentProblem]:
    doc = content.references_doc
    cited = set(content.cited_keys())
    citing = CONTENT_TYPES.sources()
    return [
        doc.problem(
            (key,),
            f"the reference '{key}' is not cited by any "
            f"{listed([s.cited_by for s in citing], 'or')}, so it is not published",
            "nothing else is needed if its page was deleted; to tidy up, delete it from "
            "references.yml, or add its key to the 'citations' of the "
            f"{listed([s.part for s in citing], 'or')} it supports",
            key=True,
        ).as_warning()
        for key in content.references
        # Not the library's sources of pages a site turns off: nothing for the clinic to tidy.
        if key not in cited and not is_library_file(doc.file_at((key,)))
    ]


def check_citations(content: SiteContent) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for kind in CONTENT_TYPES:
        if kind.sources is None:
            continue
        for page in content.of(kind):
            problems += _too_few_references(page, kind.sources)
            if kind.sources.figures:
                problems += _uncited_figures(page, kind.sources, content.clinic.emergency_number)
    problems.extend(_uncited_references(content))
    return problems
