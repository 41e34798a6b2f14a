"""Unicode is kept in every title and meta tag of the built site, characters outside the Basic Multilingual
Plane (emoji) included: the page's <title>, its heading, og:title, the description, JSON-LD and the nav."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.helpers import json_ld, mkdocs_build, second_story

NAME = "Brïghtwater Fööds 🌾 Łódź 漢字"
TITLE = "The mill at Ashby Ford 🏭"
ROLE = "A packaged food group 🍞 bidding for [[calder-mills]]."


def _meta(page: str, attribute: str, key: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(key)}" content="([^"]*)"', page)
    assert match, key
    return html.unescape(match.group(1))


@pytest.mark.slow
def test_names_outside_the_basic_multilingual_plane_reach_every_title_and_meta_tag(tmp_path: Path) -> None:
    project = second_story(tmp_path / "p")
    actor = project / "content" / "actors" / "brightwater.yaml"
    text = actor.read_text(encoding="utf-8")
    actor.write_text(
        text.replace("name: Brightwater Foods", f"name: {NAME}").replace(
            "text: A packaged food group bidding for [[calder-mills]].", f"text: {ROLE}"
        ),
        encoding="utf-8",
    )
    dispute = project / "content" / "disputes" / "ashby-ford.yaml"
    dispute.write_text(
        dispute.read_text(encoding="utf-8").replace("title: The mill at Ashby Ford", f"title: {TITLE}"), "utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "actors" / "brightwater" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", page).group(1).startswith(html.escape(NAME))  # type: ignore[union-attr]
    assert _meta(page, "property", "og:title") == NAME
    assert "🍞" in _meta(page, "name", "description") and "🍞" in _meta(page, "property", "og:description")
    assert json_ld(page)["name"] == NAME
    assert re.search(r"<h1[^>]*>\s*" + re.escape(html.escape(NAME, quote=False)), page)
    fight = (tmp_path / "site" / "disputes" / "ashby-ford" / "index.html").read_text(encoding="utf-8")
    assert _meta(fight, "property", "og:title") == TITLE
    assert TITLE in html.unescape(re.sub(r"<[^>]+>", "", fight))  # in the nav and the heading
