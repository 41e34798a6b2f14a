"""Every cited statement of the content, addressable: where it sits, its anchor, its date, what replaces it.

A statement is any model with `text:` and `cite:` (models.Statement and its kinds: positions, headlines,
side notes, status entries). `superseded: {by: …}` names its replacement: `<fact id>#<statement id>`, or
a fact's id alone for its main statement. The lookups are built once per site (Site.memo) and keyed by
the statement object itself, so a template that holds a statement can ask where it sits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.validate.site import Entity, Site

FIGHTS = ("disputes", "questions")
# A fact id alone stands for its main statement (a fight's stands for its newest status entry).
MAIN_STATEMENT = {"events": "summary", "figures": "statement", "terms": "definition", "actors": "current_role"}
# Histories: lists whose entries replace one another; a superseded entry must be replaced by one of the same list.
HISTORIES = ("role", "headline", "positions")


@dataclass(frozen=True)
class Place:
    """Where one statement sits: its fact file and its path in it (as in the YAML)."""

    entity: Entity
    loc: tuple[Any, ...]
    node: m.Statement

    @property
    def field(self) -> str:
        """The top-level field it sits under: "positions", "role", "status"…"""
        return str(self.loc[0])

    @property
    def anchor(self) -> str:
        """Its anchor on its fact's page: `<field>-<id>`, or the field and 1-based positions ("status-2")."""
        if self.node.id is not None:
            return f"{self.field}-{self.node.id}"
        return "-".join(str(part + 1) if isinstance(part, int) else str(part) for part in self.loc)

    @property
    def status(self) -> bool:
        """Whether it is a status entry (dated by the status history, which shows every entry)."""
        return self.field == "status" and self.entity.kind in FIGHTS


def places(site: Site) -> list[Place]:
    """Every statement of the content, file by file in id order."""
    return list(site.memo("statement_places", lambda: _places(site)))


def _places(site: Site) -> list[Place]:
    found = []
    for entity in sorted(site.entities.values(), key=lambda e: e.id):
        for loc, node in m.walk(entity.model):
            if isinstance(node, m.Statement) and loc:
                found.append(Place(entity, loc, node))
    return found


def place_of(site: Site, node: Any) -> Place | None:
    """Where a statement sits (None for anything else): this object, or else an equal one.

    Found by the object first (the same content can sit in two places); by its value when the object
    comes from another build of the same content, as when a page cache asks again (render/tracking.py).
    """
    index = site.memo("statement_by_object", lambda: {id(p.node): p for p in places(site)})
    found = index.get(id(node))
    if found is None and isinstance(node, m.Statement):
        by_value = site.memo("statement_by_value", lambda: {_value(p.node): p for p in reversed(places(site))})
        found = by_value.get(_value(node))
    return found


def _value(node: m.Statement) -> tuple[str, str]:
    return type(node).__name__, node.model_dump_json()


def resolve(site: Site, ref: str) -> Place | None:
    """What a `by:` names: the statement with that id in that fact, or the fact's main statement; None if nothing."""
    target_id, _, statement_id = ref.partition("#")
    entity = site.entities.get(target_id)
    if entity is None:
        return None
    if statement_id:
        by_id = site.memo("statement_by_id", lambda: {(p.entity.id, p.node.id): p for p in places(site) if p.node.id})
        return by_id.get((target_id, statement_id))
    if entity.kind in FIGHTS:
        entries = list(enumerate(entity.model.status))
        if not entries:
            return None
        _, entry = max(entries, key=lambda item: (_sort_key(date_of(site, item[1])), item[0]))
        return place_of(site, entry)
    if entity.kind not in MAIN_STATEMENT:
        return None
    return place_of(site, getattr(entity.model, MAIN_STATEMENT[entity.kind]))


def successor(site: Site, node: Any) -> Place | None:
    """The statement that replaces this one (its `superseded: by:`), or None."""
    superseded = getattr(node, "superseded", None)
    return resolve(site, superseded.by) if superseded is not None else None


def newest(site: Site, node: Any) -> Any:
    """The statement as things stand: this one, or the last of the statements that replaced it."""
    seen = {id(node)}
    while (later := successor(site, node)) is not None and id(later.node) not in seen:
        node = later.node
        seen.add(id(node))
    return node


def predecessors(site: Site, node: Any) -> list[Place]:
    """The statements this one replaced directly, newest first."""
    place = place_of(site, node)
    index = site.memo("statement_predecessors", lambda: _predecessors(site))
    found = index.get((place.entity.id, place.loc), []) if place is not None else []
    return sorted(found, key=lambda p: _sort_key(date_of(site, p.node)), reverse=True)


def _predecessors(site: Site) -> dict[tuple[str, tuple[Any, ...]], list[Place]]:
    index: dict[tuple[str, tuple[Any, ...]], list[Place]] = {}
    for place in places(site):
        later = successor(site, place.node)
        if later is not None:
            index.setdefault((later.entity.id, later.loc), []).append(place)
    return index


def _sort_key(date: Date | Span | None) -> tuple[int, int, int]:
    return date.sort_key() if date is not None else (0, 0, 0)


def date_of(site: Site, node: Any) -> Date | Span | None:
    """A statement's date: its `when:` once resolved, else the publication date of its newest cited source."""
    place = place_of(site, node)
    if place is not None and (place.entity.id, place.loc) in site.dates:
        return site.dates[(place.entity.id, place.loc)]
    return site.newest_published(c.source for c in node.cite)


def stated_date(site: Site, node: Any) -> Date | Span | None:
    """The date a statement carries itself (its resolved `when:`), outside a status history; else None."""
    place = place_of(site, node)
    if place is None or place.status or node.when is None:
        return None
    return site.dates.get((place.entity.id, place.loc))


def involved(site: Site, node: Any) -> bool:
    """Whether a statement replaced another or was replaced: such statements carry an anchor where shown."""
    return getattr(node, "superseded", None) is not None or bool(predecessors(site, node))
