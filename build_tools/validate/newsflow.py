"""When the news moves on: dated statements, status histories, superseded statements and what they overtake.

A dispute's or question's `status:` is a list of dated entries; the newest is where things stand,
the others are how it developed. Any statement may carry its own date (`when:`); otherwise it is dated
by the publication date of the newest source it cites (so the older single-mapping status reads as one
entry at its source's date).

A statement marked `superseded: {by, reason, rank}` is earlier reporting: it stays on its page, dated,
and `by` names what replaces it (statements.resolve). The replacement must cite a source published after
every source the superseded statement cites. An actor's role, a fight's headline and its positions are
histories: an entry is replaced by a later entry of the same history, and one entry is current.

A source sentence that a superseded statement cites is overtaken: `overtaken_warnings` lists every
statement still citing it as current (neither superseded nor dated), for the editor to judge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.model.sources import normalise
from build_tools.problems import Collector, Problem, did_you_mean
from build_tools.validate import statements
from build_tools.validate.site import Entity, Site, SiteDraft
from build_tools.validate.statements import FIGHTS, HISTORIES, MAIN_STATEMENT, Place

BY_HINT = (
    "write `by: <fact id>#<statement id>` (a statement with that `id:`, e.g. a status entry or a later "
    "position) or `by: <fact id>` (an event, figure, term, an actor's current role, or a dispute's latest status)"
)
# A field that may be one mapping or a list (a history): errors in the mapping are reported as entry 0.
SINGLE_OR_LIST = {"disputes": ("status", "headline"), "questions": ("status", "headline"), "actors": ("role",)}
# What a history entry is, for messages.
HISTORY_NOUNS = {"role": "role", "headline": "headline", "positions": "position"}


# -- dates -------------------------------------------------------------------------------------------


def newest_source_date(site: Site, cites: list[m.Citation]) -> Date | Span | None:
    """The publication date of the newest source among citations (None when none is known)."""
    return site.newest_published(c.source for c in cites)


def _entry_date(site: Site, fight_id: str, index: int, entry: m.StatusEntry) -> Date | Span | None:
    """A status entry's date: its `when:` once resolved, else its newest source's (statements.date_of, by key)."""
    return site.dates.get((fight_id, ("status", index))) or newest_source_date(site, entry.cite)


# -- validation --------------------------------------------------------------------------------------


def alias_single_status(kind: str, doc: Any) -> None:
    """Let errors in a single `status:`, `headline:` or `role:` mapping point at it when reported as entry 0."""
    if not isinstance(doc.data, dict):
        return
    for field in SINGLE_OR_LIST.get(kind, ()):
        if not isinstance(doc.data.get(field), dict):
            continue
        for marks in (doc.marks, doc.key_marks):
            for loc, where in list(marks.items()):
                if loc[:1] == (field,) and len(loc) > 1:
                    marks.setdefault((field, 0, *loc[1:]), where)
        if (field,) in doc.marks:
            doc.marks.setdefault((field, 0), doc.marks[(field,)])


def resolve_status_dates(site: SiteDraft, entities: list[Entity], problems: Collector, parse_when: Any) -> None:
    """Resolve every statement's own date (`when:`) into the draft's tables; statement ids are unique per file.

    `parse_when` is validate's, passed in so that neither module imports the other.
    """
    for entity in entities:
        seen: set[str] = set()
        for loc, node in m.walk(entity.model):
            if not isinstance(node, m.Statement) or not loc:
                continue
            if node.when is not None:
                resolved = parse_when(entity, (*loc, "when"), node.when, site, problems)
                if resolved is not None:
                    site.dates[(entity.id, loc)] = resolved
            if node.id is not None and node.id in seen:
                noun = "status entry" if loc[0] == "status" else "statement"
                problems.add(
                    entity.doc.path,
                    *entity.doc.where((*loc, "id")),
                    f"{noun} id '{node.id}' is used twice in this file",
                    f"give each {noun} its own id",
                )
            elif node.id is not None:
                seen.add(node.id)


def check_supersessions(site: Site, entities: list[Entity], problems: Collector, broken: dict[str, str]) -> None:
    """Every `superseded:` names a statement that exists, is newer and fits; each history has one current entry."""
    for entity in entities:
        for loc, node in m.walk(entity.model):
            superseded = getattr(node, "superseded", None)
            if superseded is not None:
                _check_supersession(site, entity, loc, node, superseded, problems, broken)
        _check_histories(entity, problems)


def _check_histories(entity: Entity, problems: Collector) -> None:
    """A role has one current entry, a headline at most one (the others marked superseded)."""
    for field in ("role", "headline"):
        history = getattr(entity.model, field, None)
        if not isinstance(history, list) or not history:
            continue
        current = [index for index, item in enumerate(history) if item.superseded is None]
        hint = f"mark each earlier {field} `superseded: {{by: {entity.id}#<id of the later one>}}`"
        if len(current) > 1:
            message = f"`{field}:` has {len(current)} current entries; mark the earlier ones `superseded:`"
            problems.add(entity.doc.path, *entity.doc.where((field, current[1])), message, hint)
        elif field == "role" and not current:
            message = "every entry of `role:` is superseded; the newest one must not be"
            problems.add(entity.doc.path, *entity.doc.where((field, len(history) - 1)), message, hint)


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
    target_id = superseded.by.partition("#")[0]
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
    found = statements.resolve(site, superseded.by)
    if found is None:
        _report_unresolved(site, entity, where, superseded.by, problems)
        return
    if found.node is node:
        problems.add(entity.doc.path, *where, "a statement cannot supersede itself", BY_HINT)
        return
    if not _fits_history(entity, loc, node, found, problems, where):
        return
    old_date, new_date = newest_source_date(site, node.cite), newest_source_date(site, found.node.cite)
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


def _report_unresolved(site: Site, entity: Entity, where: tuple[int, int], ref: str, problems: Collector) -> None:
    target_id, _, entry_id = ref.partition("#")
    target = site.entities[target_id]
    if not entry_id:
        problems.add(entity.doc.path, *where, f"'{ref}' names no statement that can supersede this one", BY_HINT)
        return
    ids = [p.node.id for p in statements.places(site) if p.entity is target and p.node.id]
    noun = "status entry" if target.kind in FIGHTS and not ids else "statement"
    hint = did_you_mean(entry_id, ids) or (
        f"statements with an id there: {', '.join(ids)}"
        if ids
        else f"give the {noun} `id: {entry_id}` in {problems.rel(target.doc.path)}"
    )
    problems.add(entity.doc.path, *where, f"no {noun} '{entry_id}' in '{target_id}'", hint)


def _fits_history(
    entity: Entity, loc: tuple[Any, ...], node: Any, found: Place, problems: Collector, where: tuple[int, int]
) -> bool:
    """An entry of a history (role, headline, positions) is replaced by a later entry of the same history."""
    field = loc[0] if loc else None
    if field not in HISTORIES:
        return True
    same = found.entity is entity and found.field == field
    if same and field == "positions":
        same = found.node.actor == node.actor  # type: ignore[attr-defined]
    if same:
        return True
    noun = HISTORY_NOUNS[field]
    owner = f" of '{node.actor}'" if field == "positions" else ""
    problems.add(
        entity.doc.path,
        *where,
        f"a {noun}{owner} is superseded by a later {noun}{owner} in the same file, "
        f"not by '{found.entity.id}#{found.anchor}'",
        f"add the later {noun} to `{field}:` with an `id:`, and write `by: {entity.id}#<that id>`",
    )
    return False


# -- overtaken sentences -----------------------------------------------------------------------------


def overtaken_warnings(site: Site, rel: Callable[[Any], str]) -> list[Problem]:
    """A warning for each statement still citing as current a source sentence that later reporting overtook.

    A sentence is overtaken when a superseded statement cites it. Another statement citing it is still
    current unless it is superseded too, is a status entry (dated by the history), or carries its own date.
    """
    overtaken: dict[tuple[str, str], Place] = {}
    for place in statements.places(site):
        if place.node.superseded is not None:
            for key in _sentences(site, place.node):
                overtaken.setdefault(key, place)
    found: list[Problem] = []
    for place in statements.places(site):
        node = place.node
        if node.superseded is not None or place.status or node.when is not None:
            continue
        for index, citation in enumerate(node.cite):
            hits = [key for key in _sentences(site, node, [citation]) if key in overtaken]
            if not hits:
                continue
            old = overtaken[hits[0]]
            line, col = old.entity.doc.where((*old.loc, "superseded"), key=True)
            found.append(
                Problem(
                    rel(place.entity.doc.path),
                    *place.entity.doc.where((*place.loc, "cite", index, "quote")),
                    f"cites {hits[0][1]} of '{hits[0][0]}', which later reporting overtook "
                    f"(superseded at {rel(old.entity.doc.path)}:{line}:{col}); this statement still reads as current",
                    "if later reporting overtook it too, mark it `superseded:`; if it still holds as of its "
                    "date, give it `when:`",
                    "warning",
                )
            )
            break
    return found


def _sentences(site: Site, node: Any, cites: list[m.Citation] | None = None) -> list[tuple[str, str]]:
    """The (source id, sentence id) pairs a statement's citations touch."""
    found = []
    for citation in node.cite if cites is None else cites:
        located = site.located.get((citation.source, normalise(citation.quote)))
        found += [(citation.source, sentence.id) for sentence in (located.sentences if located else ())]
    return found


def citing_statements(site: Site, source_id: str, sentence_id: str) -> list[Place]:
    """Every statement one of whose citations touches a source sentence, file by file."""
    return [p for p in statements.places(site) if (source_id, sentence_id) in _sentences(site, p.node)]


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
        # The entry's own key in the dates table, not the statement index: a page reading one fight's history
        # depends on that fight alone (render/tracking.py records what a page reads).
        items = [DatedStatus(entry, _entry_date(site, fight.id, i, entry), i) for i, entry in enumerate(fight.status)]
        return sorted(
            items, key=lambda s: (s.date.sort_key() if s.date is not None else (0, 0, 0), s.index), reverse=True
        )

    return list(site.memo(("status_history", fight.id), build))


def resolve(site: Site, ref: str) -> tuple[Any, str] | None:
    """What `by:` names: (the superseding statement, its anchor on its fact's page, "" for none), or None."""
    found = statements.resolve(site, ref)
    if found is None:
        return None
    anchored = found.entity.kind in (*FIGHTS, "actors", "overview") and found.loc != ()
    return found.node, (f"#{found.anchor}" if anchored else "")
