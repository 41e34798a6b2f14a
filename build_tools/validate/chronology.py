"""Dates against time: nothing is dated after today, and no statement is dated after the sources it rests on,
unless its date is marked `expected: true` (a deadline, a plan or a forecast the source looks ahead to).

A vague date is read at its widest ("late 2025" is 1 September to 31 December), so only a date that is
certainly later is refused. "Today" is the latest day anywhere on Earth (UTC+14), so an editor's today is
never in the future, and `check` and the build agree whatever the build's SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.problems import Collector
from build_tools.validate.site import Entity, Site

EXPECTED_HINT = (
    "if the source looks ahead to it (a deadline, a plan, a forecast), mark the date `expected: true`; "
    "otherwise correct it"
)


def today_anywhere() -> dt.date:
    """The latest calendar day anywhere on Earth right now (UTC+14): no date an editor writes is later."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def check_chronology(site: Site, entities: list[Entity], problems: Collector, today: dt.date) -> None:
    """Every resolved date against today and against the newest source its statement cites."""
    for entity in entities:
        model = entity.model
        if isinstance(model, m.SourceMeta):
            _check_source(site, entity, model, problems, today)
        elif isinstance(model, m.ChangeNote):
            day = dt.date.fromisoformat(model.date)
            _not_after_today(entity, ("date",), day, "a change cannot be dated after today", problems, today)
        elif isinstance(model, m.Event):
            sources = [c.source for _, c in _citations(model)]
            for which in ("when", "until"):
                when, resolved = getattr(model, which), site.date(model.id, which)
                if when is not None and resolved is not None:
                    _check_dated(site, entity, (which,), when, resolved, sources, problems, today)
        elif isinstance(model, m.Fight):
            for index, entry in enumerate(model.status):
                resolved = site.dates.get((model.id, ("status", index)))
                if entry.when is not None and resolved is not None:
                    sources = [c.source for c in entry.cite]
                    _check_dated(
                        site, entity, ("status", index, "when"), entry.when, resolved, sources, problems, today
                    )


def _check_dated(
    site: Site,
    entity: Entity,
    loc: tuple[Any, ...],
    when: m.When,
    resolved: Date | Span,
    sources: Iterable[str],
    problems: Collector,
    today: dt.date,
) -> None:
    """A statement's date: not after today, not after its newest source, unless expected (and then truly ahead)."""
    where = (*loc, "value" if when.value is not None else "relative")
    newest = site.newest_published(sources)
    if when.expected:
        if newest is not None and resolved.last_day() < newest.earliest():
            _add(
                problems,
                entity,
                (*loc, "expected"),
                f"'{resolved.label()}' is marked `expected: true`, but it is before its source "
                f"({newest.label()}), which reports it as past",
                "remove `expected: true`: only a date the source looks ahead to is expected",
            )
        return
    if resolved.earliest() > today:
        _add(problems, entity, where, f"'{resolved.label()}' has not come yet: it is after today", EXPECTED_HINT)
    elif newest is not None and resolved.earliest() > newest.last_day():
        _add(
            problems,
            entity,
            where,
            f"'{resolved.label()}' is after {newest.label()}, the date of the newest source this cites, "
            "so the source cannot report it as past",
            EXPECTED_HINT + ", or cite the later source that reports it",
        )


def _check_source(site: Site, entity: Entity, meta: m.SourceMeta, problems: Collector, today: dt.date) -> None:
    """A source is published and retrieved by today, and retrieved no earlier than it was published."""
    if meta.published.expected:
        _add(
            problems,
            entity,
            ("published", "expected"),
            "a source's publication date cannot be expected",
            "remove `expected: true`: a source we hold has been published",
        )
    published = site.date(meta.id, "published")
    if published is not None and published.earliest() > today:
        where = ("published", "value" if meta.published.value is not None else "relative")
        _add(problems, entity, where, f"'{published.label()}' has not come yet: it is after today", "correct it")
    retrieved = dt.date.fromisoformat(meta.retrieved)
    if not _not_after_today(
        entity, ("retrieved",), retrieved, "a text cannot be retrieved after today", problems, today
    ):
        return
    if published is not None and retrieved < published.earliest():
        _add(
            problems,
            entity,
            ("retrieved",),
            f"the text was retrieved on {meta.retrieved}, before it was published ({published.label()})",
            "correct `retrieved:` (the day the text was taken) or `published:`",
        )


def _not_after_today(
    entity: Entity, loc: tuple[Any, ...], day: dt.date, why: str, problems: Collector, today: dt.date
) -> bool:
    if day <= today:
        return True
    _add(
        problems,
        entity,
        loc,
        f"{day.isoformat()} has not come yet: {why}",
        "write the day it happened, YYYY-MM-DD",
    )
    return False


def _add(problems: Collector, entity: Entity, loc: tuple[Any, ...], message: str, hint: str) -> None:
    problems.add(entity.doc.path, *entity.doc.where(loc), message, hint)


def _citations(model: Any) -> Iterable[tuple[Any, m.Citation]]:
    return ((loc, node) for loc, node in m.walk(model) if isinstance(node, m.Citation))
