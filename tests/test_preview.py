"""The live preview (`make serve`) shows why the site cannot be built, and recovers by itself.

The plugin is driven as `mkdocs serve` drives it (on_startup with "serve", then builds), on a
copy of the fixture site; two tests run the real `mkdocs serve` over loopback, one of them with
the error page in Chromium.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser

from healthsite.adapters.mkdocs import builder
from healthsite.adapters.mkdocs.build_log import describe, readable
from healthsite.adapters.mkdocs.nav_hint import menu_title
from healthsite.adapters.mkdocs.plugin import HealthsitePlugin
from healthsite.adapters.mkdocs.preview import error_page, show_errors_instead
from healthsite.site_checks.harness import block_foreign_hosts, origin_of
from healthsite.source.errors import ContentProblem, Severity

from .conftest import FIXTURE_CONTENT, build, copy_project

FAQ = "content/faq.yml"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    yield copy_project(tmp_path / "project", content=FIXTURE_CONTENT)
    # MkDocs keeps one plugin instance per process (it has on_startup): leave it as a build.
    config = load_config(str(tmp_path / "project" / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)


def break_faq(root: Path) -> None:
    path = root / FAQ
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titel:", 1))


def config_for(root: Path, site_dir: Path, command: Literal["build", "serve"]) -> MkDocsConfig:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command=command, dirty=False)
    return config


def serve_build(root: Path, site_dir: Path) -> None:
    """One build as `mkdocs serve` runs it."""
    mkdocs_build(config_for(root, site_dir, "serve"), serve_url="http://127.0.0.1:8000/")


def built_files(site_dir: Path) -> set[str]:
    return {str(p.relative_to(site_dir)) for p in site_dir.rglob("*") if p.is_file()}


def test_a_content_error_while_serving_builds_a_page_that_lists_it(
    project: Path, tmp_path: Path
) -> None:
    break_faq(project)
    site = tmp_path / "preview"
    serve_build(project, site)  # no exception: the preview keeps running
    # Only the error page (MkDocs answers every other address with 404.html), and search's
    # empty index: no page of the site that could hide the error.
    assert built_files(site) == {"index.html", "404.html", "search/search_index.json"}
    page = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "404.html").read_text(encoding="utf-8") == page
    assert "<h1>The site could not be built</h1>" in page
    assert (
        '<li><span class="error">Error</span> in <code>content/faq.yml:1:1</code> in '
        "<code>titel</code>: unknown field &#x27;titel&#x27;"
        '<span class="fix">How to fix: did you mean &#x27;title&#x27;? Fields allowed here: '
        "title, description, intro, groups, review</span></li>"
    ) in page
    assert 'req.open("GET", "/livereload/" + seen' in page  # reloads itself once fixed


def test_a_health_rule_error_while_serving_is_listed_with_its_fix(
    project: Path, tmp_path: Path
) -> None:
    path = project / "content" / "benefits" / "stress.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Proven.", 1)
    )
    site = tmp_path / "preview"
    serve_build(project, site)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "in <code>content/benefits/stress.yml:6:3</code> in <code>summary</code>" in page
    assert "How to fix: say how strong the evidence is instead" in page


def test_the_next_build_after_the_fix_is_the_site_again(project: Path, tmp_path: Path) -> None:
    faq = project / FAQ
    good = faq.read_text(encoding="utf-8")
    break_faq(project)
    site = tmp_path / "preview"
    serve_build(project, site)
    faq.write_text(good, encoding="utf-8")
    serve_build(project, site)
    assert {"index.html", "faq/index.html", "benefits/stress/index.html"} <= built_files(site)
    assert "could not be built" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_real_build_still_stops_on_a_content_error(project: Path, tmp_path: Path) -> None:
    break_faq(project)
    site = tmp_path / "site"
    with pytest.raises(Abort):
        mkdocs_build(config_for(project, site, "build"))
    assert not (site / "index.html").exists()


@dataclass
class FakeServer:
    """The one attribute of MkDocs' LiveReloadServer that on_serve uses (the folder it serves
    is the config's site_dir, as `mkdocs serve` sets it)."""

    builder: object = None


def test_on_serve_makes_any_failed_rebuild_show_the_error(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    (site / "faq").mkdir(parents=True)
    (site / "faq" / "index.html").write_text("the last good build")

    def failing_build() -> None:
        logging.getLogger("mkdocs.structure.pages").warning(
            "Doc file 'prices.md' contains a link 'nope.md', but the target is not found."
        )
        raise Abort("Aborted with 1 warnings in strict mode!")

    config = config_for(project, site, "serve")
    plugin = config.plugins["healthsite"]
    assert isinstance(plugin, HealthsitePlugin)
    server = FakeServer(builder=failing_build)
    returned: object = plugin.on_serve(server, config=config, builder=failing_build)  # type: ignore[arg-type]
    assert returned is server
    assert callable(server.builder)
    server.builder()  # returns: the live server then reloads the browser onto the page
    assert built_files(site) == {"index.html", "404.html"}  # the stale page is gone
    page = (site / "404.html").read_text(encoding="utf-8")
    # The warning that stopped the build is the cause; MkDocs' "Aborted" line says nothing more.
    assert (
        "<h2>What the site builder said</h2>\n<pre>Doc file &#x27;prices.md&#x27; contains a "
        "link &#x27;nope.md&#x27;, but the target is not found.</pre>\n</main>"
    ) in page
    assert "Aborted" not in page


def test_content_warnings_come_after_what_stopped_the_build(tmp_path: Path) -> None:
    def failing_build() -> None:
        logging.getLogger("healthsite.content").warning("content/faq.yml: review due soon")
        logging.getLogger("mkdocs.structure.pages").warning("Doc file 'a.md' has a bad link")
        raise Abort("Aborted with 1 warnings in strict mode!")

    show_errors_instead(failing_build, tmp_path)()
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    cause = page.index("Doc file &#x27;a.md&#x27; has a bad link")
    assert page.index("<h2>Warnings (these do not stop the build)</h2>") > cause
    assert page.index('<pre class="warning">content/faq.yml: review due soon</pre>') > cause


def test_a_macro_error_that_exits_does_not_stop_the_preview(tmp_path: Path) -> None:
    def macro_error() -> None:
        logging.getLogger("mkdocs.plugins.mkdocs_macros.util").warning(
            "[macros] - ERROR # _Macro Rendering Error_\n\n_File_: `prices.md`\n\n"
            "_UndefinedError_: 'no_such_macro' is undefined\n\n```\n"
            'Traceback (most recent call last):\n  File "x.py", line 1, in render\n'
            "jinja2.exceptions.UndefinedError: 'no_such_macro' is undefined\n```"
        )
        sys.exit(5)  # what mkdocs-macros does with on_error_fail: true

    show_errors_instead(macro_error, tmp_path)()
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "_File_: `prices.md`" in page
    assert "Traceback" not in page  # cut to its last line
    assert "jinja2.exceptions.UndefinedError: &#x27;no_such_macro&#x27; is undefined" in page


def test_a_good_build_is_left_alone_and_ctrl_c_still_stops(tmp_path: Path) -> None:
    calls: list[str] = []
    show_errors_instead(lambda: calls.append("built"), tmp_path)()
    assert calls == ["built"]
    assert built_files(tmp_path) == set()

    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        show_errors_instead(interrupted, tmp_path)()


def test_the_error_page_escapes_what_it_shows() -> None:
    problem = ContentProblem(
        "content/faq.yml", 3, 1, "title", "<script>alert(1)</script>", "write <b>text</b>"
    )
    page = error_page([problem], ["<img src=x onerror=alert(1)>"])
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "How to fix: write &lt;b&gt;text&lt;/b&gt;" in page
    warning = ContentProblem("content/faq.yml", 0, 0, "", "due soon", severity=Severity.WARNING)
    assert '<span class="warning">Warning</span> in <code>content/faq.yml</code>: due soon' in (
        error_page([warning])
    )


# ----------------------------------------------------------------- a page not in the nav


def test_a_page_missing_from_the_nav_gets_a_message_naming_the_line_to_add(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "prices.md").write_text("# Our prices\n\nA table.\n", encoding="utf-8")
    assert build(project) == 0
    err = capsys.readouterr().err
    assert (
        "docs/prices.md: warning: this page is not in the site's menu (the 'nav' list in "
        "mkdocs.yml), so readers can reach it only from a link on another page\n"
        "    How to fix: add the line '- Our prices: prices.md' under 'nav:' in mkdocs.yml, "
        "where the page belongs in the menu, indented like the lines around it; or, if the "
        "page should only be reached from links, list it under 'not_in_nav:' in mkdocs.yml"
    ) in err
    assert "- prices.md" not in err.replace("- Our prices: prices.md", "")  # MkDocs' bare list


def test_a_page_in_the_nav_or_in_not_in_nav_gets_no_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "prices.md").write_text("# Prices\n", encoding="utf-8")
    (project / "docs" / "terms.md").write_text("# Terms\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - About the clinic: clinic.md\n" in text
    config.write_text(
        text.replace(
            "  - About the clinic: clinic.md\n",
            "  - About the clinic: clinic.md\n  - Prices: prices.md\n",
        )
        + "not_in_nav: |\n  /terms.md\n"
    )
    assert build(project) == 0
    assert "not in the site's menu" not in capsys.readouterr().err
    assert (project / "site" / "prices" / "index.html").exists()


@pytest.mark.parametrize(
    ("src_uri", "markdown", "title"),
    [
        ("prices.md", "# Our prices\n\nText", "Our prices"),
        ("prices.md", "---\ntitle: Fees and rebates\n---\n# Prices\n", "Fees and rebates"),
        ("services/our-team.md", "No heading here.", "Our team"),
        ("gift_cards.md", "# {{ clinic_name }}\n", "Gift cards"),
        # 'title:' in the body and '#' comments in the front matter are not the page's title.
        (
            "prices.md",
            "---\n# set by the clinic\ndescription: x\n---\n\n# Our prices\n\ntitle: of it\n",
            "Our prices",
        ),
    ],
)
def test_menu_title(src_uri: str, markdown: str, title: str) -> None:
    assert menu_title(src_uri, markdown) == title


def test_a_message_keeps_its_text_and_only_the_last_line_of_a_traceback() -> None:
    message = (
        "[macros] - ERROR # _Macro Rendering Error_\n\n_File_: `prices.md`\n\n```\n"
        'Traceback (most recent call last):\n  File "x.py", line 1, in render\n'
        "    return template.render()\n"
        "jinja2.exceptions.UndefinedError: 'no_such_macro' is undefined\n```\n"
        "  an indented line after it is kept"
    )
    assert readable(message) == (
        "[macros] - ERROR # _Macro Rendering Error_\n\n_File_: `prices.md`\n\n"
        "jinja2.exceptions.UndefinedError: 'no_such_macro' is undefined\n"
        "  an indented line after it is kept"
    )


def test_a_record_logged_with_its_exception_names_the_exception_only() -> None:
    try:
        raise ValueError("no such colour")
    except ValueError:
        record = logging.LogRecord(
            "mkdocs.plugins.x",
            logging.ERROR,
            "x.py",
            1,
            "Error building %s",
            ("faq.md",),
            sys.exc_info(),
        )
    assert describe(record) == "Error building faq.md\nValueError: no such colour"


# ----------------------------------------------------------------- the real live server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, text: str, seconds: float = 60) -> tuple[int, str]:
    """Fetch `url` until its page contains `text` (a generous limit: this is no timing test)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, page = fetch(url)
            if text in page:
                return status, page
        except OSError:
            pass  # not listening yet
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed {text!r}")
        time.sleep(0.3)


@contextmanager
def live_server(project: Path, terminal: Path) -> Iterator[str]:
    """`mkdocs serve` (or `properdocs serve`) of `project` on a free loopback port, printing
    into `terminal`; yields its address."""
    port = free_port()
    with terminal.open("w") as printed:
        server = subprocess.Popen(
            [sys.executable, "-m", builder.NAME, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=printed,
        )
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_mkdocs_serve_shows_errors_and_recovers_without_hanging(project: Path) -> None:
    faq = project / FAQ
    good = faq.read_text(encoding="utf-8")
    break_faq(project)
    terminal = project / "terminal.log"
    with live_server(project, terminal) as base:
        # Started despite the error, and every address shows it.
        assert wait_for(f"{base}/", "unknown field")[0] == 200
        assert wait_for(f"{base}/faq/", "unknown field")[0] == 404
        faq.write_text(good, encoding="utf-8")
        assert wait_for(f"{base}/faq/", "<title>Common questions")[0] == 200
        # The same mistake made while the preview runs is printed in the terminal too.
        break_faq(project)
        wait_for(f"{base}/faq/", "unknown field")
        printed = terminal.read_text(encoding="utf-8")
        assert printed.count("content/faq.yml:1:1: error in 'titel': unknown field") == 2, printed
        faq.write_text(good, encoding="utf-8")
        assert wait_for(f"{base}/faq/", "<title>Common questions")[0] == 200
        # A failed rebuild for another reason (a macro that does not exist) shows too.
        (project / "docs" / "prices.md").write_text("# Prices\n\n{{ no_such_macro() }}\n")
        status, page = wait_for(f"{base}/faq/", "could not be built")
        assert status == 404
        assert "&#x27;no_such_macro&#x27; is undefined" in page


@pytest.mark.browser
def test_the_error_page_reloads_itself_onto_the_site_once_it_builds(
    project: Path, browser: Browser
) -> None:
    """The error page at an address MkDocs answers with 404.html gets no script from MkDocs:
    its own script, which speaks the live server's /livereload/ protocol, must bring the
    reader to the page once a save fixes the content."""
    faq = project / FAQ
    good = faq.read_text(encoding="utf-8")
    break_faq(project)
    with live_server(project, project / "terminal.log") as base:
        wait_for(f"{base}/faq/", "unknown field")
        context = browser.new_context()
        block_foreign_hosts(context, origin_of(base))
        try:
            page = context.new_page()
            response = page.goto(f"{base}/faq/", wait_until="load")
            assert response is not None and response.status == 404
            assert page.title() == "Preview: the site could not be built"
            # Only the page's own script: the live server injects none into a 404 answer.
            assert page.locator("script").count() == 1
            faq.write_text(good, encoding="utf-8")
            page.wait_for_function(
                "() => document.title.startsWith('Common questions')", timeout=60_000
            )
        finally:
            context.close()


def test_a_warning_is_shown_once_when_one_builder_logger_is_under_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ProperDocs, healthsite.adapters.mkdocs.builder makes "mkdocs" a child of
    "properdocs"."""
    monkeypatch.setattr(logging.getLogger("mkdocs"), "parent", logging.getLogger("properdocs"))

    def failing() -> None:
        logging.getLogger("mkdocs.plugins.example").warning("a plugin's warning")
        raise RuntimeError("stopped")

    show_errors_instead(failing, tmp_path)()
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("a plugin&#x27;s warning") == 1
