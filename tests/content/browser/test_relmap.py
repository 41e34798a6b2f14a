"""The relationship map in chromium: the chief executives' tie and the arrowheads on screen at 1280 px, and a
readable map (the sides stacked, type at full size) at 375 px, with no sideways scroll and no axe violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.content.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

CEO_TIE = "Sam Altman had a close relationship with Satya Nadella"

# What the reader sees of a drawing: is it shown, its width on screen, its scale (screen px per drawing unit),
# the chief executives' line's size on screen, the words on lines that are shown, and the arrowheads drawn.
_MEASURE = """([sel, tie]) => {
  const svg = document.querySelector(sel + ' svg');
  const shown = svg.getBoundingClientRect();
  const lines = [...svg.querySelectorAll('path.tie')];
  const ceo = lines.find(p => p.querySelector('title').textContent.startsWith(tie));
  const line = ceo ? ceo.getBoundingClientRect() : null;
  return {
    display: getComputedStyle(svg.parentElement).display,
    width: shown.width,
    scale: shown.width / svg.viewBox.baseVal.width,
    ceo: line ? [line.width, line.height, line.left >= shown.left - 1 && line.right <= shown.right + 1] : null,
    words: [...svg.querySelectorAll('text.tie-label')].map(t => t.textContent),
    arrows: lines.filter(p => p.getAttribute('marker-end') || p.getAttribute('marker-start')).map(p => {
      const id = (p.getAttribute('marker-end') || p.getAttribute('marker-start')).slice(5, -1);
      const marker = svg.querySelector('marker[id="' + id + '"] path');
      return [p.querySelector('title').textContent, marker ? getComputedStyle(marker).fill : 'missing'];
    }),
  };
}"""


def _open(browser: Any, url: str, viewport: dict[str, int], **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=viewport, service_workers="block", **options)
    page = context.new_page()
    page.goto(url + "actors/", wait_until="networkidle")
    return context, page


def test_desktop_map_draws_the_chief_executives_tie_with_its_words_and_arrowheads(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url, DESKTOP)
    try:
        wide, narrow = (
            page.evaluate(_MEASURE, [".relmap-wide", CEO_TIE]),
            page.evaluate(_MEASURE, [".relmap-narrow", CEO_TIE]),
        )
        assert wide["display"] != "none" and narrow["display"] == "none"
        assert wide["scale"] > 0.95  # drawn at its own size: 13 px names stay 13 px
        width, _, inside = wide["ceo"]
        assert width > 100 and inside  # a real line across the gutter, on the drawing
        assert any("had a close relationship with" in words for words in wide["words"])
        arrows = dict(wide["arrows"])
        assert "Microsoft invests in OpenAI; Microsoft is a partner of OpenAI" in arrows
        assert "Mustafa Suleyman was hired to start Microsoft's in-house model" in arrows
        assert all(fill not in ("missing", "none", "rgba(0, 0, 0, 0)") for fill in arrows.values()), arrows
        assert CEO_TIE not in arrows  # symmetric: no arrowhead
    finally:
        context.close()


def test_phone_map_is_shown_stacked_and_readable(browser: Any, site_url: str, axe_script: Path) -> None:
    """At 375 px the phone's drawing is shown at full size (no shrunken wide map), with the chief executives' tie,
    arrowheads and words on its lines; the page does not scroll sideways and axe finds nothing."""
    context, page = _open(browser, site_url, PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    try:
        wide, narrow = (
            page.evaluate(_MEASURE, [".relmap-wide", CEO_TIE]),
            page.evaluate(_MEASURE, [".relmap-narrow", CEO_TIE]),
        )
        assert wide["display"] == "none" and narrow["display"] != "none"
        assert narrow["scale"] > 0.95 and narrow["width"] <= PHONE["width"]
        assert narrow["ceo"] is not None and narrow["ceo"][0] > 40 and narrow["ceo"][2]
        assert any("increasingly disagreed with" in words for words in narrow["words"])
        assert len(narrow["arrows"]) >= 8
        panels = page.eval_on_selector_all(
            ".relmap-narrow .panel-label",
            "els => els.map(e => [e.textContent, e.getBoundingClientRect().top])",
        )
        tops = {text: top for text, top in panels}
        assert tops["OpenAI’s side"] < tops["Between the two sides"] < tops["Microsoft’s side"]
        node = page.locator(".relmap-narrow a.node").first
        box = node.bounding_box()
        assert box is not None and box["height"] >= 24  # a tap target
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1]
        page.evaluate(axe_script.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert result["violations"] == [], [v["id"] for v in result["violations"]]
    finally:
        context.close()


def test_a_box_on_the_phone_map_opens_its_actor(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url, PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    try:
        page.locator(".relmap-narrow a.node", has_text="Satya Nadella").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.inner_text().strip().startswith("Satya Nadella")
    finally:
        context.close()
