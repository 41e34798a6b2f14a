"""Routing of the relationship map's lines, each tie once, and the words written on each line.

A tie is drawn on the cheapest of a few dozen candidate paths (straight, one bend, or two bends through a
lane or channel near its ends) that passes through no box but its ends and no label already written. Its
label then goes where it covers no box, line or other label. Obstacles and drawn lines are looked up in
grids (mapgeometry.Grid), so routing a tie costs what lies near it: the whole map is routed in time
proportional to its number of ties, not to ties × boxes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import product

from build_tools.render.mapgeometry import (
    LABEL_CLEAR,
    Box,
    Grid,
    Label,
    Layout,
    Point,
    Rect,
    Route,
    Tie,
    blocked,
    bounds,
    hits,
    meets,
    obstacle_grid,
    segments,
    simplify,
    text_width,
    trim,
)

LABEL_SIZE, LABEL_LINE = 12.0, 14.0  # the label's font size and line height
BEND, DIAGONAL, CROSS = 120.0, 400.0, 300.0  # what a bend, a slanted segment and a crossing cost, in pixels
PORTS = (0.0, -9.0, 9.0)  # where a line may leave a box: its middle, or a little above or below it
NEAR = 4  # lanes (channels) taken on each side of each end, plus the outermost: candidates per tie stay constant


def label_size(lines: list[str]) -> tuple[float, float]:
    """The width and height of a label's lines."""
    return max(text_width(line, LABEL_SIZE) for line in lines) + 8, LABEL_LINE * len(lines) + 3


def _nearby(values: list[float], *anchors: float) -> list[float]:
    """The values closest to each anchor on either side (sorted input), and the two outermost, each once."""
    picked: dict[float, None] = dict.fromkeys(values[:1] + values[-1:])
    for anchor in anchors:
        i = bisect_left(values, anchor)
        for v in values[max(0, i - NEAR) : i + NEAR]:
            picked[v] = None
    return list(picked)


def _spaced(values: list[float]) -> list[float]:
    """Sorted values, dropping any within 4 px of the one kept before it."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] >= 4:
            out.append(v)
    return out


def _length(points: list[Point]) -> float:
    return sum(abs(q[0] - p[0]) + abs(q[1] - p[1]) for p, q in segments(points))


def _cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    """Whether two segments cross at a point inside both."""

    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0


def _shared(p1: Point, p2: Point, q1: Point, q2: Point) -> float:
    """Length two axis-parallel segments run together within a few pixels."""
    for axis in (0, 1):
        other = 1 - axis
        if abs(p1[axis] - p2[axis]) < 1e-9 and abs(q1[axis] - q2[axis]) < 1e-9 and abs(p1[axis] - q1[axis]) < 6:
            lo = max(min(p1[other], p2[other]), min(q1[other], q2[other]))
            hi = min(max(p1[other], p2[other]), max(q1[other], q2[other]))
            return max(0.0, hi - lo)
    return 0.0


def _base(points: list[Point]) -> float:
    """The cost of a path on its own: bends, length and slanted segments."""
    slanted = sum(1 for p, q in segments(points) if abs(p[0] - q[0]) > 1e-9 and abs(p[1] - q[1]) > 1e-9)
    return BEND * (len(points) - 2) + _length(points) + DIAGONAL * slanted


@dataclass
class Router:
    """Routes ties one by one on a layout whose boxes are placed; lanes (x) and channels (y) are where
    bent lines may run."""

    layout: Layout
    lanes: list[float]
    channels: list[float]
    obstacles: Grid = field(init=False)
    near_words: Grid = field(init=False)  # boxes with a label's narrower clearance, headings, labels
    lines: Grid = field(default_factory=Grid)
    drawn: list[tuple[str, Point, Point]] = field(default_factory=list)  # (family, p, q) by line-grid key
    rims: list[Rect] = field(default_factory=list)  # the panels' rectangles

    def __post_init__(self) -> None:
        self.obstacles = obstacle_grid(self.layout)
        self.near_words = obstacle_grid(self.layout, LABEL_CLEAR)
        # A line running along a panel's border would read as part of it: no lane or channel within 8 px of one.
        rims = [r for panel in self.layout.panels if panel.style == "panel" for r in [panel.rect]]
        self.lanes = _spaced([x for x in self.lanes if all(min(abs(x - r[0]), abs(x - r[2])) >= 8 for r in rims)])
        self.channels = _spaced([y for y in self.channels if all(min(abs(y - r[1]), abs(y - r[3])) >= 8 for r in rims)])
        self.rims = rims

    def candidates(self, s: Box, e: Box) -> list[list[Point]]:
        """Straight, one-bend and two-bend paths from points near one box's middle to the other's."""
        out = [[(s.x, s.y), (e.x, e.y)]]
        (l1, t1, r1, b1), (l2, t2, r2, b2) = s.rect(), e.rect()
        if max(l1, l2) + 8 < min(r1, r2) - 8:  # one above the other: a vertical line where they overlap
            lo, hi = max(l1, l2), min(r1, r2)
            out += [[(x, s.y), (x, e.y)] for x in ((lo + hi) / 2, lo + 14)]
        if max(t1, t2) + 4 < min(b1, b2) - 4:  # side by side: a level line
            y = (max(t1, t2) + min(b1, b2)) / 2
            out.append([(s.x, y), (e.x, y)])
        lanes = _nearby(self.lanes, s.x, e.x, (s.x + e.x) / 2)
        channels = _nearby(self.channels, s.y, e.y, (s.y + e.y) / 2)
        for dy1, dy2 in product(PORTS, repeat=2):
            p, q = (s.x, s.y + dy1), (e.x, e.y + dy2)
            out += [[p, (q[0], p[1]), q], [p, (p[0], q[1]), q]]
            out += [[p, (x, p[1]), (x, q[1]), q] for x in lanes]
            out += [[p, (p[0], y), (q[0], y), q] for y in channels]
        return out

    def _crossing_cost(self, points: list[Point], family: str) -> float:
        cost = 0.0
        for p, q in segments(points):
            for _, key in self.lines.near(bounds(p, q)):
                other_family, a, b = self.drawn[int(key)]
                cost += CROSS * _cross(p, q, a, b) + (4.0 if other_family != family else 0.2) * _shared(p, q, a, b)
        return cost

    def route(self, tie: Tie, start: str, end: str, words: list[str]) -> Route:
        """The tie's line on its cheapest free path, with its words written where they fit."""
        s, e = self.layout.boxes[start], self.layout.boxes[end]
        slack = (s.w + s.h + e.w + e.h) / 2  # trimming a path to the boxes' edges shortens it by at most this
        raw = sorted(((_base(c), c) for c in self.candidates(s, e)), key=lambda rc: (rc[0], rc[1]))
        seen: set[tuple[Point, ...]] = set()
        free: list[tuple[float, list[Point]]] = []
        for cost, c in raw:
            if len(free) >= 4 and cost - slack >= free[3][0]:
                break
            path = simplify(trim(simplify(c), s.rect(), e.rect()))
            if len(path) < 2 or tuple(path) in seen:
                continue
            seen.add(tuple(path))
            if blocked(self.obstacles, self.layout.boxes, path, start, end):
                continue
            free.append((_base(path) + self._crossing_cost(path, tie.family) + self._stub_cost(path, tie), path))
            free.sort(key=lambda f: (f[0], f[1]))
        if not free:  # nothing avoids every box: keep the straight line (crossings() will report it)
            free = [(0.0, simplify(trim([(s.x, s.y), (e.x, e.y)], s.rect(), e.rect())))]
        chosen, label = free[0][1], None
        for _, path in free:
            label = self.place_label(path, words)
            if label is not None:
                chosen = path
                break
        self._draw(tie.family, chosen, label)
        return Route(tie, start, end, chosen, label)

    def _stub_cost(self, path: list[Point], tie: Tie) -> float:
        """A bent line whose first or last leg is a stub hugs its box; an arrowhead needs room to show."""
        if len(path) == 2:
            return 0.0
        legs = segments(path)
        short = [_length(list(leg)) < 22 for leg in (legs[0], legs[-1])]
        return (80.0 if tie.heads() else 40.0) * sum(short)

    def _draw(self, family: str, path: list[Point], label: Label | None) -> None:
        for p, q in segments(path):
            self.drawn.append((family, p, q))
            self.lines.add(bounds(p, q), str(len(self.drawn) - 1))
        if label is not None:
            self.obstacles.add(label.rect(), f"label:{len(self.drawn)}")
            self.near_words.add(label.rect(), f"label:{len(self.drawn)}")

    def place_label(self, path: list[Point], words: list[str]) -> Label | None:
        """The first place along a path where its words cover no box, heading, line or label, or None."""
        if not words:
            return None
        w, h = label_size(words)
        parts = sorted(enumerate(segments(path)), key=lambda s: (_upright(*s[1]), -_length(list(s[1])), s[0]))
        for index, (p, q) in parts:
            for label in _spots(p, q, words, w, h):
                if self._fits(label, path, index):
                    return label
        return None

    def _fits(self, label: Label, path: list[Point], on: int) -> bool:
        r = label.rect(2.0)
        if r[0] < 0 or r[1] < 0 or r[2] > self.layout.width or r[3] > self.layout.height:
            return False
        if any(meets(r, s) for s, _ in self.near_words.near(r)):
            return False
        if any(meets(r, rim) and not _within(r, rim) for rim in self.rims):  # words astride a panel's border
            return False
        if any(hits(a, b, r) for _, key in self.lines.near(r) for _, a, b in (self.drawn[int(key)],)):
            return False
        label.across = label.anchor == "middle" and _on_segment(label, path, on)
        return all((label.across and i == on) or not hits(p, q, r) for i, (p, q) in enumerate(segments(path)))


def _within(r: Rect, outer: Rect) -> bool:
    return outer[0] <= r[0] and r[2] <= outer[2] and outer[1] <= r[1] and r[3] <= outer[3]


def _upright(p: Point, q: Point) -> bool:
    """Whether a segment is not level (words sit best on a level one)."""
    return abs(p[1] - q[1]) > 1e-9


def _on_segment(label: Label, path: list[Point], on: int) -> bool:
    """Whether a label is written across its own segment (the line breaks under its words)."""
    p, q = segments(path)[on]
    return hits(p, q, label.rect())


def _spots(p: Point, q: Point, words: list[str], w: float, h: float) -> list[Label]:
    """Places for a label along one segment, best first: above, across or below a level line; beside or
    across an upright one; across a slanted one."""
    out = []
    for t in (0.5, 0.35, 0.65):
        x, y = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if abs(p[1] - q[1]) < 1e-9:
            if abs(q[0] - p[0]) >= w + 12:
                out += [
                    Label(words, x, y - h / 2 - 3, w, h),
                    Label(words, x, y, w, h),
                    Label(words, x, y + h / 2 + 3, w, h),
                ]
        elif abs(p[0] - q[0]) < 1e-9:
            out += [Label(words, x + 5 + w / 2, y, w, h, "start"), Label(words, x - 5 - w / 2, y, w, h, "end")]
            if abs(q[1] - p[1]) >= h + 20:
                out.append(Label(words, x, y, w, h))
        else:
            out.append(Label(words, x, y, w, h))
    return out


def route_all(
    layout: Layout, order: list[tuple[Tie, str, str, list[str]]], lanes: list[float], channels: list[float]
) -> list[Route]:
    """Route ties in the given order (most important first), each once; returns their routes in that order."""
    router = Router(layout, lanes, channels)
    return [router.route(tie, start, end, words) for tie, start, end, words in order]


__all__ = ["Rect", "Router", "label_size", "route_all"]
