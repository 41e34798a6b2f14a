"""The relationship map's narrow drawing, for a phone: the sides stacked, then each tie as a row of its own.

Each group's boxes go two to a row; each tie drawn as a line becomes a row after the group it belongs to
(the ties joining the two sides between them): its subject's box on the left, its object's on the right, the
line with its arrowhead and its words between or below. It is drawn at a phone's real width, so its type
stays at full size.
"""

from __future__ import annotations

from build_tools.render import camps
from build_tools.render.mapgeometry import Box, Label, Layout, Panel, Route, Tie, wrap
from build_tools.render.maplayout import HEADING, MARGIN, ROW_GAP
from build_tools.render.mapplan import PAD_X, Plan, make_box, rank, tie_words
from build_tools.render.maproute import label_size
from build_tools.validate.site import Site

NARROW_W = 343.0  # a 375 px phone's content width: the narrow map is drawn at its real size


def narrow(site: Site, drawn: Plan) -> Layout:
    """The sides stacked for a phone: each group's boxes two to a row, then its ties as rows of their own."""
    name = {n: site.get(n).name for n in drawn.group}
    parties = [p for p in camps.sides(site) if p in drawn.group][:2]
    sections = _sections(site, drawn, parties)
    key_of = {n: key for key, _, members in sections for n in members}
    rows: dict[str, list[Tie]] = {key: [] for key, _, _ in sections}
    for t in drawn.lines:
        rows[_section_of(key_of[t.a], key_of[t.b], parties, [k for k, _, _ in sections])].append(t)
    boxes: dict[str, Box] = {}
    routes: list[Route] = []
    panels: list[Panel] = []
    y = MARGIN
    for key, heading, members in sections:
        if not members and not rows[key]:
            continue
        top = y
        y += HEADING
        y = _grid(boxes, site, drawn, members, name, y)
        for t in sorted(rows[key], key=lambda t: _row_order(site, drawn, t)):
            y = _tie_row(boxes, routes, site, drawn, t, name, y)
        style = "panel" if key in parties or key in camps.clusters(site) else "band"
        panels.append(Panel(key, heading, (MARGIN / 2, top, NARROW_W - MARGIN / 2, y - ROW_GAP / 2 + 4), style))
        y += ROW_GAP / 2
    width = max([NARROW_W, *(b.rect()[2] + MARGIN for b in boxes.values())])
    return Layout(boxes, routes, width, y, panels, [t for t, _ in drawn.captions.values()])


def _sections(site: Site, drawn: Plan, parties: list[str]) -> list[tuple[str, str, list[str]]]:
    """(key, heading, actors) in the order drawn: first side, between the sides, second side, clusters, others."""

    def by_name(n: str) -> tuple[int, int, str]:
        return (0 if drawn.role[n] in ("party", "cluster") else 1, *rank(site, drawn, n))

    members = {
        g: sorted((n for n in drawn.group if drawn.group[n] == g), key=by_name) for g in set(drawn.group.values())
    }
    out = [(parties[0], camps.side_label(site, parties[0]), members.get(parties[0], []))] if parties else []
    if len(parties) > 1:
        out.append(("between", "Between the two sides", members.get("between", [])))
        out.append((parties[1], camps.side_label(site, parties[1]), members.get(parties[1], [])))
    for c in camps.clusters(site):
        if c in drawn.group:
            out.append((c, f"Around {site.get(c).name}", members.get(c, []) + members.get(f"near:{c}", [])))
    placed = {n for _, _, listed in out for n in listed}
    out.append(("others", "Others", sorted((n for n in drawn.group if n not in placed), key=by_name)))
    return out


def _row_order(site: Site, drawn: Plan, t: Tie) -> tuple[int, list[tuple[int, str]], str, str]:
    """Rows of ties, most telling first: the parties' own, then those between leaders, then the rest."""
    heads = [n for n in (t.a, t.b) if drawn.role[n] in ("party", "cluster")]
    rest = sorted(rank(site, drawn, n) for n in (t.a, t.b) if n not in heads)
    return (0 if len(heads) == 2 else 1, rest, t.a, t.b)


def _section_of(a: str, b: str, parties: list[str], order: list[str]) -> str:
    """Where a tie's row goes: between the sides if it joins them, else after the later of its two groups."""
    if len(parties) > 1 and ({a, b} == set(parties) or "between" in (a, b)):
        return "between"
    return max(a, b, key=order.index)


def _grid(boxes: dict[str, Box], site: Site, drawn: Plan, members: list[str], name: dict[str, str], y: float) -> float:
    """A group's boxes two to a row (a party or cluster centre, or a box too wide for half, takes a row)."""
    half = (NARROW_W - 2 * MARGIN - 12) / 2
    row: list[Box] = []
    for n in [*members, ""]:
        box = None
        if n:
            caption = drawn.captions.get(n, (None, ""))[1]
            box = make_box(n, n, name[n], drawn.role[n], drawn.group[n], caption, half - 2 * PAD_X)
            if drawn.role[n] in ("party", "cluster") or box.w > half:
                box = make_box(n, n, name[n], drawn.role[n], drawn.group[n], caption, NARROW_W - 2 * MARGIN - 2 * PAD_X)
                box.w = max(box.w, NARROW_W - 2 * MARGIN)
            else:
                box.w = half
            boxes[n] = box
        if row and (box is None or len(row) == 2 or box.w > half or row[0].w > half):
            height = max(b.h for b in row)
            for i, b in enumerate(row):
                b.x = MARGIN + b.w / 2 + i * (half + 12)
                b.y = y + height / 2
            y += height + 12
            row = []
        if box is not None:
            row.append(box)
    return y + (ROW_GAP / 2 if members else 0)


def _tie_row(
    boxes: dict[str, Box], routes: list[Route], site: Site, drawn: Plan, t: Tie, name: dict[str, str], y: float
) -> float:
    """One tie as a row: its subject's box on the left, its object's on the right, the line and its words."""
    subject = t.kinds[0][0]
    heads = t.heads()
    if heads and len(heads) == 1:
        subject = t.a if heads == {t.b} else t.b
    obj = t.b if subject == t.a else t.a
    width = (NARROW_W - 2 * MARGIN) * 0.42
    ends = []
    for n in (subject, obj):
        chip = make_box(f"{n}@{len(routes)}", n, name[n], "chip", drawn.group[n], "", width - 2 * PAD_X)
        boxes[chip.id] = chip
        ends.append(chip)
    words = tie_words(site, t)
    height = max(b.h for b in ends)
    w, h = label_size(words)
    room = NARROW_W - 2 * MARGIN - ends[0].w - ends[1].w
    line_y = y + max(height / 2, h + 4) if w + 16 <= room else y + height / 2
    ends[0].x, ends[1].x = MARGIN + ends[0].w / 2, NARROW_W - MARGIN - ends[1].w / 2
    for b in ends:
        b.y = line_y
    p, q = (ends[0].rect()[2], line_y), (ends[1].rect()[0], line_y)
    if w + 16 <= room:
        label = Label(words, (p[0] + q[0]) / 2, line_y - h / 2 - 2, w, h)
        y = line_y + height / 2
    else:
        lines = [line for word in words for line in wrap(word, 12.0, NARROW_W - 2 * MARGIN - 8)]
        w, h = label_size(lines)
        label = Label(lines, NARROW_W / 2, line_y + height / 2 + 4 + h / 2, w, h)
        y = line_y + height / 2 + 4 + h
    start, end = (ends[0].id, ends[1].id) if subject == t.a else (ends[1].id, ends[0].id)
    routes.append(Route(t, start, end, [p, q] if subject == t.a else [q, p], label))
    return y + 14
