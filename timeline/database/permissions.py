"""Who may write what: one table of actions and the least role each needs, checked inside the store.

Every public write function of the store is wrapped by `guarded(action)`, which turns its `who`
argument into an `Identity` before the function runs, or raises `PermissionDenied`, changing nothing.

- Local mode (the SQLite default on one's own machine): `who` may be a plain name; it is the local
  analyst, with every right.
- Team mode (`POLICY_TIMELINE_TEAM=1`, and always on a server database): `who` must be an `Identity`
  that a sign-in or the command line's `--as` produced; its role is read again from the store's
  accounts at each write, so a changed role or a disabled account counts at once.
"""

from __future__ import annotations

import functools
import inspect
import os
import weakref
from collections.abc import Callable

from sqlalchemy import Engine, select

from timeline.database import tables
from timeline.database.errors import StoreError

ROLES = ("viewer", "analyst", "reviewer", "admin")  # each may do what the ones before it may
TEAM_VARIABLE = "POLICY_TIMELINE_TEAM"
LOCAL = "local"  # how a plain name in local mode is authenticated: not at all, by design
# Who acts when a local caller names no one (functions that record no name, such as backup).
LOCAL_ANALYST = "local analyst"
METHODS = (LOCAL, "password", "single sign-on", "command line")

# action -> (least role, what it is, in words for a refusal)
ACTIONS: dict[str, tuple[str, str]] = {
    "record_briefing": ("viewer", "record an exported briefing"),
    "mark_view_opened": ("viewer", "mark a saved view as opened"),
    "add_events": ("analyst", "add events"),
    "import_events": ("analyst", "import events"),
    "edit_candidate": ("analyst", "edit an unreviewed candidate"),
    "save_view": ("analyst", "save a view for the team"),
    "annotate": ("analyst", "tag events and write notes on them"),
    "edit_feeds": ("analyst", "add or remove news feeds"),
    "fetch_articles": ("analyst", "fetch articles"),
    "edit_event": ("reviewer", "edit a reviewed event"),
    "review": ("reviewer", "accept or reject events"),
    "delete": ("reviewer", "delete or undo a deletion"),
    "merge": ("reviewer", "merge or split events"),
    "edit_threads": ("reviewer", "edit policy threads"),
    "edit_sources": ("reviewer", "edit sources"),
    "add_actor": ("analyst", "add an actor to the registry"),
    "edit_registry": ("admin", "change the actor registry"),
    "backup": ("admin", "back up the store"),
    "restore": ("admin", "restore the store"),
    "manage_accounts": ("admin", "manage accounts"),
}

# Every function wrapped by `guarded`, by "module.name": what the role x action tests walk through.
REGISTRY: dict[str, tuple[Callable, str]] = {}
_modes: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


class PermissionDenied(StoreError, PermissionError):
    """A write its author may not make: not signed in, an unknown or disabled account, or too low a role."""


class Identity(str):
    """A person acting on the store: their name (what the audit log records), role and how they proved it.

    A str, so code that records `who` records the name; the role and method ride along.
    """

    role: str
    method: str

    def __new__(cls, name: str, role: str, method: str) -> Identity:
        name = str(name).strip()
        if not name:
            raise ValueError("an identity needs a name")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        if method not in METHODS:
            raise ValueError(f"unknown sign-in method {method!r}")
        identity = super().__new__(cls, name)
        identity.role, identity.method = role, method
        return identity

    @property
    def name(self) -> str:
        return str.__str__(self)

    def may(self, action: str) -> bool:
        """Whether this role may do `action` (the store checks again when it is done)."""
        return allows(self.role, action)

    def __repr__(self) -> str:
        return f"Identity({self.name!r}, {self.role!r}, {self.method!r})"


def allows(role: str, action: str) -> bool:
    return ROLES.index(role) >= ROLES.index(ACTIONS[action][0])


def set_mode(engine: Engine, team: bool) -> None:
    """Fix this engine's mode instead of reading it from the settings (see `team_mode`)."""
    _modes[engine] = team


def team_mode(engine: Engine) -> bool:
    """Whether writes need a signed-in identity: set per engine, else $POLICY_TIMELINE_TEAM, else a server database."""
    if engine in _modes:
        return _modes[engine]
    return configured_team(engine.dialect.name)


def configured_team(backend: str) -> bool:
    """Team mode as the settings give it: a server database always, SQLite when $POLICY_TIMELINE_TEAM says so."""
    flag = os.environ.get(TEAM_VARIABLE, "").strip().lower()
    return backend != "sqlite" or flag in ("1", "true", "yes", "on")


def require(engine: Engine, who: object, action: str) -> Identity:
    """The identity acting, if it may do `action` on this store; else PermissionDenied."""
    least, doing = ACTIONS[action]
    if team_mode(engine):
        if not isinstance(who, Identity) or who.method == LOCAL:
            raise PermissionDenied(
                f"this store is shared by a team: sign in to {doing} (a name alone is not enough: {str(who)!r})"
            )
        identity = Identity(who.name, account_role(engine, who.name), who.method)
    elif isinstance(who, Identity):
        identity = who
    else:
        name = str(who or "").strip()
        if not name:
            raise ValueError("who: give the name of the analyst making the change")
        identity = Identity(name, "admin", LOCAL)
    check(identity, action)
    return identity


def check(identity: Identity, action: str) -> None:
    """Refuse `action` to an identity `require` already resolved, for a check that depends on what is stored."""
    if not identity.may(action):
        least, doing = ACTIONS[action]
        raise PermissionDenied(f"{identity.name} ({identity.role}) may not {doing}: that needs the {least} role")


def account_role(engine: Engine, name: str) -> str:
    """The role of an active account, read now; PermissionDenied for an unknown or disabled one."""
    accounts = tables.accounts
    with engine.connect() as connection:
        row = connection.execute(
            select(accounts.c.role, accounts.c.disabled_at).where(accounts.c.name == name)
        ).one_or_none()
    if row is None:
        raise PermissionDenied(f"no account {name!r} in this store")
    if row.disabled_at is not None:
        raise PermissionDenied(f"the account {name!r} is disabled")
    return row.role


def guarded(action: str) -> Callable[[Callable], Callable]:
    """Check `who` against `action` before the function runs, and pass it on as an Identity.

    The function must take the engine as its first argument and the acting person as `who`.
    """
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")

    def wrap(function: Callable) -> Callable:
        signature = inspect.signature(function)
        if "who" not in signature.parameters:
            raise TypeError(f"{function.__qualname__} takes no `who`")

        @functools.wraps(function)
        def checked(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            engine = next(iter(bound.arguments.values()))
            bound.arguments["who"] = require(engine, bound.arguments["who"], action)
            return function(*bound.args, **bound.kwargs)

        checked.action = action  # type: ignore[attr-defined]
        REGISTRY[f"{function.__module__}.{function.__name__}"] = (checked, action)
        return checked

    return wrap
