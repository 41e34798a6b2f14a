"""The timeline in chromium: filter chips, their state in the address, no-script fallback, phone width."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.content.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

FIGHT = "fight-strawberry-handover"
EVENTS = ".axis .axis-event"


def _page(browser: Any, url: str, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=options.pop("viewport", DESKTOP), service_workers="block", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    page.script_errors = errors  # type: ignore[attr-defined]
    return context, page


def _shown(page: Any) -> list[str]:
    return page.eval_on_selector_all(EVENTS, "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def _tags(page: Any, event_id: str) -> list[str]:
    return page.locator(f"[id='{event_id}']").get_attribute("data-filter").split()


def _pressed(page: Any) -> list[str]:
    return page.eval_on_selector_all(".chip[aria-pressed='true']", "els => els.map(e => e.dataset.filter)")


def test_a_chip_filters_events_and_writes_its_state_to_the_address(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "timeline/#undated")
    try:
        total = page.locator(EVENTS).count()
        assert total > 3 and len(_shown(page)) == total
        assert page.locator(".chips").is_visible() and _pressed(page) == [""]
        page.locator(f".chip[data-filter='{FIGHT}']").click()
        shown = _shown(page)
        assert 0 < len(shown) < total
        assert all(FIGHT in _tags(page, event_id) for event_id in shown)
        hidden = page.eval_on_selector_all(EVENTS, "els => els.filter(e => e.hidden).map(e => e.id)")
        assert hidden and not any(FIGHT in _tags(page, event_id) for event_id in hidden)
        assert _pressed(page) == [FIGHT]
        assert page.locator(".chip[data-filter='']").get_attribute("aria-pressed") == "false"
        address = urlsplit(page.url)
        assert parse_qs(address.query) == {"show": [FIGHT]} and address.fragment == "undated"
        assert page.locator(".chips-count").inner_text() == f"Showing {len(shown)} of {total} events"
        page.locator(".chip[data-filter='']").click()
        assert len(_shown(page)) == total and _pressed(page) == [""]
        assert "show=" not in page.url and page.url.endswith("#undated")
        assert page.locator(".axis li.axis-year[hidden]").count() == 0
        assert not page.script_errors
    finally:
        context.close()


def test_a_year_mark_shows_exactly_while_something_of_its_year_shows(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "timeline/")
    try:
        for chip in page.locator(".chip").all():
            chip.click()
            years = page.eval_on_selector_all(
                ".axis li.axis-year",
                """els => els.map(y => {
                let content = false;
                for (let n = y.nextElementSibling; n && !n.matches('.axis-year'); n = n.nextElementSibling)
                  if (!n.hidden) content = true;
                return [y.offsetParent !== null, content];
            })""",
            )
            assert all(shown == content for shown, content in years), chip.inner_text()
    finally:
        context.close()


def test_the_address_applies_a_filter_on_load_and_ignores_unknown_values(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + f"timeline/?show={FIGHT}")
    try:
        total = page.locator(EVENTS).count()
        shown = _shown(page)
        assert 0 < len(shown) < total and all(FIGHT in _tags(page, event_id) for event_id in shown)
        assert _pressed(page) == [FIGHT]
        page.goto(site_url + "timeline/?show=fight-no-such-thing", wait_until="networkidle")
        assert len(_shown(page)) == total and _pressed(page) == [""]
        assert not page.script_errors
    finally:
        context.close()


def test_without_javascript_every_event_shows_and_the_chips_do_not(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + f"timeline/?show={FIGHT}", java_script_enabled=False)
    try:
        total = page.locator(EVENTS).count()
        assert total > 3 and len(_shown(page)) == total
        assert not page.locator(".chips").is_visible()
        assert page.get_by_text("The article gives no date").first.is_visible()
    finally:
        context.close()


def test_the_axis_marks_the_sources_date_and_today(browser: Any, site_url: str) -> None:
    context, page = _page(browser, site_url + "timeline/")
    try:
        source, today = page.locator(".axis-source"), page.locator(".axis-today")
        assert source.is_visible() and today.is_visible()
        assert source.bounding_box()["y"] < today.bounding_box()["y"]
        # Events after the source's date come after its mark, and say they are past or still ahead.
        later = page.locator(".axis .after-sources").all()
        assert later
        for event in later:
            assert event.bounding_box()["y"] > source.bounding_box()["y"]
            note = event.locator(".past-due").inner_text()
            assert "has passed; these sources end in" in note or "Still ahead when these sources end" in note
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", f"?show={FIGHT}"])
def test_the_timeline_fits_a_phone_without_sideways_scroll(browser: Any, site_url: str, query: str) -> None:
    context, page = _page(browser, site_url + "timeline/" + query, viewport=PHONE)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.locator(".chips").is_visible()
    finally:
        context.close()
