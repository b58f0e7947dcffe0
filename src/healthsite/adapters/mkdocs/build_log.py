"""What of the site builder's log a person fixing a page needs to read: each warning or error
as its message alone, with any Python traceback cut to its last line (the call stack means
nothing to a clinic; "UndefinedError: 'x' is undefined" does).

`healthsite build` prints the records this way while MkDocs runs (`printing_warnings`); the
live preview's error page shows them this way (`healthsite.adapters.mkdocs.preview`). No MkDocs
import: records
are plain `logging` records, whichever builder logged them.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

TRACEBACK_START = "Traceback (most recent call last):"
# The content's own warnings and errors (a review due soon, an image too large): a logger outside
# MkDocs' own, so that a warning does not abort `mkdocs build --strict`.
content_log = logging.getLogger("healthsite.content")
# mkdocs-macros puts the traceback of a failed macro inside its message, in a Markdown code
# fence; the fence lines alone mean nothing outside Markdown.
_FENCE = "```"


def readable(message: str) -> str:
    """`message` with each traceback in its text cut to its last line (the exception) and
    Markdown code-fence lines dropped."""
    kept: list[str] = []
    in_traceback = False
    for line in message.splitlines():
        if line.startswith(TRACEBACK_START):
            in_traceback = True
            continue
        if in_traceback and line.startswith((" ", "\t")):
            continue  # a frame of the call stack
        in_traceback = False
        if line.strip() == _FENCE:
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def describe(record: logging.LogRecord) -> str:
    """The record's message (and the last line of an exception logged with it), readable."""
    text = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        text += "\n" + traceback.format_exception_only(record.exc_info[1])[-1]
    return readable(text)


class _Printer(logging.Handler):
    """Prints each record of WARNING or above on the standard error of the moment (so a test's
    capture sees it too)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = describe(record)
            if text:
                print(text, file=sys.stderr)
        except Exception:  # what logging's own handlers do when a record cannot be written
            self.handleError(record)


@contextmanager
def printing_warnings() -> Iterator[None]:
    """While the block runs, print every warning and error logged in this process (MkDocs',
    its plugins', this package's), each once, as `describe` words it; INFO and DEBUG records
    are not printed. The handler sits on the root logger, which every logger passes its
    records on to (none of MkDocs' does otherwise outside MkDocs' own command), so each record
    is printed once, and Python's last-resort handler prints nothing more."""
    handler = _Printer()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
