"""Render stage: validated content → a mapping of page path to Markdown, through Jinja templates."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from build_tools.load.history import History, page_change
from build_tools.model.vocab import CHANGE_KINDS, LANGUAGES
from build_tools.model.wording import DEFAULT_WORDING, Wording
from build_tools.render import camps, relmap, structured, timeline, views
from build_tools.render.markup import escape_attr, finalize
from build_tools.render.page import PageContext, has_own_page, page_target, quoted
from build_tools.render.pagecache import BuildPages, RecordingEnvironment
from build_tools.validate import newsflow, statements
from build_tools.validate.site import Site

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
def environment(compiled: Path | None = None, templates: Path = TEMPLATES) -> RecordingEnvironment:
    """One Jinja environment per process (and cache and template folder); templates compile once and are reused.

    `compiled` is the project's cache folder for compiled templates (the plugin's `cache` option), so a
    new process need not compile them again; None keeps them in memory only.
    """
    env = RecordingEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=CompiledOnDisk(compiled) if compiled is not None else None,
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
        CHANGE_KINDS=CHANGE_KINDS,
        LANGUAGES=LANGUAGES,
        quoted=quoted,
    )
    env.filters["html"] = escape_attr  # for values inside raw HTML, where Markdown escapes would show
    return env


# Characters a YAML reader would not keep as they are inside a double-quoted value: controls YAML does not
# allow, and NEL, LS and PS, which it reads as line breaks (and folds into a space).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_json(value: Any) -> str:
    """A value as JSON that reads back the same as YAML, every character kept as it is (`json.dumps`' ASCII
    escapes would split a character outside the Basic Multilingual Plane, an emoji, into two surrogates,
    which a YAML reader refuses, and the page would lose its title and description)."""
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def front_matter(title: str, description: str, source_file: str | None, jsonld: str = "", **extra: Any) -> Markup:
    """YAML front matter: values as JSON strings (valid YAML), titles HTML-escaped, an empty title left out."""
    lines = [
        "---",
        *([f"title: {yaml_json(str(escape(title)))}"] if title else []),
        f"description: {yaml_json(str(escape(description)))}",
    ]
    if source_file:
        lines.append(f"source_file: {yaml_json(source_file)}")
    if jsonld:  # already safe inside <script>: the theme prints it as it is
        lines.append(f"jsonld: {yaml_json(jsonld)}")
    for key, value in extra.items():  # search keywords, hidden sidebars: JSON is valid YAML
        if value:
            lines.append(f"{key}: {yaml_json(value)}")
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
        names = [name for term in terms for name in (term.term, *term.also)] + list(getattr(model, "keywords", []))
    return [str(escape(name)) for name in dict.fromkeys(names)]


@dataclass(frozen=True)
class Rendering:
    """How the pages are rendered: the plugin's `wording` and `cache` options, and where links start from."""

    wording: Wording = DEFAULT_WORDING  # the site's own words
    compiled: Path | None = None  # the folder for compiled templates; None keeps them in memory
    links_from: str = "page"  # "file" for exported Markdown (see PageContext)
    templates: Path = TEMPLATES  # the page templates (the package's own; tests edit a copy)


DEFAULT_RENDERING = Rendering()


@dataclass
class Renderer:
    """Renders one build's pages: each template with its page helpers and the shared context."""

    site: Site
    project_root: Path
    history: History | None
    today: dt.date
    rendering: Rendering = DEFAULT_RENDERING
    cached: BuildPages | None = None  # pages kept from the previous build, when there is a page cache

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
        """One page: front matter, JSON-LD, and the template's Markdown (reused when nothing it read changed)."""
        args = (path, kind, template, title, description, source_id, hide)
        if self.cached is None:
            return self._page(self.site, *args, **context)
        settings = (self.today, self.history, self.rendering.wording, self.rendering.links_from, str(self.project_root))
        recipe = (args, sorted(context.items()), settings)
        return self.cached.page(path, recipe, lambda site: self._page(site, *args, **context))

    def _page(
        self,
        site: Site,
        path: str,
        kind: str,
        template: str,
        title: str,
        description: str,
        source_id: str | None,
        hide: tuple[str, ...],
        **context: Any,
    ) -> Page:
        source_file = _rel_file(site, source_id, self.project_root) if source_id else None
        actor = context.get("actor")
        page = PageContext(site, path, gloss=kind != "glossary", links_from=self.rendering.links_from, today=self.today)
        # What the page rests on is known once its body is written (the sources its statements quote); the
        # provenance at its top is rendered after the body, and the front matter is added after both.
        fallback = structured.page_sources(site, None if kind == "home" else source_id)
        as_of = PageAsOf(site, page, fallback, aggregate=source_id is None or kind == "home", markers=kind != "source")
        body = (
            environment(self.rendering.compiled, self.rendering.templates)
            .get_template(template)
            .render(
                p=page,
                site=site,
                words=self.rendering.wording,
                title=title,
                description=description,
                kind=kind,
                as_of=as_of,
                based_on=as_of,
                today=self.today,
                last_changed=page_change(self.history, kind, source_file),
                **context,
            )
        )
        based_on = as_of.sources()
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
            as_of=str(as_of),  # for the footer, which says the date this page stands at
        )
        return Page(path, title, f"{meta}\n\n{body}", source_file, kind)

    def listing(self, key: str, path: str, template: str, hide: tuple[str, ...] = (), **context: Any) -> Page:
        """A page of the site's own (a listing such as the timeline), titled and described by the wording."""
        words = self.rendering.wording.page(key)
        folders = LISTED.get(key, ())
        described = [e.id for folder in folders for e in self.site.of_kind(folder)]
        description = words.describing(self.site.noun(self.site.sources_cited_by(described)))
        return self.page(path, key, template, words.title, description, hide=hide, kicker=words.kicker, **context)


# Listing pages → the folders whose facts they list: their description names those facts' sources.
LISTED = {
    "stances": ("disputes", "questions"),
    "actors": ("actors",),
    "timeline": ("events",),
    "glossary": ("terms",),
}


@dataclass(eq=False)
class PageAsOf:
    """What a page rests on and the date its facts stand at, read after the page's body is rendered.

    A page rests on the sources its shown statements quote and the later reporting it points to ("since
    superseded"), so a later source moves only the pages that use it. A page that quotes nothing (what
    changed) rests on `fallback`: its fact file's sources, or every source. Iterating it gives the sources,
    oldest first, for the provenance line.
    """

    site: Site
    page: PageContext
    fallback: list[str]
    aggregate: bool
    markers: bool = True

    def sources(self) -> list[str]:
        """The sources the page rests on, oldest first."""
        shown = self.page.rests_on() if self.markers else []
        if self.aggregate:
            return shown or self.fallback
        return self.site.by_date([*shown, *self.fallback])

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources())

    def __str__(self) -> str:
        return as_of_line(self.site, self.sources())

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
    rendering: Rendering = DEFAULT_RENDERING,
    cached: BuildPages | None = None,
) -> dict[str, Page]:
    """Every generated page, keyed by its path in the site; with `cached`, unchanged pages are reused."""
    render = Renderer(site, project_root, history, today or dt.date.today(), rendering, cached)
    wording = rendering.wording
    describe = PageContext(site, "").plain
    pages: list[Page] = []
    overviews = site.models("overview")
    overview = overviews[0] if overviews else None
    if overview is not None:
        lead = overview.standfirst or overview.lede
        home = wording.page("home")
        pages.append(
            render.page(
                "index.md",
                "home",
                "home.md.j2",
                overview.title,
                " ".join(describe(s.text) for s in lead if s.superseded is None),
                overview.id,
                hide=("navigation", "toc"),
                overview=overview,
                kicker=home.kicker,
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
                describe(statements.newest(site, fight.summary).text),
                fight.id,
                fight=fight,
                kicker=wording.page("question").kicker if kind == "question" else wording.tiers[fight.tier].one,
            )
        )
    pages.append(render.listing("stances", "stances.md", "stances.md.j2", hide=("navigation", "toc")))
    pages.append(render.listing("actors", "actors/index.md", "actors_index.md.j2", hide=("navigation", "toc")))
    for actor in site.models("actors"):
        if not has_own_page(site, actor.id):  # an entry on the cast page instead
            continue
        pages.append(
            render.page(
                f"actors/{actor.id}.md",
                "actor",
                "actor.md.j2",
                actor.name,
                describe(actor.current_role.text),
                actor.id,
                actor=actor,
            )
        )
    pages.append(render.listing("timeline", "timeline.md", "timeline.md.j2", hide=("navigation", "toc")))
    terms = sorted(site.models("terms"), key=lambda t: t.term.lower())
    pages.append(render.listing("glossary", "glossary.md", "glossary.md.j2", hide=("navigation",), terms=terms))
    citing = site.citing()
    source_words = wording.page("sources")
    for source_id in site.sources_by_date():
        source = site.sources[source_id]
        pages.append(
            render.page(
                f"sources/{source_id}.md",
                "source",
                "source.md.j2",
                source.meta.title,
                source_words.describing(source.meta.short),
                source_id,
                hide=("navigation",),
                source=source,
                citing=citing,
                kicker=source_words.kicker,
            )
        )
    home_label = wording.page("home").label
    pages.append(render.listing("changes", "changes.md", "changes.md.j2", hide=("navigation", "toc"), home=home_label))
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


def navigation(site: Site, wording: Wording = DEFAULT_WORDING) -> list[Any]:
    """MkDocs-style nav for the generated pages, nested so Material's per-page cost stays flat."""
    actors = [
        {section: nav_groups([(a.name, f"actors/{a.id}.md") for a in members if has_own_page(site, a.id)])}
        for section, members in views.actor_sections(site)
        if any(has_own_page(site, a.id) for a in members)
    ]
    fights = nav_groups([(f.title, page_target(site, f.id)) for f in site.fights()])
    sources = nav_groups([(site.sources[sid].meta.title, f"sources/{sid}.md") for sid in site.sources_by_date()])
    label = {key: words.label for key, words in wording.pages.items()}
    source_words = wording.page("sources")
    return [
        {label["home"]: "index.md"},
        # The stance table opens the disputes: every dispute in a row, each linked to its page.
        {label["disputes"]: ["stances.md", *fights]},
        {label["actors"]: ["actors/index.md", *actors]},
        "timeline.md",
        *([{source_words.title: sources[0]}] if len(sources) == 1 else [{source_words.label: sources}]),
        "glossary.md",
        "changes.md",
    ]
