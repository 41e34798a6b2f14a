"""Names unique across files: the names readers and the generator tell facts apart by.

An actor's name and aliases, a glossary term and its other spellings, a dispute's or question's title and a
source's title are each unique among the files of their kinds (case and spacing ignored): a second would be
silently dead (a glossary word links to the first term only) or indistinguishable in lists and the nav.
"""

from __future__ import annotations

from typing import Any

from build_tools.problems import Collector
from build_tools.validate.site import Entity, Site

# Names readers and the generator tell things apart by, each unique across the files of its kinds:
# (kinds, what the names are called, the names of one model with where each is written).
_NAME_SPACES: list[tuple[tuple[str, ...], str, Any]] = [
    (
        ("actors",),
        "actor",
        lambda a: [(("name",), a.name), *((("aliases", i, "name"), x.name) for i, x in enumerate(a.aliases))],
    ),
    (("terms",), "glossary term", lambda t: [(("term",), t.term), *((("also", i), w) for i, w in enumerate(t.also))]),
    (("disputes", "questions"), "dispute or question", lambda f: [(("title",), f.title)]),
    (("sources",), "source", lambda s: [(("title",), s.title)]),
]


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def check_unique_names(site: Site, problems: Collector) -> None:
    """Two actors with one name or alias, two terms claiming one word, two fights or sources with one title:
    the second would be silently dead (a glossary word links to the first term only) or indistinguishable."""
    for kinds, noun, names_of in _NAME_SPACES:
        owners: dict[str, tuple[Entity, tuple[Any, ...]]] = {}
        for entity in sorted((site.entities[m_.id] for kind in kinds for m_ in site.models(kind)), key=lambda e: e.id):
            for loc, name in names_of(entity.model):
                key = _name_key(name)
                first = owners.setdefault(key, (entity, loc))
                if first == (entity, loc) or (first[0] is entity and loc[0] == first[1][0] == "also"):
                    continue  # the same entry, or twice in one list of words (_check_lists reports that)
                whose = (
                    f"this {noun}'s {_field_noun(first[1])}"
                    if first[0] is entity
                    else f"the {_field_noun(first[1])} of {'an' if noun[0] in 'aeiou' else 'a'} {noun} in "
                    + problems.rel(first[0].doc.path)
                )
                _add(
                    problems,
                    entity,
                    loc,
                    f"'{name}' is already {whose}",
                    f"each {noun} needs names of its own, or the site cannot tell them apart; "
                    "remove this one or make it more specific",
                )


def _field_noun(loc: tuple[Any, ...]) -> str:
    return {"name": "name", "aliases": "alias", "term": "term", "also": "other spelling", "title": "title"}[loc[0]]


def _add(problems: Collector, entity: Entity, loc: tuple[Any, ...], message: str, hint: str) -> None:
    problems.add(entity.doc.path, *entity.doc.where(loc), message, hint)
