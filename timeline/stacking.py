"""Sub-rows within a lane so that no two marks overlap, as TimelineJS and vis-timeline stack items.

Each mark is an extent [left, right] in pixels on the time axis (a marker's width, a band's span).
Within a lane, marks are taken in order of their left edge and each goes to the lowest sub-row
whose last mark ends at least `gap` pixels before it starts (greedy first fit). The result depends
only on the extents, so the same view always stacks the same way.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd


def sub_rows(lanes: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float) -> np.ndarray:
    """The sub-row (0 = first) of each mark, given its lane code and its extent in pixels."""
    count = len(left)
    rows = np.zeros(count, dtype=np.int64)
    if count == 0:
        return rows
    order = np.lexsort((right, left, lanes))
    lane, start, end = lanes[order], left[order], right[order]
    # A mark that starts clear of every earlier mark of its lane begins a new cluster; most marks
    # of a sparse view are alone in theirs and go to the first sub-row without the loop below.
    reach = pd.Series(end).groupby(lane).cummax().to_numpy()
    begins = np.ones(count, dtype=bool)
    begins[1:] = (lane[1:] != lane[:-1]) | (start[1:] >= reach[:-1] + gap)
    cluster = np.cumsum(begins) - 1
    crowded = np.flatnonzero(np.bincount(cluster)[cluster] > 1)
    placed = np.zeros(count, dtype=np.int64)
    placed[crowded] = _first_fit(cluster[crowded], start[crowded], end[crowded], gap)
    rows[order] = placed
    return rows


def _first_fit(cluster: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float) -> np.ndarray:
    """First fit over marks sorted by cluster, then left edge: O(n log n) with two heaps."""
    rows = np.empty(len(left), dtype=np.int64)
    busy: list[tuple[float, int]] = []  # (free from this pixel on, sub-row)
    free: list[int] = []  # sub-rows free again, lowest first
    opened, current = 0, -1
    for position, (group, start, end) in enumerate(zip(cluster.tolist(), left.tolist(), right.tolist(), strict=True)):
        if group != current:
            busy.clear()
            free.clear()
            opened, current = 0, group
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, opened = opened, opened + 1
        rows[position] = row
        heapq.heappush(busy, (end + gap, row))
    return rows
