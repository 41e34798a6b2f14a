"""What the browser and the editor see: page weight per page type, and the `mkdocs serve` edit loop."""

from __future__ import annotations

import gzip
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from build_tools.render.structured import directory_url

from .builds import ENV

LIMIT_KB = 80.0  # a page's first load, gzipped
# The search worker and index load only when the reader opens search (docs/javascripts/search-on-demand.js):
# they are counted apart from the first load.
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]+)"')
_ASSET = re.compile(r"""<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]+)[^"]*"[^>]*>""")


def _category(url: str) -> str:
    suffix = Path(url).suffix.lower()
    return {".css": "css", ".js": "js", ".svg": "svg", ".json": "json"}.get(suffix, "other")


def page_weight(site_dir: Path, html: Path, sizes: dict[Path, tuple[int, int]] | None = None) -> dict[str, float]:
    """Bytes a first visit to one page transfers, raw and gzipped (KB), by kind of file; `sizes` caches assets.

    `total_*` is the first load; the search worker and index, loaded when the reader opens search, are
    in `search_*` and not in the total."""
    sizes = {} if sizes is None else sizes
    text = html.read_text(encoding="utf-8")
    weights = {"html_kb": len(text.encode()) / 1024, "html_gzip_kb": len(gzip.compress(text.encode(), 6)) / 1024}
    totals = {"css": 0, "js": 0, "svg": 0, "json": 0, "other": 0, "search": 0}
    gzipped = dict(totals)
    seen: set[Path] = set()
    search = [(url, "search") for url in _SEARCH_WORKER.findall(text)[:1]]
    index = site_dir / "search" / "search_index.json"
    if search and index.is_file():
        search.append((str(index.resolve()), "search"))  # an absolute path: the join below keeps it
    for url, kind in [*((u, _category(u)) for u in _ASSET.findall(text)), *search]:
        if "://" in url or url.startswith("//"):
            continue
        target = (html.parent / url).resolve()
        if target in seen or not target.is_file() or site_dir.resolve() not in target.parents:
            continue
        seen.add(target)
        if target not in sizes:  # shared assets (CSS, JS, search index) are compressed once per site
            data = target.read_bytes()
            sizes[target] = (len(data), len(gzip.compress(data, 6)))
        totals[kind] += sizes[target][0]
        gzipped[kind] += sizes[target][1]
    for kind in totals:
        weights[f"{kind}_kb"] = totals[kind] / 1024
        weights[f"{kind}_gzip_kb"] = gzipped[kind] / 1024
    weights["inline_svg_count"] = text.count("<svg")
    weights["total_kb"] = weights["html_kb"] + (sum(totals.values()) - totals["search"]) / 1024
    weights["total_gzip_kb"] = weights["html_gzip_kb"] + (sum(gzipped.values()) - gzipped["search"]) / 1024
    return weights


def weights_by_type(site_dir: Path, page_kinds: dict[str, str], hand_written: list[str]) -> dict[str, dict[str, float]]:
    """The heaviest page of each page type, with its weight; `over_limit` marks a first load over 80 KB gzipped."""
    kinds = {**page_kinds, **{path: "hand-written" for path in hand_written}}
    heaviest: dict[str, dict[str, float]] = {}
    sizes: dict[Path, tuple[int, int]] = {}
    for path, kind in sorted(kinds.items()):
        html = site_dir / (directory_url(path) + "index.html")
        if not html.is_file():
            continue
        weight = page_weight(site_dir, html, sizes)
        if kind not in heaviest or weight["total_gzip_kb"] > heaviest[kind]["total_gzip_kb"]:
            heaviest[kind] = {"page": path, **weight, "over_limit": weight["total_gzip_kb"] > LIMIT_KB}  # type: ignore[dict-item]
    return heaviest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, marker: str, timeout: float) -> float | None:
    """Poll until the page at url contains marker; the moment it did, or None on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and marker in body:
            return time.perf_counter()
        time.sleep(0.02)
    return None


def with_marker(yaml_text: str, marker: str) -> str:
    """The fact file with a word added to the first `text:` under `role:` (any prose field would do)."""
    lines = yaml_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("role:"))
    at = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("text:"))
    if lines[at].rstrip().endswith((">-", ">", "|", "|-")):
        at += 1  # block scalar: its first line of words
    lines[at] = lines[at].rstrip("\n") + f" {marker}\n"
    return "".join(lines)


def serve_edit_loop(project: Path, fact_file: Path, page_url: str, edits: int = 5) -> dict[str, object]:
    """Seconds from saving a YAML file under `mkdocs serve` to the rebuilt page being served (each edit)."""
    port = _free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    log_path = project.parent / f"serve-{port}.log"
    log = log_path.open("w")  # a file, not a pipe: an unread pipe fills up and blocks the server
    # site_url decides the path MkDocs serves under; serve at the root so the page URL is known.
    env = {**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(args, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{page_url}"
    original = fact_file.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        if _wait_for(url, "</html>", 1800) is None:  # the first build (a large scale takes minutes)
            raise RuntimeError(f"mkdocs serve did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(1.0)  # let the watcher settle after the first build
        for number in range(1, edits + 1):
            marker = f"Benchmark{number}x{port}"
            fact_file.write_text(with_marker(original, marker), encoding="utf-8")
            saved = time.perf_counter()
            served = _wait_for(url, marker, 120)
            if served is None:
                raise RuntimeError(f"edit {number} never reached {url}")
            times.append(served - saved)
            time.sleep(1.0)
    finally:
        fact_file.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return {"edits_s": times, "median_s": statistics.median(times), "page": page_url}
