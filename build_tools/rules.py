"""Rules against hostile or careless input that would otherwise pass silently and show something wrong.

Each rule reports `path:line:col: error: …` with a hint, through the same Collector as the rest of
validation, so every problem is listed at once. The rules and their messages are listed in
docs/handbook/editing.md ("Refused on purpose").
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from . import models as m
from .dates import Date, DateError, resolve_relative
from .problems import Collector
from .site import Entity, Site
from .sources import normalise
from .vocab import RELATIONS
from .yamlload import Doc, strings

# A quote must be able to support a statement: at least this many words.
MIN_QUOTE_WORDS = 3
# Ids that would collide with a page or folder the generator (or MkDocs) writes.
RESERVED_IDS = frozenset({
    "index", "stances", "timeline", "glossary", "changes", "about", "search", "assets", "sources",
    "actors", "disputes", "questions", "javascripts", "stylesheets", "404", "sitemap", "facts",
})
# Short fields shown as typed (no fact links are rendered in them).
RAW_FIELDS = frozenset({"title", "name", "short", "label", "term", "also", "heading", "value", "place",
                        "outlet", "words", "language", "translated_from", "relative"})
# Words too common to mark as a glossary term.
STOPWORDS = frozenset("""a an and are as at be been but by for from had has have he her his i if in into is it its
of on or our she so than that the their them then there these they this those to was we were what when which
who will with you your not no yes all any can may more most one new""".split())
# Actor kinds that can say something on the record.
SPEAKER_KINDS = frozenset({"person", "organisation"})
_WORD = re.compile(r"\w+")


def _add(problems: Collector, entity: Entity, loc: tuple[Any, ...], message: str, hint: str) -> None:
    line, col = entity.doc.where(loc)
    problems.add(entity.doc.path, line, col, message, hint)


# ---------------------------------------------------------------- files (called from load.py)

def check_files(content_dir: Path, raw_files: list[Any], problems: Collector) -> None:
    """Symlinks anywhere in content/, and source texts that no metadata file names."""
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.add(path, 1, 1, "symbolic link in content/", "replace the link by the file itself; content/ holds real files only (a link could point outside the project)")
    named = {(raw.doc.path.parent, raw.doc.data.get("text_file")) for raw in raw_files
             if raw.kind == "sources" and isinstance(raw.doc.data, dict)}
    broken = {raw.doc.path.with_suffix("") for raw in raw_files if raw.kind == "sources"}
    sources = content_dir / "sources"
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        if path.is_symlink() or (path.parent, path.name) in named or path.with_suffix("") in broken:
            continue
        problems.add(path, 1, 1, f"source text '{path.name}' has no metadata file naming it",
                     f"add content/sources/{path.stem}.yaml with `text_file: {path.name}` (`python -m build_tools new source {path.stem}`), or delete the text")


def is_symlinked(content_dir: Path, path: Path) -> bool:
    """True when the path or a folder between content/ and it is a symbolic link."""
    current = path
    while current != content_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


# ---------------------------------------------------------------- text of every fact file

def check_text(entity_doc: Doc, problems: Collector) -> None:
    """Text not in NFC, and fact-link syntax in the short fields shown as typed."""
    for loc, text in strings(entity_doc.data):
        if not unicodedata.is_normalized("NFC", text):
            at = first_not_nfc(text)
            char = text[at]
            line, col = entity_doc.where(loc)
            problems.add(entity_doc.path, line, col,
                         f"text is not in Unicode NFC (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')} after '{text[max(at - 1, 0)]}')",
                         "retype the accented letter as one character (your editor or a paste split it into letter + accent)")
        field = next((part for part in reversed(loc) if isinstance(part, str)), "")
        if field in RAW_FIELDS and "[[" in text:
            line, col = entity_doc.where(loc)
            problems.add(entity_doc.path, line, col, f"fact link in `{field}:`, which is shown as typed",
                         "write the plain name here; fact links ([[id]]) work only in sentences such as `text:`")


# ---------------------------------------------------------------- entities

def check_site(site: Site, entities: list[Entity], problems: Collector) -> None:
    """All rules that need the validated models and the source texts."""
    for entity in entities:
        model = entity.model
        if getattr(model, "id", None) in RESERVED_IDS:
            _add(problems, entity, ("id",), f"id '{model.id}' is reserved: a page of the site has that name",
                 f"choose another id, e.g. {model.id}-{entity.kind.rstrip('s')}; reserved: {', '.join(sorted(RESERVED_IDS))}")
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
        if isinstance(model, m.Term):
            _check_term(entity, model, problems)


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
                _add(problems, entity, (*loc, name, index), f"'{item}' is listed twice in `{name}:`", "remove the second entry")
            seen.add(key)


def _check_positions(entity: Entity, fight: m.Fight, entity_ids: Any, problems: Collector) -> None:
    parties = getattr(fight, "parties", None)
    seen: set[str] = set()
    for index, position in enumerate(fight.positions):
        if position.actor in seen:
            _add(problems, entity, ("positions", index, "actor"), f"'{position.actor}' has two positions in this {entity.kind.rstrip('s')}",
                 "merge them into one position (one per actor), citing both passages")
        seen.add(position.actor)
        if parties is not None and position.actor not in parties and all(p in entity_ids for p in parties):
            _add(problems, entity, ("positions", index, "actor"), f"'{position.actor}' holds a position but is not among `parties:`",
                 f"add {position.actor} to `parties:`, or give the position to one of: {', '.join(parties)}")


def _check_relations(site: Site, entity: Entity, actor: m.Actor, problems: Collector) -> None:
    seen: set[tuple[str, str]] = set()
    for index, relation in enumerate(actor.relations):
        loc = ("relations", index, "to")
        if relation.to == actor.id:
            _add(problems, entity, loc, f"relation from '{actor.id}' to itself", "a relation ties two different actors; fix `to:`")
            continue
        if (relation.to, relation.kind) in seen:
            _add(problems, entity, loc, f"relation '{relation.kind}' to '{relation.to}' is given twice", "keep one and cite both passages in it")
        seen.add((relation.to, relation.kind))
        other = site.entities.get(relation.to)
        if other is None or not isinstance(other.model, m.Actor) or RELATIONS[relation.kind].symmetric:
            continue
        if any(back.to == actor.id and back.kind == relation.kind for back in other.model.relations):
            if actor.id < relation.to:  # report the pair once, at the first actor in id order
                verb = RELATIONS[relation.kind].verb
                _add(problems, entity, loc, f"contradictory relations: '{actor.id}' {verb} '{relation.to}', and '{relation.to}' {verb} '{actor.id}'",
                     f"'{relation.kind}' goes one way; remove the wrong one (in {problems.rel(other.doc.path)} or here)")


def _check_term(entity: Entity, term: m.Term, problems: Collector) -> None:
    for loc, word in [(("term",), term.term), *((("also", i), w) for i, w in enumerate(term.also))]:
        letters = word.strip()
        if len(letters) < 3 or letters.casefold() in STOPWORDS:
            _add(problems, entity, loc, f"'{word}' is too short or too common to mark as a glossary term in text",
                 "use a term of at least 3 characters that is not an everyday word (it is looked for in every page)")


def _check_citation(site: Site, entity: Entity, loc: tuple[Any, ...], citation: m.Citation, problems: Collector) -> None:
    if citation.speaker is not None:
        speaker = site.entities.get(citation.speaker)
        if speaker is not None and isinstance(speaker.model, m.Actor) and speaker.model.kind not in SPEAKER_KINDS:
            _add(problems, entity, (*loc, "speaker"), f"speaker '{citation.speaker}' is a {speaker.model.kind}, which cannot speak on the record",
                 "name the person or organisation who said it, or choose basis: reported")
    source = site.sources.get(citation.source)
    located = site.located.get((citation.source, normalise(citation.quote)))
    if source is None or located is None:
        return  # an unknown source or a quote not found is reported elsewhere
    needle = normalise(citation.quote)
    words = len(_WORD.findall(needle))
    if words < MIN_QUOTE_WORDS:
        _add(problems, entity, (*loc, "quote"), f"quote of {words} word{'s' if words != 1 else ''} is too short to support a statement",
             f"quote at least {MIN_QUOTE_WORDS} words: the passage that says it")
    elif source.occurrences(citation.quote) > 1:
        _add(problems, entity, (*loc, "quote"), f"quote occurs {source.occurrences(citation.quote)} times in source '{citation.source}', so its link could go to the wrong sentence",
             "quote more words, so that the quote occurs once")
    paragraphs = {s.paragraph for s in located.sentences}
    if len(paragraphs) > 1:
        _add(problems, entity, (*loc, "quote"), f"quote runs across a paragraph break or heading of source '{citation.source}'",
             "quote within one paragraph; cite the other paragraph in a second citation")


def _check_when(site: Site, entity: Entity, loc: tuple[Any, ...], when: m.When, problems: Collector) -> None:
    if when.qualifier is not None and when.precision == "day":
        _add(problems, entity, (*loc, "qualifier"), f"qualifier '{when.qualifier}' on a date given to the day",
             "remove `qualifier:` (early, mid, late and end qualify a month, season or year)")
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
    quoted = [s for c in _citations(entity.model) if c.source == when.source
              for s in (site.located.get((c.source, normalise(c.quote))) or _NOT_FOUND).sentences]
    if any(bare in normalise(s.text).casefold() for s in quoted):
        return
    where = f"the sentences this file quotes from '{when.source}'" if quoted else f"the text of '{when.source}'"
    elsewhere = " (it occurs elsewhere in the source: cite that sentence)" if quoted and bare in normalise(source.text).casefold() else ""
    _add(problems, entity, (*loc, "relative"), f"relative date '{when.relative}' does not occur in {where}{elsewhere}",
         "copy the source's own phrase into `relative:`, from a sentence you cite, or give `value:` instead")


class _NotFound:
    sentences: tuple[Any, ...] = ()


_NOT_FOUND = _NotFound()


def _citations(model: BaseModel) -> Iterator[m.Citation]:
    for _, node in m.walk(model):
        if isinstance(node, m.Citation):
            yield node


def source_text_problem(text: str) -> tuple[int, int, str, str] | None:
    """An empty source text, or one not in NFC: (line, col, message, hint)."""
    if not text.strip():
        return 1, 1, "source text is empty", "paste the source's full text into the file"
    if not unicodedata.is_normalized("NFC", text):
        at = first_not_nfc(text)
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        return line, col, f"source text is not in Unicode NFC (U+{ord(text[at]):04X} {unicodedata.name(text[at], 'UNNAMED')})", \
            "normalise the file to NFC (e.g. `uconv -x any-nfc`), then run reverify; quotes are compared in NFC"
    return None


def first_not_nfc(text: str) -> int:
    """Offset of the first character that NFC would change (with the one before it)."""
    for index in range(len(text)):
        pair = text[max(index - 1, 0): index + 1]
        if unicodedata.normalize("NFC", pair) != pair:
            return index
    return 0
