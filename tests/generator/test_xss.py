"""Script injected into any text field shows as text and never runs, in the HTML and in Chromium.

The payloads carry every character that can end a context: `"` and `'` (attribute values), `<` and
`>` (elements), `&` (entities, which an unescaping filter would turn back into markup).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.load.yamlload import load_yaml
from build_tools.problems import Collector
from tests.helpers import CHROMIUM_ARGS, mkdocs_build, second_story, serve

SCRIPT = "<script>window.__xss=1</script>"
# Breaks out of a double- or single-quoted attribute, and the same again written as entities.
BREAKOUT = "\"'>" + SCRIPT + "&quot;&#39;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;"
PROBE = "xssprobe"  # a word of its own, so search finds the payload and shows it in its results
LONG = (
    f' {PROBE} {BREAKOUT} {SCRIPT}<img src=x onerror="window.__xss=1"> {{: onclick="window.__xss=1" }}'
    ' [a](javascript:window.__xss=1) [[ ](javascript:window.__xss=1) <a href="javascript:window.__xss=1">x</a>'
    ' ![i](x" onerror="window.__xss=1) *[HTML]: <b onmouseover=window.__xss=1>'
)
SHORT = f"{BREAKOUT}<img src=x onerror=window.__xss=1>{{: onclick=window.__xss=1 }}[a](javascript:window.__xss=1)"
# Free-text fields (Text and ShortText in models.py); ids, enums, dates and quotes are checked values.
LONG_KEYS = {"text", "note", "via", "original", "published_basis", "notes", "credit", "summary"}
SHORT_KEYS = {"name", "short", "title", "term", "also", "label", "place", "outlet", "language", "heading"}
SHORT_PARENTS = {"headline"}  # a headline's text is short


def _poison(data: Any, key: str = "", parent: str = "") -> tuple[Any, int]:
    """Every free-text value with a payload added; returns the new data and how many were changed."""
    if isinstance(data, dict):
        count = 0
        out = {}
        for k, v in data.items():
            out[k], n = _poison(v, k, key)
            count += n
        return out, count
    if isinstance(data, list):
        pairs = [_poison(v, key, parent) for v in data]
        return [p[0] for p in pairs], sum(p[1] for p in pairs)
    if isinstance(data, str):
        if key in LONG_KEYS and parent not in SHORT_PARENTS:
            return data + LONG, 1
        if key in SHORT_KEYS or parent in SHORT_PARENTS or (key == "value" and parent == ""):
            return data[:12] + " " + SHORT, 1  # ShortText allows 200 characters
    return data, 0


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second story with a payload in every text field, built with `mkdocs build --strict`."""
    project = second_story(tmp_path_factory.mktemp("xss") / "project")
    changed = 0
    for path in sorted((project / "content").rglob("*.yaml")):
        doc = load_yaml(path, Collector(project))
        assert doc is not None
        top_value_is_text = path.parent.name == "figures"
        data, n = _poison(doc.data if top_value_is_text else {k: v for k, v in doc.data.items()})
        if not top_value_is_text and "value" in doc.data:
            data["value"] = doc.data["value"]
        changed += n
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert changed > 60
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


class _Injected(HTMLParser):
    """Finds what the payload would create if it became markup: its elements, handlers and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "__xss" in value:
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src") and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip() == "window.__xss=1":
            self.found.append("<script>window.__xss=1</script>")


def test_payload_never_becomes_markup(poisoned_site: Path) -> None:
    """No injected element, event handler or javascript: link appears in any page's HTML."""
    offending = []
    for page in _pages(poisoned_site):
        parser = _Injected()
        parser.feed(page.read_text(encoding="utf-8"))
        offending += [f"{page.relative_to(poisoned_site)}: {what}" for what in parser.found]
    assert not offending, "\n".join(offending[:20])


def test_search_index_holds_no_markup_from_the_payload(poisoned_site: Path) -> None:
    """Material's search shows titles, text and tags from the index as HTML: none may carry the payload as markup."""
    docs = json.loads((poisoned_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(doc.get("tags") for doc in docs)  # search keywords are in the index
    offending = []
    for doc in docs:
        parser = _Injected()
        parser.feed(" ".join([doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])]))
        offending += [f"{doc['location']}: {what}" for what in parser.found]
    assert not offending, "\n".join(offending[:20])


def test_payload_is_shown_as_text(poisoned_site: Path) -> None:
    """The payload is visible, literally, on the pages that show the fields."""
    shown = 0
    pages = _pages(poisoned_site)
    for page in pages:
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        shown += SCRIPT in text and "[a](javascript:window.__xss=1)" in text
    assert len(pages) > 12 and shown >= len(pages) - 1  # every generated page; not the hand-written about page


def _attribute(page: Path, tag: str, key: str, value: str, wanted: str) -> str | None:
    """The value of attribute `wanted` of the first `<tag key=value>` in a page, decoded as a browser would."""

    class Find(HTMLParser):
        found: str | None = None

        def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if name == tag and values.get(key) == value and self.found is None:
                self.found = values.get(wanted) or ""

    finder = Find(convert_charrefs=True)
    finder.feed(page.read_text(encoding="utf-8"))
    return finder.found


def test_titles_and_descriptions_reach_attributes_as_typed(poisoned_site: Path) -> None:
    """The page's title and description, payload included, are the attribute values: escaped once, never unescaped."""
    checked = described = 0
    for page in _pages(poisoned_site):
        title = _attribute(page, "meta", "property", "og:title", "content")
        description = _attribute(page, "meta", "name", "description", "content")
        if title and BREAKOUT in title:
            checked += 1
            assert description, page
            described += SCRIPT in description  # descriptions are cut short; where the payload fits, it is as typed
    assert checked >= 8 and described >= 5  # the pages titled from the facts: actors with pages, fights, the source


def test_every_page_has_a_policy_that_refuses_inline_script(poisoned_site: Path) -> None:
    """A Content-Security-Policy, before any script, allowing scripts from the site only."""
    for page in [*_pages(poisoned_site), poisoned_site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        policy = _attribute(page, "meta", "http-equiv", "Content-Security-Policy", "content")
        assert policy is not None, page
        directives = dict((d.split()[0], d.split()[1:]) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == ["'self'"] and directives["object-src"] == ["'none'"], policy
        assert text.index("Content-Security-Policy") < text.index("<script"), page


@pytest.fixture(scope="module")
def poisoned_url(poisoned_site: Path) -> Iterator[str]:
    """The poisoned site served over HTTP, as a host would (file:// URLs bend the same-origin rules)."""
    with serve(poisoned_site) as url:
        yield url


@pytest.mark.browser
def test_chromium_runs_no_injected_script(poisoned_site: Path, poisoned_url: str) -> None:
    """Every page loads in real Chromium with window.__xss undefined and no dialog, and search shows the payload as
    text."""
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    fired = []
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        # A policy violation means injected markup reached the page and only the policy stopped it.
        page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
        for path in _pages(poisoned_site):
            page.goto(poisoned_url + path.relative_to(poisoned_site).as_posix(), wait_until="load")
            page.wait_for_timeout(50)  # let image error handlers, if any, fire
            if page.evaluate("typeof window.__xss") != "undefined":
                fired.append(path.name)
        page.goto(poisoned_url, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(PROBE, delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        page.wait_for_timeout(200)
        searched = page.evaluate("typeof window.__xss")
        browser.close()
    assert fired == [] and dialogs == [] and searched == "undefined" and blocked == []


@pytest.mark.browser
def test_policy_blocks_a_script_that_escaping_missed(poisoned_site: Path, poisoned_url: str) -> None:
    """Defence in depth: a script planted in a built page is refused by the page's CSP; the site's own scripts run."""
    from playwright.sync_api import sync_playwright

    planted = poisoned_site / "planted.html"
    text = (poisoned_site / "index.html").read_text(encoding="utf-8")
    planted.write_text(
        text.replace("<body", "<script>window.__xss=1</script><body", 1).replace(
            "</article>", '<img src=x onerror="window.__xss=2"></article>', 1
        ),
        encoding="utf-8",
    )
    violations: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(poisoned_url + "planted.html", wait_until="networkidle")
            state = page.evaluate(
                "[typeof window.__xss, document.documentElement.classList.contains('js'), typeof __md_get]"
            )
            browser.close()
    finally:
        planted.unlink()
    assert state == ["undefined", True, "function"]
    assert len(violations) >= 2, violations  # the inline script and the inline handler, each refused
