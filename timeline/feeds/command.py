"""`python -m timeline feeds add|list|remove|fetch`: the feeds list and a fetch run, for people and for cron."""

from __future__ import annotations

import argparse
import sys

from timeline.database import database_url, team_mode
from timeline.feeds import store
from timeline.feeds.pipeline import FetchSummary, run_fetch
from timeline.snapshot import refresh_snapshot
from timeline.store import open_seeded_store
from timeline.users_command import acting


def add_parser(commands, add_db_option) -> None:
    """Register the `feeds` subcommand and its four actions."""
    feeds = commands.add_parser("feeds", help="news feeds: add, list, remove, fetch (queues candidates for review)")
    actions = feeds.add_subparsers(dest="feeds_action", required=True)
    add = actions.add_parser("add", help="list a feed, or change its outlet, language and tags")
    add.add_argument("url", metavar="URL")
    add.add_argument("--outlet", default=None, metavar="NAME", help="outlet name (default: the site's host)")
    add.add_argument("--lang", choices=store.LANGUAGES, default="auto", help="language of its articles")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag for its articles (repeatable)")
    remove = actions.add_parser("remove", help="stop reading a feed; its articles stay")
    remove.add_argument("url", metavar="URL")
    listing = actions.add_parser("list", help="the feeds with last fetch, next due time and last outcome")
    fetch = actions.add_parser("fetch", help="read due feeds, fetch new articles, queue their candidates for review")
    fetch.add_argument("--who", default=None, help="name recorded in the audit log (default: the login name)")
    for action in (add, remove, listing, fetch):
        add_db_option(action)


def run(arguments: argparse.Namespace) -> int:
    """Carry out a `feeds` action; a problem the user can fix raises StoreError (reported by the caller)."""
    engine = open_seeded_store(arguments.db)
    if arguments.feeds_action == "add":
        who = acting(engine, arguments.acting_as)
        added = store.add_feed(engine, arguments.url, arguments.outlet, arguments.lang, tuple(arguments.tag), who)
        print(f"{'added' if added else 'updated'} {arguments.url}")
        return 0
    if arguments.feeds_action == "remove":
        store.remove_feed(engine, arguments.url, acting(engine, arguments.acting_as))
        print(f"removed {arguments.url}")
        return 0
    if arguments.feeds_action == "list":
        _print_feeds(store.list_feeds(engine))
        return 0
    who = acting(engine, arguments.acting_as, arguments.who)
    # A local name is marked as the feeds' doing; an account is recorded as it is, being who signed for it.
    summary = run_fetch(engine, who if team_mode(engine) else f"{who} (feeds)", progress=_progress)
    print(file=sys.stderr)
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    print(summary.time_line(), file=sys.stderr)
    if summary.queued:
        refresh_snapshot(engine, database_url(arguments.db))  # the dashboard's next start skips a full read
    print(summary.line())
    return 1 if summary.failed or summary.feeds_failed else 0


def _progress(summary: FetchSummary, url: str) -> None:
    print(
        f"\r{summary.feeds_read} feeds, {summary.new} new, {summary.seen} seen, {summary.failed} failed "
        f"· {url[-50:]:<50}",
        end="",
        file=sys.stderr,
    )


def _print_feeds(feeds) -> None:
    if feeds.empty:
        print("no feeds listed; add one with `python -m timeline feeds add URL`")
        return
    for row in feeds.itertuples(index=False):
        last = row.last_fetch_at.strftime("%Y-%m-%d %H:%M") if row.last_fetch_at is not None else "never"
        print(
            f"{row.url}\t{row.outlet}\t{row.lang}\t{','.join(row.tags) or '-'}\tlast {last}\t"
            f"due {row.next_due_at:%Y-%m-%d %H:%M}\t{row.articles} articles\t{row.last_outcome or ''}"
        )
