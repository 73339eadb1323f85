"""A team's dashboard in Chromium: signing in with a password account, and two servers on one PostgreSQL."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from bench._postgres import reset_postgres
from tests.browser.conftest import start_dashboard, stop_dashboard, wait_until_idle
from tests.conftest import PG_URL_VARIABLE, needs_chromium
from timeline.database.accounts import account_identity, add_account, add_first_admin
from timeline.store import open_seeded_store

PASSWORD = "a long enough password"
EVENT = "paris-ai-action-summit"
PG_URL = os.environ.get(PG_URL_VARIABLE)


def _accounts(engine, *names_and_roles) -> None:
    add_first_admin(engine, "root", PASSWORD)
    root = account_identity(engine, "root", "password")
    for name, role in names_and_roles:
        add_account(engine, name, role, PASSWORD, root)


def _sign_in(page, url: str, name: str, password: str, path: str = "") -> None:
    page.goto(f"{url}/{path}")
    wait_until_idle(page, timeout_ms=90_000)  # a server's first page opens the store
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_timeout(1_000)  # the run the click starts may not have begun yet
    wait_until_idle(page)


@needs_chromium
def test_password_sign_in_wrong_password_lockout_expiry_and_sign_out(browser, tmp_path):
    store = f"sqlite:///{tmp_path / 'team.sqlite'}"
    _accounts(open_seeded_store(store), ("ana", "analyst"), ("bo", "viewer"))
    settings = {
        "POLICY_TIMELINE_DB": store,
        "POLICY_TIMELINE_TEAM": "1",
        "POLICY_TIMELINE_SIGN_IN_DELAY": "0.2",
        "POLICY_TIMELINE_SESSION_MINUTES": "0.3",
    }
    url, server = start_dashboard(settings)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        _sign_in(page, url, "ana", "not the password")
        expect(page.get_by_text("wrong name or password")).to_be_visible(timeout=30_000)
        assert page.locator("[data-testid=stPlotlyChart]").count() == 0  # nothing of the data before signing in

        _sign_in(page, url, "ana", PASSWORD)
        sidebar = page.locator("[data-testid=stSidebar]")
        expect(sidebar.get_by_text("Signed in as")).to_be_visible(timeout=30_000)
        page.screenshot(path=str(tmp_path / "signed-in.png"))
        sidebar.get_by_role("button", name="Sign out").click()
        wait_until_idle(page)
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=30_000)

        for _ in range(5):
            _sign_in(page, url, "bo", "wrong password!")
        _sign_in(page, url, "bo", PASSWORD)
        expect(page.get_by_text("too many failed sign-ins")).to_be_visible(
            timeout=30_000
        )  # locked, even with the right password

        _sign_in(page, url, "ana", PASSWORD)
        expect(sidebar.get_by_text("Signed in as")).to_be_visible(timeout=30_000)
        page.wait_for_timeout(19_000)  # the session lasts 0.3 minutes here
        # A reload would start a new session (signed out, with no notice); moving to another page keeps this one.
        sidebar.get_by_role("link", name="Events").click()
        wait_until_idle(page)
        expect(page.get_by_text("Your session expired")).to_be_visible(timeout=30_000)
    finally:
        context.close()
        stop_dashboard(server)


@needs_chromium
@pytest.mark.skipif(not PG_URL, reason=f"set {PG_URL_VARIABLE} (scripts/start-postgres.sh)")
def test_two_servers_on_one_postgresql_see_each_others_edits_and_refuse_a_stale_save(browser, tmp_path):
    reset_postgres(PG_URL)
    _accounts(open_seeded_store(PG_URL), ("rana", "reviewer"), ("sami", "reviewer"))
    first, first_server = start_dashboard({"POLICY_TIMELINE_DB": PG_URL})
    second, second_server = start_dashboard({"POLICY_TIMELINE_DB": PG_URL})
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    rana, sami = (context.new_page() for context in contexts)
    try:
        # Signed in on the event's own address, each page shows its form; a reload would sign them out.
        _sign_in(sami, second, "sami", PASSWORD, f"edit?event={EVENT}")
        _sign_in(rana, first, "rana", PASSWORD, f"edit?event={EVENT}")
        # Both forms are open on the same version; Rana saves first, on the first server.
        rana.get_by_label("Title", exact=True).fill("Paris summit, edited on the first server")
        rana.get_by_role("button", name="Save", exact=True).click()
        wait_until_idle(rana)
        sami.get_by_label("Title", exact=True).fill("Paris summit, edited on the second server")
        sami.get_by_role("button", name="Save", exact=True).click()
        wait_until_idle(sami)
        expect(sami.get_by_text("Nothing was saved", exact=False).first).to_be_visible(timeout=30_000)
        sami.screenshot(path=str(tmp_path / "refused-on-second.png"))
        # The second server shows the first server's edit without a restart.
        _sign_in(sami, second, "sami", PASSWORD, f"edit?event={EVENT}")
        expect(sami.get_by_label("Title", exact=True)).to_have_value(
            "Paris summit, edited on the first server", timeout=30_000
        )
    finally:
        for context in contexts:
            context.close()
        stop_dashboard(first_server)
        stop_dashboard(second_server)
