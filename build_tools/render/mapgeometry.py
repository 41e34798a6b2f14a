"""Geometry of the relationship map: boxes, ties, routes and labels, a grid index, and the checks.

Knows nothing of actors or pages: maplayout.py places the boxes and maproute.py routes the lines. The
checks here (`crossings`, `label_clashes`, `overlaps`) prove what a drawn map promises: no line passes
through a box that is not one of its ends (nor back through its own ends), no label covers a box, a line
or another label, and no two boxes touch. Every obstacle test goes through a `Grid`, so a check costs
what is near a segment, not the whole map.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from build_tools.model.vocab import RELATIONS

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # (left, top, right, bottom)

CLEAR = 6.0  # a line must pass this far from any box that is not one of its ends
LABEL_CLEAR = 2.0  # and a line's words this far from any box
CELL = 48.0  # the grid's cell: about one box high, so a query touches few cells

# Width of one character as a share of the font size: a generous estimate of common sans-serif fonts
# (measured in Debian's chromium: 0.51 em on average), so a label never overflows its box.
_NARROW, _WIDE, _CAPS, _OTHER = "ijlrtfI.,:;'’|!() ", "mwMW@%", "ABCDEFGHJKLNOPQRSTUVXYZ&", 0.58


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of a line's width in pixels at a font size."""
    em = sum(0.34 if c in _NARROW else 0.92 if c in _WIDE else 0.72 if c in _CAPS else _OTHER for c in text)
    return em * size * (1.08 if bold else 1.0)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Words in lines no wider than `width` (a longer word keeps a line of its own: text is never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def centred_rect(x: float, y: float, w: float, h: float, grow: float = 0.0) -> Rect:
    """The (left, top, right, bottom) of a w × h box centred on (x, y), grown by a margin."""
    return (x - w / 2 - grow, y - h / 2 - grow, x + w / 2 + grow, y + h / 2 + grow)


@dataclass
class Tie:
    """All ties between one unordered pair of actors, as (subject, kind, object) triples."""

    a: str
    b: str
    kinds: list[tuple[str, str, str]] = field(default_factory=list)
    family_of: dict[str, str] = field(default_factory=lambda: {k: r.family for k, r in RELATIONS.items()})
    symmetric: frozenset[str] = frozenset(k for k, r in RELATIONS.items() if r.symmetric)

    @property
    def family(self) -> str:
        """The family drawn for the pair: its first relation's."""
        return self.family_of[self.kinds[0][1]]

    def families(self) -> list[str]:
        """The tie's line families, in the order of its relations."""
        return list(dict.fromkeys(self.family_of[k] for _, k, _ in self.kinds))

    def heads(self, family: str | None = None) -> set[str]:
        """The ends an arrow points at: the objects of its directed relations (of one family, if given)."""
        return {o for _, k, o in self.kinds if k not in self.symmetric and family in (None, self.family_of[k])}


@dataclass
class Box:
    """One box: its actor, centre and size, name lines, caption lines (its tie to its group's head), role."""

    id: str  # unique in its layout: the actor's id, or "<actor>@<n>" for a copy in a narrow map's row of ties
    actor: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    role: str  # party, member, cluster, other or chip
    group: str = ""
    caption: list[str] = field(default_factory=list)

    def rect(self, grow: float = 0.0) -> Rect:
        """(left, top, right, bottom), grown by a margin."""
        return centred_rect(self.x, self.y, self.w, self.h, grow)


@dataclass
class Label:
    """Words written on or beside a line: their lines, centre, size and alignment."""

    lines: list[str]
    x: float
    y: float
    w: float
    h: float
    anchor: str = "middle"  # how the text lines are aligned: start, middle or end of the box
    across: bool = False  # written across its own line, which then breaks under a plain background

    def rect(self, grow: float = 0.0) -> Rect:
        """(left, top, right, bottom), grown by a margin."""
        return centred_rect(self.x, self.y, self.w, self.h, grow)


@dataclass
class Route:
    """One tie's line: the boxes it joins (at the tie's a and b ends), its points and its label."""

    tie: Tie
    start: str
    end: str
    points: list[Point]
    label: Label | None = None


@dataclass
class Panel:
    """A shaded area behind a group of boxes (or, with style "band", only a heading), and its heading."""

    group: str
    label: str
    rect: Rect
    style: str = "panel"

    def label_rect(self) -> Rect:
        """Where the heading is written: the top left corner."""
        x0, y0 = self.rect[0], self.rect[1]
        return (x0 + 8, y0 + 4, x0 + 8 + heading_width(self.label), y0 + 22)


def heading_width(label: str) -> float:
    """The width of a panel's heading (bold capitals, slightly spaced), with its left inset."""
    return 6 + text_width(label.upper(), 13, bold=True) * 1.1


@dataclass
class Layout:
    """Boxes by id, one route per drawn line, the panels, the ties written as captions, and the size."""

    boxes: dict[str, Box]
    routes: list[Route]
    width: float
    height: float
    panels: list[Panel] = field(default_factory=list)
    captioned: list[Tie] = field(default_factory=list)


class Grid:
    """A uniform grid over the drawing: each item is filed under the cells its rectangle covers, so the
    items near a segment are found without looking at the rest. `probes` counts the items looked at."""

    def __init__(self, cell: float = CELL) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.items: list[tuple[Rect, str]] = []
        self.probes = 0

    def _span(self, r: Rect) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(int(r[0] // c), int(r[2] // c) + 1):
            for j in range(int(r[1] // c), int(r[3] // c) + 1):
                yield i, j

    def add(self, r: Rect, key: str) -> None:
        """File an item under every cell its rectangle touches."""
        self.items.append((r, key))
        for cell in self._span(r):
            self.cells.setdefault(cell, []).append(len(self.items) - 1)

    def near(self, r: Rect) -> list[tuple[Rect, str]]:
        """The items whose cells meet rectangle r, each once, in the order they were added."""
        found = sorted({i for cell in self._span(r) for i in self.cells.get(cell, ())})
        self.probes += len(found)
        return [self.items[i] for i in found]


def _clip(p: Point, q: Point, r: Rect) -> tuple[float, float] | None:
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


def hits(p: Point, q: Point, r: Rect) -> bool:
    """Whether segment p→q passes through the inside of rectangle r (touching an edge does not count)."""
    inner = (r[0] + 1e-6, r[1] + 1e-6, r[2] - 1e-6, r[3] - 1e-6)
    return inner[0] < inner[2] and inner[1] < inner[3] and _clip(p, q, inner) is not None


def meets(r: Rect, s: Rect) -> bool:
    """Whether two rectangles overlap (sharing an edge does not count)."""
    return r[0] < s[2] and s[0] < r[2] and r[1] < s[3] and s[1] < r[3]


def bounds(p: Point, q: Point) -> Rect:
    """The rectangle a segment spans."""
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


def segments(points: list[Point]) -> list[tuple[Point, Point]]:
    """A polyline's segments."""
    return list(pairwise(points))


def simplify(points: list[Point]) -> list[Point]:
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


def trim(points: list[Point], start: Rect, end: Rect) -> list[Point]:
    """A polyline between two boxes cut to begin on the first box's edge and stop on the last box's edge."""
    return _trim_start(_trim_start(points, start)[::-1], end)[::-1]


def _trim_start(points: list[Point], r: Rect) -> list[Point]:
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        span = _clip(a, b, r)
        if span is None or span[0] > 0:
            return points[i:]
        if span[1] < 1:
            t = span[1]
            return [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), *points[i + 1 :]]
    return points[-1:]


def obstacle_grid(layout: Layout, clear: float = CLEAR) -> Grid:
    """Every box (grown by a clearance) and panel heading of a layout, filed in a grid."""
    grid = Grid()
    for box in sorted(layout.boxes.values(), key=lambda b: b.id):
        grid.add(box.rect(clear), box.id)
    for panel in layout.panels:
        grid.add(panel.label_rect(), f"heading:{panel.group}")
    return grid


def blocked(grid: Grid, boxes: dict[str, Box], points: list[Point], start: str, end: str) -> list[str]:
    """What a polyline passes through: any box or heading but its two ends, or the inside of its ends again."""
    found: dict[str, None] = {}
    own = {start: boxes[start].rect(-1.0), end: boxes[end].rect(-1.0)}
    for p, q in segments(points):
        for r, key in grid.near(bounds(p, q)):
            if key not in found and hits(p, q, own.get(key, r)):
                found[key] = None
    return list(found)


def crossings(layout: Layout) -> list[tuple[str, str, str]]:
    """Every (tie end, tie end, obstacle) where a drawn line passes through a box that is not one of its
    ends, back through one of its ends, through a panel's heading or through another line's label."""
    grid = obstacle_grid(layout)
    for i, route in enumerate(layout.routes):
        if route.label is not None:
            grid.add(route.label.rect(), f"label:{i}")
    out = []
    for i, route in enumerate(layout.routes):
        hit = blocked(grid, layout.boxes, route.points, route.start, route.end)
        out += [(route.tie.a, route.tie.b, key) for key in hit if key != f"label:{i}"]
    return out


def label_clashes(layout: Layout) -> list[tuple[str, str]]:
    """Every (line's ends, obstacle) where a line's label covers a box, a heading or another label."""
    grid = obstacle_grid(layout, LABEL_CLEAR)
    out = []
    for route in layout.routes:
        if route.label is None:
            continue
        name = f"{route.tie.a}–{route.tie.b}"
        r = route.label.rect()
        out += [(name, key) for s, key in grid.near(r) if meets(r, s)]
        grid.add(r, f"label:{name}")
    return out


def overlaps(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap or nearly touch (a layout must keep them apart)."""
    grid = Grid()
    out = []
    for box in sorted(layout.boxes.values(), key=lambda b: b.id):
        r = box.rect(4)
        out += [(key, box.id) for s, key in grid.near(r) if meets(r, s)]
        grid.add(box.rect(), box.id)
    return out


def union(rects: Iterable[Rect]) -> Rect:
    """The smallest rectangle around some rectangles."""
    listed = list(rects)
    return (
        min(r[0] for r in listed),
        min(r[1] for r in listed),
        max(r[2] for r in listed),
        max(r[3] for r in listed),
    )
