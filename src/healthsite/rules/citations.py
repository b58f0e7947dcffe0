"""Citation rules that the loader does not already enforce.

The models require at least one citation per claim, and the loader reports citation keys that
are not in references.yml. What is left: each benefit page rests on at least two different
sources, and a reference nothing cites is reported. That is a warning, not an error: deleting a
topic's file must be all it takes to remove the topic, and the sources only it cited are then
simply not published (every list of sources and every JSON-LD citation is made from the cited
keys). The warning still shows a typo in a key, or a claim deleted by mistake.

Guide pages (safety, costs, where to get help) mix facts with plain advice, so a section may
cite nothing. But each guide page rests on at least one source, and a section that states a
figure (a phone number, a date, a count, a share) must cite where it comes from: figures are
the facts that go out of date, and a reader must be able to check them. The emergency number
is the one figure every page may state without a source.
"""

from __future__ import annotations

import re

from healthsite.model.library import is_library_file
from healthsite.model.loader import SiteContent
from healthsite.model.registry import BENEFITS, GUIDES, ContentPage
from healthsite.model.schema import Benefit, Guide
from healthsite.rules.plain_text import sentences
from healthsite.source.errors import ContentProblem

MIN_REFERENCES_PER_PAGE = 2
# A number as written in text: "2019", "131 450", "1.5", "10,000".
_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?(?: \d+)*")


def _too_few_references(page: ContentPage[Benefit]) -> list[ContentProblem]:
    cited = page.item.cited
    if len(cited) >= MIN_REFERENCES_PER_PAGE:
        return []
    listed = ", ".join(cited)
    return [
        page.doc.problem(
            ("research",),
            f"this page cites only {len(cited)} reference ({listed}); each benefit page needs "
            f"at least {MIN_REFERENCES_PER_PAGE} different references",
            "add another study to a claim's 'citations' list (keys are the names of the "
            "entries in content/references.yml)",
            key=True,
        )
    ]


def _uncited_guide(page: ContentPage[Guide]) -> list[ContentProblem]:
    if page.item.cited:
        return []
    return [
        page.doc.problem(
            ("sections",),
            "this guide page cites no source; each guide page needs at least one",
            "add the keys of the sources its facts come from to the 'citations' of the "
            "sections that state them (keys are the names of the entries in "
            "content/references.yml)",
            key=True,
        )
    ]


def _uncited_figures(page: ContentPage[Guide], emergency_number: str) -> list[ContentProblem]:
    """Each section without citations that states a figure: one problem, at its first figure."""
    problems = []
    for i, section in enumerate(page.item.sections):
        if section.citations:
            continue
        passages = [("heading", section.heading), ("text", section.text)]
        found = next(
            (
                (name, sentence, figure.group(0))
                for name, text in passages
                for sentence in sentences(text)
                for figure in _FIGURE.finditer(sentence)
                if figure.group(0) != emergency_number
            ),
            None,
        )
        if found is None:
            continue
        name, sentence, figure = found
        problems.append(
            page.doc.problem(
                ("sections", i, name),
                f'"{figure}" is a figure in a section that cites no source, in the sentence: '
                f'"{sentence}"',
                "add the key of the source that states it (from content/references.yml) to "
                "this section's 'citations', or leave the figure out",
                near=sentence,
            )
        )
    return problems


def _uncited_references(content: SiteContent) -> list[ContentProblem]:
    doc = content.references_doc
    cited = set(content.cited_keys())
    return [
        doc.problem(
            (key,),
            f"the reference '{key}' is not cited by any benefit page, guide page or FAQ "
            "answer, so it is not published",
            "nothing else is needed if its page was deleted; to tidy up, delete it from "
            "references.yml, or add its key to the 'citations' of the claim, section or "
            "answer it supports",
            key=True,
        ).as_warning()
        for key in content.references
        # Not the library's sources of pages a site turns off: nothing for the clinic to tidy.
        if key not in cited and not is_library_file(doc.file_at((key,)))
    ]


def check_citations(content: SiteContent) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for page in content.of(BENEFITS):
        problems.extend(_too_few_references(page))
    for guide in content.of(GUIDES):
        problems.extend(_uncited_guide(guide))
        problems.extend(_uncited_figures(guide, content.clinic.emergency_number))
    problems.extend(_uncited_references(content))
    return problems
