"""Per-dataset lookups built once, so filtering a million events needs no per-row Python work."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from timeline.vocabulary import categories

SORT_COLUMNS = ["date_start", "date_end", "event_id"]
EPOCH = np.datetime64("1970-01-01", "D")
RECENT_RESULTS = 32  # results remembered per index (positions, overviews), for every session
REMEMBERED_FRAMES = 4  # datasets whose index index_for keeps alive
POSITION = np.int32  # row positions and name codes: half the memory of int64, room for two billion events


@dataclass(frozen=True)
class NameLinks:
    """A names column (actors, countries) as flat (row, code) pairs: one pair per name an event carries."""

    names: pd.Index  # code -> name, in first-appearance order
    rows: np.ndarray  # row position of each pair (POSITION), ascending
    codes: np.ndarray  # code of each pair (POSITION)
    counts: pd.Series  # events per name, busiest first (the sidebar's option counts)

    def rows_with(self, wanted: tuple[str, ...], size: int, require_all: bool) -> np.ndarray:
        """Rows carrying any (or, with require_all, every) wanted name; unknown names match nothing."""
        codes = self.names.get_indexer(list(dict.fromkeys(wanted)))
        if require_all and (codes < 0).any():
            return np.zeros(size, dtype=bool)
        wanted_mask = np.zeros(len(self.names), dtype=bool)
        wanted_mask[codes[codes >= 0]] = True
        hits_per_row = np.bincount(self.rows[wanted_mask[self.codes]], minlength=size)
        # Pairs are unique per row, so a row has every wanted name when its hits reach their number.
        return hits_per_row >= int(wanted_mask.sum()) if require_all else hits_per_row > 0


@dataclass(eq=False)
class EventIndex:
    """What filters and the overview need from one event frame, precomputed for that frame only."""

    size: int
    order: np.ndarray  # row positions in display order: date_start, date_end, event_id
    in_order: bool  # the frame is already in display order, so keeping every row needs no copy
    actors: NameLinks
    countries: NameLinks
    start_days: np.ndarray  # int64 days since 1970-01-01 of each date_start
    category_codes: np.ndarray  # int8 position of each category in the vocabulary
    category_counts: pd.Series  # events per category, busiest first
    recent: dict = field(default_factory=dict, repr=False)  # key -> shared result, newest last
    _pending: dict = field(default_factory=dict, repr=False)  # key -> Future of a result being computed
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def shared(self, key: object, compute: Callable[[], object]) -> object:
        """The remembered result for `key` (filtered positions, a view's overview), else `compute()` run
        once however many sessions ask at once. Results are shared: nobody may change one.

        Every session's script runs in a thread of one process: analysts opening the same view
        together (a shared link, a briefing's filters) wait for one computation instead of each
        running their own, which would cost the cores and the memory many times over.
        """
        with self._lock:
            found = self.recent.get(key)
            if found is not None:
                return found
            pending = self._pending.get(key)
            computing = pending is None
            if computing:
                pending = self._pending[key] = Future()
        if not computing:
            return pending.result()
        try:
            result = compute()
        except BaseException as error:
            with self._lock:
                self._pending.pop(key, None)
            pending.set_exception(error)
            raise
        if isinstance(result, np.ndarray):
            result.setflags(write=False)
        with self._lock:  # remembered as it stops being pending: a later ask finds one or the other
            self.recent[key] = result
            self._pending.pop(key, None)
            while len(self.recent) > RECENT_RESULTS:
                self.recent.pop(next(iter(self.recent)), None)
        pending.set_result(result)
        return result


def build_index(events: pd.DataFrame) -> EventIndex:
    """Build the lookups for `events` (a schema frame); the frame must not change afterwards."""
    plain = events.reset_index(drop=True)
    if in_display_order(plain):  # the store hands frames over sorted: checking is cheaper than sorting
        order = np.arange(len(plain), dtype=POSITION)
    else:
        order = plain.sort_values(SORT_COLUMNS, kind="stable").index.to_numpy(dtype=POSITION)
    return EventIndex(
        size=len(plain),
        order=order,
        in_order=bool((order == np.arange(len(order))).all()),
        actors=name_links(plain["actors"]),
        countries=name_links(plain["countries"]),
        start_days=(plain["date_start"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int32),
        # Codes in vocabulary order, whatever dtype the column came in with.
        category_codes=pd.Categorical(plain["category"], categories=list(categories().values)).codes,
        category_counts=plain["category"].astype("str").value_counts(),
    )


def in_display_order(events: pd.DataFrame) -> bool:
    """Whether rows already run by date_start, then date_end, then event_id (as SORT_COLUMNS sorts)."""
    if len(events) < 2:
        return True
    starts, ends = events["date_start"].to_numpy(), events["date_end"].to_numpy()
    same_start = starts[1:] == starts[:-1]
    later = (starts[1:] > starts[:-1]) | (same_start & (ends[1:] > ends[:-1]))
    tied = same_start & (ends[1:] == ends[:-1])
    if not (later | tied).all():
        return False
    tied = np.flatnonzero(tied)  # same dates: the ids decide
    ids = events["event_id"].reset_index(drop=True)
    after, before = ids.iloc[tied + 1].reset_index(drop=True), ids.iloc[tied].reset_index(drop=True)
    return bool((after > before).all())


def name_links(column: pd.Series) -> NameLinks:
    """Flatten a column of name tuples into unique (row, code) pairs, without exploding the frame."""
    lengths = np.fromiter(map(len, column), dtype=np.int64, count=len(column))
    flat = list(itertools.chain.from_iterable(column))
    codes, names = pd.factorize(pd.Series(flat, dtype="object"))
    rows = np.repeat(np.arange(len(column), dtype=np.int64), lengths)
    # A name listed twice for one event must count once, as the set logic of the plain filter does.
    # Sorting beats np.unique here: its hash path is several times slower on millions of pairs.
    width = max(len(names), 1)
    pairs = np.sort(rows * width + codes)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    rows, codes = (pairs // width).astype(POSITION), (pairs % width).astype(POSITION)
    counts = pd.Series(np.bincount(codes, minlength=len(names)), index=pd.Index(names, dtype="object"))
    return NameLinks(
        names=pd.Index(names, dtype="object"),
        rows=rows,
        codes=codes,
        counts=counts.sort_values(ascending=False, kind="stable"),
    )


_remembered: dict[int, tuple[weakref.ref, EventIndex]] = {}
_lock = threading.Lock()
# One build at a time: sessions opened together after a start or a write wait for the first one's
# index instead of each building a copy (ten at once held 1.6 GB at a million events, for one kept).
_building = threading.Lock()


def index_for(events: pd.DataFrame) -> EventIndex:
    """The index of this very frame object, built on first use and kept while the frame lives.

    Keyed by identity: a cached dataset hands the same frame to every rerun, so this builds once.
    """
    found = _remembered_index(events)
    if found is not None:
        return found
    with _building:
        found = _remembered_index(events)
        if found is not None:
            return found
        built = build_index(events)
        with _lock:
            for key in [key for key, (frame, _) in _remembered.items() if frame() is None]:
                del _remembered[key]
            while len(_remembered) >= REMEMBERED_FRAMES:
                del _remembered[next(iter(_remembered))]
            _remembered[id(events)] = (weakref.ref(events), built)
    return built


def _remembered_index(events: pd.DataFrame) -> EventIndex | None:
    with _lock:
        found = _remembered.get(id(events))
        return found[1] if found is not None and found[0]() is events else None
