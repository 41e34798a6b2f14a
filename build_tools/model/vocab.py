"""The project's vocabularies, each defined once: citation bases, relation kinds, actor kinds, dispute tiers.

Models take their allowed values from these tables, pages and facts.json take their words from
them, so a kind added here is known everywhere at once. Relation kinds are the one table a story can
extend: the overview's `relations:` adds kinds after these (validate.site.Site.relation_kinds).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BasisWords:
    """How one citation basis reads: in a marker's legend, before a quote, and in facts.json.

    `{source}` stands for how the site names its source (the source's `short:`, e.g. "the article"),
    `{Source}` for the same with a capital, so the words fit a story told from a report, a filing or a book.
    """

    legend: str  # the legend line and the popup's heading, e.g. "people familiar with the matter"
    says: str  # the attribution before a quote, e.g. "People familiar with the matter, according to"
    attribution: str  # who says it, in facts.json

    def naming(self, source: str) -> BasisWords:
        """These words with the source named: `naming("the article")`, or `naming("the sources")` for several."""
        capital = source[:1].upper() + source[1:]
        # "the article's reporting", but "the sources' reporting"
        owner = source + ("'" if source.endswith("s") else "'s")

        def fill(text: str) -> str:
            text = text.replace("{source}'s", owner).replace("{Source}'s", owner[:1].upper() + owner[1:])
            return text.replace("{source}", source).replace("{Source}", capital)

        return BasisWords(fill(self.legend), fill(self.says), fill(self.attribution))


BASIS: dict[str, BasisWords] = {
    "reported": BasisWords("{source}'s reporting", "{Source} says", "{source}'s own reporting"),
    "anonymous": BasisWords(
        "unnamed sources",
        "Unnamed people familiar with the matter, according to {source}",
        "people familiar with the matter, unnamed",
    ),
    # "named speaker", not "on the record": a report's "the company says" names who said it, not how or where
    "on-record": BasisWords(
        "named speaker",
        "A named speaker, according to {source}",
        "a named person or company, according to {source}",
    ),
    "inferred": BasisWords("our reading", "Our reading of {source}", "this site's inference from the source"),
}


@dataclass(frozen=True)
class RelationKind:
    """One kind of tie between actors: its line family on the map, its verb, whether it puts the subject on
    the object's side (a CEO leads a company: he is on its side), and its infobox labels from either end."""

    family: str
    verb: str
    joins_side: bool = False
    symmetric: bool = False
    label: str = ""  # the subject's infobox row, e.g. "Made by" (default: the verb, capitalised)
    inverse: str = ""  # the object's infobox row, e.g. "Makes" (default: "<label> it"; the label if symmetric)

    def row(self, from_subject: bool) -> str:
        """The infobox row this tie goes in, seen from its subject or from its object."""
        label = self.label or self.verb[:1].upper() + self.verb[1:]
        if from_subject or self.symmetric:
            return label
        return self.inverse or f"{label} it"


RELATIONS: dict[str, RelationKind] = {
    "leads": RelationKind("people", "leads", joins_side=True, label="Leads", inverse="Led by"),
    "works-for": RelationKind("people", "works for", joins_side=True, inverse="Staff"),
    "worked-for": RelationKind("people", "worked for", joins_side=True, inverse="Former staff"),
    "joined": RelationKind("people", "joined", joins_side=True, inverse="Joined by"),
    "part-of": RelationKind("people", "is part of", joins_side=True, label="Part of", inverse="Includes"),
    "made-by": RelationKind("product", "is made by", joins_side=True, label="Made by", inverse="Makes"),
    "co-founded": RelationKind("people", "co-founded", inverse="Co-founded by"),
    "hired-from": RelationKind("people", "hired staff from", inverse="Staff hired by"),
    "invests-in": RelationKind("money", "invests in", inverse="Backed by"),
    "partner-of": RelationKind("partner", "is a partner of", symmetric=True, label="Partner"),
    "rival-of": RelationKind("rival", "is a rival of", symmetric=True, label="Rival"),
    "negotiated-by": RelationKind("project", "was negotiated by", label="Negotiated by", inverse="Negotiated"),
    "shelved-by": RelationKind("project", "was shelved by", label="Shelved by", inverse="Shelved"),
    "announced": RelationKind("launch", "announced", inverse="Announced by"),
    "at-launch-of": RelationKind(
        "launch", "was on the podium at the launch of", label="At the launch of", inverse="At its launch"
    ),
}

# What each line family means, for the map's legend.
FAMILIES: dict[str, str] = {
    "money": "invests in",
    "partner": "partners",
    "rival": "rivals",
    "people": "leads, works for, joined, founded",
    "product": "made by",
    "project": "negotiated or shelved a joint project",
    "launch": "announced a venture, or stood at its launch",
    "personal": "how two people get on",
}


@dataclass(frozen=True)
class ActorKind:
    """One kind of actor: its label in an infobox, its section on the actors page, its schema.org type."""

    label: str
    section: str
    schema_type: str


ACTOR_KINDS: dict[str, ActorKind] = {
    "person": ActorKind("Person", "People", "Person"),
    "organisation": ActorKind("Organisation", "Organisations", "Organization"),
    "product": ActorKind("Product", "Products and projects", "Product"),
    "project": ActorKind("Project", "Products and projects", "Project"),
}


@dataclass(frozen=True)
class Tier:
    """A rank of disputes and questions: main fights (cards on the home page) or flashpoints."""

    heading: str  # the section that lists them
    one: str  # the kicker above one of them
    positions: str  # the heading of its positions
    index: str  # the lead of the home page's one-line index of them; {n} is how many


TIERS: dict[str, Tier] = {
    "main": Tier("The main fights", "Main fight", "Where each side stands", "The {n} main fights:"),
    "flashpoint": Tier("Flashpoints", "Flashpoint", "What each side did", "The {n} flashpoints:"),
}


# What changed: how each kind of change note is labelled; corrections are flagged as such.
CHANGE_KINDS: dict[str, str] = {"added": "Added", "updated": "Updated", "corrected": "Correction"}

# Languages a source chain's step may name, by the first part of its language tag ("zh-Hans" → Chinese).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "zh": "Chinese",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "ja": "Japanese",
}

# An id: lower-case letters and digits in words joined by hyphens. It names the fact's file and page.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# Content folder → the noun for one file in it: the schema's name, the kind `explainer new` takes,
# and the word in messages ("unknown actor 'x'").
FOLDER_NOUNS: dict[str, str] = {
    "sources": "source",
    "actors": "actor",
    "disputes": "dispute",
    "questions": "question",
    "events": "event",
    "terms": "term",
    "figures": "figure",
    "overview": "overview",
    "changes": "change",
}
