"""Policy threads: each thread's events in stage order, its current stage, its waits, and its chain figure.

Plain functions over frames, testable without Streamlit or a database: `links` has one row per
(thread_id, event_id, stage); `threads` one per thread_id with its name and summary.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.figures import TEMPLATE, format_interval
from timeline.filters import Filters
from timeline.text import escape_html
from timeline.vocabulary import stages_before_force, thread_stages

_chains_lock = threading.Lock()
_remembered_chains: dict[tuple[int, int], tuple] = {}
_remembered_figures: dict[tuple, tuple] = {}
_remembered_status: dict[tuple, tuple] = {}

LINK_COLUMNS = ("thread_id", "event_id", "stage")
THREAD_COLUMNS = ("thread_id", "name", "summary")
IN_FORCE = "in_force"
CHAIN_LIMIT = 60  # threads drawn in one figure; more rows are unreadable (the table lists the rest)
ROW_HEIGHT = 46
# One colour per stage, from "not yet" (greys, blues) through "applies" (greens) to "changed" and "ended".
STAGE_COLOURS = {
    "proposed": "#9e9e9e",
    "announced": "#6baed6",
    "published": "#2171b5",
    "in_force": "#238b45",
    "enforced": "#006d2c",
    "amended": "#ff7f0e",
    "suspended": "#b15928",
    "rescinded": "#d62728",
}
STAGE_SYMBOLS = {
    "proposed": "circle-open",
    "announced": "diamond",
    "published": "square",
    "in_force": "circle",
    "enforced": "star",
    "amended": "triangle-up",
    "suspended": "hourglass",
    "rescinded": "x",
}


def stage_order() -> dict[str, int]:
    """Each stage's place in the order a policy moves through them."""
    return {stage: rank for rank, stage in enumerate(thread_stages().values)}


def stage_label(stage: str) -> str:
    return stage.replace("_", " ")


def stage_labels(stages: pd.Series, missing: str) -> list[str]:
    """Each stage as words, `missing` where there is none."""
    return [stage_label(stage) if isinstance(stage, str) else missing for stage in stages]


def empty_links() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="str") for name in LINK_COLUMNS})


def chains(links: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each thread's live events with their stage and dates, in chain order (date, then stage order).

    A link to an event that is deleted or merged away is left out: the chain shows what the store shows.
    `row` is the event's position in `events`, to match a view's row positions without comparing ids.
    """
    dated = events[["event_id", "title", "date_start", "date_end", "date_precision"]].assign(row=np.arange(len(events)))
    joined = links[list(LINK_COLUMNS)].merge(dated, on="event_id", how="inner")
    joined["stage_rank"] = joined["stage"].map(stage_order()).astype("int64")
    return joined.sort_values(["thread_id", "date_start", "stage_rank"], kind="stable", ignore_index=True)


def chains_for(links: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """`chains(links, events)` for these very frames, computed once while both live (a page reruns often)."""
    key = (id(links), id(events))
    with _chains_lock:
        found = _remembered_chains.get(key)
        if found is not None and found[0]() is links and found[1]() is events:
            return found[2]
    built = chains(links, events)
    with _chains_lock:
        for stale in [
            key
            for key, (links_ref, events_ref, _) in _remembered_chains.items()
            if links_ref() is None or events_ref() is None
        ]:
            del _remembered_chains[stale]
        while len(_remembered_chains) >= 4:
            del _remembered_chains[next(iter(_remembered_chains))]
        _remembered_chains[key] = (weakref.ref(links), weakref.ref(events), built)
    return built


def status_for(threads: pd.DataFrame, chain: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """`status(threads, chain, as_of)`, kept for a rerun that asks again with the same chains and threads."""
    key = (id(chain), as_of, tuple(threads["thread_id"]))
    remembered = _remembered_status.get(key)
    if remembered is not None and remembered[0]() is chain:
        return remembered[1]
    table = status(threads, chain, as_of)
    _remembered_status.clear()
    _remembered_status[key] = (weakref.ref(chain), table)
    return table


def threads_in_view(chain: pd.DataFrame, event_count: int, positions: np.ndarray) -> set[str]:
    """The threads with an event among `positions` (rows of the events frame the chain was built from)."""
    in_view = np.zeros(event_count, dtype=bool)
    in_view[positions] = True
    return set(chain["thread_id"].to_numpy()[in_view[chain["row"].to_numpy()]])


def status(threads: pd.DataFrame, chain: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per thread with events: current stage and since when, the next known date after `as_of`.

    The current stage is the stage of the latest event dated on or before `as_of` (on one day, the
    later stage in the order wins); the next known date is the first event after it.
    """
    cutoff = pd.Timestamp(as_of)
    past = chain[chain["date_start"] <= cutoff]
    current = past.groupby("thread_id", sort=False).tail(1).set_index("thread_id")
    upcoming = chain[chain["date_start"] > cutoff].groupby("thread_id", sort=False).head(1).set_index("thread_id")
    counts = chain.groupby("thread_id", sort=False).size()
    table = threads[list(THREAD_COLUMNS)].set_index("thread_id").join(counts.rename("events"), how="inner")
    # Object columns: a stage or None, whatever pandas would infer from an all-missing column.
    table["current_stage"] = current["stage"].reindex(table.index).astype(object)
    table["since"] = [
        format_interval(row.date_start, row.date_end, row.date_precision) if isinstance(row.stage, str) else None
        for row in current.reindex(table.index).itertuples()
    ]
    table["since_date"] = current["date_start"].reindex(table.index)
    table["current_event"] = current["event_id"].reindex(table.index)
    table["next_stage"] = upcoming["stage"].reindex(table.index).astype(object)
    table["next_date"] = [
        format_interval(row.date_start, row.date_end, row.date_precision) if isinstance(row.stage, str) else None
        for row in upcoming.reindex(table.index).itertuples()
    ]
    table = table.reset_index()
    # Busiest news first: the thread whose stage moved last heads the list.
    return table.sort_values(["since_date", "name"], ascending=[False, True], na_position="last", ignore_index=True)


def status_words(row) -> str:
    """The current stage stated in words: 'rescinded since 13 May 2025; next: in force on 1 Aug 2025'."""
    if not isinstance(row["current_stage"], str):
        words = "not started yet"
    else:
        words = f"{stage_label(row['current_stage'])} since {row['since']}"
    if isinstance(row["next_stage"], str):
        words += f"; next: {stage_label(row['next_stage'])} on {row['next_date']}"
    return words


def waits(chain: pd.DataFrame) -> pd.DataFrame:
    """The intervals from announcement (or proposal, or publication) to entry into force, one row each.

    Each entry into force closes the wait opened by the earliest announcing stage since the previous one.
    """
    columns = ["thread_id", "start", "end", "days"]
    if chain.empty:
        return pd.DataFrame(columns=columns)
    in_force = (chain["stage"] == IN_FORCE).to_numpy()
    # How many entries into force come before each row of its thread: the wait a row belongs to.
    before = pd.Series(in_force.astype("int64")).groupby(chain["thread_id"].to_numpy()).cumsum().to_numpy()
    cycle = before - in_force
    opening = chain["stage"].isin(stages_before_force()).to_numpy()
    opened = (
        pd.DataFrame(
            {"thread_id": chain["thread_id"][opening], "cycle": cycle[opening], "start": chain["date_start"][opening]}
        )
        .groupby(["thread_id", "cycle"], as_index=False)["start"]
        .min()
    )
    closed = pd.DataFrame(
        {"thread_id": chain["thread_id"][in_force], "cycle": cycle[in_force], "end": chain["date_start"][in_force]}
    )
    closed = closed.groupby(["thread_id", "cycle"], as_index=False)["end"].min()
    bands = opened.merge(closed, on=["thread_id", "cycle"], how="inner")
    bands = bands[bands["end"] > bands["start"]]
    bands["days"] = (bands["end"] - bands["start"]).dt.days
    return bands[columns].reset_index(drop=True)


def chain_figure(table: pd.DataFrame, chain: pd.DataFrame) -> go.Figure:
    """One row per thread (the first CHAIN_LIMIT of `table`): its stages as a chain, waits as bands.

    A stage dated less precisely than a day is drawn across its whole interval; the row's label
    states the current stage in words.
    """
    shown = table.head(CHAIN_LIMIT)
    labels = {
        row["thread_id"]: f"<b>{escape_html(row['name'])}</b><br>{escape_html(status_words(row))}"
        for _, row in shown.iterrows()
    }
    # Building a plotly figure costs more than the rest of the page: the same chains give the same figure.
    key = (id(chain), tuple(labels.items()))
    remembered = _remembered_figures.get(key)
    if remembered is not None and remembered[0]() is chain:
        return remembered[1]
    figure = _chain_figure(labels, chain)
    _remembered_figures.clear()  # one figure is kept: the one a rerun asks for again
    _remembered_figures[key] = (weakref.ref(chain), figure)
    return figure


def _chain_figure(labels: dict[str, str], chain: pd.DataFrame) -> go.Figure:
    chain = chain[among(chain["thread_id"], set(labels))]
    rows = chain["thread_id"].map(labels)
    figure = go.Figure()
    bands = waits(chain)
    if not bands.empty:
        figure.add_trace(
            go.Bar(
                y=bands["thread_id"].map(labels),
                base=bands["start"].dt.strftime("%Y-%m-%d"),
                x=(bands["end"] - bands["start"]).dt.days * 86_400_000,
                orientation="h",
                marker={"color": "rgba(35,139,69,0.35)", "line": {"width": 0}},
                width=0.6,
                name="announced → in force",
                hovertemplate="%{customdata} days from announcement to entry into force<extra></extra>",
                customdata=bands["days"],
            )
        )
    # The chain itself: a thin line through each thread's stages, in date order.
    xs, ys = [], []
    for thread_id, group in chain.groupby("thread_id", sort=False):
        xs += [*group["date_start"].dt.strftime("%Y-%m-%d"), None]
        ys += [labels[thread_id]] * len(group) + [None]
    figure.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#bdbdbd", "width": 2}, hoverinfo="skip", showlegend=False)
    )
    imprecise = chain[chain["date_precision"] != "day"]
    for stage, spans in imprecise.groupby("stage", sort=False):
        # One trace per stage: each span from its first to its last day, separated by gaps.
        xs = [
            value
            for start, end in zip(spans["date_start"], spans["date_end"], strict=True)
            for value in (start, end, None)
        ]
        ys = [value for row in spans["thread_id"].map(labels) for value in (row, row, None)]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": STAGE_COLOURS[stage], "width": 10},
                opacity=0.5,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for stage, colour in STAGE_COLOURS.items():
        points = chain[chain["stage"] == stage]
        if points.empty:
            continue
        middle = points["date_start"] + (points["date_end"] - points["date_start"]) / 2
        when = [
            format_interval(*values)
            for values in zip(points["date_start"], points["date_end"], points["date_precision"], strict=True)
        ]
        figure.add_trace(
            go.Scatter(
                x=middle,
                y=rows[points.index],
                mode="markers",
                name=stage_label(stage),
                marker={
                    "color": colour,
                    "symbol": STAGE_SYMBOLS[stage],
                    "size": 13,
                    "line": {"width": 1, "color": "#333"},
                },
                customdata=np.column_stack(
                    [points["event_id"], [escape_html(title) for title in points["title"]], when]
                ),
                hovertemplate=f"<b>{stage_label(stage)}</b> · %{{customdata[2]}}<br>%{{customdata[1]}}<extra></extra>",
            )
        )
    order = list(labels.values())
    figure.update_layout(
        template=TEMPLATE,
        height=max(260, 120 + ROW_HEIGHT * len(order)),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        barmode="overlay",
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "automargin": True},
        xaxis={"type": "date"},
        hoverlabel={"align": "left"},
    )
    return figure


def with_thread_events(filters: Filters, links: pd.DataFrame) -> Filters:
    """`filters` with the events of its threads filled in from `links`, so apply_filters can keep them."""
    members = links.loc[among(links["thread_id"], filters.threads), "event_id"] if filters.threads else ()
    return replace(filters, thread_events=frozenset(members))


def policy_status(
    threads: pd.DataFrame, links: pd.DataFrame, events: pd.DataFrame, view_ids, as_of: dt.date
) -> pd.DataFrame:
    """The briefing's policy status: for each thread with an event in the view, its stage, since when, what next."""
    chain = chains_for(links, events)
    touching = set(chain.loc[among(chain["event_id"], view_ids), "thread_id"])
    table = status(threads[among(threads["thread_id"], touching)], chain, as_of)
    return pd.DataFrame(
        {
            "Thread": table["name"],
            "Current stage": stage_labels(table["current_stage"], "not started"),
            "Since": table["since"].fillna(""),
            "Next known date": [
                f"{when} ({stage_label(stage)})" if isinstance(stage, str) else "none known"
                for when, stage in zip(table["next_date"], table["next_stage"], strict=True)
            ],
        }
    )


def among(values: pd.Series, pool) -> np.ndarray:
    """Which of `values` are in `pool`, as a boolean array.

    Series.isin on text columns hashes the pool slowly (seconds for a million ids); a Python set does not.
    """
    wanted = pool if isinstance(pool, (set, frozenset)) else set(pool)
    # Plain Python strings first: iterating an Arrow-backed column yields each value slowly.
    plain = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else values
    return np.fromiter(map(wanted.__contains__, plain), dtype=bool, count=len(plain))
