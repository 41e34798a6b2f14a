"""Two sources, told right: every citation names the source it quotes, whatever the sources' ids.

The news-moves-on fixture has two sources: a report of April 2025 ("the article", id `mini`) and a
joint statement of 28 October 2025 whose id, `joint-statement`, sorts first. The site once named every
citation after the first source by id; here the fixture is built as it is and with the statement renamed
so that its id sorts last, and in both builds every popup, marker label, legend and provenance line must
name the source actually quoted, and a page that quotes one source must not name the other.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, add_site_parts, mkdocs_build

FIXTURE = FIXTURES / "news-moves-on"
SHORT = {"mini": "the article", "statement": "the joint statement"}
# The two id orders: the statement's id sorting before the article's (as in the fixture), then after it.
ORDERS = {"statement-first": "joint-statement", "statement-last": "zz-statement"}


def project_with_statement_id(dst: Path, statement_id: str) -> Path:
    """The fixture with the joint statement's id (and file names) changed to `statement_id`."""
    shutil.copytree(FIXTURE, dst)
    sources = dst / "content" / "sources"
    for suffix in (".yaml", ".txt"):
        old = sources / f"joint-statement{suffix}"
        if statement_id != "joint-statement":
            old.rename(sources / f"{statement_id}{suffix}")
    for path in (dst / "content").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bjoint-statement\b", statement_id, text), encoding="utf-8")
    return add_site_parts(dst, "# About\n\nA test site.\n")


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path]]:
    """Each id order → (the statement's id, the site built by the real strict build)."""
    built = {}
    for order, statement_id in ORDERS.items():
        tmp = tmp_path_factory.mktemp(order)
        project = project_with_statement_id(tmp / "project", statement_id)
        result = mkdocs_build(project, tmp / "site")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        built[order] = (statement_id, tmp / "site")
    return built


class Popups(HTMLParser):
    """Each citation marker of a page: its aria-label, and per quote its lead-in and the source it links to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markers: list[dict[str, object]] = []
        self._field: str | None = None
        self._item: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "button" and "cite" in classes:
            self.markers.append({"label": found.get("aria-label") or "", "items": []})
        elif "cite-item" in classes and self.markers:
            self._item = {"basis": "", "go": "", "href": ""}
            self.markers[-1]["items"].append(self._item)  # type: ignore[union-attr]
        elif self._item is not None and "cite-basis" in classes:
            self._field = "basis"
        elif self._item is not None and "cite-go" in classes:
            self._field = "go"
            self._item["href"] = found.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("span", "a"):
            self._field = None

    def handle_data(self, data: str) -> None:
        if self._item is not None and self._field:
            self._item[self._field] += data


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))


def _source_of(href: str, statement_id: str) -> str:
    """ "mini" or "statement", from a link into a source page."""
    match = re.search(r"sources/([a-z0-9-]+)/", unescape(href))
    assert match, href
    return "statement" if match.group(1) == statement_id else match.group(1)


def _article_text(html: str) -> str:
    """The page's own text (no navigation, header or footer), tags out, lower case."""
    article = html[html.index("<article") : html.rindex("</article>")]
    return unescape(re.sub(r"<[^>]+>", " ", article)).lower()


@pytest.mark.parametrize("order", ORDERS)
def test_every_popup_names_the_source_it_quotes(both_sites: dict[str, tuple[str, Path]], order: str) -> None:
    statement_id, site = both_sites[order]
    checked = 0
    for page in _pages(site):
        parser = Popups()
        parser.feed(page.read_text(encoding="utf-8"))
        for marker in parser.markers:
            items: list[dict[str, str]] = marker["items"]  # type: ignore[assignment]
            quoted = {_source_of(item["href"], statement_id) for item in items}
            for item in items:
                source = _source_of(item["href"], statement_id)
                other = next(key for key in SHORT if key != source)
                assert item["go"].strip().startswith(f"Read it in {SHORT[source]}, "), (page, item)
                assert SHORT[other] not in item["basis"].lower(), (page, item)
                assert SHORT[source] in item["basis"].lower(), item  # every basis names the source it quotes
                checked += 1
            label = str(marker["label"]).lower()
            for key, short in SHORT.items():
                if key not in quoted:
                    assert short not in label, (page, marker)
    assert checked >= 15  # the fixture's pages quote both sources many times over


@pytest.mark.parametrize("order", ORDERS)
def test_a_page_quoting_one_source_never_names_the_other(both_sites: dict[str, tuple[str, Path]], order: str) -> None:
    statement_id, site = both_sites[order]
    single = 0
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        quoted = {_source_of(href, statement_id) for href in re.findall(r'class="cite-go" href="([^"]+)"', html)}
        if len(quoted) != 1:
            continue
        (source,) = quoted
        other = next(key for key in SHORT if key != source)
        text = _article_text(html)
        assert SHORT[other] not in text, page
        assert SHORT[source] in text, page  # it does name its own: provenance, legend, popups
        single += 1
    # Alpha, the glossary, the timeline and the sources' own pages quote the article alone.
    assert single >= 4


@pytest.mark.parametrize("order", ORDERS)
def test_provenance_lists_the_sources_a_page_rests_on_oldest_first(
    both_sites: dict[str, tuple[str, Path]], order: str
) -> None:
    _, site = both_sites[order]
    control = (site / "disputes/control/index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<p class="provenance-line">Based on <a href="[^"]*">([^<]+)</a>', control)
    assert lines == ["the article, April 2025", "the joint statement, 28 October 2025"]
    alpha = (site / "actors/alpha/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="provenance-line">Based on <a href="[^"]*">([^<]+)</a>', alpha) == [
        "the article, April 2025"
    ]
    assert "Facts as of <strong>April 2025</strong>" in alpha


@pytest.mark.parametrize("order", ORDERS)
def test_the_legend_names_the_sources_of_the_markers(both_sites: dict[str, tuple[str, Path]], order: str) -> None:
    _, site = both_sites[order]
    glossary = unescape((site / "glossary/index.html").read_text(encoding="utf-8"))
    assert "Markers open the article’s words:" in glossary
    assert re.search(r'class="cite cite-reported" aria-hidden="true"></span> the article\'s reporting', glossary)
    control = unescape((site / "disputes/control/index.html").read_text(encoding="utf-8"))
    assert "Markers open the sources’ words:" in control
    # No digit in the legend's sample markers: the legend reads "unnamed sources", not "1 unnamed sources".
    assert not re.search(r'<span class="cite cite-[a-z-]+" aria-hidden="true">\d', control)


def test_both_id_orders_tell_the_same_story(both_sites: dict[str, tuple[str, Path]]) -> None:
    """Renaming a source's id changes its address, nothing a reader is told."""
    first_id, first = both_sites["statement-first"]
    last_id, last = both_sites["statement-last"]
    for page in _pages(first):
        rel = page.relative_to(first).as_posix().replace(first_id, last_id)
        ours, theirs = (_article_text(p.read_text(encoding="utf-8")) for p in (page, last / rel))
        assert ours.replace(first_id, last_id) == theirs, rel
