"""Machine-readable output: facts.json (every fact with its citations) and per-page JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from build_tools.model import models as m
from build_tools.model.sources import Located, normalise
from build_tools.model.vocab import ACTOR_KINDS, BASIS
from build_tools.render.tracking import site_query
from build_tools.validate.site import Site

# Characters of source text kept before and after a quote in its TextQuoteSelector.
SELECTOR_CONTEXT = 32


def directory_url(target: str) -> str:
    """A page target such as `actors/x.md#a` as a site-root-relative URL (`actors/x/#a`)."""
    path, _, anchor = target.partition("#")
    stem = path.removesuffix(".md")
    url = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
    return url + (f"#{anchor}" if anchor else "")


def dumps_for_html(value: Any) -> str:
    """JSON that is safe inside a <script> element (no `<`, `>` or `&` left raw)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source_ld(site: Site, source_id: str) -> dict[str, Any]:
    source = site.sources[source_id]
    meta = source.meta
    found: dict[str, Any] = {
        "@type": "NewsArticle",
        "name": meta.title,
        "inLanguage": meta.language,
        "publisher": {"@type": "Organization", "name": meta.outlet},
        "datePublished": site.date(source_id, "published").iso(),  # type: ignore[union-attr]
    }
    if meta.url:
        found["url"] = meta.url
    based_on = chain_ld(meta.chain[:-1])
    if based_on:
        found["isBasedOn"] = based_on
    return found


def chain_ld(steps: list[m.ChainStep]) -> dict[str, Any] | None:
    """The chain before the text we hold, as nested CreativeWorks, nearest first: each isBasedOn the one before."""
    work: dict[str, Any] | None = None
    for step in steps:  # from the original on: each later text is based on the work built so far
        node: dict[str, Any] = {"@type": "CreativeWork", "name": step.name, "genre": step.kind}
        if step.language:
            node["inLanguage"] = step.language
        if step.url:
            node["url"] = step.url
        description = step.note or ""
        if step.inferred and not description.lower().startswith("inferred"):
            description = f"Inferred by the editors. {description}".strip()
        if description:
            node["description"] = description
        if work is not None:
            node["isBasedOn"] = work
        work = node
    return work


def source_label(site: Site, source_id: str) -> str:
    """How the site names a source: its short name ("the article"), and its date when there are several sources."""
    source = site.sources[source_id]
    if len(site.sources) == 1:
        return source.meta.short
    return f"{source.meta.short}, {site.date(source_id, 'published').label()}"  # type: ignore[union-attr]


@site_query  # one page's answer from an index of every citation
def page_sources(site: Site, entity_id: str | None) -> list[str]:
    """Sources a page is based on when it quotes none: those its fact file cites, else every source; oldest first."""
    if entity_id is None:
        return site.sources_by_date()
    if site.kind_of(entity_id) == "sources":
        return [entity_id]
    return site.sources_cited_by([entity_id]) or site.sources_by_date()


def article_ld(site: Site, headline: str, description: str, source_ids: list[str]) -> str:
    """JSON-LD for a page built from the sources: an Article based on them."""
    sources = [_source_ld(site, sid) for sid in source_ids]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": headline,
        "description": description,
        "dateModified": (site.newest_published(source_ids) or site.as_of()).iso(),
        "isBasedOn": sources[0] if len(sources) == 1 else sources,
    }
    return dumps_for_html(data)


def actor_ld(site: Site, actor: m.Actor, description: str, source_ids: list[str]) -> str:
    """JSON-LD for an actor page: a schema.org Person, Organization, Product or Project."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ACTOR_KINDS[actor.kind].schema_type,
        "name": actor.name,
        "description": description,
        "subjectOf": {"@type": "Article", "isBasedOn": [_source_ld(site, sid) for sid in source_ids]},
    }
    if actor.aliases:
        data["alternateName"] = [alias.name for alias in actor.aliases]
    for relation in actor.relations:
        if actor.kind == "person" and relation.kind in ("works-for", "leads"):
            data.setdefault("worksFor", []).append({"@type": "Organization", "name": site.get(relation.to).name})
    return dumps_for_html(data)


def text_quote_selector(text: str, located: Located, context: int = SELECTOR_CONTEXT) -> dict[str, str]:
    """A W3C Web Annotation TextQuoteSelector: the quoted words as the source has them, and text around them."""
    return {
        "type": "TextQuoteSelector",
        "exact": text[located.start : located.end],
        "prefix": text[max(0, located.start - context) : located.start],
        "suffix": text[located.end : located.end + context],
    }


def _enrich(node: Any, site: Site) -> Any:
    """Copy of a dumped model where each citation also names its sentence and its attribution."""
    if isinstance(node, list):
        return [_enrich(item, site) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _enrich(value, site) for key, value in node.items() if value not in (None, [], "")}
    if "quote" in node and "source" in node and "basis" in node:
        located = site.located[(node["source"], normalise(node["quote"]))]
        out["sentence"] = located.anchor
        out["link"] = directory_url(f"sources/{node['source']}.md#{located.anchor}")
        out["selector"] = text_quote_selector(site.sources[node["source"]].text, located)
        speaker = node.get("speaker")
        out["attribution"] = (
            f"{site.get(speaker).name}, according to {source_label(site, node['source'])}"
            if speaker
            else site.basis_words(node["basis"], [node["source"]]).attribution
        )
    return out


def facts_json(site: Site, target: Callable[[Site, str], str]) -> str:
    """facts.json: every fact file's content with its citations, their sentences and attribution."""
    facts = []
    for entity in sorted(site.entities.values(), key=lambda e: (e.kind, e.id)):
        if entity.kind == "sources":
            continue
        facts.append(
            {
                "id": entity.id,
                "kind": entity.kind,
                "page": directory_url(target(site, entity.id)),
                "fact": _enrich(entity.model.model_dump(mode="json"), site),
            }
        )
    sources = [
        {
            **site.sources[sid].meta.model_dump(mode="json", exclude_none=True),
            "published_iso": site.date(sid, "published").iso(),  # type: ignore[union-attr]
            "label": source_label(site, sid),
            "page": directory_url(f"sources/{sid}.md"),
        }
        for sid in site.sources_by_date()
    ]
    primary = site.primary_source()
    document = {
        "as_of": site.as_of().iso(),
        **({"primary_source": primary.meta.id} if primary else {}),
        "basis": {basis: site.basis_words(basis).attribution for basis in BASIS},
        "sources": sources,
        "facts": facts,
    }
    # Compact: with `indent`, json falls back to its pure-Python encoder (five times slower here).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
