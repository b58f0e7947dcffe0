"""What the browser tests and the Lighthouse audit share: a built site served on a free
loopback port, and Debian's Chromium with the flags it needs on a closed network.

Only 127.0.0.1 is ever used; the server runs in a thread and stops when the block ends.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps calling Google services, which the closed network
# here refuses (and which would leak a visit anyway).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serve_directory(
    handler: type[http.server.SimpleHTTPRequestHandler], directory: Path, name: str = "site-server"
) -> Iterator[str]:
    """Serve `directory` with `handler`; yields the origin, such as "http://127.0.0.1:40123"."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
