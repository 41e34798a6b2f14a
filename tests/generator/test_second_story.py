"""A second story builds: the fictional bidding war of tests/fixtures/second-story, with its own mkdocs.yml
(`plugins: [search, explainer]`), through the real `mkdocs build --strict`, with nothing of the live story in it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from build_tools.pipeline import Generated
from tests.helpers import SECOND_SOURCE, SECOND_STORY, html_path, live_story_leaks, live_story_pattern

# One page of every type the generator makes, in the second story.
PAGE_TYPES = {
    "home": "index.md",
    "actors and the map": "actors/index.md",
    "actor with relations": "actors/ilse-marrow.md",
    "main dispute": "disputes/price.md",
    "flashpoint": "disputes/ashby-ford.md",
    "question": "questions/regulator.md",
    "stances": "stances.md",
    "timeline": "timeline.md",
    "glossary": "glossary.md",
    "what changed": "changes.md",
    "source": f"sources/{SECOND_SOURCE}.md",
}


def test_the_fixture_has_its_own_config_and_a_source_of_the_right_size() -> None:
    config = (SECOND_STORY / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^plugins:\n  - search\n  - explainer\n", config, re.MULTILINE)
    words = len((SECOND_STORY / "content" / "sources" / f"{SECOND_SOURCE}.txt").read_text(encoding="utf-8").split())
    assert 300 <= words <= 700, words


def test_the_fixture_itself_names_nothing_of_the_live_story() -> None:
    assert live_story_leaks(SECOND_STORY) == {}
    assert live_story_pattern().search(b"Microsoft and OPENAI")  # the pattern does find the two sides


def test_strict_build_succeeds_without_warnings(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = build_result
    assert result.returncode == 0
    assert "WARNING" not in result.stderr, result.stderr
    assert "Source coverage: 25/25 substantive sentences cited (100.0%)" in result.stderr


def test_every_page_type_is_built(built_site: Path, generated: Generated) -> None:
    for kind, page in PAGE_TYPES.items():
        assert page in generated.pages, kind
        assert html_path(built_site, page).is_file(), kind
    assert (built_site / "facts.json").is_file()
    site = generated.site
    assert {fight.tier for fight in site.fights()} == {"main", "flashpoint"}
    assert any(actor.relations for actor in site.models("actors"))
    assert [event.id for event in site.models("events") if event.when is None] == ["ashby-walkout"]
    dated = {event.id for event in site.models("events") if event.when is not None}
    assert {"first-bid", "rival-bid", "osprey-study", "regulator-review"} <= dated
    assert site.models("terms") and site.models("figures") and site.models("changes")


def test_no_output_file_names_the_live_story(built_site: Path) -> None:
    """No file of the site (Material's own bundled files, copied unchanged, aside) contains "openai", "microsoft"
    or any id or name of the live story's actors (read from content/actors at test time), in any case."""
    assert live_story_leaks(built_site, skip_vendor=True) == {}
    assert len(list(built_site.rglob("*.html"))) > 12  # a real build: every page type


def test_the_pages_tell_the_second_story(built_site: Path) -> None:
    home = html_path(built_site, "index.md").read_text(encoding="utf-8")
    assert "Calder Valley Mills: a bidding war" in home
    assert "Brightwater Foods" in home and "Osprey Capital Partners" in home
    actor = yaml.safe_load((SECOND_STORY / "content" / "actors" / "ilse-marrow.yaml").read_text(encoding="utf-8"))
    page = html_path(built_site, "actors/ilse-marrow.md").read_text(encoding="utf-8")
    assert actor["name"] in page and "Brightwater Foods" in page  # the relation, shown with the other's name
