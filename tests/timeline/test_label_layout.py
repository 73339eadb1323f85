import itertools
import random

import pytest

from timeline.label_layout import Box, Request, Shape, place_labels, segment_crosses

FRAME = Box(0, 0, 800, 400)


def request(key: str, x: float, y: float, width: float = 120, height: float = 20) -> Request:
    return Request(
        key,
        Box(x - 6, y - 6, x + 6, y + 6),
        (Shape((key,), width, height), Shape((key, "second line"), width * 0.6, height * 2)),
        Shape(("9",), 18, height),
    )


def assert_clear(placements, marks, frame=FRAME):
    boxes = [placement.box for placement in placements if placement.box is not None]
    for box in boxes:
        assert box.inside(frame), box
        assert not any(box.overlaps(mark) for mark in marks), box
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    for placement in placements:
        if placement.leader:
            for box in boxes:
                if box is not placement.box:
                    assert not segment_crosses(box, *placement.leader)


def test_a_lone_label_sits_right_above_its_mark():
    only = request("Paris summit", 400, 200)
    [placement] = place_labels([only], FRAME, [only.mark])
    assert placement.kind == "beside"
    assert placement.lines == ("Paris summit",)
    assert placement.box.bottom <= only.mark.top and only.mark.top - placement.box.bottom < 5
    assert placement.box.centre[0] == pytest.approx(400)


def test_a_label_never_leaves_the_frame_so_never_covers_lane_names_beside_it():
    # A mark at the frame's left edge: a centred label would stick out over the lane names.
    edge = request("Meng Wanzhou detained", 8, 200)
    [placement] = place_labels([edge], FRAME, [edge.mark])
    assert placement.box.left >= FRAME.left


def test_crowded_marks_get_leaders_then_numbered_callouts_never_overlaps():
    random.seed(7)
    requests = [request(f"event {n}", 380 + random.uniform(-30, 30), 200 + random.uniform(-20, 20)) for n in range(40)]
    marks = [item.mark for item in requests]
    placements = place_labels(requests, FRAME, marks)
    kinds = {placement.kind for placement in placements}
    assert {"beside", "leader", "callout"} <= kinds
    assert_clear(placements, marks)


def test_no_room_at_all_is_reported_not_drawn_over_something():
    tiny = Box(0, 0, 30, 30)
    crowded = request("Nowhere", 15, 15)
    [placement] = place_labels([crowded], tiny, [crowded.mark])
    assert placement.kind == "unplaced" and placement.box is None


def test_labels_keep_clear_of_other_marks_and_bands():
    band = Box(100, 190, 700, 210)  # a year-long band in the lane of the labelled dot
    dot = request("Tariffs", 400, 150)
    marks = [band, dot.mark] + [Box(x - 6, 144, x + 6, 156) for x in (250, 330, 470, 550)]
    placements = place_labels([dot], FRAME, marks)
    assert_clear(placements, marks)
    assert placements[0].kind != "unplaced"


@pytest.mark.parametrize("seed", range(5))
def test_random_scenes_have_no_overlaps(seed):
    random.seed(seed)
    marks = [
        Box(x, y, x + 12, y + 12) for x, y in ((random.uniform(0, 780), random.uniform(0, 380)) for _ in range(120))
    ]
    requests = [
        Request(f"e{n}", mark, (Shape((f"e{n}",), random.uniform(40, 260), 20),), Shape((str(n),), 20, 20))
        for n, mark in enumerate(marks[:30])
    ]
    placements = place_labels(requests, FRAME, marks)
    assert len(placements) == 30
    assert_clear(placements, marks)


def test_segment_crossing():
    box = Box(10, 10, 20, 20)
    assert segment_crosses(box, 0, 15, 30, 15)
    assert not segment_crosses(box, 0, 0, 30, 5)
    assert not segment_crosses(box, 0, 15, 10, 15)  # touching the edge is not crossing
