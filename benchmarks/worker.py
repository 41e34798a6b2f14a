"""One measurement process: CSafeLoader floor, validation and rendering of one project's content.

Run as `python benchmarks/worker.py PROJECT`; prints one JSON object. It imports the generator from
PROJECT's own build_tools/ (the code the MkDocs builds of that project run), in a fresh process so
peak-memory figures and caches are independent of the other measurements.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import yaml


def parse_floor(content_dir: Path) -> float:
    """Seconds to read and parse every fact file with libyaml's CSafeLoader alone."""
    start = time.perf_counter()
    for path in sorted(content_dir.rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def measure(project: Path) -> dict[str, object]:
    """Parse floor, validation and rendering times (seconds), counts and this process's peak memory."""
    sys.path.insert(0, str(project))
    from build_tools.load.history import load_history
    from build_tools.pipeline import check, navigation
    from build_tools.render.renderer import render_site

    content = project / "content"
    floor = min(parse_floor(content) for _ in range(2))  # the first pass also warms the file cache
    start = time.perf_counter()
    site = check(content, project)
    validate_s = time.perf_counter() - start
    start = time.perf_counter()
    pages = render_site(site, project, load_history(content, project))
    nav = navigation(site)
    render_s = time.perf_counter() - start
    return {
        "facts": len(site.entities),
        "citations": sum(1 for _ in site.citations()),
        "generated_pages": len(pages),
        "nav_entries": len(json.dumps(nav)),
        "parse_floor_s": floor,
        "validate_s": validate_s,
        "render_s": render_s,
        "as_of": site.as_of().label(),
        "page_kinds": {path: page.kind for path, page in pages.items()},
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]).resolve())))
