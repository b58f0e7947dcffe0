"""The scripts and stylesheets mkdocs.yml adds to every page (`extra_javascript`, `extra_css`)
must be the site's own files: one on another host is blocked by the site's
Content-Security-Policy (which allows scripts and styles from the site itself only), so every
page would carry a request that fails, and the site promises to ask nothing of other hosts."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from healthsite.rules.hand_written_html import is_remote
from healthsite.source.errors import ContentProblem

WHAT = {"extra_javascript": "script", "extra_css": "stylesheet"}


def check_extra_assets(setting: str, entries: Iterable[object]) -> list[ContentProblem]:
    """An error for each entry of `setting` in mkdocs.yml that is not a file of the site."""
    what = WHAT[setting]
    problems = []
    for index, entry in enumerate(entries):
        address = str(entry)
        scheme = urlsplit(address.strip()).scheme.lower()
        if is_remote(address) or scheme in {"data", "javascript"}:
            problems.append(
                ContentProblem(
                    "mkdocs.yml",
                    0,
                    0,
                    f"{setting}[{index}]",
                    f"'{address}' is not a file of this site: the site's Content-Security-Policy "
                    f"blocks a {what} from anywhere else, so every page would ask for it in vain "
                    "(and the site promises readers it sends nothing to other companies)",
                    f"save the {what} in docs/assets/ and list its path here (such as "
                    f"assets/{'javascripts/x.js' if what == 'script' else 'stylesheets/x.css'}), "
                    "or delete the line",
                )
            )
    return problems
