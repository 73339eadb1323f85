"""Streamlit glue shared by the pages: the cached dataset, the sidebar filters and the URL.

Pages call these and render; the data work itself lives in plain modules (filters, figures, ...).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from timeline import filters as filtering
from timeline import labels, overview, sign_in, vocabulary
from timeline.actors import ActorRegistry
from timeline.countries import country_name
from timeline.database import Identity, StoreError, database_url, read_source_urls
from timeline.database.actor_registry import store_registry
from timeline.database.threads import read_threads, thread_revision
from timeline.dates_display import format_day, interval_column
from timeline.filters import Filters
from timeline.index import EventIndex, index_for
from timeline.memory import return_large_blocks
from timeline.overview import ZOOM_KEY
from timeline.registry_forms import resolved_actors
from timeline.schema import COLUMNS, SchemaError
from timeline.snapshot import LiveDataset, snapshot_path_for
from timeline.store import Dataset, open_seeded_store
from timeline.tags import tag_column, with_tag_events
from timeline.text import plain_markdown
from timeline.threads import with_thread_events
from timeline.vocabulary import precisions as precision_vocabulary

FIRST_RUN_KEY = "_query_read"
WIDGET_KEYS = {
    "actors": "filter_actors",
    "actor_mode": "filter_actor_mode",
    "categories": "filter_categories",
    "countries": "filter_countries",
    "dates": "filter_dates",
    "text": "filter_text",
    "precise_only": "filter_precise",
    "include_unreviewed": "filter_unreviewed",
    "threads": "filter_threads",
    "tags": "filter_tags",
    "outlets": "filter_outlets",
    "languages": "filter_languages",
    "precisions": "filter_precisions",
    "min_confidence": "filter_confidence",
}

# Rows a table or a select box offers: more is unreadable, and slow to send to the browser.
LISTED_ROWS = overview.DETAIL_LIMIT
# The date widget's range: a link may ask for no date outside it (the widget would fail), the data may widen it.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


@st.cache_resource(show_spinner="Opening the event store…")
def _engine(url: str) -> Engine:
    return open_seeded_store(url)


@st.cache_resource(show_spinner="Loading events…")
def _live_dataset(url: str) -> LiveDataset:
    return_large_blocks()  # before the first load: every session's rerun allocates and frees large arrays
    return LiveDataset(_engine(url), snapshot_path_for(url))


def engine() -> Engine:
    """The store this dashboard reads and writes, opened once per process."""
    return _engine(database_url())


def dataset() -> Dataset:
    """Every live event and source: one frame shared by all sessions, patched after each write.

    Never mutated in place, so its filter index (timeline.index.index_for) stays valid until replaced.
    """
    live = _live_dataset(database_url())
    # A first read, or one after a bulk change, takes seconds at a million events: the spinner says so
    # (Streamlit shows it only when the block runs longer than half a second).
    with st.spinner("Reading the event store…", show_time=True):
        current = live.current()
    _freeze_once()
    return current


_frozen = threading.Event()


def _freeze_once() -> None:
    """Put what the process holds after its first load out of the cycle collector's reach, once.

    Streamlit runs a full garbage collection after every script run of every session; walking the
    modules, plotly's objects and the shared frame made that tens of milliseconds a rerun, all under
    the interpreter lock. Frozen objects are still freed by reference counting when dropped; once
    only, so that later sessions' own cycles stay collectable.
    """
    if not _frozen.is_set():
        _frozen.set()
        gc.freeze()


@st.cache_resource(max_entries=4, show_spinner=False)
def _threads_at(url: str, revision: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_threads(_engine(url))


def thread_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every policy thread and its links to events, re-read only after a thread changed."""
    url = database_url()
    return _threads_at(url, thread_revision(_engine(url)))


@st.cache_resource(max_entries=4, show_spinner=False)
def _tags_at(url: str, revision: int) -> pd.DataFrame:
    from timeline.database.curation import read_tags

    return read_tags(_engine(url))


def tag_data() -> pd.DataFrame:
    """Every event's tags (columns event_id, tag), re-read only after a write."""
    from timeline.database import store_revision

    url = database_url()
    return _tags_at(url, store_revision(_engine(url)))


def query_values() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read_query_once(events: pd.DataFrame, index: EventIndex) -> list[str]:
    """On a session's first run, put the URL's filters into the widgets; return what was ignored."""
    if st.session_state.get(FIRST_RUN_KEY):
        return []
    st.session_state[FIRST_RUN_KEY] = True
    st.session_state["_initial_query"] = query_values()
    wanted, problems = filtering.from_query_params(st.session_state["_initial_query"])
    # A link may name an actor by any alias or spelling («习近平», "شي جين بينج"): the widget holds the canonical name.
    wanted = dataclasses.replace(wanted, actors=filtering.with_actor_names(wanted, actor_registry().resolve).actors)
    known_actors, known_countries = set(index.actors.names), set(index.countries.names)
    known_categories = set(index.category_counts.index)
    for name in ("date_from", "date_to"):
        day = getattr(wanted, name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            problems.append(
                f"{filtering.QUERY_KEYS[name]}={day.isoformat()} is outside {FIRST_DAY.year}–{LAST_DAY.year}"
            )
            wanted = dataclasses.replace(wanted, **{name: None})
    for label, values, known in (
        ("actor", wanted.actors, known_actors),
        ("category", wanted.categories, known_categories),
        ("country", wanted.countries, known_countries),
    ):
        problems.extend(f"{label} {value!r} is not in the data" for value in values if value not in known)
    state = st.session_state
    state[WIDGET_KEYS["actors"]] = [name for name in wanted.actors if name in known_actors]
    state[WIDGET_KEYS["actor_mode"]] = "all of" if wanted.actor_mode == "all" else "any of"
    state[WIDGET_KEYS["categories"]] = [name for name in wanted.categories if name in known_categories]
    state[WIDGET_KEYS["countries"]] = [code for code in wanted.countries if code in known_countries]
    state[WIDGET_KEYS["text"]] = wanted.text
    state[WIDGET_KEYS["precise_only"]] = wanted.precise_only
    state[WIDGET_KEYS["include_unreviewed"]] = wanted.include_unreviewed
    known_threads = set(thread_data()[0]["thread_id"])
    problems.extend(f"thread {value!r} is not in the store" for value in wanted.threads if value not in known_threads)
    state[WIDGET_KEYS["threads"]] = [thread_id for thread_id in wanted.threads if thread_id in known_threads]
    known_tags = set(tag_data()["tag"])
    known_outlets = set(present_values(events["source_name"]))
    known_languages = set(present_values(events["source_lang"]))
    known_precisions = set(precision_vocabulary().values)
    for name, label, known in (
        ("tags", "tag", known_tags),
        ("outlets", "outlet", known_outlets),
        ("languages", "source language", known_languages),
        ("precisions", "precision", known_precisions),
    ):
        problems.extend(
            f"{label} {value!r} is not in the data" for value in getattr(wanted, name) if value not in known
        )
        state[WIDGET_KEYS[name]] = [value for value in getattr(wanted, name) if value in known]
    state[WIDGET_KEYS["min_confidence"]] = wanted.min_confidence or 0.0
    if wanted.date_from or wanted.date_to:
        state[WIDGET_KEYS["dates"]] = (
            wanted.date_from or events["date_start"].min().date(),
            wanted.date_to or events["date_end"].max().date(),
        )
    return problems


def initial_query_value(key: str) -> str | None:
    """A page's own parameter (lane mode, selected event) as the session's first URL gave it."""
    values = st.session_state.get("_initial_query", {}).get(key) or []
    return values[-1] if values else None


def set_query_values(params: dict[str, str | list[str]], managed: list[str] | tuple[str, ...]) -> None:
    """Write `params` to the URL and remove the other `managed` keys, leaving the rest alone."""
    for key in managed:
        if key in params:
            if st.query_params.get_all(key) != (params[key] if isinstance(params[key], list) else [params[key]]):
                st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]


def sidebar_filters(events: pd.DataFrame) -> Filters:
    """The shared filter widgets; their state is written to the URL on every run."""
    # Option counts come from the dataset's index, built once: counting a million rows per rerun is not free.
    index = index_for(events)
    problems = read_query_once(events, index)
    sidebar = st.sidebar
    sidebar.header("Filters")
    for problem in problems:
        sidebar.warning(f"Link ignored: {plain_markdown(problem)}")
    registry = actor_registry()
    actors = sidebar.multiselect(
        "Actors",
        options=list(index.actors.counts.index),
        format_func=lambda name: _actor_label(name, index.actors.counts, registry),
        key=WIDGET_KEYS["actors"],
        placeholder="Any actor, by any name",
        accept_new_options=True,  # a spelling the labels lack («شى جين بينج») is resolved below
        help="Type a name in any language or script: aliases find their actor.",
    )
    for name in actors:
        if name not in index.actors.counts.index and registry.resolve(name) is None:
            sidebar.warning(f"{plain_markdown(name)} names no actor in the registry")
    mode = sidebar.radio(
        "Events with", ["any of", "all of"], key=WIDGET_KEYS["actor_mode"], horizontal=True, disabled=len(actors) < 2
    )
    chosen_categories = _counted_multiselect(
        "Categories", index.category_counts, labels.category, "categories", "Any category"
    )
    chosen_countries = _counted_multiselect(
        "Countries", index.countries.counts, country_name, "countries", "Any country"
    )
    earliest, latest = events["date_start"].min().date(), events["date_end"].max().date()
    st.session_state.setdefault(WIDGET_KEYS["dates"], (earliest, latest))
    if ZOOM_KEY in st.session_state:
        # A span picked on the timeline's overview, applied before the widget exists in this run.
        st.session_state[WIDGET_KEYS["dates"]] = st.session_state.pop(ZOOM_KEY)
    dates = sidebar.date_input(
        "Date range",
        min_value=min(FIRST_DAY, earliest),
        max_value=max(LAST_DAY, latest),
        key=WIDGET_KEYS["dates"],
        help="An event is shown when any part of its date interval falls in the range.",
    )
    text = sidebar.text_input("Search title, summary and quote", key=WIDGET_KEYS["text"])
    precise_only = sidebar.toggle(
        "Hide imprecise dates", key=WIDGET_KEYS["precise_only"], help="Keep only events dated to the day."
    )
    unreviewed = int((events["status"] != "accepted").sum())
    include_unreviewed = True
    if unreviewed:
        include_unreviewed = sidebar.toggle(
            f"Show unreviewed events ({unreviewed})",
            key=WIDGET_KEYS["include_unreviewed"],
            help="Events found by a machine in an added source, not yet checked by an analyst.",
        )
    threads, links = thread_data()
    names = dict(zip(threads["thread_id"], threads["name"], strict=True))
    chosen_threads = sidebar.multiselect(
        "Policy threads", list(names), format_func=names.get, key=WIDGET_KEYS["threads"], placeholder="Any thread"
    )
    tags = tag_data()
    chosen_tags = sidebar.multiselect(
        "Tags", sorted(set(tags["tag"]), key=str.casefold), key=WIDGET_KEYS["tags"], placeholder="Any tag"
    )
    with sidebar.expander("Sources, precision, confidence", icon=":material/tune:"):
        outlets = st.multiselect(
            "Outlet of the primary source",
            sorted(present_values(events["source_name"]), key=str.casefold),
            key=WIDGET_KEYS["outlets"],
            placeholder="Any outlet",
        )
        languages = st.multiselect(
            "Language of the primary source",
            sorted(present_values(events["source_lang"])),
            key=WIDGET_KEYS["languages"],
            placeholder="Any language",
        )
        chosen_precisions = st.multiselect(
            "Date precision, exactly",
            list(precision_vocabulary().values),
            key=WIDGET_KEYS["precisions"],
            placeholder="Any precision",
        )
        confidence = st.slider(
            "Confidence at least", 0.0, 1.0, step=0.05, key=WIDGET_KEYS["min_confidence"], format="%.2f"
        )
    date_from, date_to = _date_bounds(dates, earliest, latest)
    chosen = Filters(
        actors=tuple(actors),
        actor_mode="all" if mode == "all of" else "any",
        categories=tuple(chosen_categories),
        countries=tuple(chosen_countries),
        date_from=date_from,
        date_to=date_to,
        text=text,
        precise_only=precise_only,
        include_unreviewed=include_unreviewed,
        threads=tuple(chosen_threads),
        tags=tuple(chosen_tags),
        outlets=tuple(outlets),
        languages=tuple(languages),
        precisions=tuple(chosen_precisions),
        min_confidence=confidence or None,
    )
    set_query_values(filtering.to_query_params(chosen), list(filtering.QUERY_KEYS.values()))
    saved_views_sidebar(events, chosen, links)
    return with_tag_events(with_thread_events(filtering.with_actor_names(chosen, registry.resolve), links), tags)


def actor_registry() -> ActorRegistry:
    """The store's actor registry (with every government), rebuilt only after the registry changed."""
    return store_registry(engine())


def actor_inputs(events: pd.DataFrame, current: tuple[str, ...] | None, key: str) -> tuple[list[str], bool, str]:
    """A form's actor fields: names chosen or typed (any alias), and whether and as what to add the unknown ones.

    Returns what the analyst chose; `checked_actors` resolves it when the form is saved.
    """
    registry = actor_registry()
    offered = {actor.name for actor in registry.actors if not actor.disabled and actor.kind != "government_body"}
    options = sorted(offered | set(index_for(events).actors.names) | set(current or ()))
    names = st.multiselect(
        "Actors",
        options,
        default=list(current or ()),
        format_func=lambda name: _actor_label(name, None, registry),
        accept_new_options=True,
        key=f"{key}_actors",
        help="Type a name in any language: an alias is saved as its actor's canonical name.",
    )
    add_column, kind_column = st.columns([2, 1])
    add_new = add_column.checkbox(
        "Add names the registry lacks as new actors", key=f"{key}_add_actors", help="Otherwise they are refused."
    )
    kinds = list(vocabulary.actor_kinds().values)
    kind = kind_column.selectbox("as", kinds, index=kinds.index("organisation"), key=f"{key}_new_actor_kind")
    return names, add_new, kind


def checked_actors(names: list[str], add_new: bool, kind: str, who: str) -> tuple[str, ...]:
    """The chosen names as canonical actors; names the registry lacks are added only when asked, else refused."""
    from timeline.database.actor_registry import add_actor

    canonical, unknown = resolved_actors(names, actor_registry())
    if unknown and not add_new:
        listed_names = ", ".join(repr(name) for name in unknown)
        raise ValueError(
            f"actors: {listed_names} not in the actor registry; pick the actor meant, "
            "or tick “Add names the registry lacks as new actors”"
        )
    for name in unknown:
        add_actor(engine(), name, kind, who)
    return canonical


def _actor_label(name: str, counts: pd.Series | None, registry: ActorRegistry) -> str:
    """ "Xi Jinping (12) · 习近平 · شي جين بينغ …": the aliases are in the label so typing one finds the actor."""
    label = f"{name} ({counts.get(name, 0)})" if counts is not None and name in counts.index else name
    actor = registry.by_name.get(name)
    if actor is None:
        return label
    aliases = [alias for alias in actor.all_names()[1:] if alias.casefold() not in name.casefold()]
    return " · ".join([label, *aliases])


def saved_views_sidebar(events: pd.DataFrame, chosen: Filters, links: pd.DataFrame) -> None:
    """Saved views in the sidebar: open one, save the current view; a watched one counts the events
    added to it since this analyst last opened it (or since it was saved)."""
    from timeline.database.saved_views import created_since, last_opened, save_view, saved_views, view_filters

    store = engine()
    views = saved_views(store)
    who = sign_in.acting_identity(store)
    opened = last_opened(store, who) if who else {}
    with st.sidebar.expander(f"Saved views ({len(views)})", icon=":material/bookmarks:"):
        for view in views.itertuples():
            label = view.name
            if view.watched:
                since = opened.get(view.name, view.created_at)
                named = filtering.with_actor_names(view_filters(store, view.name), actor_registry().resolve)
                wanted = with_tag_events(with_thread_events(named, links), tag_data())
                shown = filtering.filtered_positions(events, wanted, index_for(events))
                entered = created_since(store, since) & set(events["event_id"].to_numpy()[shown])
                label += f" (+{len(entered)} new)" if entered else " (nothing new)"
            st.button(
                label,
                key=f"saved_view_{view.name}",
                help=view.description,
                icon=":material/visibility:" if view.watched else ":material/bookmark:",
                on_click=_open_saved_view,
                args=(view.name, who),
            )
        name = st.text_input("Save this view as", key="saved_view_name", placeholder="a name the team will see")
        watched = st.checkbox("Watch it", key="saved_view_watched", help="Count the events added to it.")
        if st.button("Save view", key="saved_view_save", disabled=not (name.strip() and may(who, "save_view"))):
            try:
                save_view(store, name, chosen, who, watched)
            except (StoreError, ValueError) as error:
                st.error(plain_markdown(error))
            else:
                st.rerun()
        if not who:
            st.caption("Give your name (Edit or Review page) to save views and count what is new.")
        elif not may(who, "save_view"):
            st.caption("Saving a view for the team needs the analyst role.")


def _open_saved_view(name: str, who: str) -> None:
    """Put a saved view's filters in the address and have the sidebar read them again on this rerun."""
    from timeline.database.saved_views import mark_opened, view_filters

    wanted = filtering.to_query_params(view_filters(engine(), name))
    for key in filtering.QUERY_KEYS.values():
        if key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        st.query_params[key] = value
    st.session_state[FIRST_RUN_KEY] = False
    st.session_state.pop(WIDGET_KEYS["dates"], None)
    if who:
        mark_opened(engine(), name, who)


def present_values(column: pd.Series) -> list[str]:
    """The distinct values a column holds; for a categorical one, from its codes (no text per row)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        return [str(value) for value in column.cat.categories[np.unique(codes[codes >= 0])]]
    return sorted({str(value) for value in column.dropna()})


def _counted_multiselect(label: str, counts: pd.Series, name_of, filter_name: str, placeholder: str) -> list[str]:
    """A sidebar multiselect whose options, busiest first, show how many events each has."""
    return st.sidebar.multiselect(
        label,
        options=list(counts.index),
        format_func=lambda value: f"{name_of(value)} ({counts.get(value, 0)})",
        key=WIDGET_KEYS[filter_name],
        placeholder=placeholder,
    )


def _date_bounds(dates: object, earliest: dt.date, latest: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The chosen range, with a bound left open when it equals the data's own edge."""
    if not isinstance(dates, (tuple, list)) or not dates:
        return None, None
    start = dates[0]
    end = dates[1] if len(dates) > 1 else None  # a half-picked range filters from its start
    return (start if start != earliest else None), (end if end is not None and end != latest else None)


PAGES = (
    ("dashboard.py", "Timeline", ":material/timeline:"),
    ("pages/events.py", "Events", ":material/table_rows:"),
    ("pages/actors.py", "Actors", ":material/groups:"),
    ("pages/sources.py", "Sources", ":material/newspaper:"),
    ("pages/briefing.py", "Briefing", ":material/slideshow:"),
    ("pages/threads.py", "Threads", ":material/linear_scale:"),
    ("pages/changes.py", "Changes", ":material/difference:"),
    ("pages/add_sources.py", "Add sources", ":material/note_add:"),
    ("pages/feeds.py", "Feeds", ":material/rss_feed:"),
    ("pages/review.py", "Review", ":material/fact_check:"),
    ("pages/edit.py", "Edit", ":material/edit:"),
    ("pages/add_event.py", "Add event", ":material/add_circle:"),
    ("pages/trash.py", "Trash", ":material/delete:"),
)
# Session keys that outlive a page switch; Streamlit otherwise drops the state of widgets a page
# does not draw, and every page draws only its own widgets besides the sidebar's.
KEPT_KEYS = (
    *WIDGET_KEYS.values(),
    "analyst",
    "lanes",
    "event",
    "actor_focus",
    "brief_title",
    "brief_subtitle",
    "brief_labels",
    "brief_size",
)


def event_columns() -> dict:
    """How event tables label and format their columns, the same on every page (see `event_display`)."""
    config = st.column_config
    return {
        "when": config.TextColumn(
            "When", width=130, help="The date at the precision the record gives, never a made-up day."
        ),
        "date_text": config.TextColumn("Date as written"),
        "date_precision": config.TextColumn("Precision"),
        "title": config.TextColumn("Title", width="large"),
        "category": config.TextColumn("Category"),
        "actors": config.TextColumn("Actors", width="medium"),
        "countries": config.TextColumn("Countries"),
        "source_name": config.TextColumn("Source"),
        "source_url": config.LinkColumn("Link", display_text="open"),
        "status": config.TextColumn("Status"),
        "confidence": config.TextColumn("Confidence"),
        "quote": config.TextColumn("Sentence", width="large"),
    }


def event_display(rows: pd.DataFrame) -> pd.DataFrame:
    """Event rows as a table shows them: the date at its precision, codes as labels, lists as text."""
    shown = rows.assign(
        when=interval_column(rows), date_precision=labels.labelled(rows["date_precision"], labels.precision)
    )
    if "category" in rows.columns:
        shown["category"] = labels.labelled(rows["category"], labels.category)
    if "status" in rows.columns:
        shown["status"] = labels.labelled(rows["status"], labels.status)
    if "confidence" in rows.columns:
        shown["confidence"] = rows["confidence"].map(labels.confidence)
    for name in ("actors", "countries"):
        if name in rows.columns:
            shown[name] = rows[name].map(lambda values: ", ".join(values) if not isinstance(values, str) else values)
    if "source_url" in rows.columns:
        shown["source_url"] = web_links(rows["source_url"])
    return shown


def table_height(rows: int, most: int = 15) -> int:
    """Pixels for a table showing `rows` rows, at most `most` before it scrolls (35 px a row, plus the header)."""
    return 35 * (min(max(rows, 1), most) + 1) + 3


def navigation_links() -> None:
    """The page list at the top of the sidebar."""
    for path, label, icon in PAGES:
        st.sidebar.page_link(path, label=label, icon=icon)


# Typed and stored text takes its direction from its own first strong letter: an Arabic quote or date in
# a box reads and aligns right to left, an English one left to right ("plaintext" is dir=auto in CSS).
DIRECTION_CSS = (
    "<style>.stTextInput input,.stTextArea textarea,[data-testid=stMarkdownContainer] bdi"
    "{unicode-bidi:plaintext;text-align:start}</style>"
)


def page_setup(title: str) -> tuple[Dataset, Filters, pd.DataFrame]:
    """What every page starts with: page config, navigation, the shared filters; returns the view."""
    data, chosen, positions = page_positions(title)
    return data, chosen, rows_of(data.events, positions)


def page_positions(title: str) -> tuple[Dataset, Filters, np.ndarray]:
    """As page_setup, with the view as row positions in the shared frame: a page that may draw only
    counts (the timeline's overview) need not copy a large view's rows on every rerun."""
    # An emoji icon is drawn in the browser; a :material/…: one is fetched from Google's servers.
    st.set_page_config(page_title=f"{title} · Policy Timeline", page_icon="🗓️", layout="wide")
    for key in KEPT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    sign_in.gate(engine())  # on a team's store: the sign-in form, and nothing else, until signed in
    navigation_links()
    st.html(DIRECTION_CSS)
    try:
        data = dataset()
    except (StoreError, SchemaError) as error:  # SchemaError: a store holding a row the schema refuses
        st.error(f"The event store cannot be read: {plain_markdown(error)}")
        st.stop()
    chosen = sidebar_filters(data.events)
    st.session_state["filters"] = chosen
    return data, chosen, filtering.filtered_positions(data.events, chosen, index_for(data.events))


def rows_of(events: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """The events at `positions` (from page_positions) as a frame of their own."""
    return filtering.rows_at(events, positions, index_for(events))


def analyst_in_sidebar() -> str:
    """The acting name without a reminder, for pages where changing things is a side task."""
    return sign_in.ask_local_name(engine(), remind=False)


def analyst_name() -> str:
    """Who this session's changes are recorded as: the signed-in account, or the local analyst's name."""
    return sign_in.ask_local_name(engine())


def may(who: str, action: str) -> bool:
    """Whether to offer an action's button: a signed-in role that allows it, or any local name.

    Only a hint: the store checks again when the action is done.
    """
    return bool(who) and (who.may(action) if isinstance(who, Identity) else True)


@contextmanager
def reported(failure: str) -> Iterator[None]:
    """Run a store action; the project's own errors become one line on the page (`failure: reason`), no stack trace."""
    try:
        yield
    except (StoreError, ValueError) as error:  # ValueError: the schema's and the vocabularies' errors
        st.error(f"{failure}: {plain_markdown(error)}")


def page_path(title: str) -> str:
    """The address path of a page: '' for the home page, else its file name without .py."""
    script = next(path for path, label, _ in PAGES if label == title)
    return "" if script == "dashboard.py" else script.removeprefix("pages/").removesuffix(".py")


def event_picker(shown: pd.DataFrame, label: str = "Event", key: str = "event") -> str | None:
    """A select box over the shown events, carried in the URL as `event`; returns the event id.

    It offers the first LISTED_ROWS events, plus the one the link or the session names. The first
    event is the automatic choice and stays out of the URL; any other choice is written.
    """
    if shown.empty:
        return None
    wanted = st.session_state.get(key, initial_query_value("event"))
    offered = shown.head(LISTED_ROWS)
    if wanted is not None and wanted not in set(offered["event_id"]):
        offered = pd.concat([offered, shown[shown["event_id"] == wanted]])
    ids = offered["event_id"].tolist()
    titles = dict(zip(ids, interval_column(offered) + " · " + offered["title"], strict=True))
    if st.session_state.get(key) not in titles:
        st.session_state[key] = wanted if wanted in titles else ids[0]
    chosen = st.selectbox(label, ids, format_func=titles.get, key=key)
    set_query_choice("event", chosen, automatic=ids[0])
    return chosen


def set_query_choice(name: str, value: str, automatic: str | None) -> None:
    """Write a page's own choice to the URL, unless it is what the page picks by itself: opening a page
    leaves its address clean, and a link without the parameter opens the same automatic choice."""
    set_query_values({name: value} if value != automatic else {}, [name])


def open_selected_row(table_key: str, rows: pd.DataFrame, picker_key: str = "event") -> None:
    """Make the row clicked in table `table_key` (drawn with on_select, over `rows`) the picker's event.

    Call it after the table and before the picker; a click applies once, so the picker can change it after.
    """
    selection = st.session_state.get(table_key)
    picked = list(selection["selection"]["rows"]) if selection else []
    applied_key = f"_{table_key}_applied"
    if picked == st.session_state.get(applied_key):
        return
    st.session_state[applied_key] = picked
    if picked and picked[0] < len(rows):
        st.session_state[picker_key] = rows["event_id"].iloc[picked[0]]


def base_url() -> str:
    """The address the dashboard is served at, as the browser sees it, without the page's own path."""
    return site_address(st.context.url or "http://localhost:8501")


def site_address(page_url: str) -> str:
    """`page_url` without its query, fragment and page name: 'http://host/app/events?x' → 'http://host/app'.

    The page name is dropped only when it is one of ours, so a dashboard served under a path keeps it.
    """
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(page_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in {page_path(label) for _, label, _ in PAGES} - {""}:
        path = head
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def current_link(page: str) -> str:
    """The link that reopens this page with the current filters and page settings."""
    from urllib.parse import urlencode

    filter_keys = list(filtering.QUERY_KEYS.values())
    # Filters first, in a fixed order, then the page's own settings: links read alike.
    keys = sorted(
        st.query_params, key=lambda key: (key not in filter_keys, filter_keys.index(key) if key in filter_keys else key)
    )
    query = urlencode([(key, value) for key in keys for value in st.query_params.get_all(key)])
    return f"{base_url()}/{page}{'?' + query if query else ''}"


EXPORTS = {"png": "PNG (2×)", "svg": "SVG", "pdf": "PDF", "html": "HTML", "csv": "CSV"}
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "csv": "text/csv",
}


def export_buttons(
    figure_and_size, provenance: list[str], file_name_for, csv_bytes, key: str, page: str, on_export=None
) -> None:
    """Download buttons for the figure as PNG, SVG, PDF and HTML, the rows as CSV, and a link to the view.

    `figure_and_size()` returns the figure to export and its pixel size. It and each file are made
    only when a button is clicked (callables), never on an ordinary rerun; `on_export(fmt)` is then
    called too (a briefing records itself).
    """
    from timeline.images import render

    def file_of(fmt: str) -> bytes:
        if fmt == "csv":
            payload = csv_bytes()
        else:
            figure, size = figure_and_size()
            payload = render(figure, fmt, provenance, *size)
        if on_export is not None:
            on_export(fmt)
        return payload

    columns = st.columns([1, 1, 1, 1, 1, 2])
    for column, (fmt, label) in zip(columns, EXPORTS.items(), strict=False):
        data = csv_bytes if fmt == "csv" and on_export is None else (lambda fmt=fmt: file_of(fmt))
        column.download_button(
            label,
            data=data,
            file_name=file_name_for(fmt),
            mime=MIME_TYPES[fmt],
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}_download_{fmt}",
        )
    with columns[-1]:
        copy_link(page)


def show_event_threads(event_id: str) -> None:
    """Links to the Threads page for each policy thread the event belongs to, with its stage there."""
    from timeline.text import plain_markdown
    from timeline.threads import stage_label

    threads, links = thread_data()
    mine = links[links["event_id"] == event_id].merge(threads, on="thread_id")
    if mine.empty:
        return
    st.markdown("**Policy threads:**")
    for row in mine.itertuples():
        st.page_link(
            "pages/threads.py",
            label=plain_markdown(f"{row.name} — {stage_label(row.stage)}"),
            icon=":material/linear_scale:",
            query_params={"open": row.thread_id},
        )


def briefing_recorder(events: pd.DataFrame, shown: pd.DataFrame, filters: Filters, title: str):
    """A callback that records an exported briefing (view, events with versions, thread stages) in the store.

    Everything it needs is taken now: a download's file is made outside the page's run.
    """
    from timeline.changes import current_stages
    from timeline.database.briefings import record_briefing

    store, (threads, links) = engine(), thread_data()
    who = sign_in.acting_identity(store) or "unnamed dashboard user"
    ids = shown["event_id"].tolist()

    def record(fmt: str) -> None:
        stages = current_stages(threads, links, events, ids, dt.date.today())
        record_briefing(store, who, filters, ids, title, fmt, stages)

    return record


def show_overview(events: pd.DataFrame, filters: Filters, lanes: str) -> None:
    """Counts per time bin and lane for a view too large to draw event by event, with zooming in.

    The figure's size does not grow with the number of events; dragging across the bars offers a
    button that narrows the sidebar's dates to the selected span.
    """
    index = index_for(events)
    if lanes not in overview.LANE_MODES:
        st.caption(
            f"Counts are by category: {lanes} lanes are drawn once the filters leave few enough events to show one by one."
        )
        lanes = "category"
    # Sessions looking at the same view share one summary: each would otherwise count a million rows.
    summary = index.shared(
        ("overview", filters, lanes),
        lambda: overview.summarise(index, filtering.filtered_positions(events, filters, index), lanes),
    )
    st.caption(overview.caption(summary))
    chart = st.plotly_chart(
        overview.overview_figure(summary),
        key=overview.CHART_KEY,
        on_select="rerun",
        selection_mode=("points", "box"),
        config={"displaylogo": False},
    )
    span = overview.selected_span(chart["selection"]["points"] if chart else [], summary)
    if span is None:
        st.caption("Drag across the bars to select a span of time.")
    elif st.button(f"Zoom to {format_day(span[0])} – {format_day(span[1])}", icon=":material/zoom_in:"):
        # The date widget already exists in this run: the sidebar applies the range on the next one.
        st.session_state[ZOOM_KEY] = span
        st.rerun()


def with_addresses(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` of the shared frame with their source addresses read back from the store, as the schema
    orders columns; a frame that already has them is returned as it is."""
    if "source_url" in rows.columns:
        return rows
    urls = read_source_urls(engine(), rows["event_id"]).to_numpy()
    complete = rows.assign(source_url=urls)
    return complete[[name for name in COLUMNS if name in complete.columns]]


def export_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` as a CSV download holds them: with their source addresses and, after the schema's columns, their tags."""
    complete = with_addresses(rows)
    return complete.assign(tags=tag_column(complete["event_id"], tag_data()))


def web_links(addresses: pd.Series) -> pd.Series:
    """Addresses a link column may open: http and https only, so a stored `javascript:` address is never a live link."""
    text = addresses.astype("str")
    return text.where(text.str.match(r"(?i)https?://"), None)


def actor_options(events: pd.DataFrame, current: tuple[str, ...] | None) -> list[str]:
    """Every actor the events name, plus the event's own, sorted: from the shared index, not by
    exploding every row on each rerun."""
    return sorted(set(index_for(events).actors.names) | set(current or ()))


def listed(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows a table or a picker offers: the first LISTED_ROWS in date order, with a note when cut."""
    if len(shown) <= LISTED_ROWS:
        return shown
    st.caption(
        f"Listing the first {LISTED_ROWS:,} of {len(shown):,} events, in date order: narrow the filters "
        "to list the others. The CSV download holds them all."
    )
    return shown.head(LISTED_ROWS)


def stop_if_empty(shown: pd.DataFrame, page: str) -> None:
    """Say so and end the page when the filters keep nothing, still offering the link."""
    if shown.empty:
        st.info("No event matches these filters. Clear a filter in the sidebar to see more.")
        copy_link(page)
        st.stop()


def copy_link(page: str) -> None:
    """A copyable link to this view (the code block has a copy button); call it after the page's widgets."""
    with st.popover("Copy link", icon=":material/link:"):
        st.caption("Opening this link shows the same view.")
        st.code(current_link(page), language=None, wrap_lines=True)


def hide_chrome() -> None:
    """Hide the sidebar, header and toolbar, so that a screenshot shows the content alone."""
    st.html(
        "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],header,"
        "[data-testid=stToolbar],[data-testid=stDecoration]{display:none !important}"
        ".block-container{padding-top:1rem !important}</style>"
    )
