"""Lighthouse audit of the built site: `make audit` (after `make site`).

Serves the built site on 127.0.0.1 (a free port), runs Lighthouse (npm package, mobile settings,
Debian's Chromium) three times on the home page, one benefit page and the FAQ page, and writes
the medians of the four category scores and of FCP, LCP, TBT and CLS to reports/lighthouse.md
and reports/lighthouse.json. Scores vary from run to run: this is an audit, not a test.

Usage: .venv/bin/python scripts/audit.py [--site-dir DIR] [--runs N] [--out-dir DIR]
(the site directory defaults to $HEALTHSITE_SITE_DIR, else <repo>/site).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from healthsite.site_checks.local_check import CHROMIUM, CHROMIUM_ARGS, serve_directory

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
# Lighthouse audit id -> (column title, unit of its numericValue)
METRICS = {
    "first-contentful-paint": ("FCP", "ms"),
    "largest-contentful-paint": ("LCP", "ms"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
}
LIGHTHOUSE_TIMEOUT_S = 300
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


@dataclass(frozen=True)
class AuditPage:
    name: str
    url_path: str  # relative to the site root, e.g. "faq/"


@dataclass
class RunResult:
    scores: dict[str, float | None]  # 0-100
    metrics: dict[str, float | None]  # ms, or unitless for CLS
    imperfect: dict[str, str]  # audit id -> title, for audits scored below 1
    opportunities: dict[str, str]  # audit id -> title and Lighthouse's estimated savings


def default_site_dir() -> Path:
    configured = os.environ.get("HEALTHSITE_SITE_DIR")
    return Path(configured).resolve() if configured else REPO / "site"


def pages_to_audit(site: Path) -> list[AuditPage]:
    pages = [AuditPage("Home", "")]
    benefits = sorted(site.glob("benefits/*/index.html"))
    if benefits:
        slug = benefits[0].parent.name
        pages.append(AuditPage(f"Benefit ({slug})", f"benefits/{slug}/"))
    else:
        print("audit: no benefits/*/index.html in the site; skipping the benefit page")
    if (site / "faq" / "index.html").is_file():
        pages.append(AuditPage("FAQ", "faq/"))
    else:
        print("audit: no faq/index.html in the site; skipping the FAQ page")
    return pages


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed (level 6) to clients that accept it, as static hosts
    such as GitHub Pages do; otherwise Lighthouse would measure uncompressed transfers."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                super().do_GET()  # the base class redirects "/dir" to "/dir/"
                return
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSED_SUFFIXES):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port; yields the base URL (ending in "/")."""
    with serve_directory(_GzipHandler, site, name="audit-server") as origin:
        yield origin + "/"


def run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=LIGHTHOUSE_TIMEOUT_S, check=False
    )
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(
            f"lighthouse exited {result.returncode} for {url}:\n{result.stderr[-3000:]}"
        )
    report = cast(dict[str, Any], json.loads(output.read_text(encoding="utf-8")))
    runtime_error = report.get("runtimeError")
    if runtime_error:
        raise RuntimeError(f"lighthouse could not audit {url}: {runtime_error}")
    return report


def summarise(report: dict[str, Any]) -> RunResult:
    categories = cast(dict[str, dict[str, Any]], report["categories"])
    audits = cast(dict[str, dict[str, Any]], report["audits"])
    scores: dict[str, float | None] = {}
    for key in CATEGORIES:
        score = categories.get(key, {}).get("score")
        scores[key] = None if score is None else round(float(score) * 100)
    metrics: dict[str, float | None] = {}
    for key in METRICS:
        value = audits.get(key, {}).get("numericValue")
        metrics[key] = None if value is None else float(value)
    imperfect: dict[str, str] = {}
    for category in categories.values():
        for ref in cast(list[dict[str, Any]], category.get("auditRefs", [])):
            audit = audits.get(str(ref["id"]), {})
            score = audit.get("score")
            mode = audit.get("scoreDisplayMode")
            weighed = ref.get("weight", 0) and mode in ("binary", "numeric")
            if weighed and score is not None and float(score) < 1:
                imperfect[str(ref["id"])] = str(audit.get("title", ref["id"]))
    opportunities: dict[str, str] = {}
    for audit_id, audit in audits.items():
        details = cast(dict[str, Any], audit.get("details") or {})
        saved_ms = float(details.get("overallSavingsMs") or 0)
        saved_bytes = float(details.get("overallSavingsBytes") or 0)
        if details.get("type") == "opportunity" and (saved_ms > 0 or saved_bytes > 0):
            opportunities[audit_id] = (
                f"{audit.get('title', audit_id)} (estimated {saved_ms:.0f} ms, "
                f"{saved_bytes / 1024:.0f} KiB)"
            )
    return RunResult(scores, metrics, imperfect, opportunities)


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def format_metric(key: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    unit = METRICS[key][1]
    if unit == "ms":
        return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"
    return f"{value:.3f}"


def format_score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def write_reports(
    out_dir: Path, results: dict[AuditPage, list[RunResult]], lighthouse_version: str, runs: int
) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    generated = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    data: dict[str, Any] = {
        "generated": generated,
        "lighthouse": lighthouse_version,
        "form_factor": "mobile (Lighthouse default, simulated throttling)",
        "runs_per_page": runs,
        "pages": [],
    }
    head = ["Page", *CATEGORIES.values(), *(title for title, _ in METRICS.values())]
    lines = [
        "# Lighthouse audit",
        "",
        f"Median of {runs} runs per page; Lighthouse {lighthouse_version}, mobile settings "
        f"(default form factor and throttling), Debian Chromium, site served on 127.0.0.1. "
        f"Generated {generated} by `make audit`.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join([" --- "] + [" ---: "] * (len(head) - 1)) + "|",
    ]
    notes: list[str] = []
    for page, page_runs in results.items():
        scores = {k: median([r.scores[k] for r in page_runs]) for k in CATEGORIES}
        metrics = {k: median([r.metrics[k] for r in page_runs]) for k in METRICS}
        cells = [f"{page.name} (`/{page.url_path}`)"]
        cells += [format_score(scores[k]) for k in CATEGORIES]
        cells += [format_metric(k, metrics[k]) for k in METRICS]
        lines.append("| " + " | ".join(cells) + " |")
        counts: dict[str, int] = {}
        titles: dict[str, str] = {}
        for run in page_runs:
            for audit_id, title in run.imperfect.items():
                counts[audit_id] = counts.get(audit_id, 0) + 1
                titles[audit_id] = title
        if counts or page_runs[-1].opportunities:
            notes.append(f"- {page.name}:")
            notes += [
                f"  - `{a}`: {titles[a]} ({counts[a]} of {runs} runs)" for a in sorted(counts)
            ]
            notes += [
                f"  - opportunity `{a}`: {text} (last run)"
                for a, text in sorted(page_runs[-1].opportunities.items())
            ]
        data["pages"].append(
            {
                "name": page.name,
                "path": "/" + page.url_path,
                "median": {"scores": scores, "metrics": metrics},
                "runs": [
                    {
                        "scores": r.scores,
                        "metrics": r.metrics,
                        "below_full_score": r.imperfect,
                        "opportunities": r.opportunities,
                    }
                    for r in page_runs
                ],
            }
        )
    if notes:
        lines += [
            "",
            "Audits below full marks (they cost points), and Lighthouse's opportunities:",
            "",
            *notes,
        ]
    lines.append("")
    md_path = out_dir / "lighthouse.md"
    json_path = out_dir / "lighthouse.json"
    md_path.write_text("\n".join(lines), encoding="utf-8")
    json_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return md_path, json_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--site-dir", type=Path, default=default_site_dir())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out-dir", type=Path, default=REPO / "reports")
    args = parser.parse_args(argv)
    site = cast(Path, args.site_dir).resolve()
    runs = cast(int, args.runs)
    out_dir = cast(Path, args.out_dir)
    if not (site / "index.html").is_file():
        print(f"audit: no built site in {site}: run `make site` first", file=sys.stderr)
        return 2
    for needed in (LIGHTHOUSE, CHROMIUM):
        if not needed.exists():
            print(
                f"audit: {needed} is missing: run `bash scripts/install_system_deps.sh`",
                file=sys.stderr,
            )
            return 2
    pages = pages_to_audit(site)
    results: dict[AuditPage, list[RunResult]] = {page: [] for page in pages}
    version = "unknown"
    with serve(site) as base_url, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for page in pages:
            for run in range(1, runs + 1):
                url = base_url + page.url_path
                print(f"audit: {page.name} run {run}/{runs}: {url}", flush=True)
                report = run_lighthouse(url, Path(tmp) / f"run-{len(results)}-{run}.json")
                version = str(report.get("lighthouseVersion", version))
                result = summarise(report)
                results[page].append(result)
                scores = ", ".join(f"{k} {format_score(v)}" for k, v in result.scores.items())
                print(f"audit:   {scores}", flush=True)
    md_path, json_path = write_reports(out_dir, results, version, runs)
    print(md_path.read_text(encoding="utf-8"))
    print(f"audit: wrote {md_path} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
