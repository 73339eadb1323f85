"""`python -m timeline users`: accounts of a team's store; and who the command line acts as (`--as NAME`)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sqlalchemy import Engine

from timeline.database import open_store, team_mode
from timeline.database.accounts import (
    account_identity,
    add_account,
    add_first_admin,
    disable_account,
    list_accounts,
    reset_password,
    set_role,
)
from timeline.database.errors import StoreError
from timeline.database.permissions import ROLES, Identity

PASSWORD_VARIABLE = "POLICY_TIMELINE_PASSWORD"  # for scripts; a terminal is asked instead, without echo
AS_VARIABLE = "POLICY_TIMELINE_AS"  # the account a scheduled job acts as, when its command line names none


def add_as_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as",
        dest="acting_as",
        default=os.environ.get(AS_VARIABLE),
        metavar="NAME",
        help=f"the account to act as (required on a team's store; default: ${AS_VARIABLE}, else on the local "
        "store your name)",
    )


def add_parser(commands, add_db_option) -> None:
    users = commands.add_parser(
        "users", help="accounts of a team's store: add, list, set-role, disable, reset-password"
    )
    actions = users.add_subparsers(dest="users_action", required=True)
    add = actions.add_parser("add", help="create an account (the first one is an admin, created without --as)")
    add.add_argument("name", metavar="NAME", help="account name; for single sign-on, the person's e-mail address")
    add.add_argument("--role", choices=ROLES, default="analyst")
    add.add_argument(
        "--sso", action="store_true", help="signs in only through the identity provider: no password is asked"
    )
    listing = actions.add_parser("list", help="every account with its role and state (never a password)")
    role = actions.add_parser("set-role", help="change an account's role")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", choices=ROLES)
    disable = actions.add_parser("disable", help="disable an account: its sessions can change nothing more")
    disable.add_argument("name", metavar="NAME")
    disable.add_argument("--enable", action="store_true", help="enable it again instead")
    reset = actions.add_parser("reset-password", help="set a new password and lift a lockout")
    reset.add_argument("name", metavar="NAME")
    for action in (add, listing, role, disable, reset):
        add_db_option(action)


def acting(engine: Engine, acting_as: str | None, who: str | None = None) -> str | Identity:
    """Who a command acts as: on a team's store the account `--as` names (checked now); else a local name."""
    if team_mode(engine):
        if not acting_as:
            raise StoreError("this store is shared by a team: name the account to act as with --as NAME")
        return account_identity(engine, acting_as, "command line")
    return acting_as or who or os.environ.get("POLICY_TIMELINE_ANALYST") or getpass.getuser()


def run(arguments: argparse.Namespace) -> int:
    engine = open_store(arguments.db)
    action = arguments.users_action
    if action == "list":
        shown = list_accounts(engine)
        for row in shown.itertuples():
            state = "disabled" if row.disabled_at is not None else ""
            if row.locked_until is not None:
                state = f"locked until {row.locked_until:%Y-%m-%d %H:%M} UTC"
            print(f"{row.name}\t{row.role}\t{'password' if row.password else 'single sign-on'}\t{state}".rstrip())
        return 0
    if action == "add" and list_accounts(engine).empty:
        if arguments.role != "admin":
            raise StoreError("the first account of a store must be an admin: add it with --role admin")
        add_first_admin(engine, arguments.name, None if arguments.sso else _new_password(arguments.name))
        print(f"added {arguments.name} (admin)")
        return 0
    who = acting(engine, arguments.acting_as)
    if action == "add":
        password = None if arguments.sso else _new_password(arguments.name)
        add_account(engine, arguments.name, arguments.role, password, who)
        print(f"added {arguments.name} ({arguments.role})")
    elif action == "set-role":
        set_role(engine, arguments.name, arguments.role, who)
        print(f"{arguments.name} is now {arguments.role}")
    elif action == "disable":
        disable_account(engine, arguments.name, who, disabled=not arguments.enable)
        print(f"{arguments.name} {'enabled' if arguments.enable else 'disabled'}")
    else:
        reset_password(engine, arguments.name, _new_password(arguments.name), who)
        print(f"new password set for {arguments.name}")
    return 0


def _new_password(name: str) -> str:
    """The password from $POLICY_TIMELINE_PASSWORD, else asked twice on the terminal; never echoed or logged."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise StoreError(f"give the password for {name} on a terminal, or in ${PASSWORD_VARIABLE}")
    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise StoreError("the two passwords differ; nothing was changed")
    return first
