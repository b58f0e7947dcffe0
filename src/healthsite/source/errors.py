"""Content errors: what clinic staff see when a YAML file is wrong.

Every problem found in `content/` becomes a `ContentProblem` that names the file, the line and
column, the field, what is wrong and what to write instead. Problems are collected, not raised one
by one, so a single run reports all of them.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with the content, located as precisely as the YAML allows."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def as_warning(self) -> ContentProblem:
        """The same problem, reported as a warning (it does not stop the build)."""
        return dataclasses.replace(self, severity=Severity.WARNING)

    @property
    def where(self) -> str:
        """The file, with line and column when known: "content/faq.yml:12:5"."""
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def format(self) -> str:
        head = f"{self.where}: {self.severity.value}"
        if self.field:
            head += f" in '{self.field}'"
        text = f"{head}: {self.message}"
        if self.hint:
            text += f"\n    How to fix: {self.hint}"
        return text


def format_field(path: Sequence[str | int]) -> str:
    """Turn a location like ('evidence', 0, 'citations') into 'evidence[0].citations'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class ContentErrors(Exception):
    """Raised when content cannot be built into a site; carries every problem found."""

    problems: list[ContentProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.format())

    def format(self) -> str:
        return format_problems(self.problems)


# Past this many problems in one file, the rest are counted, not listed: a file pasted from the
# wrong place can hold thousands, and nobody reads past the first screen.
MAX_SHOWN_PER_FILE = 25


def format_problems(problems: Iterable[ContentProblem]) -> str:
    """Every problem, in file and line order, at most `MAX_SHOWN_PER_FILE` per file (then a count
    of the rest), and a summary line with the totals."""
    items = sorted(problems)
    errors = sum(1 for p in items if p.severity is Severity.ERROR)
    warnings = len(items) - errors
    lines = []
    for file, group in itertools.groupby(items, key=lambda p: p.file):
        in_file = list(group)
        lines += [p.format() for p in in_file[:MAX_SHOWN_PER_FILE]]
        rest = len(in_file) - MAX_SHOWN_PER_FILE
        if rest > 0:
            lines.append(
                f"{file}: {rest} more problem{'s' if rest != 1 else ''} not shown; fix the ones "
                "above and run the check again"
            )
    summary = []
    if errors:
        summary.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        summary.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if summary:
        lines.append("Content check: " + ", ".join(summary) + ".")
    return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """Show a path relative to the project when possible: shorter and what staff recognise. A
    link is shown where it is (docs/notes.txt), not where it points."""
    base = Path.cwd() / (root if root is not None else Path.cwd())
    absolute = Path(os.path.normpath(Path.cwd() / path))  # ".." resolved, links not followed
    try:
        return absolute.relative_to(os.path.normpath(base)).as_posix()  # content/benefits/x.yml
    except ValueError:
        pass
    # Only then are links in the folders followed (each step a look at the disk).
    real = Path(os.path.realpath(absolute.parent)) / absolute.name
    try:
        return real.relative_to(os.path.realpath(base)).as_posix()
    except ValueError:
        return str(path)
