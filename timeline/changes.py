"""What changed in a view since a recorded briefing, or since a day: from the briefing record and the audit log.

One row per change: an event new to the view, a field changed (old → new), an event merged, deleted,
rejected or gone from the view, a thread whose stage moved. Exported as CSV or as a one-page table.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from timeline import threads as policy_threads
from timeline.database import read_events
from timeline.database.audit import AuditEntry
from timeline.database.briefings import RecordedBriefing, audit_entries_after, thread_log_after
from timeline.database.importing import IMPORT_KEPT
from timeline.export import COMMENT_PREFIX, neutralize
from timeline.figures import TEMPLATE
from timeline.filters import Filters, apply_filters, describe
from timeline.index import index_for
from timeline.text import escape_html

CHANGE_COLUMNS = ("change", "event_id", "title", "field", "old", "new", "when", "who")
# Fields whose change is told by the kind of row (merged, deleted, rejected) rather than as old → new.
REMOVAL_FIELDS = ("deleted_reason", "merged_into")
KIND_ORDER = ("new", "entered view", "changed", "merged", "deleted", "rejected", "left view", "stage moved")
PAGE_ROWS = 32  # rows a one-page export holds; the CSV holds them all
A4 = (794, 1123)


@dataclass
class Baseline:
    """What the changes are counted from: a recorded briefing, or a day."""

    label: str
    entries: list[AuditEntry]  # audit entries written after the baseline, oldest first
    shown: dict[str, int] | None = None  # event id -> version a briefing showed; None for a day
    stages_then: dict[str, str | None] = field(default_factory=dict)  # thread id -> stage at the baseline


def since_briefing(engine: Engine, briefing: RecordedBriefing) -> Baseline:
    label = f"briefing #{briefing.id} of {briefing.at:%Y-%m-%d %H:%M} UTC by {briefing.who}"
    entries = audit_entries_after(engine, revision=briefing.revision)
    return Baseline(label, entries, shown=dict(briefing.events), stages_then=dict(briefing.thread_stages))


def since_day(engine: Engine, day: dt.date, links: pd.DataFrame, events: pd.DataFrame) -> Baseline:
    """Changes recorded on or after `day` (UTC); thread stages then are rebuilt from the thread log."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    entries = audit_entries_after(engine, since=start)
    links_then = links_before(links, thread_log_after(engine, start))
    then = policy_threads.chains(links_then, events)
    stages = then.groupby("thread_id", sort=False).tail(1).set_index("thread_id")["stage"]
    return Baseline(f"{day:%Y-%m-%d}", entries, shown=None, stages_then=stages.to_dict())


def links_before(links: pd.DataFrame, later: list[tuple[str, str, str | None, dict]]) -> pd.DataFrame:
    """The thread links as they were before the `later` changes (oldest first), undone newest first."""
    current = {(row.thread_id, row.event_id): row.stage for row in links.itertuples()}
    for thread_id, _action, event_id, changes in reversed(later):
        if event_id is None or "stage" not in changes:
            continue
        old = changes["stage"]["old"]
        if old is None:
            current.pop((thread_id, event_id), None)
        else:
            current[(thread_id, event_id)] = old
    rows = [(thread_id, event_id, stage) for (thread_id, event_id), stage in current.items()]
    return pd.DataFrame(rows, columns=list(policy_threads.LINK_COLUMNS), dtype="str")


def compute(
    engine: Engine,
    events: pd.DataFrame,
    filters: Filters,
    baseline: Baseline,
    threads: pd.DataFrame,
    links: pd.DataFrame,
    as_of: dt.date,
) -> pd.DataFrame:
    """Every change to the view `filters` gives over `events` (the live events) since `baseline`."""
    view = apply_filters(events, filters, index=index_for(events))
    in_view = set(view["event_id"])
    titles = dict(zip(view["event_id"], view["title"], strict=True))
    by_event: dict[str, list[AuditEntry]] = {}
    for entry in baseline.entries:
        by_event.setdefault(entry.event_id, []).append(entry)
    rows: list[dict] = []

    def add(change: str, event_id: str, title: str, entries: list[AuditEntry], name="", old="", new="") -> None:
        last = entries[-1] if entries else None
        when = f"{last.at:%Y-%m-%d %H:%M}" if last else ""
        rows.append(
            {"change": change, "event_id": event_id, "title": title, "field": name, "old": old, "new": new}
            | {"when": when, "who": last.who if last else ""}
        )

    def add_differences(change: str, event_id: str, title: str, entries: list[AuditEntry]) -> None:
        for name, (old, new) in _differences(entries).items():
            add(change, event_id, title, entries, name, _shown(old), _shown(new))

    shown_before = baseline.shown
    for event_id in view["event_id"]:
        entries = by_event.get(event_id, [])
        created = any(entry.action in ("create", "split_from") for entry in entries)
        if shown_before is None:
            if created:
                add("new", event_id, titles[event_id], entries)
            elif entries:
                add_differences("changed", event_id, titles[event_id], entries)
        elif event_id not in shown_before:
            if created:
                add("new", event_id, titles[event_id], entries)
            else:
                add("entered view", event_id, titles[event_id], entries)
                add_differences("entered view", event_id, titles[event_id], entries)
        elif entries:
            add_differences("changed", event_id, titles[event_id], entries)

    # Events that were in the view and are not now: merged away, deleted, rejected, or edited out of it.
    if shown_before is None:
        candidates = [
            event_id for event_id, entries in by_event.items() if _removal(entries) and event_id not in in_view
        ]
    else:
        candidates = [event_id for event_id in shown_before if event_id not in in_view]
    if candidates:
        gone = read_events(engine, include_deleted=True, event_ids=candidates)
        if shown_before is None:  # a day's baseline: only removals from this view count
            gone = apply_filters(gone, filters)
        for event in gone.itertuples():
            entries = by_event.get(event.event_id, [])
            removal = _removal(entries)
            if removal is None:
                add("left view", event.event_id, event.title, entries)
                add_differences("left view", event.event_id, event.title, entries)
            elif removal[0] == "merged":
                add("merged", event.event_id, event.title, entries, "merged_into", "", removal[1])
            else:
                add(removal[0], event.event_id, event.title, entries)

    touching = set(links.loc[policy_threads.among(links["event_id"], in_view | set(shown_before or ())), "thread_id"])
    chain = policy_threads.chains_for(links, events)
    status = policy_threads.status(threads[policy_threads.among(threads["thread_id"], touching)], chain, as_of)
    for row in status.itertuples():
        then = baseline.stages_then.get(row.thread_id)
        now = row.current_stage if isinstance(row.current_stage, str) else None
        if then != now:
            old = policy_threads.stage_label(then) if then else "no stage"
            new = f"{policy_threads.stage_label(now)} since {row.since}" if now else "no stage"
            rows.append(
                {"change": "stage moved", "event_id": row.current_event or "", "title": row.name, "field": "stage"}
                | {"old": old, "new": new, "when": "", "who": ""}
            )
    table = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    order = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    return table.sort_values("change", key=lambda kinds: kinds.map(order), kind="stable", ignore_index=True)


def current_stages(threads: pd.DataFrame, links: pd.DataFrame, events: pd.DataFrame, view_ids, as_of: dt.date) -> dict:
    """thread id -> current stage, for the threads with an event in the view: what a briefing records."""
    chain = policy_threads.chains_for(links, events)
    touching = threads[
        policy_threads.among(
            threads["thread_id"], set(chain.loc[policy_threads.among(chain["event_id"], view_ids), "thread_id"])
        )
    ]
    status = policy_threads.status(touching, chain, as_of)
    return {
        row.thread_id: (row.current_stage if isinstance(row.current_stage, str) else None)
        for row in status.itertuples()
    }


def _removal(entries: list[AuditEntry]) -> tuple[str, str] | None:
    """('merged', into) / ('deleted', '') / ('rejected', '') when the last removal-type entry removed the event."""
    for entry in reversed(entries):
        if entry.action == "merged_into":
            return "merged", str(entry.changes.get("merged_into", {}).get("new") or "")
        if entry.action in ("delete", "reject"):
            return ("deleted" if entry.action == "delete" else "rejected"), ""
        if entry.action in ("undo_delete", "split", "status") and "deleted_reason" in entry.changes:
            return None
    return None


def _differences(entries: list[AuditEntry]) -> dict[str, tuple[object, object]]:
    """field -> (value before the first entry, value after the last), for fields that end up different."""
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    for entry in entries:
        if entry.action in ("create", "split_from", IMPORT_KEPT):  # IMPORT_KEPT: values offered, not applied
            continue
        for name, change in entry.changes.items():
            if name in REMOVAL_FIELDS:
                continue
            first.setdefault(name, change.get("old"))
            last[name] = change.get("new")
    return {name: (first[name], last[name]) for name in first if first[name] != last[name]}


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def provenance_lines(baseline: Baseline, filters: Filters, changes: pd.DataFrame) -> list[str]:
    counts = changes["change"].value_counts()
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in KIND_ORDER if kind in counts) or "no change"
    return [
        f"Policy Timeline changes since {baseline.label}",
        f"filters: {describe(filters)}",
        f"{summary}; exported {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
    ]


def changes_csv(changes: pd.DataFrame, comments: list[str]) -> bytes:
    """UTF-8 with a BOM, `#` provenance lines first, cells a spreadsheet would run neutralized."""
    buffer = io.StringIO()
    for line in comments:
        buffer.write(f"{COMMENT_PREFIX} {line}\n")
    changes.map(lambda cell: neutralize(str(cell))).to_csv(buffer, index=False, lineterminator="\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def changes_figure(changes: pd.DataFrame, comments: list[str]) -> go.Figure:
    """A one-page A4 table of the changes, with a note when the CSV holds more."""
    page = changes.head(PAGE_ROWS)
    cells = [page[name].astype("str").map(escape_html).tolist() for name in ("change", "title", "field", "old", "new")]
    more = len(changes) - len(page)
    footer = f"… and {more} more changes in the CSV export." if more > 0 else ""
    figure = go.Figure(
        go.Table(
            columnwidth=[62, 200, 66, 160, 176],
            header={
                "values": ["Change", "Event or thread", "Field", "Old", "New"],
                "fill_color": "#eeeeee",
                "align": "left",
            },
            cells={"values": cells, "align": "left", "font": {"size": 10}, "height": 24},
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        width=A4[0],
        height=A4[1],
        margin={"l": 30, "r": 30, "t": 90, "b": 70},
        title={"text": escape_html(comments[0]) + f"<br><sub>{escape_html(comments[1])}</sub>", "x": 0.02},
        annotations=[
            {
                "text": escape_html(f"{comments[2]}. {footer}"),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.04,
                "xanchor": "left",
                "font": {"size": 10, "color": "#555"},
            }
        ],
    )
    return figure
