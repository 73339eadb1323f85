"""Accounts of a team's store: Argon2 password hashes, roles, lockout after repeated failed sign-ins.

Managed by an admin (or, in local mode, the local analyst); signing in is `sign_in`, which slows every
failure and locks the account for a while after `MAX_FAILURES` in a row.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, insert, select, update

from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import StoreError
from timeline.database.permissions import ROLES, Identity, PermissionDenied, guarded

MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCKOUT = dt.timedelta(minutes=15)
# Each failure waits this long before answering, so guessing is slow even before the lockout.
FAILURE_DELAY_SECONDS = float(os.environ.get("POLICY_TIMELINE_SIGN_IN_DELAY", "1.0"))
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # Argon2 hashes anything; a megabyte "password" is an attack on the CPU
_hasher = PasswordHasher()  # argon2-cffi's defaults: Argon2id, RFC 9106's low-memory profile
# Verified against when the name is unknown, so an unknown name costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("no account has this password")


class AccountError(StoreError, ValueError):
    """An account request that cannot be carried out as given (bad role, short password, name taken)."""


class SignInError(StoreError):
    """A refused sign-in; the message never says whether the name or the password was wrong."""


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    return role


def _checked_password(password: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"a password needs {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters")
    return password


@guarded("manage_accounts")
def add_account(engine: Engine, name: str, role: str, password: str | None, who: str) -> None:
    """Create an account; without a password it signs in only through the identity provider (its e-mail as name)."""
    name = str(name).strip()
    if not name or len(name) > 200:
        raise AccountError("an account needs a name of 1 to 200 characters")
    role = _checked_role(role)
    hashed = _hasher.hash(_checked_password(password)) if password is not None else None
    now = utc_now()
    with write_transaction(engine) as connection:
        if _account(connection, name) is not None:
            raise AccountError(f"the account {name!r} already exists")
        connection.execute(
            insert(tables.accounts).values(
                name=name,
                role=role,
                password_hash=hashed,
                failed_sign_ins=0,
                created_at=now,
                updated_at=now,
            )
        )
        _log(connection, who, name, "add", {"role": role, "password": hashed is not None})


@guarded("manage_accounts")
def set_role(engine: Engine, name: str, role: str, who: str) -> None:
    role = _checked_role(role)
    with write_transaction(engine) as connection:
        old = _existing(connection, name).role
        _change(connection, name, role=role)
        _log(connection, who, name, "set_role", {"role": {"old": old, "new": role}})


@guarded("manage_accounts")
def disable_account(engine: Engine, name: str, who: str, disabled: bool = True) -> None:
    """Disable an account (its sessions can write nothing more), or enable it again."""
    with write_transaction(engine) as connection:
        _existing(connection, name)
        _change(connection, name, disabled_at=utc_now() if disabled else None)
        _log(connection, who, name, "disable" if disabled else "enable", {})


@guarded("manage_accounts")
def reset_password(engine: Engine, name: str, password: str, who: str) -> None:
    """Set a new password and lift any lockout."""
    hashed = _hasher.hash(_checked_password(password))
    with write_transaction(engine) as connection:
        _existing(connection, name)
        _change(connection, name, password_hash=hashed, failed_sign_ins=0, locked_until=None)
        _log(connection, who, name, "reset_password", {})


def list_accounts(engine: Engine) -> pd.DataFrame:
    """Every account: name, role, whether it has a password, disabled, locked until (no hash)."""
    accounts = tables.accounts
    query = select(
        accounts.c.name,
        accounts.c.role,
        accounts.c.password_hash.is_not(None).label("password"),
        accounts.c.disabled_at,
        accounts.c.locked_until,
    ).order_by(accounts.c.name)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame(rows, columns=["name", "role", "password", "disabled_at", "locked_until"])


def account_identity(engine: Engine, name: str, method: str) -> Identity:
    """The identity of an active account, for the command line's --as and single sign-on."""
    with engine.connect() as connection:
        row = _account(connection, str(name).strip())
    if row is None:
        raise PermissionDenied(f"no account {name!r} in this store (an admin adds it: python -m timeline users add)")
    if row.disabled_at is not None:
        raise PermissionDenied(f"the account {name!r} is disabled")
    return Identity(row.name, row.role, method)


def sign_in(engine: Engine, name: str, password: str, now: dt.datetime | None = None) -> Identity:
    """The identity of `name` if `password` is its password; SignInError otherwise, after a delay.

    Failures in a row are counted; the `MAX_FAILURES`th locks the account for `LOCKOUT`, during which
    even the right password is refused.
    """
    now = now or utc_now()
    name = str(name).strip()
    password = str(password)[:MAX_PASSWORD_LENGTH]
    with write_transaction(engine) as connection:
        row = _account(connection, name, lock=True)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            _slow()
            minutes = max(1, round((row.locked_until - now).total_seconds() / 60))
            raise SignInError(f"too many failed sign-ins: this account is locked for {minutes} more minute(s)")
        if _matches(row.password_hash if row is not None else None, password) and row.disabled_at is None:
            _change(connection, name, failed_sign_ins=0, locked_until=None)
            if _hasher.check_needs_rehash(row.password_hash):
                _change(connection, name, password_hash=_hasher.hash(password))
            return Identity(row.name, row.role, "password")
        if row is not None:
            failures = row.failed_sign_ins + 1
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            _change(connection, name, failed_sign_ins=0 if locked else failures, locked_until=locked)
            if locked:
                _log(connection, name, name, "lock", {"failures": failures})
    _slow()  # after the transaction: a failure is recorded even if the caller gives up waiting
    if row is not None and row.failed_sign_ins + 1 >= MAX_FAILURES:
        raise SignInError(f"too many failed sign-ins: this account is locked for {round(LOCKOUT.seconds / 60)} minutes")
    raise SignInError("wrong name or password")


def _matches(hashed: str | None, password: str) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _slow() -> None:
    time.sleep(FAILURE_DELAY_SECONDS)


def _account(connection: Connection, name: str, lock: bool = False):
    query = select(tables.accounts).where(tables.accounts.c.name == name)
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def _existing(connection: Connection, name: str):
    row = _account(connection, name, lock=True)
    if row is None:
        raise AccountError(f"no account {name!r}")
    return row


def _change(connection: Connection, name: str, **values) -> None:
    accounts = tables.accounts
    connection.execute(update(accounts).where(accounts.c.name == name).values(**values, updated_at=utc_now()))


def _log(connection: Connection, who: str, account: str, action: str, changes: dict) -> None:
    connection.execute(
        insert(tables.account_log).values(at=utc_now(), who=who, account=account, action=action, changes=changes)
    )


def account_history(engine: Engine, name: str) -> list[tuple[dt.datetime, str, str, dict]]:
    """(when, who, action, changes) for one account, oldest first."""
    log = tables.account_log
    with engine.connect() as connection:
        rows = connection.execute(select(log).where(log.c.account == name).order_by(log.c.id)).all()
    return [(row.at, row.who, row.action, row.changes) for row in rows]


def add_first_admin(engine: Engine, name: str, password: str | None) -> None:
    """Create the store's first account, an admin: the one account no one signed in can vouch for.

    Refused once any account exists; from then on admins add accounts (add_account).
    """
    name = str(name).strip()
    if not name or len(name) > 200:
        raise AccountError("an account needs a name of 1 to 200 characters")
    hashed = _hasher.hash(_checked_password(password)) if password is not None else None
    now = utc_now()
    with write_transaction(engine) as connection:
        if connection.execute(select(tables.accounts.c.name).limit(1)).first() is not None:
            raise PermissionDenied("this store has accounts already: an admin adds the next one (--as NAME)")
        connection.execute(
            insert(tables.accounts).values(
                name=name, role="admin", password_hash=hashed, failed_sign_ins=0, created_at=now, updated_at=now
            )
        )
        _log(connection, name, name, "add", {"role": "admin", "password": hashed is not None, "first": True})
