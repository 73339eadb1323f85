"""Where a briefing's labels go: beside their mark, else at the end of a leader line, else a numbered callout.

Pure geometry in pixels (y grows downwards), so it is tested without a figure or a browser. A label never
leaves its frame (the plot area, so never over the lane names), never covers a mark (dot, diamond or band)
and never covers another label; a leader line never crosses a label. Labels are placed in the order given,
so the caller puts the most important first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GAP = 3.0  # pixels kept free between a label and a mark, another label or the frame's edge
LEADER_DISTANCES = tuple(range(20, 330, 10))
FAR_DISTANCES = tuple(range(330, 900, 15))  # a last resort for a number: far, but still joined to its mark
# Directions for a leader, every 15°: up and down first (between lanes there is room), sideways last.
LEADER_ANGLES = tuple(sorted(range(0, 360, 15), key=lambda angle: (abs(abs(angle - 180) - 90), angle)))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def sized(cls, left: float, top: float, width: float, height: float) -> Box:
        return cls(left, top, left + width, top + height)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the boxes share area, or come closer than `gap`."""
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )

    def inside(self, frame: Box, gap: float = 0.0) -> bool:
        return (
            self.left >= frame.left + gap
            and self.right <= frame.right - gap
            and self.top >= frame.top + gap
            and self.bottom <= frame.bottom - gap
        )

    def nearest_point(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)


@dataclass(frozen=True)
class Shape:
    """One way to draw a label: its lines and the size of its box, padding included."""

    lines: tuple[str, ...]
    width: float
    height: float


@dataclass(frozen=True)
class Request:
    key: str
    mark: Box  # the event's own dot, diamond or band
    shapes: tuple[Shape, ...]  # the preferred first, e.g. one line, then two
    callout: Shape  # the event's number, used when no shape finds room


@dataclass(frozen=True)
class Placement:
    key: str
    kind: str  # "beside", "leader", "callout" or "unplaced"
    box: Box | None
    lines: tuple[str, ...]
    leader: tuple[float, float, float, float] | None = None  # x1, y1 (at the mark), x2, y2 (at the label)


def segment_crosses(box: Box, x1: float, y1: float, x2: float, y2: float) -> bool:
    """Whether the segment passes through the box's interior (Liang–Barsky clipping)."""
    low, high = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for step, distance in ((-dx, x1 - box.left), (dx, box.right - x1), (-dy, y1 - box.top), (dy, box.bottom - y1)):
        if step == 0:
            if distance <= 0:
                return False
            continue
        ratio = distance / step
        if step < 0:
            low = max(low, ratio)
        else:
            high = min(high, ratio)
        if low >= high:
            return False
    return True


def beside_boxes(mark: Box, width: float, height: float) -> list[Box]:
    """Boxes touching the mark: above and below (centred, then flush with either side), right, left."""
    centre_x, centre_y = mark.centre
    above, below = mark.top - GAP - height, mark.bottom + GAP
    boxes = []
    for top in (above, below):
        for left in (centre_x - width / 2, mark.left - GAP, mark.right + GAP - width):
            boxes.append(Box.sized(left, top, width, height))
    boxes.append(Box.sized(mark.right + GAP, centre_y - height / 2, width, height))
    boxes.append(Box.sized(mark.left - GAP - width, centre_y - height / 2, width, height))
    return boxes


def leader_boxes(mark: Box, width: float, height: float, distances=LEADER_DISTANCES) -> list[Box]:
    """Boxes further out, nearest first: the box's side facing the mark lies `distance` from its centre."""
    centre_x, centre_y = mark.centre
    boxes = []
    for distance in distances:
        for angle in LEADER_ANGLES:
            cos, sin = round(math.cos(math.radians(angle)), 6), round(math.sin(math.radians(angle)), 6)
            point_x = centre_x + cos * (mark.width / 2 + distance)
            point_y = centre_y + sin * (mark.height / 2 + distance)
            left = point_x - width / 2 + width / 2 * cos
            top = point_y - height / 2 + height / 2 * sin
            boxes.append(Box.sized(left, top, width, height))
    return boxes


class _Scene:
    """What is already on the picture: marks, placed labels and leader lines."""

    def __init__(self, frame: Box, marks: list[Box]) -> None:
        self.frame = frame
        self.marks = marks
        self.labels: list[Box] = []
        self.leaders: list[tuple[float, float, float, float]] = []

    def free(self, box: Box) -> bool:
        return (
            box.inside(self.frame, GAP)
            and not any(box.overlaps(mark, GAP) for mark in self.marks)
            and not any(box.overlaps(label, GAP) for label in self.labels)
            and not any(segment_crosses(box, *leader) for leader in self.leaders)
        )

    def leader_to(self, mark: Box, box: Box, over_marks: bool) -> tuple[float, float, float, float] | None:
        """A line from the mark's edge to the box's, or None when it would cross a label (or, unless
        `over_marks`, another mark)."""
        end = box.nearest_point(*mark.centre)
        start = mark.nearest_point(*end)
        line = (*start, *end)
        if any(segment_crosses(label, *line) for label in self.labels):
            return None
        # Marks on top of this one (events of the same day and lane) cannot be avoided, and need not be.
        if not over_marks and any(segment_crosses(other, *line) for other in self.marks if not other.overlaps(mark)):
            return None
        return line

    def try_beside(self, request: Request, shape: Shape) -> Placement | None:
        for box in beside_boxes(request.mark, shape.width, shape.height):
            if self.free(box):
                self.labels.append(box)
                return Placement(request.key, "beside", box, shape.lines)
        return None

    def try_leader(
        self, request: Request, shape: Shape, kind: str, over_marks: bool = False, distances=LEADER_DISTANCES
    ) -> Placement | None:
        for box in leader_boxes(request.mark, shape.width, shape.height, distances):
            if not self.free(box):
                continue
            line = self.leader_to(request.mark, box, over_marks)
            if line is not None:
                self.labels.append(box)
                self.leaders.append(line)
                return Placement(request.key, kind, box, shape.lines, line)
        return None


def place_labels(requests: list[Request], frame: Box, marks: list[Box]) -> list[Placement]:
    """A placement for every request, in the order given: beside, leader, callout, or 'unplaced' when none fits.

    Each step is tried for every label before any label takes the next, so a label never takes a neighbour's
    only spot beside its mark: beside the mark (each shape), at the end of a leader that crosses nothing,
    then of a leader that crosses marks (a thin line over a band still reads), then the same for the
    event's number, which may finally go further out.
    """
    scene = _Scene(frame, marks)
    steps = [
        lambda request, shape: scene.try_beside(request, shape),
        lambda request, shape: scene.try_leader(request, shape, "leader"),
        lambda request, shape: scene.try_leader(request, shape, "leader", over_marks=True),
    ]
    placed: dict[str, Placement] = {}
    for callout in (False, True):
        if callout:
            steps.append(lambda request, shape: scene.try_leader(request, shape, "leader", True, FAR_DISTANCES))
        for step in steps:
            for request in requests:
                if request.key in placed:
                    continue
                for shape in (request.callout,) if callout else request.shapes:
                    placement = step(request, shape)
                    if placement:
                        kind = "callout" if callout else placement.kind
                        placed[request.key] = Placement(request.key, kind, placement.box, shape.lines, placement.leader)
                        break
    return [placed.get(request.key) or Placement(request.key, "unplaced", None, ()) for request in requests]
