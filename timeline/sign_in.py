"""Who is using the dashboard: the local analyst on one's own machine, a signed-in account on a team's store.

Team mode (timeline.database.permissions.team_mode) puts a sign-in form before every page: a password
account of the store, or single sign-on through the organisation's identity provider with Streamlit's
`st.login` when `.streamlit/secrets.toml` has an `[auth]` section. A session ends on "Sign out" or
after `SESSION_MINUTES`.
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st
from sqlalchemy import Engine

from timeline.database import PermissionDenied, team_mode
from timeline.database.accounts import SignInError, account_identity, sign_in
from timeline.database.permissions import Identity
from timeline.text import plain_markdown

IDENTITY_KEY = "_identity"
SIGNED_IN_AT_KEY = "_signed_in_at"
NOTICE_KEY = "_sign_in_notice"
LOCAL_NAME_KEY = "analyst"  # the local analyst's name, kept across pages (timeline.ui.KEPT_KEYS)
SESSION_MINUTES = float(os.environ.get("POLICY_TIMELINE_SESSION_MINUTES", "480"))


def single_sign_on() -> bool:
    """Whether `.streamlit/secrets.toml` configures an identity provider for `st.login`."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def signed_in(engine: Engine) -> Identity | None:
    """This session's identity, once signed in and not expired; None before (or in local mode)."""
    identity = st.session_state.get(IDENTITY_KEY)
    started = st.session_state.get(SIGNED_IN_AT_KEY)
    if identity is not None and started is not None and _now() - started > dt.timedelta(minutes=SESSION_MINUTES):
        sign_out(notice="Your session expired; sign in again.")
        return None
    if identity is None and single_sign_on() and _provider_signed_in():
        identity = _from_provider(engine)
    return identity


def _from_provider(engine: Engine) -> Identity | None:
    """The account of the person the identity provider vouched for, matched by e-mail address."""
    email = str(st.user.get("email") or "").strip().lower()
    try:
        identity = account_identity(engine, email, "single sign-on")
    except PermissionDenied as error:
        st.session_state[NOTICE_KEY] = f"{error}. Ask an admin to add it."
        st.logout()
        return None
    _remember(identity)
    return identity


def _remember(identity: Identity) -> None:
    st.session_state[IDENTITY_KEY] = identity
    st.session_state[SIGNED_IN_AT_KEY] = _now()


def sign_out(notice: str | None = None) -> None:
    identity = st.session_state.pop(IDENTITY_KEY, None)
    st.session_state.pop(SIGNED_IN_AT_KEY, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if identity is not None and identity.method == "single sign-on" and _provider_signed_in():
        st.logout()  # else the provider's cookie would sign the session straight back in


def gate(engine: Engine) -> None:
    """In team mode: the signed-in identity in the sidebar with "Sign out", or the sign-in form and nothing else."""
    if not team_mode(engine):
        return
    identity = signed_in(engine)
    if identity is not None:
        st.sidebar.caption(f"Signed in as **{plain_markdown(identity.name)}** · {identity.role}")
        st.sidebar.button("Sign out", key="sign_out", icon=":material/logout:", on_click=sign_out)
        return
    _sign_in_form(engine)
    st.stop()


def _sign_in_form(engine: Engine) -> None:
    st.title("Sign in")
    st.caption("This dashboard is shared by a team: every change is recorded under the account that made it.")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(plain_markdown(notice))
    if single_sign_on():
        st.button("Sign in with your organisation", key="sign_in_sso", type="primary", on_click=st.login)
        st.caption("…or with an account of this dashboard:")
    with st.form("sign_in_form"):
        name = st.text_input("Account name", key="sign_in_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            _remember(sign_in(engine, name, password))
        except SignInError as error:
            st.error(plain_markdown(error))
            return
        st.rerun()


def acting_identity(engine: Engine) -> str:
    """Who this session's changes are recorded as: the signed-in identity, else the local analyst's name ('' unasked)."""
    if team_mode(engine):
        return st.session_state.get(IDENTITY_KEY) or ""
    return str(st.session_state.get(LOCAL_NAME_KEY) or "").strip()


def ask_local_name(engine: Engine, remind: bool = True) -> str:
    """The name the audit log records: asked once in the sidebar on the local store; the account on a team's.

    `remind` says on the page, while no name is given, that changes need one.
    """
    if team_mode(engine):
        return acting_identity(engine)
    name = st.sidebar.text_input(
        "Your name",
        key=LOCAL_NAME_KEY,
        placeholder="for the audit log",
        help="Every change is recorded with it; kept while you move between pages.",
    ).strip()
    if not name and remind:
        st.info("Give your name in the sidebar to make changes; every change is recorded with it.")
    return name


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _provider_signed_in() -> bool:
    # st.user holds no is_logged_in key where no sign-in ever ran (e.g. an AppTest); absent means not signed in.
    return bool(st.user.get("is_logged_in", False))
