"""Honest about time: a deadline or expected event the sources looked ahead to, now past by the build date,
is flagged wherever a page names it (issue 19), driven by the dates in the facts."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from build_tools.pipeline import Generated, build_date
from build_tools.render.timeline import due

BLOCKS = {"p", "li", "td", "dd", "figcaption", "h1", "h2", "h3"}


class _Blocks(HTMLParser):
    """The article body's innermost text blocks, each with whether it holds a past-due flag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self._open: list[list[object]] = []  # [text parts, flagged]
        self._skip = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._depth += tag == "article"
        if (self._depth and tag == "small" and "cite-pop" in classes) or tag == "details":
            self._skip += 1
        if "past-due" in classes and self._open:
            self._open[-1][1] = True
        if self._depth and tag in BLOCKS:
            self._open.append([[], False])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("small", "details") and self._skip:
            self._skip -= 1
        if tag in BLOCKS and self._open:
            parts, flagged = self._open.pop()
            text = " ".join(parts)  # type: ignore[arg-type]
            if self._open:  # an inner block's flag and text count for its outer block too
                self._open[-1][0].extend(parts)  # type: ignore[union-attr]
                self._open[-1][1] = self._open[-1][1] or flagged
            self.blocks.append((text, bool(flagged)))
        self._depth -= tag == "article"

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._open[-1][0].append(data)  # type: ignore[union-attr]


def test_every_passed_deadline_is_flagged_on_every_page_that_names_it(built_site: Path, generated: Generated) -> None:
    site, today = generated.site, build_date()
    passed = [d for e in site.models("events") if (d := due(site, e.id, today)) is not None and d.passed]
    assert passed, "the live story has a deadline the build date has passed (OpenAI's, end of 2025)"
    for item in passed:
        label = item.when.label().lower()  # "end of 2025"
        naming: dict[str, int] = {}
        for html in sorted(built_site.rglob("index.html")):
            if "sources" in html.parts or "changes" in html.parts:
                continue  # the source's own text, and the record of corrections, are not the site's claims
            reader = _Blocks()
            reader.feed(html.read_text(encoding="utf-8"))
            for text, flagged in reader.blocks:
                if label in " ".join(text.lower().split()):
                    page = html.parent.relative_to(built_site).as_posix()
                    naming[page] = naming.get(page, 0) + 1
                    assert flagged, (page, text)
        print(item.event.id, naming)
        # The home page, the fight page, the timeline and the actor page all name it: the test saw them.
        assert {".", "disputes/for-profit-restructuring", "timeline", "actors/openai"} <= set(naming), naming
