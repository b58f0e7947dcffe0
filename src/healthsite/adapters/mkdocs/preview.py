"""The live preview (`make serve`) when the site cannot be built: an error page, not a hang.

MkDocs 1.6.1's live server keeps a failed rebuild to itself: it logs "The server will appear
stuck until build errors are resolved" and holds every request until a build succeeds, so the
browser spins with no message (and a content error at start-up stops the server). Instead, the
preview shows a page that lists each problem (file, line, what to do) and reloads itself when a
save fixes them:

- content errors: the `healthsite` plugin, when serving, builds this page in place of the site;
- any other failed rebuild (a broken macro, a strict-mode warning, a mistake in mkdocs.yml):
  `show_errors_instead` wraps the server's builder and writes this page.

The page is self-contained (inline style, no theme, no template): it must show even when the
theme, the templates or mkdocs.yml are what is broken. It is never part of a built site.
"""

from __future__ import annotations

import html
import logging
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from healthsite.adapters.mkdocs.build_log import describe, readable
from healthsite.source.errors import ContentProblem, Severity

# Every URL of the preview shows the page: index.html for the home page, and MkDocs' live
# server answers any other missing address with 404.html.
ERROR_FILES = ("index.html", "404.html")
# Loggers whose warnings explain a failed build: the builder's own (MkDocs' or, under ProperDocs,
# "properdocs.*"), the plugins' (named "mkdocs.plugins.*" under either) and this package's.
_LOGGERS = ("mkdocs", "properdocs", "healthsite")
_log = logging.getLogger("healthsite.adapters.mkdocs.preview")

# MkDocs' live server answers /livereload/<epoch>/<id> once a build newer than <epoch> is
# visible. Asking with 0 returns the current build at once; then wait for a newer one. (404.html
# is served without the script MkDocs injects into pages, so the page brings its own.)
# MkDocs internal: this URL is LiveReloadServer's private protocol with the script it injects
# (`_SCRIPT_TEMPLATE` in mkdocs/livereload/__init__.py). No public API gives a page the server
# did not inject a script into a way to learn of a new build. Checked with MkDocs 1.6.1 and
# ProperDocs 1.6.7; guarded by tests/test_preview.py
# (test_the_error_page_reloads_itself_onto_the_site_once_it_builds, in Chromium).
_RELOAD_SCRIPT = """
(function () {
  var seen = 0;
  function poll() {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var epoch = parseFloat(this.responseText);
      if (this.status === 200 && seen && epoch > seen) { location.reload(); return; }
      if (this.status === 200 && !seen) { seen = epoch; }
      setTimeout(poll, this.status === 200 ? 0 : 2000);
    };
    req.open("GET", "/livereload/" + seen + "/" + Date.now());
    req.send();
  }
  poll();
})();
"""

_STYLE = """
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto;
  padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; color: #a4000f; }
li { margin: 0 0 1rem; }
code, pre { font: 0.95rem/1.4 ui-monospace, monospace; background: #f2f2f2; padding: 0 0.2rem; }
pre { padding: 0.75rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.fix { display: block; margin-top: 0.25rem; }
.warning { color: #6b4e00; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #1e1e1e; } h1 { color: #ff8a8a; }
  code, pre { background: #2d2d2d; } .warning { color: #ffd27a; }
}
"""


def _problem_item(problem: ContentProblem) -> str:
    field = f" in <code>{html.escape(problem.field)}</code>" if problem.field else ""
    kind = "Warning" if problem.severity is Severity.WARNING else "Error"
    item = (
        f'<li><span class="{problem.severity.value}">{kind}</span> in '
        f"<code>{html.escape(problem.where)}</code>{field}: {html.escape(problem.message)}"
    )
    if problem.hint:
        item += f'<span class="fix">How to fix: {html.escape(problem.hint)}</span>'
    return item + "</li>"


def error_page(
    problems: Sequence[ContentProblem] = (),
    messages: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """The preview page for a build that failed: each content problem with where it is and how
    to fix it, then any other message (from MkDocs) that stopped the build, as it was logged,
    and last the warnings that did not (`notes`)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Preview: the site could not be built</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        "<h1>The site could not be built</h1>",
        "<p>Fix the problems below and save the file: this page reloads by itself and shows "
        "the site once it builds. The terminal running <code>make serve</code> shows the same "
        "messages.</p>",
    ]
    if problems:
        parts.append("<ol>")
        parts.extend(_problem_item(problem) for problem in sorted(problems))
        parts.append("</ol>")
    if messages:
        parts.append("<h2>What the site builder said</h2>")
        parts.extend(f"<pre>{html.escape(message)}</pre>" for message in messages)
    if notes:
        parts.append("<h2>Warnings (these do not stop the build)</h2>")
        parts.extend(f'<pre class="warning">{html.escape(note)}</pre>' for note in notes)
    parts.append(f"</main><script>{_RELOAD_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def write_error_site(site_dir: Path, page: str) -> None:
    """Empty `site_dir` (the preview's temporary folder) and put the error page in it, so no
    stale page of the last good build hides the error."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for name in ERROR_FILES:
        (site_dir / name).write_text(page, encoding="utf-8")


# MkDocs' last word on a strict build, which says only that the warnings before it stopped it.
_STRICT_ABORT = "Aborted with"


class _Collect(logging.Handler):
    """The build's warnings and errors: `causes`, what stops the build (any error, and the
    builder's own warnings, which strict mode turns into a stop), and `notes`, the content
    warnings (a review due soon), which never do."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.causes: list[str] = []
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = describe(record)
        if record.levelno < logging.ERROR and record.name.startswith("healthsite"):
            self.notes.append(text)
        else:
            self.causes.append(text)


class _Terminal(logging.Handler):
    """Prints this package's warnings and errors in the terminal of `make serve`, as MkDocs
    prints its own ("ERROR    -  ..."): MkDocs' handler is on its own logger only."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(f"{record.levelname:<8}-  {describe(record)}", file=sys.stderr, flush=True)
        except Exception:  # what logging's own handlers do when a record cannot be written
            self.handleError(record)


def print_in_terminal(serving: bool) -> None:
    """While serving: print this package's messages (content problems found at start-up or at
    any rebuild) in the terminal, with one handler however often the plugin starts. Any other
    command prints them its own way (`build_log`), so the handler goes."""
    logger = logging.getLogger("healthsite")
    ours = [handler for handler in logger.handlers if isinstance(handler, _Terminal)]
    if serving and not ours:
        logger.addHandler(_Terminal())
    if not serving:
        for handler in ours:
            logger.removeHandler(handler)


def _ancestors(logger: logging.Logger) -> Iterator[logging.Logger]:
    parent = logger.parent
    while parent is not None:
        yield parent
        parent = parent.parent


@contextmanager
def _collecting_warnings() -> Iterator[_Collect]:
    handler = _Collect()
    listed = [logging.getLogger(name) for name in _LOGGERS]
    # Under ProperDocs "mkdocs" is a child of "properdocs" (healthsite.adapters.mkdocs.builder): a
    # handler on
    # both would receive each of its records twice.
    loggers = [logger for logger in listed if not any(p in listed for p in _ancestors(logger))]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def show_errors_instead(builder: Callable[[], None], site_dir: Path) -> Callable[[], None]:
    """`builder`, except that a failed build writes the error page into `site_dir` and returns
    normally, so the live server reloads the browser onto the page instead of hanging."""

    def build() -> None:
        with _collecting_warnings() as logged:
            try:
                builder()
                return
            # Any failure must reach the browser. SystemExit too: mkdocs-macros exits on a
            # macro error (`on_error_fail`), which would otherwise stop the preview.
            except (Exception, SystemExit) as exc:
                reason = readable(str(exc).strip()) if isinstance(exc, Exception) else ""
                if logged.causes and reason.startswith(_STRICT_ABORT):
                    reason = ""  # the warnings above are the cause, and say more
                shown = [m for m in (*logged.causes, reason) if m]
                page = error_page(messages=shown or [type(exc).__name__], notes=logged.notes)
        write_error_site(site_dir, page)
        _log.error("The site could not be built; the preview shows why until it builds.")

    return build
