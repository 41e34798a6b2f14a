"""Validate stage: typed models, unique ids, cross-references, quotes and dates, all problems at once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from build_tools.load import placeholders
from build_tools.load.facts import RawFile, read_source_text
from build_tools.load.pins import check_pin
from build_tools.load.renames import Renames
from build_tools.load.safety import describe_foreign
from build_tools.load.yamlload import strings
from build_tools.model import models as m
from build_tools.model.dates import SUPPORTED_PHRASES, Date, DateError, Span, parse_value, resolve_relative
from build_tools.model.models import walk
from build_tools.model.sources import SourceText, normalise
from build_tools.model.vocab import FOLDER_NOUNS, ID_PATTERN
from build_tools.problems import Collector, did_you_mean
from build_tools.validate import chronology, explain, newsflow, rules
from build_tools.validate.site import Entity, Site, SiteDraft

# (model, field) → folder(s) whose ids the field refers to; None means any entity.
REFERENCES: dict[tuple[type[BaseModel], str], str | tuple[str, ...] | None] = {
    (m.Citation, "source"): "sources",
    (m.Citation, "speaker"): "actors",
    (m.When, "source"): "sources",
    (m.Relation, "to"): "actors",
    (m.Position, "actor"): "actors",
    (m.SideNote, "actor"): "actors",
    (m.Dispute, "parties"): "actors",
    (m.Fight, "events"): "events",
    (m.Fight, "terms"): "terms",
    (m.Question, "disputes"): "disputes",
    (m.Overview, "sides"): "actors",
    (m.Overview, "clusters"): "actors",
    (m.ChangeNote, "about"): None,
    (m.Event, "actors"): "actors",
    (m.Event, "disputes"): ("disputes", "questions"),
    (m.Term, "see_also"): None,
    (m.Figure, "related"): None,
}


# References that may name their own file: an actor quoted in its own file, a date relative to its own source;
# a relation to itself has a rule of its own (rules.py). Every other reference to its own file is refused.
SELF_REFERENCE_ALLOWED = {(m.Citation, "speaker"), (m.When, "source"), (m.Relation, "to")}


def validate(raw_files: list[RawFile], problems: Collector, today: dt.date | None = None) -> Site:
    """Check everything, collecting problems; the caller aborts once if any were found.

    `today` is the day no date may pass (chronology.py); by default the latest day anywhere on Earth."""
    # id → folder of files that already have a problem: references to them are not reported again.
    broken: dict[str, str] = {}
    entities: list[Entity] = []
    for raw in raw_files:
        placeholders.report_in_doc(raw.doc, problems)
        rules.check_text(raw.doc, problems)
        if raw.kind == "sources":
            placeholders.report_in_source_text(raw.doc, problems)
        entity = _to_model(raw, problems) if raw.doc.data is not None else None
        if entity is None:
            broken.setdefault(raw.doc.path.stem, raw.kind)
        else:
            entities.append(entity)
    draft = SiteDraft()
    _register(entities, draft, problems, broken)
    _read_sources(draft, problems)
    content_dir = raw_files[0].doc.path.parent.parent if raw_files else problems.root
    suggest = Suggester(Renames(content_dir, problems.root))
    for entity in entities:
        for loc, node in walk(entity.model):
            _check_node(draft, entity, loc, node, problems, broken, suggest)
        _check_fact_links(draft, entity, problems, broken, suggest)
    newsflow.resolve_status_dates(draft, entities, problems, _parse_when)
    site = draft.freeze()  # the tables are complete: the checks below only read them
    newsflow.check_supersessions(site, entities, problems, broken)
    rules.check_site(site, entities, problems)
    chronology.check_chronology(site, entities, problems, today or chronology.today_anywhere())
    return site


def _to_model(raw: RawFile, problems: Collector) -> Entity | None:
    model_cls = m.KINDS[raw.kind]
    newsflow.alias_single_status(raw.kind, raw.doc)
    try:
        model = model_cls.model_validate(raw.doc.data)
    except ValidationError as err:
        explain.report_model_errors(raw.doc, model_cls, err, problems)
        return None
    return Entity(raw.kind, model, raw.doc)


def _register(entities: list[Entity], site: SiteDraft, problems: Collector, broken: dict[str, str]) -> None:
    """Index entities by id, checking ids are unique and match their file names."""
    for entity in entities:
        model_id = entity.model.id
        line, col = entity.doc.where(("id",))
        if model_id != entity.doc.path.stem:
            problems.add(
                entity.doc.path,
                line,
                col,
                f"id '{model_id}' does not match the file name '{entity.doc.path.name}'",
                f"rename the file to {model_id}.yaml or change the id",
            )
            broken.setdefault(entity.doc.path.stem, entity.kind)
        if model_id in site.entities:
            other = site.entities[model_id]
            problems.add(
                entity.doc.path,
                line,
                col,
                f"id '{model_id}' is already used by {problems.rel(other.doc.path)}",
                "ids are unique across all of content/; choose another id",
            )
            continue
        site.add(entity)


def _read_sources(site: SiteDraft, problems: Collector) -> None:
    """Read each source's text and resolve its publication date (relative dates depend on it)."""
    for entity in sorted((e for e in site.entities.values() if e.kind == "sources"), key=lambda e: e.id):
        meta: m.SourceMeta = entity.model
        line, _ = entity.doc.where(("text_file",))
        text = read_source_text(entity.doc.path, meta.text_file, problems, line)
        if text is not None and placeholders.in_text(text):
            text = None  # a text still to be pasted (reported as a placeholder): no quote is looked for in it
        published = _parse_when(entity, ("published",), meta.published, None, problems)
        if text is not None:
            check_pin(entity.doc, meta, text, problems)
        if text is not None and published is not None:
            site.sources[meta.id] = SourceText(meta, text)
            site.dates[(meta.id, ("published",))] = published


class Suggester:
    """The hint for an unknown id: the file's new id when git saw it renamed, else the closest existing id."""

    def __init__(self, renames: Renames) -> None:
        self.renames = renames

    def hint(self, ref: str, candidates: list[str]) -> str:
        """ "did you mean …?" for an unknown id, or "" when no existing id is clearly meant."""
        new = self.renames.new_id(ref)
        if new is not None and new in candidates:
            return f"did you mean '{new}'? ({ref}.yaml was renamed to {new}.yaml)"
        return did_you_mean(ref, candidates) or _contained(ref, candidates)


def _contained(ref: str, candidates: list[str]) -> str:
    """The one id whose words hold all of ref's words, or all of whose words ref holds ('agi' → 'agi-question')."""
    words = set(ref.split("-"))
    matches = [c for c in candidates if words <= set(c.split("-")) or set(c.split("-")) <= words]
    return f"did you mean '{matches[0]}'?" if len(matches) == 1 else ""


def _check_node(
    site: SiteDraft,
    entity: Entity,
    loc: tuple[Any, ...],
    node: BaseModel,
    problems: Collector,
    broken: dict[str, str],
    suggest: Suggester,
) -> None:
    """Check one model node's references, quote and dates."""
    for (owner, field), kind in REFERENCES.items():
        if isinstance(node, owner):
            self_allowed = (owner, field) in SELF_REFERENCE_ALLOWED
            value = getattr(node, field)
            _check_refs(site, entity, (*loc, field), value, kind, problems, broken, suggest, self_allowed)
    if isinstance(node, m.Citation):
        _check_quote(site, entity, loc, node, problems)
    if isinstance(node, m.Event) and loc == ():
        _check_event_dates(site, entity, node, problems)


# Anything that looks like a fact link, so that `[[Jane Doe]]` is reported rather than shown as typed.
_LINK_LIKE = re.compile(r"\[\[(.*?)\]\]")
_ID = re.compile(rf"^{ID_PATTERN}$")
# Fields copied verbatim from elsewhere: `[[` in them is text, not a link.
VERBATIM_FIELDS = {"quote", "url", "text_file"}


def _check_fact_links(
    site: SiteDraft, entity: Entity, problems: Collector, broken: dict[str, str], suggest: Suggester
) -> None:
    """Every `[[id]]` in a text field must name an existing entity."""
    ids = site.entities.keys()  # only read for "did you mean", i.e. on the error path
    for loc, text in strings(entity.doc.data):
        if (loc and loc[-1] in VERBATIM_FIELDS) or placeholders.is_placeholder(text):
            continue
        for match in _LINK_LIKE.finditer(text):
            ref = match.group(1).split("|", 1)[0]
            line, col = entity.doc.where(loc)
            if not _ID.match(ref):
                slug = re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-")
                suggestion = did_you_mean(slug, sorted(ids)) if slug else ""
                foreign = next((c for c in ref if not c.isascii()), None)
                if foreign is not None:
                    line, col = entity.doc.find(loc, foreign)
                problems.add(
                    entity.doc.path,
                    line,
                    col,
                    f"fact link '[[{ref}]]' must hold an id"
                    + (f": {describe_foreign(foreign)} is not allowed in one" if foreign else ""),
                    (suggestion + "; " if suggestion else "")
                    + "write [[id]] with the id of a fact file, e.g. [[jane-doe]], or [[id|words to show]]",
                )
            elif ref not in site.entities and ref not in broken:
                problems.add(
                    entity.doc.path,
                    line,
                    col,
                    f"fact link to unknown entity '{ref}'",
                    suggest.hint(ref, sorted(ids)) or "use the id of a file in content/, or remove the brackets",
                )


def _check_refs(
    site: SiteDraft,
    entity: Entity,
    loc: tuple[Any, ...],
    value: Any,
    kind: str | tuple[str, ...] | None,
    problems: Collector,
    broken: dict[str, str],
    suggest: Suggester,
    self_allowed: bool = False,
) -> None:
    ids = value if isinstance(value, list) else [value]
    kinds = (kind,) if isinstance(kind, str) else kind
    for index, ref in enumerate(ids):
        where = entity.doc.where((*loc, index) if isinstance(value, list) else loc)
        if ref is not None and ref == entity.id and not self_allowed:
            problems.add(
                entity.doc.path,
                *where,
                f"'{ref}' is this file's own id: `{loc[-1]}:` cannot list it",
                f"`{loc[-1]}:` names other facts; remove '{ref}' from it",
            )
            continue
        if ref is None or (ref in broken and (kinds is None or broken[ref] in kinds)):
            continue
        target = site.entities.get(ref)
        if target is not None and (kinds is None or target.kind in kinds):
            continue
        noun = " or ".join(FOLDER_NOUNS[k] for k in kinds) if kinds else "entity"
        candidates = [e.model.id for e in site.entities.values() if kinds is None or e.kind in kinds]
        hint = suggest.hint(ref, candidates) or f"add content/{kinds[0] if kinds else '…'}/{ref}.yaml, or fix the id"
        problems.add(entity.doc.path, *where, f"unknown {noun} '{ref}'", hint)


def _check_quote(
    site: SiteDraft, entity: Entity, loc: tuple[Any, ...], citation: m.Citation, problems: Collector
) -> None:
    source = site.sources.get(citation.source)
    if source is None:
        return  # an unknown source is already reported as a reference problem
    if placeholders.is_placeholder(citation.quote):
        return  # reported as a placeholder
    located = source.locate(citation.quote)
    if located is None:
        foreign = next((c for c in normalise(citation.quote) if not c.isascii() and c not in source.characters), None)
        if foreign is not None:  # a look-alike letter or a sign the source never uses: name it, where it is
            line, col = entity.doc.find((*loc, "quote"), foreign)
            message = f"quote not found in source '{citation.source}': {describe_foreign(foreign)} is not in the source"
        else:
            line, col = entity.doc.where((*loc, "quote"))
            message = f"quote not found in source '{citation.source}'"
        problems.add(
            entity.doc.path,
            line,
            col,
            message,
            f"closest passage: \u201c{source.closest(citation.quote)}\u201d; copy the words exactly",
        )
        return
    site.located[(citation.source, normalise(citation.quote))] = located


def _check_event_dates(site: SiteDraft, entity: Entity, event: m.Event, problems: Collector) -> None:
    if event.when is None:  # an undated event: the timeline shows it as such
        if event.until is not None:
            line, col = entity.doc.where(("until",))
            problems.add(
                entity.doc.path,
                line,
                col,
                "`until:` without `when:`",
                "give the start as `when:`, or remove `until:` for an event the source does not date",
            )
        return
    start = _parse_when(entity, ("when",), event.when, site, problems)
    end = _parse_when(entity, ("until",), event.until, site, problems) if event.until else None
    if start:
        site.dates[(event.id, ("when",))] = start
    if end:
        site.dates[(event.id, ("until",))] = end
        if start and end.sort_key() < start.sort_key():
            line, col = entity.doc.where(("until",))
            problems.add(
                entity.doc.path,
                line,
                col,
                f"event ends ({end.label()}) before it starts ({start.label()})",
                "swap `when:` and `until:`, or correct one of them",
            )


def _parse_when(
    entity: Entity, loc: tuple[Any, ...], when: m.When, site: SiteDraft | None, problems: Collector
) -> Date | Span | None:
    """Resolve a When: parse its value, resolve its relative phrase, and check they agree."""
    from_value = from_phrase = None
    if placeholders.is_placeholder(when.value):
        return None  # reported as a placeholder
    try:
        if when.value is not None:
            from_value = parse_value(when.value, when.precision, when.qualifier)
    except DateError as err:
        problems.add(
            entity.doc.path,
            *entity.doc.where((*loc, "value")),
            str(err),
            "write YYYY-MM-DD (day), YYYY-MM (month), YYYY-summer (season) or YYYY (year), matching `precision:`",
        )
        return None
    if when.relative is not None:
        anchor = site.dates.get((when.source, ("published",))) if site and when.source else None
        if not isinstance(anchor, Date):
            return from_value  # the missing source is reported as a reference problem; published is a day
        try:
            from_phrase = resolve_relative(when.relative, anchor)
        except DateError as err:
            problems.add(
                entity.doc.path,
                *entity.doc.where((*loc, "relative")),
                str(err),
                f"supported phrases: {SUPPORTED_PHRASES}; or give `value:` instead",
            )
            return None
        if when.qualifier and isinstance(from_phrase, Date) and from_phrase.qualifier is None:
            from_phrase = Date(
                from_phrase.year,
                from_phrase.precision,
                from_phrase.month,
                from_phrase.day,
                from_phrase.season,
                when.qualifier,
            )
        if from_phrase.precision != when.precision:
            problems.add(
                entity.doc.path,
                *entity.doc.where((*loc, "precision")),
                f"precision '{when.precision}' contradicts '{when.relative}', which gives a {from_phrase.precision}",
                f"set `precision: {from_phrase.precision}`",
            )
            return None
    if from_value and from_phrase and from_value.iso() != from_phrase.iso():
        problems.add(
            entity.doc.path,
            *entity.doc.where((*loc, "value")),
            f"value '{when.value}' disagrees with '{when.relative}' ({from_phrase.label()})",
            "correct one of them, or remove `value:` and let the phrase decide",
        )
        return None
    return from_value or from_phrase
