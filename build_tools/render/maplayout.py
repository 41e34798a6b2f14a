"""The relationship map's wide drawing: each side a column facing the other across a gutter.

Members sit on the rows they share with their rivals, so the ties between the sides run level across the
gutter with their words on them; actors tied to one side only stand beyond its column; clusters and
everyone else fill bands below. Lines are routed once each (maproute.py). Placing is linear in the boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.render import camps
from build_tools.render.mapgeometry import Box, Layout, Panel, Tie, heading_width, union
from build_tools.render.mapplan import NAME_W, Plan, make_box, neighbours, rank, tie_words
from build_tools.render.maproute import label_size, route_all
from build_tools.validate.site import Site

MARGIN, HEADING, ROW_GAP, GUTTER_MIN, LANE = 14.0, 26.0, 30.0, 170.0, 26.0


def _rows(cols: list[list[str]], lines: list[Tie]) -> dict[str, int]:
    """Row of each member: the first column in order; the second on the row of a rival it is tied to, if free."""
    rows = {n: i for i, n in enumerate(cols[0])} if cols else {}
    if len(cols) < 2:
        return rows
    near = neighbours(lines)
    taken: set[int] = set()
    pending = []
    for n in cols[1]:
        free = sorted(r for r in (rows[o] for o in near.get(n, ()) if o in rows and o in cols[0]) if r not in taken)
        if free:
            rows[n] = free[0]
            taken.add(free[0])
        else:
            pending.append(n)
    row = 0
    for n in pending:
        while row in taken:
            row += 1
        rows[n] = row
        taken.add(row)
    return rows


@dataclass
class _Columns:
    """The wide map's columns, left to right: each side's outer column (actors tied to that side only),
    its members' column, and the gutter between the sides. `inner` are the gutter's two edges."""

    inner: list[float]
    col_w: list[float]
    outer_w: list[float]
    outer_gap: list[float]
    width: float

    def member_x(self, box: Box, side: int) -> float:
        """A member's centre: against the gutter."""
        return self.inner[0] - box.w / 2 if side == 0 else self.inner[1] + box.w / 2

    def outer_x(self, box: Box, side: int) -> float:
        """An outer actor's centre: beyond its side's column, facing it."""
        if side == 0:
            return self.inner[0] - self.col_w[0] - self.outer_gap[0] - box.w / 2
        return self.inner[1] + self.col_w[1] + self.outer_gap[1] + box.w / 2


def _columns(site: Site, drawn: Plan, boxes: dict[str, Box], cols: list[list[str]], outer: list[list[str]]) -> _Columns:
    """Column widths and the gutter: wide enough for the boxes and for the words of the lines between them."""
    parties = [p for p in camps.sides(site) if p in boxes][:2]
    col_w = [
        max([200.0, heading_width(camps.side_label(site, p)) - 4, *(boxes[n].w for n in col)])
        for p, col in zip(parties, cols, strict=True)
    ]
    outer_w = [max([0.0, *(boxes[n].w for n in extra)]) for extra in outer]
    outer_gap = [
        max(
            [
                60.0,
                *(label_size([w])[0] + 28 for t in drawn.lines if {t.a, t.b} & set(extra) for w in tie_words(site, t)),
            ]
        )
        if extra
        else 0.0
        for extra in outer
    ]
    across = [t for t in drawn.lines if {drawn.group[t.a], drawn.group[t.b]} <= {*parties, "between"}]
    gutter = max(
        [
            GUTTER_MIN,
            *(label_size([w])[0] + 48 for t in across for w in tie_words(site, t)),
            *(boxes[n].w + 40 for n in boxes if drawn.group[n] == "between"),
        ]
    )
    x = MARGIN + LANE + (outer_w[0] + outer_gap[0] if outer else 0) + (col_w[0] if col_w else 0)
    inner = [x, x + gutter]
    right = inner[1] + (col_w[1] + outer_gap[1] + outer_w[1] if len(col_w) > 1 else 0)
    return _Columns(inner, col_w, outer_w, outer_gap, right + LANE + MARGIN if parties else 0.0)


def wide(site: Site, drawn: Plan) -> Layout:
    """The two sides as columns facing each other across a gutter; clusters and everyone else below."""
    name = {n: site.get(n).name for n in drawn.group}
    boxes = {
        n: make_box(n, n, name[n], drawn.role[n], drawn.group[n], drawn.captions.get(n, (None, ""))[1], NAME_W)
        for n in drawn.group
    }
    parties = [p for p in camps.sides(site) if p in boxes][:2]
    cols = [
        sorted((n for n in boxes if drawn.group[n] == p and n != p), key=lambda n: rank(site, drawn, n))
        for p in parties
    ]
    outer = [sorted(n for n in boxes if drawn.group[n] == f"other:{p}") for p in parties]
    grid = _columns(site, drawn, boxes, cols, outer)
    y = MARGIN + HEADING
    for i, p in enumerate(parties):
        boxes[p].w = grid.col_w[i]
        boxes[p].x, boxes[p].y = grid.member_x(boxes[p], i), y + boxes[p].h / 2
    y += max([0.0, *(boxes[p].h for p in parties)]) + ROW_GAP
    for n in sorted((n for n in boxes if drawn.group[n] == "between"), key=lambda n: name[n].lower()):
        boxes[n].x, boxes[n].y = (grid.inner[0] + grid.inner[1]) / 2, y + boxes[n].h / 2
        y += boxes[n].h + ROW_GAP
    first = y
    y = _place_rows(boxes, cols, _rows(cols, drawn.lines), grid, y)
    y = max([y, *(_place_outer(boxes, drawn.lines, extra, grid, i, first) for i, extra in enumerate(outer))])
    width = grid.width
    panels = [
        Panel(p, camps.side_label(site, p), _hull([boxes[n] for n in boxes if drawn.group[n] == p])) for p in parties
    ]
    bands = [(c, f"Around {name[c]}", _in_band(drawn, c)) for c in camps.clusters(site) if c in boxes]
    banded = {n for _, _, members in bands for n in members}
    rest = [n for n in boxes if boxes[n].x == 0.0 and n not in banded]
    width = max([width, 600.0, *(boxes[n].w + 2 * MARGIN + 40 for n in banded | set(rest))])
    for cluster, heading, members in bands:
        y = _place_band(site, boxes, drawn, cluster, members, width, y + HEADING)
        panels.append(Panel(cluster, heading, _hull([boxes[n] for n in members])))
        y = panels[-1].rect[3] + ROW_GAP
    if rest:
        y = _flow(boxes, sorted(rest, key=lambda n: name[n].lower()), MARGIN, width - MARGIN, y)
    layout = Layout(boxes, [], width, y + MARGIN, panels, [t for t, _ in drawn.captions.values()])
    across = [t for t in drawn.lines if {drawn.group[t.a], drawn.group[t.b]} <= {*parties, "between"}]
    order = sorted(drawn.lines, key=lambda t: _importance(t, boxes, across))
    lanes = [x for b in boxes.values() for x in (b.rect()[0] - 12, b.rect()[2] + 12)]
    lanes += [
        grid.inner[0] + 16,
        (grid.inner[0] + grid.inner[1]) / 2,
        grid.inner[1] - 16,
        MARGIN + 6,
        width - MARGIN - 6,
    ]
    channels = [yy for b in boxes.values() for yy in (b.rect()[1] - ROW_GAP / 2, b.rect()[3] + ROW_GAP / 2)]
    layout.routes = route_all(layout, [(t, t.a, t.b, tie_words(site, t)) for t in order], lanes, channels)
    return layout


def _place_outer(
    boxes: dict[str, Box], lines: list[Tie], extra: list[str], grid: _Columns, side: int, top: float
) -> float:
    """Actors tied to one side only, beyond its column, each level with the first box it is tied to."""
    near = neighbours(lines)
    anchor = {n: min((boxes[o].y for o in near.get(n, ()) if boxes[o].x), default=0.0) for n in extra}
    cursor = top
    for n in sorted(extra, key=lambda n: (anchor[n], n)):
        box = boxes[n]
        at = max(cursor, anchor[n] - box.h / 2)
        box.x, box.y = grid.outer_x(box, side), at + box.h / 2
        cursor = at + box.h + ROW_GAP
    return cursor


def _place_rows(boxes: dict[str, Box], cols: list[list[str]], rows: dict[str, int], grid: _Columns, y: float) -> float:
    """Members on their rows, each row as high as its highest box; returns the top of what follows."""
    by_row: dict[int, list[tuple[int, str]]] = {}
    for side, col in enumerate(cols):
        for n in col:
            by_row.setdefault(rows[n], []).append((side, n))
    for row in sorted(by_row):
        height = max(boxes[n].h for _, n in by_row[row])
        for side, n in by_row[row]:
            boxes[n].x, boxes[n].y = grid.member_x(boxes[n], side), y + height / 2
        y += height + ROW_GAP
    return y


def _in_band(drawn: Plan, cluster: str) -> list[str]:
    return sorted(n for n, g in drawn.group.items() if g in (cluster, f"near:{cluster}"))


def _place_band(
    site: Site, boxes: dict[str, Box], drawn: Plan, centre: str, members: list[str], width: float, y: float
) -> float:
    """A cluster's band: its centre on top, the actors tied to it in rows below, the rest under a neighbour."""
    second = sorted(
        (n for n in members if drawn.group[n] == centre and n != centre), key=lambda n: rank(site, drawn, n)
    )
    third = [n for n in members if n != centre and n not in second]
    y = _flow(boxes, [centre], MARGIN, width - MARGIN, y)
    y = _flow(boxes, second, MARGIN + 20, width - MARGIN - 20, y)
    tied = {n: next((s for s in second if any(r.to == n for r in site.get(s).relations)), "") for n in third}
    under = [n for n in third if tied[n]]
    for n in under:
        boxes[n].x, boxes[n].y = boxes[tied[n]].x, y + boxes[n].h / 2
    if under:
        y += max(boxes[n].h for n in under) + ROW_GAP
    loose = [n for n in third if not tied[n]]
    return _flow(boxes, loose, MARGIN + 20, width - MARGIN - 20, y) if loose else y


def _row_width(row: list[Box]) -> float:
    return sum(b.w for b in row) + 40.0 * max(0, len(row) - 1)


def _flow(boxes: dict[str, Box], ids: list[str], x0: float, x1: float, y: float, gap: float = 40.0) -> float:
    """Boxes side by side in centred rows between x0 and x1, wrapping; returns the next row's top."""
    row: list[Box] = []
    for n in [*ids, ""]:
        box = boxes.get(n)
        if box is None or (row and _row_width([*row, box]) - 40.0 * len(row) + gap * len(row) > x1 - x0):
            if row:
                total = sum(b.w for b in row) + gap * (len(row) - 1)
                x = (x0 + x1 - total) / 2
                height = max(b.h for b in row)
                for b in row:
                    b.x, b.y = x + b.w / 2, y + height / 2
                    x += b.w + gap
                y += height + ROW_GAP
            row = []
        if box is not None:
            row.append(box)
    return y


def _hull(members: list[Box]) -> tuple[float, float, float, float]:
    """The panel around some boxes, with room above for its heading."""
    if not members:
        return (0.0, 0.0, 0.0, 0.0)
    x0, y0, x1, y1 = union(b.rect() for b in members)
    return (x0 - 10, y0 - HEADING, x1 + 10, y1 + 10)


def _importance(t: Tie, boxes: dict[str, Box], across: list[Tie]) -> tuple[int, float, str, str]:
    """Routing order: the parties' tie, the ties across the gutter by row, then the rest from the top."""
    parties = (boxes[t.a].role == "party") + (boxes[t.b].role == "party")
    return (-parties if parties == 2 else 0 if t in across else 1, min(boxes[t.a].y, boxes[t.b].y), t.a, t.b)
