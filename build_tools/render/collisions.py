"""Rendered pages against what else claims their names: a hand-written file that MkDocs would build into the
same place, and an id that a page already uses for another element.

Both are found after rendering and before anything is written, so `check` refuses them as the build does,
and a build never fails halfway. The ids a page uses are read from its rendered Markdown (the templates'
fixed anchors, the ids the templates give facts, and the anchors MkDocs' table of contents makes from
headings), so the rule follows the templates as they change.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.load.docsfiles import MARKDOWN_SUFFIXES as MARKDOWN_SUFFIXES
from build_tools.load.docsfiles import built_path, hand_written
from build_tools.model.vocab import FOLDER_NOUNS
from build_tools.problems import Collector, Problem
from build_tools.render.page import page_target
from build_tools.validate import newsflow
from build_tools.validate.site import Entity, Site

TEMPLATES_HINT = "the generator's templates use this id twice; fix the templates (content files are fine)"


def clash_problems(generated: Iterable[str], docs_dir: Path, problems: Collector, directory_urls: bool = True) -> None:
    """A hand-written file that would be built where a generated page or file goes."""
    if not docs_dir.is_dir():
        return
    ours = {built_path(path, directory_urls): path for path in generated}
    for path in hand_written(docs_dir):
        page = ours.get(built_path(path, directory_urls))
        if page is None:
            continue
        same = "the generated page" if path == page else f"the generated page {page} (both become {built_path(page)})"
        problems.add(
            docs_dir / path,
            1,
            1,
            f"hand-written {problems.rel(docs_dir / path)} clashes with {same}",
            f"rename or remove {problems.rel(docs_dir / path)}; the generator writes {page} from content/",
        )


# -- ids within a page --------------------------------------------------------------------------------------

_RAW_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid=["']([^"']*)["']""")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*([^{}\n]*)\}$")  # attr_list at a heading's end: { #id .class }
_ESCAPED = re.compile(r"\\(.)")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Anchor:
    """An id a page gives an element: `raw` (in HTML), `explicit` (attr_list) or `auto` (a heading's slug)."""

    id: str
    how: str
    text: str = ""  # the heading's words, for an id on a heading


def slugify(text: str) -> str:
    """The id Python-Markdown's table of contents makes from a heading (its default `slugify`)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def page_anchors(markdown: str) -> list[Anchor]:
    """Every id the rendered page gives an element, in order."""
    anchors = [Anchor(html.unescape(match.group(1)), "raw") for match in _RAW_ID.finditer(markdown)]
    for match in _HEADING.finditer(markdown):
        text = match.group(2)
        attributes = _ATTRIBUTES.search(text)
        explicit = re.search(r"#([^\s}]+)", attributes.group(1)) if attributes else None
        words = html.unescape(_TAG.sub("", _ESCAPED.sub(r"\1", text[: attributes.start()] if attributes else text)))
        if explicit is not None:
            anchors.append(Anchor(explicit.group(1), "explicit", words.strip()))
        else:
            anchors.append(Anchor(slugify(words), "auto", words.strip()))
    return anchors


def _clash(first: Anchor, second: Anchor) -> bool:
    """Whether two elements really get one id: the table of contents renames a heading's automatic id
    that another heading or attr_list already took, but it cannot see ids inside raw HTML."""
    return "raw" in (first.how, second.how) or first.how == second.how == "explicit"


Claim = tuple[Entity, tuple[Any, ...], str]  # the fact file, where in it, what the anchor is ("this event's id")


def _claims(site: Site) -> dict[tuple[str, str], Claim]:
    """The anchors content gives elements: (page path, id) → the fact that claims it."""
    claims: dict[tuple[str, str], Claim] = {}
    for entity in site.entities.values():  # facts shown as an entry of a page: its anchor is their id
        page, _, anchor = page_target(site, entity.id).partition("#")
        if anchor:
            claims[(page, anchor)] = (entity, ("id",), f"the id of this {FOLDER_NOUNS[entity.kind]}")
    for fight in site.fights():
        entity = site.entities[fight.id]
        page = page_target(site, fight.id)
        for item in newsflow.status_history(site, fight):
            if item.entry.id is not None:
                where = ("status", item.index, "id")
                described = f"status entry id '{item.entry.id}' (anchor #{item.anchor})"
                claims[(page, item.anchor)] = (entity, where, described)
    for overview in site.models("overview"):
        for actor_id in [*overview.sides, *overview.clusters]:
            if actor_id in site.entities:
                claims[("actors/index.md", f"ties-{actor_id}")] = (
                    site.entities[actor_id],
                    ("id",),
                    f"the id of this actor (anchor #ties-{actor_id} on the actors page)",
                )
    return claims


def duplicate_id_problems(site: Site, pages: dict[str, str], problems: Collector, templates: Path) -> None:
    """An id a page gives two elements, reported at the fact that claims it (else at the templates)."""
    claims = _claims(site)
    for path, markdown in sorted(pages.items()):
        seen: dict[str, Anchor] = {}
        for anchor in page_anchors(markdown):
            first = seen.setdefault(anchor.id, anchor)
            if first is anchor or not anchor.id or not _clash(first, anchor):
                continue
            heading = next((a for a in (first, anchor) if a.how != "raw" and a.text), None)
            what = f"the heading '{heading.text}'" if heading is not None else "another element"
            claim = claims.get((path, anchor.id))
            if claim is None:
                message = f"generated page {path} uses the id '{anchor.id}' twice"
                problems.problems.append(Problem(problems.rel(templates), 1, 1, message, TEMPLATES_HINT))
                continue
            entity, loc, described = claim
            line, col = entity.doc.where(loc)
            problems.add(
                entity.doc.path,
                line,
                col,
                f"{described} is also the id of {what} on the page {path}, so links to #{anchor.id} would go to "
                "the wrong element",
                "choose another id; a page's own headings and sections take their ids first",
            )
