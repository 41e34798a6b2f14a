"""What a template calls while rendering one page: links, prose, citation markers and glossary terms.

A page collects its citations as it renders: one quiet marker per statement opens a popup with the
quotes, and every source sentence the page quotes is listed once at its end.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from build_tools.model import models as m
from build_tools.model.dates import parse_value
from build_tools.model.sources import Sentence
from build_tools.render import movedon
from build_tools.render.markup import Token, escape_attr, mark_terms, plain_text, tokens, write_html
from build_tools.render.structured import directory_url, source_label
from build_tools.render.timeline import due, due_note
from build_tools.render.tracking import site_query
from build_tools.validate.site import Site, possessive

# Pages that show one fact file's statements, each replaced or replacing one at its own anchor (other facts
# sit at their own anchor of a shared page: an event on the timeline, a term in the glossary).
ANCHORED_PAGES = ("actors", "disputes", "questions", "overview")
# The most cautious basis among a statement's citations sets its marker's style.
CAUTION = ["inferred", "anonymous", "reported", "on-record"]
# Nested quotation marks: the source's own double quotes become single inside our double quotes.
_INNER_QUOTES = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})


# An actor gets a page of its own from this many facts on (who it is, what else is told of it, what it
# wants, the positions it takes); with fewer, a page would repeat one line, so it is an entry on the cast page.
ACTOR_PAGE_MIN_FACTS = 3


@site_query  # one actor's answer from an index of every actor
def has_own_page(site: Site, actor_id: str) -> bool:
    """Whether an actor has a page of its own (the story's sides always do), or only an entry on the cast page."""
    return actor_id in site.memo("actors_with_pages", lambda: _actors_with_pages(site))


def _actors_with_pages(site: Site) -> frozenset[str]:
    positions: dict[str, int] = {}
    for fight in site.fights():
        for position in fight.positions:
            positions[position.actor] = positions.get(position.actor, 0) + 1
    sides = {side for overview in site.models("overview") for side in overview.sides}
    return frozenset(
        actor.id
        for actor in site.models("actors")
        if actor.id in sides
        or 1 + len(actor.about) + len(actor.wants) + positions.get(actor.id, 0) >= ACTOR_PAGE_MIN_FACTS
    )


def page_target(site: Site, entity_id: str) -> str:
    """Site path (and anchor) of the page that presents an entity."""
    kind = site.kind_of(entity_id)
    if kind == "actors" and not has_own_page(site, entity_id):
        return f"actors/index.md#{entity_id}"
    return {
        "actors": f"actors/{entity_id}.md",
        "disputes": f"disputes/{entity_id}.md",
        "questions": f"questions/{entity_id}.md",
        "sources": f"sources/{entity_id}.md",
        "events": f"timeline.md#{entity_id}",
        "terms": f"glossary.md#{entity_id}",
        "figures": f"index.md#{entity_id}",
        "overview": "index.md",
        "changes": f"changes.md#{entity_id}",
    }[kind]


@site_query  # a link depends on the name it shows, not on everything else in the fact
def display_name(site: Site, entity_id: str) -> str:
    """The canonical name or title of any entity."""
    model = site.get(entity_id)
    for attr in ("name", "title", "term", "label"):
        if hasattr(model, attr):
            return str(getattr(model, attr))
    return entity_id


def quoted(text: str) -> str:
    """A quotation in curly double quotes, its own double quotes turned single, with no doubled marks."""
    inner = re.sub(r'"([^"]*)"', "\u2018\\1\u2019", text.translate(_INNER_QUOTES))
    return f"\u201c{inner}\u201d"


@dataclass
class Marker:
    """One statement's citation marker: its number and citations."""

    number: int
    cites: tuple[m.Citation, ...]


@dataclass
class CitedSentence:
    """One source sentence a page quotes, listed once at the page's end."""

    source_id: str
    sentence: Sentence
    href: str


@dataclass
class PageContext:
    """Helpers for one page; collects the page's markers, cited sentences and explained terms."""

    site: Site
    path: str
    gloss: bool = True
    # Where relative links start: the page's built address ("page", as MkDocs serves raw HTML untouched),
    # or its Markdown file's folder ("file", as Zensical rewrites links in raw HTML like Markdown links).
    links_from: str = "page"
    today: dt.date | None = None  # the build date: deadlines past by then are flagged where they are named
    markers: list[Marker] = field(default_factory=list)
    cited: dict[tuple[str, str], CitedSentence] = field(default_factory=dict)
    glossed: set[str] = field(default_factory=set)
    later: set[str] = field(default_factory=set)  # sources of later reporting the page points to ("since superseded")
    anchored: set[str] = field(default_factory=set)  # statement anchors already on the page
    flagged: set[str] = field(default_factory=set)  # deadlines already flagged in full on this page

    # -- addresses ---------------------------------------------------------------------------------

    def url(self, target: str) -> str:
        """A site path such as `sources/x.md#s1-2` as a URL relative to this page's built address."""
        folder = directory_url(self.path) if self.links_from == "page" else posixpath.dirname(self.path)
        here = folder or "./"
        path, _, anchor = directory_url(target).partition("#")
        relative = _relpath(path or ".", here) + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def time(self, label: str, iso: str) -> Markup:
        """A date as <time datetime> when it has a machine form HTML accepts, else as plain text."""
        text = escape_attr(label)
        return Markup(
            f'<time datetime="{escape_attr(iso)}">{text}</time>' if iso else f'<span class="date">{text}</span>'
        )

    def href(self, entity_id: str) -> str:
        """Relative URL of an entity's page."""
        return self.url(page_target(self.site, entity_id))

    # -- names and links ---------------------------------------------------------------------------

    def name(self, entity_id: str) -> str:
        """Canonical name of an entity."""
        return display_name(self.site, entity_id)

    def link(self, entity_id: str, label: str | None = None) -> Markup:
        """An HTML link to an entity, labelled with its name."""
        text = escape_attr(label if label is not None else self.name(entity_id))
        return Markup(f'<a href="{escape_attr(self.href(entity_id))}">{text}</a>')

    def links(self, ids: list[str]) -> Markup:
        """Comma-separated links to several entities."""
        return Markup(", ").join(self.link(i) for i in ids)

    def page_links(self, ids: list[str], home: str) -> Markup:
        """Comma-separated links to the pages that tell some facts, the overview's labelled `home` ("Home")."""
        return Markup(", ").join(self.link(i, home if self.site.kind_of(i) == "overview" else None) for i in ids)

    # -- prose ---------------------------------------------------------------------------------------

    def prose(self, text: str, gloss: bool = True) -> Markup:
        """Prose with emphasis and fact links; the first mention of a glossary term explains it."""
        items = tokens(text)
        if gloss and self.gloss:
            items = mark_terms(items, self._find_term)
        return write_html(items, self._link_token, self._term_token)

    def date_label(self, entity_id: str, which: str = "when") -> str:
        """A resolved date at its precision, e.g. "late March 2024"; empty when there is none."""
        resolved = self.site.date(entity_id, which)
        return resolved.label() if resolved is not None else ""

    def day_label(self, iso_day: str) -> str:
        """A YYYY-MM-DD day for readers: "24 November 2026"."""
        return parse_value(iso_day, "day").label()

    def plain(self, text: str) -> str:
        """Prose as plain text: fact links become names (for descriptions)."""
        return plain_text(text, self.name)

    def _link_token(self, token: Token) -> str:
        return str(self.link(token.ref or "", token.text or None))

    def _term_token(self, token: Token) -> str:
        term: m.Term = self.site.get(token.term or "")
        tip = escape_attr(self.plain(term.definition.text))
        return f'<a class="term" href="{escape_attr(self.href(term.id))}" title="{tip}">{escape_attr(token.text)}</a>'

    def _find_term(self, text: str) -> tuple[int, int, str] | None:
        for match in glossary_pattern(self.site).finditer(text):
            term_id = glossary_names(self.site)[match.group(0).lower()]
            if term_id not in self.glossed:
                self.glossed.add(term_id)
                return match.start(), match.end(), term_id
        return None

    # -- statements and citations ----------------------------------------------------------------

    def say(self, item: Any, gloss: bool = True) -> Markup:
        """A cited statement: its prose and one quiet marker that opens its sources.

        A statement that carries its own date says so; a superseded one is shown as earlier reporting, dated;
        one that replaced earlier reporting says since when, linked to the earlier state (render/movedon.py).
        A deadline or expected event it names (a fact link to the event) that is past by the build date is
        flagged right after it.
        """
        lead = movedon.stated_lead(self.site, item)
        said = Markup(f"{lead}{self.prose(item.text, gloss)}{self.marker(item.cite)}{self.due_notes(item.text)}")
        return movedon.placed(self, item, said)

    def since(self, item: Any) -> Markup:
        """After a statement shown in short (a card, a table cell): since when it stands, linked to the earlier
        state it replaced; or the date it carries itself; else nothing."""
        return movedon.since(self, item)

    def newest(self, item: Any) -> Any:
        """The statement as things stand: `item`, or what replaced it."""
        return movedon.newest(self.site, item)

    def statement_url(self, place: movedon.Spot) -> str:
        """The URL of the place where a statement is shown: its fact's page, at the statement's own anchor."""
        target = page_target(self.site, place.entity_id)
        if place.kind in ANCHORED_PAGES and "#" not in target:
            target = f"{target}#{place.anchor}"
        return self.url(target)

    def anchor(self, place: movedon.Spot) -> str:
        """` id="…"` the first time a statement is shown on this page, so links to it land there; then ""."""
        if place.anchor in self.anchored:
            return ""
        self.anchored.add(place.anchor)
        return f' id="{escape_attr(place.anchor)}"'

    def paragraph(self, statements: list[Any], gloss: bool = True) -> Markup:
        """Several cited statements told as one paragraph, each with its marker."""
        return Markup(" ").join(self.say(statement, gloss) for statement in statements)

    def due_notes(self, text: str) -> Markup:
        """A note after each event the text names that the sources looked ahead to and the build date has passed."""
        notes = [self.event_due(token.ref) for token in tokens(text) if token.ref]
        return Markup("".join(dict.fromkeys(note for note in notes if note)))

    def event_due(self, event_id: str, ahead: bool = False) -> Markup:
        """ " The end of 2025 has passed; …" for an event the sources looked ahead to, once the build date is past it
        (with `ahead`, also "still ahead…" before then); empty for any other id.

        The first mention on a page says it in full; later ones say "(date passed)", linked to the first."""
        found = due(self.site, event_id, self.today) if self.today is not None else None
        if found is None or not (found.passed or ahead):
            return Markup("")
        anchor = f"due-{event_id}"
        if anchor in self.flagged:
            return Markup(f' <a class="past-due past-due-again" href="#{escape_attr(anchor)}">date passed</a>')
        self.flagged.add(anchor)
        return Markup(f' <span class="past-due" id="{escape_attr(anchor)}">{escape_attr(due_note(found))}</span>')

    def marker(self, cites: list[m.Citation]) -> Markup:
        """One marker for a statement's citations; it opens a popup with each quote and its basis."""
        number = len(self.markers) + 1
        self.markers.append(Marker(number, tuple(cites)))
        basis = min((c.basis for c in cites), key=CAUTION.index)
        pop = f"cite-{number}"
        # Named after the sources the most cautious citations quote: the marker's style is theirs.
        label = f"Source {number}: {self.site.basis_words(basis, [c.source for c in cites if c.basis == basis]).legend}"
        items = "".join(self._quote_item(c) for c in cites)
        # The popup is a <small>, not a <span>: Material's search indexer forgets an exclusion when a
        # nested element of the same tag closes, and the popup's text would run into the sentence.
        return Markup(
            f'<button type="button" class="cite cite-{basis}" popovertarget="{pop}" aria-label="{escape_attr(label)}"'
            f' data-search-exclude="1">{number}</button>'
            f'<small class="cite-pop" id="{pop}" popover data-search-exclude="1">'
            f'<span class="cite-pop-head">Source {number}</span>'
            f'<button type="button" class="cite-close" popovertarget="{pop}" popovertargetaction="hide">Close</button>'
            f"{items}</small>"
        )

    def untold(self, events: list[m.Event]) -> list[m.Event]:
        """The events whose summary quotes a sentence this page has not yet quoted: a list of events after the
        page's story leaves out those that would only say again, as a link, what the page already told."""
        return [
            event
            for event in events
            if any(
                (c.source, sentence.id) not in self.cited
                for c in event.summary.cite
                for sentence in self.site.locate(c).sentences
            )
        ]

    def _quote_item(self, citation: m.Citation) -> str:
        located = self.site.locate(citation)
        href = self.url(f"sources/{citation.source}.md#{located.anchor}")
        for sentence in located.sentences:
            key = (citation.source, sentence.id)
            if key not in self.cited:
                self.cited[key] = CitedSentence(
                    citation.source, sentence, self.url(f"sources/{citation.source}.md#{sentence.id}")
                )
        note = f'<span class="cite-note">{self.prose(citation.note, gloss=False)}</span>' if citation.note else ""
        return (
            f'<span class="cite-item"><span class="cite-basis">{escape_attr(self.says(citation))}</span> '
            f'<span class="cite-quote">{escape_attr(quoted(citation.quote))}</span> '
            f'<a class="cite-go" '
            f'href="{escape_attr(href)}">{escape_attr(self.source_label(citation.source, "Read it in"))}</a>'
            f"{note}</span>"
        )

    def says(self, citation: m.Citation) -> str:
        """Who says it, as the popup's lead-in: "Jane Doe, according to the article:"."""
        if citation.basis == "on-record" and citation.speaker:
            return f"{self.name(citation.speaker)}, according to {self.source_label(citation.source)}:"
        return self.site.basis_words(citation.basis, [citation.source]).says + ":"

    def source_label(self, source_id: str, lead: str = "") -> str:
        """A source as citations name it (structured.source_label decides): "the article", or with several
        sources "the article, late March 2024"; after `lead` ("Read it in") when given."""
        return f"{lead} {source_label(self.site, source_id)}".strip()

    def sources_list(self) -> list[CitedSentence]:
        """Every source sentence this page quotes, once each: the sources oldest first, each in text order."""
        order = {sid: i for i, sid in enumerate(self.site.sources_by_date())}
        return sorted(self.cited.values(), key=lambda c: (order[c.source_id], c.sentence.start))

    def basis_used(self) -> list[str]:
        """The bases of this page's markers, for the legend, most cautious first."""
        used = {min((c.basis for c in marker.cites), key=CAUTION.index) for marker in self.markers}
        return [basis for basis in CAUTION if basis in used]

    def quoted_sources(self) -> list[str]:
        """The sources this page's markers quote, oldest first."""
        return self.site.by_date(c.source for marker in self.markers for c in marker.cites)

    def rests_on(self) -> list[str]:
        """The sources this page rests on, oldest first: those it quotes, and the later reporting it points to."""
        return self.site.by_date([*self.quoted_sources(), *self.later])

    def legend_lead(self) -> str:
        """The legend's lead, naming the sources the markers open: "Markers open the article’s words:"."""
        return f"Markers open {possessive(self.site.noun(self.quoted_sources()))} words:"

    def basis_legend(self, basis: str) -> str:
        """A legend entry's words: the basis, naming the source(s) of the markers styled by it."""
        sources = [
            c.source
            for marker in self.markers
            if min((c.basis for c in marker.cites), key=CAUTION.index) == basis
            for c in marker.cites
            if c.basis == basis
        ]
        return self.site.basis_words(basis, sources).legend

    def noun_for(self, entity_ids: Any, capital: bool = False) -> str:
        """How a sentence names the sources some facts cite: "the article", or "the sources" for several."""
        return self.site.noun(self.site.sources_cited_by(entity_ids), capital)


@lru_cache(maxsize=65536)  # posixpath.relpath resolves against the working directory: slow, and called per link
def _relpath(path: str, start: str) -> str:
    return posixpath.relpath(path, start)


def glossary_names(site: Site) -> dict[str, str]:
    """Every glossary name and alias (lower case) → its term id."""

    def build() -> dict[str, str]:
        names: dict[str, str] = {}
        for term in site.models("terms"):
            for name in (term.term, *term.also):
                names.setdefault(name.lower(), term.id)
        return names

    return site.memo("glossary_names", build)


def glossary_pattern(site: Site) -> re.Pattern[str]:
    """One pattern for every glossary name, longest first; acronyms match only in capitals."""

    def build() -> re.Pattern[str]:
        names = sorted(glossary_names(site), key=len, reverse=True)
        originals = {name.lower(): name for term in site.models("terms") for name in (term.term, *term.also)}
        alternatives = [
            re.escape(originals[name]) if originals[name].isupper() else f"(?i:{re.escape(name)})" for name in names
        ]
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives or ["(?!)"]) + r")(?![\w-])")

    return site.memo("glossary_pattern", build)
