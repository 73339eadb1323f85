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
