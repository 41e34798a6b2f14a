"""Data for the overview pages: the stance table's rows and the timeline filter's options."""

from __future__ import annotations

from typing import Any

from . import models as m
from .site import Site


def _name(site: Site, entity_id: str) -> str:
    """An actor's name or a dispute's title."""
    model = site.get(entity_id)
    return str(getattr(model, "name", None) or getattr(model, "title", entity_id))


def timeline_filters(site: Site, events: list[m.Event]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Options of the timeline filter: (group label, [(value, label)]) for actors and disputes with events."""
    actor_ids = sorted({a for e in events for a in e.actors}, key=lambda a: _name(site, a).lower())
    dispute_ids = sorted({d.id for e in events for d in site.disputes_of_event(e)}, key=lambda d: _name(site, d).lower())
    return [
        ("Actors", [(f"actor-{a}", _name(site, a)) for a in actor_ids]),
        ("Disputes", [(f"dispute-{d}", _name(site, d)) for d in dispute_ids]),
    ]


def stance_rows(site: Site) -> tuple[list[str], list[tuple[Any, dict[str, m.Position]]]]:
    """The stance table: actor columns (most positions first) and one row per dispute or question."""
    rows: list[tuple[Any, dict[str, m.Position]]] = []
    for item in [*sorted(site.models("disputes"), key=lambda d: d.title.lower()), *site.models("questions")]:
        positions: dict[str, m.Position] = {}
        for position in getattr(item, "positions", None) or item.views:
            positions.setdefault(position.actor, position)
        rows.append((item, positions))
    counts: dict[str, int] = {}
    for _, positions in rows:
        for actor_id in positions:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    columns = sorted(counts, key=lambda a: (-counts[a], _name(site, a).lower()))
    return columns, rows


def stance_tables(site: Site) -> list[tuple[list[str], list[tuple[Any, dict[str, m.Position]]]]]:
    """The stance table split into unconnected groups (no actor in common), so its size grows with
    the positions given, not with disputes × actors; one connected story stays one table."""
    columns, rows = stance_rows(site)
    group: dict[str, str] = {}  # union-find over actors: actors sharing a row share a table

    def root(actor_id: str) -> str:
        while group.setdefault(actor_id, actor_id) != actor_id:
            actor_id = group[actor_id]
        return actor_id

    for _, positions in rows:
        ids = [root(a) for a in positions]
        for other in ids[1:]:
            group[other] = ids[0]
    tables: dict[str, tuple[list[str], list[tuple[Any, dict[str, m.Position]]]]] = {}
    for item, positions in rows:
        key = root(next(iter(positions))) if positions else ""
        tables.setdefault(key, ([], []))[1].append((item, positions))
    for actor_id in columns:
        tables[root(actor_id)][0].append(actor_id)
    return list(tables.values())
