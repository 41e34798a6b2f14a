"""The editors' quote picker in chromium: a selection of the source text becomes an exact `cite:` entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.content.browser.conftest import DESKTOP
from tests.helpers import ROOT, html_path, mkdocs_build, serve

pytestmark = pytest.mark.browser

SOURCE = "wsj-drift-2025"
SOURCE_TEXT = re.sub(r"\s+", " ", (ROOT / "content" / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8"))

# Selects from `start` characters into one sentence's text to `end` characters into another's (or the same).
SELECT = """([fromId, start, toId, end]) => {
  const textOf = id => document.getElementById(id).firstChild;
  const range = document.createRange();
  range.setStart(textOf(fromId), start);
  range.setEnd(textOf(toId), end);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return document.getElementById(fromId).textContent;
}"""


@pytest.fixture(scope="module")
def picker_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("picker") / "site"
    result = mkdocs_build(ROOT, out, env={"QUOTE_PICKER": "always"})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def picker_url(picker_site: Path) -> Iterator[str]:
    """The picker build served over HTTP."""
    with serve(picker_site) as url:
        yield url


def _entry(page: Any) -> dict[str, Any]:
    page.locator(".quote-picker").wait_for(state="visible")
    text = page.locator(".quote-picker-yaml").input_value()
    (entry,) = yaml.safe_load(text)
    return {**entry, "_text": text}


def test_selecting_part_of_a_sentence_gives_its_exact_quote_and_id(browser: Any, picker_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(picker_url + f"sources/{SOURCE}/", wait_until="networkidle")
        sentence = page.locator("span.sentence:has(+ button.cited-by)").nth(
            2
        )  # a cited one: its "N pages" button follows
        sentence_id = sentence.get_attribute("id")
        full = page.evaluate(SELECT, [sentence_id, 6, sentence_id, 60])
        entry = _entry(page)
        assert entry["source"] == SOURCE
        assert entry["quote"] == re.sub(r"\s+", " ", full[6:60]).strip()
        assert entry["quote"] in SOURCE_TEXT
        assert f"# sentence {sentence_id}\n" in entry["_text"]
        assert entry["basis"] == "reported" and "on-record (+ speaker)" in entry["_text"]
        assert not errors, errors
    finally:
        context.close()


def test_a_selection_over_a_cited_by_button_keeps_only_the_source_words(browser: Any, picker_url: str) -> None:
    context = browser.new_context(
        viewport=DESKTOP, service_workers="block", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    try:
        page.goto(picker_url + f"sources/{SOURCE}/", wait_until="networkidle")
        first = page.locator("p.source-para span.sentence:has(+ button.cited-by):not(:last-child)").first
        first_id = first.get_attribute("id")
        second_id = page.evaluate(
            "id => document.getElementById(id).parentElement.querySelectorAll('span.sentence')[1].id", first_id
        )
        assert first_id != second_id and first_id.split("-")[0] == second_id.split("-")[0]
        page.evaluate(SELECT, [first_id, 10, second_id, 25])
        entry = _entry(page)
        assert entry["quote"] in SOURCE_TEXT, entry["quote"]  # the "N pages" button between them would break it
        assert "Cited on" not in entry["quote"]
        assert f"# sentences {first_id} to {second_id}" in entry["_text"]
        page.bring_to_front()  # the clipboard answers the focused page only
        page.locator(".quote-picker-copy").click()
        page.locator(".quote-picker-status", has_text=re.compile(r"\S")).wait_for()
        assert page.locator(".quote-picker-status").inner_text() == "Copied."
    finally:
        context.close()


def test_a_selection_over_a_heading_is_refused(browser: Any, picker_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    try:
        page.goto(picker_url + f"sources/{SOURCE}/", wait_until="networkidle")
        # The last sentence before a heading and the first after it.
        ids = page.evaluate("""() => {
          const heading = document.querySelector('.source-heading');
          const spans = [...document.querySelectorAll('span.sentence')];
          const before = spans.filter(s => s.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
          const after = spans.filter(s => s.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_PRECEDING);
          return [before[before.length - 1].id, after[0].id];
        }""")
        page.evaluate(SELECT, [ids[0], 3, ids[1], 5])
        page.locator(".quote-picker-status", has_text="heading").wait_for()
        assert page.locator(".quote-picker-yaml").input_value() == ""
    finally:
        context.close()


def test_the_published_build_has_no_quote_picker(built_site: Path) -> None:
    assert not (built_site / "javascripts" / "quote-picker.js").exists()
    assert not (built_site / "stylesheets" / "quote-picker.css").exists()
    for path in built_site.rglob("*.html"):
        assert "quote-picker" not in path.read_text(encoding="utf-8"), path
    assert "quote-picker" not in html_path(built_site, f"sources/{SOURCE}.md").read_text(encoding="utf-8")
