"""Markdown in a link's search text stays text in a real browser: no live link, and nothing fetched from outside."""

from urllib.parse import quote, urlsplit

import pytest

from tests.browser.conftest import wait_until_idle

pytestmark = pytest.mark.browser
SEARCH = "[click me](https://evil.example/q) ![t](https://evil.example/pixel.png)"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.mark.parametrize("path", ["events", "actors", ""])
def test_markdown_from_a_link_fetches_nothing_from_outside(page, dashboard_url, path):
    outside = []

    def only_local(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{dashboard_url}/{path}?q={quote(SEARCH)}&actor={quote('[x](https://evil.example/a)')}")
    wait_until_idle(page)
    page.get_by_text("[click me](https:", exact=False).first.wait_for()  # shown as typed
    page.wait_for_timeout(500)  # let images and late requests start
    assert page.locator('a[href*="evil.example"], img[src*="evil.example"]').count() == 0
    assert outside == []
