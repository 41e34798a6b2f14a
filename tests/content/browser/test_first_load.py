"""First load: what a browser transfers to show a page (gzipped, as a real host serves it), and search on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.content.browser.conftest import DESKTOP, PAGE_TYPES
from tests.helpers import serve

pytestmark = pytest.mark.browser

BUDGET_KB = 80.0
MEASURED = ("home", "actor", "actors-map", "timeline")  # the three the issue names, and the heaviest
SEARCH_FILES = ("/search/search_index.json", "/workers/search.")


@pytest.fixture(scope="module")
def gzipped_url(built_site: Path) -> Iterator[str]:
    """The built site served with gzip, as a host would."""
    with serve(built_site, gzipped=True) as url:
        yield url


def _is_search(url: str) -> bool:
    return any(part in urlsplit(url).path for part in SEARCH_FILES)


def _open(browser: Any, url: str) -> tuple[Any, Any, list[Any]]:
    """A fresh browser (empty cache) at `url`, once the network is idle, with every request it finished."""
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    return context, page, finished


def _transferred(requests: list[Any]) -> dict[str, int]:
    """Bytes of each response body as it came over the wire (gzipped where the server gzips)."""
    return {r.url: r.sizes()["responseBodySize"] for r in requests if r.url.startswith("http")}


@pytest.mark.parametrize("kind", MEASURED)
def test_first_load_is_at_most_80_kb_gzipped_without_search(browser: Any, gzipped_url: str, kind: str) -> None:
    context, _, finished = _open(browser, gzipped_url + PAGE_TYPES[kind])
    try:
        sizes = _transferred(finished)
    finally:
        context.close()
    total_kb = sum(sizes.values()) / 1024
    listing = "\n".join(f"{size / 1024:7.1f} KB  {url}" for url, size in sorted(sizes.items(), key=lambda i: -i[1]))
    print(f"{kind}: {total_kb:.1f} KB transferred\n{listing}")
    assert not [url for url in sizes if _is_search(url)], "search loads only when the reader opens it"
    assert any(url.endswith(".css") for url in sizes) and any(url.endswith(".js") for url in sizes), listing
    assert total_kb <= BUDGET_KB, f"{kind} transfers {total_kb:.1f} KB:\n{listing}"


@pytest.mark.parametrize("how", ["click", "slash"])
def test_search_loads_when_opened_and_answers_the_first_query(browser: Any, gzipped_url: str, how: str) -> None:
    context, page, finished = _open(browser, gzipped_url + PAGE_TYPES["actor"])
    try:
        assert not [r.url for r in finished if _is_search(r.url)]
        box = page.locator("input.md-search__input")
        if how == "click":
            box.click()
        else:
            page.locator("body").press("/")
            box.wait_for(state="visible")
        box.press_sequentially("Strawberry", delay=30)  # typed at once: before the index has arrived
        hit = page.locator(".md-search-result__item a[href*='disputes/strawberry-handover/']").first
        hit.wait_for(state="visible", timeout=10_000)
        assert "Strawberry" in hit.inner_text()
        loaded = {urlsplit(r.url).path for r in finished if _is_search(r.url)}
        assert any(p.endswith("search_index.json") for p in loaded) and any("/workers/" in p for p in loaded)
    finally:
        context.close()
