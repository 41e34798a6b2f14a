"""The ids a page uses, as the duplicate-id rule reads them (render/collisions.py), follow the templates: every
fixed anchor any template writes is recognised, and every id predicted for a rendered page is in the built HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_tools.pipeline import Generated
from build_tools.render.collisions import Anchor, page_anchors, slugify
from build_tools.render.renderer import TEMPLATES
from tests.helpers import html_path

# A fixed anchor as a template writes it: an attr_list `{ #id … }` or an HTML `id="id"` without Jinja in it.
_FIXED = re.compile(r"""\{\s*#([a-z0-9-]+)[\s}]|\bid="([a-z0-9-]+)\"""")
_JINJA = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def test_every_fixed_anchor_of_the_templates_is_recognised() -> None:
    """Read from each template with its Jinja blanked (statements dropped, values as a word), the extractor finds
    each anchor the template fixes: a new form of anchor in a template fails here, not silently."""
    found_any = False
    for template in sorted(TEMPLATES.rglob("*.j2")):
        text = template.read_text(encoding="utf-8")
        fixed = {a or b for a, b in _FIXED.findall(_JINJA.sub("", text))}
        blanked = re.sub(r"\{\{.*?\}\}", "x", _JINJA.sub("", text))
        recognised = {anchor.id for anchor in page_anchors(blanked)}
        assert fixed <= recognised, (template.name, sorted(fixed - recognised))
        found_any = found_any or bool(fixed)
    assert found_any


def test_anchor_kinds_and_automatic_ids() -> None:
    page = (
        "# Who is *in* control?\n\n## Key numbers { #key-numbers .cards }\n\n"
        '<li class="e" id="deal&#45;signed">x</li>\n'
    )
    assert page_anchors(page) == [
        Anchor("deal-signed", "raw"),
        Anchor("who-is-in-control", "auto", "Who is *in* control?"),
        Anchor("key-numbers", "explicit", "Key numbers"),
    ]
    assert slugify("Łódź & the café: 2025!") == "odz-the-cafe-2025"


def test_predicted_ids_are_the_built_pages_ids(built_site: Path, generated: Generated) -> None:
    """Every id predicted for a generated page is an id of its built HTML (so a clash found is a real one)."""
    for path, page in generated.pages.items():
        page_html = html_path(built_site, path).read_text(encoding="utf-8")
        built = {html.unescape(found) for found in re.findall(r'\sid="([^"]+)"', page_html)}
        predicted = {anchor.id for anchor in page_anchors(page.markdown)}
        assert predicted <= built, (path, sorted(predicted - built))
