"""When the news moves on: dated status histories and superseded statements.

A dispute's or question's `status:` is a list of dated entries; the newest is where things stand,
the others are how it developed. Each entry is dated by its `when:`, or else by the publication date
of the newest source it cites (so the older single-mapping form reads as one entry at its source's date).

A statement marked `superseded: {by, reason, rank}` is earlier reporting: it stays on its page, dated,
and `by` names what replaces it, either a fact id (its main statement) or `<fight id>#<status entry id>`.
The replacement must cite a source published after every source the superseded statement cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.problems import Collector, did_you_mean
from build_tools.validate.site import Entity, Site, SiteDraft

FIGHTS = ("disputes", "questions")
# A fact id alone stands for its main statement.
MAIN_STATEMENT = {"events": "summary", "figures": "statement", "terms": "definition", "actors": "role"}
BY_HINT = (
    "write `by: <fact id>` (an event, figure, term, actor, or a dispute's latest "
    "status) or `by: <dispute or question id>#<status entry id>`"
)


# -- dates -------------------------------------------------------------------------------------------


def newest_source_date(site: Site, cites: list[m.Citation]) -> Date | Span | None:
    """The publication date of the newest source among citations (None when none is known)."""
    return site.newest_published(c.source for c in cites)


def entry_date(site: Site, fight_id: str, index: int, entry: m.StatusEntry) -> Date | Span | None:
    """A status entry's date: its `when:` once resolved, else its newest source's publication date."""
    return site.dates.get((fight_id, ("status", index))) or newest_source_date(site, entry.cite)


# -- validation --------------------------------------------------------------------------------------


def alias_single_status(kind: str, doc: Any) -> None:
    """Let errors in a single `status:` mapping point at it when they are reported as entry 0."""
    if kind not in FIGHTS or not isinstance(doc.data, dict) or not isinstance(doc.data.get("status"), dict):
        return
    for marks in (doc.marks, doc.key_marks):
        for loc, where in list(marks.items()):
            if loc[:1] == ("status",) and len(loc) > 1:
                marks.setdefault(("status", 0, *loc[1:]), where)
    if ("status",) in doc.marks:
        doc.marks.setdefault(("status", 0), doc.marks[("status",)])


def resolve_status_dates(site: SiteDraft, entities: list[Entity], problems: Collector, parse_when: Any) -> None:
    """Resolve status entries' dates into the draft's tables, and check their ids are unique per file.

    `parse_when` is validate's, passed in so that neither module imports the other.
    """
    for entity in entities:
        if entity.kind not in FIGHTS:
            continue
        seen: set[str] = set()
        for index, entry in enumerate(entity.model.status):
            if entry.when is not None:
                resolved = parse_when(entity, ("status", index, "when"), entry.when, site, problems)
                if resolved is not None:
                    site.dates[(entity.id, ("status", index))] = resolved
            if entry.id is not None and entry.id in seen:
                problems.add(
                    entity.doc.path,
                    *entity.doc.where(("status", index, "id")),
                    f"status entry id '{entry.id}' is used twice in this file",
                    "give each status entry its own id",
                )
            elif entry.id is not None:
                seen.add(entry.id)


def check_supersessions(site: Site, entities: list[Entity], problems: Collector, broken: dict[str, str]) -> None:
    """Every `superseded:` names a statement that exists, is newer, and is not itself superseded away."""
    for entity in entities:
        for loc, node in m.walk(entity.model):
            superseded = getattr(node, "superseded", None)
            if superseded is not None:
                _check_supersession(site, entity, loc, node, superseded, problems, broken)


def resolve(site: Site, ref: str) -> tuple[Any, str] | None:
    """What `by:` names: (the superseding statement, the site path of where it is shown), or None."""
    target_id, _, entry_id = ref.partition("#")
    entity = site.entities.get(target_id)
    if entity is None:
        return None
    if entity.kind in FIGHTS:
        history = status_history(site, entity.model)
        if not entry_id:
            return (history[0].entry, "#status") if history else None
        found = next((item for item in history if item.entry.id == entry_id), None)
        return (found.entry, f"#{found.anchor}") if found else None
    if entry_id or entity.kind not in MAIN_STATEMENT:
        return None
    return getattr(entity.model, MAIN_STATEMENT[entity.kind]), ""


def _check_supersession(
    site: Site,
    entity: Entity,
    loc: tuple[Any, ...],
    node: Any,
    superseded: m.Supersession,
    problems: Collector,
    broken: dict[str, str],
) -> None:
    where = entity.doc.where((*loc, "superseded", "by"))
    target_id, _, entry_id = superseded.by.partition("#")
    if target_id in broken:
        return  # the file it names has its own problem
    target = site.entities.get(target_id)
    if target is None:
        candidates = [e.id for e in site.entities.values() if e.kind in (*FIGHTS, *MAIN_STATEMENT)]
        problems.add(
            entity.doc.path,
            *where,
            f"superseded by unknown fact '{target_id}'",
            did_you_mean(target_id, candidates) or BY_HINT,
        )
        return
    found = resolve(site, superseded.by)
    if found is None:
        if target.kind in FIGHTS and entry_id:
            ids = [e.id for e in target.model.status if e.id]
            hint = did_you_mean(entry_id, ids) or (
                f"status entries with an id: {', '.join(ids)}"
                if ids
                else f"give the entry `id: {entry_id}` in {problems.rel(target.doc.path)}"
            )
            problems.add(entity.doc.path, *where, f"no status entry '{entry_id}' in '{target_id}'", hint)
        else:
            problems.add(
                entity.doc.path, *where, f"'{superseded.by}' names no statement that can supersede this one", BY_HINT
            )
        return
    newer, _ = found
    if newer is node:
        problems.add(entity.doc.path, *where, "a statement cannot supersede itself", BY_HINT)
        return
    old_date, new_date = newest_source_date(site, node.cite), newest_source_date(site, newer.cite)
    if old_date is None or new_date is None:
        return  # an unknown or unreadable source is reported where it is cited
    if new_date.sort_key() <= old_date.sort_key():
        problems.add(
            entity.doc.path,
            *where,
            f"superseded by '{superseded.by}', which is not later reporting: its newest source is "
            f"from {new_date.label()}, this statement's from {old_date.label()}",
            f"supersede only with later reporting: the newer statement must cite a source "
            f"published after {old_date.label()}; or remove `superseded:`",
        )


# -- display -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedStatus:
    """One status entry with its date, for the fight page."""

    entry: m.StatusEntry
    date: Date | Span | None
    index: int

    @property
    def label(self) -> str:
        """The date for readers, e.g. "28 October 2025"."""
        return self.date.label() if self.date is not None else "an unknown date"

    @property
    def heading(self) -> str:
        """ "in March 2024", "on 28 October 2025": the date as the status heading says it."""
        return ("on " if self.date is not None and self.date.precision == "day" else "in ") + self.label

    @property
    def iso(self) -> str:
        """The date for <time datetime>, or "" when HTML has no form for it."""
        return self.date.html_datetime() if self.date is not None else ""

    @property
    def anchor(self) -> str:
        """The entry's anchor on its fight page."""
        return f"status-{self.entry.id}" if self.entry.id else f"status-{self.index + 1}"


def status_history(site: Site, fight: m.Fight) -> list[DatedStatus]:
    """A fight's status entries, newest first (the first is where things stand); ties keep the later entry first."""

    def build() -> list[DatedStatus]:
        items = [DatedStatus(entry, entry_date(site, fight.id, i, entry), i) for i, entry in enumerate(fight.status)]
        return sorted(
            items, key=lambda s: (s.date.sort_key() if s.date is not None else (0, 0, 0), s.index), reverse=True
        )

    return list(site.memo(("status_history", fight.id), build))
