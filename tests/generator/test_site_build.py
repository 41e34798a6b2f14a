"""End to end: the real strict MkDocs build of the second story (tests/fixtures/second-story), checked on its HTML."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from build_tools.model.sources import normalise
from build_tools.pipeline import Generated
from build_tools.render.page import has_own_page, page_target
from tests.helpers import SECOND_SOURCE, SECOND_STORY, cli, html_path, mkdocs_build, parse, second_story

AS_OF = "14 April 2025"  # the date of the second story's source


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_strict_build_reports_no_warning(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = build_result
    assert "WARNING" not in result.stderr, result.stderr
    assert "Source coverage:" in result.stderr


def test_every_generated_page_is_built(built_site: Path, generated: Generated) -> None:
    expected = {
        "index.md",
        "actors/index.md",
        "timeline.md",
        "glossary.md",
        "stances.md",
        "changes.md",
        f"sources/{SECOND_SOURCE}.md",
    }
    expected |= {f"questions/{question.id}.md" for question in generated.site.models("questions")}
    expected |= {f"disputes/{dispute.id}.md" for dispute in generated.site.models("disputes")}
    assert expected <= set(generated.pages)
    for kind in ("actors", "disputes", "questions", "events", "terms", "figures", "changes"):
        assert generated.site.models(kind), f"no {kind} in content"
    actors = generated.site.models("actors")
    with_pages = [actor for actor in actors if has_own_page(generated.site, actor.id)]
    assert 0 < len(with_pages) < len(actors), "the fixture has actors with a page and actors with only an entry"
    for actor in actors:
        target = page_target(generated.site, actor.id)
        if actor in with_pages:
            assert target == f"actors/{actor.id}.md" and target in generated.pages
        else:  # an entry on the cast page, linked by its anchor
            assert target == f"actors/index.md#{actor.id}" and f"actors/{actor.id}.md" not in generated.pages
            cast = html.unescape(html_path(built_site, "actors/index.md").read_text(encoding="utf-8"))
            assert f'id="{actor.id}"' in cast
    for path in generated.pages:
        assert html_path(built_site, path).is_file(), path


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = []
    parsed = {path: parse(path) for path in _html_files(built_site)}
    for path, page in parsed.items():
        if path.name == "404.html":
            continue  # served at any depth, so its links are absolute (under site_url); checked elsewhere
        for tag, attrs in page.tags:
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith(("http:", "https:", "mailto:", "javascript:")):
                continue
            parts = urlsplit(href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(built_site)}: {href} (no file)")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(built_site)}: {href} (no anchor)")
    assert not broken, "\n".join(broken[:20])


def test_each_citation_links_to_the_sentence_holding_its_quote(built_site: Path, generated: Generated) -> None:
    source_html = html_path(built_site, f"sources/{SECOND_SOURCE}.md")
    sentences = parse(source_html).text_by_id
    article = normalise(generated.site.sources[SECOND_SOURCE].text)
    checked = 0
    for path in generated.pages:
        page_html = html_path(built_site, path)
        for href, quote_text in _popup_quotes(page_html.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            assert (page_html.parent / parts.path / "index.html").resolve() == source_html.resolve(), href
            sentence = normalise(sentences[parts.fragment].rstrip("¶"))  # headings carry a permalink sign
            quote = normalise(quote_text.removeprefix("\u201c").removesuffix("\u201d"))
            # The quote occurs in the article starting inside the linked sentence (it may run on).
            sentence_at = article.index(sentence)
            # Quotes inside a quotation are shown single ('…'), so single and double marks compare equal here.
            quote_at = article.replace("'", '"').find(quote.replace("'", '"'), sentence_at)
            assert sentence_at <= quote_at < sentence_at + len(sentence), (path, parts.fragment, quote)
            checked += 1
    assert checked > 50


def _popup_quotes(page: str) -> list[tuple[str, str]]:
    """(link, quote as a reader sees it) of every quote in every citation popup of a page."""
    found = re.findall(r'<span class="cite-quote">(.*?)</span> <a class="cite-go" href="([^"]+)"', page)
    return [(html.unescape(href), html.unescape(re.sub(r"<[^>]*>", "", quote))) for quote, href in found]


def test_one_marker_per_sentence_and_each_opens_its_own_popup(built_site: Path, generated: Generated) -> None:
    for path in generated.pages:
        page = html_path(built_site, path).read_text(encoding="utf-8")
        targets = re.findall(r'<button type="button" class="(?!cite-close)[^"]*" popovertarget="([^"]+)"', page)
        popups = re.findall(r'<small class="cite-pop" id="([^"]+)" popover>', page)
        assert targets == popups, path
        assert "<sup" not in page and "reported by the outlet" not in page, path


EDIT = "https://git.example.org/newsroom/explainer/edit/main/"


def test_no_edit_link_without_a_configured_repository(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        assert "Edit this page" not in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_with_a_repository_pages_edit_their_own_file(second_project: Path, tmp_path: Path) -> None:
    result = mkdocs_build(second_project, tmp_path / "site", env={"EDIT_URI": EDIT})
    assert result.returncode == 0, result.stderr
    for page, file in (("actors/brightwater.md", "content/actors/brightwater.yaml"), ("about.md", "docs/about.md")):
        edit = re.search(
            r'<a href="([^"]+)" title="Edit this page"', html_path(tmp_path / "site", page).read_text(encoding="utf-8")
        )
        assert edit and edit.group(1).endswith("/" + file), (page, edit)


# Pages that state no fact of their own (what changed; the disputes index, a list of links): they give the
# sources' span instead of a "facts as of" date.
NO_FACTS = {"changes.md"}


def test_every_page_shows_the_as_of_date(built_site: Path, generated: Generated) -> None:
    for path in generated.pages:
        page = html_path(built_site, path).read_text(encoding="utf-8")
        expected = "The sources run to" if path in NO_FACTS else "Facts as of"
        assert f"{expected} <strong>{AS_OF}</strong>" in page, path
    hand_written = [p.relative_to(SECOND_STORY / "docs").as_posix() for p in (SECOND_STORY / "docs").glob("*.md")]
    assert hand_written
    for path in hand_written:
        html = html_path(built_site, path).read_text(encoding="utf-8")
        assert f"as of <strong>{AS_OF}</strong>, the date of the source" in html, path


def test_built_site_loads_nothing_from_third_parties(built_site: Path) -> None:
    loads = re.compile(
        r"""(?:src|srcset|data)\s*=\s*["']\s*(?:https?:)?//|<link[^>]+href=["'](?:https?:)?//(?![^"']*example\.org)|@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?https?://""",
        re.I,
    )
    offenders = []
    # Material's JS bundle names unpkg (Mermaid) and the GitHub API in code paths this site never takes
    # (no diagrams, no repo_url); the browser tests watch the requests a real page makes.
    for path in [*built_site.rglob("*.html"), *built_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            found = loads.findall(text)
        else:
            found = re.findall(r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|api\.github\.com", text)
        if found:
            offenders.append(f"{path.relative_to(built_site)}: {found[:3]}")
    assert not offenders, offenders


@pytest.mark.slow
def test_changing_a_fact_changes_the_built_page(tmp_path: Path) -> None:
    project = second_story(tmp_path / "project")
    fact = project / "content" / "actors" / "brightwater.yaml"
    data = yaml.safe_load(fact.read_text(encoding="utf-8"))
    new_text = "Brightwater Foods is a food group that a test has edited."
    original = data["role"]["text"]
    fact.write_text(
        fact.read_text(encoding="utf-8").replace(original.split("\n")[0][:40], new_text[:40], 1), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = html_path(tmp_path / "site", "actors/brightwater.md").read_text(encoding="utf-8")
    assert new_text[:40] in html
    assert original[:40] not in html


@pytest.mark.slow
def test_broken_content_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    project = second_story(tmp_path / "project")
    fact = project / "content" / "actors" / "brightwater.yaml"
    text = fact.read_text(encoding="utf-8")
    fact.write_text(text.replace("quote: ", "quote: NOT IN THE ARTICLE ", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/actors/brightwater.yaml:" in result.stderr
    assert f"quote not found in source '{SECOND_SOURCE}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_every_page_as_markdown(second_project: Path, tmp_path: Path, generated: Generated) -> None:
    result = cli(second_project, "export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")}
    assert written == set(generated.pages)
    home = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ndescription: ")  # no title: the home page's <title> is the site's name alone
    assert home == generated.pages["index.md"].markdown
    assert (tmp_path / "out" / "stances.md").read_text(encoding="utf-8").startswith('---\ntitle: "Who stands where"')


def _visible_text(page: Path) -> str:
    """A page's text as shown, scripts and markup removed, entities decoded."""
    source = re.sub(r"<script\b.*?</script>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def test_every_story_page_names_its_source_and_date(built_site: Path, generated: Generated) -> None:
    credit = generated.site.sources[SECOND_SOURCE].meta.credit
    assert credit
    for path in generated.pages:
        provenance = re.search(
            r'<div class="provenance"[^>]*>(.*?)</div>', html_path(built_site, path).read_text(encoding="utf-8"), re.S
        )
        assert provenance, path
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", provenance.group(1))).split())
        dated = "The sources run to" if path in NO_FACTS else "Facts as of"
        assert f"Based on the article: {credit}." in text and f"{dated} {AS_OF}" in text, (path, text)


def test_popups_and_markers_stay_out_of_the_search_index(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(docs) > 40
    leaked = [
        d["location"]
        for d in docs
        if not d["location"].startswith("about/")
        and re.search(r"Read it in the article|Cited on|Source \d+|according to the article:", d["text"])
    ]
    assert leaked == []


def test_no_broken_or_doubled_quote_marks(built_site: Path) -> None:
    doubled = re.compile(
        r"[\u201c\u201d\"]{2}|[\u201c\u201d\"]\s[.,]?[\u201d\"]|\u201c[^\u201d]*\u201c[^\u201d]*\u201d[^\u201c\u201d]*\u201d"
    )
    bad = []
    for page in built_site.rglob("*.html"):
        for line in _visible_text(page).splitlines():
            if doubled.search(line):
                bad.append((page.relative_to(built_site).as_posix(), line.strip()[:160]))
    assert bad == []


def test_footer_tells_the_facts_date_apart_from_the_edit_date(built_site: Path) -> None:
    for page in ("index.md", "actors/brightwater.md", "about.md"):
        footer = html_path(built_site, page).read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        said = (
            f"The newest source this site rests on is from {AS_OF}"
            if page == "about.md"  # a hand-written page: the site's date; a generated one says its own
            else f"The facts on this page stand as of {AS_OF}"
        )
        assert said in footer, page
        assert "when the site was last edited, not when anything happened" in footer, page
