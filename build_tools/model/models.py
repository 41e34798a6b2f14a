"""Typed models of the fact files: one model per content folder, validated with pydantic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, field_validator, model_validator

# The building blocks, re-exported so that `models.Citation` and the like name every model in one place.
from build_tools.model.base import (
    ActorKind as ActorKind,
)
from build_tools.model.base import (
    Basis as Basis,
)
from build_tools.model.base import (
    ChangeKind as ChangeKind,
)
from build_tools.model.base import (
    Citation as Citation,
)
from build_tools.model.base import (
    FactRef as FactRef,
)
from build_tools.model.base import (
    Family as Family,
)
from build_tools.model.base import (
    Id as Id,
)
from build_tools.model.base import (
    Order as Order,
)
from build_tools.model.base import (
    Precision as Precision,
)
from build_tools.model.base import (
    Qualifier as Qualifier,
)
from build_tools.model.base import (
    Rank as Rank,
)
from build_tools.model.base import (
    Reason as Reason,
)
from build_tools.model.base import (
    ShortText as ShortText,
)
from build_tools.model.base import (
    Statement as Statement,
)
from build_tools.model.base import (
    Strict as Strict,
)
from build_tools.model.base import (
    Supersession as Supersession,
)
from build_tools.model.base import (
    Text as Text,
)
from build_tools.model.base import (
    Tier as Tier,
)
from build_tools.model.base import (
    When as When,
)
from build_tools.model.base import current, one_or_more
from build_tools.model.vocab import FAMILIES, RELATIONS


class Alias(Strict):
    """Another name the source uses for an actor, with the reason."""

    name: ShortText
    note: Text = Field(description="Why the source uses this name (a translation artifact, a nickname…).")


class Relation(Strict):
    """A tie from this actor to another one, cited."""

    to: Id
    # Any id here: the kinds a project declares (Overview.relations) are only known once all files are
    # read, so rules.py checks the kind against the site's table; editors still get the built-in ones offered.
    kind: Id = Field(
        description="A built-in relation kind, or one the overview declares under `relations:`.",
        json_schema_extra={"examples": list(RELATIONS)},
    )
    cite: list[Citation] = Field(min_length=1)


class Actor(Strict):
    """A person, organisation, product or project in the story."""

    id: Id
    kind: ActorKind
    name: ShortText = Field(description="Canonical name; the site always uses it.")
    aliases: list[Alias] = Field(default_factory=list)
    role: Annotated[
        list[Statement], BeforeValidator(one_or_more, json_schema_input_type=list[Statement] | Statement)
    ] = Field(
        min_length=1,
        description="Who or what this is, in one sentence; when it changes, a list whose earlier "
        "entries are marked `superseded:` (one entry is current).",
    )
    about: list[Statement] = Field(default_factory=list, description="Further facts about the actor.")
    wants: list[Statement] = Field(default_factory=list, description="What the actor wants, in its own terms.")
    relations: list[Relation] = Field(default_factory=list)

    @property
    def current_role(self) -> Statement:
        """The role as it stands: the entry no later one supersedes (the last one if all are)."""
        return current(self.role) or self.role[-1]


class Position(Statement):
    """One side's position in a dispute or question; a later one supersedes it (`by: <fight>#<its id>`)."""

    actor: Id
    short: ShortText = Field(description="The position in a few words, for the stance table.")


class SideNote(Statement):
    """A cited statement attached to one side (leverage, stakes)."""

    actor: Id


class StatusEntry(Statement):
    """One dated step of a dispute's or question's status: where things stood at that date."""

    id: Id | None = Field(
        None, description="Names the entry, so a superseded statement can point at it as `<fight id>#<entry id>`."
    )
    when: When | None = Field(
        None,
        description="The date the entry describes; leave it out to date it by "
        "its newest cited source's publication date.",
    )


# A status history: a list of dated entries, or (older form) one mapping.
StatusHistory = Annotated[
    list[StatusEntry], BeforeValidator(one_or_more, json_schema_input_type=list[StatusEntry] | StatusEntry)
]


class Headline(Statement):
    """A one-line summary, cited like any statement, for cards and lists."""

    text: ShortText = Field(description="The fight in one line.")


class Fight(Strict):
    """What disputes and questions share: a ranked point of conflict with each side's position."""

    id: Id
    title: ShortText = Field(description="A short name, for navigation and cards.")
    tier: Tier = Field("main", description="main (a card on the home page) or flashpoint.")
    rank: Order = Field(100, description="Order of importance within its tier (lower first).")
    headline: Annotated[
        list[Headline], BeforeValidator(one_or_more, json_schema_input_type=list[Headline] | Headline)
    ] = Field(
        default_factory=list,
        description="The fight in one line, for cards; cited. When it changes, a list whose earlier "
        "entries are marked `superseded:`.",
    )
    summary: Statement = Field(description="What it is about, in one or two sentences.")
    positions: list[Position] = Field(min_length=1, description="Each side's position, in its own terms.")
    leverage: list[SideNote] = Field(default_factory=list, description="What a side holds over the other.")
    status: StatusHistory = Field(
        default_factory=list,
        description="Where things stood, as dated entries in any order (the newest "
        "is shown as current); one mapping is one entry.",
    )
    background: list[Statement] = Field(default_factory=list, description="What happened, told once, as prose.")
    scene: Statement | None = Field(
        None, description="One moment that shows the conflict, told as a scene (who, where, what was done)."
    )
    events: list[Id] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)
    keywords: list[ShortText] = Field(
        default_factory=list, description="Other words readers may search for it by (not shown), e.g. compute."
    )

    @property
    def current_headline(self) -> Headline | None:
        """The headline as it stands (None when there is none, or every one is superseded)."""
        return current(self.headline)


class Dispute(Fight):
    """A point of conflict between the partners."""

    stakes: list[Statement] = Field(
        default_factory=list, description="What is at stake, when it is not told elsewhere."
    )
    parties: list[Id] = Field(min_length=1, description="Actors with a side in the dispute.")
    status: StatusHistory = Field(
        min_length=1,
        description="Where things stood, as dated entries in any order (the newest "
        "is shown as current); one mapping is one entry.",
    )


class Section(Strict):
    """A named section of a question page, with its own heading, e.g. "What the agreement says"."""

    heading: ShortText
    points: list[Statement] = Field(min_length=1)


class Question(Fight):
    """An open question the story turns on, with sections named for it."""

    sections: list[Section] = Field(default_factory=list, description="Sections of the page, each with its heading.")
    why_it_matters: list[SideNote] = Field(default_factory=list, description="Why it matters to each side.")
    disputes: list[Id] = Field(default_factory=list)


class Event(Strict):
    """A dated event."""

    id: Id
    title: ShortText
    when: When | None = Field(None, description="When it happened; leave it out when the source gives no date.")
    until: When | None = Field(None, description="End of a period, for events that last.")
    summary: Statement
    place: ShortText | None = None
    actors: list[Id] = Field(min_length=1)
    disputes: list[Id] = Field(default_factory=list)


class Term(Strict):
    """A glossary term."""

    id: Id
    term: ShortText
    also: list[ShortText] = Field(default_factory=list, description="Other spellings to recognise in text.")
    definition: Statement
    see_also: list[Id] = Field(default_factory=list)


class Figure(Strict):
    """A key number, cited."""

    id: Id
    value: ShortText = Field(description='The number as shown, e.g. "$650 million"; it must contain a digit.')
    label: ShortText = Field(description="What the number measures.")
    statement: Statement
    related: list[Id] = Field(default_factory=list)
    order: Order = Field(100, description="Position in the key-numbers block (lower first).")

    @model_validator(mode="after")
    def _is_a_number(self) -> Figure:
        if not any(char.isdigit() for char in self.value):
            raise ValueError("a key number's `value:` must contain a digit")
        return self


class RelationKindEntry(Strict):
    """A relation kind of this story, beyond the built-in ones (vocab.RELATIONS)."""

    kind: Id = Field(description="The kind's id, used as `kind:` in actors' relations, e.g. \"subsidiary-of\".")
    verb: ShortText = Field(description='How the tie reads between two names, e.g. "is a subsidiary of".')
    family: Family = Field(description="The map's line for it: " + ", ".join(FAMILIES) + ".")
    joins_side: bool = Field(False, description="True when the tie puts its subject on its object's side.")
    symmetric: bool = Field(False, description="True when the tie reads the same both ways (a partner, a rival).")
    label: ShortText | None = Field(
        None, description='The subject\'s infobox row, e.g. "Made by" (default: the verb, capitalised).'
    )
    inverse: ShortText | None = Field(
        None, description='The object\'s infobox row, e.g. "Makes" (default: the label and "it").'
    )


class Overview(Strict):
    """The home page's story in a minute."""

    id: Id
    title: ShortText
    standfirst: list[Statement] = Field(
        default_factory=list, description="Two or three sentences a reader could repeat."
    )
    lede: list[Statement] = Field(
        default_factory=list,
        description="The story in brief; shown as the home page's opening only when there is no standfirst.",
    )
    sides: list[Id] = Field(
        default_factory=list, description="The actors whose sides the story pits against each other."
    )
    clusters: list[Id] = Field(default_factory=list, description="Other groups to draw together on the map.")
    primary_source: Id | None = Field(
        None,
        description="The source the site's own wording names where it needs one (with several sources); "
        "the only source when there is one.",
    )
    relations: list[RelationKindEntry] = Field(
        default_factory=list,
        description="Relation kinds this story needs beyond the built-in ones, for actors' `relations:`.",
    )


class ChangeNote(Strict):
    """A note for readers on what changed in the facts: an addition, an update or a correction."""

    id: Id
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="The day of the change, YYYY-MM-DD.")
    kind: ChangeKind = Field(description="added, updated or corrected.")
    summary: Text = Field(description="What changed, in plain words for readers.")
    about: list[Id] = Field(default_factory=list, description="The pages the change touched.")

    @model_validator(mode="after")
    def _real_day(self) -> ChangeNote:
        try:
            dt.date.fromisoformat(self.date)
        except ValueError:
            raise ValueError(f"'{self.date}' is not a real day") from None
        return self


ChainKind = Literal["original", "retelling", "translation", "republication"]
URL_PATTERN = r"^https?://[^\s]+$"


class ChainStep(Strict):
    """One text in the chain from the original report to the text we hold."""

    name: ShortText = Field(
        description='The text, e.g. "Original newspaper report" or "English translation (the text we hold)".'
    )
    kind: ChainKind = Field(description="original, retelling, translation or republication.")
    language: ShortText | None = Field(None, description="BCP 47 language tag of this text, when known, e.g. zh.")
    url: str | None = Field(
        None, pattern=URL_PATTERN, max_length=2000, description="Where this text can be read, if known."
    )
    inferred: bool = Field(False, description="True when the step is the editors' inference, not stated by any text.")
    note: Text | None = Field(None, description="How the step is known, especially when inferred.")


class SourceMeta(Strict):
    """A source text with its metadata; the text itself sits beside it in a .txt file."""

    id: Id
    title: ShortText
    short: ShortText = Field("the article", description='How citations name it, e.g. "the article".')
    credit: Text | None = Field(
        None, description="What the source rests on, in one line for every page (e.g. the original report)."
    )
    outlet: ShortText = Field(description="Who published the text we have.")
    via: Text = Field(description="How the text reached us (translation, retelling…).")
    original: Text | None = Field(None, description="The original report, if this is a retelling.")
    chain: list[ChainStep] = Field(
        default_factory=list,
        description=(
            "How the text reached us as data: each text from the original report to the text we hold (last), "
            "e.g. original → retelling → translation. Leave it out for a text that is itself the original."
        ),
    )
    language: ShortText = Field(description="BCP 47 language tag of the text, e.g. en.")
    translated_from: ShortText | None = None
    published: When
    published_basis: Text = Field(description="How the publication date is known; say if it is inferred.")
    text_file: ShortText = Field(description="File name of the text, beside this file.")
    url: str | None = Field(
        None,
        pattern=URL_PATTERN,
        max_length=2000,
        description="Where the text can be read (http or https); leave it out when no address is known.",
    )
    retrieved: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="The day the text was taken from its source, YYYY-MM-DD.",
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description=(
            "SHA-256 of the text file's bytes (lower-case hex): the text the citations were checked against. "
            "After editing the text, run `explainer reverify <id> --accept` to update it."
        ),
    )
    notes: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _chain_in_order(self) -> SourceMeta:
        kinds = [step.kind for step in self.chain]
        if "original" in kinds[1:]:
            raise ValueError(
                "only the first step of `chain:` can be the original; list the "
                "chain from the original to the text we hold"
            )
        if self.chain and self.chain[-1].language not in (None, self.language):
            raise ValueError(
                f"the last step of `chain:` is the text we hold; its language must "
                f"be `{self.language}` (the source's `language:`)"
            )
        return self

    @field_validator("retrieved")
    @classmethod
    def _real_retrieved_day(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"retrieved '{value}' is not a real day") from None
        return value


# Folder name in content/ → model of each file in it.
KINDS: dict[str, type[Strict]] = {
    "sources": SourceMeta,
    "actors": Actor,
    "disputes": Dispute,
    "questions": Question,
    "events": Event,
    "terms": Term,
    "figures": Figure,
    "overview": Overview,
    "changes": ChangeNote,
}


def walk(obj: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], BaseModel]]:
    """Every model nested in `obj`, with its location (the same path as in the YAML)."""
    if isinstance(obj, BaseModel):
        yield loc, obj
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, (BaseModel, list)):
                yield from walk(value, (*loc, name))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            if isinstance(item, BaseModel):
                yield from walk(item, (*loc, index))
