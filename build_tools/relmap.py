"""The relationship map: who is tied to whom, laid out at build time as inline SVG (no runtime library)."""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import Any

from . import models as m
from .markup import escape_attr
from .site import Site
from .vocab import FAMILIES, RELATIONS

FAMILY = {kind: relation.family for kind, relation in RELATIONS.items()}
KIND_VERB = {kind: relation.verb for kind, relation in RELATIONS.items()}
WIDTH, HEIGHT = 760, 560
NODE_W, NODE_H = 150, 30


@dataclass
class Tie:
    """All ties between one unordered pair of actors, as (subject, kind, object) triples."""

    a: str
    b: str
    kinds: list[tuple[str, str, str]] = field(default_factory=list)
    disputes: list[str] = field(default_factory=list)

    @property
    def family(self) -> str:
        """The family drawn for the pair: the first relation's, else a dispute."""
        return FAMILY[self.kinds[0][1]] if self.kinds else "dispute"


def ties(site: Site) -> list[Tie]:
    """Every tie: actors' relations, plus counterparties (two actors with positions in one dispute)."""
    by_pair: dict[tuple[str, str], Tie] = {}

    def tie(a: str, b: str) -> Tie:
        key = (min(a, b), max(a, b))
        return by_pair.setdefault(key, Tie(*key))

    for actor in site.models("actors"):
        for relation in actor.relations:
            tie(actor.id, relation.to).kinds.append((actor.id, relation.kind, relation.to))
    return sorted(by_pair.values(), key=lambda t: (t.a, t.b))


def layout(site: Site, all_ties: list[Tie]) -> dict[str, tuple[float, float]]:
    """Node centres: the two busiest actors in the middle, each one's side in a column beside it."""
    near: dict[str, set[str]] = {}
    related: dict[str, set[str]] = {}  # reported relations only: a shared dispute says nothing of a side
    for t in all_ties:
        near.setdefault(t.a, set()).add(t.b)
        near.setdefault(t.b, set()).add(t.a)
        related.setdefault(t.a, set())
        related.setdefault(t.b, set())
        if t.kinds:
            related[t.a].add(t.b)
            related[t.b].add(t.a)
    if not near:
        return {}
    hubs = sorted(near, key=lambda a: (-len(near[a]), a))[:2]
    name = {a: site.get(a).name.lower() for a in near}
    groups: dict[int, dict[str, list[str]]] = {-1: {}, 0: {}, 1: {}}
    for actor in sorted((a for a in near if a not in hubs), key=name.get):
        side, anchor = _side(actor, hubs, related)
        key = min(anchor, actor, key=name.get) if side == 0 else anchor
        groups[side].setdefault(key, []).append(actor)
    cx, cy = WIDTH / 2, HEIGHT / 2
    positions = {hubs[0]: (cx - 125, cy)}
    if len(hubs) > 1:
        positions[hubs[1]] = (cx + 125, cy)
    for side, x in ((-1, NODE_W / 2 + 6), (1, WIDTH - NODE_W / 2 - 6)):
        members = [a for key in sorted(groups[side], key=name.get) for a in _around(key, groups[side][key])]
        for i, actor in enumerate(members):
            positions[actor] = (x, _spread(i, len(members)))
    # Middle nodes sit between the side rows, so no line joining two side nodes runs through them,
    # and a group never straddles the hubs' row.
    rows = max(len(sum(groups[-1].values(), [])), len(sum(groups[1].values(), [])), 3)
    mids = [(_spread(i, rows) + _spread(i + 1, rows)) / 2 for i in range(rows - 1)]
    halves = [[y for y in mids if y < cy - NODE_H], [y for y in mids if y > cy + NODE_H]]
    for key in sorted(groups[0], key=lambda k: (-len(groups[0][k]), name[k])):
        members = groups[0][key]
        half = next((h for h in halves if len(h) >= len(members)), max(halves, key=len))
        for actor in members:
            positions[actor] = (cx, half.pop(0) if half else cy + NODE_H * 2)
    return positions


def _around(anchor: str, members: list[str]) -> list[str]:
    """A group in column order with its anchor in the middle, so its lines skip its other members."""
    others = [a for a in members if a != anchor]
    if anchor not in members:
        return others
    return [*others[: len(others) // 2], anchor, *others[len(others) // 2:]]


def _spread(i: int, n: int) -> float:
    """The i-th of n evenly spaced heights inside the drawing."""
    top, bottom = NODE_H / 2 + 8, HEIGHT - NODE_H / 2 - 8
    return (top + bottom) / 2 if n == 1 else top + (bottom - top) * i / (n - 1)


def _side(actor: str, hubs: list[str], near: dict[str, set[str]]) -> tuple[int, str]:
    """Which hub's column an actor goes in (-1, 1, or 0 for the middle) and the neighbour that decided it."""
    def direct(node: str) -> int:
        first, second = hubs[0] in near[node], len(hubs) > 1 and hubs[1] in near[node]
        return -1 if first and not second else 1 if second and not first else 0

    if direct(actor) or any(h in near[actor] for h in hubs):
        return direct(actor), actor
    for neighbour in sorted(near[actor] - set(hubs)):
        if direct(neighbour):
            return direct(neighbour), neighbour
    return 0, min(near[actor]) if near[actor] else actor


def tie_sentence(t: Tie, name: dict[str, str]) -> str:
    """A tie in words, e.g. "Microsoft invests in OpenAI; OpenAI partner of Microsoft"."""
    parts = [f"{name[s]} {KIND_VERB[k]} {name[o]}" for s, k, o in t.kinds]
    if t.disputes:
        parts.append(f"{name[t.a]} and {name[t.b]} take positions in {len(t.disputes)} dispute{'s' if len(t.disputes) > 1 else ''}")
    return "; ".join(parts)


def svg(site: Site, page: Any) -> str:
    """The map as one line of inline SVG; every node links to its actor page."""
    href = {actor.id: page.href(actor.id) for actor in site.models("actors")}
    all_ties = ties(site)
    where = layout(site, all_ties)
    name = {a.id: a.name for a in site.models("actors")}
    parts = [
        f'<svg class="relmap-svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'role="group" aria-labelledby="relmap-title" aria-describedby="relmap-desc">',
        '<title id="relmap-title">Relationship map</title>',
        '<desc id="relmap-desc">Who is tied to whom. The same ties are listed in words after the map.</desc>',
    ]
    for t in all_ties:
        (x1, y1), (x2, y2) = where[t.a], where[t.b]
        label = escape_attr(tie_sentence(t, name))
        parts.append(f'<line class="tie tie-{t.family}" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"><title>{label}</title></line>')
    for actor_id, (x, y) in sorted(where.items()):
        actor = site.get(actor_id)
        parts.append(
            f'<a href="{escape_attr(href[actor_id])}" class="node node-{actor.kind}">'
            f'<rect x="{x - NODE_W / 2:.0f}" y="{y - NODE_H / 2:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
            f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle">{escape_attr(_fit(actor.name))}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _fit(label: str, limit: int = 21) -> str:
    """Shorten a long name so it fits its box; the full name is in the list below the map."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def legend(site: Site) -> list[tuple[str, str]]:
    """(family, description) pairs for the legend: only the families the map draws."""
    drawn = {t.family for t in ties(site)}
    return [(family, label) for family, label in FAMILIES.items() if family in drawn]


def relations(site: Site) -> list[tuple[str, m.Relation]]:
    """Every relation, as (subject id, relation), in the map's tie order."""
    return [(subject, relation) for t in ties(site) for subject, kind, obj in t.kinds
            for relation in site.get(subject).relations if relation.kind == kind and relation.to == obj]


def tie_list(site: Site) -> list[tuple[Tie, list[tuple[str, str, str]]]]:
    """Ties for the text equivalent, each with its relation triples (counterparty-only ties have none)."""
    return [(t, t.kinds) for t in ties(site)]


def relation_cites(site: Site, subject: str, kind: str, obj: str) -> list[m.Citation]:
    """The citations of one relation triple."""
    for relation in site.get(subject).relations:
        if relation.kind == kind and relation.to == obj:
            return list(relation.cite)
    return []
