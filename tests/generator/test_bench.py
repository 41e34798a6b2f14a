"""The benchmark runs at a small scale and reports every field (no timing assertions: figures vary)."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from benchmarks.bench import COLUMNS, growth, run
from benchmarks.builds import hand_written_nav, plain_project
from benchmarks.web import page_weight, with_marker
from build_tools.tools.synth import synthesise
from tests.helpers import SECOND_STORY, second_story

pytestmark = pytest.mark.slow  # the benchmark builds at scale 1 and serves

ROW_FIELDS = {key for key, _ in COLUMNS} | {
    "citations",
    "hook_runs_s",
    "cold_runs_s",
    "plain_runs_s",
    "hook_peak_mb",
    "plain_peak_mb",
    "worker_peak_mb",
}
WEIGHT_FIELDS = {
    "page",
    "html_kb",
    "html_gzip_kb",
    "css_kb",
    "css_gzip_kb",
    "js_kb",
    "js_gzip_kb",
    "svg_kb",
    "svg_gzip_kb",
    "total_kb",
    "total_gzip_kb",
    "over_limit",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    source = second_story(tmp_path_factory.mktemp("source") / "project", generator=True)
    run([1], out, repeat=1, serve=True, work=tmp_path_factory.mktemp("work"), source=source)
    return {
        "json": json.loads((out / "results.json").read_text(encoding="utf-8")),
        "svg": (out / "per-page.svg").read_text(encoding="utf-8"),
        "growth_svg": (out / "build-time.svg").read_text(encoding="utf-8"),
    }


def test_every_row_field_is_reported(results: dict) -> None:
    (row,) = results["json"]["rows"]
    assert set(row) >= ROW_FIELDS
    for key in ROW_FIELDS - {"hook_runs_s", "cold_runs_s", "plain_runs_s"}:
        assert isinstance(row[key], (int, float)) and math.isfinite(row[key]) and row[key] > 0, key
    assert row["scale"] == 1 and row["pages"] > row["facts"] / 4


def test_serve_loop_page_weights_growth_and_targets_are_reported(results: dict) -> None:
    data = results["json"]
    serve = data["serve"]["1"]
    assert len(serve["edits_s"]) == 5 and serve["median_s"] > 0 and serve["full_build_s"] > 0
    weights = data["page_weight"]
    assert {"home", "actor", "dispute", "source", "glossary", "timeline", "hand-written"} <= set(weights)
    assert all(w["search_gzip_kb"] > 0 for w in weights.values()), "search is measured, apart from the first load"
    for kind, weight in weights.items():
        assert set(weight) >= WEIGHT_FIELDS, kind
        assert weight["html_gzip_kb"] > 0 and weight["css_gzip_kb"] > 0 and weight["js_gzip_kb"] > 0
        first_load = weight["html_gzip_kb"] + weight["css_gzip_kb"] + weight["js_gzip_kb"]
        assert weight["total_gzip_kb"] >= first_load and weight["total_gzip_kb"] < first_load + weight["search_gzip_kb"]
    assert data["growth"] == dict.fromkeys(data["growth"]), "one scale: no exponent to fit"
    assert {"cached<=1.15xplain@1", "validate<=3xfloor@1", "serve<=0.5s@1", "first-load<=80KB"} <= set(data["targets"])
    assert data["machine"]["cores"] >= 1 and data["machine"]["mkdocs"]


def test_growth_exponent_is_the_slope_on_logarithms() -> None:
    rows = [{"pages": p, "t": 0.5 * p**1.5} for p in (10, 100, 1000)]
    assert growth(rows, "t") == pytest.approx(1.5)
    assert growth(rows[:1], "t") is None


def test_plain_project_has_no_generator_and_the_generated_nav(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = second_story(tmp_path / "source", generator=True)
    synthesise(1, project, SECOND_STORY / "content", source)
    config = plain_project(project, tmp_path / "plain", "14 April 2025")
    text = config.read_text(encoding="utf-8")
    assert "hooks:" not in text and "as_of" in text
    # The plugin only fixes the theme there: the theme's fixes are not the generator's cost.
    plugins_line = next(line for line in text.splitlines() if line.startswith("plugins: "))
    assert json.loads(plugins_line[len("plugins: ") :]) == ["search", {"explainer": {"generate": False}}]
    nav_line = next(line for line in text.splitlines() if line.startswith("nav: "))
    nav = json.loads(nav_line[len("nav: ") :])
    assert (
        nav[0] == {"Home": "index.md"}
        and nav[-len(hand_written_nav((project / "mkdocs.yml").read_text(encoding="utf-8"))) :]
    )
    assert (tmp_path / "plain" / "docs" / "index.md").is_file() and (tmp_path / "plain" / "docs" / "about.md").is_file()


def test_page_weight_counts_linked_files(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("body{}" * 100)
    (tmp_path / "b.js").write_text("var x;" * 100)
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text('<link rel="stylesheet" href="../a.css"><script src="../b.js"></script><svg></svg>')
    weight = page_weight(tmp_path, page)
    assert weight["css_kb"] == pytest.approx(600 / 1024) and weight["js_kb"] == pytest.approx(600 / 1024)
    assert weight["inline_svg_count"] == 1 and weight["total_gzip_kb"] < weight["total_kb"]


def test_marker_goes_into_the_role_text() -> None:
    text = "id: x\nrole:\n  text: >-\n    Chief.\n  cite: []\n"
    assert with_marker(text, "M1") == "id: x\nrole:\n  text: >-\n    Chief. M1\n  cite: []\n"


def test_plots_are_svgs_with_one_line_per_build(results: dict) -> None:
    for svg in (results["svg"], results["growth_svg"]):
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(root.findall("{http://www.w3.org/2000/svg}polyline")) == 3
