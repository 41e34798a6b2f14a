"""Script injected into any text field shows as text and never runs, in the HTML and in Chromium."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.problems import Collector
from build_tools.yamlload import load_yaml
from tests.helpers import copy_project, mkdocs_build

SCRIPT = "<script>window.__xss=1</script>"
LONG = (
    f" {SCRIPT}<img src=x onerror=\"window.__xss=1\"> {{: onclick=\"window.__xss=1\" }}"
    " [a](javascript:window.__xss=1) [[ ](javascript:window.__xss=1) <a href=\"javascript:window.__xss=1\">x</a>"
    " ![i](x\" onerror=\"window.__xss=1) *[HTML]: <b onmouseover=window.__xss=1>"
)
SHORT = f"{SCRIPT}<img src=x onerror=window.__xss=1>{{: onclick=window.__xss=1 }}[a](javascript:window.__xss=1)"
# Free-text fields (Text and ShortText in models.py); ids, enums, dates and quotes are checked values.
LONG_KEYS = {"text", "note", "via", "original", "published_basis", "notes"}
SHORT_KEYS = {"name", "short", "title", "term", "also", "label", "place", "outlet"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


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
        if key in LONG_KEYS:
            return data + LONG, 1
        if key in SHORT_KEYS or (key == "value" and parent == ""):
            return data[:40] + " " + SHORT, 1
    return data, 0


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content with a payload in every text field, built with `mkdocs build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("xss") / "project")
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
    assert changed > 100
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


def test_payload_is_shown_as_text(poisoned_site: Path) -> None:
    """The payload is visible, literally, on the pages that show the fields."""
    shown = 0
    for page in _pages(poisoned_site):
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        shown += SCRIPT in text and "[a](javascript:window.__xss=1)" in text
    assert shown >= 20


def test_chromium_runs_no_injected_script(poisoned_site: Path) -> None:
    """Every page loads in real Chromium with window.__xss undefined and no dialog."""
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    fired = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in _pages(poisoned_site):
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(50)  # let image error handlers, if any, fire
            if page.evaluate("typeof window.__xss") != "undefined":
                fired.append(path.name)
        browser.close()
    assert fired == [] and dialogs == []
