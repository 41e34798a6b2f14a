"""The validated content as one object, with the lookups the pages need (backlinks, citations, dates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from . import models as m
from .dates import Date
from .sources import Located, Sentence, SourceText, normalise
from .yamlload import Doc


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


@dataclass
class Site:
    """Everything the renderer needs, already checked."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, SourceText] = field(default_factory=dict)
    dates: dict[tuple[str, tuple[str, ...]], Date] = field(default_factory=dict)
    located: dict[tuple[str, str], Located] = field(default_factory=dict)

    def add(self, entity: Entity) -> None:
        """Register a validated entity under its id."""
        self.entities[entity.id] = entity

    def of_kind(self, kind: str) -> list[Entity]:
        """Entities from one content folder, in id order."""
        return sorted((e for e in self.entities.values() if e.kind == kind), key=lambda e: e.id)

    def models(self, kind: str) -> list[Any]:
        """Models from one content folder, in id order."""
        return [e.model for e in self.of_kind(kind)]

    def get(self, entity_id: str) -> Any:
        """The model with this id."""
        return self.entities[entity_id].model

    def kind_of(self, entity_id: str) -> str:
        """The folder of the entity with this id."""
        return self.entities[entity_id].kind

    def locate(self, citation: m.Citation) -> Located:
        """Where a (validated) citation's quote sits in its source."""
        return self.located[(citation.source, normalise(citation.quote))]

    def date(self, entity_id: str, which: str = "when") -> Date | None:
        """A resolved date of an event (`when`/`until`) or a source (`published`)."""
        return self.dates.get((entity_id, (which,)))

    def primary_source(self) -> SourceText:
        """The first source; its date is the site's "as of" date."""
        return self.sources[sorted(self.sources)[0]]

    def as_of(self) -> Date:
        """The date the story stands at: the newest source's publication date."""
        return max((self.dates[(sid, ("published",))] for sid in self.sources), key=Date.sort_key)

    def events_sorted(self) -> list[m.Event]:
        """Events in chronological order."""
        return sorted(self.models("events"), key=lambda e: (self.dates[(e.id, ("when",))].sort_key(), e.id))

    def citations(self) -> Iterator[tuple[Entity, m.Citation]]:
        """Every citation in the content, with the entity that holds it."""
        from .validate import walk

        for entity in self.entities.values():
            for _, node in walk(entity.model):
                if isinstance(node, m.Citation):
                    yield entity, node

    def citing(self) -> dict[tuple[str, str], list[Entity]]:
        """For each (source id, sentence id): the entities whose citations touch that sentence."""
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

    def disputes_of(self, actor_id: str) -> list[m.Dispute]:
        """Disputes in which an actor is a party or takes a position."""
        return [d for d in self.models("disputes") if actor_id in d.parties or any(p.actor == actor_id for p in d.positions)]

    def events_of(self, entity_id: str) -> list[m.Event]:
        """Events that involve an actor or belong to a dispute, in order."""
        return [e for e in self.events_sorted() if entity_id in e.actors or entity_id in e.disputes]

    def disputes_of_event(self, event: m.Event) -> list[m.Dispute]:
        """Disputes an event belongs to, whether the event or the dispute says so."""
        return [d for d in self.models("disputes") if d.id in event.disputes or event.id in d.events]

    def quotes_by(self, actor_id: str) -> list[tuple[Entity, m.Citation]]:
        """On-record citations where this actor is the speaker, one per distinct quote."""
        seen: set[str] = set()
        found = []
        for entity, citation in self.citations():
            key = normalise(citation.quote)
            if citation.speaker == actor_id and key not in seen:
                seen.add(key)
                found.append((entity, citation))
        return found

    def relations_of(self, actor_id: str) -> list[tuple[str, m.Relation]]:
        """Relations from and to an actor, as (subject actor id, relation to `relation.to`)."""
        ties = [(actor_id, r) for r in self.get(actor_id).relations]
        for other in self.models("actors"):
            ties.extend((other.id, r) for r in other.relations if r.to == actor_id and other.id != actor_id)
        return ties
