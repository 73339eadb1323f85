"""`python -m timeline users` and `--as`: accounts from the command line, and commands acting as one."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from timeline.cli import main
from timeline.database import open_store, read_events, tables
from timeline.database.accounts import account_history, list_accounts, sign_in

PASSWORD = "a long enough password"


@pytest.fixture
def team_url(tmp_path, monkeypatch):
    """A SQLite store switched to team mode by the setting, as a server database always is."""
    monkeypatch.setenv("POLICY_TIMELINE_TEAM", "1")
    monkeypatch.setenv("POLICY_TIMELINE_PASSWORD", PASSWORD)
    monkeypatch.setattr("timeline.database.accounts.FAILURE_DELAY_SECONDS", 0.0)
    return f"sqlite:///{tmp_path / 'team.sqlite'}"


def test_accounts_are_managed_by_an_admin_and_each_change_is_logged(team_url, capsys):
    assert main(["users", "add", "root", "--role", "admin", "--db", team_url]) == 0  # the first needs no --as
    assert main(["users", "add", "ana", "--role", "analyst", "--as", "root", "--db", team_url]) == 0
    assert main(["users", "add", "mo@example.org", "--role", "viewer", "--sso", "--as", "root", "--db", team_url]) == 0
    assert main(["users", "set-role", "ana", "reviewer", "--as", "root", "--db", team_url]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--db", team_url]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == ["ana\treviewer\tpassword", "mo@example.org\tviewer\tsingle sign-on", "root\tadmin\tpassword"]
    assert PASSWORD not in "".join(listed)
    engine = open_store(team_url)
    assert sign_in(engine, "ana", PASSWORD).role == "reviewer"
    assert [action for _, who, action, _ in account_history(engine, "ana")] == ["add", "set_role"]
    with engine.connect() as connection:
        logged = json.dumps([list(map(str, row)) for row in connection.execute(select(tables.account_log))])
    assert PASSWORD not in logged and "argon2" not in logged  # neither a password nor a hash is logged


def test_only_an_admin_manages_accounts_and_a_team_store_needs_as(team_url, capsys):
    main(["users", "add", "root", "--role", "admin", "--db", team_url])
    main(["users", "add", "ana", "--role", "reviewer", "--as", "root", "--db", team_url])
    capsys.readouterr()
    assert main(["users", "disable", "root", "--as", "ana", "--db", team_url]) == 1
    assert "ana (reviewer) may not manage accounts" in capsys.readouterr().err
    assert main(["users", "add", "eve", "--db", team_url]) == 1
    assert "--as NAME" in capsys.readouterr().err
    assert main(["users", "add", "eve", "--as", "nobody", "--db", team_url]) == 1
    assert "no account 'nobody'" in capsys.readouterr().err
    assert list(list_accounts(open_store(team_url))["name"]) == ["ana", "root"]


def test_a_disabled_account_cannot_sign_in_or_act(team_url, capsys, tmp_path):
    main(["users", "add", "root", "--role", "admin", "--db", team_url])
    main(["users", "add", "ana", "--role", "admin", "--as", "root", "--db", team_url])
    assert main(["users", "disable", "ana", "--as", "root", "--db", team_url]) == 0
    capsys.readouterr()
    assert main(["backup", str(tmp_path / "b.json"), "--as", "ana", "--db", team_url]) == 1
    assert "disabled" in capsys.readouterr().err
    assert main(["backup", str(tmp_path / "b.json"), "--as", "root", "--db", team_url]) == 0


def test_import_records_the_account_it_acts_as(team_url, tmp_path):
    main(["users", "add", "root", "--role", "admin", "--db", team_url])
    main(["users", "add", "ana", "--role", "analyst", "--as", "root", "--db", team_url])
    table = tmp_path / "notes.csv"
    table.write_text("title,date,category,actor\nTalks in Geneva,2025-05-10,meeting,Xi Jinping\n", encoding="utf-8")
    assert main(["import", str(table), "--as", "ana", "--db", team_url]) == 0
    engine = open_store(team_url)
    stored = read_events(engine)
    added = set(stored.loc[stored["title"] == "Talks in Geneva", "event_id"])
    assert len(added) == 1
    with engine.connect() as connection:
        who = connection.execute(select(tables.audit_log.c.who).where(tables.audit_log.c.event_id.in_(added))).scalars()
        assert set(who) == {"ana"}


def test_restore_refuses_a_store_with_data_unless_told_to_replace_it_and_keeps_a_backup(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'local.sqlite'}"
    monkeypatch.setattr("timeline.cli.BACKUP_FOLDER", tmp_path / "backups")
    bundle = tmp_path / "bundle.json"
    assert main(["backup", str(bundle), "--db", url]) == 0
    table = tmp_path / "notes.csv"
    table.write_text("title,date,category,actor\nTalks in Geneva,2025-05-10,meeting,Xi Jinping\n", encoding="utf-8")
    assert main(["import", str(table), "--db", url]) == 0
    capsys.readouterr()
    assert main(["restore", str(bundle), "--db", url]) == 1
    assert "--replace" in capsys.readouterr().err
    assert "Talks in Geneva" in set(read_events(open_store(url))["title"])
    assert main(["restore", str(bundle), "--replace", "--db", url]) == 0
    assert "Talks in Geneva" not in set(read_events(open_store(url))["title"])
    kept = list((tmp_path / "backups").glob("before-restore-*.json"))
    assert len(kept) == 1
    assert "Talks in Geneva" in kept[0].read_text(encoding="utf-8")  # what was replaced can come back
