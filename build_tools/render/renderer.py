"""Render stage: validated content → a mapping of page path to Markdown, through Jinja templates."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from build_tools import PROJECT_ROOT
from build_tools.load.history import History, page_change
from build_tools.model.vocab import CHANGE_KINDS, TIERS
from build_tools.render import camps, relmap, structured, timeline, views
from build_tools.render.markup import escape_attr, finalize
from build_tools.render.page import PageContext, page_target, quoted
from build_tools.validate import newsflow
from build_tools.validate.site import Site

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
COMPILED_TEMPLATES = PROJECT_ROOT / ".cache" / "templates"


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, its Markdown and the fact file it comes from."""

    path: str
    title: str
    markdown: str
    source_file: str | None
    kind: str


class CompiledOnDisk(jinja2.FileSystemBytecodeCache):
    """Compiled page templates kept between processes, as Python keeps `__pycache__`.

    Compiling the templates took a third of the generator's time on the real content. Jinja checks
    each entry against the template's source, so an edited template is compiled again; a folder
    that cannot be written only costs the compilation.
    """

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from disk; an unreadable cache only means compiling again."""
        try:
            super().load_bytecode(bucket)
        except OSError:
            return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store a freshly compiled template, or skip it when the disk refuses."""
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            return


@cache
def environment() -> jinja2.Environment:
    """One Jinja environment for the process; templates compile once and are reused."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=CompiledOnDisk(COMPILED_TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # output is Markdown: `finalize` escapes every value that is not Markup
    )
    env.globals.update(
        relmap=relmap,
        views=views,
        newsflow=newsflow,
        camps=camps,
        timeline=timeline,
        TIERS=TIERS,
        CHANGE_KINDS=CHANGE_KINDS,
        quoted=quoted,
    )
    env.filters["html"] = escape_attr  # for values inside raw HTML, where Markdown escapes would show
    return env


def front_matter(title: str, description: str, source_file: str | None, jsonld: str = "", **extra: Any) -> Markup:
    """YAML front matter: values as JSON strings (valid YAML), titles HTML-escaped, an empty title left out."""
    lines = [
        "---",
        *([f"title: {json.dumps(str(escape(title)))}"] if title else []),
        f"description: {json.dumps(str(escape(description)))}",
    ]
    if source_file:
        lines.append(f"source_file: {json.dumps(source_file)}")
    if jsonld:  # already safe inside <script>: the theme prints it as it is
        lines.append(f"jsonld: {json.dumps(jsonld, ensure_ascii=False)}")
    for key, value in extra.items():  # search keywords, hidden sidebars: JSON is valid YAML
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("generated: true")
    lines.append("---")
    return Markup("\n".join(lines))


def _rel_file(site: Site, entity_id: str, project_root: Path) -> str:
    path = site.entities[entity_id].doc.path.resolve()
    try:
        return path.relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def search_keywords(site: Site, entity_id: str | None) -> list[str]:
    """Words search should find a page by that its text may not use: an actor's other names, a fight's terms.

    HTML-escaped, as titles are: Material's search shows them as markup."""
    if entity_id is None:
        return []
    model = site.get(entity_id)
    if site.kind_of(entity_id) == "actors":
        names = [alias.name for alias in model.aliases]
    else:
        terms = [site.get(t) for t in getattr(model, "terms", [])]
        names = [name for term in terms for name in (term.term, *term.also)]
    return [str(escape(name)) for name in dict.fromkeys(names)]


@dataclass
class Renderer:
    """Renders one build's pages: each template with its page helpers and the shared context."""

    site: Site
    project_root: Path
    history: History | None
    today: dt.date
    links_from: str = "page"

    def page(
        self,
        path: str,
        kind: str,
        template: str,
        title: str,
        description: str,
        source_id: str | None = None,
        hide: tuple[str, ...] = (),
        **context: Any,
    ) -> Page:
        """One page: front matter, JSON-LD, and the template's Markdown."""
        site = self.site
        source_file = _rel_file(site, source_id, self.project_root) if source_id else None
        actor = context.get("actor")
        # The home page draws on every fact file (cards, leverage, key numbers), not only the overview's.
        based_on = structured.page_sources(site, None if kind == "home" else source_id)
        jsonld = (
            structured.actor_ld(site, actor, description, based_on)
            if actor
            else structured.article_ld(site, title, description, based_on)
        )
        # The home page's <title> is the site's name alone: a title in its front matter would make it "name - name".
        meta = front_matter(
            "" if kind == "home" else title,
            description,
            source_file,
            jsonld,
            tags=search_keywords(site, source_id),
            hide=list(hide),
        )
        page = PageContext(site, path, gloss=kind != "glossary", links_from=self.links_from)
        markdown = (
            environment()
            .get_template(template)
            .render(
                p=page,
                site=site,
                title=title,
                description=description,
                meta=meta,
                kind=kind,
                # The home page lists every source, but stands at the date of the statements it shows.
                as_of=PageAsOf(
                    site, page, based_on, aggregate=source_id is None or kind == "home", markers=kind != "source"
                ),
                based_on=based_on,
                today=self.today,
                last_changed=page_change(self.history, kind, source_file),
                **context,
            )
        )
        return Page(path, title, markdown, source_file, kind)


@dataclass(eq=False)
class PageAsOf:
    """A page's "facts as of" date, read when the provenance line is written (after the page's body).

    A page built from one fact file stands at the newest source that file cites, or that a statement
    shown on it cites (a home page shows the disputes' leverage); a page built from every file stands
    at the newest source its shown statements cite, so a later source moves only the pages that use it.
    """

    site: Site
    page: PageContext
    based_on: list[str]
    aggregate: bool
    markers: bool = True

    def __str__(self) -> str:
        shown = {c.source for marker in self.page.markers for c in marker.cites} if self.markers else set()
        if self.aggregate:
            return as_of_line(self.site, sorted(shown) or self.based_on)
        return as_of_line(self.site, sorted(shown | set(self.based_on)))

    def __bool__(self) -> bool:
        return bool(str(self))

    @property
    def shows_facts(self) -> bool:
        """Whether the page states facts; one that does not (what changed) gives the sources' span instead."""
        return bool(self.page.markers) or not self.aggregate


def as_of_line(site: Site, source_ids: list[str]) -> str:
    """The date a page's facts stand at: the newest of the sources it rests on."""
    newest = site.newest_published(source_ids)
    return newest.label() if newest is not None else ""


def render_site(
    site: Site,
    project_root: Path,
    history: History | None = None,
    today: dt.date | None = None,
    links_from: str = "page",
) -> dict[str, Page]:
    """Every generated page, keyed by its path in the site (links_from: see PageContext)."""
    render = Renderer(site, project_root, history, today or dt.date.today(), links_from)
    describe = PageContext(site, "").plain
    pages: list[Page] = []
    overviews = site.models("overview")
    overview = overviews[0] if overviews else None
    if overview is not None:
        lead = overview.standfirst or overview.lede
        pages.append(
            render.page(
                "index.md",
                "home",
                "home.md.j2",
                overview.title,
                " ".join(describe(s.text) for s in lead),
                overview.id,
                hide=("navigation", "toc"),
                overview=overview,
            )
        )
    pages.append(
        render.page(
            "disputes/index.md",
            "disputes",
            "disputes_index.md.j2",
            "The disputes",
            "Every point of conflict in the story, ranked: the main fights, then the flashpoints.",
        )
    )
    for fight in site.fights():
        folder = site.kind_of(fight.id)
        kind = "dispute" if folder == "disputes" else "question"
        pages.append(
            render.page(
                f"{folder}/{fight.id}.md",
                kind,
                "fight.md.j2",
                fight.title,
                describe(fight.summary.text),
                fight.id,
                fight=fight,
            )
        )
    pages.append(
        render.page(
            "stances.md",
            "stances",
            "stances.md.j2",
            "Who stands where",
            "Each side's position in each dispute, in a few words, with its source.",
            hide=("navigation", "toc"),
        )
    )
    pages.append(
        render.page(
            "actors/index.md",
            "actors",
            "actors_index.md.j2",
            "Who\u2019s who",
            "The people, organisations, products and projects in the story, and how they are tied.",
            hide=("navigation", "toc"),
        )
    )
    for actor in site.models("actors"):
        pages.append(
            render.page(
                f"actors/{actor.id}.md",
                "actor",
                "actor.md.j2",
                actor.name,
                describe(actor.role.text),
                actor.id,
                actor=actor,
            )
        )
    pages.append(
        render.page(
            "timeline.md",
            "timeline",
            "timeline.md.j2",
            "Timeline",
            f"The events of the story on a time axis, from {site.source_noun()}'s dates.",
            hide=("navigation", "toc"),
        )
    )
    terms = sorted(site.models("terms"), key=lambda t: t.term.lower())
    pages.append(
        render.page(
            "glossary.md",
            "glossary",
            "glossary.md.j2",
            "Glossary",
            f"The terms the story uses, each defined from {site.source_noun()}.",
            hide=("navigation",),
            terms=terms,
        )
    )
    citing = site.citing()
    for source_id, source in sorted(site.sources.items()):
        pages.append(
            render.page(
                f"sources/{source_id}.md",
                "source",
                "source.md.j2",
                source.meta.title,
                "The full text of the source, sentence by sentence, with the facts that cite each sentence.",
                source_id,
                hide=("navigation",),
                source=source,
                citing=citing,
            )
        )
    pages.append(
        render.page(
            "changes.md",
            "changes",
            "changes.md.j2",
            "What changed",
            "What changed in the facts this site is built from, newest first, corrections flagged.",
            hide=("navigation", "toc"),
        )
    )
    return {page.path: page for page in pages}


# Material renders every sibling of the current page's section into each page; sections longer than
# this are split into labelled groups (recursively) so a page's nav stays short as the content grows.
NAV_GROUP = 40


def nav_groups(entries: list[tuple[str, str]]) -> list[Any]:
    """Nav paths, as they are when few; else groups of at most NAV_GROUP labelled "first – last"."""
    if len(entries) <= NAV_GROUP:
        return [path for _, path in entries]
    size = NAV_GROUP
    while -(-len(entries) // size) > NAV_GROUP:
        size *= NAV_GROUP
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)]
    return [{f"{chunk[0][0]} – {chunk[-1][0]}": nav_groups(chunk)} for chunk in chunks]


def navigation(site: Site) -> list[Any]:
    """MkDocs-style nav for the generated pages, nested so Material's per-page cost stays flat."""
    actors = [
        {section: nav_groups([(a.name, f"actors/{a.id}.md") for a in members])}
        for section, members in views.actor_sections(site)
    ]
    fights = nav_groups([(f.title, page_target(site, f.id)) for f in site.fights()])
    sources = nav_groups([(site.sources[sid].meta.title, f"sources/{sid}.md") for sid in sorted(site.sources)])
    return [
        {"Home": "index.md"},
        {"Disputes": ["disputes/index.md", *fights]},
        "stances.md",
        {"Who\u2019s who": ["actors/index.md", *actors]},
        "timeline.md",
        *([{"The source": sources[0]}] if len(sources) == 1 else [{"Sources": sources}]),
        "glossary.md",
        "changes.md",
    ]
