"""A polite HTTP client: timeouts, retries with backoff, conditional requests, a per-host pace, robots.txt, a size cap."""

from __future__ import annotations

import email.utils
import os
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

USER_AGENT = "PolicyTimeline/1.0 (news reader for policy analysts; honours robots.txt)"
MAX_BYTES = 5 * 1024 * 1024  # the same bound as an article file
MAX_REDIRECTS = 5
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "text/plain", "text/html")  # feeds are often served under a loose type
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRIED_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 30.0  # seconds: a longer wait is left to the next run's backoff


class FetchError(Exception):
    """A fetch that failed, with a one-line reason; `retry_later` when another run may succeed."""

    def __init__(self, url: str, reason: str, retry_later: bool, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.retry_later, self.status = url, reason, retry_later, status
        self.wait: float | None = None  # seconds the server asked us to wait (Retry-After)

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"  # the reason grows a count of attempts after retries


@dataclass
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content: bytes = b""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)  # each address redirected to, in order

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class FetchSettings:
    timeout: float = 15.0
    retries: int = 2  # further attempts after the first, for timeouts, lost connections and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    host_interval: float = 1.0  # seconds between two requests to one host
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT

    @classmethod
    def from_environment(cls) -> FetchSettings:
        """Defaults, with POLICY_TIMELINE_FETCH_TIMEOUT / _RETRIES / _BACKOFF / _HOST_INTERVAL when set."""
        settings = cls()
        for name, kind in (("timeout", float), ("retries", int), ("backoff", float), ("host_interval", float)):
            value = os.environ.get(f"POLICY_TIMELINE_FETCH_{name.upper()}")
            if value:
                setattr(settings, name, kind(value))
        return settings


class Fetcher:
    """One per run: it keeps each host's robots.txt and the time of its last request."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings.from_environment()
        self.client = httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=False,
            headers={"User-Agent": self.settings.user_agent},
        )
        self._robots: dict[str, RobotFileParser | FetchError] = {}
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def get(self, url: str, kind: str = "page", etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The body at `url` (kind "page" or "feed"); a 304 when etag/last_modified show it unchanged."""
        self._check_robots(url)
        headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
        if kind == "feed":
            headers["Accept"] = "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._get_once(url, kind, headers)
            except FetchError as error:
                if not error.retry_later or attempt >= self.settings.retries:
                    if attempt:
                        error.reason += f" ({attempt + 1} attempts)"
                    raise
                time.sleep(error.wait or self.settings.backoff * 2**attempt)
                attempt += 1

    def _get_once(self, url: str, kind: str, headers: dict[str, str]) -> Fetched:
        # Redirects are followed here, one hop at a time, so each address is checked against robots.txt first.
        current, redirects = url, []
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                self._wait_for_host(current)
                response = self.client.send(self.client.build_request("GET", current, headers=headers), stream=True)
                try:
                    if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
                        target = str(response.url.join(response.headers["Location"]))
                        redirects.append(target)
                        self._check_robots(target)
                        current = target
                        continue
                    return self._answer(url, kind, response, redirects)
                finally:
                    response.close()
        except httpx.TimeoutException:
            raise FetchError(url, f"no answer within {self.settings.timeout:g} s", retry_later=True) from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"connection failed ({type(error).__name__}: {error})", retry_later=True) from None
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", retry_later=False)

    def _answer(self, url: str, kind: str, response: httpx.Response, redirects: list[str]) -> Fetched:
        fetched = Fetched(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            charset=response.charset_encoding,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            redirects=redirects,
        )
        if response.status_code == 304:
            return fetched
        self._check_status(url, response)
        self._check_type(url, kind, response.headers.get("Content-Type", ""))
        fetched.content = self._read_capped(url, response)
        return fetched

    def _check_status(self, url: str, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        reason = f"HTTP {status} {response.reason_phrase}".rstrip()
        error = FetchError(url, reason, retry_later=status in RETRIED_STATUSES, status=status)
        wait = _retry_after(response.headers.get("Retry-After"))
        if wait is not None:
            error.wait = min(wait, MAX_RETRY_AFTER)
        raise error

    def _check_type(self, url: str, kind: str, content_type: str) -> None:
        media_type = content_type.split(";")[0].strip().lower()
        accepted = PAGE_TYPES if kind == "page" else FEED_TYPES
        if media_type and not any(part in media_type for part in accepted):
            wanted = "an HTML page" if kind == "page" else "a feed"
            raise FetchError(url, f"{media_type} is not {wanted}", retry_later=False)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                url, f"{int(declared) / 1e6:.1f} MB is over the {limit / 2**20:g} MB limit", retry_later=False
            )
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"over the {limit / 2**20:g} MB limit", retry_later=False)
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            wait = self._last_request.get(host, -1e9) + self.settings.host_interval - time.monotonic()
            self._last_request[host] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, FetchError):
            raise FetchError(url, rules.reason, retry_later=True)
        if not rules.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, f"robots.txt of {parts.netloc} forbids this address", retry_later=False)

    def _read_robots(self, origin: str) -> RobotFileParser | FetchError:
        """The host's rules; as RFC 9309 says, a missing file (4xx) allows all, an unreachable one (5xx) none."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        self._wait_for_host(origin)
        try:
            response = self.client.get(f"{origin}/robots.txt")
        except httpx.HTTPError as error:
            return FetchError(origin, f"robots.txt unreachable ({type(error).__name__})", retry_later=True)
        if response.status_code >= 500:
            return FetchError(origin, f"robots.txt unreachable (HTTP {response.status_code})", retry_later=True)
        if response.status_code >= 400:
            rules.parse([])
        else:
            rules.parse(response.text[:500_000].splitlines())
        return rules


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None  # an unreadable Retry-After: the usual backoff applies
    return max(0.0, moment.timestamp() - time.time())
