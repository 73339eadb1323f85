"""The fetcher against the local news site: every case ends in a body or an explained FetchError."""

from __future__ import annotations

import time

import pytest

from timeline.feeds.fetcher import USER_AGENT, Fetcher, FetchError, FetchSettings


def test_page_is_fetched_with_charset_and_validators(site, fetcher):
    answer = fetcher.get(site.url("/news/ar-summit.html"))
    assert answer.status == 200
    assert answer.charset == "windows-1256"
    assert answer.etag == '"ar-summit.html-1"'
    assert "وزراء".encode("cp1256") in answer.content


def test_redirect_chain_is_followed_and_recorded(site, fetcher):
    answer = fetcher.get(site.url("/old/chips"))
    assert answer.final_url == site.url("/news/en-chips.html")
    assert answer.redirects == [site.url("/moved/chips"), site.url("/news/en-chips.html")]


def test_conditional_request_gets_not_modified(site, fetcher):
    first = fetcher.get(site.url("/feeds/rss.xml"), kind="feed")
    again = fetcher.get(site.url("/feeds/rss.xml"), kind="feed", etag=first.etag)
    assert again.not_modified and again.content == b""


def test_server_error_is_retried_until_the_page_comes(site, fetcher):
    answer = fetcher.get(site.url("/flaky/en-chips.html"))
    assert answer.status == 200
    assert site.requests["/flaky/en-chips.html"] == 2


def test_too_many_requests_waits_as_the_server_asks(site, fetcher):
    started = time.monotonic()
    answer = fetcher.get(site.url("/busy/en-chips.html"))
    assert answer.status == 200 and site.requests["/busy/en-chips.html"] == 2
    assert time.monotonic() - started >= 1.0  # Retry-After: 1, not the 0.05 s backoff


@pytest.mark.parametrize(
    ("path", "reason", "retry_later"),
    [
        ("/missing.html", "HTTP 404 Not Found", False),
        ("/private/en-chips.html", "robots.txt of 127.0.0.1:", False),
        ("/files/report.pdf", "application/pdf is not an HTML page", False),
        ("/huge/page.html", "MB is over the 5 MB limit", False),
        ("/slow/en-chips.html", "no answer within 0.5 s (2 attempts)", True),
        ("/down/feed.xml", "HTTP 503 Service Unavailable (2 attempts)", True),
    ],
)
def test_failures_are_explained(site, fetcher, path, reason, retry_later):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url(path))
    assert reason in caught.value.reason
    assert caught.value.retry_later is retry_later


def test_forbidden_page_is_never_requested(site, fetcher):
    with pytest.raises(FetchError):
        fetcher.get(site.url("/private/en-chips.html"))
    assert site.requests["/private/en-chips.html"] == 0
    assert site.requests["/robots.txt"] == 1


def test_requests_to_one_host_are_spaced(site):
    with Fetcher(FetchSettings(host_interval=0.2, retries=0)) as paced:
        started = time.monotonic()
        for _ in range(3):
            paced.get(site.url("/news/en-chips.html"))
        elapsed = time.monotonic() - started
    # robots.txt, then three pages: three gaps of 0.2 s at least
    assert elapsed >= 0.6


def test_user_agent_names_the_project(site, fetcher):
    captured = {}
    original = site.answer

    def spy(handler, path, count):
        captured[path] = handler.headers.get("User-Agent")
        original(handler, path, count)

    site.answer = spy
    fetcher.get(site.url("/news/en-chips.html"))
    assert captured["/news/en-chips.html"] == USER_AGENT
    assert "PolicyTimeline" in USER_AGENT
