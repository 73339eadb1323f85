import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from bench._synthetic import synthetic_events_fast
from timeline.index import SORT_COLUMNS, build_index, in_display_order, name_links


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_events_fast(3_000, seed=11)


def test_display_order_is_recognised_without_sorting(synthetic):
    ordered = synthetic.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)
    assert in_display_order(ordered)
    assert not in_display_order(synthetic)  # generated in id order, not date order
    index = build_index(ordered)
    assert index.in_order and (index.order == np.arange(len(ordered))).all()


@pytest.mark.parametrize("swap", ["same dates, ids reversed", "same start, ends reversed", "starts reversed"])
def test_one_pair_out_of_order_is_caught(synthetic, swap):
    ordered = synthetic.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)
    starts, ends = ordered["date_start"], ordered["date_end"]
    pairs = {
        "same dates, ids reversed": (starts.shift(-1) == starts) & (ends.shift(-1) == ends),
        "same start, ends reversed": (starts.shift(-1) == starts) & (ends.shift(-1) > ends),
        "starts reversed": starts.shift(-1) > starts,
    }
    first = int(np.flatnonzero(pairs[swap].to_numpy())[0])
    swapped = ordered.iloc[[*range(first), first + 1, first, *range(first + 2, len(ordered))]]
    assert not in_display_order(swapped.reset_index(drop=True))
    index = build_index(swapped)
    assert list(swapped["event_id"].iloc[index.order]) == list(ordered["event_id"])


def test_name_links_count_a_repeated_name_once_per_event():
    links = name_links(pd.Series([("A", "B", "A"), (), ("B",)], dtype="object"))
    assert list(zip(links.rows.tolist(), links.names[links.codes].tolist(), strict=True)) == [
        (0, "A"),
        (0, "B"),
        (2, "B"),
    ]
    assert links.counts.to_dict() == {"A": 1, "B": 2}
    assert links.rows.dtype == np.int32 and links.codes.dtype == np.int32


def test_sessions_asking_for_one_view_at_once_share_one_computation(synthetic):
    index = build_index(synthetic)
    started, release, calls = threading.Event(), threading.Event(), []

    def compute():
        calls.append(1)
        started.set()
        release.wait(5)
        return np.array([3, 1, 2], dtype=np.int32)

    with ThreadPoolExecutor(max_workers=4) as pool:
        first = pool.submit(index.shared, "view", compute)
        started.wait(5)
        others = [pool.submit(index.shared, "view", compute) for _ in range(3)]
        release.set()
        results = [first.result(5)] + [other.result(5) for other in others]
    assert len(calls) == 1
    assert all(result is results[0] for result in results)
    assert results[0].tolist() == [3, 1, 2] and not results[0].flags.writeable
    assert index.shared("view", lambda: pytest.fail("remembered results are not computed again")) is results[0]


def test_a_failed_computation_reaches_every_waiter_and_is_not_remembered(synthetic):
    index = build_index(synthetic)
    started, release = threading.Event(), threading.Event()

    def failing():
        started.set()
        release.wait(5)
        raise RuntimeError("store gone")

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(index.shared, "view", failing)
        started.wait(5)
        waiting = pool.submit(index.shared, "view", failing)
        release.set()
        for future in (first, waiting):
            with pytest.raises(RuntimeError, match="store gone"):
                future.result(5)
    assert index.shared("view", lambda: np.array([7], dtype=np.int32)).tolist() == [7]


def test_sessions_opened_together_build_one_index_for_a_frame(synthetic, monkeypatch):
    from timeline import index as index_module

    frame = synthetic.copy()  # a frame no index was built for
    builds = []

    def slow_build(events):
        builds.append(1)
        time.sleep(0.2)  # long enough for every other session to arrive while it runs
        return build_index(events)

    monkeypatch.setattr(index_module, "build_index", slow_build)
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda _: index_module.index_for(frame), range(4)))
    assert len(builds) == 1
    assert all(index is found[0] for index in found)
