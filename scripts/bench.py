"""Build speed against plain Material: `make bench`.

Generates projects of 10, 50, 200 and 1,000 benefit pages in a temporary folder (the example
clinic site in tests/fixtures/sites/example, its five topics copied round-robin into numbered
pages, with this project's overrides/; built on the fixture's date without the content library,
as the tests build it), and for each builds, in one run with the runs interleaved:

- **healthsite**: `healthsite build`, what `make site` runs (content check, MkDocs with the
  healthsite and macros plugins, the safe swap into the site folder);
- **plain**: `mkdocs build` of a plain MkDocs + Material project with the same mkdocs.yml theme,
  features and Markdown extensions but without the healthsite and macros plugins, whose docs/
  holds the Markdown healthsite produced for each page (macros already expanded), so both builds
  render the same page text (scripts/bench_export_hook.py exports it).

It prints the median wall time, peak memory (of the build's whole process tree: the sum of its
processes' resident sets, sampled every 10 ms; and the largest single process's peak resident
set as the kernel reports it) and output size of each, then `make serve`'s
rebuild latency after a YAML edit at 50 pages, and one verdict line per target from issue 11.
It reports; it never fails on a missed target.

Usage: .venv/bin/python scripts/bench.py [--sizes 10,50,200,1000] [--repeat 3] [--serve-pages 50]
       [--site DIR (a copy of the example site, mkdocs.yml changed)] [--json FILE] [--keep DIR]
(`make bench BENCH_ARGS="..."`; `make bench BUILDER=properdocs` measures ProperDocs instead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from healthsite.adapters.mkdocs import builder
from healthsite.model.kinds.benefit import Benefit
from healthsite.model.library import LIBRARY_VARIABLE
from healthsite.render.theme_files import THEME_DIR

REPO = Path(__file__).resolve().parent.parent
# A frozen full example clinic site (mkdocs.yml, docs/, content/ with five topics and a long FAQ),
EXAMPLE_SITE = REPO / "tests" / "fixtures" / "sites" / "example"
EXPORT_HOOK = Path(__file__).resolve().parent / "bench_export_hook.py"
# The fixture content's review dates are current on this day (the tests use it too).
TODAY = "2026-11-25"
SIZES = (10, 50, 200, 1000)
BUILD_TIMEOUT_S = 600
SERVE_TIMEOUT_S = 180
SAMPLE_INTERVAL_S = 0.01
# Plugins plain Material goes without; everything else in mkdocs.yml is kept.
PROJECT_PLUGINS = ("healthsite", "macros")
# Top-level fields of a benefit file that get a page number, so copies are distinct pages.
NUMBERED_FIELDS = ("title", "nav_title", "description")
# The largest `order` a benefit file may have.
MAX_ORDER = int(Benefit.model_json_schema()["properties"]["order"]["maximum"])

# -- generating projects ---------------------------------------------------------------------


def _top_level_field(text: str, name: str) -> tuple[int, int, object] | None:
    """Where the top-level field `name` is written in `text` (its key line and the indented or
    blank lines under it, such as a `>-` block) and its value."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(f"{name}:"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            start = sum(len(previous) for previous in lines[:i])
            block = "".join(lines[i:j])
            return start, start + len(block), yaml.safe_load(block)[name]
    return None


def _numbered(text: str, number: int) -> str:
    """A benefit file's text with its title, menu name and description numbered and its order
    set, so the copied-page check sees distinct pages; everything else (citations included) is
    left as written."""
    for name in (*NUMBERED_FIELDS, "order"):
        found = _top_level_field(text, name)
        if found is None:
            continue
        start, end, value = found
        if name == "order":  # then by file name, which holds the number
            new: object = min(number, MAX_ORDER)
        elif isinstance(value, str) and value:
            new = f"{value} ({number})"
        else:
            raise ValueError(f"'{name}' should be text")
        text = f"{text[:start]}{name}: {json.dumps(new, ensure_ascii=False)}\n{text[end:]}"
    return text


def generate_project(target: Path, pages: int, *, site: Path = EXAMPLE_SITE) -> Path:
    """A project in `target` with `site`'s mkdocs.yml, docs/ and content/, an empty overrides/
    (as a new clinic's), and `site`'s benefit pages copied round-robin into `pages` numbered
    pages (stress-0001.yml, ...)."""
    content = site / "content"
    sources = sorted((content / "benefits").glob("*.yml"))
    if pages < 1 or not sources:
        raise ValueError("need at least one page and one benefit file to copy")
    target.mkdir(parents=True)
    shutil.copy2(site / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(site / "docs", target / "docs")
    (target / "overrides").mkdir()
    shutil.copytree(content, target / "content", ignore=shutil.ignore_patterns("benefits"))
    benefits = target / "content" / "benefits"
    benefits.mkdir()
    texts = [source.read_text(encoding="utf-8") for source in sources]
    for number in range(1, pages + 1):
        source = sources[(number - 1) % len(sources)]
        text = _numbered(texts[(number - 1) % len(texts)], number)
        (benefits / f"{source.stem}-{number:04d}.yml").write_text(text, encoding="utf-8")
    return target


def build_env() -> dict[str, str]:
    """The environment of every build: the fixture's date, and no content library (the fixture
    site is frozen with every content file it uses, as the tests read it; the library's pages
    change with each review, and would make the measured site change with them)."""
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HEALTHSITE_TODAY": TODAY,
        LIBRARY_VARIABLE: "none",
    }


def make_plain(project: Path, target: Path) -> Path:
    """A plain MkDocs + Material project in `target` with the page text `project` builds to."""
    export = target.parent / f".{target.name}-export"
    hooked = project / "mkdocs.bench-export.yml"
    hooked.write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8")
        + f"\nhooks:\n  - {json.dumps(str(EXPORT_HOOK))}\n",
        encoding="utf-8",
    )
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", builder.NAME, "build", "--strict", "--config-file"]
        result = subprocess.run(
            [*command, str(hooked), "--site-dir", scratch],
            cwd=project,
            env={**build_env(), "HEALTHSITE_BENCH_EXPORT": str(export)},
            capture_output=True,
            text=True,
            check=False,
            timeout=BUILD_TIMEOUT_S,
        )
    hooked.unlink()
    if result.returncode != 0:
        raise RuntimeError(f"exporting {project} failed:\n{result.stdout}{result.stderr}")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(json.loads((export / "config.json").read_text(encoding="utf-8")))
    config["plugins"] = [
        plugin
        for plugin in config.get("plugins", [])
        if (next(iter(plugin)) if isinstance(plugin, dict) else plugin) not in PROJECT_PLUGINS
    ]
    # Only folders that exist in the plain project can be watched.
    config["watch"] = [folder for folder in config.get("watch", []) if folder == "overrides"]
    target.mkdir(parents=True)
    shutil.copytree(export / "docs", target / "docs")
    # The engine's templates and static files (which a healthsite build takes from the package)
    # as plain Material's overrides/, less the macros' partials, then the project's own.
    shutil.copytree(THEME_DIR, target / "overrides", ignore=shutil.ignore_patterns("health"))
    shutil.copytree(project / "overrides", target / "overrides", dirs_exist_ok=True)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.rmtree(export)
    return target


# -- measuring one build ---------------------------------------------------------------------


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants, read from /proc (Linux), without a child that has been
    forked but has not yet run its program: until then it shows a copy of its parent's memory
    (which it shares), so counting it would double the parent (mkdocs-macros forks `git`)."""
    found, queue = [], [(pid, b"")]
    while queue:
        current, parent_command = queue.pop()
        command = _read(f"/proc/{current}/cmdline")
        if command == parent_command:
            continue
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                children = _read(f"{task}/children").split()
                queue += [(int(child), command) for child in children]
        except OSError:
            continue
    return found


def _rss_bytes(pid: int) -> int:
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith(b"VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Run:
    seconds: float
    peak_bytes: int  # the whole process tree at its peak (sum of resident sets, sampled)
    largest_process_bytes: int  # the largest single process's peak RSS (what `time -v` gives)
    cpu_seconds: (
        float  # user + system time of the whole tree: steadier than wall time on a busy machine
    )


def measure(command: Sequence[str], cwd: Path, log: Path) -> Run:
    """Run `command` to completion; its wall time and the peak memory of its process tree."""
    peak = 0
    done = threading.Event()
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=build_env(), stdout=out, stderr=out)

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, sum(_rss_bytes(p) for p in _tree(process.pid)))
                done.wait(SAMPLE_INTERVAL_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            seconds = time.perf_counter() - start
            done.set()
            sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    # ru_maxrss (KiB on Linux): the largest single process of the tree, as the kernel saw it.
    return Run(
        seconds=seconds,
        peak_bytes=peak,
        largest_process_bytes=usage.ru_maxrss * 1024,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def output_size(site: Path) -> tuple[int, int]:
    """Total bytes of every file in `site`, and the number of HTML pages."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


@dataclass
class Variant:
    name: str
    project: Path
    command: Callable[[Path], list[str]]
    runs: list[Run] = field(default_factory=list)
    output_bytes: int = 0
    html_pages: int = 0

    def build_once(self, log: Path) -> None:
        site = self.project / "site"
        shutil.rmtree(site, ignore_errors=True)
        # Every build starts cold, as on CI: no share images drawn by an earlier build.
        shutil.rmtree(self.project / ".cache", ignore_errors=True)
        self.runs.append(measure(self.command(site), self.project, log))
        self.output_bytes, self.html_pages = output_size(site)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(r.peak_bytes for r in self.runs) / 1e6

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def largest_process_mb(self) -> float:
        return statistics.median(r.largest_process_bytes for r in self.runs) / 1e6

    @property
    def per_page_kb(self) -> float:
        return self.output_bytes / max(self.html_pages, 1) / 1e3


def healthsite_command(project: Path) -> Callable[[Path], list[str]]:
    def command(site: Path) -> list[str]:
        cli = [sys.executable, "-m", "healthsite.commands.cli", "--root", str(project)]
        return [*cli, "build", "--site-dir", str(site)]

    return command


def plain_command(project: Path) -> Callable[[Path], list[str]]:
    def command(site: Path) -> list[str]:
        build = [sys.executable, "-m", builder.NAME, "build", "--strict", "--clean"]
        return [*build, "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]

    return command


# -- serve: rebuild latency ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, wanted: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and wanted in body:
            return True
        time.sleep(0.02)
    return False


def serve_latency(project: Path, edit: Callable[[str], None], page: str, edits: int) -> list[float]:
    """Seconds from each edit (made by `edit(marker)`) until `mkdocs serve` serves `page` with
    the marker, as `make serve` runs it. Gives up after SERVE_TIMEOUT_S; stops the server."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    command = [sys.executable, "-m", builder.NAME, "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [*command, "--livereload", "--config-file", str(project / "mkdocs.yml")],
            cwd=project,
            env=build_env(),
            stdout=log,
            stderr=log,
        )
        try:
            if not _wait_for(url, "</html>", time.monotonic() + SERVE_TIMEOUT_S):
                log.seek(0)
                raise RuntimeError(f"mkdocs serve never served {url}:\n{log.read()[-3000:]}")
            latencies = []
            for number in range(1, edits + 1):
                marker = f"Bench edit {number} {time.time_ns()}"
                time.sleep(1.0)  # let the previous rebuild settle
                start = time.perf_counter()
                edit(marker)
                if not _wait_for(url, marker, time.monotonic() + SERVE_TIMEOUT_S):
                    log.seek(0)
                    raise RuntimeError(f"the edit never reached {url}:\n{log.read()[-3000:]}")
                latencies.append(time.perf_counter() - start)
            return latencies
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _set_line(path: Path, name: str, value: str) -> None:
    """Replace the first `name: ...` line of a YAML file or front matter with `value`."""
    text = path.read_text(encoding="utf-8")
    line = f"{name}: {json.dumps(value, ensure_ascii=False)}"
    new, count = re.subn(rf"^{name}:.*$", line, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"{path} has no '{name}:' line to edit")
    path.write_text(new, encoding="utf-8")


def first_benefit(project: Path) -> str:
    return sorted((project / "content" / "benefits").glob("*.yml"))[0].stem


# -- report ----------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({model or platform.machine()}), "
        f"Python {platform.python_version()}, load average at start {load}"
    )


def table(results: dict[int, tuple[Variant, Variant]]) -> str:
    rows = [
        "| Pages | Time healthsite / plain | Ratio | CPU time | Ratio "
        "| Peak memory (all processes) | Ratio | Largest process | Output | Output per page |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for pages, (ours, plain) in sorted(results.items()):
        rows.append(
            f"| {pages:,} | {ours.seconds:.2f} s / {plain.seconds:.2f} s "
            f"| {ours.seconds / plain.seconds:.2f}x "
            f"| {ours.cpu_seconds:.2f} s / {plain.cpu_seconds:.2f} s "
            f"| {ours.cpu_seconds / plain.cpu_seconds:.2f}x "
            f"| {ours.peak_mb:.0f} MB / {plain.peak_mb:.0f} MB "
            f"| {ours.peak_mb / plain.peak_mb:.2f}x "
            f"| {ours.largest_process_mb:.0f} MB / {plain.largest_process_mb:.0f} MB "
            f"| {ours.output_bytes / 1e6:.1f} MB / {plain.output_bytes / 1e6:.1f} MB "
            f"| {ours.per_page_kb:.0f} KB / {plain.per_page_kb:.0f} KB |"
        )
    return "\n".join(rows)


def verdicts(results: dict[int, tuple[Variant, Variant]]) -> list[str]:
    """One line per target of issue 11 that these sizes can judge."""
    lines = []

    def verdict(met: bool, text: str) -> str:
        return f"{'MET   ' if met else 'MISSED'} {text}"

    for pages in (200, 1000):
        if pages in results:
            ours, plain = results[pages]
            ratio = ours.seconds / plain.seconds
            lines.append(
                verdict(ratio <= 1.3, f"time at {pages:,} pages at most 1.3x plain: {ratio:.2f}x")
            )
    if 10 in results:
        ours, plain = results[10]
        extra = ours.seconds - plain.seconds
        lines.append(verdict(extra <= 0.5, f"time at 10 pages at most +0.5 s: {extra:+.2f} s"))
    if results:
        worst = max(results, key=lambda n: results[n][0].peak_mb / results[n][1].peak_mb)
        ratio = results[worst][0].peak_mb / results[worst][1].peak_mb
        lines.append(
            verdict(ratio <= 1.5, f"peak memory at most 1.5x plain: worst {ratio:.2f}x ({worst:,})")
        )
    if len(results) >= 2:
        small, large = min(results), max(results)
        ours_growth = results[large][0].per_page_kb / results[small][0].per_page_kb
        plain_growth = results[large][1].per_page_kb / results[small][1].per_page_kb
        lines.append(
            verdict(
                ours_growth <= plain_growth,
                f"output per page from {small:,} to {large:,} pages grows no faster than "
                f"plain's: x{ours_growth:.2f} vs x{plain_growth:.2f}",
            )
        )
    return lines


def run_sizes(
    workdir: Path, site: Path, sizes: Sequence[int], repeat: int, say: Callable[[str], None]
) -> dict[int, tuple[Variant, Variant]]:
    results = {}
    for pages in sizes:
        project = generate_project(workdir / f"healthsite-{pages}", pages, site=site)
        plain_project = make_plain(project, workdir / f"plain-{pages}")
        ours = Variant("healthsite", project, healthsite_command(project))
        plain = Variant("plain", plain_project, plain_command(plain_project))
        for attempt in range(repeat):
            # Interleaved, alternating which goes first, so drift in the machine's load is shared.
            for variant in (ours, plain) if attempt % 2 == 0 else (plain, ours):
                variant.build_once(workdir / f"{variant.name}-{pages}.log")
        say(
            f"{pages:>5} pages: healthsite {ours.seconds:.2f} s, plain {plain.seconds:.2f} s "
            f"(runs: {', '.join(f'{r.seconds:.2f}' for r in ours.runs)} / "
            f"{', '.join(f'{r.seconds:.2f}' for r in plain.runs)}); peak memory "
            f"{ours.peak_mb:.0f} MB / {plain.peak_mb:.0f} MB (largest single process "
            f"{ours.largest_process_mb:.0f} MB / {plain.largest_process_mb:.0f} MB)"
        )
        results[pages] = (ours, plain)
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(plain_project / "site", ignore_errors=True)
    return results


def run_serve(workdir: Path, site: Path, pages: int, edits: int) -> tuple[list[float], list[float]]:
    """Rebuild latency of `make serve` after a YAML edit, and of plain Material after the same
    edit to the page's Markdown (for reference)."""
    project = generate_project(workdir / f"serve-healthsite-{pages}", pages, site=site)
    plain = make_plain(project, workdir / f"serve-plain-{pages}")
    slug = first_benefit(project)
    page = f"benefits/{slug}/"
    ours = serve_latency(
        project,
        lambda marker: _set_line(project / "content" / "benefits" / f"{slug}.yml", "title", marker),
        page,
        edits,
    )
    theirs = serve_latency(
        plain,
        lambda marker: _set_line(plain / "docs" / "benefits" / f"{slug}.md", "title", marker),
        page,
        edits,
    )
    return ours, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="page counts")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each (median)")
    parser.add_argument("--serve-pages", type=int, default=50, help="0 skips the serve test")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--site",
        type=Path,
        default=EXAMPLE_SITE,
        help="the site to copy (mkdocs.yml, docs/, content/); to measure a change to mkdocs.yml",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    def say(text: str) -> None:
        print(text, flush=True)

    say(f"Machine: {machine()}")
    say(
        f"Builds with {builder.NAME}: median of {args.repeat}, interleaved; "
        f"sizes {', '.join(map(str, sizes))}"
    )
    with tempfile.TemporaryDirectory(prefix="healthsite-bench-") as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            results = run_sizes(workdir, args.site, sizes, args.repeat, say)
            serve: tuple[list[float], list[float]] | None = None
            if args.serve_pages > 0:
                serve = run_serve(workdir, args.site, args.serve_pages, max(args.repeat, 3))
        except (RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
            print(f"bench failed: {exc}", file=sys.stderr)
            return 1
    say("")
    say(table(results))
    say("")
    if serve is not None:
        ours, plain = serve
        say(
            f"Rebuild after an edit at {args.serve_pages} pages ({builder.NAME} serve, median of "
            f"{len(ours)}): healthsite {statistics.median(ours):.2f} s after a YAML edit, "
            f"plain {statistics.median(plain):.2f} s after a Markdown edit"
        )
        say("")
    for line in verdicts(results):
        say(line)
    if args.json:
        figures = _summary(results)
        if serve is not None:
            figures["serve"] = {"healthsite": serve[0], "plain": serve[1]}
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def _summary(results: dict[int, tuple[Variant, Variant]]) -> dict[str, Any]:
    """The figures as data (for a caller that wants JSON)."""
    return {
        str(pages): {
            variant.name: {
                "seconds": variant.seconds,
                "cpu_seconds": variant.cpu_seconds,
                "peak_mb": variant.peak_mb,
                "largest_process_mb": variant.largest_process_mb,
                "output_bytes": variant.output_bytes,
                "html_pages": variant.html_pages,
            }
            for variant in pair
        }
        for pages, pair in results.items()
    }


if __name__ == "__main__":
    sys.exit(main())
