"""What of MkDocs' log a person fixing a page needs to read.

Used by `healthsite build` (for the terminal) and by the live preview's error page.
"""

from __future__ import annotations


def build_report(log: str) -> str:
    """MkDocs' log without the INFO chatter and with Python tracebacks cut to their last line:
    a person fixing a page needs the message, not the call stack."""
    kept: list[str] = []
    skipping = False  # inside a traceback or an INFO message's indented continuation lines
    for line in log.splitlines():
        if line.startswith(("Traceback (most recent call last):", "INFO")):
            skipping = True
            continue
        if skipping:
            if line.startswith((" ", "\t")):
                continue
            skipping = False
        if line.strip() == "```":
            continue
        kept.append(line)
    return "\n".join(kept).strip()
