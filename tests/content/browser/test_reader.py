"""What a reader meets, measured in chromium: the front page's first screen, no sideways scrolling,
the stance table at full width, search by alias and topic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.pipeline import Generated
from build_tools.render.structured import directory_url

pytestmark = pytest.mark.browser

FIRST_SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 700}}


def _open(browser: Any, url: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, service_workers="block", is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def _in_first_screen(locator: Any, viewport: dict[str, int]) -> bool:
    box = locator.bounding_box()
    return box is not None and box["width"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("screen", FIRST_SCREENS)
def test_first_screen_shows_the_standfirst_and_links_to_every_main_fight(
    browser: Any, site_url: str, generated: Generated, screen: str
) -> None:
    viewport = FIRST_SCREENS[screen]
    main = [f for f in generated.site.fights() if f.tier == "main"]
    assert len(main) >= 3
    context, page = _open(browser, site_url, viewport)
    try:
        assert _in_first_screen(page.locator("article .dek"), viewport), "the standfirst is below the fold"
        for fight in main:
            url = site_url + directory_url(f"{generated.site.kind_of(fight.id)}/{fight.id}.md")
            links = page.locator("article a[href]").filter(has_text=fight.title)
            seen = [
                links.nth(i)
                for i in range(links.count())
                if links.nth(i).evaluate("a => a.href") == url and links.nth(i).is_visible()
            ]
            assert any(_in_first_screen(link, viewport) for link in seen), (
                f"no link to {fight.title} in the first screen"
            )
    finally:
        context.close()


def _all_pages(built_site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
        if p.parent.name not in ("search", "assets")
    )


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str, built_site: Path) -> None:
    viewport = FIRST_SCREENS["phone"]
    context = browser.new_context(viewport=viewport, service_workers="block", is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    try:
        for path in _all_pages(built_site):
            page.goto(site_url + path.removeprefix("./"), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                wide.append((path, width))
    finally:
        context.close()
    assert len(_all_pages(built_site)) > 18
    assert wide == []


def test_stance_table_fits_its_page_without_an_inner_scroll(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url + "stances/", FIRST_SCREENS["desktop"])
    try:
        table = page.locator("table.stances")
        sizes = table.evaluate("""t => {
            const frames = [t];
            for (let e = t.parentElement; e; e = e.parentElement) frames.push(e);
            return frames.map(e => [e.scrollWidth, e.clientWidth]);
        }""")
        assert all(scroll <= client + 1 for scroll, client in sizes), sizes
        assert table.locator("thead th").count() >= 3
        assert page.locator(".md-sidebar--secondary").evaluate(
            "e => e.offsetWidth === 0 || getComputedStyle(e).display === 'none' || e.hidden"
        )
        article = page.locator("article").bounding_box()
        assert table.bounding_box()["width"] >= article["width"] * 0.9  # the table takes the page's width
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Suleiman", "actors/mustafa-suleyman/"),  # the retelling's spelling
        ("Ultraman", "actors/sam-altman/"),  # the retelling's nickname
        ("compute", "disputes/computing-power/"),  # a topic, by a keyword the fight declares
    ],
)
def test_search_finds_aliases_and_topics_first(browser: Any, site_url: str, query: str, expected: str) -> None:
    context, page = _open(browser, site_url, FIRST_SCREENS["desktop"])
    try:
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=20)
        first = page.locator(".md-search-result__item a").first
        first.wait_for(state="visible", timeout=10_000)
        assert first.evaluate("a => a.href").split("#")[0] == site_url + expected
    finally:
        context.close()
