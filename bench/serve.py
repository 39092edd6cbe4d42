"""Serve a built output folder on 127.0.0.1 as GitHub Pages does: text gzipped (level 6), max-age=600.

Used by bench/phone.py (Lighthouse); run alone to look at a site the same way:
    .venv/bin/python bench/serve.py site 8765
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import mimetypes
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

GZIP_LEVEL = 6
_TEXT = ("text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml")
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("text/calendar", ".ics")


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        kind = self.guess_type(str(path))
        data = path.read_bytes()
        packed = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(_TEXT)
        if packed:
            data = gzip.compress(data, GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith(_TEXT[:3]) else ""))
        if packed:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def serving(folder: Path, port: int = 0) -> Iterator[str]:
    """The folder served over HTTP in a background thread; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    with serving(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8765) as url:
        print(f"Serving {sys.argv[1]} gzipped at {url} (Ctrl-C stops)")
        threading.Event().wait()
