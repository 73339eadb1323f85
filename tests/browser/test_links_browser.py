"""Copy link on every page, in a real browser: the address it gives opens the same view, and so does the
address an export's footnote carries; no page fetches anything from a host other than the dashboard's."""

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import wait_until_idle
from timeline import ui

pytestmark = pytest.mark.browser
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# What a page shows that a link must reproduce: its captions (counts and filters), its select boxes,
# the sidebar's multiselects, and the page itself.
VIEW = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const texts = selector => [...main.querySelectorAll(selector)].map(element => element.innerText);
    return {
        path: location.pathname,
        captions: texts('[data-testid=stCaptionContainer]'),
        selects: texts('[data-testid=stSelectbox]'),
        filters: [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stMultiSelect]')]
            .map(element => element.innerText),
    };
}"""
FAVICON = "() => [...document.querySelectorAll('link[rel*=icon]')].map(link => link.href)"


@pytest.fixture
def local_only(browser):
    """A browser context that refuses, and records, every request to a host other than the dashboard's."""
    outside: list[str] = []

    def route(request_route):
        address = request_route.request.url
        if address.startswith(("data:", "blob:")) or urlsplit(address).hostname in LOCAL_HOSTS:
            request_route.continue_()
        else:
            outside.append(address)
            request_route.abort()

    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    context.route("**/*", route)
    yield context, outside
    context.close()


def choose_category(page, label: str) -> None:
    categories = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(1)
    categories.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settled(page)


def copied_link(page) -> str:
    page.get_by_role("button", name="Copy link").last.click()
    code = page.locator("[data-testid=stPopoverBody] code").last
    code.wait_for()
    return code.inner_text().strip()


def settled(page) -> None:
    """Wait for the run to end and every element to be drawn: lazily loaded ones show a skeleton first."""
    # Generous: on a shared two-core machine a first run, which seeds the store, can take a minute or more.
    wait_until_idle(page, 180_000)
    page.wait_for_function("() => !document.querySelector('[data-testid^=stSkeleton]')", timeout=180_000)


def fresh_view(context, address: str) -> dict:
    opened = context.new_page()
    opened.goto(address)
    settled(opened)
    view = opened.evaluate(VIEW)
    opened.close()
    return view


@pytest.mark.parametrize(("label", "path"), [(label, ui.page_path(label)) for _, label, _ in ui.PAGES])
def test_copy_link_reopens_the_same_view(local_only, dashboard_url, label, path):
    context, outside = local_only
    page = context.new_page()
    page.goto(f"{dashboard_url}/{path}")
    settled(page)
    assert urlsplit(page.url).query == "", f"{label} wrote defaults into its address: {page.url}"
    choose_category(page, "Export control")
    shown = page.evaluate(VIEW)
    assert any(tag.startswith("Export control") for tag in shown["filters"][1].splitlines())
    link = copied_link(page)
    assert link.startswith(f"{dashboard_url}/{path}?") and "category=export_control" in link, link
    assert fresh_view(context, link) == shown
    icons = page.evaluate(FAVICON)
    assert all(icon.startswith("data:") or urlsplit(icon).hostname in LOCAL_HOSTS for icon in icons), icons
    assert outside == [], f"{label} asked outside hosts for {outside}"


def test_the_briefing_export_footnote_opens_the_same_view(local_only, dashboard_url):
    context, outside = local_only
    page = context.new_page()
    page.goto(f"{dashboard_url}/briefing")
    settled(page)
    choose_category(page, "Export control")
    shown = page.evaluate(VIEW)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="HTML").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    described = re.search(r"<meta name='description' content=\"([^\"]*)\">", exported)
    assert described, "the HTML export carries no description"
    address = re.search(r"View: (\S+)", html.unescape(described.group(1))).group(1)
    assert address.startswith(f"{dashboard_url}/briefing?") and "category=export_control" in address
    assert fresh_view(context, address) == shown
    assert outside == []
