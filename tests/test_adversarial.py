"""Hostile input never hangs a check: runs of "[" or "*a ", thousands of short sentences with a
forbidden word, deep nesting and the rest of scripts/bench_adversarial.py. Every check is meant
to take time in proportion to its input, so each case is timed (CPU time) at two small sizes,
n and 4n: a check gone quadratic takes about 16 times as long at 4n, a linear one about 4 times.
The timing at the size limits, with a 60-second limit per case, is `make bench-checks` (CI runs
it in a job of its own), not part of the tests: it takes minutes. Small examples pin what the
checks say about such input."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scripts import bench_adversarial as bench

from healthsite.rules.plain_text import located_sentences, sentences
from healthsite.rules.settings import DEFAULT_FORBIDDEN
from healthsite.rules.wording import find_overclaims
from healthsite.source.errors import MAX_SHOWN_PER_FILE, ContentProblem, format_problems
from healthsite.source.project_files import MAX_PAGE_BYTES
from healthsite.source.yaml_source import MAX_FILE_BYTES, Position, YamlDocument

from .conftest import FIXTURE_CONTENT

# The two sizes, in bytes of the hostile file: small enough for the whole table to take seconds.
SMALL = 4 * 1024
LARGE = 4 * SMALL
# Linear checks measure about 1 to 4.5 times as long at LARGE as at SMALL (a fixed part of the
# work does not grow); quadratic ones, about 16 times. Between the two, with room for noise.
MAX_GROWTH = 8.0
# Below this much CPU time at LARGE a case is too quick to time reliably, and cannot hang: even
# growing as the square of its size it would take 0.25 s x (256 KiB / 16 KiB)^2 = 64 s at the
# limit, about the full benchmark's limit per case.
TOO_QUICK_TO_TIME = 0.25
# The full benchmark's limit per case at the size limit, for the extrapolation below.
CASE_LIMIT_SECONDS = 60
TRIES = 3  # a case that looks too slow is timed again (the least time counts): noise is one-off


# The small fixture content (two topics): the rest of a site adds the same fixed time to both
# sizes, which only blurs the growth measured (the full benchmark uses a whole example site).
CONTENT = FIXTURE_CONTENT


def cpu_seconds(case: str, workdir: Path, size: int) -> tuple[int, float]:
    result = bench.run_case(case, workdir, size, CONTENT)
    return result.size, result.seconds


def test_every_case_is_listed_and_the_table_is_large() -> None:
    assert len(bench.CASES) >= 40
    assert len(set(bench.CASES)) == len(bench.CASES)


@pytest.mark.parametrize("case", bench.CASES)
def test_no_check_grows_faster_than_its_input(case: str, tmp_path: Path) -> None:
    """Time at 4n over time at n stays well under 16 (the square of 4); and the growth seen,
    carried on to the size limit, stays within the full benchmark's limit per case."""
    limit = MAX_PAGE_BYTES if case in bench.PAGE_CASES else MAX_FILE_BYTES
    small: list[float] = []
    large: list[float] = []
    for _ in range(TRIES):
        small_size, seconds = cpu_seconds(case, tmp_path, SMALL)
        small.append(seconds)
        large_size, seconds = cpu_seconds(case, tmp_path, LARGE)
        large.append(seconds)
        t_small, t_large = min(small), min(large)
        if t_large < TOO_QUICK_TO_TIME:
            return
        growth = t_large / max(t_small, 1e-6)
        if large_size < 2 * small_size:  # a case capped at a few KiB: no growth to measure
            growth, at_limit = 1.0, t_large
        else:
            # Growth exponent between the sizes (1 for linear, 2 for quadratic), at least 1.
            exponent = max(1.0, math.log(growth) / math.log(large_size / small_size))
            at_limit = t_large * (limit / large_size) ** exponent
        if growth <= MAX_GROWTH and at_limit <= CASE_LIMIT_SECONDS:
            return
    pytest.fail(
        f"{case!r}: {t_small:.3f} s CPU at {small_size} bytes, {t_large:.3f} s at {large_size} "
        f"bytes: {growth:.1f} times as long for {large_size / small_size:.1f} times the input "
        f"(at most {MAX_GROWTH:g}), about {at_limit:.0f} s at the size limit "
        f"(at most {CASE_LIMIT_SECONDS}); run `make bench-checks`",
        pytrace=False,
    )


def test_the_benchmark_prints_a_line_per_case_and_the_worst(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`make bench-checks` in small: every case named, with its size and time, then the worst."""
    cases = [bench.CASES[0], bench.CASES[-1]]
    argv = ["--size", "2048", "--limit", "60"]
    assert bench.main(argv + [arg for case in cases for arg in ("--case", case)]) == 0
    *timed, worst = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[0] for line in timed] == cases
    assert all(" KiB " in line and " s CPU " in line for line in timed)
    assert worst.startswith("Worst case: ")


def test_the_benchmark_stops_a_case_past_its_limit(capsys: pytest.CaptureFixture[str]) -> None:
    """What `make bench-checks` does with a case that hangs: stops it, names it, exits 1."""
    assert bench.main(["--case", bench.CASES[0], "--limit", "0.001"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{bench.CASES[0]:<45} stopped after 0.001 s")
    assert captured.err == f"Too slow: {bench.CASES[0]}\n"


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
