"""The live story's relationship map: the two chief executives' tie is drawn and labelled, the ties between the
sides run level across the gutter, nothing crosses a box or a label, and the checker catches a box put in the way."""

from __future__ import annotations

import copy
import html
import re

import pytest

from build_tools.pipeline import Generated
from build_tools.render import relmap
from build_tools.render.mapgeometry import Route
from build_tools.render.page import PageContext

VARIANTS = ("wide", "narrow")
CEOS = ("sam-altman", "satya-nadella")


def _ceo_route(generated: Generated, variant: str) -> Route:
    drawn = relmap.site_layout(generated.site, variant)
    (route,) = [r for r in drawn.routes if (r.tie.a, r.tie.b) == CEOS]
    return route


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_real_map_crosses_nothing(generated: Generated, variant: str) -> None:
    drawn = relmap.site_layout(generated.site, variant)
    assert relmap.crossings(drawn) == []
    assert relmap.label_clashes(drawn) == []
    assert relmap.overlaps(drawn) == []
    assert relmap.left_out(generated.site) == []  # the story is under the readable limit: everyone is drawn


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_two_chief_executives_are_tied_with_the_articles_words(generated: Generated, variant: str) -> None:
    """Altman and Nadella: one line in the personal family, labelled with both relations as the article puts them."""
    route = _ceo_route(generated, variant)
    assert route.tie.families() == ["personal"]
    assert route.label is not None
    words = " ".join(route.label.lines)
    assert "had a close relationship with" in words and "increasingly disagreed with" in words


def test_ties_between_the_leaders_run_level_across_the_gutter(generated: Generated) -> None:
    """In the wide map the parties' tie and the two chief executives' tie are straight and level, their words above
    them in the gutter, with no arrowhead on the symmetric one."""
    drawn = relmap.site_layout(generated.site, "wide")
    for pair in (("microsoft", "openai"), CEOS):
        (route,) = [r for r in drawn.routes if (r.tie.a, r.tie.b) == pair]
        assert len(route.points) == 2 and route.points[0][1] == route.points[1][1], pair
        assert route.label is not None and route.label.y < route.points[0][1]
    assert relmap.arrow_ends(_ceo_route(generated, "wide"), "personal", 1, drawn.boxes) == (False, False)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_checker_catches_a_box_moved_onto_the_ceos_line(generated: Generated, variant: str) -> None:
    """Moving Mira Murati's box onto the middle of the chief executives' line is reported, on the real layout."""
    drawn = copy.deepcopy(relmap.site_layout(generated.site, variant))
    route = next(r for r in drawn.routes if (r.tie.a, r.tie.b) == CEOS)
    (x1, y1), (x2, y2) = route.points[0], route.points[-1]
    moved = next(b for b in drawn.boxes.values() if b.actor == "mira-murati")
    moved.x, moved.y = (x1 + x2) / 2, (y1 + y2) / 2
    assert (route.tie.a, route.tie.b, moved.id) in relmap.crossings(drawn)


def test_directed_lines_have_arrowheads(generated: Generated) -> None:
    """In the SVG, every line whose relations read one way ("leads", "invests in") carries one arrowhead and every
    symmetric one none; the arrowheads are defined in the same drawing."""
    site = generated.site
    page = PageContext(site, "actors/index.md")
    name = {a.id: a.name for a in site.models("actors")}
    for variant in VARIANTS:
        svg = str(relmap.svg(site, page, variant))
        marks: dict[str, int] = {}  # arrowheads per tie (a tie of two families is two parallel lines)
        for found, title in re.findall(r'<path class="tie [^"]+" d="[^"]+"([^>]*)><title>([^<]+)<', svg):
            marks[html.unescape(title)] = marks.get(html.unescape(title), 0) + found.count("marker-")
        routes = relmap.site_layout(site, variant).routes
        directed = [r for r in routes if r.tie.heads()]
        assert len(directed) >= 8 and len(routes) > len(directed)
        for route in routes:
            assert marks[relmap.tie_sentence(site, route.tie, name)] == (1 if route.tie.heads() else 0), route.tie.kinds
        for marker in set(re.findall(r"url\(#([a-z0-9-]+)\)", svg)):
            assert f'<marker id="{marker}"' in svg
