"""What a reader meets on the built site: visible words per page and how often each source sentence is retold.

Measured on the built HTML the way issue 19 measured it: the words of the article body (Material's
`article.md-content__inner`), leaving out what a reader does not see while reading: citation popups,
the collapsed "Sources for this page", heading permalinks, and anything hidden. A page "retells" a
source sentence when it quotes it (its "Sources for this page" list names the sentence).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Elements whose text a reader does not see while reading the page.
# Citation markers are numbers, not words; SVG titles and descriptions show only as tooltips. The map is drawn
# twice, one drawing per screen width; at the desktop width measured here the phone's drawing is not shown.
# A closed <details> shows only its <summary>.
_SKIPPED_CLASSES = {"cite", "cite-pop", "page-sources", "headerlink", "visually-hidden", "md-sr-only", "relmap-narrow"}
_SKIPPED_TAGS = {"script", "style", "template", "title", "desc"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_WORD = re.compile(r"[\w’'$%.,-]*\w[\w’'$%.,-]*")
_SENTENCE_LINK = re.compile(r"sources/([\w-]+)/#(s[\w-]+)$")


class _BodyReader(HTMLParser):
    """Collects the visible text of the article body and the sentences its source list names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside the article body
        self.skip = 0  # >0 inside an element a reader does not see
        self.stack: list[tuple[str, bool, int, bool]] = []  # (tag, opened body, skip added, opened sources)
        self.text: list[str] = []
        self.in_sources = 0
        self.sentences: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        opens_body = tag == "article" and "md-content__inner" in classes
        skipped = int(bool(classes & _SKIPPED_CLASSES) or "hidden" in values or tag in _SKIPPED_TAGS)
        skipped += int(tag == "details" and "open" not in values)
        skipped -= int(
            tag == "summary" and bool(self.stack) and self.stack[-1][0] == "details" and self.stack[-1][2] > 0
        )
        if "page-sources" in classes:
            self.in_sources += 1
        if tag == "a" and self.in_sources and values.get("href"):
            found = _SENTENCE_LINK.search(values["href"] or "")
            if found:
                self.sentences.add((found.group(1), found.group(2)))
        if tag in _VOID:
            return
        self.stack.append((tag, opens_body, skipped, "page-sources" in classes))
        self.depth += opens_body
        self.skip += skipped

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, opened_body, skipped, sources = self.stack.pop()
            self.depth -= opened_body
            self.skip -= skipped
            self.in_sources -= sources
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and self.skip == 0:
            self.text.append(data)


@dataclass(frozen=True)
class PageReading:
    """One built page as a reader meets it."""

    path: str  # e.g. "actors/sam-altman/"
    words: int
    sentences: frozenset[tuple[str, str]]  # (source id, sentence id) the page quotes


def read_page(site: Path, html: Path) -> PageReading:
    """Visible words and quoted sentences of one built page."""
    reader = _BodyReader()
    reader.feed(html.read_text(encoding="utf-8"))
    words = len(_WORD.findall(" ".join(reader.text)))
    path = html.parent.relative_to(site).as_posix()
    return PageReading("" if path == "." else path + "/", words, frozenset(reader.sentences))


def read_site(site: Path) -> list[PageReading]:
    """Every reader's page of the built site (not the 404 page, not assets)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        if html.parent.name in ("assets", "search"):
            continue
        pages.append(read_page(site, html))
    return pages


def retellings(pages: list[PageReading], sentences: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """For each cited source sentence: on how many pages it is retold (the source pages themselves left out)."""
    counts = dict.fromkeys(sentences, 0)
    for page in pages:
        if page.path.startswith("sources/"):
            continue
        for key in page.sentences:
            if key in counts:
                counts[key] += 1
    return counts


def summary(pages: list[PageReading], sentences: set[tuple[str, str]]) -> dict[str, float]:
    """The issue's numbers: total words, home words, the largest other page, and retellings' median and max."""
    counts = retellings(pages, sentences)
    return {
        "total": sum(p.words for p in pages),
        "home": next((p.words for p in pages if p.path == ""), 0),
        "median_retold": statistics.median(counts.values()) if counts else 0,
        "max_retold": max(counts.values(), default=0),
    }
