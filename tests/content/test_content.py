"""The live content (content/): its claims, its source's coverage and the pages of its real strict build.

These tests are about this story, not the generator (the generator's own tests, in tests/generator, build
fixtures and pass on any content).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.load.facts import discover
from build_tools.load.yamlload import load_yaml
from build_tools.model.schema import modeline, schema_file
from build_tools.model.sources import normalise, split_sentences
from build_tools.pipeline import Generated
from build_tools.problems import Collector
from tests.helpers import CONTENT_DIR, ROOT, html_path, json_ld

SOURCE = "wsj-drift-2025"
ARTICLE = (CONTENT_DIR / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8")
FACT_FILES = discover(CONTENT_DIR, Collector(ROOT))


def test_strict_build_reports_no_warning(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = build_result
    assert "WARNING" not in result.stderr, result.stderr
    assert "Source coverage:" in result.stderr


def test_every_quote_occurs_verbatim_in_the_source(generated: Generated) -> None:
    article = normalise(ARTICLE)
    quotes = [citation.quote for _, citation in generated.site.citations()]
    assert len(quotes) > 100
    missing = [q for q in quotes if normalise(q) not in article]
    assert missing == []


def test_coverage_is_complete(generated: Generated) -> None:
    cited, total = generated.site.coverage()
    assert total > 18
    assert (cited, generated.site.uncited()) == (total, [])


def test_the_story_has_its_pages(generated: Generated) -> None:
    """The pages the browser tests and the README name."""
    for page in ("questions/agi.md", "disputes/strawberry-handover.md", "actors/sam-altman.md", f"sources/{SOURCE}.md"):
        assert page in generated.pages, page


@pytest.mark.parametrize("kind,path", FACT_FILES, ids=[p.relative_to(CONTENT_DIR).as_posix() for _, p in FACT_FILES])
def test_content_file_validates_against_its_schema(kind: str, path: Path) -> None:
    """Every fact file points at its schema and passes it under an independent validator."""
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline(kind), "first line must point the YAML language server at the schema"
    doc = load_yaml(path, Collector(ROOT))
    assert doc is not None
    schema = json.loads((ROOT / "schema" / schema_file(kind)).read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc.data)]
    assert errors == []


def test_every_story_page_names_the_wall_street_journal_and_the_retelling(
    built_site: Path, generated: Generated
) -> None:
    for path in generated.pages:
        provenance = re.search(
            r'<div class="provenance"[^>]*>(.*?)</div>', html_path(built_site, path).read_text(encoding="utf-8"), re.S
        )
        assert provenance, path
        text = html.unescape(re.sub(r"<[^>]+>", "", provenance.group(1)))
        assert "Wall Street Journal" in text and "retelling" in text and "late April 2025" in text, (path, text)


def test_footer_tells_the_facts_date_apart_from_the_edit_date(built_site: Path) -> None:
    for page in ("index.md", "actors/sam-altman.md", "about.md"):
        footer = html_path(built_site, page).read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        said = (
            "The newest source this site rests on is from"
            if page == "about.md"
            else "The facts on this page stand as of"
        )
        assert f"{said} late April 2025" in footer, page


def test_no_build_or_editing_page_reaches_readers(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    handbook = [p.stem for p in (ROOT / "docs" / "handbook").glob("*.md")]
    assert handbook
    assert not [d["location"] for d in docs if d["location"].startswith("handbook/")]
    assert not (built_site / "handbook").exists()
    assert not [d["location"] for d in docs if re.search(r"mkdocs|Zensical|pytest|YAML", d["text"])]


def test_source_json_ld_is_based_on_the_chain_from_the_original(built_site: Path) -> None:
    data = json_ld(html_path(built_site, f"sources/{SOURCE}.md").read_text(encoding="utf-8"))
    held = data["isBasedOn"]
    assert held["@type"] == "NewsArticle" and held["inLanguage"] == "en"
    retelling = held["isBasedOn"]
    assert (retelling["@type"], retelling["name"], retelling["genre"], retelling["inLanguage"]) == (
        "CreativeWork",
        "Unnamed retelling",
        "retelling",
        "zh",
    )
    assert retelling["description"].startswith("Inferred")
    original = retelling["isBasedOn"]
    assert (original["name"], original["genre"]) == ("Wall Street Journal report", "original")
    assert "isBasedOn" not in original and "url" not in original  # the first text; no address is known


def test_facts_json_gives_the_source_its_chain_and_label(built_site: Path) -> None:
    document = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    (source,) = document["sources"]
    meta = yaml.safe_load((CONTENT_DIR / "sources" / f"{SOURCE}.yaml").read_text(encoding="utf-8"))
    assert [step["name"] for step in source["chain"]] == [step["name"] for step in meta["chain"]]
    assert [step["kind"] for step in source["chain"]] == ["original", "retelling", "translation"]
    assert [step["inferred"] for step in source["chain"]] == [False, True, False]
    assert source["label"] == "the article"


def test_actor_pages_describe_a_person_or_organisation(built_site: Path) -> None:
    altman = json_ld(html_path(built_site, "actors/sam-altman.md").read_text(encoding="utf-8"))
    microsoft = json_ld(html_path(built_site, "actors/microsoft.md").read_text(encoding="utf-8"))
    assert (altman["@type"], altman["name"]) == ("Person", "Sam Altman")
    assert (microsoft["@type"], microsoft["name"]) == ("Organization", "Microsoft")


def test_the_live_source_keeps_its_sentences() -> None:
    """The abbreviation rules change nothing in the live source: its headings and sentence count stay."""
    for path in sorted((CONTENT_DIR / "sources").glob("*.txt")):
        sentences = split_sentences(path.read_text(encoding="utf-8"))
        headings = [sentence.text for sentence in sentences if sentence.heading]
        assert all(len(heading.split()) <= 12 and not heading.endswith(".") for heading in headings)
        assert len({sentence.id for sentence in sentences}) == len(sentences)


def test_an_infobox_reads_each_tie_from_its_actor_and_hedges_what_the_article_does_not_report(built_site: Path) -> None:
    """Wikipedia-style rows ("Led by", "Makes"), and a tie resting only on unnamed sources or on this site's
    reading says so beside the name, as the map does."""
    microsoft = html_path(built_site, "actors/microsoft.md").read_text(encoding="utf-8")
    assert re.search(r"<dt>Led by</dt><dd><a [^>]*>Satya Nadella</a></dd>", microsoft)
    assert re.search(
        r"<dt>Makes</dt><dd><a [^>]*>Copilot</a>, <a [^>]*>Microsoft&#39;s in&#45;house model</a></dd>", microsoft
    )
    assert re.search(
        r"<dt>Shelved</dt><dd><a [^>]*>[^<]*data center project</a> <span class=\"hedge\">\(sources said\)", microsoft
    )
    assert re.search(
        r"<dt>Leverage in</dt><dd><a href=\"[^\"]*for&#45;profit&#45;restructuring/#leverage\">", microsoft
    )
    altman = html_path(built_site, "actors/sam-altman.md").read_text(encoding="utf-8")
    assert re.search(
        r"<dt>Rival</dt><dd><a [^>]*>Mustafa Suleyman</a> <span class=\"hedge\">\(in our reading\)", altman
    )


def test_a_dispute_page_lists_no_event_that_only_retells_its_sides(built_site: Path) -> None:
    """The clause's only event says what OpenAI's position already says: no "What happened" to repeat it."""
    access = html_path(built_site, "disputes/model-access.md").read_text(encoding="utf-8")
    assert "access-clause-raised" not in access.split('id="status"', 1)[0].split("mini-timeline", 1)[-1]
    assert 'id="what-happened"' not in access
    own_ai = html_path(built_site, "disputes/microsoft-own-ai.md").read_text(encoding="utf-8")
    assert "mini-timeline" in own_ai  # where events add something (Suleyman's hire, Davos), they stay
