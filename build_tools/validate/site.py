"""The validated content as one object, with the lookups the pages need (backlinks, citations, dates)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from build_tools.load.yamlload import Doc
from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.model.sources import Located, Sentence, SourceText, normalise
from build_tools.model.vocab import BASIS, RELATIONS, TIERS, BasisWords, RelationKind

T = TypeVar("T")
SEVERAL = "the sources"  # how a sentence names the sources it speaks for when there are several


def agree(noun: str, one: str, many: str) -> str:
    """The verb that agrees with how the site named its sources: "the article reports", "the sources report"."""
    return many if noun == SEVERAL else one


def possessive(noun: str) -> str:
    """How the site names its sources, owning something: "the article’s", "the sources’"."""
    return noun + ("\u2019" if noun.endswith("s") else "\u2019s")


@dataclass
class Entity:
    """One validated fact file: its kind (folder), model and parsed document."""

    kind: str
    model: Any
    doc: Doc

    @property
    def id(self) -> str:
        """The entity's id (also its file name)."""
        return self.model.id


DateKey = tuple[str, tuple[str | int, ...]]  # (entity id, where in it): ("lantern-bay", ("published",))


class _Tables:
    """Direct lookups on the four tables, shared by the draft under validation and the frozen Site."""

    entities: Mapping[str, Entity]
    sources: Mapping[str, SourceText]
    dates: Mapping[DateKey, Date | Span]
    located: Mapping[tuple[str, str], Located]

    def get(self, entity_id: str) -> Any:
        """The model with this id."""
        return self.entities[entity_id].model

    def kind_of(self, entity_id: str) -> str:
        """The folder of the entity with this id."""
        return self.entities[entity_id].kind

    def locate(self, citation: m.Citation) -> Located:
        """Where a (validated) citation's quote sits in its source."""
        return self.located[(citation.source, normalise(citation.quote))]

    def date(self, entity_id: str, which: str = "when") -> Date | Span | None:
        """A resolved date of an event (`when`/`until`) or a source (`published`)."""
        return self.dates.get((entity_id, (which,)))

    def by_date(self, source_ids: Iterable[str]) -> list[str]:
        """Source ids, each once, oldest publication first (the id breaks a tie); unknown ids left out."""
        known = {sid for sid in source_ids if sid in self.sources}
        undated = (9999, 99, 99)

        def key(sid: str) -> tuple[tuple[int, int, int], str]:
            published = self.dates.get((sid, ("published",)))
            return (published.sort_key() if published is not None else undated, sid)

        return sorted(known, key=key)

    def newest_published(self, source_ids: Iterable[str]) -> Date | Span | None:
        """The publication date of the newest of some sources (None when none is known)."""
        dates = [self.dates.get((sid, ("published",))) for sid in source_ids]
        return max((d for d in dates if d is not None), key=lambda d: d.sort_key(), default=None)


@dataclass
class SiteDraft(_Tables):
    """The tables as validation fills them; `freeze()` makes the Site once they are complete."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, SourceText] = field(default_factory=dict)
    dates: dict[DateKey, Date | Span] = field(default_factory=dict)
    located: dict[tuple[str, str], Located] = field(default_factory=dict)

    def add(self, entity: Entity) -> None:
        """Register a validated entity under its id."""
        self.entities[entity.id] = entity

    def freeze(self) -> Site:
        """The finished tables as a read-only Site."""
        return Site(
            MappingProxyType(dict(self.entities)),
            MappingProxyType(dict(self.sources)),
            MappingProxyType(dict(self.dates)),
            MappingProxyType(dict(self.located)),
        )


@dataclass(frozen=True)
class Site(_Tables):
    """Everything the renderer needs, checked and read-only: built once, after the tables are complete."""

    entities: Mapping[str, Entity]
    sources: Mapping[str, SourceText]
    dates: Mapping[DateKey, Date | Span]
    located: Mapping[tuple[str, str], Located]
    # Lookups computed once: pages call them per page, and scanning all entities each time made
    # rendering quadratic in the number of facts. The tables cannot change, so nothing invalidates them.
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: Any, build: Callable[[], T]) -> T:
        """`build()` computed once per key; callers must not mutate the result."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def of_kind(self, kind: str) -> list[Entity]:
        """Entities from one content folder, in id order."""
        return list(
            self.memo(
                ("of_kind", kind),
                lambda: sorted((e for e in self.entities.values() if e.kind == kind), key=lambda e: e.id),
            )
        )

    def models(self, kind: str) -> list[Any]:
        """Models from one content folder, in id order."""
        return list(self.memo(("models", kind), lambda: [e.model for e in self.of_kind(kind)]))

    def as_of(self) -> Date:
        """The date the story stands at: the newest source's publication date."""
        return self.newest_published(self.sources)  # type: ignore[return-value]

    def primary_source(self) -> SourceText | None:
        """The source the site's own wording names when it needs one: the overview's `primary_source:`, or
        the only source. None when there are several and the overview names none (never the first by id)."""
        named = next((o.primary_source for o in self.models("overview") if o.primary_source), None)
        if named is not None:
            return self.sources.get(named)
        return next(iter(self.sources.values())) if len(self.sources) == 1 else None

    def sources_by_date(self) -> list[str]:
        """Every source id, oldest publication first (one query while pages render, with no table as argument)."""
        return self.by_date(self.sources)

    def noun(self, source_ids: Iterable[str] = (), capital: bool = False) -> str:
        """How a sentence names the sources it speaks for: the one source's `short:` ("the article",
        "the filing"), or "the sources" when there are several. With no ids, the site's primary source."""
        ids = self.by_date(source_ids)
        if not ids:  # asked for no sources in particular: the one the content names, else all of them
            primary = self.primary_source()
            ids = [primary.meta.id] if primary else list(self.sources)
        noun = self.sources[ids[0]].meta.short if len(ids) == 1 else SEVERAL
        return noun[:1].upper() + noun[1:] if capital else noun

    def basis_words(self, basis: str, source_ids: Iterable[str] = ()) -> BasisWords:
        """A citation basis's words, naming the source(s) the citation quotes (`noun` decides how)."""
        return BASIS[basis].naming(self.noun(source_ids))

    def relation_kinds(self) -> dict[str, RelationKind]:
        """Every relation kind of the site: the built-in ones, then those the overview declares."""
        return self.memo("relation_kinds", self._relation_kinds)

    def _relation_kinds(self) -> dict[str, RelationKind]:
        declared = {
            entry.kind: RelationKind(
                entry.family, entry.verb, entry.joins_side, entry.symmetric, entry.label or "", entry.inverse or ""
            )
            for overview in self.models("overview")
            for entry in overview.relations
        }
        # A built-in kind keeps its meaning (rules.py reports a redefinition); declared kinds come after.
        return {**RELATIONS, **{kind: words for kind, words in declared.items() if kind not in RELATIONS}}

    def events_sorted(self) -> list[m.Event]:
        """Events in chronological order; those the source gives no date come last, in id order."""
        return list(self.memo("events_sorted", self._events_in_order))

    def _events_in_order(self) -> list[m.Event]:
        events = self.models("events")
        dated = sorted(
            (e for e in events if (e.id, ("when",)) in self.dates),
            key=lambda e: (self.dates[(e.id, ("when",))].sort_key(), e.id),
        )
        return dated + [e for e in events if (e.id, ("when",)) not in self.dates]

    def sources_cited_by(self, entity_ids: Iterable[str]) -> list[str]:
        """The sources some fact files cite, oldest first."""
        index = self.memo("sources_by_entity", self._sources_by_entity)
        return self.by_date(sid for entity_id in entity_ids for sid in index.get(entity_id, ()))

    def _sources_by_entity(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for entity, citation in self.citations():
            found.setdefault(entity.id, set()).add(citation.source)
        return found

    def citations(self) -> Iterator[tuple[Entity, m.Citation]]:
        """Every citation in the content, with the entity that holds it."""
        return iter(self.memo("citations", self._all_citations))

    def _all_citations(self) -> list[tuple[Entity, m.Citation]]:
        return [
            (entity, node)
            for entity in self.entities.values()
            for _, node in m.walk(entity.model)
            if isinstance(node, m.Citation)
        ]

    def citing(self) -> dict[tuple[str, str], list[Entity]]:
        """For each (source id, sentence id): the entities whose citations touch that sentence."""
        return self.memo("citing", self._citing)

    def _citing(self) -> dict[tuple[str, str], list[Entity]]:
        index: dict[tuple[str, str], list[Entity]] = {}
        for entity, citation in self.citations():
            for sentence in self.locate(citation).sentences:
                holders = index.setdefault((citation.source, sentence.id), [])
                if entity not in holders:
                    holders.append(entity)
        return index

    def uncited(self) -> list[tuple[str, Sentence]]:
        """Substantive sentences (not headings) that no citation touches."""
        cited = self.citing()
        return [
            (source_id, sentence)
            for source_id, source in sorted(self.sources.items())
            for sentence in source.sentences
            if not sentence.heading and (source_id, sentence.id) not in cited
        ]

    def coverage(self) -> tuple[int, int]:
        """(cited substantive sentences, all substantive sentences)."""
        total = sum(1 for s in self.sources.values() for sentence in s.sentences if not sentence.heading)
        return total - len(self.uncited()), total

    def fights_of(self, actor_id: str) -> list[m.Fight]:
        """Disputes and questions in which an actor is a party or takes a position, in the fights' order."""
        return list(self.memo("fights_of", self._fights_by_actor).get(actor_id, []))

    def _fights_by_actor(self) -> dict[str, list[m.Fight]]:
        index: dict[str, list[m.Fight]] = {}
        for fight in self.fights():
            for actor_id in dict.fromkeys([*getattr(fight, "parties", []), *(p.actor for p in fight.positions)]):
                index.setdefault(actor_id, []).append(fight)
        return index

    def events_of(self, entity_id: str) -> list[m.Event]:
        """Events that involve an actor or belong to a dispute, in order."""
        return list(self.memo("events_of", self._events_by_entity).get(entity_id, []))

    def _events_by_entity(self) -> dict[str, list[m.Event]]:
        index: dict[str, list[m.Event]] = {}
        for event in self.events_sorted():
            for entity_id in dict.fromkeys([*event.actors, *event.disputes]):
                index.setdefault(entity_id, []).append(event)
        return index

    def events_related(self, dispute: m.Dispute) -> list[m.Event]:
        """Events that belong to a dispute, whether the event or the dispute says so, in order."""
        order = self.memo("event_order", lambda: {e.id: i for i, e in enumerate(self.events_sorted())})
        ids = {e.id for e in self.memo("events_of", self._events_by_entity).get(dispute.id, [])} | set(dispute.events)
        return sorted((self.get(i) for i in ids if i in order), key=lambda e: order[e.id])

    def disputes_of_event(self, event: m.Event) -> list[m.Fight]:
        """Disputes and questions an event belongs to, whether the event or the fight says so."""
        return [d for d in self.fights() if d.id in event.disputes or event.id in d.events]

    def fights(self) -> list[m.Fight]:
        """Disputes and questions, main fights first, each tier by rank then title."""
        tiers = list(TIERS)
        return list(
            self.memo(
                "fights",
                lambda: sorted(
                    [*self.models("disputes"), *self.models("questions")],
                    key=lambda f: (tiers.index(f.tier), f.rank, f.title.lower()),
                ),
            )
        )

    def quotes_by(self, actor_id: str) -> list[tuple[Entity, m.Citation]]:
        """The speaker's own quoted words (on-record citations with `words:`), each once."""
        return list(self.memo("quotes_by", self._quotes_by_speaker).get(actor_id, []))

    def _quotes_by_speaker(self) -> dict[str, list[tuple[Entity, m.Citation]]]:
        index: dict[str, list[tuple[Entity, m.Citation]]] = {}
        seen: set[tuple[str, str]] = set()
        for entity, citation in self.citations():
            key = (citation.speaker or "", normalise(citation.words or ""))
            if citation.speaker and citation.words and key not in seen:
                seen.add(key)
                index.setdefault(citation.speaker, []).append((entity, citation))
        return index

    def relations_of(self, actor_id: str) -> list[tuple[str, m.Relation]]:
        """Relations from and to an actor, as (subject actor id, relation to `relation.to`)."""
        ties = [(actor_id, r) for r in self.get(actor_id).relations]
        return ties + self.memo("relations_to", self._relations_to).get(actor_id, [])

    def _relations_to(self) -> dict[str, list[tuple[str, m.Relation]]]:
        index: dict[str, list[tuple[str, m.Relation]]] = {}
        for other in self.models("actors"):
            for relation in other.relations:
                if relation.to != other.id:
                    index.setdefault(relation.to, []).append((other.id, relation))
        return index
