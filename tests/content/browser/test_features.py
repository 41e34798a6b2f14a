"""The reader's features in chromium: timeline filter, citation tooltips and targets, glossary tooltips, map."""

from __future__ import annotations

from typing import Any

import pytest

from tests.content.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def _page(browser: Any, url: str, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=options.pop("viewport", DESKTOP), service_workers="block", **options)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def _inside(box: dict[str, float], viewport: dict[str, int]) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citation_popup_opens_on_first_tap_stays_on_screen_and_leads_to_the_sentence(
    browser: Any, site_url: str, viewport: dict[str, int]
) -> None:
    touch = viewport is PHONE
    context, page = _page(
        browser, site_url + "disputes/strawberry-handover/", viewport=viewport, is_mobile=touch, has_touch=touch
    )
    try:
        markers = page.locator("button.cite")
        assert markers.count() > 3
        for index in (0, markers.count() - 1):  # the first and the last marker on the page
            marker = markers.nth(index)
            popup = page.locator(f"[id='{marker.get_attribute('popovertarget')}']")
            assert not popup.is_visible()
            marker.scroll_into_view_if_needed()
            marker.tap() if touch else marker.click()
            assert popup.is_visible() and "\u201c" in popup.inner_text() and "article" in popup.inner_text()
            assert _inside(popup.bounding_box(), viewport), popup.bounding_box()
            page.keyboard.press("Escape")
            assert not popup.is_visible()
        markers.first.click()
        page.locator(".cite-pop:popover-open a.cite-go").first.click()
        page.wait_for_load_state("networkidle")
        fragment = page.evaluate("location.hash").lstrip("#")
        assert page.url.split("#")[0].endswith("/sources/wsj-drift-2025/") and fragment
        highlighted = page.locator(f"[id='{fragment}']").evaluate("e => getComputedStyle(e).backgroundColor")
        plain = page.locator(".sentence:not(:target)").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert highlighted != plain
    finally:
        context.close()


def test_glossary_terms_are_explained_on_first_mention_only_and_never_in_headings_or_links(
    browser: Any, site_url: str
) -> None:
    context, page = _page(browser, site_url + "disputes/strawberry-handover/")
    try:
        terms = page.locator("article a.term")
        assert terms.count() > 0 and terms.first.get_attribute("title")
        hrefs = terms.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert len(hrefs) == len(set(hrefs)), hrefs
        assert page.locator(":is(h1, h2, h3, h4, a:not(.term)) a.term, a.term a").count() == 0
    finally:
        context.close()
