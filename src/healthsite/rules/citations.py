"""Citation rules that the loader does not already enforce.

The models require at least one citation per claim, and the loader reports citation keys that
are not in references.yml. What is left: each benefit page rests on at least two different
sources, and a reference nothing cites is reported. That is a warning, not an error: deleting a
topic's file must be all it takes to remove the topic, and the sources only it cited are then
simply not published (every list of sources and every JSON-LD citation is made from the cited
keys). The warning still shows a typo in a key, or a claim deleted by mistake.
"""

from __future__ import annotations

import dataclasses

from healthsite.errors import ContentProblem, Severity
from healthsite.loader import REFERENCES_FILE, BenefitPage, SiteContent
from healthsite.rules.pages import find_document

MIN_REFERENCES_PER_PAGE = 2


def _too_few_references(page: BenefitPage) -> list[ContentProblem]:
    cited = list(dict.fromkeys(key for claim in page.benefit.research for key in claim.citations))
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


def _uncited_references(content: SiteContent) -> list[ContentProblem]:
    doc = find_document(content, REFERENCES_FILE)
    cited = set(content.cited_keys())
    return [
        dataclasses.replace(
            doc.problem(
                (key,),
                f"the reference '{key}' is not cited by any benefit page or FAQ answer, so it "
                "is not published",
                "nothing else is needed if its page was deleted; to tidy up, delete it from "
                "references.yml, or add its key to the 'citations' of the claim or answer it "
                "supports",
                key=True,
            ),
            severity=Severity.WARNING,
        )
        for key in content.references
        if key not in cited
    ]


def check_citations(content: SiteContent) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for page in content.benefits:
        problems.extend(_too_few_references(page))
    problems.extend(_uncited_references(content))
    return problems
