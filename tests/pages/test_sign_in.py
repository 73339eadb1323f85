"""Signing in on a team's store, through the pages (AppTest): wrong password, lockout, expiry, sign-out."""

from __future__ import annotations

import pytest

from tests.pages.conftest import open_page
from timeline.database import open_store
from timeline.database.accounts import account_identity, add_account, add_first_admin

PASSWORD = "a long enough password"


@pytest.fixture
def team_store(fresh_store, monkeypatch):
    monkeypatch.setenv("POLICY_TIMELINE_TEAM", "1")
    monkeypatch.setattr("timeline.database.accounts.FAILURE_DELAY_SECONDS", 0.0)
    engine = open_store(fresh_store)
    add_first_admin(engine, "root", PASSWORD)
    add_account(engine, "ana", "analyst", PASSWORD, account_identity(engine, "root", "password"))
    return engine


def _sign_in(app, name: str, password: str):
    app.text_input(key="sign_in_name").input(name)
    app.text_input(key="sign_in_password").input(password)
    return app.button(key="FormSubmitter:sign_in_form-Sign in").click().run()


def _titles(app) -> list[str]:
    return [title.value for title in app.title]


def test_nothing_is_shown_before_signing_in_and_a_wrong_password_is_refused(team_store, app):
    app.run()
    assert _titles(app) == ["Sign in"]
    assert not app.get("plotly_chart")  # not even the timeline is drawn
    _sign_in(app, "ana", "not the password")
    assert [error.value for error in app.error] == ["wrong name or password"]
    _sign_in(app, "nobody", PASSWORD)
    assert [error.value for error in app.error] == ["wrong name or password"]  # an unknown name says the same
    _sign_in(app, "ana", PASSWORD)
    assert "Sign in" not in _titles(app)
    assert any("Signed in as **ana** · analyst" in caption.value for caption in app.sidebar.caption)


def test_the_signed_in_account_replaces_the_name_field_and_sign_out_ends_the_session(team_store, app):
    app.run()
    _sign_in(app, "ana", PASSWORD)
    open_page(app, "pages/edit.py")
    assert not [field for field in app.text_input if field.key == "analyst"]  # no name to type: the account is it
    app.button(key="sign_out").click().run()
    assert _titles(app) == ["Sign in"]


def test_five_failures_lock_the_account_even_against_the_right_password(team_store, app):
    app.run()
    for _ in range(5):
        _sign_in(app, "ana", "wrong password!")
    assert "locked" in app.error[0].value
    _sign_in(app, "ana", PASSWORD)
    assert "locked" in app.error[0].value
    assert _titles(app) == ["Sign in"]


def test_a_session_expires(team_store, app, monkeypatch):
    app.run()
    _sign_in(app, "ana", PASSWORD)
    monkeypatch.setattr("timeline.sign_in.SESSION_MINUTES", 0.0)
    app.run()
    assert _titles(app) == ["Sign in"]
    assert "expired" in app.info[0].value


def test_single_sign_on_is_offered_when_the_secrets_configure_it(team_store, app):
    app.secrets["auth"] = {
        "redirect_uri": "https://timeline.example.org/oauth2callback",
        "cookie_secret": "a random string kept secret",
        "client_id": "policy-timeline",
        "client_secret": "from the identity provider",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
    app.run()
    assert not app.exception, app.exception
    assert "Sign in with your organisation" in [button.label for button in app.button]


def test_the_local_store_asks_no_sign_in(app):
    open_page(app, "pages/edit.py")
    assert "Sign in" not in _titles(app)
    assert [field for field in app.text_input if field.key == "analyst"]
