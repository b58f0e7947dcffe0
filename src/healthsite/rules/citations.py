"""Citation rules that the loader does not already enforce.

The models require at least one citation per claim, and the loader reports citation keys that
are not in references.yml. What is left: each benefit page rests on at least two different
sources, and every reference is cited somewhere (an uncited one is usually a typo in a key or a
claim that was deleted, and would otherwise sit unseen in the file).
"""

from __future__ import annotations

from healthsite.errors import ContentProblem
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
        doc.problem(
            (key,),
            f"the reference '{key}' is not cited by any benefit page or FAQ answer",
            "add its key to the 'citations' of the claim or answer it supports, or delete it "
            "from references.yml",
            key=True,
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
