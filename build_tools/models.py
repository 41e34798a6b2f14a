"""Typed models of the fact files: one model per content folder, validated with pydantic."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# An id is lower-case words joined by hyphens; it names the file (`actors/sam-altman.yaml`).
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# Prose must say something: surrounding whitespace is stripped and an empty result is refused.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

Basis = Literal["on-record", "anonymous", "reported", "inferred"]
# How each basis reads on a page (short label) and in facts.json (who says it), in one place.
BASIS_WORDS: dict[str, tuple[str, str]] = {
    "on-record": ("on the record", "said on the record by a named person or company"),
    "anonymous": ("anonymous sources", "people familiar with the matter, unnamed"),
    "reported": ("reported by the outlet", "the outlet's own reporting"),
    "inferred": ("our inference", "this site's inference from the source"),
}
Precision = Literal["day", "month", "season", "year"]
Qualifier = Literal["early", "mid", "late", "end"]
ActorKind = Literal["person", "organisation", "product", "project"]
RelationKind = Literal[
    "leads",
    "works-for",
    "worked-for",
    "co-founded",
    "invests-in",
    "partner-of",
    "rival-of",
    "part-of",
    "made-by",
    "joined",
    "counterparty",
]


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
    note: Text | None = Field(None, description="Why the quote supports the statement, or an artifact it keeps.")

    @model_validator(mode="after")
    def _speaker_matches_basis(self) -> Citation:
        if self.basis == "on-record" and self.speaker is None:
            raise ValueError("an on-record citation needs `speaker:` (the actor who said it)")
        if self.basis != "on-record" and self.speaker is not None:
            raise ValueError("only an on-record citation has a `speaker:`; remove it or set basis: on-record")
        if self.basis == "inferred" and self.note is None:
            raise ValueError("an inferred citation needs `note:` explaining the inference")
        return self


class Statement(Strict):
    """One factual sentence of the site with at least one citation."""

    text: Text = Field(description="The sentence as the site shows it; plain, neutral wording.")
    cite: list[Citation] = Field(min_length=1, description="At least one citation.")


class When(Strict):
    """A date with its precision; either a value, a phrase relative to the source date, or both."""

    value: str | None = Field(
        None, description="YYYY-MM-DD (day), YYYY-MM (month), YYYY-spring|summer|autumn|winter (season), YYYY (year)."
    )
    precision: Precision
    qualifier: Qualifier | None = Field(None, description="early, mid, late or end of the period.")
    relative: ShortText | None = Field(
        None, description="The source's own phrase (\"last summer\"), resolved against the source date."
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
    kind: RelationKind
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


class Dispute(Strict):
    """A point of conflict between the partners."""

    id: Id
    title: ShortText
    summary: Statement = Field(description="What the dispute is about, in one or two sentences.")
    stakes: list[Statement] = Field(min_length=1, description="What is at stake.")
    parties: list[Id] = Field(min_length=1, description="Actors with a side in the dispute.")
    positions: list[Position] = Field(min_length=1)
    leverage: list[SideNote] = Field(default_factory=list)
    status: Statement = Field(description="Where things stood as of the source date.")
    background: list[Statement] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)


class Question(Strict):
    """An open question the story turns on (the AGI question)."""

    id: Id
    title: ShortText
    summary: Statement
    contract: list[Statement] = Field(min_length=1, description="What the contract says it triggers.")
    views: list[Position] = Field(min_length=1, description="Who says what.")
    why_it_matters: list[SideNote] = Field(min_length=1, description="Why it matters to each side.")
    disputes: list[Id] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)


class Event(Strict):
    """A dated event."""

    id: Id
    title: ShortText
    when: When
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
    value: ShortText = Field(description="The number as shown, e.g. \"$650 million\".")
    label: ShortText = Field(description="What the number measures.")
    statement: Statement
    related: list[Id] = Field(default_factory=list)
    order: int = Field(100, description="Position in the key-numbers block (lower first).")


class Overview(Strict):
    """The home page's story in a minute."""

    id: Id
    title: ShortText
    lede: list[Statement] = Field(min_length=1)


class SourceMeta(Strict):
    """A source text with its metadata; the text itself sits beside it in a .txt file."""

    id: Id
    title: ShortText
    outlet: ShortText = Field(description="Who published the text we have.")
    via: Text = Field(description="How the text reached us (translation, retelling…).")
    original: Text | None = Field(None, description="The original report, if this is a retelling.")
    language: ShortText = Field(description="BCP 47 language tag of the text, e.g. en.")
    translated_from: ShortText | None = None
    published: When
    published_basis: Text = Field(description="How the publication date is known; say if it is inferred.")
    text_file: ShortText = Field(description="File name of the text, beside this file.")
    url: str | None = None
    notes: list[Text] = Field(default_factory=list)


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
}
