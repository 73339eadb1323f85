"""The `python -m timeline` command line: briefings for scripts, from the same filters and figures as the pages."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import getpass
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from loaders.datasets import SpecError, profiles, read_spec_file
from timeline import changes_command, users_command
from timeline.actors import ActorRegistry
from timeline.briefing import SIZES, Briefing, file_name, too_many_events, view_link
from timeline.briefing_layout import briefing_figure
from timeline.changes import current_stages
from timeline.database import StoreError, database_url, export_bundle, import_bundle, open_store, safe_url
from timeline.database.actor_registry import store_registry
from timeline.database.briefings import record_briefing
from timeline.database.bundle import holds_data
from timeline.database.curation import read_tags
from timeline.database.engine import mask_credentials
from timeline.database.threads import read_threads
from timeline.export import events_csv
from timeline.feeds import command as feeds_command
from timeline.filter_options import add_curation_filters
from timeline.filters import ACTOR_MODES, Filters, apply_filters, with_actor_names
from timeline.images import FORMATS, ExportError, render
from timeline.intake import import_paths
from timeline.paths import PROJECT_ROOT
from timeline.schema import SchemaError
from timeline.snapshot import FULL_READ_AFTER, refresh_snapshot
from timeline.store import open_seeded_store, read_dataset
from timeline.tags import tag_column, with_tag_events
from timeline.threads import policy_status, with_thread_events
from timeline.vocabulary import precisions

OUTPUT_FORMATS = (*FORMATS, "csv")
DEFAULT_BASE_URL = "http://localhost:8501"
# Where an unexpected failure's details go: the user sees one line that names this file.
ERROR_LOG = PROJECT_ROOT / "var" / "log" / "cli-errors.log"
# Where `restore --replace` keeps what it replaces.
BACKUP_FOLDER = PROJECT_ROOT / "var" / "backups"


class CommandError(Exception):
    """A problem with what the user asked for, reported without a traceback."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description="Policy Timeline from the command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    brief = commands.add_parser("brief", help="write a briefing of the filtered events to an image, PDF, HTML or CSV")
    brief.add_argument("--actor", action="append", default=[], help="keep events with this actor (repeatable)")
    brief.add_argument("--actor-mode", choices=ACTOR_MODES, default="any", help="any of the actors, or all of them")
    brief.add_argument("--category", action="append", default=[], help="keep this category (repeatable)")
    brief.add_argument("--country", action="append", default=[], help="keep this ISO country code (repeatable)")
    brief.add_argument("--from", dest="date_from", type=_date, help="first day of the range, YYYY-MM-DD")
    brief.add_argument("--to", dest="date_to", type=_date, help="last day of the range, YYYY-MM-DD")
    brief.add_argument("--text", default="", help="keep events whose title, summary or quote has these words")
    brief.add_argument("--precise", action="store_true", help="hide events not dated to the day")
    add_curation_filters(brief)
    brief.add_argument("--title", default="", help="briefing title (default: a summary of the filters)")
    brief.add_argument("--subtitle", default="", help="briefing subtitle (default: the filters)")
    brief.add_argument("--size", choices=list(SIZES), default="slide", help="slide: 1920x1080; a4: A4 portrait")
    brief.add_argument("--label", action="append", default=None, help="event id to label (repeatable)")
    brief.add_argument("--as-of", type=_date, default=None, help="the 'as of' date (default: today)")
    brief.add_argument("--base-url", default=DEFAULT_BASE_URL, help="dashboard address for the link in footnotes")
    brief.add_argument("--out", required=True, type=Path, help="file to write (.png .svg .pdf .html .csv) or a folder")
    brief.add_argument("--format", choices=OUTPUT_FORMATS, help="output format when --out is a folder (default png)")
    brief.add_argument(
        "--thread", action="append", default=[], help="keep events of this policy thread id (repeatable)"
    )
    brief.add_argument("--who", default=None, help="name the briefing record keeps (default: $POLICY_TIMELINE_ANALYST)")
    _add_db_option(brief)
    changes_command.add_parser(commands, _add_db_option)

    intake = commands.add_parser("import", help="articles go to the review queue; CSV and JSON rows become events")
    intake.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    intake.add_argument("--published", type=_date, help="publication date for articles that carry none, YYYY-MM-DD")
    intake.add_argument("--lang", choices=("auto", "ar", "en", "zh"), default="auto", help="language of the articles")
    intake.add_argument(
        "--profile", choices=sorted(profiles()), help="the data set the tables come from (default: detected)"
    )
    intake.add_argument("--mapping", type=Path, metavar="FILE", help="YAML file saying what each table column means")
    intake.add_argument(
        "--progress", action="store_true", help="show rows per second on stderr even when it is no terminal"
    )
    intake.add_argument(
        "--who",
        default=None,
        help="name recorded in the audit log (default: $POLICY_TIMELINE_ANALYST or the login name)",
    )
    _add_db_option(intake)

    backup = commands.add_parser("backup", help="write the whole store to one JSON bundle")
    backup.add_argument("out", type=Path, metavar="OUT")
    _add_db_option(backup)
    restore = commands.add_parser("restore", help="load a JSON bundle into an empty store (or --replace its contents)")
    restore.add_argument("bundle", type=Path, metavar="IN")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="replace what a non-empty store holds, after a backup of it in var/backups/",
    )
    _add_db_option(restore)
    feeds_command.add_parser(commands, _add_db_option)
    users_command.add_parser(commands, _add_db_option)
    return parser


def _add_db_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="database URL (default: $POLICY_TIMELINE_DB, else the SQLite file under var/)",
    )
    users_command.add_as_option(command)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure becomes one line on standard error and a non-zero exit code."""
    arguments = build_parser().parse_args(argv)
    try:
        return run(arguments)
    except (CommandError, ExportError, StoreError, SchemaError) as error:
        print(f"error: {mask_credentials(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort: no traceback reaches the user
        print(f"error: {unexpected(error, argv)}", file=sys.stderr)
        return 1


def run(arguments: argparse.Namespace) -> int:
    if arguments.command == "brief":
        print(brief(arguments))
        return 0
    if arguments.command == "import":
        return import_command(arguments)
    if arguments.command == "backup":
        engine = open_seeded_store(arguments.db)
        export_bundle(engine, arguments.out, who=users_command.acting(engine, arguments.acting_as))
        print(arguments.out)
        return 0
    if arguments.command == "restore":
        return restore_command(arguments)
    if arguments.command == "users":
        return users_command.run(arguments)
    if arguments.command == "feeds":
        return feeds_command.run(arguments)
    if arguments.command == "changes":
        print(changes_command.run(arguments))
        return 0
    raise CommandError(f"unknown command {arguments.command!r}")


def restore_command(arguments: argparse.Namespace) -> int:
    """Restore a bundle; with --replace, what the store held is first written to a backup bundle."""
    try:
        arguments.bundle.open("rb").close()  # named before a store is opened: a typo creates no empty store
    except OSError as error:
        raise CommandError(f"{arguments.bundle}: cannot be read ({error.strerror or error})") from None
    engine = open_store(arguments.db)
    who = users_command.acting(engine, arguments.acting_as)
    if arguments.replace and holds_data(engine):
        kept = BACKUP_FOLDER / f"before-restore-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}.json"
        kept.parent.mkdir(parents=True, exist_ok=True)
        export_bundle(engine, kept, who=who)  # a failed backup stops here: nothing is replaced
        print(f"kept what the store held in {kept}", file=sys.stderr)
    import_bundle(engine, arguments.bundle, who=who, replace=arguments.replace)
    refresh_snapshot(engine, database_url(arguments.db))  # the dashboard's next start skips a full read
    print(f"restored {arguments.bundle} into {safe_url(database_url(arguments.db))}")
    return 0


def unexpected(error: Exception, argv: list[str] | None) -> str:
    """One line for a failure the code did not foresee; its traceback goes to the error log (passwords masked)."""
    summary = mask_credentials(f"{type(error).__name__}: {error}".splitlines()[0])[:300]
    details = mask_credentials(
        f"--- {dt.datetime.now(dt.UTC).isoformat()} python -m timeline {' '.join(argv or sys.argv[1:])}\n"
        + "".join(traceback.format_exception(error))
    )
    for log in (ERROR_LOG, Path(tempfile.gettempdir()) / "policy-timeline-cli-errors.log"):
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(details)
        except OSError:
            continue
        return f"unexpected failure ({summary}); details in {log}"
    return f"unexpected failure ({summary})"


def import_command(arguments: argparse.Namespace) -> int:
    """Import files; print rejected rows as FILE:LINE: reason on stderr and a summary line on stdout."""
    try:
        mapping = read_spec_file(arguments.mapping) if arguments.mapping else None
    except SpecError as error:
        raise CommandError(str(error)) from None
    engine = open_seeded_store(arguments.db)
    who = users_command.acting(engine, arguments.acting_as, arguments.who)

    def progress(done: int, total: int, path: Path) -> None:
        if total > 1:
            filled = round(24 * done / total)
            print(f"\r[{'#' * filled}{'.' * (24 - filled)}] {done}/{total} {path.name[:40]}", end="", file=sys.stderr)
            if done == total:
                print(file=sys.stderr)

    started = time.monotonic()
    show_rate = arguments.progress or sys.stderr.isatty()

    def row_progress(rows: int, path: Path) -> None:
        rate = rows / max(time.monotonic() - started, 1e-9)
        print(f"\r{rows:,} rows read from {path.name[:40]} ({rate:,.0f} rows/s)", end="", file=sys.stderr, flush=True)

    result = import_paths(
        engine,
        arguments.paths,
        who,
        arguments.published,
        arguments.lang,
        progress=progress,
        profile=arguments.profile,
        mapping=mapping,
        row_progress=row_progress if show_rate else None,
    )
    if show_rate and result.rows_in:
        print(file=sys.stderr)
    if (result.events_written or result.for_review) and result.events_written <= FULL_READ_AFTER:
        # Ready the dashboard's copy now, so its next start reads a snapshot rather than the whole store.
        # After a larger import the dashboard reads the store afresh anyway: a refresh here would too.
        refresh_snapshot(engine, database_url(arguments.db))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in result.rejected:
        print(problem, file=sys.stderr)
    if result.details():
        print(f"note: {result.details()}", file=sys.stderr)
    for line in result.unknown_actor_lines():
        print(f"note: {line}", file=sys.stderr)
    print(result.summary())
    return 1 if result.rejected else 0


def brief(arguments: argparse.Namespace) -> Path:
    """Write the briefing file and return its path."""
    engine = open_seeded_store(arguments.db)
    dataset = read_dataset(engine)
    events = dataset.events
    threads, links = read_threads(engine)
    if arguments.date_from and arguments.date_to and arguments.date_to < arguments.date_from:
        raise CommandError(f"--to {arguments.date_to} is before --from {arguments.date_from}")
    tags = read_tags(engine)
    filters = with_tag_events(
        with_thread_events(filters_of(arguments, events, threads, store_registry(engine), tags), links), tags
    )
    shown = apply_filters(events, filters)
    if shown.empty:
        raise CommandError("no event matches these filters; nothing written")
    problem = too_many_events(len(shown))
    if problem:
        raise CommandError(f"{problem.rstrip('.')}; nothing written")
    briefing = Briefing(
        events=shown,
        sources=dataset.sources,
        filters=filters,
        title=arguments.title,
        subtitle=arguments.subtitle,
        as_of=arguments.as_of or dt.date.today(),
        labelled=tuple(arguments.label) if arguments.label is not None else None,
        size=arguments.size,
        link=view_link(arguments.base_url, filters, briefing_parameters(arguments), page="briefing"),
        status=policy_status(threads, links, events, shown["event_id"], arguments.as_of or dt.date.today()),
    )
    out: Path = arguments.out
    try:
        if out.is_dir():
            out = out / file_name(briefing, arguments.format or "png")
    except OSError as error:  # e.g. a name longer than the file system allows
        raise CommandError(f"{_shown_path(out)}: cannot be written ({error.strerror or error})") from None
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        raise CommandError(f"{out}: unknown extension; use one of {', '.join('.' + name for name in OUTPUT_FORMATS)}")
    if fmt == "csv":
        with_tags = shown.assign(tags=tag_column(shown["event_id"], tags))
        payload = events_csv(with_tags, comments=briefing.provenance_lines())
    else:
        payload = render(briefing_figure(briefing), fmt, briefing.provenance_lines(), *SIZES[briefing.size])
    try:
        out.write_bytes(payload)
    except OSError as error:
        raise CommandError(f"{_shown_path(out)}: cannot be written ({error.strerror or error})") from None
    stages = current_stages(threads, links, events, shown["event_id"], briefing.as_of)
    who = users_command.acting(engine, arguments.acting_as, arguments.who)
    record_briefing(engine, who, filters, shown["event_id"], briefing.title, fmt, stages)
    return out


def analyst_name(given: str | None) -> str:
    """The name a command records: --who, else $POLICY_TIMELINE_ANALYST, else the login name."""
    return given or os.environ.get("POLICY_TIMELINE_ANALYST") or getpass.getuser()


def _shown_path(path: Path) -> str:
    """A path for an error line: a very long name is shortened, keeping its start and its extension."""
    text = str(path)
    return text if len(text) <= 120 else f"{text[:80]}…{path.suffix} ({len(text):,} characters)"


def filters_of(arguments: argparse.Namespace, events, threads, registry: ActorRegistry, tags) -> Filters:
    """The filters the options of `brief` (and `changes`) ask for; an unknown name is an error suggesting the closest.

    An actor may be named by any alias, in any language or spelling (`--actor 习近平`): the registry resolves it.
    """
    _check_known(arguments.thread, threads["thread_id"], "thread")
    _check_known(arguments.tag, tags["tag"], "tag")
    _check_known(arguments.outlet, events["source_name"].astype("str"), "outlet")
    _check_known(arguments.source_lang, events["source_lang"].astype("str"), "source language")
    _check_known(arguments.precision, precisions().values, "precision")
    actors = [registry.resolve(name) or name for name in arguments.actor]
    _check_known(actors, events["actors"].explode().dropna(), "actor")
    _check_known(arguments.category, events["category"].astype("str"), "category")
    _check_known(arguments.country, events["countries"].explode().dropna(), "country")
    filters = Filters(
        actors=tuple(dict.fromkeys(actors)),
        actor_mode=arguments.actor_mode,
        categories=tuple(arguments.category),
        countries=tuple(arguments.country),
        date_from=arguments.date_from,
        date_to=arguments.date_to,
        text=arguments.text,
        precise_only=arguments.precise,
        threads=tuple(arguments.thread),
        tags=tuple(arguments.tag),
        outlets=tuple(arguments.outlet),
        languages=tuple(arguments.source_lang),
        precisions=tuple(arguments.precision),
        min_confidence=arguments.min_confidence,
    )
    return with_actor_names(filters, registry.resolve)


def briefing_parameters(arguments: argparse.Namespace) -> dict[str, str | list[str]]:
    """The briefing page's own URL parameters for what the command was given."""
    params: dict[str, str | list[str]] = {}
    if arguments.title:
        params["title"] = arguments.title
    if arguments.subtitle:
        params["subtitle"] = arguments.subtitle
    if arguments.size != "slide":
        params["size"] = arguments.size
    if arguments.label:
        params["label"] = list(arguments.label)
    return params


def _check_known(wanted: list[str], known, label: str) -> None:
    values = set(known)
    for value in wanted:
        if value not in values:
            close = difflib.get_close_matches(value, sorted(values), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise CommandError(f"unknown {label} {value!r}{hint}")
