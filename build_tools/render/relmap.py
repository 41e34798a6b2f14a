"""The relationship map: the two camps and the clusters, laid out at build time as inline SVG (no runtime library).

Layout: each party heads a panel (the overview's first side left, the second right) with its members in a column on
the rows they share with their rivals across the gutter; actors tied to both sides sit in the gutter;
clusters and everyone else sit in a band below. Every tie is routed as a straight or bent path whose
segments pass through no box but its two ends; `crossings` proves it and the tests call it.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from build_tools.model import models as m
from build_tools.model.vocab import FAMILIES
from build_tools.render import camps
from build_tools.render.mapgeometry import (
    CHAR_W,
    ROW_GAP,
    Box,
    Layout,
    Point,
    Tie,
    crossings,
    overlaps,
    route_all,
)
from build_tools.render.markup import escape_attr
from build_tools.validate.site import Site

__all__ = ["Box", "Layout", "Tie", "crossings", "layout", "legend", "overlaps", "relations_by_camp", "svg"]

PARTY_CHAR_W = 10.6  # a generous width of one character at 17 px bold
PAD, LINE_H, MARGIN, WRAP = 14, 16, 12, 28
TRUNK = 30  # room beside a side's column for the lines that join its party to its members
GUTTER = 200


def ties(site: Site) -> list[Tie]:
    """Every tie between two actors, from the actors' relations."""
    by_pair: dict[tuple[str, str], Tie] = {}
    family_of = {kind: words.family for kind, words in site.relation_kinds().items()}
    for actor in site.models("actors"):
        for relation in actor.relations:
            key = (min(actor.id, relation.to), max(actor.id, relation.to))
            by_pair.setdefault(key, Tie(*key, family_of=family_of)).kinds.append((actor.id, relation.kind, relation.to))
    return sorted(by_pair.values(), key=lambda t: (t.a, t.b))


def label_lines(name: str) -> list[str]:
    """A full name on one line, or on two balanced lines when it is long (never shortened)."""
    words = name.split(" ")
    if len(name) <= WRAP or len(words) < 2:
        return [name]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: (max(len(pair[0]), len(pair[1])), pair[0]))
    return [first, second]


def make_box(actor_id: str, name: str, role: str, group: str = "") -> Box:
    """A box sized to its full label at its font size."""
    lines = label_lines(name)
    char_w = PARTY_CHAR_W if role == "party" else CHAR_W
    w = max(len(line) for line in lines) * char_w + 2 * PAD
    h = 40.0 if role == "party" else 30.0 + LINE_H * (len(lines) - 1)
    return Box(actor_id, 0.0, 0.0, max(w, 150.0 if role == "party" else 60.0), h, lines, role, group)


def _rank(site: Site, actor_id: str) -> tuple[int, str]:
    """Column order inside a side: leaders first, then staff, bodies and products; then by name."""
    table = site.relation_kinds()
    rank = {kind: i for i, kind in enumerate(table)}
    kinds = [rank[r.kind] for r in site.get(actor_id).relations if table[r.kind].joins_side]
    return (kinds[0] if kinds else len(rank), site.get(actor_id).name.lower())


def _groups(site: Site, nodes: set[str], all_ties: list[Tie]) -> dict[str, str]:
    """Each drawn actor's group: a party's id, a cluster's id, "between" (tied to both sides) or "other:<party>"."""
    near = {n: {t.b if t.a == n else t.a for t in all_ties if n in (t.a, t.b)} for n in nodes}
    group: dict[str, str] = {}
    for n in sorted(nodes):
        group[n] = camps.side_of(site, n) or camps.cluster_of(site, n) or ""
    for n in sorted(nodes):
        if group[n]:
            continue
        sides = {group[o] for o in near[n] if group[o] in camps.sides(site)}
        clusters = {group[o] for o in near[n] if group[o] in camps.clusters(site)}
        group[n] = (
            "between"
            if len(sides) > 1
            else f"near:{min(clusters)}"
            if clusters
            else f"other:{min(sides)}"
            if sides
            else "other:"
        )
    return group


def layout(site: Site, all_ties: list[Tie]) -> Layout:
    """Place every tied actor, then route every tie."""
    nodes = {n for t in all_ties for n in (t.a, t.b)}
    group = _groups(site, nodes, all_ties)
    boxes = {n: make_box(n, site.get(n).name, _role(site, n, group[n]), group[n]) for n in sorted(nodes)}
    parties = [p for p in camps.sides(site) if p in nodes][:2]
    lefts = _place_sides(site, boxes, parties, all_ties)
    y = max((b.y + b.h / 2 for b in boxes.values() if b.x), default=MARGIN) + 2 * ROW_GAP + 18
    # The drawing spans every placed box and its panel's border (actors tied to one side sit beyond its column).
    width = max([lefts[-1], *(b.rect()[2] + 8 + MARGIN for b in boxes.values() if b.x)])
    panels = [(p, camps.side_label(site, p), _hull([b for b in boxes.values() if b.group == p], 8)) for p in parties]
    for cluster in [c for c in camps.clusters(site) if c in nodes]:
        y = _place_band(
            site, boxes, [n for n in sorted(nodes) if group[n] in (cluster, f"near:{cluster}")], cluster, width, y
        )
        panels.append(
            (
                cluster,
                f"Around {site.get(cluster).name}",
                _hull([boxes[n] for n in nodes if group[n] in (cluster, f"near:{cluster}")], 24),
            )
        )
    rest = [n for n in sorted(nodes) if boxes[n].x == 0.0]
    if rest:
        y = _place_band(site, boxes, rest, "", width, y)
    drawn = Layout(boxes, [], width, y + MARGIN, panels)
    drawn.routes = route_all(drawn, all_ties, lefts)
    return drawn


def _role(site: Site, actor_id: str, group: str) -> str:
    """How an actor's box is drawn."""
    if actor_id in camps.sides(site):
        return "party"
    if group in camps.sides(site) or (group in camps.clusters(site) and actor_id != group):
        return "member"
    return "cluster" if actor_id in camps.clusters(site) else "other"


def _place_sides(site: Site, boxes: dict[str, Box], parties: list[str], all_ties: list[Tie]) -> list[float]:
    """Party boxes on the top row, members in columns below on shared rows, the in-between in the gutter."""
    cols = [
        sorted((n for n, b in boxes.items() if b.group == p and n != p), key=lambda n: _rank(site, n)) for p in parties
    ]
    col_w = [max([boxes[p].w - TRUNK, *(boxes[n].w for n in col)]) for p, col in zip(parties, cols, strict=False)]
    left0, gut = MARGIN, MARGIN + TRUNK + (col_w[0] if col_w else 0)  # a story may name no sides
    right1 = gut + GUTTER + (col_w[1] + TRUNK if len(cols) > 1 else 0)
    between = sorted(n for n, b in boxes.items() if b.group == "between")
    row_h = max([30.0, *(boxes[n].h for col in cols for n in col)]) + ROW_GAP
    y = MARGIN + 26 + boxes[parties[0]].h / 2 if parties else MARGIN
    for i, p in enumerate(parties):
        boxes[p].x, boxes[p].y = (left0 + boxes[p].w / 2, y) if i == 0 else (right1 - boxes[p].w / 2, y)
    y += boxes[parties[0]].h / 2 + ROW_GAP if parties else 0
    for n in between:
        boxes[n].x, boxes[n].y = gut + GUTTER / 2, y + boxes[n].h / 2
        y += boxes[n].h + ROW_GAP
    rows = _rows(cols, all_ties)
    for i, col in enumerate(cols):
        for n in col:
            x = left0 + TRUNK + boxes[n].w / 2 if i == 0 else right1 - TRUNK - boxes[n].w / 2
            boxes[n].x, boxes[n].y = x, y + row_h * rows[n] + (row_h - ROW_GAP) / 2
    _place_others(boxes, parties, cols, rows, y, row_h, left0, right1)
    return [left0, gut, gut + GUTTER, right1]


def _rows(cols: list[list[str]], all_ties: list[Tie]) -> dict[str, int]:
    """Row of each member: the first column in order; the second on the row of a rival it is tied to, if free."""
    rows = {n: i for i, n in enumerate(cols[0])} if cols else {}
    if len(cols) < 2:
        return rows
    taken: set[int] = set()
    pending = []
    for n in cols[1]:
        across = sorted(
            rows[o] for t in all_ties for o in ((t.b,) if t.a == n else (t.a,) if t.b == n else ()) if o in cols[0]
        )
        free = [r for r in across if r not in taken]
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


def _place_others(
    boxes: dict[str, Box],
    parties: list[str],
    cols: list[list[str]],
    rows: dict[str, int],
    y: float,
    row_h: float,
    left0: float,
    right1: float,
) -> None:
    """Actors tied to one side only go on that side's column, on the rows after its last member."""
    for i, p in enumerate(parties):
        others = sorted(n for n, b in boxes.items() if b.group == f"other:{p}")
        start = max([rows[n] for n in cols[i]], default=-1) + 1
        for j, n in enumerate(others):
            x = left0 + TRUNK + boxes[n].w / 2 if i == 0 else right1 - TRUNK - boxes[n].w / 2
            boxes[n].x, boxes[n].y = x, y + row_h * (start + j) + (row_h - ROW_GAP) / 2 + ROW_GAP / 2


def _hull(members: list[Box], top: float) -> tuple[float, float, float, float]:
    """The rectangle around some boxes, with room above for a label."""
    rects = [b.rect() for b in members]
    return (
        min(r[0] for r in rects) - 8,
        min(r[1] for r in rects) - top - 18,
        max(r[2] for r in rects) + 8,
        max(r[3] for r in rects) + 8,
    )


def _place_band(site: Site, boxes: dict[str, Box], members: list[str], centre: str, width: float, y: float) -> float:
    """A band below the sides: its centre actor on top, the actors tied to it in a row, the rest under a neighbour."""
    top = [centre] if centre in members else []
    second = sorted((n for n in members if n not in top and boxes[n].group == centre), key=lambda n: _rank(site, n))
    third = [n for n in members if n not in top and n not in second]
    for row in (top, second):
        y = _spread_row(boxes, row, width, y) if row else y
    near = {n: next((s for s in second if any(r.to == n for r in site.get(s).relations)), "") for n in third}
    for n in third:
        if near[n]:
            boxes[n].x = boxes[near[n]].x
    placed = [n for n in third if near[n]]
    if placed:
        for n in placed:
            boxes[n].y = y + boxes[n].h / 2
        y += max(boxes[n].h for n in placed) + ROW_GAP * 1.5
    loose = [n for n in third if not near[n]]
    return _spread_row(boxes, loose, width, y) if loose else y


def _spread_row(boxes: dict[str, Box], row: list[str], width: float, y: float) -> float:
    """Boxes side by side, centred across the drawing; returns the next row's top."""
    gap = 40.0
    total = sum(boxes[n].w for n in row) + gap * (len(row) - 1)
    x = (width - total) / 2
    for n in row:
        boxes[n].x, boxes[n].y = x + boxes[n].w / 2, y + boxes[n].h / 2
        x += boxes[n].w + gap
    return y + max(boxes[n].h for n in row) + ROW_GAP * 1.5


# -- routing ---------------------------------------------------------------------------------------


# -- drawing ---------------------------------------------------------------------------------------


def site_layout(site: Site) -> Layout:
    """The site's map, laid out once per build."""
    return site.memo("relmap_layout", lambda: layout(site, ties(site)))


def tie_sentence(site: Site, t: Tie, name: dict[str, str]) -> str:
    """A tie in words, e.g. "Ferrywell invests in Lantern Bay; Ferrywell is a partner of Lantern Bay"."""
    verb = {kind: words.verb for kind, words in site.relation_kinds().items()}
    return "; ".join(f"{name[s]} {verb[k]} {name[o]}" for s, k, o in t.kinds)


def _n(v: float) -> str:
    """A coordinate, rounded to a tenth of a pixel, without trailing zeros."""
    return f"{round(v, 1):g}"


def _path(points: list[Point]) -> str:
    return "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in points)


def _lines(t: Tie, points: list[Point]) -> list[tuple[str, list[Point]]]:
    """One line per family of the tie: side by side when the line is straight, else the first family's."""
    families = list(dict.fromkeys(t.family_of[k] for _, k, _ in t.kinds))
    if len(points) != 2 or len(families) == 1:
        return [(families[0], points)]
    (x1, y1), (x2, y2) = points
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    out = []
    for i, family in enumerate(families):
        d = (i - (len(families) - 1) / 2) * 5
        out.append((family, [(x1 + nx * d, y1 + ny * d), (x2 + nx * d, y2 + ny * d)]))
    return out


def drawn_families(site: Site) -> set[str]:
    """The line families the map draws."""
    return {family for t, points in site_layout(site).routes for family, _ in _lines(t, points)}


def _node(box: Box, kind: str, href: str, group: str) -> str:
    """One actor's box: a link with its full name, classed by its camp's role (`group`)."""
    rx = box.h / 2 if kind == "person" else 4
    lh = 20 if box.role == "party" else LINE_H
    base = box.y - lh * (len(box.lines) - 1) / 2 + (6 if box.role == "party" else 4.5)
    spans = "".join(
        f'<tspan x="{_n(box.x)}" y="{_n(base + lh * i)}">{escape_attr(line)}</tspan>'
        for i, line in enumerate(box.lines)
    )
    left, top, _, _ = box.rect()
    return (
        f'<a href="{escape_attr(href)}" class="node node-{box.role} node-{escape_attr(kind)} group-{group}">'
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(box.w)}" height="{_n(box.h)}" rx="{_n(rx)}"/>'
        f'<text text-anchor="middle">{spans}</text></a>'
    )


def _box_group(site: Site, box: Box) -> str:
    """A box's class by its camp's role, never its id: a side's party and members, else cluster or none."""
    if box.role in ("party", "member"):
        return camps.group_class(site, box.group)
    return "cluster" if box.group in ("", "between") or ":" not in box.group else "none"


def drawn_groups(site: Site) -> Markup:
    """What the map draws, for its caption: "The two sides and the group around <a cluster's name>" (escaped)."""
    groups = ["the two sides", *(f"the group around {site.get(c).name}" for c in camps.clusters(site))]
    listed = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
    return Markup(escape_attr(listed[0].upper() + listed[1:]))


def svg(site: Site, page: Any) -> Markup:
    """The map as one line of inline SVG; every node links to its actor page."""
    drawn = site_layout(site)
    name = {a.id: a.name for a in site.models("actors")}
    parts = [
        f'<svg class="relmap-svg" viewBox="0 0 {_n(drawn.width)} {_n(drawn.height)}" width="{_n(drawn.width)}" '
        f'height="{_n(drawn.height)}" role="group" aria-labelledby="relmap-title" aria-describedby="relmap-desc">',
        '<title id="relmap-title">Relationship map</title>',
        f'<desc id="relmap-desc">{drawn_groups(site)}, and who is tied to whom. '
        "The same ties are listed in words after the map.</desc>",
    ]
    for group, label, (x0, y0, x1, y1) in drawn.panels:
        parts.append(
            f'<rect class="panel group-{camps.group_class(site, group)}" x="{_n(x0)}" y="{_n(y0)}" '
            f'width="{_n(x1 - x0)}" height="{_n(y1 - y0)}" rx="8"/><text class="panel-label '
            f'group-{camps.group_class(site, group)}" '
            f'x="{_n(x0 + 10)}" y="{_n(y0 + 18)}">{escape_attr(label)}</text>'
        )
    for t, points in drawn.routes:
        title = escape_attr(tie_sentence(site, t, name))
        for family, line in _lines(t, points):
            parts.append(f'<path class="tie tie-{family}" d="{_path(line)}"><title>{title}</title></path>')
    for box in sorted(drawn.boxes.values(), key=lambda b: b.id):
        parts.append(_node(box, site.get(box.id).kind, page.href(box.id), _box_group(site, box)))
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(site: Site) -> list[tuple[str, str]]:
    """(family, description) pairs for the legend: only the families the map draws."""
    drawn = drawn_families(site)
    return [(family, label) for family, label in FAMILIES.items() if family in drawn]


def relations(site: Site) -> list[tuple[str, m.Relation]]:
    """Every relation, as (subject id, relation), in the map's tie order."""
    return [
        (subject, relation)
        for t in ties(site)
        for subject, kind, obj in t.kinds
        for relation in site.get(subject).relations
        if relation.kind == kind and relation.to == obj
    ]


def _group_of(site: Site, subject: str, obj: str) -> str:
    """The camp a relation is listed under: its subject's side or cluster, else its object's, else none."""
    for actor in (subject, obj):
        found = camps.side_of(site, actor) or camps.cluster_of(site, actor)
        if found:
            return found
    return ""


def relations_by_camp(site: Site) -> list[tuple[str, str, list[tuple[str, m.Relation]]]]:
    """Relations grouped as the map draws them: (camp id, heading, relations); sides, then clusters, then others."""
    order = [*camps.sides(site), *camps.clusters(site), ""]
    groups: dict[str, list[tuple[str, m.Relation]]] = {key: [] for key in order}
    for subject, relation in relations(site):
        groups.setdefault(_group_of(site, subject, relation.to), []).append((subject, relation))
    heading = {
        **{p: camps.side_label(site, p) for p in camps.sides(site)},
        **{c: site.get(c).name for c in camps.clusters(site)},
        "": "Others",
    }
    return [(key, heading[key], items) for key, items in groups.items() if items]
