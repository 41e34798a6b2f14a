"""The reader's features in chromium: timeline filter, citation tooltips and targets, glossary tooltips, map."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def _page(browser: Any, url: str, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=options.pop("viewport", DESKTOP), service_workers="block", **options)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def test_timeline_filter_narrows_events_with_javascript(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "timeline/")
    try:
        events = page.locator(".timeline-event")
        total = events.count()
        assert total > 3 and page.locator(".timeline-filter").is_visible()
        page.select_option("#timeline-filter-select", "dispute-strawberry-handover")
        visible = page.locator(".timeline-event:visible")
        assert 0 < visible.count() < total
        for i in range(visible.count()):
            assert "dispute-strawberry-handover" in visible.nth(i).get_attribute("data-filter").split()
        assert f"of {total} events" in page.locator(".timeline-filter-count").inner_text()
        page.select_option("#timeline-filter-select", "")
        assert page.locator(".timeline-event:visible").count() == total
    finally:
        context.close()


def test_timeline_shows_every_event_without_javascript(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "timeline/", java_script_enabled=False)
    try:
        events = page.locator(".timeline-event")
        assert events.count() > 3
        assert page.locator(".timeline-event:visible").count() == events.count()
        assert not page.locator(".timeline-filter").is_visible()
    finally:
        context.close()


def test_citation_marker_shows_its_quote_and_leads_to_the_highlighted_sentence(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "disputes/strawberry-handover/")
    try:
        marker = page.locator("sup.cite").first
        tip = marker.locator(".cite-tip")
        assert not tip.is_visible()
        marker.locator("a.cite-link").focus()
        assert tip.is_visible() and "\u201c" in tip.inner_text()
        marker.locator("a.cite-link").click()
        page.wait_for_load_state("networkidle")
        fragment = page.evaluate("location.hash").lstrip("#")
        assert page.url.split("#")[0].endswith("/sources/wsj-drift-2025/") and fragment
        highlighted = page.locator(f"[id='{fragment}']").evaluate("e => getComputedStyle(e).backgroundColor")
        plain = page.locator(".sentence:not(:target)").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert highlighted != plain
    finally:
        context.close()


def test_glossary_terms_show_their_definition_as_a_tooltip(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "disputes/strawberry-handover/")
    try:
        term = page.locator("abbr", has_text="Strawberry").first
        term.hover()
        tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="reasoning").first
        tooltip.wait_for(state="visible", timeout=5_000)
    finally:
        context.close()


def test_relationship_map_stays_readable_on_a_phone(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "actors/", viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        frame = page.locator(".relmap")
        sizes = frame.evaluate("e => [e.scrollWidth, e.clientWidth]")
        text_px = page.locator(".relmap-svg .node text").first.evaluate("e => e.getBoundingClientRect().height")
        assert sizes[0] > sizes[1], "the map should pan inside its frame rather than shrink"
        assert text_px >= 10, f"node labels are {text_px}px tall"
        assert page.locator("#ties-in-words + ul > li").count() > 10
    finally:
        context.close()
