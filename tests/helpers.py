"""Shared test helpers: fixture projects (the second story), building and serving sites, the CLI, built HTML."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from build_tools.load.pins import file_sha256
from build_tools.render.structured import directory_url

ROOT = Path(__file__).resolve().parent.parent  # this checkout
CONTENT_DIR = ROOT / "content"  # the live story (only tests/content reads it)
FIXTURES = ROOT / "tests" / "fixtures"
SECOND_STORY = FIXTURES / "second-story"
SECOND_SOURCE = "valley-ledger-2025"  # the second story's one source
THEME_PARTS = ("overrides", "stylesheets", "javascripts")  # folders under docs/ that make the theme
# Debian's chromium as root on a machine with no network beyond the registries (no sandbox, no background calls).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def second_story(dst: Path, *, generator: bool = False) -> Path:
    """A buildable copy of the second-story fixture (a fictional bidding war, tests/fixtures/second-story).

    The fixture holds its content, mkdocs.yml and about page; the theme (docs/overrides, stylesheets,
    javascripts) is this checkout's docs/ unchanged (it names no story: sides are styled by position), and the JSON
    Schemas the fact files point at from schema/. With `generator`, the generator is copied beside it so
    `python -m build_tools` run inside the copy uses it.
    """
    shutil.copytree(SECOND_STORY, dst)
    for part in THEME_PARTS:
        shutil.copytree(ROOT / "docs" / part, dst / "docs" / part)
    shutil.copytree(ROOT / "schema", dst / "schema")
    if generator:
        shutil.copytree(ROOT / "build_tools", dst / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    return dst


# Names of the live story that the generator's templates and theme once hard-coded: checked even without content/.
ALWAYS_CHECKED_NAMES = frozenset({"openai", "microsoft", "stargate", "altman", "nadella", "suleyman"})


def tree_digest(folder: Path) -> str:
    """One hash of every path, file's bytes and link's target under a folder (.git included)."""
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        data = str(path.readlink()).encode() if path.is_symlink() else path.read_bytes() if path.is_file() else b""
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + data + b"\0")
    return sha.hexdigest()


def git_commit_all(folder: Path) -> Path:
    """Make a folder a git checkout with everything committed, as a user would have it."""
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
    return folder


def live_story_names() -> set[str]:
    """Lower-cased ids, names and aliases of the live story's actors (content/actors/*.yaml), when there is content.

    Used to show that nothing of the live story leaks into a build of another one. The generator-only run
    (scripts/generator_tests.sh), whose copy has no content/, points LIVE_CONTENT at the checkout's.
    """
    import yaml

    names: set[str] = set()
    content = Path(os.environ.get("LIVE_CONTENT", ROOT / "content"))  # scripts/generator_tests.sh names the checkout's
    for path in sorted((content / "actors").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names |= {data["id"], data["name"], *(alias["name"] for alias in data.get("aliases") or [])}
    return {name.lower() for name in names}


def live_story_pattern() -> re.Pattern[bytes]:
    """A case-insensitive pattern matching any name or id of the live story (and the always-checked names)."""
    names = sorted(live_story_names() | ALWAYS_CHECKED_NAMES, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names).encode(), re.IGNORECASE)


def vendor_copy(site: Path, path: Path) -> bool:
    """Whether a built file is one of Material's bundled files, copied unchanged (not ours: e.g. a licence
    comment of a bundled library names Microsoft Corporation)."""
    import material

    theirs = Path(material.__file__).resolve().parent / "templates" / path.relative_to(site)
    return theirs.is_file() and theirs.read_bytes() == path.read_bytes()


def live_story_leaks(folder: Path, *, skip_vendor: bool = False) -> dict[str, list[str]]:
    """Files under `folder` naming the live story: relative path → the names found (lower-cased)."""
    pattern = live_story_pattern()
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or (skip_vendor and vendor_copy(folder, path)):
            continue
        hits = {match.decode("utf-8", "replace").lower() for match in pattern.findall(path.read_bytes())}
        if hits:
            found[path.relative_to(folder).as_posix()] = sorted(hits)
    return found


def examples(wanted: int) -> int:
    """A property test's number of examples: `wanted`, capped by the loaded Hypothesis profile (tests/conftest.py)."""
    from hypothesis import settings

    return min(wanted, settings().max_examples)


def repin(project: Path, source_id: str) -> None:
    """Record the current hash of a source's text in its metadata, as `reverify --accept` would."""
    meta = project / "content" / "sources" / f"{source_id}.yaml"
    digest = file_sha256(meta.parent / f"{source_id}.txt")
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text(
        "".join(f"sha256: {digest}\n" if line.startswith("sha256:") else line for line in lines), encoding="utf-8"
    )


def mkdocs_build(project: Path, out: Path, *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of a project into `out`."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=project,
        timeout=300,
    )


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m build_tools …` inside a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args], capture_output=True, text=True, cwd=project, timeout=300
    )


def cli(project: Path, *args: str, own_project: bool = True) -> subprocess.CompletedProcess[str]:
    """The `explainer` command (`build_tools.tools.cli.main`) run in this process, inside `project`.

    `project` must be a project of its own (a folder with mkdocs.yml and content/), as `explainer init`
    writes, so the command uses its content. Output and exit code as from `run_cli`, without starting
    a Python for each call (the exit codes of a real process are tested with `run_cli`). `own_project=False`
    runs in any folder (for `init`, or usage errors).
    """
    from build_tools.tools.cli import main

    assert not own_project or ((project / "mkdocs.yml").is_file() and (project / "content").is_dir()), project
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(["explainer", *args], code, out.getvalue(), err.getvalue())


def json_ld(page: str) -> dict[str, Any]:
    """The one JSON-LD block of a built page."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def html_path(site: Path, page_path: str) -> Path:
    """Built HTML file of a Markdown page path (directory URLs)."""
    return site / (directory_url(page_path) + "index.html")


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and ids, and text inside elements with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str]] = []  # (tag, id) of open elements that have an id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
            self.text_by_id.setdefault(attributes["id"], "")
            self._open.append((tag, attributes["id"]))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, element_id in self._open:
            self.text_by_id[element_id] += data


def parse(path: Path) -> Elements:
    """Parse one HTML file."""
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def bare_project(project: Path, name: str = "Golden base") -> Path:
    """A content folder made a project of its own: a mkdocs.yml naming the site and an empty docs/ beside it,
    so the command uses its content and MkDocs can load its config (the theme is MkDocs' own)."""
    (project / "mkdocs.yml").write_text(f"site_name: {name}\n", encoding="utf-8")
    (project / "docs").mkdir(exist_ok=True)
    return project


def add_site_parts(project: Path, about: str) -> Path:
    """Make a content folder a whole buildable project: the real generator, theme and config beside it.

    The real About page links to the real source page, so the project gets its own `about` text. Files
    the project already has in docs/ (a case's own hand-written pages) are kept.
    """
    own_about = (project / "docs" / "about.md").exists()
    for part in ("mkdocs.yml", "docs", "build_tools", "schema"):
        src = ROOT / part
        if src.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(src, project / part, ignore=ignore, dirs_exist_ok=True, copy_function=_copy_new)
        else:
            shutil.copy2(src, project / part)
    if not own_about:
        (project / "docs/about.md").write_text(about, encoding="utf-8")
    return project


def _copy_new(src: str, dst: str) -> None:
    """shutil.copy2, except over a file that is already there."""
    if not Path(dst).exists():
        shutil.copy2(src, dst)


def citations_in(node: Any) -> Iterator[dict[str, Any]]:
    """Every citation (a mapping with a quote and a basis) anywhere in parsed JSON."""
    if isinstance(node, list):
        for item in node:
            yield from citations_in(item)
    elif isinstance(node, dict):
        if "quote" in node and "basis" in node:
            yield node
        for value in node.values():
            yield from citations_in(value)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each in the test output."""


class _GzippingHandler(_QuietHandler):
    """Text files gzipped when the browser accepts it, as any real host serves them."""

    ZIPPED = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def send_head(self) -> Any:
        """The file, gzipped for a browser that accepts it; anything else as the plain handler sends it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(self.ZIPPED):
            return super().send_head()
        try:
            data = Path(path).read_bytes()
        except OSError:
            return super().send_head()
        payload = gzip.compress(data, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        return io.BytesIO(payload)


@contextlib.contextmanager
def serve(folder: Path, gzipped: bool = False) -> Iterator[str]:
    """A built site served over HTTP on a free local port, as a host would (file:// bends the same-origin rules);
    `gzipped` compresses text files as real hosts do."""
    handler = _GzippingHandler if gzipped else _QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
