"""Machine-readable output of the second story's real build: facts.json, JSON-LD, meta description and Open Graph."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.pipeline import Generated
from tests.helpers import SECOND_SOURCE, citations_in, html_path, json_ld, parse


def test_facts_json_holds_every_fact_with_attributed_citations(built_site: Path, generated: Generated) -> None:
    document = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    ids = {fact["id"] for fact in document["facts"]}
    assert ids == {e.id for e in generated.site.entities.values() if e.kind != "sources"}
    sentences = parse(html_path(built_site, f"sources/{SECOND_SOURCE}.md")).ids
    citations = list(citations_in(document["facts"]))
    assert len(citations) > 50
    assert len(citations) == sum(1 for _ in generated.site.citations())
    for citation in citations:
        assert citation["attribution"] and citation["sentence"] in sentences, citation
        assert citation["link"] == f"sources/{citation['source']}/#{citation['sentence']}"
        if citation["basis"] == "on-record":
            assert citation["attribution"].startswith(generated.site.get(citation["speaker"]).name)


def test_actor_pages_describe_a_person_or_organisation(built_site: Path) -> None:
    person = json_ld(html_path(built_site, "actors/ilse-marrow.md").read_text(encoding="utf-8"))
    company = json_ld(html_path(built_site, "actors/brightwater.md").read_text(encoding="utf-8"))
    assert (person["@type"], person["name"]) == ("Person", "Ilse Marrow")
    assert (company["@type"], company["name"]) == ("Organization", "Brightwater Foods")


def test_other_pages_are_articles_based_on_the_source(built_site: Path, generated: Generated) -> None:
    for path, page in generated.pages.items():
        if page.kind == "actor":
            continue
        data = json_ld(html_path(built_site, path).read_text(encoding="utf-8"))
        assert data["@type"] == "Article", path
        assert data["isBasedOn"]["name"] == generated.site.sources[SECOND_SOURCE].meta.title


def test_every_page_has_a_description_and_open_graph_tags(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        tags = [attrs for tag, attrs in parse(path).tags if tag == "meta"]
        names = {a.get("name") or a.get("property"): a.get("content", "") for a in tags}
        for key in ("description", "og:title", "og:description", "og:type", "og:site_name"):
            assert names.get(key), f"{path.relative_to(built_site)} lacks {key}"
