"""Build-performance benchmark: `explainer bench [--scales 1,10,100]` (or `python -m build_tools bench`).
The command line lives in build_tools/tools/cli.py, which imports this module only for `bench`;
nothing here imports the CLI.

For each scale it synthesises a project (build_tools.tools.synth), then measures in fresh processes:
the CSafeLoader parse floor, validation alone, rendering alone, and `mkdocs build --strict` three
ways, alternately: repeated with the generator's output cache (hook), with the output cache emptied
first (cold: loading, validation and rendering run) and of the same pages exported as plain Markdown
without the generator (plain). Each figure is the median of the runs. At scales up to 10 it measures
the `mkdocs serve` edit loop (save → page served, five edits), at the smallest scale the first-load
weight of each page type. It fits the growth exponent k of time ∝ pages^k, prints a table, and
writes results.json and two hand-written SVG plots (build time and time per page against scale).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from build_tools.tools.synth import synthesise

from .builds import ENV, mkdocs_build, plain_project
from .plot import growth_svg, per_page_svg
from .web import LIMIT_KB, serve_edit_loop, weights_by_type

SERVE_SCALES = (1, 10)  # the edit loop is measured at these scales (when benchmarked)
SERVE_EDITS = 5
SERVE_TARGET_S = {1: 0.5, 10: 2.0}
CACHED_RATIO_TARGET = 1.15

CHECKOUT = Path(__file__).resolve().parent.parent  # the benchmark runs in the generator's own checkout

COLUMNS = [
    ("scale", "{:>5}"),
    ("facts", "{:>6}"),
    ("pages", "{:>6}"),
    ("parse_floor_s", "{:>8.2f}"),
    ("validate_s", "{:>8.2f}"),
    ("render_s", "{:>8.2f}"),
    ("hook_build_s", "{:>8.2f}"),
    ("cold_build_s", "{:>8.2f}"),
    ("plain_build_s", "{:>8.2f}"),
    ("hook_ms_per_page", "{:>8.1f}"),
    ("cold_ms_per_page", "{:>8.1f}"),
    ("plain_ms_per_page", "{:>8.1f}"),
    ("cold_peak_mb", "{:>7.0f}"),
    ("overhead", "{:>6.3f}"),
    ("overhead_cold", "{:>6.3f}"),
    ("validate_over_floor", "{:>6.2f}"),
]
HEADERS = [
    "scale",
    "facts",
    "pages",
    "yaml s",
    "valid s",
    "render s",
    "hook s",
    "cold s",
    "plain s",
    "hook ms/p",
    "cold ms/p",
    "plain ms/p",
    "peak MB",
    "ratio",
    "cold r",
    "val/yaml",
]


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import material  # type: ignore[import-untyped]
    import mkdocs

    cpuinfo = Path("/proc/cpuinfo")
    models = (
        [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        if cpuinfo.exists()
        else []
    )
    return {
        "cpu": models[0] if models else platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "mkdocs": mkdocs.__version__,
        "material": getattr(material, "__version__", "?"),
    }


def worker(project: Path) -> dict[str, Any]:
    """Run the parse/validate/render measurement in a fresh process."""
    script = Path(__file__).with_name("worker.py")
    result = subprocess.run(
        [sys.executable, str(script), str(project)], cwd=project, env=ENV, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"worker failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def measure_scale(
    scale: int, work: Path, repeat: int, source: Path | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One row of the table, plus what the page-weight and serve steps need (project, built site).

    `source` is the project whose content is copied (its mkdocs.yml, docs/ and content/); default this checkout.
    """
    project = work / f"scale-{scale}"
    source = source or CHECKOUT
    synthesise(scale, project, source / "content", source)
    inner = worker(project)
    print(f"[scale {scale}] " + json.dumps({k: v for k, v in inner.items() if k != "page_kinds"}), flush=True)
    plain_config = plain_project(project, work / f"plain-{scale}", str(inner["as_of"]))
    # Three builds, alternated (and rotated each round) so all see the same machine: the generator with
    # its output cache (a repeated build), the same with the output cache emptied first (cold: after any
    # edit, or on a fresh machine), and the exported Markdown without the generator.
    output_cache = project / ".cache" / "explainer"
    variants: list[tuple[str, Path, Path | None]] = [
        ("hook", project / "mkdocs.yml", None),
        ("cold", project / "mkdocs.yml", output_cache),
        ("plain", plain_config, None),
    ]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in variants}
    mkdocs_build(project / "mkdocs.yml", work / f"site-hook-{scale}")  # compiles the templates once, as any first build
    for round_ in range(repeat):
        shift = round_ % len(variants)
        for name, config, emptied in variants[shift:] + variants[:shift]:
            if emptied is not None:
                for entry in emptied.glob("output-*.json"):
                    entry.unlink()
            runs[name].append(mkdocs_build(config, work / f"site-{name}-{scale}"))
    hook_s, hook_mb = _median(runs["hook"])
    cold_s, cold_mb = _median(runs["cold"])
    plain_s, plain_mb = _median(runs["plain"])
    pages = int(inner["generated_pages"]) + len(_hand_written(project))
    row = {
        "scale": scale,
        "facts": inner["facts"],
        "citations": inner["citations"],
        "pages": pages,
        "parse_floor_s": inner["parse_floor_s"],
        "validate_s": inner["validate_s"],
        "render_s": inner["render_s"],
        "hook_build_s": hook_s,
        "cold_build_s": cold_s,
        "plain_build_s": plain_s,
        "hook_runs_s": [r[0] for r in runs["hook"]],
        "cold_runs_s": [r[0] for r in runs["cold"]],
        "plain_runs_s": [r[0] for r in runs["plain"]],
        "hook_ms_per_page": 1000 * hook_s / pages,
        "cold_ms_per_page": 1000 * cold_s / pages,
        "plain_ms_per_page": 1000 * plain_s / pages,
        "hook_peak_mb": hook_mb,
        "cold_peak_mb": cold_mb,
        "plain_peak_mb": plain_mb,
        "worker_peak_mb": inner["worker_peak_mb"],
        "overhead": hook_s / plain_s,
        "overhead_cold": cold_s / plain_s,
        "validate_over_floor": float(inner["validate_s"]) / float(inner["parse_floor_s"]),
    }
    return row, {"project": project, "site": work / f"site-hook-{scale}", "page_kinds": inner["page_kinds"]}


def edited_fact(project: Path, page_kinds: dict[str, str]) -> Path:
    """The fact file the edit loop saves: the first actor with a page of its own."""
    with_pages = sorted(path for path, kind in page_kinds.items() if kind == "actor")
    return project / "content" / "actors" / f"{Path(with_pages[0]).stem}.yaml"


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median seconds and the median peak MB of some runs."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def growth(rows: list[dict[str, Any]], key: str) -> float | None:
    """The fitted exponent k of value ∝ pages^k (least squares on the logarithms); None with one scale."""
    points = [(math.log(float(r["pages"])), math.log(float(r[key]))) for r in rows if float(r[key]) > 0]
    if len({x for x, _ in points}) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


GROWTH_KEYS = {
    "hook build": "hook_build_s",
    "cold build": "cold_build_s",
    "plain build": "plain_build_s",
    "render": "render_s",
    "peak memory": "cold_peak_mb",
}


def _hand_written(project: Path) -> list[str]:
    """Markdown pages under docs/ (the hand-written pages), as site paths."""
    docs = project / "docs"
    return sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "overrides" not in p.relative_to(docs).parts
    )


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a fixed-width text table."""
    widths = [len(fmt.format(0)) for _, fmt in COLUMNS]
    lines = [" ".join(h.rjust(w) for h, w in zip(HEADERS, widths, strict=False))]
    for row in rows:
        lines.append(" ".join(fmt.format(row[key]) for key, fmt in COLUMNS))
    return "\n".join(lines)


def checks(rows: list[dict[str, Any]], serve: dict[str, Any], weights: dict[str, dict[str, Any]]) -> dict[str, bool]:
    """The targets, each as pass/fail."""
    by_scale = {int(r["scale"]): r for r in rows}
    result = {
        f"cached<={CACHED_RATIO_TARGET}xplain@{s}": float(r["overhead"]) <= CACHED_RATIO_TARGET
        for s, r in by_scale.items()
    }
    result |= {f"validate<=3xfloor@{s}": float(r["validate_over_floor"]) <= 3 for s, r in by_scale.items()}
    low, high = min(by_scale), max(by_scale)
    if high != low:
        for kind in ("hook", "cold"):
            result[f"{kind}-per-page@{high}<=1.5x@{low}"] = float(by_scale[high][f"{kind}_ms_per_page"]) <= 1.5 * float(
                by_scale[low][f"{kind}_ms_per_page"]
            )
    for scale, loop in serve.items():
        limit = SERVE_TARGET_S.get(int(scale))
        if limit is not None:
            result[f"serve<={limit}s@{scale}"] = float(loop["median_s"]) <= limit
    result[f"first-load<={LIMIT_KB:.0f}KB"] = not any(w["over_limit"] for w in weights.values())
    return result


def run(
    scales: list[int],
    out: Path,
    repeat: int = 1,
    serve: bool = True,
    work: Path | None = None,
    source: Path | None = None,
) -> dict[str, Any]:
    """Measure every scale, the edit loop and the page weights; write results.json and the plot.

    `source`: the project to synthesise from (default this checkout; the tests pass a fixture project).
    """
    owned = work is None
    work = work or Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        rows, extras = [], []
        for scale in sorted(scales):
            row, extra = measure_scale(scale, work, repeat, source)
            rows.append(row)
            extras.append(extra)
            print(table(rows).splitlines()[-1] if len(rows) > 1 else table(rows), flush=True)
        smallest = extras[0]
        weights = weights_by_type(smallest["site"], smallest["page_kinds"], _hand_written(smallest["project"]))
        serve_results: dict[str, Any] = {}
        for row, extra in zip(rows, extras, strict=True):
            if serve and int(row["scale"]) in SERVE_SCALES:
                project = extra["project"]
                fact = edited_fact(project, extra["page_kinds"])
                loop = serve_edit_loop(project, fact, f"actors/{fact.stem}/", SERVE_EDITS)
                loop["full_build_s"] = row["cold_build_s"]
                print(f"[scale {row['scale']}] serve edit loop: {json.dumps(loop)}", flush=True)
                serve_results[str(row["scale"])] = loop
        results = {
            "machine": machine(),
            "rows": rows,
            "growth": {name: growth(rows, key) for name, key in GROWTH_KEYS.items()},
            "serve": serve_results,
            "page_weight": weights,
            "weight_scale": rows[0]["scale"],
            "targets": checks(rows, serve_results, weights),
        }
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "per-page.svg").write_text(per_page_svg(rows), encoding="utf-8")
    (out / "build-time.svg").write_text(growth_svg(rows, results["growth"]), encoding="utf-8")
    print(report(results))
    return results


def report(results: dict[str, Any]) -> str:
    """Serve loop, page weights and targets, as text under the table."""
    lines = ["", table(results["rows"]), ""]
    exponents = ", ".join(f"{name} {k:.2f}" if k is not None else f"{name} -" for name, k in results["growth"].items())
    lines.append(f"growth exponent k (value ∝ pages^k): {exponents}")
    for scale, serve in results["serve"].items():
        lines.append(
            f"serve edit loop (scale {scale}): median {serve['median_s']:.2f} s over {len(serve['edits_s'])} edits "
            f"{[round(t, 2) for t in serve['edits_s']]}; a cold full build takes {serve['full_build_s']:.2f} s"
        )
    lines.append(f"page weight (scale {results['weight_scale']}, heaviest page of each type, KB raw / gzip):")
    for kind, w in results["page_weight"].items():
        lines.append(
            f"  {kind:<13} {w['page']:<32} html "
            f"{w['html_kb']:6.1f}/{w['html_gzip_kb']:5.1f}  css {w['css_kb']:6.1f}/{w['css_gzip_kb']:5.1f}  "
            f"js {w['js_kb']:6.1f}/{w['js_gzip_kb']:5.1f}  search {w['search_kb']:6.1f}/{w['search_gzip_kb']:5.1f}  "
            f"svg {w['svg_kb']:5.1f}/{w['svg_gzip_kb']:4.1f} (+{w['inline_svg_count']} inline)  "
            f"total {w['total_kb']:6.1f}/{w['total_gzip_kb']:5.1f}{'  OVER LIMIT' if w['over_limit'] else ''}"
        )
    lines.append("targets: " + ", ".join(f"{k} {'ok' if v else 'FAIL'}" for k, v in results["targets"].items()))
    return "\n".join(lines)


def run_from_args(args: argparse.Namespace) -> int:
    """Entry point of `python -m build_tools bench`."""
    scales = [int(s) for s in str(args.scales).split(",") if s.strip()]
    if not scales or min(scales) < 1:
        print("error: --scales takes positive integers, e.g. 1,10,100", file=sys.stderr)
        return 2
    run(scales, args.out, args.repeat, not args.no_serve)
    return 0
