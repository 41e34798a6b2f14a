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
    context, page = _page(browser, site_url + "questions/agi/")
    try:
        terms = page.locator("article a.term")
        assert terms.count() > 0 and terms.first.get_attribute("title")
        hrefs = terms.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert len(hrefs) == len(set(hrefs)), hrefs
        assert page.locator(":is(h1, h2, h3, h4, a:not(.term)) a.term, a.term a").count() == 0
    finally:
        context.close()


# Every element from the popup up to the document: the popup is readable only if none of them fades it.
_OPACITY_CHAIN = """pop => {
  const chain = [];
  for (let el = pop; el; el = el.parentElement) chain.push([el.tagName, getComputedStyle(el).opacity]);
  return chain;
}"""
_BACKGROUND = "pop => getComputedStyle(pop).backgroundColor"


def _opaque(colour: str) -> bool:
    """rgb(…) or rgba(…, 1): a background nothing shows through."""
    if colour.startswith("rgb("):
        return True
    return colour.startswith("rgba(") and colour.rstrip(")").split(",")[-1].strip() in ("1", "1.0")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citation_popups_are_opaque_and_close_every_way(browser: Any, site_url: str, viewport: dict[str, int]) -> None:
    touch = viewport is PHONE
    for path in ("", "disputes/microsoft-own-ai/", "stances/", "actors/"):
        context, page = _page(browser, site_url + path, viewport=viewport, is_mobile=touch, has_touch=touch)
        try:
            marker = page.locator("button.cite").first
            popup = page.locator(f"[id='{marker.get_attribute('popovertarget')}']")
            for close in ("button", "escape", "outside"):
                marker.scroll_into_view_if_needed()
                marker.tap() if touch else marker.click()
                assert popup.is_visible(), (path, close)
                chain = popup.evaluate(_OPACITY_CHAIN)
                assert all(opacity == "1" for _, opacity in chain), (path, chain)
                assert _opaque(popup.evaluate(_BACKGROUND)), (path, popup.evaluate(_BACKGROUND))
                box = popup.bounding_box()
                if touch:  # a bottom sheet: full width, resting on the bottom edge
                    assert box["x"] <= 1 and abs(box["y"] + box["height"] - viewport["height"]) <= 1, (path, box)
                if close == "button":
                    button = popup.locator("button.cite-close")
                    assert button.is_visible() and button.inner_text().strip() == "Close"
                    button.tap() if touch else button.click()
                elif close == "escape":
                    page.keyboard.press("Escape")
                else:  # a tap or click on the page outside the popup
                    point = {"x": 5, "y": 5} if touch else {"x": viewport["width"] - 5, "y": viewport["height"] - 5}
                    page.mouse.click(point["x"], point["y"]) if not touch else page.touchscreen.tap(**point)
                assert not popup.is_visible(), (path, close)
        finally:
            context.close()


def test_every_marker_is_a_finger_sized_target_on_a_phone(browser: Any, site_url: str) -> None:
    for path in ("", "disputes/model-access/", "questions/agi/", "stances/", "actors/", "timeline/", "glossary/"):
        context, page = _page(browser, site_url + path, viewport=PHONE, is_mobile=True, has_touch=True)
        try:
            sizes = page.locator("article button.cite").evaluate_all(
                "els => els.filter(e => e.offsetParent).map(e => [e.getBoundingClientRect().width,"
                " e.getBoundingClientRect().height])"
            )
            assert sizes, path
            small = [size for size in sizes if size[0] < 24 or size[1] < 24]
            assert not small, (path, small[:3])
        finally:
            context.close()
