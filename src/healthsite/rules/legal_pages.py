"""A published legal page needs its block in clinic.yml: the facts only the clinic knows.

The blocks are optional in the schema because a clinic may turn a page off (the plugin's
`privacy_page: false` or `accessibility_page: false`); while the page is on, a missing block is an
error that says both ways out, rather than a page that guesses the clinic's practice.
"""

from __future__ import annotations

from healthsite.model.legal import legal_pages_among
from healthsite.model.loader import SiteContent
from healthsite.rules.settings import RuleSettings
from healthsite.source.errors import ContentProblem


def check_legal_blocks(content: SiteContent, settings: RuleSettings) -> list[ContentProblem]:
    doc = content.clinic_doc
    # No line: the block is missing, and it may go anywhere in the file.
    return [
        ContentProblem(
            doc.file,
            0,
            0,
            page.key,
            f"the site publishes the {page.title.lower()} "
            f"(/{settings.addresses.address(page.source_path)}), which needs the "
            f"'{page.key}:' block in clinic.yml",
            f"add the '{page.key}:' block (content/README.md, section 2, lists its fields), or "
            f"turn the page off with '{page.option}: false' under the healthsite plugin in "
            "mkdocs.yml",
        )
        for page in legal_pages_among(settings.legal_pages)
        if page.block(content.clinic) is None
    ]
