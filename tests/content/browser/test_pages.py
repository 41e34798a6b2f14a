"""Every page type in a real chromium: local-only requests, no console errors, axe, layout, screenshots."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.content.browser.conftest import DESKTOP, PAGE_TYPES, PHONE

pytestmark = pytest.mark.browser


def _open(browser: Any, url: str, viewport: dict[str, int], **options: Any) -> tuple[Any, Any, list[str], list[str]]:
    """A fresh page at `url`, with every foreign request and console error recorded."""
    context = browser.new_context(viewport=viewport, service_workers="block", **options)
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    local = urlsplit(url).netloc
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (local, "") else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return context, page, foreign, errors


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_is_local_clean_and_accessible(browser: Any, site_url: str, axe_script: Path, kind: str) -> None:
    context, page, foreign, errors = _open(browser, site_url + PAGE_TYPES[kind], DESKTOP)
    try:
        # Evaluated through the DevTools protocol: the page's CSP refuses injected <script> tags, rightly.
        page.evaluate(axe_script.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
        ]
        assert foreign == [], foreign
        assert errors == [], errors
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_phone_width_never_scrolls_sideways(browser: Any, site_url: str, screenshots: Path, kind: str) -> None:
    context, page, _, _ = _open(
        browser, site_url + PAGE_TYPES[kind], PHONE, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    try:
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        page.screenshot(path=str(screenshots / f"{kind}-phone.png"), full_page=True)
        assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"
    finally:
        context.close()
    context, page, _, _ = _open(browser, site_url + PAGE_TYPES[kind], DESKTOP)
    try:
        page.screenshot(path=str(screenshots / f"{kind}-desktop.png"), full_page=True)
    finally:
        context.close()


def test_every_page_passes_the_nu_html_checker(built_site: Path, vnu_jar: Path) -> None:
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(urlsplit(m.get('url', '')).path).relative_to(built_site)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert len(files) > 20
    assert errors == [], "\n".join(errors[:30])


def test_search_finds_the_strawberry_dispute(browser: Any, site_url: str) -> None:
    context, page, _, errors = _open(browser, site_url, DESKTOP)
    try:
        box = page.locator("input.md-search__input")
        box.click()  # at desktop width the search box sits in the header
        box.press_sequentially("Strawberry", delay=30)
        hit = page.locator(".md-search-result__item a[href*='disputes/strawberry-handover/']").first
        hit.wait_for(state="visible", timeout=10_000)
        assert "Strawberry" in hit.inner_text()
        assert errors == []
    finally:
        context.close()
