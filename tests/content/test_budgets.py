"""Say it once: the reading budgets of issue 19, measured on the real build of the live story.

A reader judges an explainer by what they can finish. These are the numbers the story must stay
within: visible words per page and in all, and how many pages retell each cited source sentence
(tests/readership.py says how each is measured). The test prints them, so a failing run shows the
figures, not only that a limit was passed.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from build_tools.pipeline import Generated
from tests.readership import read_site, retellings

HOME_WORDS = 600
PAGE_WORDS = 500  # every page but the source text and the timeline, which hold the story's whole text and dates
SITE_WORDS = 7000
MEDIAN_RETOLD = 3
MAX_RETOLD = 5
EXEMPT = ("sources/", "timeline/")


def _substantive(generated: Generated) -> set[tuple[str, str]]:
    """Every source sentence that is not a heading: the sentences the site must cite."""
    return {
        (source_id, sentence.id)
        for source_id, source in generated.site.sources.items()
        for sentence in source.sentences
        if not sentence.heading
    }


def test_pages_and_the_site_keep_their_word_budgets(built_site: Path) -> None:
    pages = read_site(built_site)
    for page in pages:
        print(f"{page.words:5d} words  /{page.path}")
    total = sum(page.words for page in pages)
    print(f"{total:5d} words  in all")
    home = next(page for page in pages if page.path == "")
    assert home.words <= HOME_WORDS
    over = [(p.path, p.words) for p in pages if p.path and not p.path.startswith(EXEMPT) and p.words > PAGE_WORDS]
    assert not over, over
    assert total <= SITE_WORDS
    assert len(pages) >= 15  # the measure saw the whole site, not an empty build


def test_each_source_sentence_is_retold_on_few_pages(built_site: Path, generated: Generated) -> None:
    pages = read_site(built_site)
    sentences = _substantive(generated)
    counts = retellings(pages, sentences)
    for (source_id, sentence_id), count in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"{count} pages  {source_id}#{sentence_id}")
    assert min(counts.values()) >= 1  # every sentence is told somewhere besides the source page
    median = statistics.median(counts.values())
    print(f"median {median}, max {max(counts.values())}")
    assert median <= MEDIAN_RETOLD
    assert max(counts.values()) <= MAX_RETOLD, [key for key, count in counts.items() if count > MAX_RETOLD]
