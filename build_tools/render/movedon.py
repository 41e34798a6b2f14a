"""How a page shows statements the news moved on from: earlier reporting, dated, and what replaced it.

A superseded statement stays where it was, quiet and dated ("Earlier reporting, as of <its date>: …"),
with why (its cited reason, or this site's own note) and a link to the later reporting. A statement
that replaced one carries "Updated <date>; earlier reporting", a link back. A statement that carries its
own date (`when:`) says it. The page (render/page.py's PageContext) provides the prose, markers, anchors
and addresses; this module decides what is said.

The lookups below read an index of every statement (validate/statements.py); each is a `site_query`,
so a page that shows a statement depends on that statement's answer, not on the whole index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup

from build_tools.model import models as m
from build_tools.model.dates import Date, Span
from build_tools.render.markup import escape_attr
from build_tools.render.tracking import site_query
from build_tools.validate import statements
from build_tools.validate.site import Site


class PageContext(Protocol):
    """What this module needs of the page it writes on (render/page.py's PageContext provides it)."""

    site: Site
    later: set[str]  # sources of later reporting the page points to

    def prose(self, text: str, gloss: bool = True) -> Markup: ...
    def marker(self, cites: list[m.Citation]) -> Markup: ...
    def statement_url(self, place: Spot) -> str: ...
    def anchor(self, place: Spot) -> str: ...


@dataclass(frozen=True)
class Spot:
    """Where a statement is shown: its fact, that fact's folder, its anchor, and whether it is a status entry."""

    entity_id: str
    kind: str
    anchor: str
    status: bool


def _spot(place: statements.Place) -> Spot:
    return Spot(place.entity.id, place.entity.kind, place.anchor, place.status)


@site_query
def spot(site: Site, node: Any) -> Spot | None:
    """Where a statement is shown (None for anything that is not one)."""
    place = statements.place_of(site, node)
    return _spot(place) if place is not None else None


@site_query
def replaced(site: Site, node: Any) -> list[Spot]:
    """The statements this one replaced, newest first."""
    return [_spot(place) for place in statements.predecessors(site, node)]


@site_query
def replacement(site: Site, node: Any) -> tuple[Spot, list[str]] | None:
    """The statement that replaced this one, and the sources it cites; None when nothing did."""
    found = statements.successor(site, node)
    return (_spot(found), [c.source for c in found.node.cite]) if found is not None else None


@site_query
def date_of(site: Site, node: Any) -> Date | Span | None:
    """A statement's date: its own, or its newest source's."""
    return statements.date_of(site, node)


@site_query
def own_date(site: Site, node: Any) -> Date | Span | None:
    """The date a statement carries itself (`when:`, outside a status history), or None."""
    return statements.stated_date(site, node)


@site_query
def newest(site: Site, node: Any) -> Any:
    """The statement as things stand: this one, or the last of those that replaced it."""
    return statements.newest(site, node)


def stated_lead(site: Site, item: Any) -> str:
    """ "As of <its date>: " before a statement that carries its own date (unless it says so already)."""
    if getattr(item, "superseded", None) is not None:
        return ""  # earlier reporting gives its date in its own label
    stated = own_date(site, item)
    if stated is None or item.text.lower().startswith(f"as of {stated.label().lower()}"):
        return ""
    return f'<span class="stated-when">As of {escape_attr(stated.label())}:</span> '


def placed(page: PageContext, item: Any, said: Markup) -> Markup:
    """A said statement as it stands among others: earlier reporting, or a replacement with its date, or as said."""
    if getattr(item, "superseded", None) is not None:
        return earlier(page, item, said)  # never dropped: shown as earlier reporting, with its date
    where = spot(page.site, item)
    if where is None or where.status or not replaced(page.site, item):
        return said
    return Markup(f'<span{page.anchor(where)} class="updated-statement">{said}{since(page, item)}</span>')


def since(page: PageContext, item: Any) -> Markup:
    """ "Updated <date>; earlier reporting" (linked) after a replacement; "As of …" after a dated one."""
    before = replaced(page.site, item)
    if not before:
        stated = own_date(page.site, item)
        return Markup(f' <span class="since">As of {escape_attr(stated.label())}</span>' if stated else "")
    date = date_of(page.site, item)
    when = f"Updated {date.label()}" if date is not None else "Updated"
    target = page.statement_url(before[0])
    return Markup(f' <a class="since" href="{escape_attr(target)}">{escape_attr(when)}; earlier reporting</a>')


def earlier(page: PageContext, item: Any, said: Markup) -> Markup:
    """A superseded statement as earlier reporting: dated, quiet, with why and a link to what replaced it.

    The reason is cited like any statement, or else shown as this site's own note, never as reporting.
    """
    superseded: m.Supersession = item.superseded
    date = date_of(page.site, item)
    when = f", as of {date.label()}" if date is not None else ""
    since_label = "Since contradicted" if superseded.rank == "deprecated" else "Since superseded"
    reason = superseded.reason
    if isinstance(reason, m.Reason):
        why = f": {page.prose(reason.text, gloss=False)}{page.marker(reason.cite)}"
    elif reason:
        why = f'. <span class="site-note">Our note: {page.prose(reason, gloss=False)}</span>'
    else:
        why = "."
    found = replacement(page.site, item)
    link = ""
    if found is not None:
        later, sources = found
        page.later.update(sources)  # the page now speaks of that later reporting
        link = f' <a class="superseded-by" href="{escape_attr(page.statement_url(later))}">Later reporting</a>'
    where = spot(page.site, item)
    anchor = page.anchor(where) if where is not None else ""
    return Markup(
        f'<span{anchor} class="superseded superseded-{superseded.rank}">'
        f'<span class="superseded-label">Earlier reporting{when}:</span> {said} '
        f'<span class="superseded-note">{since_label}{why}{link}</span></span>'
    )
