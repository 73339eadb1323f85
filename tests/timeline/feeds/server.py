"""A local news site for the fetch tests: the fixture feeds and pages, odd encodings, redirects and failures.

Runs http.server on 127.0.0.1 in a thread and counts every request by path, so that a test can
check that each article was fetched once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "feeds"
HTML = "text/html"

# path -> (fixture file, content type, encoding to serve it in, charset named in the header or None)
PAGES = {
    "/feeds/rss.xml": ("rss.xml", "application/rss+xml", "utf-8", "utf-8"),
    "/feeds/atom.xml": ("atom.xml", "application/atom+xml", "utf-8", None),
    "/news/en-chips.html": ("en-chips.html", HTML, "utf-8", "utf-8"),
    "/syndicated/en-chips.html": ("en-chips-syndicated.html", HTML, "utf-8", None),
    # windows-1256 named in the header (the page's <meta> says so too)
    "/news/ar-summit.html": ("ar-summit.html", HTML, "cp1256", "windows-1256"),
    # GB18030 named only in the page's <meta>
    "/news/zh-port.html": ("zh-port.html", HTML, "gb18030", None),
    "/private/en-chips.html": ("en-chips.html", HTML, "utf-8", "utf-8"),
    "/notes/undated.html": ("en-undated.html", HTML, "utf-8", "utf-8"),
}
REDIRECTS = {"/old/chips": "/moved/chips", "/moved/chips": "/news/en-chips.html"}
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class NewsSite:
    """Start with `NewsSite().start()`; `url(path)` gives a full address; `requests` counts hits by path."""

    def __init__(self, generated_feeds: int = 0, articles_per_feed: int = 0, slow_seconds: float = 3.0) -> None:
        self.requests: Counter[str] = Counter()
        self.generated_feeds, self.articles_per_feed = generated_feeds, articles_per_feed
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else each answer waits out a 40 ms delayed ACK

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = urlsplit(self.path).path
                with site.lock:
                    site.requests[path] += 1
                    count = site.requests[path]
                site.answer(self, path, count)

            def log_message(self, *_) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> NewsSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, handler: BaseHTTPRequestHandler, path: str, count: int) -> None:
        if path == "/robots.txt":
            return send(handler, 200, "text/plain", ROBOTS.encode())
        if path in PAGES:
            name, content_type, encoding, charset = PAGES[path]
            body = (FIXTURES / name).read_text(encoding="utf-8").encode(encoding)
            header = f"{content_type}; charset={charset}" if charset else content_type
            return send(handler, 200, header, body, etag=f'"{name}-1"')
        if path in REDIRECTS:
            return send(handler, 301 if path.startswith("/old") else 302, HTML, b"", location=REDIRECTS[path])
        if path == "/flaky/en-chips.html":  # a server error, then the page
            if count == 1:
                return send(handler, 500, "text/plain", b"try again")
            return self.answer(handler, "/news/en-chips.html", count)
        if path == "/busy/en-chips.html":  # too many requests: come back in a second
            if count == 1:
                return send(handler, 429, "text/plain", b"slow down", retry_after="1")
            return self.answer(handler, "/news/en-chips.html", count)
        if path == "/slow/en-chips.html":
            time.sleep(self.slow_seconds)
            return self.answer(handler, "/news/en-chips.html", count)
        if path == "/huge/page.html":
            return send(handler, 200, HTML, b"<html><body><p>" + b"filler words " * 500_000 + b"</p></body></html>")
        if path == "/files/report.pdf":
            return send(handler, 200, "application/pdf", b"%PDF-1.4\n%fake\n")
        if path == "/down/feed.xml":
            return send(handler, 503, "text/plain", b"maintenance")
        if path.startswith("/gen/"):
            return self.generated(handler, path)
        return send(handler, 404, "text/plain", b"no such page")

    def generated(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        """Feeds /gen/feed-F.xml, each listing articles /gen/article-F-A.html, for load tests and the benchmark."""
        name = path.removeprefix("/gen/")
        if name.startswith("feed-") and name.endswith(".xml"):
            feed = int(name[5:-4])
            # Each feed also lists the next feed's first report: feeds overlap, as outlets' feeds do.
            listed = [(feed, number) for number in range(self.articles_per_feed)]
            listed.append(((feed + 1) % self.generated_feeds, 0))
            items = "".join(
                f"<item><title>Report {owner}-{number}</title><link>{self.base}/gen/article-{owner}-{number}.html"
                f"?utm_source=feed{feed}</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate></item>"
                for owner, number in listed
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'
            return send(handler, 200, "application/rss+xml", body.encode())
        if name.startswith("article-") and name.endswith(".html"):
            feed, number = name[8:-5].split("-")
            return send(handler, 200, HTML, generated_article(int(feed), int(number)).encode())
        return send(handler, 404, "text/plain", b"no such page")


def generated_article(feed: int, number: int) -> str:
    """A short English report, different for every (feed, number), with two dated happenings."""
    day = 1 + (feed * 7 + number) % 27
    return (
        f'<html lang="en"><head><title>Report {feed}-{number}</title>'
        f'<meta property="article:published_time" content="2025-03-03T09:00:00Z"></head><body>'
        f"<nav>Home | World | Business</nav><article><h1>Council {feed} reviews plan {number}</h1>"
        f"<p>The regional council number {feed} approved water plan {number} on {day} February, "
        f"its chair told reporters after a long session.</p>"
        f"<p>Engineers had surveyed district {number} of region {feed} last year before drafting the plan.</p>"
        f"</article><footer>Invented newsroom for tests</footer></body></html>"
    )


def send(handler, status: int, content_type: str, body: bytes, location=None, etag=None, retry_after=None) -> None:
    if etag and handler.headers.get("If-None-Match") == etag:
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    if location:
        handler.send_header("Location", location)
    if etag:
        handler.send_header("ETag", etag)
    if retry_after:
        handler.send_header("Retry-After", retry_after)
    handler.end_headers()
    # The client may give up (a timeout, the size limit): that is what those tests check.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(body)
