"""The building blocks of every fact model: field types, the strict base, citations, statements and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from build_tools.model.vocab import ACTOR_KINDS, BASIS, CHANGE_KINDS, FAMILIES, ID_PATTERN, TIERS

# An id is lower-case words joined by hyphens; it names the file (`actors/jane-doe.yaml`).
Id = Annotated[str, StringConstraints(pattern=rf"^{ID_PATTERN}$", max_length=80)]
# Prose must say something: surrounding whitespace is stripped and an empty result is refused.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# A rank or an order: a whole number (not yes/no, not 1.5, not text) within reach of an editor's typing.
MAX_ORDER = 1_000_000
Order = Annotated[int, Field(strict=True, ge=-MAX_ORDER, le=MAX_ORDER)]

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


class Reason(Strict):
    """Why a statement no longer holds, cited like any statement (so no unsourced words are published)."""

    text: Text = Field(description="Why it no longer holds, in a sentence for readers.")
    cite: list[Citation] = Field(min_length=1, description="At least one citation.")


class Supersession(Strict):
    """Marks a statement as earlier reporting that a later, cited statement replaces; it is still shown, dated."""

    by: FactRef = Field(
        description=(
            "What replaces it: `<fact id>#<statement id>` for a statement with that `id:` (a status entry, "
            "a position, a headline, an actor's role…), or a fact's id alone for its main statement (an event's "
            "summary, a figure's statement, a term's definition, an actor's current role, or a dispute's or "
            "question's latest status entry)."
        )
    )
    reason: Reason | Text | None = Field(
        None,
        description=(
            "Why it no longer holds: `{text, cite}`, cited like any statement; or plain text, shown as this "
            "site's own note (never as reporting). Leave it out to let the later statement speak."
        ),
    )
    rank: Rank = Field(
        "normal",
        description="normal: right at its date, since overtaken by events; deprecated: later reporting contradicts it.",
    )


class Statement(Strict):
    """One factual sentence of the site with at least one citation."""

    id: Id | None = Field(
        None, description="Names the statement, so a later one can supersede it as `by: <fact id>#<this id>`."
    )
    text: Text = Field(description="The sentence as the site shows it; plain, neutral wording.")
    cite: list[Citation] = Field(min_length=1, description="At least one citation.")
    when: When | None = Field(
        None,
        description="The date the statement describes; leave it out to date it by its newest cited source.",
    )
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
    expected: bool = Field(
        False,
        description=(
            "True for a date the source looks ahead to (a deadline, a plan, a forecast): it may then be later "
            "than the newest source cited and than today. Pages can say whether it has passed."
        ),
    )

    @model_validator(mode="after")
    def _value_or_relative(self) -> When:
        if self.value is None and self.relative is None:
            raise ValueError("a date needs `value:` or `relative:`")
        if self.relative is not None and self.source is None:
            raise ValueError("a relative date needs `source:` (the source it is relative to)")
        return self


Statement.model_rebuild()  # `when: When` names a class defined after it

S = TypeVar("S", bound=Statement)


def one_or_more(value: object) -> object:
    """A single mapping (the usual form) reads as a history of one entry."""
    return [value] if isinstance(value, dict) else value


def current(history: list[S]) -> S | None:
    """The entry of a history that no later one supersedes (the newest state), or None when every one is."""
    return next((item for item in reversed(history) if item.superseded is None), None)
