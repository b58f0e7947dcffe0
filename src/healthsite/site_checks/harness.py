"""Helpers for the browser stage: find the built pages, serve them, drive Chromium, run checkers.

Everything here is plain functions and small classes; the fixtures in conftest.py wire them up.
The site directory is `HEALTHSITE_SITE_DIR`, or by default the project's current content built
afresh (with the real date) into `<project>/.site-checks/`.
"""

from __future__ import annotations

import fcntl
import functools
import gzip
import http.client
import http.server
import json
import os
import shutil
import subprocess
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Error,
    Page,
    Request,
    Response,
    Route,
    ViewportSize,
    WebSocket,
)

from healthsite.commands.cli import main as build_site
from healthsite.model.legal import BROWSER_STORAGE_KEYS
from healthsite.site_checks.check_tools import (
    PROJECT_VARIABLE,
    SITE_VARIABLE,
    SYSTEM_DEPS_HINT,
    node_modules,
)
from healthsite.site_checks.local_check import serve_directory


def axe_js() -> Path:
    return node_modules(project_dir()) / "axe-core" / "axe.min.js"


def vnu_jar() -> Path:
    return node_modules(project_dir()) / "vnu-jar" / "build" / "dist" / "vnu.jar"


VIEWPORT: ViewportSize = {"width": 1280, "height": 800}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PALETTES = {"light": "default", "dark": "slate"}

# The home page's first view, gzip level 6, in bytes (decimal kilobytes: 90 KB = 90,000 bytes).
PAGE_WEIGHT_BUDGET = 90_000

INSTALL_HINT = SYSTEM_DEPS_HINT


# The project whose site the checks build: $HEALTHSITE_PROJECT_DIR (`healthsite verify` sets it
# to its --root), else the current folder.
BUILT_FOR_CHECKS = ".site-checks"


def project_dir() -> Path:
    configured = os.environ.get(PROJECT_VARIABLE)
    return Path(configured).resolve() if configured else Path.cwd()


def site_dir() -> Path:
    """The built site to check: $HEALTHSITE_SITE_DIR (a site built already, as CI deploys it),
    else the project's current content built afresh into .site-checks/ with the real date
    (or $HEALTHSITE_TODAY if a person set it), so the checks see what a build would publish."""
    configured = os.environ.get(SITE_VARIABLE)
    if configured:
        return Path(configured).resolve()
    project = project_dir()
    target = project / BUILT_FOR_CHECKS
    run = os.environ.get(XDIST_RUN_VARIABLE)
    if run is None:
        _build_for_checks(project, target)
        return target
    # Parallel workers (pytest-xdist, `-n`): the first to get here builds, the others wait for it
    # and check that same build (rebuilding under a worker that is serving the site would not do).
    with _locked(project / f"{BUILT_FOR_CHECKS}.run.lock") as stamp:
        if stamp.read_text(encoding="utf-8") != run or not target.is_dir():
            _build_for_checks(project, target)
            stamp.write_text(run, encoding="utf-8")
    return target


# Set by pytest-xdist in each worker process: one id for the whole run, shared by its workers.
XDIST_RUN_VARIABLE = "PYTEST_XDIST_TESTRUNUID"


def _build_for_checks(project: Path, target: Path) -> None:
    if build_site(["--root", str(project), "build", "--site-dir", str(target)]) != 0:
        raise RuntimeError(f"the site in {project} did not build; run `make site` to see why")


@contextmanager
def _locked(path: Path) -> Iterator[Path]:
    """Hold an exclusive lock on `path` (created if missing; its text is the caller's to use)."""
    with path.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def once_per_run(folder: Path, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, run once for the whole test run and shared by the parallel workers through a
    JSON file in `folder` (the run's shared temporary folder); without workers, just `compute()`."""
    if os.environ.get(XDIST_RUN_VARIABLE) is None:
        return compute()
    result = folder / f"{name}.json"
    with _locked(folder / f"{name}.lock"):
        if not result.is_file():
            result.write_text(json.dumps(compute()), encoding="utf-8")
        return json.loads(result.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- static HTML facts


@dataclass(frozen=True)
class Ref:
    """One URL that a page refers to: `<img src>`, `<a href>`, `<link href>`, ..."""

    tag: str
    attr: str
    url: str
    line: int
    rel: str = ""

    def describe(self) -> str:
        return f"<{self.tag} {self.attr}={self.url!r}> (line {self.line})"


@dataclass
class HtmlFacts:
    """What the checks need from one HTML file, read without a browser."""

    lang: str | None = None
    h1_lines: list[int] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    canonicals: list[str] = field(default_factory=list)
    json_ld: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    details_count: int = 0
    toc_links: int = 0  # links in Material's table of contents (nav.md-nav--secondary)
    in_menu: bool = False  # the menu marks an entry as this page's (.md-nav__link--active)
    csp: list[str] = field(default_factory=list)  # Content-Security-Policy <meta> contents


_URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "object": ("data",),
    "form": ("action",),
}
_SRCSET_TAGS = {"img", "source"}


class _FactsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = HtmlFacts()
        self._json_ld_line: int | None = None
        self._json_ld_text: list[str] = []
        self._nav_depth = 0
        self._toc_depth: int | None = None  # nav depth of the table of contents, while inside

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        line = self.getpos()[0]
        facts = self.facts
        if "id" in attrs:
            facts.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            facts.ids.add(attrs["name"])
        self._note_page_facts(tag, attrs, line)
        self._note_refs(tag, attrs, line)
        if tag == "nav":
            self._nav_depth += 1
            if self._toc_depth is None and "md-nav--secondary" in attrs.get("class", "").split():
                self._toc_depth = self._nav_depth
        elif tag == "a" and self._toc_depth is not None:
            facts.toc_links += 1
        if "md-nav__link--active" in attrs.get("class", "").split():
            facts.in_menu = True

    def _note_page_facts(self, tag: str, attrs: dict[str, str], line: int) -> None:
        facts = self.facts
        if tag == "html":
            facts.lang = attrs.get("lang")
        elif tag == "h1":
            facts.h1_lines.append(line)
        elif tag == "details":
            facts.details_count += 1
        elif tag == "meta" and attrs.get("name", "").lower() == "description":
            facts.descriptions.append(attrs.get("content", ""))
        elif tag == "script" and attrs.get("type", "").lower() == "application/ld+json":
            self._json_ld_line = line
            self._json_ld_text = []
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            facts.canonicals.append(attrs.get("href", ""))
        elif tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            facts.csp.append(attrs.get("content", ""))

    def _note_refs(self, tag: str, attrs: dict[str, str], line: int) -> None:
        rel = attrs.get("rel", "").lower()
        for name in _URL_ATTRS.get(tag, ()):
            if name in attrs:
                self.facts.refs.append(Ref(tag, name, attrs[name].strip(), line, rel))
        if tag in _SRCSET_TAGS and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.facts.refs.append(Ref(tag, "srcset", url, line))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._json_ld_line is not None:
            self._json_ld_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            if self._toc_depth == self._nav_depth:
                self._toc_depth = None
            self._nav_depth = max(0, self._nav_depth - 1)
        if tag == "script" and self._json_ld_line is not None:
            self.facts.json_ld.append((self._json_ld_line, "".join(self._json_ld_text)))
            self._json_ld_line = None


def html_facts(html: str) -> HtmlFacts:
    parser = _FactsParser()
    parser.feed(html)
    parser.close()
    return parser.facts


# --------------------------------------------------------------------------- the site's pages


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the built site."""

    rel: str  # path inside the site directory, posix, e.g. "faq/index.html"
    path: Path
    url_path: str  # path on the server, e.g. "/faq/" (includes the site's base path)

    @property
    def is_404(self) -> bool:
        return self.rel == "404.html"

    @functools.cached_property
    def facts(self) -> HtmlFacts:
        return html_facts(self.path.read_text(encoding="utf-8"))

    def __str__(self) -> str:
        return self.rel

    @functools.cached_property
    def shape(self) -> str:
        """The page's shape: what its theme chrome (header, menu, table of contents, footer)
        depends on. Pages of one shape share a template and the chrome around it and differ in
        their content: the home page; the 404 page; otherwise the folder the page is in (which
        part of the menu is open), the kinds of structured data it has (a health topic, the FAQ,
        the team, a legal page, none: its template), whether the menu has an entry for it and
        whether it has a table of contents. E.g. "in /benefits/, MedicalWebPage, in the menu,
        with contents"."""
        if self.is_404:
            return "404 page"
        if self.rel == "index.html":
            return "home page"
        folder = self.url_path.rstrip("/").rsplit("/", 1)[0] + "/"
        kinds = sorted(
            {
                str(item.get("@type"))
                for _, text in self.facts.json_ld
                for block in _json_or_none(text)
                for item in (block.get("@graph", [block]) if isinstance(block, dict) else [])
                if isinstance(item, dict) and item.get("@type") not in _SITE_WIDE_TYPES
            }
        )
        menu = "in the menu" if self.facts.in_menu else "not in the menu"
        contents = "with contents" if self.facts.toc_links else "no contents"
        return f"in {folder}, {' '.join(kinds) or 'no page data'}, {menu}, {contents}"


# Structured data every page carries (the clinic and its locations): not part of a page's shape.
_SITE_WIDE_TYPES = {"Organization", "HealthAndBeautyBusiness", "MedicalClinic"}


def _json_or_none(text: str) -> list[Any]:
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return []  # test_json_ld_parses reports it


@dataclass(frozen=True)
class Site:
    root: Path
    # The site's address, from the home page's canonical URL: "https://example.org/".
    site_url: str | None
    base_path: str  # the path the site lives under, from site_url: "/" or "/clinic/"
    pages: tuple[SitePage, ...]

    def page(self, rel: str) -> SitePage | None:
        return next((p for p in self.pages if p.rel == rel), None)

    @property
    def home(self) -> SitePage | None:
        return self.page("index.html")

    @property
    def one_page_per_shape(self) -> tuple[SitePage, ...]:
        """The first page (by path) of each shape (`SitePage.shape`)."""
        firsts: dict[str, SitePage] = {}
        for page in self.pages:
            firsts.setdefault(page.shape, page)
        return tuple(firsts.values())


def discover_site(root: Path) -> Site:
    """Every `*.html` file under `root`, each with the URL path it is served at."""
    site_url: str | None = None
    base_path = "/"
    home = root / "index.html"
    if home.is_file():
        canonicals = html_facts(home.read_text(encoding="utf-8")).canonicals
        if canonicals and canonicals[0]:
            # The home page's address: the site's own, or index.html in it when mkdocs.yml sets
            # `use_directory_urls: false`.
            site_url = canonicals[0].removesuffix("index.html")
            base_path = urllib.parse.urlsplit(site_url).path or "/"
            if not base_path.endswith("/"):
                base_path += "/"
    pages: list[SitePage] = []
    if root.is_dir():
        for path in sorted(root.rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            url_rel = rel.removesuffix("index.html") if path.name == "index.html" else rel
            pages.append(SitePage(rel, path, base_path + url_rel))
    return Site(root, site_url, base_path, tuple(pages))


# --------------------------------------------------------------------------- local web server


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its base path; a missing file gets the site's 404.html with 404,
    as static hosts do."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        url_path = urllib.parse.urlsplit(path).path
        if not url_path.startswith(self.base_path):
            return str(Path(self.directory) / "\0outside-base-path")
        return super().translate_path("/" + url_path[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page_404 = Path(self.directory) / "404.html"
        if code == http.HTTPStatus.NOT_FOUND and page_404.is_file() and self.command == "GET":
            body = page_404.read_bytes()
            self.send_response(code, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        # Every test starts from an empty browser cache anyway; say so for any other client.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_site(site: Site) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port; yields the URL of the site's base path."""
    handler = type("Handler", (_SiteHandler,), {"base_path": site.base_path})
    with serve_directory(handler, site.root) as origin:
        yield origin + site.base_path


def origin_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --------------------------------------------------------------------------- links


@dataclass
class Fetched:
    status: int
    location: str | None
    content_type: str
    ids: set[str] | None  # element ids, for HTML answers


class LinkChecker:
    """Fetches internal URLs from the local server (no redirects followed), with a cache."""

    def __init__(self, base_url: str, site_url: str | None) -> None:
        self.base_url = base_url
        self.origin = origin_of(base_url)
        self.site_url = site_url
        self._cache: dict[str, Fetched] = {}

    def to_local(self, url: str, page_url: str) -> str | None:
        """The local URL for a reference from `page_url`, or None when it points elsewhere."""
        if url.startswith(("mailto:", "tel:", "data:", "javascript:", "sms:")):
            return None
        if self.site_url and url.startswith(self.site_url):
            url = self.base_url + url[len(self.site_url) :]
        absolute = urllib.parse.urljoin(page_url, url)
        if origin_of(absolute) != self.origin:
            return None
        return absolute

    def fetch(self, url: str) -> Fetched:
        url = urllib.parse.urldefrag(url).url
        if url not in self._cache:
            parts = urllib.parse.urlsplit(url)
            connection = http.client.HTTPConnection(parts.netloc, timeout=30)
            try:
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                connection.request("GET", target)
                response = connection.getresponse()
                body = response.read()
                content_type = response.getheader("Content-Type", "")
                ids = None
                if response.status == 200 and content_type.startswith("text/html"):
                    ids = html_facts(body.decode("utf-8", "replace")).ids
                self._cache[url] = Fetched(
                    response.status, response.getheader("Location"), content_type, ids
                )
            finally:
                connection.close()
        return self._cache[url]

    def problems(self, page: SitePage) -> list[str]:
        page_url = self.origin + page.url_path
        problems: list[str] = []
        for ref in page.facts.refs:
            if ref.tag == "form":  # Material's search form has no action; nothing to fetch
                continue
            if not ref.url:
                problems.append(f"{ref.describe()}: empty URL")
                continue
            local = self.to_local(ref.url, page_url)
            if local is None:
                continue
            if page.is_404 and not ref.url.startswith(("/", "#")) and "://" not in ref.url:
                problems.append(
                    f"{ref.describe()}: relative URL in the 404 page, which hosts show for a "
                    "missing page at any depth; it needs a path from the site root"
                )
                continue
            fetched = self.fetch(local)
            if fetched.status != 200:
                where = f" -> {fetched.location}" if fetched.location else ""
                problems.append(f"{ref.describe()}: HTTP {fetched.status}{where} for {local}")
                continue
            fragment = urllib.parse.unquote(urllib.parse.urldefrag(local).fragment)
            if not fragment or fetched.ids is None or fragment.lower() == "top":
                continue
            if fragment not in fetched.ids:
                problems.append(
                    f"{ref.describe()}: no element with id {fragment!r} on "
                    f"{urllib.parse.urldefrag(local).url}"
                )
        return problems


# --------------------------------------------------------------------------- Nu HTML Checker


def run_vnu(files: list[Path]) -> dict[Path, list[str]]:
    """One run of the Nu HTML Checker over all `files`: errors per file (every file is a key)."""
    java = shutil.which("java")
    jar = vnu_jar()
    if java is None or not jar.is_file():
        raise RuntimeError(f"java or {jar} is missing: {INSTALL_HINT}")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu exited {result.returncode} without a JSON report: {result.stderr[-2000:]}"
        ) from error
    errors: dict[Path, list[str]] = {path.resolve(): [] for path in files}
    for message in cast(list[dict[str, Any]], report.get("messages", [])):
        url = str(message.get("url", ""))
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).resolve()
        where = f"line {message.get('lastLine', '?')}"
        if "firstColumn" in message:
            where += f", column {message['firstColumn']}"
        extract = str(message.get("extract", "")).strip().replace("\n", " ")
        text = f"{message.get('type')}: {message.get('message')} ({where}) in `{extract}`"
        errors.setdefault(path, []).append(text)
    if result.returncode != 0 and not any(errors.values()):
        raise RuntimeError(f"vnu exited {result.returncode}: {result.stderr[-2000:]}")
    return errors


# --------------------------------------------------------------------------- browser pages


@dataclass
class Watch:
    """What a page did that the privacy and error checks look at."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        if origin_of(request.url) != self.origin and not request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            self.foreign_requests.append(f"{request.resource_type} {request.url}")

    def on_websocket(self, socket: WebSocket) -> None:
        if origin_of(socket.url.replace("ws", "http", 1)) != self.origin:
            self.foreign_requests.append(f"websocket {socket.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            where = f"{location.get('url', '')}:{location.get('lineNumber', '')}"
            self.console_errors.append(f"{message.text} (at {where})")

    def on_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}\n{error.stack or ''}".strip())

    def on_response(self, response: Response) -> None:
        self.responses.append(response)
        if response.status >= 400 and origin_of(response.url) == self.origin:
            self.bad_responses.append(f"HTTP {response.status} for {response.url}")

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {r}" for r in self.foreign_requests]
            + [f"failed request: {r}" for r in self.bad_responses]
            + [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught page error: {e}" for e in self.page_errors]
        )


OpenPage = Callable[[SitePage], tuple[Page, Watch]]
"""The `open_page` fixture: opens a site page in a new watched tab, after its network is idle."""


def block_foreign_hosts(context: BrowserContext, origin: str) -> None:
    """Requests from `context` to any host but `origin` never leave the machine."""

    def block_foreign(route: Route) -> None:
        if origin_of(route.request.url) == origin:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", block_foreign)


def new_watched_page(context: BrowserContext, origin: str) -> tuple[Page, Watch]:
    """A new tab whose requests, console errors and page errors are recorded."""
    watch = Watch(origin)
    page = context.new_page()
    page.on("request", watch.on_request)
    page.on("websocket", watch.on_websocket)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("response", watch.on_response)
    return page, watch


# JavaScript statements (for an async function) that wait until styles have been applied and
# bring every finite CSS transition or animation to its end, so colours and opacity are final:
# the styles waiting for them to end would give, without the wait (Material's transitions take
# 125 to 250 ms, at every Tab stop and every answer opened). A frame more lets anything started
# by their end events start, and end too.
SETTLE_JS = """
    const finishAll = () => document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
        .forEach(a => { try { a.finish(); } catch (e) { /* not finishable: left running */ } });
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    finishAll();
    await new Promise(r => requestAnimationFrame(r));
    finishAll();
"""


def wait_for_animations(page: Page) -> None:
    page.evaluate("async () => {" + SETTLE_JS + "}")


def kept_in_the_browser(page: Page) -> list[str]:
    """The privacy policy says no page sets a cookie and the browser keeps only the colour
    scheme (Material's "<path>.__palette"; healthsite.model.legal.BROWSER_STORAGE_KEYS): anything
    else
    a page stores (a script a clinic added, a Material feature turned on) would make it untrue."""
    problems = [f"sets the cookie {cookie['name']!r}" for cookie in page.context.cookies()]
    local, session = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    problems += [
        f"stores {key!r} in localStorage, which the privacy policy does not mention"
        for key in local
        if key.rsplit(".", 1)[-1] not in BROWSER_STORAGE_KEYS
    ]
    problems += [f"stores {key!r} in sessionStorage" for key in session]
    return problems


def set_palette(page: Page, scheme: str) -> None:
    """Switch Material's palette to `scheme` ("default" or "slate") with its toggle, as a reader
    does; fails when the page has no toggle leading there."""
    current = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if current == scheme:
        return
    target_id = page.evaluate(
        """scheme => {
            const input = document.querySelector(
                `input[name="__palette"][data-md-color-scheme="${scheme}"]`);
            return input ? input.id : null;
        }""",
        scheme,
    )
    if not target_id:
        raise AssertionError(f"the page has no palette toggle for scheme {scheme!r}")
    page.locator(f'label[for="{target_id}"]').click()
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=scheme
    )
    wait_for_animations(page)


def open_all_details(page: Page) -> int:
    count = cast(
        int,
        page.evaluate(
            """() => {
                const all = [...document.querySelectorAll('details')];
                all.forEach(d => { d.open = true; });
                return all.length;
            }"""
        ),
    )
    wait_for_animations(page)
    return count


@functools.cache
def axe_source() -> str:
    script = axe_js()
    if not script.is_file():
        raise RuntimeError(f"{script} is missing: {INSTALL_HINT}")
    return script.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (no rule switched off)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate("source => { (0, eval)(source); }", axe_source())
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return cast(list[dict[str, Any]], result["violations"])


def describe_violations(violations: list[dict[str, Any]], state: str) -> list[str]:
    lines: list[str] = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " >>> ".join(
                " ".join(t) if isinstance(t, list) else str(t) for t in node["target"]
            )
            summary = str(node.get("failureSummary", "")).replace("\n", " ").strip()
            html = str(node.get("html", "")).replace("\n", " ")[:160]
            lines.append(
                f"[{state}] {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
                f"    element: {target}\n    html: {html}\n    {summary}\n"
                f"    {violation.get('helpUrl', '')}"
            )
    return lines


def gzip_size(data: bytes) -> int:
    """Deterministic gzip size: level 6 (what most servers use) and no timestamp."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def short_url(url: str, base_url: str) -> str:
    return url[len(base_url) - 1 :] if url.startswith(base_url) else url


def report(header: str, problems: list[str]) -> str:
    return header + "\n" + "\n".join(f"- {p}" for p in problems)


def expect_none(header: str, problems: list[str]) -> None:
    """Fail with `header` and one line per problem (no Python traceback: the list says it all)."""
    if problems:
        pytest.fail(report(header, problems), pytrace=False)


# --------------------------------------------------------------------------- files opened alone

# Files a browser runs or styles when one is opened on its own (an address shared, a link
# followed): the built pages carry the site's Content-Security-Policy, no other file can.
ACTIVE_SUFFIXES = (".svg", ".svgz", ".xml", ".xsl", ".xslt", ".xhtml", ".htm", ".html", ".mht")


def files_opened_alone(site: Site) -> list[Path]:
    """Every file of the site a browser would run or style if opened on its own, except the
    built pages (`site.pages`, checked page by page)."""
    pages = {page.path for page in site.pages}
    return sorted(
        path
        for path in site.root.rglob("*")
        if path.suffix.lower() in ACTIVE_SUFFIXES and path.is_file() and path not in pages
    )


def opened_alone(context: BrowserContext, url: str) -> list[str]:
    """What the file at `url` does when a reader opens it on its own: every script it runs (any
    script the page's own world parses, seen through the DevTools protocol), every request it
    makes beyond itself, every dialog, console error and page error. [] for a safe file."""
    page = context.new_page()
    problems: list[str] = []
    scripts: list[str] = []
    session = context.new_cdp_session(page)

    def on_script(event: dict[str, Any]) -> None:
        if event.get("executionContextAuxData", {}).get("isDefault", True):
            scripts.append(event.get("url") or "(inline)")

    session.on("Debugger.scriptParsed", on_script)
    session.send("Debugger.enable")

    def on_request(request: Request) -> None:
        if request.url != url and not request.url.startswith(("data:", "about:")):
            problems.append(f"requests {request.url}")

    def on_dialog(dialog: Dialog) -> None:
        problems.append(f"opens a {dialog.type}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"page error: {error.message}")

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)  # a timer or an animation's begin="0.1s" has started by now
    finally:
        session.detach()
        page.close()
    return problems + [f"runs a script ({where})" for where in scripts]
