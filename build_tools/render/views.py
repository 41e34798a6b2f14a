"""What the overview pages show, worked out in Python so templates only lay it out.

Fights with each side's positions, what each side holds over the other, the stance table's rows,
an actor's infobox, and the timeline's axis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from build_tools.model import models as m
from build_tools.model.vocab import ACTOR_KINDS, FOLDER_NOUNS
from build_tools.render.camps import by_side, side_label, side_of, sides, tie_hedge
from build_tools.render.page import has_own_page as has_own_page
from build_tools.validate.site import SEVERAL, Site
from build_tools.validate.site import agree as agree  # for templates: `views.agree(noun, "reports", "report")`


@dataclass
class SideColumn:
    """One side's column in a fight: its label and the positions of the actors on it.

    Each actor's current position comes first, then the earlier ones it replaced (shown as earlier reporting).
    """

    party: str | None
    label: str
    positions: list[m.Position] = field(default_factory=list)

    @property
    def current(self) -> list[m.Position]:
        """The positions as they stand (for cards and the stance table): none that later reporting replaced."""
        return [p for p in self.positions if p.superseded is None]


def side_columns(site: Site, fight: m.Fight, others: bool | None = None) -> list[SideColumn]:
    """A fight's positions by side, one column per side in the overview's order (empty ones too).

    Positions of actors on no side go in an "Others" column, shown when `others` is true, or
    (None) when there are any.
    """
    columns = [SideColumn(party, side_label(site, party)) for party in sides(site)]
    rest = SideColumn(None, "Others" if columns else "Positions")
    for position in _current_first(fight.positions):
        party = side_of(site, position.actor)
        next((c for c in columns if c.party == party), rest).positions.append(position)
    show_rest = bool(rest.positions) if others is None else others
    return [*columns, *([rest] if show_rest or not columns else [])]


def _current_first(positions: list[m.Position]) -> list[m.Position]:
    """Positions actor by actor (in their first order): the current one, then the earlier ones, newest first."""
    actors = list(dict.fromkeys(p.actor for p in positions))
    ordered = []
    for actor in actors:
        own = [p for p in positions if p.actor == actor]
        ordered += [p for p in own if p.superseded is None] + earlier(own)
    return ordered


def standing(statements: list[Any]) -> list[Any]:
    """The statements of a list that no later reporting replaced (a lead shows these; the others follow it)."""
    return [item for item in statements if item.superseded is None]


def earlier(history: list[Any]) -> list[Any]:
    """The entries of a history (role, headline, positions) that later reporting replaced, newest first."""
    return [item for item in reversed(history) if item.superseded is not None]


def reasons(site: Site) -> list[m.Fight]:
    """The home page's reasons: the main disputes and questions, in rank order (a question is marked as one)."""
    return [f for f in site.fights() if f.tier == "main"]


def fight_kind(site: Site, fight: m.Fight) -> str:
    """The content folder of a fight: disputes or questions."""
    return site.kind_of(fight.id)


@dataclass
class Lever:
    """Something one side holds over the other, from a fight's leverage notes."""

    note: m.SideNote
    fight: m.Fight


@dataclass
class LeverColumn:
    """What one side holds over the other side."""

    party: str
    over: str | None
    levers: list[Lever]


def leverage_board(site: Site) -> list[LeverColumn]:
    """Each side's levers over the other, from every fight's leverage notes, main fights first.

    Only levers as they stand: one that later reporting replaced stays on its fight's page, dated."""
    parties = sides(site)
    columns = [LeverColumn(p, next((o for o in parties if o != p), None), []) for p in parties]
    seen: set[str] = set()
    for fight in site.fights():
        for note in fight.leverage:
            column = next((c for c in columns if c.party == side_of(site, note.actor)), None)
            if column is not None and note.superseded is None and note.text not in seen:
                seen.add(note.text)
                column.levers.append(Lever(note, fight))
    return [c for c in columns if c.levers]


@dataclass
class TieRow:
    """One row of an actor's infobox: a kind of tie seen from the actor ("Led by"), and who is at its other end."""

    label: str
    others: list[tuple[str, str]] = field(default_factory=list)  # (actor id, "sources said" or "")


def infobox(site: Site, actor: m.Actor) -> dict[str, Any]:
    """An actor's infobox facts: kind, side, other names, ties by kind (as Wikipedia's rows) and its fights."""
    party = side_of(site, actor.id)
    kinds = site.relation_kinds()
    rows: dict[str, TieRow] = {}
    for subject, relation in site.relations_of(actor.id):
        label = kinds[relation.kind].row(from_subject=subject == actor.id)
        other = relation.to if subject == actor.id else subject
        hedge = tie_hedge(site, subject, relation.kind, relation.to)
        rows.setdefault(label, TieRow(label)).others.append((other, hedge))
    return {
        "kind": ACTOR_KINDS[actor.kind].label,
        "side": side_label(site, party) if party and party != actor.id else None,
        "aliases": [alias.name for alias in actor.aliases],
        "ties": list(rows.values()),
        "fights": site.fights_of(actor.id),
        "leverage": leverage_in(site, actor.id),
    }


def leverage_in(site: Site, actor_id: str) -> list[m.Fight]:
    """The fights in which an actor holds something over the other side, as they stand (a side: any of its camp)."""
    side = actor_id in sides(site)
    return [
        fight
        for fight in site.fights()
        if any(
            note.superseded is None and (note.actor == actor_id or (side and side_of(site, note.actor) == actor_id))
            for note in fight.leverage
        )
    ]


def positions_of(site: Site, actor_id: str) -> list[tuple[m.Fight, m.Position]]:
    """An actor's own positions, fight by fight, in the fights' order."""
    return [
        (fight, p) for fight in site.fights() for p in fight.positions if p.actor == actor_id and p.superseded is None
    ]


# Words that already say who claims something; a short line resting only on unnamed sources needs one.
ATTRIBUTION = re.compile(r"\b(sources? (?:say|said)|according to|people familiar|reportedly)\b", re.I)


def short_of(position: m.Position) -> str:
    """A position in a few words, with "sources said" added when only unnamed sources support it."""
    anonymous = all(citation.basis == "anonymous" for citation in position.cite)
    if anonymous and not ATTRIBUTION.search(position.short):
        return f"{position.short}, sources said"
    return position.short


def kind_label(site: Site, entity_id: str) -> str:
    """What kind of page an id leads to, in a word or two: "dispute", "question", "person"…"""
    kind = site.kind_of(entity_id)
    if kind == "actors":
        return ACTOR_KINDS[site.get(entity_id).kind].label.lower()
    return "key number" if kind == "figures" else FOLDER_NOUNS[kind]


def actor_sections(site: Site) -> list[tuple[str, list[m.Actor]]]:
    """Actors grouped into People, Organisations, Products and projects."""
    groups: dict[str, list[m.Actor]] = {}
    for actor in sorted(site.models("actors"), key=lambda a: a.name.lower()):
        groups.setdefault(ACTOR_KINDS[actor.kind].section, []).append(actor)
    order = list(dict.fromkeys(kind.section for kind in ACTOR_KINDS.values()))
    return [(name, groups[name]) for name in order if name in groups]


def things_named(site: Site) -> tuple[str, list[m.Actor]] | None:
    """The products and projects in the story, for the glossary's pointer to where they are described."""
    section = ACTOR_KINDS["product"].section  # projects share it
    return next(((name, actors) for name, actors in actor_sections(site) if name == section), None)


def camp_lists(site: Site) -> list[tuple[str, list[m.Actor]]]:
    """Actors by side for the actors page: each side, then everyone else."""
    actors = sorted(site.models("actors"), key=lambda a: a.name.lower())
    grouped = by_side(site, [a.id for a in actors])
    return [
        (side_label(site, party) if party else "Others in the story", [site.get(i) for i in ids])
        for party, ids in grouped
    ]


@dataclass
class StanceRow:
    """One fight in the stance table: its cells, one per side."""

    fight: m.Fight
    columns: list[SideColumn]


def stance_rows(site: Site) -> tuple[list[str], list[StanceRow]]:
    """The stance table: side labels as column heads, one row per fight (main fights first)."""
    fights = site.fights()
    others = any(side_of(site, p.actor) is None for f in fights for p in f.positions)
    rows = [StanceRow(fight, side_columns(site, fight, others)) for fight in fights]
    heads = [column.label for column in rows[0].columns] if rows else []
    return heads, rows


def fights_noun(site: Site, capital: bool = False) -> str:
    """The sources the disputes and questions cite, as a sentence names them ("the article", "the sources")."""
    return site.noun(site.sources_cited_by(f.id for f in site.fights()), capital)


def no_position(site: Site, fight: m.Fight, side: str = "this side") -> str:
    """Said where a side has no position, naming the source(s) the fight rests on: "… from Lantern Bay's side"."""
    noun = site.noun(site.sources_cited_by([fight.id]))
    if noun == SEVERAL:
        return f"No source reports a position from {side}."
    return f"{noun[:1].upper()}{noun[1:]} reports no position from {side}."


def notes_heading(meta: m.SourceMeta) -> str:
    """The heading of a source's notes: on the translation only when the text we hold is one."""
    translated = meta.translated_from is not None or any(step.kind == "translation" for step in meta.chain)
    return "Notes on the translation" if translated else "Notes on the source"


def term_uses(site: Site, term: m.Term) -> list[str]:
    """Where the story uses a term: the fights that list it, then its `see_also:` entries, each once."""
    fights = [fight.id for fight in site.fights() if term.id in fight.terms]
    return list(dict.fromkeys([*fights, *term.see_also]))


def other_names(site: Site) -> list[tuple[m.Actor, m.Alias]]:
    """Every other name the sources use for an actor, with the actor, alphabetical by the name."""
    pairs = [(actor, alias) for actor in site.models("actors") for alias in actor.aliases]
    return sorted(pairs, key=lambda pair: pair[1].name.lower())


def actors_with_pages(site: Site) -> list[str]:
    """The ids of the actors that have a page of their own, in id order."""
    return [actor.id for actor in site.models("actors") if has_own_page(site, actor.id)]
