"""`python -m timeline feeds ...` through a subprocess, as cron runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
FAST = {
    "POLICY_TIMELINE_FETCH_TIMEOUT": "0.5",
    "POLICY_TIMELINE_FETCH_RETRIES": "1",
    "POLICY_TIMELINE_FETCH_BACKOFF": "0.05",
    "POLICY_TIMELINE_FETCH_HOST_INTERVAL": "0",
}


def feeds(*arguments: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "feeds", *arguments, "--db", db],
        cwd=PROJECT_ROOT,
        env={**os.environ, **FAST, "POLICY_TIMELINE_ANALYST": "cron"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_list_fetch_remove(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    rss, atom = site.url("/feeds/rss.xml"), site.url("/feeds/atom.xml")

    added = feeds(
        "add", rss, "--outlet", "The Harbour Ledger", "--lang", "auto", "--tag", "world", "--tag", "trade", db=db
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == f"added {rss}"
    assert feeds("add", atom, db=db).returncode == 0

    listed = feeds("list", db=db)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 2
    ledger = next(line for line in lines if line.startswith(rss)).split("\t")
    assert ledger[1:4] == ["The Harbour Ledger", "auto", "world,trade"]
    assert "last never" in ledger
    wire = next(line for line in lines if line.startswith(atom)).split("\t")
    assert wire[1] == "127.0.0.1"  # no --outlet: the site's host

    fetched = feeds("fetch", db=db)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.strip() == (
        "2 feeds read (0 failed), articles: 3 new, 3 seen, 0 failed; 9 candidates queued for review"
    )
    assert "time per step: feeds" in fetched.stderr

    again = feeds("fetch", db=db)  # nothing is due an hour later than never
    assert (
        again.stdout.strip()
        == "0 feeds read (0 failed), articles: 0 new, 0 seen, 0 failed; 0 candidates queued for review"
    )

    removed = feeds("remove", rss, db=db)
    assert removed.returncode == 0 and removed.stdout.strip() == f"removed {rss}"
    assert rss not in feeds("list", db=db).stdout


def test_failures_exit_1_and_are_listed_on_stderr(tmp_path, site):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    feeds("add", site.url("/down/feed.xml"), "--outlet", "Down Daily", db=db)
    fetched = feeds("fetch", db=db)
    assert fetched.returncode == 1
    assert f"{site.url('/down/feed.xml')}: HTTP 503 Service Unavailable (2 attempts)" in fetched.stderr
    assert fetched.stdout.startswith("0 feeds read (1 failed)")


def test_bad_input_is_one_clear_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    missing = feeds("remove", "https://nowhere.example/feed.xml", db=db)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "error: no feed 'https://nowhere.example/feed.xml' is listed (see `feeds list`)"
    not_web = feeds("add", "ftp://files.example/feed.xml", db=db)
    assert not_web.returncode == 1
    assert not_web.stderr.strip() == "error: 'ftp://files.example/feed.xml' is not a web address (http:// or https://)"
    wrong_lang = feeds("add", "https://x.example/feed.xml", "--lang", "fr", db=db)
    assert wrong_lang.returncode == 2 and "invalid choice: 'fr'" in wrong_lang.stderr
