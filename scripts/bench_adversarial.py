"""How long the content checks take on hostile input at the size limits: `make bench-checks`.

Each case fills one place a clinic writes text with ~256 KiB of input made to trip a parser
(long runs of "[" or "*a ", thousands of short sentences with a forbidden word, deep nesting, look-
alike letters, ...), then times, in CPU seconds, what `healthsite check` and the build do with
it: loading and validating the content, every health-content rule, formatting the messages and
rendering the field to HTML (or, for a page in docs/, the folder walk and the wording rule).
Every step is meant to be linear in its input, so no case should take more than a few seconds;
the worst case is printed last.

Usage: .venv/bin/python scripts/bench_adversarial.py [--case NAME ...] [--limit SECONDS] [--list]
With --limit, each case runs in a process of its own, and one that runs longer is killed and
reported, and the exit status is 1 (`make bench-checks` runs every case this way, as a guard
against hangs; tests/test_adversarial.py times every case at small sizes).
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing
import os
import shutil
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path

from healthsite.model.loader import load_content
from healthsite.model.page_addresses import DIRECTORY_ADDRESSES
from healthsite.render.sharing import ShareCard, render_share_image
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.hand_written import MarkdownSetup, check_hand_written_pages
from healthsite.source.errors import ContentErrors, ContentProblem, format_problems
from healthsite.source.markup import markdown_to_html
from healthsite.source.project_files import MAX_PAGE_BYTES, check_folder
from healthsite.source.yaml_source import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# The example site's content when the fixture has one, else the plain fixture content folder.
CONTENT = next(
    (p for p in (FIXTURES / "sites" / "example" / "content", FIXTURES / "content") if p.is_dir()),
    FIXTURES / "content",
)
BENEFIT = "benefits/stress.yml"
TODAY = date(2026, 11, 25)


def _fill(unit: str, size: int) -> str:
    return unit * (size // len(unit.encode("utf-8")))


def _lines(line: Callable[[int], str], size: int) -> str:
    """Numbered lines, as many as fit in `size` bytes."""
    lines, total = [], 0
    for i in range(size):
        text = line(i)
        if total + len(text) > size:
            break
        lines.append(text)
        total += len(text)
    return "".join(lines)


def _nested_list(size: int) -> str:
    lines, total, depth = [], 0, 0
    while total < size:
        line = "  " * depth + "- cures\n"
        lines.append(line)
        total += len(line)
        depth = (depth + 1) % 400
    return "".join(lines)


# Text for one Markdown field (a benefit page's summary), as a function of its size in bytes.
FIELD_CASES: dict[str, Callable[[int], str]] = {
    "run of [": lambda n: _fill("[", n),
    "run of ![": lambda n: _fill("![", n),
    "run of [*": lambda n: _fill("[*", n),
    "run of *[": lambda n: _fill("*[", n),
    "run of [`": lambda n: _fill("[`", n),
    "run of ]": lambda n: _fill("]", n),
    "run of *a": lambda n: _fill("*a ", n),
    "run of _a": lambda n: _fill("_a ", n),
    "run of **a": lambda n: _fill("**a", n),
    "run of a_": lambda n: _fill("a_", n),
    "run of a*": lambda n: _fill("a*", n),
    "run of backticks": lambda n: _fill("`", n),
    "run of ` a": lambda n: _fill("` a", n),
    "run of <": lambda n: _fill("<", n),
    "run of <a": lambda n: _fill("<a ", n),
    "run of &#": lambda n: _fill("&#", n),
    "run of entities": lambda n: _fill("pr&#111;ven ", n),
    "run of [a](": lambda n: _fill("[a](", n),
    "run of [](": lambda n: _fill("[](", n),
    "run of backslashes": lambda n: _fill("\\", n),
    "run of (": lambda n: _fill("(", n),
    "autolinks": lambda n: _fill("<https://a.example> ", n),
    "images": lambda n: _fill("![a *b*](c) ", n),
    "short sentences with a forbidden word": lambda n: _fill("It cures. ", n),
    "one sentence of negated forbidden words": lambda n: _fill("no cure, no cure ", n),
    "one sentence of forbidden words": lambda n: _fill("proven ", n),
    "one long sentence": lambda n: _fill("massage ", n),
    "many short lines": lambda n: _fill("a\n", n),
    "list items with a forbidden word": lambda n: _fill("- cures\n", n),
    "deeply nested list": _nested_list,
    "deep block quote": lambda n: _fill("> ", n - 8) + "cures",
    "soft hyphens inside words": lambda n: _fill("pro\u00adven ", n),
    "short sentences with a hidden forbidden word": lambda n: _fill("It cu\u00adres. ", n),
    "look-alike letters": lambda n: _fill("\u0441ure ", n),
    "stray combining marks": lambda n: _fill("a\u0301\u0336", n),
    "pasted HTML": lambda n: _fill("<b>x</b> ", n),
}

# Text for a whole hand-written page in docs/ (raw HTML allowed there).
PAGE_CASES: dict[str, Callable[[int], str]] = {
    "page: run of [": lambda n: _fill("[", n),
    "page: run of [*": lambda n: _fill("[*", n),
    "page: run of <": lambda n: _fill("<", n),
    "page: run of <a": lambda n: _fill("<a ", n),
    "page: run of <!--": lambda n: _fill("<!--", n),
    "page: run of </": lambda n: _fill("</", n),
    "page: HTML blocks": lambda n: _fill("<div>\ncu<b>res</b>\n</div>\n\n", n),
    "page: short sentences with a forbidden word": lambda n: _fill("It cures. ", n),
    "page: short sentences with a hidden forbidden word": lambda n: _fill("It c<b></b>ures. ", n),
    "page: many lines": lambda n: _fill("It cures\n", n),
}

_SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"'


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def _huge_picture() -> str:
    """An <image> holding the start of a PNG that says it is 100,000 x 100,000 pixels: a few
    dozen bytes, which the check reads the size of without decoding (and refuses)."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", b"")
    data = base64.b64encode(png).decode("ascii")
    return f'<image width="1" height="1" href="data:image/png;base64,{data}"/>'


# A drawing a hand-written page shows (docs/assets/drawing.svg, shown with ![…](…)), which the
# page check reads for its size and its safety (healthsite.source.svg_safety).
_RECT = '<rect width="1"/>'
_ESCAPED_URL = "u\\72l(#a) "
SVG_CASES: dict[str, Callable[[int], str]] = {
    "svg: a long number as its width": lambda n: (
        _SVG_HEAD + ' width="' + "1" * max(1, n - 80) + 'x"></svg>'
    ),
    "svg: many shapes": lambda n: _SVG_HEAD + ">" + _fill(_RECT, n - 80) + "</svg>",
    "svg: CSS full of escapes and urls": lambda n: (
        _SVG_HEAD + "><style>" + _fill(_ESCAPED_URL, n - 100) + "</style></svg>"
    ),
    "svg: many processing instructions": lambda n: _fill("<?x y?>", n - 80) + _SVG_HEAD + "/>",
    "svg: CSS full of unclosed url(": lambda n: (
        _SVG_HEAD + "><style>" + _fill("url(", n - 100) + "</style></svg>"
    ),
    "svg: CSS full of @import": lambda n: (
        _SVG_HEAD + "><style>" + _fill("@import ", n - 100) + "</style></svg>"
    ),
    "svg: CSS blocks nested deep": lambda n: (
        _SVG_HEAD + "><style>a{b:" + _fill("(", n - 100) + "}</style></svg>"
    ),
    "svg: @media nested deep": lambda n: (
        _SVG_HEAD + "><style>" + _fill("@media x{", n - 100) + "</style></svg>"
    ),
    "svg: many declarations": lambda n: (
        _SVG_HEAD + ' style="' + _fill("fill:url(#a);", n - 100) + '"></svg>'
    ),
    "svg: elements nested deep": lambda n: (
        _SVG_HEAD + ">" + _fill("<g>", (n - 100) // 2) + _fill("</g>", (n - 100) // 2) + "</svg>"
    ),
    "svg: pictures embedded that claim a huge size": lambda n: (
        _SVG_HEAD + ">" + _fill(_huge_picture(), n - 100) + "</svg>"
    ),
    "svg: many elements of other vocabularies": lambda n: (
        _SVG_HEAD + ' xmlns:h="http://www.w3.org/1999/xhtml">' + _fill("<h:b/>", n - 120) + "</svg>"
    ),
}

# A whole content file (benefits/stress.yml) of hostile YAML.
YAML_CASES: dict[str, Callable[[int], str]] = {
    "yaml: run of [": lambda n: "a: " + _fill("[", n - 3),
    "yaml: run of {": lambda n: "a: " + _fill("{", n - 3),
    "yaml: nested block lists": lambda n: _fill("- ", n),
    "yaml: many unknown fields": lambda n: _lines(lambda i: f"k{i}: v\n", n),
    "yaml: long plain scalar": lambda n: "summary: " + _fill("word ", n - 10),
    "yaml: run of quotes": lambda n: "a: " + _fill("'", n - 3),
    "yaml: many flow items": lambda n: "a: [" + _fill("x, ", n - 6) + "]",
    "yaml: huge number": lambda n: "order: " + _fill("9", min(n - 7, 5000)),
}

# A page title drawn into its share image (a hand-written page's title may be any length).
SHARE_CASES: dict[str, Callable[[int], str]] = {
    "share image: a long title": lambda n: _fill("Remedial massage ", n),
    "share image: one long word as its title": lambda n: "M" * n,
}

CASES = [*FIELD_CASES, *PAGE_CASES, *SVG_CASES, *YAML_CASES, *SHARE_CASES]


@dataclass(frozen=True)
class Result:
    case: str
    size: int
    seconds: float  # CPU time of the process
    problems: int


def _as_literal_block(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in text.split("\n"))


def _field_file(text: str, content: Path = CONTENT) -> str:
    """The benefit file with its summary replaced by `text`, kept within the file size limit."""
    original = (content / BENEFIT).read_text(encoding="utf-8")
    head, _, rest = original.partition("summary:")
    tail = rest[rest.index("\nresearch:") :]
    return f"{head}summary: |-\n{_as_literal_block(text)}{tail}"


def _field_text(case: str, size: int = MAX_FILE_BYTES, content: Path = CONTENT) -> str:
    """The largest text of `case` whose file still fits in `size` bytes (at most the file size
    limit, MAX_FILE_BYTES)."""
    budget = min(size, MAX_FILE_BYTES) - len(_field_file("", content).encode("utf-8"))
    text = FIELD_CASES[case](budget)
    while len(_field_file(text, content).encode("utf-8")) > MAX_FILE_BYTES:
        budget -= 1024
        text = FIELD_CASES[case](budget)
    return text


# The example site's Markdown extensions (mkdocs.yml), which the page check renders with.
PAGE_MARKDOWN = MarkdownSetup(
    extensions=["attr_list", "admonition", "md_in_html", "toc", "tables", "pymdownx.details"]
)


def _check(project: Path) -> list[ContentProblem]:
    """What `healthsite check` does: load and validate, then every rule."""
    try:
        content = load_content(project / "content", project, library=None)
    except ContentErrors as exc:
        return exc.problems
    settings = RuleSettings(today=TODAY)
    return check_rules(content, settings, (project / "docs", project))


def run_case(case: str, workdir: Path, size: int | None = None, content: Path = CONTENT) -> Result:
    """Time `case` filled to the size limit, or to about `size` bytes (the hostile file: the
    benefit file holding the field, the page or the YAML file), in a copy of `content`."""
    project = workdir / "project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(content, project / "content")
    (project / "docs").mkdir()
    target = project / "content" / BENEFIT
    field = ""
    if case in FIELD_CASES:
        field = _field_text(case, size or MAX_FILE_BYTES, content)
        target.write_text(_field_file(field, content), encoding="utf-8")
    elif case in PAGE_CASES:
        target = project / "docs" / "adversarial.md"
        target.write_text(PAGE_CASES[case](min(size or MAX_PAGE_BYTES, MAX_PAGE_BYTES)), "utf-8")
    elif case in SHARE_CASES:
        title = SHARE_CASES[case](size or MAX_PAGE_BYTES)
        started = time.process_time()
        render_share_image(ShareCard(title, "Clinic", "#ffffff", "#000000"))
        return Result(case, len(title.encode("utf-8")), time.process_time() - started, 0)
    elif case in SVG_CASES:
        (project / "docs" / "adversarial.md").write_text("![A drawing](drawing.svg)\n", "utf-8")
        target = project / "docs" / "drawing.svg"
        target.write_text(SVG_CASES[case](min(size or MAX_PAGE_BYTES, MAX_PAGE_BYTES)), "utf-8")
    else:
        target.write_text(YAML_CASES[case](min(size or MAX_FILE_BYTES, MAX_FILE_BYTES)), "utf-8")
    size = target.stat().st_size
    started = time.process_time()
    if case in PAGE_CASES or case in SVG_CASES:
        # Everything `healthsite check` reads a hand-written page for: the file walk, the
        # content rules that read docs/ (wording, spelling, safety advice) and the page check.
        problems = check_folder(project / "docs", project)
        problems += _check(project)
        problems += check_hand_written_pages(
            project / "docs", project, PAGE_MARKDOWN, addresses=DIRECTORY_ADDRESSES
        )
    else:
        problems = _check(project)
    format_problems(problems)
    if field:
        markdown_to_html(field)  # what the build does with the field
    return Result(case, size, time.process_time() - started, len(problems))


# How long a child has to start (import the engine) before its case's time begins.
START_SECONDS = 120.0


def _run_in_child(case: str, workdir: str, size: int | None, conn: Connection) -> None:
    """The child's side of `run_limited`: say it is ready, then run the case and send the result."""
    conn.send("ready")
    conn.send(run_case(case, Path(workdir), size))
    conn.close()


def run_limited(case: str, workdir: Path, size: int | None, seconds: float) -> Result | None:
    """Run `case` in a child process and kill it once it has run for `seconds` of wall time
    (counted from when the child has started, not including its imports): None if it was
    stopped. A child process, not an alarm in this one, because a signal's exception can be
    lost (raised inside a finaliser, or caught by a library's `except Exception`) or wait for
    the end of a long call into C, and a hang is exactly what this must stop."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that has threads
    parent, child = context.Pipe(duplex=False)
    workdir.mkdir(parents=True, exist_ok=True)
    process = context.Process(target=_run_in_child, args=(case, str(workdir), size, child))
    process.start()
    child.close()
    try:
        if not parent.poll(START_SECONDS) or parent.recv() != "ready":
            raise RuntimeError(f"the child process for {case!r} did not start")
        if parent.poll(seconds):
            result: Result = parent.recv()
            return result
        return None
    except EOFError:
        raise RuntimeError(f"the child process for {case!r} ended without a result") from None
    finally:
        process.kill()
        process.join()
        parent.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=CASES, help="run only this case")
    parser.add_argument("--limit", type=float, default=0, help="stop a case after SECONDS")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument(
        "--size", type=int, default=None, help="fill each case to about SIZE bytes, not the limit"
    )
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(CASES))
        return 0
    os.environ.setdefault("HEALTHSITE_TODAY", TODAY.isoformat())
    results: list[Result] = []
    too_slow: list[str] = []
    with tempfile.TemporaryDirectory(prefix="healthsite-bench-") as tmp:
        for number, case in enumerate(args.case or CASES):
            if args.limit:
                limited = run_limited(case, Path(tmp) / f"case-{number}", args.size, args.limit)
                if limited is None:
                    too_slow.append(case)
                    print(f"{case:<45} stopped after {args.limit:g} s", flush=True)
                    continue
                result = limited
            else:
                result = run_case(case, Path(tmp), args.size)
            results.append(result)
            print(
                f"{case:<45} {result.size / 1024:6.0f} KiB {result.seconds:7.2f} s CPU "
                f"{result.problems:6d} problems",
                flush=True,
            )
    if results:
        worst = max(results, key=lambda r: r.seconds)
        print(f"Worst case: {worst.case} ({worst.seconds:.2f} s CPU for {worst.size} bytes)")
    if too_slow:
        print("Too slow: " + ", ".join(too_slow), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
