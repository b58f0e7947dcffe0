"""Hostile input never hangs a check: runs of "[" or "*a ", thousands of short sentences with a
forbidden word, deep nesting and the rest of scripts/bench_adversarial.py, each at the size
limit. The guard is a generous time limit (a hang, not a speed, is what fails), plus small
examples that pin what the checks say about such input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from healthsite.errors import MAX_SHOWN_PER_FILE, ContentProblem, format_problems
from healthsite.rules.settings import DEFAULT_FORBIDDEN
from healthsite.rules.text import located_sentences, sentences
from healthsite.rules.wording import find_overclaims
from healthsite.yaml_source import Position, YamlDocument

from .conftest import REPO

BENCH = REPO / "scripts" / "bench_adversarial.py"
# Each case takes a few seconds of CPU when the checks are linear; a quadratic one takes minutes.
CASE_LIMIT_SECONDS = 60


def bench_cases() -> list[str]:
    listed = subprocess.run(
        [sys.executable, str(BENCH), "--list"], capture_output=True, text=True, check=True
    )
    return listed.stdout.split("\n")[:-1]


@pytest.mark.slow
def test_no_hostile_input_at_the_size_limit_hangs_a_check() -> None:
    cases = bench_cases()
    assert len(cases) >= 40
    result = subprocess.run(
        [sys.executable, str(BENCH), "--limit", str(CASE_LIMIT_SECONDS)],
        capture_output=True,
        text=True,
        timeout=CASE_LIMIT_SECONDS * len(cases) + 120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    *timed, worst = result.stdout.splitlines()
    assert [line.split("  ")[0] for line in timed] == cases
    assert all(" KiB " in line and " s CPU " in line for line in timed)
    assert worst.startswith("Worst case: ")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[" * 5000, ["[" * 5000]),
        ("*a " * 2000, [("*a " * 2000).strip()]),  # emphasis never closed is shown as written
        ("pr&#111;ven cu*res*", ["proven cures"]),
        # Past the nesting limit the renderer shows nothing, so there is nothing to check.
        ("> " * 500 + "deep", []),
        ("> " * 15 + "deep", ["deep"]),
    ],
)
def test_hostile_markdown_is_read_as_the_reader_sees_it(markdown: str, expected: list[str]) -> None:
    assert sentences(markdown) == expected


def test_thousands_of_sentences_are_each_found_with_their_line() -> None:
    markdown = "It cures.\n" * 3000
    claims = find_overclaims(markdown, DEFAULT_FORBIDDEN)
    assert len(claims) == 3000
    assert [c.line for c in claims[:3]] == [0, 1, 2]
    assert [s.line for s in located_sentences("One.\nTwo. Three.\n\nFour.")] == [0, 1, 1, 3]


def test_positions_of_many_sentences_come_from_one_index() -> None:
    text = "summary: |-\n" + "".join(f"  Sentence number w{i} here.\n" for i in range(5000))
    doc = YamlDocument(file="t.yml", text=text)
    doc.values[("summary",)] = Position(1, 10)
    problems = [
        doc.problem(("summary",), "m", near=f"Sentence number w{i} here.") for i in range(5000)
    ]
    assert [p.line for p in problems[:3]] == [2, 3, 4]
    assert problems[-1].line == 5001


def test_problems_past_the_cap_are_counted_not_listed() -> None:
    problems = [ContentProblem("content/a.yml", i, 1, "", "bad") for i in range(1, 41)]
    problems.append(ContentProblem("content/b.yml", 1, 1, "", "bad"))
    lines = format_problems(problems).splitlines()
    assert len([line for line in lines if line.startswith("content/a.yml:")]) == (
        MAX_SHOWN_PER_FILE + 1
    )
    assert f"content/a.yml: {40 - MAX_SHOWN_PER_FILE} more problems not shown; fix the ones " in (
        "\n".join(lines)
    )
    assert lines[-1] == "Content check: 41 errors."
