"""Geometry of the relationship map: boxes, ties and their routes, and the check that no line crosses a box.

Knows nothing of actors or pages: relmap.py places the boxes; this module routes every tie as a straight
or bent path whose segments pass through no box but its two ends, and `crossings` proves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise, product

from build_tools.model.vocab import RELATIONS

FAMILY = {kind: relation.family for kind, relation in RELATIONS.items()}  # the built-in kinds'
CHAR_W = 7.6  # a generous width of one character at 13 px
ROW_GAP = 14
CLEAR = 6.0  # a line must pass this far from any box that is not one of its ends

Point = tuple[float, float]


@dataclass
class Tie:
    """All ties between one unordered pair of actors, as (subject, kind, object) triples."""

    a: str
    b: str
    kinds: list[tuple[str, str, str]] = field(default_factory=list)
    family_of: dict[str, str] = field(default_factory=lambda: FAMILY)  # kind → line family, declared kinds included

    @property
    def family(self) -> str:
        """The family drawn for the pair: its first relation's."""
        return self.family_of[self.kinds[0][1]]


@dataclass
class Box:
    """One actor's box (centre and size), its label lines and its role: party, member, cluster or other."""

    id: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    role: str
    group: str = ""

    def rect(self, grow: float = 0.0) -> tuple[float, float, float, float]:
        """(left, top, right, bottom), grown by a margin."""
        return (
            self.x - self.w / 2 - grow,
            self.y - self.h / 2 - grow,
            self.x + self.w / 2 + grow,
            self.y + self.h / 2 + grow,
        )


@dataclass
class Layout:
    """Boxes by id, one polyline per tie (centre to centre), and the drawing's size."""

    boxes: dict[str, Box]
    routes: list[tuple[Tie, list[Point]]]
    width: float
    height: float
    panels: list[tuple[str, str, tuple[float, float, float, float]]] = field(
        default_factory=list
    )  # (group, label, rect)


def _clip(p: Point, q: Point, r: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """The parameter range (t0, t1) of segment p→q inside rectangle r (Liang–Barsky), or None."""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi in ((dx, r[0] - p[0], r[2] - p[0]), (dy, r[1] - p[1], r[3] - p[1])):
        if d == 0:
            if lo > 0 or hi < 0:
                return None
            continue
        a, b = sorted((lo / d, hi / d))
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return None
    return t0, t1


def hits(p: Point, q: Point, r: tuple[float, float, float, float]) -> bool:
    """Whether segment p→q passes through the inside of rectangle r (touching an edge does not count)."""
    inner = (r[0] + 1e-6, r[1] + 1e-6, r[2] - 1e-6, r[3] - 1e-6)
    return inner[0] < inner[2] and inner[1] < inner[3] and _clip(p, q, inner) is not None


def _trim(points: list[Point], start: Box, end: Box) -> list[Point]:
    """A centre-to-centre polyline cut to begin on its first box's edge and stop on its last box's edge."""
    return _trim_start(_trim_start(points, start)[::-1], end)[::-1]


def _trim_start(points: list[Point], box: Box) -> list[Point]:
    r = box.rect()
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        span = _clip(a, b, r)
        if span is None or span[0] > 0:
            return points[i:]
        if span[1] < 1:
            t = span[1]
            return [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), *points[i + 1 :]]
    return points[-1:]


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-9 and abs(p[1] - out[-1][1]) < 1e-9:
            continue
        if (
            len(out) >= 2
            and abs((out[-1][0] - out[-2][0]) * (p[1] - out[-1][1]) - (out[-1][1] - out[-2][1]) * (p[0] - out[-1][0]))
            < 1e-9
        ):
            out[-1] = p
            continue
        out.append(p)
    return out


def _segments(points: list[Point]) -> list[tuple[Point, Point]]:
    return list(pairwise(points))


def _blocked(layout: Layout, points: list[Point], a: str, b: str) -> list[str]:
    """Ids of the boxes and panel labels a drawn polyline passes through: any box but its ends, or its ends again."""
    found = []
    obstacles = [(box.id, box.rect(-1.0 if box.id in (a, b) else CLEAR)) for box in layout.boxes.values()]
    obstacles += [(f"label:{group}", _label_rect(label, rect)) for group, label, rect in layout.panels]
    for name, r in obstacles:
        if any(hits(p, q, r) for p, q in _segments(points)):
            found.append(name)
    return found


def crossings(layout: Layout) -> list[tuple[str, str, str]]:
    """Every (tie end, tie end, box) where a drawn line passes through a box that is not one of its ends."""
    return [(t.a, t.b, name) for t, points in layout.routes for name in _blocked(layout, points, t.a, t.b)]


def overlaps(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap or nearly touch (a layout must keep them apart)."""
    boxes = sorted(layout.boxes.values(), key=lambda b: b.id)
    return [
        (p.id, q.id)
        for i, p in enumerate(boxes)
        for q in boxes[i + 1 :]
        if p.rect(4)[0] < q.rect()[2]
        and q.rect()[0] < p.rect(4)[2]
        and p.rect(4)[1] < q.rect()[3]
        and q.rect()[1] < p.rect(4)[3]
    ]


def _label_rect(label: str, panel: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Where a panel's label is written: its top left corner."""
    return (panel[0] + 8, panel[1] + 4, panel[0] + 12 + len(label) * CHAR_W, panel[1] + 22)


def _candidates(s: Box, t: Box, lanes: list[float], channels: list[float]) -> list[list[Point]]:
    """Straight, one-bend and two-bend paths between two boxes, from points near their centres."""
    out = [[(s.x, s.y), (t.x, t.y)]]
    (l1, t1, r1, b1), (l2, t2, r2, b2) = s.rect(), t.rect()
    if max(l1, l2) + 8 < min(r1, r2) - 8:  # one above the other: a vertical line where they overlap
        x = (max(l1, l2) + min(r1, r2)) / 2
        out.append([(x, s.y), (x, t.y)])
    if max(t1, t2) < min(b1, b2):  # side by side: a level line
        y = (max(t1, t2) + min(b1, b2)) / 2
        out.append([(s.x, y), (t.x, y)])
    for (dx1, dy1), (dx2, dy2) in product(((0, 0), (0, -7), (0, 7), (-20, 0), (20, 0)), repeat=2):
        p, q = (s.x + dx1, s.y + dy1), (t.x + dx2, t.y + dy2)
        out += [[p, (q[0], p[1]), q], [p, (p[0], q[1]), q]]
        out += [[p, (x, p[1]), (x, q[1]), q] for x in lanes]
        out += [[p, (p[0], y), (q[0], y), q] for y in channels]
    return out


def _length(points: list[Point]) -> float:
    return sum(abs(q[0] - p[0]) + abs(q[1] - p[1]) for p, q in _segments(points))


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


def _cost(points: list[Point], family: str, drawn: list[tuple[str, list[Point]]]) -> float:
    """Bends, length, lines crossed and lines of another family run alongside."""
    cost = (
        120.0 * (len(points) - 2)
        + _length(points)
        + sum(150.0 for p, q in _segments(points) if p[0] != q[0] and p[1] != q[1])
    )
    for other_family, other in drawn:
        for p1, p2 in _segments(points):
            for q1, q2 in _segments(other):
                cost += 90.0 * _cross(p1, p2, q1, q2) + (4.0 if other_family != family else 0.2) * _shared(
                    p1, p2, q1, q2
                )
    return cost


def route_all(layout: Layout, all_ties: list[Tie], cols: list[float]) -> list[tuple[Tie, list[Point]]]:
    """Route ties one by one, the parties' first, each on its cheapest path that passes through no other box."""
    boxes = layout.boxes
    lanes = [cols[0] + 8, cols[0] + 18, cols[-1] - 8, cols[-1] - 18] + [
        (cols[1] + cols[2]) / 2 + 14 * k for k in range(-5, 6)
    ]
    channels = sorted(
        {round(y, 1) for b in boxes.values() for y in (b.y - b.h / 2 - ROW_GAP / 2, b.y + b.h / 2 + ROW_GAP / 2)}
    )
    order = sorted(
        all_ties,
        key=lambda t: (
            -(boxes[t.a].role == "party") - (boxes[t.b].role == "party"),
            min(boxes[t.a].y, boxes[t.b].y),
            t.a,
            t.b,
        ),
    )
    drawn: list[tuple[str, list[Point]]] = []
    routes = []
    for t in order:
        s, e = boxes[t.a], boxes[t.b]
        options = sorted(
            ((120.0 * (len(c) - 2) + _length(c), i, c) for i, c in enumerate(_candidates(s, e, lanes, channels)))
        )
        best: tuple[float, list[Point]] | None = None
        for base, _, c in options:
            if best is not None and base >= best[0]:
                break
            path = _simplify(_trim(_simplify(c), s, e))
            if len(path) < 2 or _blocked(layout, path, t.a, t.b):
                continue
            cost = _cost(path, t.family, drawn)
            if best is None or cost < best[0]:
                best = (cost, path)
        path = best[1] if best else _simplify(_trim([(s.x, s.y), (e.x, e.y)], s, e))
        drawn.append((t.family, path))
        routes.append((t, path))
    return sorted(routes, key=lambda r: (r[0].a, r[0].b))
