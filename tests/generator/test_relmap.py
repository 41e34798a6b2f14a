"""The relationship map (on the second story and on synthetic layouts): every tie drawn once as a line or
written as a caption, no line through a box that is not one of its ends, no label over a box or a line, full
names and words, arrowheads on the ties that read one way, the readable limit, and routing whose work per
tie does not grow with the map."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import Generated, generate
from build_tools.render import mapgeometry, mapnarrow, mapplan, maproute, relmap
from build_tools.render.mapgeometry import Box, Label, Layout, Route, Tie, text_width
from build_tools.render.page import PageContext
from build_tools.tools.synth import synthesise
from tests.helpers import ROOT, SECOND_STORY

VARIANTS = ("wide", "narrow")


def _box(box_id: str, x: float, y: float, w: float = 80, h: float = 30) -> Box:
    return Box(box_id, box_id, x, y, w, h, [box_id], "member")


def _layout(routes: list[tuple[Tie, list[tuple[float, float]]]], *boxes: Box) -> Layout:
    return Layout({b.id: b for b in boxes}, [Route(t, t.a, t.b, points) for t, points in routes], 600, 400)


def _sides(generated: Generated) -> list[str]:
    (overview,) = generated.site.models("overview")
    return list(overview.sides)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_tie_is_drawn_once_and_nothing_crosses(generated: Generated, variant: str) -> None:
    """Each tie is a line or a caption (not both, not neither); no line passes through a third box, a heading or a
    label; no label covers a box or another label; no boxes touch."""
    site = generated.site
    drawn = relmap.site_layout(site, variant)
    lines = [(r.tie.a, r.tie.b) for r in drawn.routes]
    captions = [(t.a, t.b) for t in drawn.captioned]
    assert sorted(lines + captions) == [(t.a, t.b) for t in relmap.ties(site)]
    assert len(lines) >= 3 and len(captions) >= 3
    assert relmap.crossings(drawn) == []
    assert relmap.label_clashes(drawn) == []
    assert relmap.overlaps(drawn) == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_names_captions_and_words_are_whole(generated: Generated, variant: str) -> None:
    """Boxes carry whole names and captions (wrapped, never cut) within their width; every line carries its verbs."""
    site = generated.site
    drawn = relmap.site_layout(site, variant)
    verbs = {kind: words.verb for kind, words in site.relation_kinds().items()}
    for box in drawn.boxes.values():
        assert " ".join(box.lines) == site.get(box.actor).name
        assert "\u2026" not in " ".join(box.lines + box.caption)
        size = mapplan.PARTY if box.role == "party" else mapplan.NAME
        bold = box.role in ("party", "cluster")
        assert all(text_width(line, size, bold) <= box.w - 2 * mapplan.PAD_X + 0.01 for line in box.lines), box.id
        if box.actor in relmap.site_plan(site).captions:
            tie, caption = relmap.site_plan(site).captions[box.actor]
            assert " ".join(box.caption) == caption
            assert caption.endswith(site.get(tie.b if tie.a == box.actor else tie.a).name)
    for route in drawn.routes:
        assert route.label is not None, (route.tie.a, route.tie.b)
        words = " ".join(route.label.lines)
        assert all(verbs[k] in words for _, k, _ in route.tie.kinds)


def test_sides_face_each_other_wide_and_stack_narrow(generated: Generated) -> None:
    """Wide: the first side on the left, the second on the right, each panel around its members, clusters below.
    Narrow: the first side's panel above the second's, both within a phone's width."""
    site = generated.site
    first, second = _sides(generated)
    (overview,) = site.models("overview")
    wide = relmap.site_layout(site, "wide")
    panels = {panel.group: panel.rect for panel in wide.panels}
    assert panels[first][2] < panels[second][0]
    for box in wide.boxes.values():
        if box.group in panels:
            x0, y0, x1, y1 = panels[box.group]
            assert x0 <= box.x <= x1 and y0 <= box.y <= y1, box.id
    sides = [b for b in wide.boxes.values() if b.group in (first, second)]
    for cluster in overview.clusters:
        members = [b for b in wide.boxes.values() if b.group == cluster]
        assert len(members) >= 2, cluster
        assert min(b.y for b in members) > max(b.y + b.h for b in sides), cluster
    narrow = relmap.site_layout(site, "narrow")
    stacked = {panel.group: panel.rect for panel in narrow.panels}
    assert stacked[first][3] < stacked[second][1]
    assert narrow.width == mapnarrow.NARROW_W
    assert all(b.rect()[2] <= narrow.width for b in narrow.boxes.values())


def test_parties_are_larger(generated: Generated) -> None:
    drawn = relmap.site_layout(generated.site)
    parties = [drawn.boxes[p] for p in _sides(generated)]
    others = [b for b in drawn.boxes.values() if b.role != "party"]
    assert min(p.w for p in parties) > max(b.w for b in others if len(b.lines) == 1) - 1e-9


def test_lines_that_read_one_way_end_in_an_arrowhead(generated: Generated) -> None:
    """A directed tie ("made an offer for") has one arrowhead, where its line meets its object's box; a symmetric
    tie ("is a rival of") none; every arrowhead the SVG uses is defined in the same drawing."""
    site = generated.site
    page = PageContext(site, "actors/index.md")
    for variant in VARIANTS:
        svg = str(relmap.svg(site, page, variant))
        paths = re.findall(r'<path class="tie tie-[a-z]+" d="[^"]+"([^>]*)><title>([^<]+)</title>', svg)
        directed = [marks for marks, title in paths if "made an offer for" in title]
        symmetric = [marks for marks, title in paths if "is a rival of" in title]
        assert len(directed) == 2 and len(symmetric) == 1
        assert all(marks.count("marker-") == 1 for marks in directed) and "marker" not in symmetric[0]
        for marker in set(re.findall(r"url\(#([a-z0-9-]+)\)", svg)):
            assert f'<marker id="{marker}"' in svg
        drawn = relmap.site_layout(site, variant)
        for route in drawn.routes:
            for (_, kind, obj), (at_start, at_end) in [
                (k, relmap.arrow_ends(route, "money", 1, drawn.boxes)) for k in route.tie.kinds
            ]:
                if kind != "bid-for":
                    continue
                tip = route.points[0] if at_start else route.points[-1]
                x0, y0, x1, y1 = next(
                    b for b in drawn.boxes.values() if b.id in (route.start, route.end) and b.actor == obj
                ).rect()
                assert at_start != at_end and x0 - 0.1 <= tip[0] <= x1 + 0.1 and y0 - 0.1 <= tip[1] <= y1 + 0.1


def test_arrowhead_points_at_the_object_whichever_end_it_is() -> None:
    """The arrow goes at the object's end of the drawn line, whether that end is the line's start or its end."""
    a, b = _box("a", 50, 100), _box("b", 250, 100)
    forward = Route(Tie("a", "b", [("a", "leads", "b")]), "a", "b", [(90, 100), (210, 100)])
    backward = Route(Tie("a", "b", [("b", "leads", "a")]), "a", "b", [(90, 100), (210, 100)])
    both = Route(Tie("a", "b", [("a", "partner-of", "b")]), "a", "b", [(90, 100), (210, 100)])
    boxes = {"a": a, "b": b}
    assert relmap.arrow_ends(forward, "people", 1, boxes) == (False, True)
    assert relmap.arrow_ends(backward, "people", 1, boxes) == (True, False)
    assert relmap.arrow_ends(both, "partner", 1, boxes) == (False, False)


def test_every_line_says_its_tie_in_words(generated: Generated) -> None:
    """Each drawn line has a tooltip with its tie as a sentence, and words on the drawing (no legend needed)."""
    site = generated.site
    svg = str(relmap.svg(site, PageContext(site, "actors/index.md")))
    assert svg.count("<title>") == len(re.findall(r"<path class=\"tie", svg)) > 0
    assert svg.count('<text class="tie-label') == len(relmap.site_layout(site).routes)


_PRINT_SVG = """
import sys
from pathlib import Path
from build_tools.pipeline import generate
from build_tools.render import relmap
from build_tools.render.page import PageContext
site = generate(Path(sys.argv[1]) / "content", Path(sys.argv[1])).site
page = PageContext(site, "actors/index.md")
sys.stdout.write(str(relmap.svg(site, page, "wide")) + str(relmap.svg(site, page, "narrow")))
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


# -- the checks catch what they must ---------------------------------------------------------------


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


def test_checker_catches_labels_over_boxes_lines_and_each_other() -> None:
    """A label on a box, a line through another line's label, and two labels on top of each other are all reported."""
    a, b, c, d = _box("a", 50, 50), _box("b", 350, 50), _box("c", 50, 200), _box("d", 350, 200)
    top = Route(
        Tie("a", "b", [("a", "leads", "b")]), "a", "b", [(90, 50), (310, 50)], Label(["leads"], 200, 50, 60, 17)
    )
    low = Route(
        Tie("c", "d", [("c", "leads", "d")]), "c", "d", [(90, 200), (310, 200)], Label(["leads"], 200, 200, 60, 17)
    )
    clean = Layout({x.id: x for x in (a, b, c, d)}, [top, low], 600, 400)
    assert relmap.crossings(clean) == [] and relmap.label_clashes(clean) == []
    low.label = Label(["leads"], 200, 55, 60, 17)  # written over the other line's words and across its line
    assert relmap.label_clashes(clean) == [("c–d", "label:a–b")]
    assert ("c", "d", "label:1") not in relmap.crossings(clean) and ("a", "b", "label:1") in relmap.crossings(clean)
    low.label = Label(["leads"], 70, 200, 60, 17)  # over its own end's box
    assert relmap.label_clashes(clean) == [("c–d", "c")]


def test_segment_rectangle_geometry() -> None:
    """Touching an edge is not a crossing; a diagonal through a corner region is."""
    rect = (0.0, 0.0, 10.0, 10.0)
    assert mapgeometry.hits((-5, 5), (15, 5), rect)
    assert mapgeometry.hits((-5, 6), (6, -5), rect)  # clips the top left corner
    assert not mapgeometry.hits((-5, 10), (15, 10), rect)  # along the bottom edge
    assert not mapgeometry.hits((-5, -6), (6, -17), rect)
    assert mapgeometry.hits((2, 2), (3, 3), rect)  # wholly inside


def test_router_goes_round_a_box_in_the_way_and_writes_its_words() -> None:
    """The router bends a line that a straight path would send through a third box, and labels it clear of boxes."""
    a, b, c = _box("a", 60, 100), _box("b", 250, 100), _box("c", 440, 100)
    drawn = Layout({x.id: x for x in (a, b, c)}, [], 520, 300)
    tie = Tie("a", "c", [("a", "partner-of", "c")])
    drawn.routes = maproute.route_all(drawn, [(tie, "a", "c", ["is a partner of"])], [10, 200, 300, 510], [40, 160])
    assert relmap.crossings(drawn) == [] and relmap.label_clashes(drawn) == []
    assert len(drawn.routes[0].points) > 2 and drawn.routes[0].label is not None


def test_long_names_wrap_without_shortening() -> None:
    """A long name is split over lines no wider than asked, never cut; a word longer than a line keeps its own."""
    lines = mapgeometry.wrap("Brightwater–Osprey joint milling venture", 13, 150)
    assert " ".join(lines) == "Brightwater–Osprey joint milling venture" and len(lines) == 2
    assert all(text_width(line, 13) <= 150 for line in lines)
    assert mapgeometry.wrap("Ilse Marrow", 13, 150) == ["Ilse Marrow"]
    assert (
        mapgeometry.wrap("Supercalifragilisticexpialidocious Mills", 13, 100)[0] == "Supercalifragilisticexpialidocious"
    )


# -- the readable limit and the cost of routing ----------------------------------------------------


def test_past_the_limit_the_map_keeps_the_parties_and_those_nearest_them(generated: Generated) -> None:
    """With a limit below the story's size the plan keeps the parties first, then their sides, and leaves the
    rest out (listed, so the page can say so); no drawn tie reaches an actor left out."""
    site = generated.site
    full = mapplan.plan(site, relmap.ties(site))
    assert full.left_out == []
    small = mapplan.plan(site, relmap.ties(site), limit=4)
    assert len(small.group) <= 4 and set(_sides(generated)) <= set(small.group)
    assert sorted(small.left_out) == sorted(set(full.group) - set(small.group))
    drawn_ties = small.lines + [t for t, _ in small.captions.values()]
    assert drawn_ties and all({t.a, t.b} <= set(small.group) for t in drawn_ties)


@pytest.mark.slow  # writes and validates a 48-actor project
def test_a_large_story_draws_its_central_actors_and_says_so(tmp_path: Path) -> None:
    """Six copies of the second story: the map draws at most MAX_DRAWN actors, all tied to the story's parties,
    still crosses nothing, and the cast page says how many it leaves to the list of ties in words."""
    synthesise(6, tmp_path / "big", SECOND_STORY / "content", SECOND_STORY)
    site = generate(tmp_path / "big" / "content", tmp_path / "big").site
    drawn_plan = relmap.site_plan(site)
    assert len(site.models("actors")) > mapplan.MAX_DRAWN >= len(drawn_plan.group)
    assert relmap.left_out(site) and not any(n.endswith("-s2") for n in drawn_plan.group)  # copies are not tied in
    for variant in VARIANTS:
        drawn = relmap.site_layout(site, variant)
        assert relmap.crossings(drawn) == [] and relmap.label_clashes(drawn) == [] and relmap.overlaps(drawn) == []
    page = PageContext(site, "actors/index.md")
    assert len(re.findall(r'<a href="[^"]*" class="node', str(relmap.svg(site, page, "wide")))) == len(drawn_plan.group)


def _grid_map(
    columns: int, rows: int
) -> tuple[Layout, list[tuple[Tie, str, str, list[str]]], list[float], list[float]]:
    """Boxes on a grid, each tied to its right-hand neighbour and every other one to the box below it."""
    boxes = {
        f"b{i}-{j}": _box(f"b{i}-{j}", 80 + 200 * i, 40 + 90 * j, 100, 30) for i in range(columns) for j in range(rows)
    }
    layout = Layout(boxes, [], 200 * columns + 80, 90 * rows + 40)
    order = [
        (
            Tie(f"b{i}-{j}", f"b{i + 1}-{j}", [(f"b{i}-{j}", "leads", f"b{i + 1}-{j}")]),
            f"b{i}-{j}",
            f"b{i + 1}-{j}",
            ["leads"],
        )
        for i in range(columns - 1)
        for j in range(rows)
    ]
    order += [
        (
            Tie(f"b{i}-{j}", f"b{i}-{j + 2}", [(f"b{i}-{j}", "leads", f"b{i}-{j + 2}")]),
            f"b{i}-{j}",
            f"b{i}-{j + 2}",
            ["leads"],
        )
        for i in range(0, columns, 2)
        for j in range(rows - 2)
    ]
    lanes = [x for b in boxes.values() for x in (b.rect()[0] - 12, b.rect()[2] + 12)]
    channels = [y for b in boxes.values() for y in (b.rect()[1] - 15, b.rect()[3] + 15)]
    return layout, order, lanes, channels


def test_routing_work_per_tie_does_not_grow_with_the_map() -> None:
    """Obstacle tests go through a grid: the items looked at per routed tie stay level from 48 to 384 boxes
    (testing every segment against every box would multiply them by eight)."""
    per_tie = []
    for columns, rows in ((6, 8), (12, 32)):
        layout, order, lanes, channels = _grid_map(columns, rows)
        router = maproute.Router(layout, lanes, channels)
        layout.routes = [router.route(tie, start, end, words) for tie, start, end, words in order]
        assert relmap.crossings(layout) == []
        probes = router.obstacles.probes + router.lines.probes + router.near_words.probes
        per_tie.append(probes / len(order))
    assert per_tie[1] < 1.5 * per_tie[0], per_tie
