"""Which actors the relationship map draws, in which group, and which ties are lines or captions.

- Which: past `MAX_DRAWN` actors a reader cannot follow the drawing, so the map keeps the most central
  ones (the parties and clusters, then the actors fewest ties away from them, the most tied first) and
  the page lists every tie in words.
- Groups: a party's side, a cluster, "between" (tied to both sides), "other:<party>" (tied to one side
  only), "near:<cluster>" or "other:".
- Captions: a member's tie to the head of its group ("leads Lantern Bay") is written in its box, not drawn:
  the lines left are the ties that tell the story.

Every step is linear in the ties (adjacency sets, one breadth-first walk, one sort).
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.render import camps
from build_tools.render.mapgeometry import Box, Tie, text_width, wrap
from build_tools.validate.site import Site

MAX_DRAWN = 30  # boxes a reader can follow in one drawing; past it the map keeps the most central actors
NAME, PARTY, CAPTION = 13.0, 17.0, 11.0  # font sizes
LINE, PARTY_LINE, CAPTION_LINE = 16.0, 21.0, 14.0  # line heights
PAD_X, PAD_Y = 12.0, 8.0
NAME_W = 190.0  # the widest a name or caption line runs before it wraps (a party's name: 260)

_ORDER = ["party", "member", "cluster", "between", "cluster-member", "other-side", "near", "other"]


@dataclass
class Plan:
    """What a drawing holds: the drawn actors' groups and roles, the ties drawn as lines, the captions."""

    group: dict[str, str]
    role: dict[str, str]
    lines: list[Tie]
    captions: dict[str, tuple[Tie, str]]  # actor → (its tie to its group's head, in words)
    left_out: list[str]  # actors on no drawing (past the limit), by id


def neighbours(ties: list[Tie]) -> dict[str, set[str]]:
    """Each tied actor's neighbours."""
    near: dict[str, set[str]] = {}
    for t in ties:
        near.setdefault(t.a, set()).add(t.b)
        near.setdefault(t.b, set()).add(t.a)
    return near


def _hops(near: dict[str, set[str]], starts: list[str]) -> dict[str, int]:
    """How many ties away from the nearest start each actor is (breadth first); unreachable actors are absent."""
    hops = dict.fromkeys(sorted(starts), 0)
    frontier = sorted(starts)
    while frontier:
        ahead = sorted({o for n in frontier for o in near[n] if o not in hops})
        hops.update(dict.fromkeys(ahead, hops[frontier[0]] + 1))
        frontier = ahead
    return hops


def _groups(site: Site, near: dict[str, set[str]]) -> dict[str, str]:
    """Each tied actor's group: a party's id, a cluster's id, "between", "near:<cluster>" or "other:<party>"."""
    sides, clusters = set(camps.sides(site)), set(camps.clusters(site))
    group = {n: camps.side_of(site, n) or camps.cluster_of(site, n) or "" for n in sorted(near)}
    for n in sorted(near):
        if group[n]:
            continue
        touching = {group[o] for o in near[n] if group[o] in sides}
        beside = sorted(group[o] for o in near[n] if group[o] in clusters)
        group[n] = (
            "between"
            if len(touching) > 1
            else f"near:{beside[0]}"
            if beside
            else f"other:{min(touching)}"
            if touching
            else "other:"
        )
    return group


def _role(site: Site, actor: str, group: str) -> str:
    if actor in camps.sides(site):
        return "party"
    if group in camps.sides(site):
        return "member"
    if actor in camps.clusters(site):
        return "cluster"
    if group in camps.clusters(site):
        return "cluster-member"
    return {"between": "between", "near": "near"}.get(group.split(":")[0], "other-side" if group[6:] else "other")


def head(site: Site, actor: str, group: str) -> str | None:
    """The actor whose box a member's caption names: its party, or its cluster's centre."""
    if group in camps.sides(site) or group in camps.clusters(site):
        return group if group != actor else None
    return None


def plan(site: Site, ties: list[Tie], limit: int = MAX_DRAWN) -> Plan:
    """The drawn actors (the `limit` most central), their groups, and which ties are lines or captions."""
    near = neighbours(ties)
    group = _groups(site, near)
    role = {n: _role(site, n, group[n]) for n in near}
    kept = set(near)
    if len(near) > limit:  # too many to follow: the actors nearest the sides and clusters, the most tied first
        hops = _hops(near, [n for n in near if role[n] in ("party", "cluster")])
        rank = sorted(hops, key=lambda n: (_ORDER.index(role[n]), hops[n], -len(near[n]), n))
        kept = set(rank[:limit])
    drawn_ties = [t for t in ties if t.a in kept and t.b in kept]
    tied = {n for t in drawn_ties for n in (t.a, t.b)}
    captions: dict[str, tuple[Tie, str]] = {}
    lines = []
    for t in drawn_ties:
        for member, other in ((t.a, t.b), (t.b, t.a)):
            if head(site, member, group[member]) == other and member not in captions and _from(t, member):
                captions[member] = (
                    t,
                    _caption(
                        list(dict.fromkeys(camps.tie_label(site, s, k, o) for s, k, o in t.kinds)), site.get(other).name
                    ),
                )
                break
        else:
            lines.append(t)
    return Plan(
        {n: group[n] for n in sorted(tied)},
        {n: role[n] for n in sorted(tied)},
        lines,
        captions,
        sorted(set(near) - tied),
    )


def _caption(verbs: list[str], name: str) -> str:
    """A member's ties to its head in words: "leads Alpha", or "supplies, and is a partner of, Alpha"."""
    if len(verbs) == 1:
        return f"{verbs[0]} {name}"
    return f"{', '.join(verbs[:-1])}, and {verbs[-1]}, {name}"


def _from(t: Tie, member: str) -> bool:
    """Whether every relation of a tie reads from the member (or both ways): its caption can say it."""
    return all(s == member or k in t.symmetric for s, k, _ in t.kinds)


def make_box(box_id: str, actor: str, name: str, role: str, group: str, caption: str, width: float) -> Box:
    """A box sized to its full name and caption, each wrapped to `width` (never shortened)."""
    size, line = (PARTY, PARTY_LINE) if role == "party" else (NAME, LINE)
    width = max(width, 260.0) if role == "party" else width
    lines = wrap(name, size, width, bold=role in ("party", "cluster"))
    notes = wrap(caption, CAPTION, width) if caption else []
    text = max([text_width(n, size, bold=role in ("party", "cluster")) for n in lines])
    w = max([text, *(text_width(n, CAPTION) for n in notes)]) + 2 * PAD_X
    h = 2 * PAD_Y + line * len(lines) + CAPTION_LINE * len(notes) + (4 if role == "party" else 0)
    return Box(box_id, actor, 0.0, 0.0, max(w, 60.0), h, lines, role, group, notes)


def rank(site: Site, drawn: Plan, actor: str) -> tuple[int, str]:
    """Order inside a group: by the kind of an actor's tie to its head (leaders first, then staff, bodies and
    products, as the kinds table lists them), else its first side-joining kind; then by name."""
    table = site.relation_kinds()
    order = {kind: i for i, kind in enumerate(table)}
    if actor in drawn.captions:
        kinds = [order[k] for _, k, _ in drawn.captions[actor][0].kinds]
    else:
        kinds = [order[r.kind] for r in site.get(actor).relations if table[r.kind].joins_side]
    return (min(kinds) if kinds else len(order), site.get(actor).name.lower())


def tie_words(site: Site, t: Tie) -> list[str]:
    """A line's words: each relation's verb once, in order ("invests in", "is a partner of")."""
    return list(dict.fromkeys(camps.tie_label(site, s, k, o) for s, k, o in t.kinds))
