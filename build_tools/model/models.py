"""Typed models of the fact files: one model per content folder, validated with pydantic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from build_tools.model.vocab import ACTOR_KINDS, BASIS, CHANGE_KINDS, FAMILIES, ID_PATTERN, RELATIONS, TIERS

# An id is lower-case words joined by hyphens; it names the file (`actors/jane-doe.yaml`).
Id = Annotated[str, StringConstraints(pattern=rf"^{ID_PATTERN}$", max_length=80)]
# Prose must say something: surrounding whitespace is stripped and an empty result is refused.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

# The allowed values come from the vocabularies in vocab.py, each defined once.
# A Literal built from a table is not a static type, so the type checker sees these as plain text;
# pydantic still refuses any value outside the table.
if TYPE_CHECKING:
    Basis: TypeAlias = str
    ActorKind: TypeAlias = str
    Family: TypeAlias = str
    Tier: TypeAlias = str
    ChangeKind: TypeAlias = str
else:
    Basis = Literal[tuple(BASIS)]
    ActorKind = Literal[tuple(ACTOR_KINDS)]
    Family = Literal[tuple(FAMILIES)]
    Tier = Literal[tuple(TIERS)]
    ChangeKind = Literal[tuple(CHANGE_KINDS)]
Precision = Literal["day", "month", "season", "year"]
Qualifier = Literal["early", "mid", "late", "end"]
# Wikidata's ranks for a superseded statement: normal (right at its date, since overtaken by events)
# or deprecated (later reporting contradicts it). The statement that supersedes it is the preferred one.
Rank = Literal["normal", "deprecated"]
# What supersedes a statement: a fact's id, or `<dispute or question id>#<status entry id>`.
FactRef = Annotated[str, StringConstraints(pattern=rf"^{ID_PATTERN}(?:#{ID_PATTERN})?$", max_length=161)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where a statement comes from: a verbatim quote of a source, and how the source knows it."""

    source: Id = Field(description="Id of a file in content/sources/.")
    quote: Text = Field(description="Words copied verbatim from the source text.")
    basis: Basis = Field(
        description=(
            "How the source knows it: on-record (a named person or company said it), "
            "anonymous (people familiar with the matter), reported (the outlet's own reporting), "
            "inferred (the site's own reading of the source; explain it in note)."
        )
    )
    speaker: Id | None = Field(None, description="For on-record: the actor who said it.")
    words: ShortText | None = Field(
        None,
        description=(
            "For on-record: the speaker's own words, exactly as the source puts them in quotation marks "
            "(part of `quote`). Only these are shown as the speaker's words; leave it out for paraphrase "
            "or a translation's rendering."
        ),
    )
    note: Text | None = Field(None, description="Why the quote supports the statement, or an artifact it keeps.")

    @model_validator(mode="after")
    def _speaker_matches_basis(self) -> Citation:
        if self.basis == "on-record" and self.speaker is None:
            raise ValueError("an on-record citation needs `speaker:` (the actor who said it)")
        if self.basis != "on-record" and self.speaker is not None:
            raise ValueError("only an on-record citation has a `speaker:`; remove it or set basis: on-record")
        if self.basis == "inferred" and self.note is None:
            raise ValueError("an inferred citation needs `note:` explaining the inference")
        if self.words is not None and self.basis != "on-record":
            raise ValueError("only an on-record citation has `words:` (the speaker's own quoted words)")
        return self


class Supersession(Strict):
    """Marks a statement as earlier reporting that a later, cited statement replaces; it is still shown, dated."""

    by: FactRef = Field(
        description=(
            "What replaces it: `<dispute or question id>#<status entry id>` for a status entry, "
            "or a fact's id (an event's summary, a figure's statement, a term's definition, an actor's role, "
            "or a dispute's or question's latest status entry)."
        )
    )
    reason: Text = Field(description="Why it no longer holds, in a sentence for readers.")
    rank: Rank = Field(
        "normal",
        description="normal: right at its date, since overtaken by events; deprecated: later reporting contradicts it.",
    )


class Statement(Strict):
    """One factual sentence of the site with at least one citation."""

    text: Text = Field(description="The sentence as the site shows it; plain, neutral wording.")
    cite: list[Citation] = Field(min_length=1, description="At least one citation.")
    superseded: Supersession | None = Field(
        None,
        description="Set when later reporting replaces this statement; it is then shown as earlier reporting, dated.",
    )


class When(Strict):
    """A date with its precision; either a value, a phrase relative to the source date, or both."""

    value: str | None = Field(
        None, description="YYYY-MM-DD (day), YYYY-MM (month), YYYY-spring|summer|autumn|winter (season), YYYY (year)."
    )
    precision: Precision
    qualifier: Qualifier | None = Field(None, description="early, mid, late or end of the period.")
    relative: ShortText | None = Field(
        None, description='The source\'s own phrase ("last summer"), resolved against the source date.'
    )
    source: Id | None = Field(None, description="The source whose date `relative` is resolved against.")

    @model_validator(mode="after")
    def _value_or_relative(self) -> When:
        if self.value is None and self.relative is None:
            raise ValueError("a date needs `value:` or `relative:`")
        if self.relative is not None and self.source is None:
            raise ValueError("a relative date needs `source:` (the source it is relative to)")
        return self


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
    role: Statement = Field(description="Who or what this is, in one sentence.")
    about: list[Statement] = Field(default_factory=list, description="Further facts about the actor.")
    wants: list[Statement] = Field(default_factory=list, description="What the actor wants, in its own terms.")
    relations: list[Relation] = Field(default_factory=list)


class Position(Strict):
    """One side's position in a dispute or question."""

    actor: Id
    short: ShortText = Field(description="The position in a few words, for the stance table.")
    text: Text
    cite: list[Citation] = Field(min_length=1)


class SideNote(Strict):
    """A cited statement attached to one side (leverage, stakes)."""

    actor: Id
    text: Text
    cite: list[Citation] = Field(min_length=1)
    superseded: Supersession | None = Field(None, description="Set when later reporting replaces this statement.")


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


def _one_or_more(value: object) -> object:
    """A single `status:` mapping (the older form) reads as a history of one entry."""
    return [value] if isinstance(value, dict) else value


# A status history: a list of dated entries, or (older form) one mapping.
StatusHistory = Annotated[
    list[StatusEntry], BeforeValidator(_one_or_more, json_schema_input_type=list[StatusEntry] | StatusEntry)
]


class Headline(Strict):
    """A one-line summary, cited like any statement, for cards and lists."""

    text: ShortText
    cite: list[Citation] = Field(min_length=1)


class Fight(Strict):
    """What disputes and questions share: a ranked point of conflict with each side's position."""

    id: Id
    title: ShortText = Field(description="A short name, for navigation and cards.")
    tier: Tier = Field("main", description="main (a card on the home page) or flashpoint.")
    rank: int = Field(100, description="Order of importance within its tier (lower first).")
    headline: Headline | None = Field(None, description="The fight in one line, for cards; cited.")
    summary: Statement = Field(description="What it is about, in one or two sentences.")
    positions: list[Position] = Field(min_length=1, description="Each side's position, in its own terms.")
    leverage: list[SideNote] = Field(default_factory=list, description="What a side holds over the other.")
    status: StatusHistory = Field(
        default_factory=list,
        description="Where things stood, as dated entries in any order (the newest "
        "is shown as current); one mapping is one entry.",
    )
    background: list[Statement] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)


class Dispute(Fight):
    """A point of conflict between the partners."""

    stakes: list[Statement] = Field(min_length=1, description="What is at stake.")
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
    order: int = Field(100, description="Position in the key-numbers block (lower first).")

    @model_validator(mode="after")
    def _is_a_number(self) -> Figure:
        if not any(char.isdigit() for char in self.value):
            raise ValueError("a key number's `value:` must contain a digit")
        return self


class RelationKindEntry(Strict):
    """A relation kind of this story, beyond the built-in ones (vocab.RELATIONS)."""

    kind: Id = Field(description="The kind's id, used as `kind:` in actors' relations, e.g. \"subsidiary-of\".")
    verb: ShortText = Field(description='How the tie reads between two names, e.g. "is a subsidiary of".')
    family: Family = Field(description="The map's line for it, and its legend entry: " + ", ".join(FAMILIES) + ".")
    joins_side: bool = Field(False, description="True when the tie puts its subject on its object's side.")
    symmetric: bool = Field(False, description="True when the tie reads the same both ways (a partner, a rival).")


class Overview(Strict):
    """The home page's story in a minute."""

    id: Id
    title: ShortText
    standfirst: list[Statement] = Field(
        default_factory=list, description="Two or three sentences a reader could repeat."
    )
    lede: list[Statement] = Field(min_length=1, description="The story in brief, a paragraph per statement.")
    sides: list[Id] = Field(
        default_factory=list, description="The actors whose sides the story pits against each other."
    )
    clusters: list[Id] = Field(default_factory=list, description="Other groups to draw together on the map.")
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
            "After editing the text, run `python -m build_tools reverify <id> --accept` to update it."
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
