"""The reading measure itself (tests/readership.py), on small pages whose answer is known."""

from __future__ import annotations

from pathlib import Path

from tests.readership import read_page, retellings

PAGE = """<html><body><nav>Home Disputes</nav>
<article class="md-content__inner md-typeset">
<h1 id="t">Two words<a class="headerlink" href="#t">¶</a></h1>
<p>Alpha signed a deal.<button class="cite cite-reported" popovertarget="cite-1">1</button><small class="cite-pop"
id="cite-1" popover><span>The article says:</span> “Alpha and Beta signed a deal last summer.”</small></p>
<svg><title>A tooltip only</title><text>Alpha</text></svg>
<p hidden>Not shown at all</p>
<details class="page-sources"><summary>Sources for this page: 1 sentence</summary><ol><li>Alpha and Beta signed.
<a href="../sources/mini/#s1-1">Read it in context</a></li></ol></details>
</article><footer>Made with words</footer></body></html>"""


def test_only_what_a_reader_sees_in_the_article_counts(tmp_path: Path) -> None:
    page = tmp_path / "site" / "actors" / "alpha" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    reading = read_page(tmp_path / "site", page)
    # "Two words" + "Alpha signed a deal." + the map's label "Alpha"; not the nav, the marker, the popup,
    # the permalink, the SVG tooltip, the hidden paragraph, the collapsed sources or the footer.
    assert reading.words == 7
    assert reading.path == "actors/alpha/"
    assert reading.sentences == {("mini", "s1-1")}


def test_a_sentence_is_retold_once_per_page_and_never_by_its_source_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("a", "b", "sources/mini"):
        (site / path).mkdir(parents=True)
        (site / path / "index.html").write_text(PAGE + PAGE, encoding="utf-8")
    pages = [read_page(site, site / path / "index.html") for path in ("a", "b", "sources/mini")]
    counts = retellings(pages, {("mini", "s1-1"), ("mini", "s1-2")})
    assert counts == {("mini", "s1-1"): 2, ("mini", "s1-2"): 0}
