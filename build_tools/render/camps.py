"""Sides and clusters: which actors stand with which party, derived from their cited relations.

The overview names the parties whose sides the story pits against each other (`sides:`) and other
groups worth drawing together (`clusters:`). An actor is on a party's side when a chain of relations
that put a subject on its object's side (`joins_side`: leads, works for, is made by…, or a declared kind)
leads to that party; no membership is asserted that the source does not support.
"""

from __future__ import annotations

from build_tools.render.tracking import site_query
from build_tools.validate.site import Site


def sides(site: Site) -> list[str]:
    """The parties whose sides the story pits against each other, in the overview's order."""
    overviews = site.models("overview")
    return list(overviews[0].sides) if overviews else []


def clusters(site: Site) -> list[str]:
    """Other groups the map draws together (e.g. a joint venture and the people at its launch)."""
    overviews = site.models("overview")
    return list(overviews[0].clusters) if overviews else []


@site_query  # one actor's answer from an index of every actor
def side_of(site: Site, actor_id: str) -> str | None:
    """The party whose side an actor is on, or None."""
    return site.memo("sides_by_actor", lambda: _sides_by_actor(site)).get(actor_id)


@site_query
def cluster_of(site: Site, actor_id: str) -> str | None:
    """The cluster an actor on no side belongs to: one it is tied to directly, or None."""
    return site.memo("clusters_by_actor", lambda: _clusters_by_actor(site)).get(actor_id)


def _sides_by_actor(site: Site) -> dict[str, str]:
    parties = sides(site)
    found: dict[str, str] = {party: party for party in parties}

    def resolve(actor_id: str, seen: frozenset[str]) -> str | None:
        if actor_id in found:
            return found[actor_id]
        for relation in site.get(actor_id).relations:  # the editor's order decides between two sides
            if (
                site.relation_kinds()[relation.kind].joins_side
                and relation.to not in seen
                and site.kind_of(relation.to) == "actors"
            ):
                party = resolve(relation.to, seen | {actor_id})
                if party is not None:
                    return party
        return None

    for actor in site.models("actors"):
        party = resolve(actor.id, frozenset())
        if party is not None:
            found[actor.id] = party
    return found


def _clusters_by_actor(site: Site) -> dict[str, str]:
    found: dict[str, str] = {}
    for cluster in clusters(site):
        found.setdefault(cluster, cluster)
        for subject, relation in site.relations_of(cluster):
            other = relation.to if subject == cluster else subject
            if side_of(site, other) is None:
                found.setdefault(other, cluster)
    return found


@site_query  # a side's label depends on its actor's name alone
def side_label(site: Site, party: str) -> str:
    """How a side is named on pages: "Lantern Bay's side"."""
    return f"{site.get(party).name}\u2019s side"


def by_side(site: Site, actor_ids: list[str]) -> list[tuple[str | None, list[str]]]:
    """Actor ids grouped by side, in the overview's order of sides, then those on no side (None)."""
    groups: dict[str | None, list[str]] = {party: [] for party in sides(site)}
    for actor_id in actor_ids:
        groups.setdefault(side_of(site, actor_id), []).append(actor_id)
    return [(party, members) for party, members in groups.items() if members]


def group_class(site: Site, camp: str) -> str:
    """A camp's CSS class by its role, never its id, so one stylesheet fits any story: side-N, cluster or none."""
    if camp in sides(site):
        return f"side-{sides(site).index(camp) + 1}"
    return "cluster" if camp in clusters(site) else "none"


@site_query  # one tie's sourcing from an index of every tie
def tie_hedge(site: Site, subject: str, kind: str, obj: str) -> str:
    """ "sources said" for a tie only unnamed sources support, "in our reading" for one only this site's reading
    supports, else "": the map, the ties in words and the infoboxes never state either as bare fact."""
    return site.memo("tie_hedges", lambda: _tie_hedges(site)).get((subject, kind, obj), "")


def tie_attribution(site: Site, subject: str, kind: str, obj: str) -> str:
    """The hedge after a tie told in a sentence: ", sources said", or ""."""
    hedge = tie_hedge(site, subject, kind, obj)
    return f", {hedge}" if hedge else ""


def tie_label(site: Site, subject: str, kind: str, obj: str) -> str:
    """A tie's words on the map's line: its verb, with "(sources said)" or "(our reading)" as tie_hedge says."""
    verb = site.relation_kinds()[kind].verb
    hedge = tie_hedge(site, subject, kind, obj).removeprefix("in ")  # "(our reading)" on a line
    return f"{verb} ({hedge})" if hedge else verb


# A tie's hedge by the firmest basis among its citations: reported or named speakers need none.
_HEDGES = {"anonymous": "sources said", "inferred": "in our reading"}


def _tie_hedges(site: Site) -> dict[tuple[str, str, str], str]:
    hedges = {}
    for actor in site.models("actors"):
        for relation in actor.relations:
            bases = {citation.basis for citation in relation.cite}
            if not bases & {"reported", "on-record"}:
                hedges[(actor.id, relation.kind, relation.to)] = _HEDGES[
                    "anonymous" if "anonymous" in bases else "inferred"
                ]
    return hedges
