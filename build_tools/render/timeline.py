"""The timeline on a time axis: events, year marks, the source's date and today, spaced by time.

Items flow down the page in time order; the space before each one grows with the months since
the one before (in steps the stylesheet knows, since the Content-Security-Policy allows no inline
styles), and a long empty stretch is drawn as a break in the axis. Events the source gives no date
come after the axis, as such.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.validate.site import Site, agree, possessive

MONTHS_PER_STEP = 2  # one step of space per two months between items
MAX_STEP = 8  # longer gaps are capped…
BREAK_MONTHS = 18  # …and from this long on, drawn as a break in the axis


@dataclass
class Item:
    """One thing on the axis: an event, a year mark, the source's date or today."""

    kind: str  # "event", "year", "source" or "today"
    months: float  # months since year 0, for spacing
    gap: int = 0  # steps of space before it
    broken: bool = False  # a break in the axis before it (a long empty stretch)
    event: m.Event | None = None
    label: str = ""
    iso: str = ""
    after_sources: bool = False  # later than the newest source: its outcome is not covered
    span: bool = False  # the event covers a period (drawn from where it starts)
    quiet_years: int = 0  # on a break: about how many years pass with nothing on the axis
    name: str = ""  # on the source's mark: how the site names the newest source ("the article")


def _months(date: Date | Span) -> float:
    year, month, day = date.sort_key()
    return year * 12 + (month - 1) + (day - 1) / 31


def axis(site: Site, today: dt.date) -> list[Item]:
    """The dated events with year marks, the newest source's date and today, in time order, spaced."""
    # The newest source the events rest on: a later source that dates none of them moves no mark here.
    cited = site.sources_cited_by(e.id for e in site.models("events")) or site.sources_by_date()
    source_date = site.newest_published(cited) or site.as_of()
    newest = [sid for sid in cited if site.date(sid, "published") == source_date]
    mark = Item("source", _months(source_date), label=source_date.label(), iso=source_date.html_datetime())
    mark.name = site.noun(newest)
    items = [mark]
    built = Date(today.year, "day", today.month, today.day)
    items.append(Item("today", _months(built), label=built.label(), iso=built.html_datetime()))
    for event in site.events_sorted():
        when = site.date(event.id)
        if when is not None and not _long_span(when):
            items.append(
                Item(
                    "event",
                    _months(when),
                    event=event,
                    label=when.label(),
                    iso=when.html_datetime(),
                    after_sources=when.sort_key() > source_date.sort_key(),
                    span=isinstance(when, Span),
                )
            )
    first = int(min(i.months for i in items) // 12)
    last = int(max(i.months for i in items) // 12)
    items += [Item("year", year * 12 - 0.01, label=str(year), iso=str(year)) for year in range(first + 1, last + 1)]
    items.sort(key=lambda i: (i.months, i.kind != "year"))
    items = _collapse_empty_years(items)
    for before, item in itertools.pairwise(items):
        months = item.months - before.months
        item.broken = item.broken or months >= BREAK_MONTHS
        item.gap = 1 if item.broken else min(MAX_STEP, round(months / MONTHS_PER_STEP))
    return items


def _collapse_empty_years(items: list[Item]) -> list[Item]:
    """Across a long empty stretch keep only the year mark nearest the next item, with the break before it.

    Year marks every twelve months would otherwise hide the stretch: no two neighbours would be
    BREAK_MONTHS apart, and the page would show empty years at full height.
    """
    kept: list[Item] = []
    previous: Item | None = None  # the last item that is not a year mark
    pending: list[Item] = []  # year marks since then
    for item in items:
        if item.kind == "year":
            pending.append(item)
            continue
        if previous is not None and pending and item.months - previous.months >= BREAK_MONTHS:
            pending = pending[-1:]
            pending[0].broken = True
            pending[0].quiet_years = max(1, round((item.months - previous.months) / 12))
        kept += pending
        kept.append(item)
        previous, pending = item, []
    return kept + pending


def _long_span(when: Date | Span) -> bool:
    """A stretch the source counts back ("in the past year", "in the past six years"): no single point on the
    axis fits it, since the event may fall anywhere in it, so it is shown before the axis with its span."""
    return isinstance(when, Span)


def backdrop(site: Site) -> list[tuple[m.Event, str]]:
    """Events over a stretch of time, shown before the axis with their span, as (event, label)."""
    spans = [(event, site.date(event.id)) for event in site.events_sorted()]
    return [(event, when.label()) for event, when in spans if when is not None and _long_span(when)]


def undated(site: Site) -> list[m.Event]:
    """Events the source gives no date, in id order."""
    return [e for e in site.events_sorted() if site.date(e.id) is None]


def filters(site: Site) -> list[tuple[str, str]]:
    """Filter chips: the fights that have events, main fights first, as (value, label)."""
    with_events = {d.id for e in site.models("events") for d in site.disputes_of_event(e)}
    return [(f"fight-{f.id}", f.title) for f in site.fights() if f.id in with_events]


def events_noun(site: Site, events: list[m.Event] | None = None) -> str:
    """How a sentence names the sources some events (all by default) cite: "the article", "the sources"."""
    chosen = site.models("events") if events is None else events
    return site.noun(site.sources_cited_by(e.id for e in chosen))


def spans_heading(site: Site, spans: list[tuple[m.Event, str]]) -> str:
    """The heading over the events the sources date only as a stretch counted back from their own date."""
    noun = events_noun(site, [event for event, _ in spans])
    return f"Over a stretch of time, counted back from {possessive(noun)} date"


def dates_note(site: Site) -> str:
    """How precise the dates are, and from which source's date each relative one counts back."""
    noun = events_noun(site)
    note = f"Dates are as precise as {noun} {agree(noun, 'gives', 'give')} them"
    counted = site.by_date(
        when.source for e in site.models("events") for when in (e.when, e.until) if when and when.source
    )
    examples = [
        f"\u201cin the year to {site.date(sid, 'published').label()}\u201d means "  # type: ignore[union-attr]
        f"{site.sources[sid].meta.short} counts back from its own date"
        for sid in counted
    ]
    return note + ("; " + "; ".join(examples) if examples else "") + "."


def undated_note(site: Site) -> str:
    """The lead of the undated events, naming the source(s) they come from."""
    noun = events_noun(site, undated(site))
    return f"{noun[:1].upper()}{noun[1:]} {agree(noun, 'gives', 'give')} no date for these events."


def no_date(site: Site, event: m.Event) -> str:
    """An undated event's date line, naming the source(s) it comes from: "The article gives no date"."""
    noun = events_noun(site, [event])
    return f"{noun[:1].upper()}{noun[1:]} {agree(noun, 'gives', 'give')} no date"


@dataclass(frozen=True)
class Due:
    """An event the sources looked ahead to: its date, and the newest date of the sources that told of it."""

    event: m.Event
    when: Date | Span
    sources_end: Date | Span
    passed: bool  # the date is over by the build date, and the sources cannot say what happened


def due(site: Site, event_id: str, today: dt.date) -> Due | None:
    """The event as a deadline or expected event (dated after the sources that tell of it), or None.

    Driven by the dates in the facts: an event marked `expected: true`, or dated later than the newest
    source its summary cites, was ahead when the sources were written; once the build date is past its
    last day, pages must say so.
    """
    if site.kind_of(event_id) != "events":
        return None
    event: m.Event = site.get(event_id)
    when = site.date(event_id)
    sources_end = site.newest_published(c.source for c in event.summary.cite)
    if when is None or sources_end is None:
        return None
    expected = event.when is not None and event.when.expected
    if not expected and when.sort_key() <= sources_end.sort_key():
        return None
    return Due(event, when, sources_end, passed=when.last_day() < today)


def due_note(item: Due) -> str:
    """What a reader must be told beside a mention of the event: "The end of 2025 has passed; …"."""
    label = item.when.label()
    label = f"the {label}" if label.startswith("end of") else label
    label = label[:1].upper() + label[1:]
    if item.passed:
        return f"{label} has passed; these sources end in {item.sources_end.label()} and do not say what happened."
    return f"Still ahead when these sources end, in {item.sources_end.label()}."
