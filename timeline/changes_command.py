"""`python -m timeline changes`: what changed in a view since a recorded briefing or since a day, as CSV, PNG or PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from timeline import changes
from timeline.database.actor_registry import store_registry
from timeline.database.briefings import read_briefing
from timeline.database.threads import read_threads
from timeline.filter_options import add_curation_filters
from timeline.filters import ACTOR_MODES, with_actor_names
from timeline.images import render
from timeline.store import open_seeded_store, read_dataset
from timeline.tags import with_tag_events
from timeline.threads import with_thread_events

OUTPUT_FORMATS = ("csv", "png", "pdf")


def add_parser(commands, add_db_option) -> None:
    command = commands.add_parser(
        "changes", help="what changed in a view since a recorded briefing or a day, as CSV, PNG or PDF"
    )
    since = command.add_mutually_exclusive_group(required=True)
    since.add_argument("--since-briefing", type=int, metavar="ID", help="a briefing recorded when it was exported")
    since.add_argument("--since", type=_day, metavar="DATE", help="changes recorded on or after this day, YYYY-MM-DD")
    command.add_argument("--actor", action="append", default=[], help="keep events with this actor (repeatable)")
    command.add_argument("--actor-mode", choices=ACTOR_MODES, default="any", help="any of the actors, or all of them")
    command.add_argument("--category", action="append", default=[], help="keep this category (repeatable)")
    command.add_argument("--country", action="append", default=[], help="keep this ISO country code (repeatable)")
    command.add_argument("--from", dest="date_from", type=_day, help="first day of the range, YYYY-MM-DD")
    command.add_argument("--to", dest="date_to", type=_day, help="last day of the range, YYYY-MM-DD")
    command.add_argument("--text", default="", help="keep events whose title, summary or quote has these words")
    command.add_argument("--precise", action="store_true", help="hide events not dated to the day")
    command.add_argument("--thread", action="append", default=[], help="keep events of this thread id (repeatable)")
    add_curation_filters(command)
    command.add_argument("--out", required=True, type=Path, help="file to write: .csv, .png or .pdf")
    add_db_option(command)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None


def run(arguments: argparse.Namespace) -> str:
    """Write the changes file; return a one-line summary. The view is the filters given, else the briefing's own."""
    from timeline.cli import CommandError, filters_of  # the command line's own error and name checks
    from timeline.database.curation import read_tags

    fmt = arguments.out.suffix.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        raise CommandError(f"{arguments.out}: unknown extension; use one of .csv, .png, .pdf")
    engine = open_seeded_store(arguments.db)
    dataset = read_dataset(engine)
    events = dataset.events
    threads, links = read_threads(engine)
    registry = store_registry(engine)
    tags = read_tags(engine)
    given = filters_of(arguments, events, threads, registry, tags)
    if arguments.since_briefing is not None:
        briefing = read_briefing(engine, arguments.since_briefing)
        baseline = changes.since_briefing(engine, briefing)
        filters = briefing.filters if given.is_empty() else given
    else:
        baseline = changes.since_day(engine, arguments.since, links, events)
        filters = given
    filters = with_tag_events(with_thread_events(with_actor_names(filters, registry.resolve), links), tags)
    table = changes.compute(engine, events, filters, baseline, threads, links, dt.date.today())
    comments = changes.provenance_lines(baseline, filters, table)
    if fmt == "csv":
        payload = changes.changes_csv(table, comments)
    else:
        payload = render(changes.changes_figure(table, comments), fmt, comments, *changes.A4)
    try:
        arguments.out.write_bytes(payload)
    except OSError as error:
        raise CommandError(f"{arguments.out}: cannot be written ({error.strerror or error})") from None
    return f"{arguments.out}: {len(table)} changes since {baseline.label}"
