"""The relationship map's layout (on the second story): no line passes through a box that is not one of its ends,
full labels, a legend of drawn families."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import Generated
from build_tools.render import mapgeometry, relmap
from build_tools.render.page import PageContext
from build_tools.render.relmap import Box, Layout, Tie
from tests.helpers import ROOT, SECOND_STORY


def _box(box_id: str, x: float, y: float, w: float = 80, h: float = 30) -> Box:
    return Box(box_id, x, y, w, h, [box_id], "member")


def _layout(routes: list[tuple[Tie, list[tuple[float, float]]]], *boxes: Box) -> Layout:
    return Layout({b.id: b for b in boxes}, routes, 600, 400)


def test_map_has_no_line_through_a_box(generated: Generated) -> None:
    """Every tie of the story is drawn, and none passes through a third box or back through its ends."""
    drawn = relmap.site_layout(generated.site)
    assert len(drawn.routes) == len(relmap.ties(generated.site)) > 3
    assert relmap.crossings(drawn) == []
    assert relmap.overlaps(drawn) == []


def _sides(generated: Generated) -> list[str]:
    (overview,) = generated.site.models("overview")
    return list(overview.sides)


def test_map_labels_are_full_and_parties_are_larger(generated: Generated) -> None:
    """Boxes carry whole names (no ellipsis), and the two parties' boxes are bigger than anyone else's."""
    site = generated.site
    drawn = relmap.site_layout(site)
    for box in drawn.boxes.values():
        assert " ".join(box.lines) == site.get(box.id).name
        assert "\u2026" not in " ".join(box.lines)
        assert max(len(line) for line in box.lines) * relmap.CHAR_W <= box.w
    parties = [drawn.boxes[p] for p in _sides(generated)]
    others = [b for b in drawn.boxes.values() if b.role != "party"]
    assert others and min(p.h for p in parties) > max(b.h for b in others if len(b.lines) == 1)


def test_sides_are_panels_left_and_right_and_clusters_below(generated: Generated) -> None:
    """The first side is drawn on the left, the second on the right, each with its members; clusters below both."""
    drawn = relmap.site_layout(generated.site)
    first, second = _sides(generated)
    (overview,) = generated.site.models("overview")
    panels = {group: rect for group, _, rect in drawn.panels}
    assert panels[first][2] < panels[second][0]
    for box in drawn.boxes.values():
        if box.group in panels:
            x0, y0, x1, y1 = panels[box.group]
            assert x0 <= box.x <= x1 and y0 <= box.y <= y1, box.id
    side_boxes = [b for b in drawn.boxes.values() if b.group in (first, second)]
    assert len(side_boxes) >= 4
    for cluster in overview.clusters:
        members = [b for b in drawn.boxes.values() if b.group == cluster]
        assert len(members) >= 2, cluster
        assert min(b.y for b in members) > max(b.y + b.h for b in side_boxes), cluster


def test_legend_lists_only_drawn_families(generated: Generated) -> None:
    """The legend's families are exactly those of the lines in the SVG."""
    site = generated.site
    page = PageContext(site, "actors/index.md")
    svg = str(relmap.svg(site, page))
    in_svg = set(re.findall(r'class="tie tie-([a-z]+)"', svg))
    assert {family for family, _ in relmap.legend(site)} == in_svg
    assert svg.count("<title>") == len(re.findall(r"<path ", svg))  # every line says its tie in words


_PRINT_SVG = """
import sys
from pathlib import Path
from pathlib import Path
from build_tools.pipeline import generate
from build_tools.render import relmap
from build_tools.render.page import PageContext
site = generate(Path(sys.argv[1]) / "content", Path(sys.argv[1])).site
sys.stdout.write(str(relmap.svg(site, PageContext(site, "actors/index.md"))))
"""


@pytest.mark.slow  # two fresh interpreters
def test_svg_is_deterministic_across_processes() -> None:
    """Two processes with different hash seeds (so sets and dicts iterate differently) draw byte-identical maps."""
    drawings = [
        subprocess.run(
            [sys.executable, "-c", _PRINT_SVG, str(SECOND_STORY)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            timeout=120,
        ).stdout
        for seed in ("1", "2")
    ]
    assert drawings[0].startswith("<svg") and "<path " in drawings[0]
    assert drawings[0] == drawings[1]


def test_checker_detects_a_line_through_a_third_box() -> None:
    """A straight line from a to c through b is reported; moving b off the line clears it."""
    a, b, c = _box("a", 50, 100), _box("b", 200, 100), _box("c", 350, 100)
    tie = Tie("a", "c", [("a", "partner-of", "c")])
    assert relmap.crossings(_layout([(tie, [(90, 100), (310, 100)])], a, b, c)) == [("a", "c", "b")]
    b.y = 200
    assert relmap.crossings(_layout([(tie, [(90, 100), (310, 100)])], a, b, c)) == []


def test_checker_sees_every_segment_of_a_bent_line_and_a_graze() -> None:
    """The second leg of a bent line through a box counts, and so does passing closer than the margin."""
    a, b, c = _box("a", 50, 50), _box("b", 300, 150), _box("c", 300, 300)
    tie = Tie("a", "c", [("a", "leads", "c")])
    bent = [(90, 50), (300, 50), (300, 285)]
    assert relmap.crossings(_layout([(tie, bent)], a, b, c)) == [("a", "c", "b")]
    graze = [(90, 50), (342, 50), (342, 285)]  # 2 px right of b's edge
    assert relmap.crossings(_layout([(tie, graze)], a, b, c)) == [("a", "c", "b")]
    clear = [(90, 50), (360, 50), (360, 300), (340, 300)]
    assert relmap.crossings(_layout([(tie, clear)], a, b, c)) == []


def test_checker_rejects_a_line_that_runs_back_through_its_own_end() -> None:
    """A line that leaves a box and crosses it again is reported against that box."""
    a, c = _box("a", 100, 100), _box("c", 300, 100)
    tie = Tie("a", "c", [("a", "leads", "c")])
    assert relmap.crossings(_layout([(tie, [(100, 115), (100, 160), (300, 160), (300, 60), (260, 60)])], a, c)) == [
        ("a", "c", "c")
    ]


def test_segment_rectangle_geometry() -> None:
    """Touching an edge is not a crossing; a diagonal through a corner region is."""
    rect = (0.0, 0.0, 10.0, 10.0)
    assert mapgeometry.hits((-5, 5), (15, 5), rect)
    assert mapgeometry.hits((-5, 6), (6, -5), rect)  # clips the top left corner
    assert not mapgeometry.hits((-5, 10), (15, 10), rect)  # along the bottom edge
    assert not mapgeometry.hits((-5, -6), (6, -17), rect)
    assert mapgeometry.hits((2, 2), (3, 3), rect)  # wholly inside


def test_synthetic_layout_routes_around_a_box_in_the_way() -> None:
    """The router bends a line that a straight path would send through a third box."""
    a, b, c = _box("a", 60, 100), _box("b", 250, 100), _box("c", 440, 100)
    drawn = Layout({x.id: x for x in (a, b, c)}, [], 520, 300)
    drawn.routes = mapgeometry.route_all(drawn, [Tie("a", "c", [("a", "partner-of", "c")])], [10, 200, 300, 510])
    assert relmap.crossings(drawn) == []
    assert len(drawn.routes[0][1]) > 2


def test_long_names_wrap_without_shortening() -> None:
    """A long name is split over two balanced lines, never cut."""
    assert relmap.label_lines("Brightwater–Osprey joint milling venture") == [
        "Brightwater–Osprey",
        "joint milling venture",
    ]
    assert relmap.label_lines("Ilse Marrow") == ["Ilse Marrow"]


def test_no_map_when_no_tie_is_reported(tmp_path: Path) -> None:
    """A story whose actors have no relations gets no empty map on the cast page, only the cast."""
    from build_tools.pipeline import generate
    from tests.golden_cases import materialise

    project = materialise({}, tmp_path / "p")
    beta = project / "content/actors/beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text[: text.index("relations:")], encoding="utf-8")
    cast = generate(project / "content", project).pages["actors/index.md"].markdown
    assert "relationship-map" not in cast and "<svg" not in cast
    assert "Beta" in cast and "Alpha" in cast
