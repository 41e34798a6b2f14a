"""Render stage: validated content → a mapping of page path to Markdown, through Jinja templates."""

from __future__ import annotations

import json
import re
from itertools import groupby
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import PROJECT_ROOT
from . import models as m
from . import relmap, structured
from .views import stance_tables, timeline_filters
from .history import History, page_change
from .markup import FACT_LINK, escape_attr, escape_plain, escape_prose, finalize, plain_text
from .site import Site
from .sources import normalise

TEMPLATES = Path(__file__).parent / "templates"
COMPILED_TEMPLATES = PROJECT_ROOT / ".cache" / "templates"
BASIS_LABEL = {basis: label for basis, (label, _) in m.BASIS_WORDS.items()}
KIND_SECTION = {"person": "People", "organisation": "Organisations", "product": "Products and projects", "project": "Products and projects"}


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


@lru_cache(maxsize=None)
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
    env.globals.update(basis_label=basis_label, relation_sentence=relation_sentence, abbreviations=abbreviations,
                       relmap=relmap)
    env.filters["html"] = escape_attr  # for values inside raw HTML, where Markdown escapes would show
    env.tests["related_to"] = lambda event, dispute: event.id in dispute.events or dispute.id in event.disputes
    return env


RELATION_VERB = {
    "leads": "leads", "works-for": "works for", "worked-for": "worked for", "co-founded": "co-founded",
    "invests-in": "invests in", "partner-of": "is a partner of", "rival-of": "is a rival of",
    "part-of": "is part of", "made-by": "is made by", "joined": "joined", "counterparty": "is a counterparty of",
}


def basis_label(citation: m.Citation, page: PageContext) -> str:
    """How the source knows it, in words; on-record citations name the speaker."""
    if citation.basis == "on-record" and citation.speaker:
        return f"on the record: {page.name(citation.speaker)}"
    return BASIS_LABEL[citation.basis]


def relation_sentence(page: PageContext, subject: str, relation: m.Relation) -> Markup:
    """A tie between two actors as a short sentence with links, e.g. "Sam Altman leads OpenAI"."""
    return Markup(f"{page.link(subject)} {RELATION_VERB[relation.kind]} {page.link(relation.to)}.")


_ABBR_SAFE = re.compile(r"^[\w][\w .'’&-]*$")


def abbreviations(site: Site) -> list[Markup]:
    """Markdown abbreviation lines so each glossary term shows its definition as a tooltip."""
    return site.memo("abbreviations", lambda: _abbreviation_lines(site))  # every page includes them


def _abbreviation_lines(site: Site) -> list[Markup]:
    lines: list[Markup] = []
    seen: set[str] = set()
    for term in site.models("terms"):
        definition = plain_text(FACT_LINK.sub(lambda match: display_name(site, match.group(1)), term.definition.text))
        for word in [term.term, *term.also]:
            if word in seen or not _ABBR_SAFE.match(word):
                continue  # a name with brackets or markup cannot be an abbreviation safely
            seen.add(word)
            # Angle brackets never reach the tooltip: the line is read before inline HTML is escaped.
            lines.append(Markup(f"*[{word}]: {definition.replace('<', '').replace('>', '')}"))
    return lines


def page_target(site: Site, entity_id: str) -> str:
    """Site path (and anchor) of the page that presents an entity."""
    kind = site.kind_of(entity_id)
    return {
        "actors": f"actors/{entity_id}.md",
        "disputes": f"disputes/{entity_id}.md",
        "questions": f"questions/{entity_id}.md",
        "sources": f"sources/{entity_id}.md",
        "events": f"timeline.md#{entity_id}",
        "terms": f"glossary.md#{entity_id}",
        "figures": f"index.md#{entity_id}",
        "overview": "index.md",
    }[kind]


def display_name(site: Site, entity_id: str) -> str:
    """The canonical name or title of any entity."""
    model = site.get(entity_id)
    for attr in ("name", "title", "term", "label"):
        if hasattr(model, attr):
            return str(getattr(model, attr))
    return entity_id


@dataclass
class Note:
    """One numbered citation in a page's source list."""

    number: int
    citation: m.Citation
    href: str
    sentence_id: str
    artifacts: list[tuple[str, str]]


@dataclass
class PageContext:
    """Helpers a template calls while rendering one page; collects the page's citations."""

    site: Site
    path: str
    notes: list[Note] = field(default_factory=list)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def url(self, target: str) -> str:
        """A site path made relative to this page, as MkDocs expects in Markdown links."""
        file_part, _, anchor = target.partition("#")
        relative = _relpath(file_part, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def html_href(self, entity_id: str) -> str:
        """Relative URL of an entity's built page, for raw HTML (where MkDocs rewrites no .md links)."""
        here = structured.directory_url(self.path) or "./"
        target = structured.directory_url(page_target(self.site, entity_id))
        path, _, anchor = target.partition("#")
        relative = posixpath.relpath(path or ".", here) + "/"
        return (relative if relative != "./" else "./") + (f"#{anchor}" if anchor else "")

    def relmap_svg(self) -> Markup:
        """The relationship map as inline SVG whose nodes link to actor pages."""
        hrefs = {actor.id: self.html_href(actor.id) for actor in self.site.models("actors")}
        return Markup(relmap.svg(self.site, hrefs))

    def href(self, entity_id: str) -> str:
        """Relative link to an entity's page."""
        return self.url(page_target(self.site, entity_id))

    def name(self, entity_id: str) -> str:
        """Canonical name of an entity."""
        return display_name(self.site, entity_id)

    def link(self, entity_id: str, label: str | None = None) -> Markup:
        """A Markdown link to an entity, labelled with its name."""
        text = escape_plain(label if label is not None else self.name(entity_id))
        return Markup(f"[{text}]({self.href(entity_id)})")

    def links(self, ids: list[str]) -> Markup:
        """Comma-separated links to several entities."""
        return Markup(", ").join(self.link(i) for i in ids)

    def prose(self, text: str) -> Markup:
        """Prose with emphasis and `[[id]]` links kept, all else escaped."""
        return escape_prose(text, lambda ref: str(self.link(ref)))

    def say(self, item: Any) -> Markup:
        """A cited statement: its text, a badge per kind of sourcing, and numbered citation markers."""
        return Markup(f"{self.prose(item.text)} {self.badges(item.cite)}{self.markers(item.cite)}")

    def badges(self, cites: list[m.Citation]) -> Markup:
        """Badges naming how the source knows it (on the record, anonymous…), one per kind."""
        spans: list[str] = []
        for citation in cites:
            label = BASIS_LABEL[citation.basis]
            if citation.basis == "on-record" and citation.speaker:
                label = f"on the record: {self.name(citation.speaker)}"
            span = f'<span class="basis basis-{escape_attr(citation.basis)}">{escape_attr(label)}</span>'
            if span not in spans:
                spans.append(span)
        return Markup(" ".join(spans))

    def markers(self, cites: list[m.Citation]) -> Markup:
        """Footnote-style markers; each links to the quoted sentence and shows the quote on focus."""
        out = []
        for citation in cites:
            note = self._note_for(citation)
            tip = escape_attr(f"\u201c{citation.quote}\u201d ({BASIS_LABEL[citation.basis]})")
            out.append(
                f'<sup class="cite">[\\[{note.number}\\]]({note.href})'
                f'{{ .cite-link data-basis="{escape_attr(citation.basis)}" aria-label="Source {note.number}" }}'
                f'<span class="cite-tip" role="tooltip">{tip}</span></sup>'
            )
        return Markup("".join(out))

    def _note_for(self, citation: m.Citation) -> Note:
        key = (citation.source, normalise(citation.quote))
        if key in self._numbers:
            return self.notes[self._numbers[key] - 1]
        located = self.site.locate(citation)
        number = len(self.notes) + 1
        href = self.url(f"sources/{citation.source}.md#{located.anchor}")
        note = Note(number, citation, href, located.anchor, self._artifacts(citation.quote))
        self._numbers[key] = number
        self.notes.append(note)
        return note

    def _artifacts(self, quote: str) -> list[tuple[str, str]]:
        """Aliases the quote keeps (translation artifacts), as (alias, explanation)."""
        aliases = self.site.memo("aliases", lambda: _alias_notes(self.site))  # not a scan of all actors per quote
        return [explained for name, explained in aliases.items() if name in quote]

    def plain(self, text: str) -> str:
        """Prose as plain text: fact links become names (for descriptions)."""
        return plain_text(FACT_LINK.sub(lambda match: self.name(match.group(1)), text))

    def date(self, entity_id: str, which: str = "when") -> str:
        """A resolved date's label at its precision."""
        resolved = self.site.date(entity_id, which)
        return resolved.label() if resolved else ""

    def iso(self, entity_id: str, which: str = "when") -> str:
        """A resolved date in machine form."""
        resolved = self.site.date(entity_id, which)
        return resolved.iso() if resolved else ""

    def front_matter(self, title: str, description: str, source_file: str | None, jsonld: str = "") -> Markup:
        """YAML front matter; values are JSON strings (valid YAML) and titles are HTML-escaped."""
        lines = ["---", f"title: {json.dumps(str(escape(title)))}", f"description: {json.dumps(str(escape(description)))}"]
        if source_file:
            lines.append(f"source_file: {json.dumps(source_file)}")
        if jsonld:  # already safe inside <script>: the theme prints it as it is
            lines.append(f"jsonld: {json.dumps(jsonld, ensure_ascii=False)}")
        lines.append("generated: true")
        lines.append("---")
        return Markup("\n".join(lines))


@lru_cache(maxsize=65536)  # posixpath.relpath resolves against the working directory: slow, and called per link
def _relpath(path: str, start: str) -> str:
    return posixpath.relpath(path, start)


def _alias_notes(site: Site) -> dict[str, tuple[str, str]]:
    """Each alias name (first actor in id order that has it) → (alias explanation, note)."""
    notes: dict[str, tuple[str, str]] = {}
    for actor in site.models("actors"):
        for alias in actor.aliases:
            notes.setdefault(alias.name, (f"\u201c{alias.name}\u201d is {actor.name}", alias.note))
    return notes


def _render(site: Site, template: str, path: str, **context: Any) -> str:
    page = PageContext(site, path)
    as_of = site.as_of()
    return environment().get_template(template).render(p=page, site=site, as_of=as_of.label(), **context)


def _rel_file(site: Site, entity_id: str, project_root: Path) -> str:
    path = site.entities[entity_id].doc.path.resolve()
    try:
        return path.relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def render_site(site: Site, project_root: Path, history: History | None = None) -> dict[str, Page]:
    """Every generated page, keyed by its path in the site."""
    pages: dict[str, Page] = {}
    describe = PageContext(site, "").plain

    def add(path: str, kind: str, template: str, title: str, description: str, source_id: str | None = None, **context: Any) -> None:
        source_file = _rel_file(site, source_id, project_root) if source_id else None
        actor = context.get("actor")
        based_on = structured.page_sources(site, source_id)
        jsonld = structured.actor_ld(site, actor, description, based_on) if actor else structured.article_ld(site, title, description, based_on)
        markdown = _render(site, template, path, title=title, description=description, source_file=source_file,
                           jsonld=jsonld, last_changed=page_change(history, kind, source_file), **context)
        pages[path] = Page(path, title, markdown, source_file, kind)

    overviews = site.models("overview")
    overview = overviews[0] if overviews else None
    add("index.md", "home", "home.md.j2", overview.title if overview else "Overview",
        describe(overview.lede[0].text) if overview else "", overview.id if overview else None, overview=overview)
    add("actors/index.md", "actors", "actors_index.md.j2", "Actors",
        "The people, organisations, products and projects in the OpenAI–Microsoft story.", sections=actor_sections(site))
    for actor in site.models("actors"):
        add(f"actors/{actor.id}.md", "actor", "actor.md.j2", actor.name, describe(actor.role.text), actor.id, actor=actor)
    add("disputes/index.md", "disputes", "disputes_index.md.j2", "Disputes",
        "The points of conflict between OpenAI and Microsoft, with each side's position.")
    for dispute in site.models("disputes"):
        add(f"disputes/{dispute.id}.md", "dispute", "dispute.md.j2", dispute.title, describe(dispute.summary.text), dispute.id, dispute=dispute)
    for question in site.models("questions"):
        add(f"questions/{question.id}.md", "question", "question.md.j2", question.title, describe(question.summary.text), question.id, question=question)
    events = site.events_sorted()
    years = [(year, list(group)) for year, group in groupby(events, key=lambda e: site.dates[(e.id, ("when",))].year)]
    add("timeline.md", "timeline", "timeline.md.j2", "Timeline", "The dated events of the OpenAI–Microsoft story, in order.",
        years=years, filters=timeline_filters(site, events))
    add("stances.md", "stances", "stances.md.j2", "Who stands where",
        "Each side's position in each dispute, in a few words, with its citation.", tables=stance_tables(site))
    terms = sorted(site.models("terms"), key=lambda t: t.term.lower())
    add("glossary.md", "glossary", "glossary.md.j2", "Glossary", "Terms used in the OpenAI–Microsoft story, defined from the source.", terms=terms, abbreviate=False)
    citing = site.citing()
    for source_id, source in sorted(site.sources.items()):
        add(f"sources/{source_id}.md", "source", "source.md.j2", source.meta.title,
            f"The full text of the source, sentence by sentence, with the facts that cite each sentence.", source_id, source=source, citing=citing)
    add("changes.md", "changes", "changes.md.j2", "What changed", "Every change to the facts this site is built from, by date.", history=history)
    return pages


def actor_sections(site: Site) -> list[tuple[str, list[m.Actor]]]:
    """Actors grouped into People, Organisations, Products and projects."""
    groups: dict[str, list[m.Actor]] = {}
    for actor in sorted(site.models("actors"), key=lambda a: a.name.lower()):
        groups.setdefault(KIND_SECTION[actor.kind], []).append(actor)
    order = ["People", "Organisations", "Products and projects"]
    return [(name, groups[name]) for name in order if name in groups]


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
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
    return [{f"{chunk[0][0]} – {chunk[-1][0]}": nav_groups(chunk)} for chunk in chunks]


def navigation(site: Site) -> list[Any]:
    """MkDocs-style nav for the generated pages, nested so Material's per-page cost stays flat."""
    actors = [{section: nav_groups([(a.name, f"actors/{a.id}.md") for a in members])} for section, members in actor_sections(site)]
    disputes = nav_groups([(d.title, f"disputes/{d.id}.md") for d in sorted(site.models("disputes"), key=lambda d: d.title.lower())])
    questions = [f"questions/{q.id}.md" for q in site.models("questions")]
    nav: list[Any] = [
        "index.md",
        {"Disputes": ["disputes/index.md", *disputes]},
        *(questions if len(questions) <= NAV_GROUP else [{"Questions": nav_groups([(site.get(q.split("/")[1][:-3]).title, q) for q in questions])}]),
        {"Actors": ["actors/index.md", *actors]},
        "stances.md",
        "timeline.md",
        {"Sources": nav_groups([(site.sources[sid].meta.title, f"sources/{sid}.md") for sid in sorted(site.sources)])},
        "glossary.md",
        "changes.md",
    ]
    return nav
