"""The relationship map: the two camps and the clusters as inline SVG laid out at build time (no runtime library).

Two drawings of the same ties: a wide one (the sides face each other across a gutter where the ties between
them are written) and a narrow one for phones (the sides stacked, each tie a row of its own); the page shows
the one that fits. Each drawn line carries its words and, when it reads one way ("leads", "is made by"), an
arrowhead at its object; a member's tie to its party is written in its box. Past `maplayout.MAX_DRAWN`
actors the map draws the most central ones and the page says so; every tie is listed in words below it.
Layout: maplayout.py; routing: maproute.py; geometry and the checks (`crossings`, `label_clashes`):
mapgeometry.py.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from build_tools.model import models as m
from build_tools.render import camps, maplayout, mapnarrow, mapplan
from build_tools.render.mapgeometry import (
    Box,
    Label,
    Layout,
    Point,
    Route,
    Tie,
    crossings,
    label_clashes,
    overlaps,
)
from build_tools.render.mapplan import CAPTION_LINE, LINE, PAD_Y, PARTY_LINE, Plan
from build_tools.render.maproute import LABEL_LINE
from build_tools.render.markup import escape_attr
from build_tools.validate.site import Site

__all__ = [
    "Box",
    "Layout",
    "Tie",
    "crossings",
    "label_clashes",
    "overlaps",
    "relations_by_camp",
    "site_layout",
    "svg",
    "ties",
]

VARIANTS = ("wide", "narrow")


def ties(site: Site) -> list[Tie]:
    """Every tie between two actors, from the actors' relations."""
    by_pair: dict[tuple[str, str], Tie] = {}
    table = site.relation_kinds()
    family_of = {kind: words.family for kind, words in table.items()}
    symmetric = frozenset(kind for kind, words in table.items() if words.symmetric)
    for actor in site.models("actors"):
        for relation in actor.relations:
            key = (min(actor.id, relation.to), max(actor.id, relation.to))
            tie = by_pair.setdefault(key, Tie(*key, family_of=family_of, symmetric=symmetric))
            tie.kinds.append((actor.id, relation.kind, relation.to))
    return sorted(by_pair.values(), key=lambda t: (t.a, t.b))


def site_plan(site: Site) -> Plan:
    """Which actors the map draws and how each tie is shown, decided once per build."""
    return site.memo("relmap_plan", lambda: mapplan.plan(site, ties(site)))


def site_layout(site: Site, variant: str = "wide") -> Layout:
    """The site's map in one of its two drawings, laid out once per build."""
    place = maplayout.wide if variant == "wide" else mapnarrow.narrow
    return site.memo(("relmap_layout", variant), lambda: place(site, site_plan(site)))


def left_out(site: Site) -> list[str]:
    """The actors the map leaves out to stay readable (their ties are still listed in words)."""
    return site_plan(site).left_out


def tie_sentence(site: Site, t: Tie, name: dict[str, str]) -> str:
    """A tie in words, e.g. "Ferrywell invests in Lantern Bay; Ferrywell is a partner of Lantern Bay"."""
    table = site.relation_kinds()
    return "; ".join(
        f"{name[s]} {table[k].verb} {name[o]}{camps.tie_attribution(site, s, k, o)}" for s, k, o in t.kinds
    )


def _n(v: float) -> str:
    """A coordinate, rounded to a tenth of a pixel, without trailing zeros."""
    return f"{round(v, 1):g}"


def _path(points: list[Point]) -> str:
    return "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in points)


def _lines(t: Tie, points: list[Point]) -> list[tuple[str, list[Point]]]:
    """One line per family of the tie: side by side when the line is straight, else the first family's."""
    families = t.families()
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


def arrow_ends(route: Route, family: str, lines_of: int, boxes: dict[str, Box]) -> tuple[bool, bool]:
    """Whether a family's line gets an arrowhead at its start and at its end (at each object it points to)."""
    heads = route.tie.heads(family if lines_of > 1 else None)
    return boxes[route.start].actor in heads, boxes[route.end].actor in heads


def _class_of(site: Site, group: str) -> str:
    """A box's colour class by its camp's role, never its id: side-N, cluster, or none."""
    if group in camps.sides(site):
        return camps.group_class(site, group)
    return "none" if ":" in group else "cluster"


_SHAPE = {"party": "party", "member": "member", "cluster-member": "member", "cluster": "cluster", "chip": "chip"}


def _text(box: Box) -> str:
    """A box's name lines, then its caption lines in smaller type, centred."""
    line = PARTY_LINE if box.role == "party" else LINE
    top = box.y - box.h / 2 + PAD_Y + (2 if box.role == "party" else 0)
    spans = [
        f'<tspan x="{_n(box.x)}" y="{_n(top + i * line + line * 0.72)}">{escape_attr(text)}</tspan>'
        for i, text in enumerate(box.lines)
    ]
    below = top + line * len(box.lines)
    spans += [
        f'<tspan class="caption" x="{_n(box.x)}" y="{_n(below + j * CAPTION_LINE + CAPTION_LINE * 0.72)}">'
        f"{escape_attr(text)}</tspan>"
        for j, text in enumerate(box.caption)
    ]
    return f'<text text-anchor="middle">{"".join(spans)}</text>'


def _node(site: Site, box: Box, page: Any) -> str:
    """One box: a link to its actor (a copy in a row of ties is not a link), classed by role and camp."""
    kind = site.get(box.actor).kind
    rx = min(box.h / 2, 15.0) if kind == "person" else 4
    left, top, _, _ = box.rect()
    shape = _SHAPE.get(box.role, "other")
    if box.role == "chip":  # a copy in a row of ties looks like the actor's own box, in smaller type
        shape = f"chip node-{_SHAPE.get(site_plan(site).role[box.actor], 'other')}"
    classes = f"node node-{shape} node-{escape_attr(kind)} group-{_class_of(site, box.group)}"
    inner = f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(box.w)}" height="{_n(box.h)}" rx="{_n(rx)}"/>{_text(box)}'
    if box.role == "chip":
        return f'<g class="{classes}">{inner}</g>'
    return f'<a href="{escape_attr(page.href(box.actor))}" class="{classes}">{inner}</a>'


def _label(label: Label, family: str) -> str:
    """A line's words, each line of them centred (or aligned) on the label's box."""
    x = {"start": label.x - label.w / 2 + 4, "end": label.x + label.w / 2 - 4}.get(label.anchor, label.x)
    top = label.y - label.h / 2 + 1.5
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(top + i * LABEL_LINE + 11)}">{escape_attr(text)}</tspan>'
        for i, text in enumerate(label.lines)
    )
    text = f'<text class="tie-label tie-label-{family}" text-anchor="{label.anchor}" aria-hidden="true">{spans}</text>'
    if not label.across:
        return text
    x0, y0, _, _ = label.rect()
    box = f'<rect class="tie-label-bg" x="{_n(x0)}" y="{_n(y0)}" width="{_n(label.w)}" height="{_n(label.h)}" rx="3"/>'
    return box + text


def _markers(prefix: str, needed: set[tuple[str, str]]) -> str:
    """Arrowheads, one per family and end that the drawing uses (an SVG 1.1 `orient`: one for each end)."""
    shapes = {"end": ("M0 0 L10 5 L0 10 z", 10), "start": ("M10 0 L0 5 L10 10 z", 0)}
    out = [
        f'<marker id="{prefix}-{family}-{end}" class="arrow arrow-{family}" viewBox="0 0 10 10" refX="{shapes[end][1]}"'
        f' refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="{shapes[end][0]}"/></marker>'
        for family, end in sorted(needed)
    ]
    return f"<defs>{''.join(out)}</defs>" if out else ""


def svg(site: Site, page: Any, variant: str = "wide") -> Markup:
    """One drawing of the map as one line of inline SVG; every box but a row's copies links to its actor."""
    drawn = site_layout(site, variant)
    name = {a.id: a.name for a in site.models("actors")}
    pid = f"relmap-{variant}"
    lines, labels, needed = [], [], set()
    for route in drawn.routes:
        title = escape_attr(tie_sentence(site, route.tie, name))
        family_lines = _lines(route.tie, route.points)
        for family, points in family_lines:
            start, end = arrow_ends(route, family, len(family_lines), drawn.boxes)
            marks = ""
            for which, on in (("start", start), ("end", end)):
                if on:
                    needed.add((family, which))
                    marks += f' marker-{which}="url(#{pid}-{family}-{which})"'
            lines.append(f'<path class="tie tie-{family}" d="{_path(points)}"{marks}><title>{title}</title></path>')
        if route.label is not None:  # coloured by the line's family; neutral when the words name several
            labels.append(_label(route.label, route.tie.family if len(route.tie.families()) == 1 else "mixed"))
    parts = [
        f'<svg class="relmap-svg relmap-svg-{variant}" viewBox="0 0 {_n(drawn.width)} {_n(drawn.height)}" '
        f'width="{_n(drawn.width)}" height="{_n(drawn.height)}" role="group" aria-labelledby="{pid}-title" '
        f'aria-describedby="{pid}-desc">',
        f'<title id="{pid}-title">Relationship map</title>',
        f'<desc id="{pid}-desc">{drawn_groups(site)}, and who is tied to whom. '
        "The same ties are listed in words after the map.</desc>",
        _markers(pid, needed),
    ]
    for panel in drawn.panels:
        x0, y0, x1, y1 = panel.rect
        group = _class_of(site, panel.group) if panel.group in camps.sides(site) else "cluster"
        if panel.style == "panel":
            parts.append(
                f'<rect class="panel group-{group}" x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" '
                f'height="{_n(y1 - y0)}" rx="8"/>'
            )
        heading = escape_attr(panel.label)
        parts.append(f'<text class="panel-label group-{group}" x="{_n(x0 + 10)}" y="{_n(y0 + 18)}">{heading}</text>')
    parts += lines + labels
    parts += [_node(site, box, page) for box in sorted(drawn.boxes.values(), key=lambda b: b.id)]
    parts.append("</svg>")
    return Markup("".join(parts))


def drawn_groups(site: Site) -> Markup:
    """What the map draws, for its caption: "The two sides and the group around <a cluster's name>" (escaped)."""
    groups = ["the two sides", *(f"the group around {site.get(c).name}" for c in camps.clusters(site))]
    listed = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
    return Markup(escape_attr(listed[0].upper() + listed[1:]))


def has_arrows(site: Site) -> bool:
    """Whether any drawn line reads one way (the help above the map then explains the arrowhead)."""
    return any(route.tie.heads() for route in site_layout(site).routes)


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
