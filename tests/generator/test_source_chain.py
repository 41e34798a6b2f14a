"""Several sources, visibly: the chain of intermediaries as data (JSON-LD, facts.json) and one label per source
(on the second story, and the second story with a later press release added)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from build_tools.model import models as m
from build_tools.pipeline import Generated, generate
from tests.helpers import SECOND_SOURCE, SECOND_STORY, html_path, json_ld, repin, second_story

REAL = SECOND_SOURCE
PRESS = "osprey-press-2025"
PRESS_TEXT = "Osprey Capital Partners raised its offer for Calder Valley Mills on 28 April 2025.\n"
META = SECOND_STORY / "content" / "sources" / f"{REAL}.yaml"


def test_source_json_ld_is_based_on_the_chain_from_the_original(built_site: Path) -> None:
    data = json_ld(html_path(built_site, f"sources/{REAL}.md").read_text(encoding="utf-8"))
    held = data["isBasedOn"]
    assert held["@type"] == "NewsArticle" and held["inLanguage"] == "en"
    digest = held["isBasedOn"]
    assert (digest["@type"], digest["name"], digest["genre"], digest["inLanguage"]) == (
        "CreativeWork",
        "Regional news digest",
        "republication",
        "en",
    )
    assert digest["description"].startswith("Inferred")
    original = digest["isBasedOn"]
    assert (original["name"], original["genre"]) == ("Valley Ledger report", "original")
    assert "isBasedOn" not in original and "url" not in original  # the first text; no address is known


def test_facts_json_gives_each_source_its_chain_and_label(built_site: Path) -> None:
    document = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    (source,) = document["sources"]
    meta = yaml.safe_load(META.read_text(encoding="utf-8"))
    assert [step["name"] for step in source["chain"]] == [step["name"] for step in meta["chain"]]
    assert [step["kind"] for step in source["chain"]] == ["original", "republication", "republication"]
    assert [step["inferred"] for step in source["chain"]] == [False, True, False]
    assert source["label"] == "the article"  # one source: no date in its name
    assert source["via"] and source["credit"]  # the text fields still stand beside the chain


def test_one_source_is_named_as_before(generated: Generated) -> None:
    home = generated.pages["index.md"].markdown
    assert home.count("<strong>The source</strong>") == 1
    assert "Read it in the article</a>" in generated.pages["disputes/price.md"].markdown


def _chain(*kinds: str, last_language: str = "en") -> list[dict[str, Any]]:
    steps = [{"name": f"text {i}", "kind": kind} for i, kind in enumerate(kinds)]
    steps[-1]["language"] = last_language
    return steps


def _meta(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(META.read_text(encoding="utf-8"))
    return {**data, **changes}


def test_chain_runs_from_the_original_to_the_text_we_hold() -> None:
    m.SourceMeta.model_validate(_meta(chain=_chain("original", "republication")))
    m.SourceMeta.model_validate(_meta(chain=[]))  # a text that is itself the original
    with pytest.raises(ValidationError, match="only the first step"):
        m.SourceMeta.model_validate(_meta(chain=_chain("translation", "original")))
    with pytest.raises(ValidationError, match="last step"):
        m.SourceMeta.model_validate(_meta(chain=_chain("original", "translation", last_language="zh")))
    with pytest.raises(ValidationError):
        m.SourceMeta.model_validate(_meta(chain=[{"name": "x", "kind": "rumour"}]))


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The second story plus a later, dated source that one key number cites."""
    project = second_story(tmp_path_factory.mktemp("two") / "p")
    sources = project / "content" / "sources"
    (sources / f"{PRESS}.txt").write_text(PRESS_TEXT, encoding="utf-8")
    (sources / f"{PRESS}.yaml").write_text(
        f"id: {PRESS}\ntitle: Osprey raises its offer\nshort: Osprey's press release\n"
        "outlet: Osprey Capital Partners (fictional)\nvia: Published by Osprey itself.\nlanguage: en\n"
        "chain:\n  - name: Osprey press release\n    kind: original\n    url: https://example.org/osprey/offer/\n"
        'published: {value: "2025-04-28", precision: day}\npublished_basis: Dated on the page.\n'
        f'text_file: {PRESS}.txt\nretrieved: "2025-04-29"\nsha256: {"0" * 64}\n',
        encoding="utf-8",
    )
    repin(project, PRESS)
    (project / "content" / "figures" / "raised-offer.yaml").write_text(
        "id: raised-offer\nvalue: 28 April 2025\nlabel: Osprey raises its offer\nstatement:\n"
        "  text: Osprey raised its offer for Calder Valley Mills.\n  cite:\n"
        f"    - source: {PRESS}\n      quote: {PRESS_TEXT.strip()}\n      basis: on-record\n      speaker: osprey\n"
        f"    - source: {REAL}\n      quote: Osprey answered in March with a rival offer\n      basis: reported\n",
        encoding="utf-8",
    )
    return generate(project / "content", project)


def test_with_several_sources_each_citation_names_its_source_and_date(two_sources: Generated) -> None:
    home = two_sources.pages["index.md"].markdown
    popup = home[home.index('id="raised&#45;offer"') :]
    popup = popup[: popup.index("</figure>")]
    assert "Read it in Osprey&#39;s press release, 28 April 2025</a>" in popup
    assert "Read it in the article, 14 April 2025</a>" in popup
    assert "Read it in the article</a>" not in home


def test_with_several_sources_each_is_listed_once(two_sources: Generated) -> None:
    home = two_sources.pages["index.md"].markdown
    explore = home[home.index("{ #explore }") : home.index("</ul>", home.index("{ #explore }"))]
    assert "The source<" not in explore
    for source_id in (REAL, PRESS):
        assert explore.count(f"sources/{source_id.replace('-', '&#45;')}/") == 1, explore
    assert "<strong>Osprey&#39;s press release, 28 April 2025</strong>" in explore
    lines = re.findall(r'<p class="provenance-line">Based on <a href="([^"]+)">([^<]+)</a>', home)
    assert sorted(label for _, label in lines) == [
        "Osprey&#39;s press release, 28 April 2025",
        "the article, 14 April 2025",
    ]
    assert len({href for href, _ in lines}) == len(lines)
    assert {page for page in two_sources.pages if page.startswith("sources/")} == {
        f"sources/{REAL}.md",
        f"sources/{PRESS}.md",
    }
    press = two_sources.pages[f"sources/{PRESS}.md"].markdown
    jsonld = json.loads(json.loads(re.search(r"^jsonld: (.*)$", press, re.M).group(1)))  # type: ignore[union-attr]
    assert "isBasedOn" not in jsonld["isBasedOn"]  # the text we hold is the original: no chain before it
