"""Rules against hostile or careless input that would otherwise pass silently and show something wrong.

Each rule reports `path:line:col: error: …` with a hint, through the same Collector as the rest of
validation, so every problem is listed at once. The rules and their messages are listed in
docs/handbook/editing.md ("Refused on purpose").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from build_tools.load.safety import first_not_nfc
from build_tools.load.yamlload import Doc, strings
from build_tools.model import models as m
from build_tools.model.dates import Date, DateError, resolve_relative
from build_tools.model.sources import normalise
from build_tools.model.vocab import RELATIONS
from build_tools.problems import Collector, did_you_mean
from build_tools.validate import names, quoting
from build_tools.validate.site import Entity, Site

# A quote must be able to support a statement: at least this many words.
MIN_QUOTE_WORDS = 3
# Ids that would collide with a page or folder the generator (or MkDocs) writes.
RESERVED_IDS = frozenset(
    {
        "index",
        "stances",
        "timeline",
        "glossary",
        "changes",
        "about",
        "search",
        "assets",
        "sources",
        "actors",
        "disputes",
        "questions",
        "javascripts",
        "stylesheets",
        "404",
        "sitemap",
        "facts",
    }
)
# Short fields shown as typed (no fact links are rendered in them).
RAW_FIELDS = frozenset(
    {
        "title",
        "name",
        "short",
        "label",
        "term",
        "also",
        "heading",
        "value",
        "place",
        "outlet",
        "words",
        "language",
        "translated_from",
        "relative",
    }
)
# Words too common to mark as a glossary term.
STOPWORDS = frozenset(
    """
a an and are as at be been but by for from had has have he her his i if in into is it its of on or our she so
than that the their them then there these they this those to was we were what when which who will with you
your not no yes all any can may more most one new
""".split()
)
# Actor kinds that can say something on the record.
SPEAKER_KINDS = frozenset({"person", "organisation"})
_WORD = re.compile(r"\w+")


def _add(problems: Collector, entity: Entity, loc: tuple[Any, ...], message: str, hint: str) -> None:
    line, col = entity.doc.where(loc)
    problems.add(entity.doc.path, line, col, message, hint)


# ---------------------------------------------------------------- text of every fact file


def check_text(entity_doc: Doc, problems: Collector) -> None:
    """Text not in NFC, and fact-link syntax in the short fields shown as typed."""
    for loc, text in strings(entity_doc.data):
        if not unicodedata.is_normalized("NFC", text):
            at = first_not_nfc(text)
            char = text[at]
            line, col = entity_doc.find(loc, text[max(at - 1, 0) : at + 1])  # the letter and its accent, as typed
            problems.add(
                entity_doc.path,
                line,
                col,
                f"text is not in Unicode NFC (U+{ord(char):04X} "
                f"{unicodedata.name(char, 'UNNAMED')} after '{text[max(at - 1, 0)]}')",
                "retype the accented letter as one character (your editor or a paste split it into letter + accent)",
            )
        field = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if field in RAW_FIELDS and "[[" in text:
            line, col = entity_doc.where(loc)
            problems.add(
                entity_doc.path,
                line,
                col,
                f"fact link in `{field}:`, which is shown as typed",
                "write the plain name here; fact links ([[id]]) work only in sentences such as `text:`",
            )


# ---------------------------------------------------------------- entities


def check_site(site: Site, entities: list[Entity], problems: Collector) -> None:
    """All rules that need the validated models and the source texts."""
    for entity in entities:
        model = entity.model
        if getattr(model, "id", None) in RESERVED_IDS:
            _add(
                problems,
                entity,
                ("id",),
                f"id '{model.id}' is reserved: a page of the site has that name",
                f"choose another id, e.g. {model.id}-{entity.kind.rstrip('s')}; "
                f"reserved: {', '.join(sorted(RESERVED_IDS))}",
            )
        for loc, node in m.walk(model):
            _check_lists(entity, loc, node, problems)
            if isinstance(node, m.Citation):
                _check_citation(site, entity, loc, node, problems)
            elif isinstance(node, m.When):
                _check_when(site, entity, loc, node, problems)
        if isinstance(model, m.Fight):
            _check_positions(entity, model, site.entities.keys(), problems)
        if isinstance(model, m.Actor):
            _check_relations(site, entity, model, problems)
        if isinstance(model, m.Overview):
            _check_relation_kinds(entity, model, problems)
        if isinstance(model, m.Term):
            _check_term(entity, model, problems)
    names.check_unique_names(site, problems)


def _check_lists(entity: Entity, loc: tuple[Any, ...], node: BaseModel, problems: Collector) -> None:
    """The same id (or alias) twice in one list."""
    for name in type(node).model_fields:
        value = getattr(node, name)
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            continue
        seen: set[str] = set()
        for index, item in enumerate(value):
            key = item.casefold()
            if key in seen:
                _add(
                    problems,
                    entity,
                    (*loc, name, index),
                    f"'{item}' is listed twice in `{name}:`",
                    "remove the second entry",
                )
            seen.add(key)


def _check_positions(entity: Entity, fight: m.Fight, entity_ids: Any, problems: Collector) -> None:
    parties = getattr(fight, "parties", None)
    seen: set[str] = set()
    for index, position in enumerate(fight.positions):
        current = position.superseded is None  # an earlier position stands beside its replacement
        if current and position.actor in seen:
            _add(
                problems,
                entity,
                ("positions", index, "actor"),
                f"'{position.actor}' has two positions in this {entity.kind.rstrip('s')}",
                "merge them into one position (one per actor), citing both passages; or, if later "
                "reporting replaced one, mark the earlier one `superseded:`",
            )
        if current:
            seen.add(position.actor)
        if parties is not None and position.actor not in parties and all(p in entity_ids for p in parties):
            _add(
                problems,
                entity,
                ("positions", index, "actor"),
                f"'{position.actor}' holds a position but is not among `parties:`",
                f"add {position.actor} to `parties:`, or give the position to one of: {', '.join(parties)}",
            )


def _check_relation_kinds(entity: Entity, overview: m.Overview, problems: Collector) -> None:
    """A declared relation kind is new: not a built-in one, and declared once."""
    seen: set[str] = set()
    for index, entry in enumerate(overview.relations):
        loc = ("relations", index, "kind")
        if entry.kind in RELATIONS:
            _add(
                problems,
                entity,
                loc,
                f"relation kind '{entry.kind}' is built in (it reads \"{RELATIONS[entry.kind].verb}\")",
                "remove this entry to use the built-in kind, or give yours another id",
            )
        elif entry.kind in seen:
            _add(problems, entity, loc, f"relation kind '{entry.kind}' is declared twice", "remove the second entry")
        seen.add(entry.kind)


def _either(choices: list[str]) -> str:
    """Choices as pydantic lists them in its messages: "'a', 'b' or 'c'"."""
    quoted = [f"'{choice}'" for choice in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else "".join(quoted)


def _unknown_relation_kind(site: Site, entity: Entity, loc: tuple[Any, ...], kind: str, problems: Collector) -> None:
    kinds = list(site.relation_kinds())
    suggestion = did_you_mean(kind, kinds)
    _add(
        problems,
        entity,
        loc,
        f"'{kind}' is not a valid relation kind",
        (suggestion + " " if suggestion else "")
        + f"use one of: {_either(kinds)}; or declare it under `relations:` in the overview (kind, verb, family)",
    )


def _check_relations(site: Site, entity: Entity, actor: m.Actor, problems: Collector) -> None:
    seen: set[tuple[str, str]] = set()
    kinds = site.relation_kinds()
    for index, relation in enumerate(actor.relations):
        if relation.kind not in kinds:
            _unknown_relation_kind(site, entity, ("relations", index, "kind"), relation.kind, problems)
            continue
        loc = ("relations", index, "to")
        if relation.to == actor.id:
            _add(
                problems,
                entity,
                loc,
                f"relation from '{actor.id}' to itself",
                "a relation ties two different actors; fix `to:`",
            )
            continue
        if (relation.to, relation.kind) in seen:
            _add(
                problems,
                entity,
                loc,
                f"relation '{relation.kind}' to '{relation.to}' is given twice",
                "keep one and cite both passages in it",
            )
        seen.add((relation.to, relation.kind))
        other = site.entities.get(relation.to)
        if other is None or not isinstance(other.model, m.Actor) or kinds[relation.kind].symmetric:
            continue
        if any(back.to == actor.id and back.kind == relation.kind for back in other.model.relations):
            if actor.id < relation.to:  # report the pair once, at the first actor in id order
                verb = kinds[relation.kind].verb
                _add(
                    problems,
                    entity,
                    loc,
                    f"contradictory relations: '{actor.id}' {verb} "
                    f"'{relation.to}', and '{relation.to}' {verb} '{actor.id}'",
                    f"'{relation.kind}' goes one way; remove the wrong one (in {problems.rel(other.doc.path)} or here)",
                )


def _check_term(entity: Entity, term: m.Term, problems: Collector) -> None:
    for loc, word in [(("term",), term.term), *((("also", i), w) for i, w in enumerate(term.also))]:
        letters = word.strip()
        if len(letters) < 3 or letters.casefold() in STOPWORDS:
            _add(
                problems,
                entity,
                loc,
                f"'{word}' is too short or too common to mark as a glossary term in text",
                "use a term of at least 3 characters that is not an everyday word (it is looked for in every page)",
            )


def _check_citation(
    site: Site, entity: Entity, loc: tuple[Any, ...], citation: m.Citation, problems: Collector
) -> None:
    if citation.speaker is not None:
        speaker = site.entities.get(citation.speaker)
        if speaker is not None and isinstance(speaker.model, m.Actor) and speaker.model.kind not in SPEAKER_KINDS:
            _add(
                problems,
                entity,
                (*loc, "speaker"),
                f"speaker '{citation.speaker}' is a {speaker.model.kind}, which cannot speak on the record",
                "name the person or organisation who said it, or choose basis: reported",
            )
    source = site.sources.get(citation.source)
    located = site.located.get((citation.source, normalise(citation.quote)))
    if source is None or located is None:
        return  # an unknown source or a quote not found is reported elsewhere
    needle = normalise(citation.quote)
    words = len(_WORD.findall(needle))
    if words < MIN_QUOTE_WORDS:
        _add(
            problems,
            entity,
            (*loc, "quote"),
            f"quote of {words} word{'s' if words != 1 else ''} is too short to support a statement",
            f"quote at least {MIN_QUOTE_WORDS} words: the passage that says it",
        )
    elif source.occurrences(citation.quote) > 1:
        _add(
            problems,
            entity,
            (*loc, "quote"),
            f"quote occurs {source.occurrences(citation.quote)} times in source "
            f"'{citation.source}', so its link could go to the wrong sentence",
            "quote more words, so that the quote occurs once",
        )
    quoting.check_word_edges(entity, loc, source.text, located.start, located.end, "quote", problems)
    if citation.words is not None:
        quoting.check_words(entity, loc, citation, source, located.start, located.end, problems)
    paragraphs = {s.paragraph for s in located.sentences}
    if len(paragraphs) > 1:
        _add(
            problems,
            entity,
            (*loc, "quote"),
            f"quote runs across a paragraph break or heading of source '{citation.source}'",
            "quote within one paragraph; cite the other paragraph in a second citation",
        )


def _check_when(site: Site, entity: Entity, loc: tuple[Any, ...], when: m.When, problems: Collector) -> None:
    if when.qualifier is not None and when.precision == "day":
        _add(
            problems,
            entity,
            (*loc, "qualifier"),
            f"qualifier '{when.qualifier}' on a date given to the day",
            "remove `qualifier:` (early, mid, late and end qualify a month, season or year)",
        )
    if when.relative is None or when.source is None or entity.kind == "sources":
        return
    source = site.sources.get(when.source)
    try:
        resolve_relative(when.relative, Date(2000, "year"))
    except DateError:
        return  # an unsupported phrase is reported as such
    if source is None:
        return
    phrase = normalise(when.relative).casefold().rstrip(".,")
    bare = re.sub(r"^(in|by|during|since|at|over|for) ", "", phrase)
    quoted = [
        s
        for c in _citations(entity.model)
        if c.source == when.source
        for s in (site.located.get((c.source, normalise(c.quote))) or _NOT_FOUND).sentences
    ]
    if any(bare in normalise(s.text).casefold() for s in quoted):
        return
    where = f"the sentences this file quotes from '{when.source}'" if quoted else f"the text of '{when.source}'"
    elsewhere = (
        " (it occurs elsewhere in the source: cite that sentence)"
        if quoted and bare in normalise(source.text).casefold()
        else ""
    )
    _add(
        problems,
        entity,
        (*loc, "relative"),
        f"relative date '{when.relative}' does not occur in {where}{elsewhere}",
        "copy the source's own phrase into `relative:`, from a sentence you cite, or give `value:` instead",
    )


class _NotFound:
    sentences: tuple[Any, ...] = ()


_NOT_FOUND = _NotFound()


def _citations(model: BaseModel) -> Iterator[m.Citation]:
    for _, node in m.walk(model):
        if isinstance(node, m.Citation):
            yield node
