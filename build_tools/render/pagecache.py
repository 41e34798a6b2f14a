"""Pages kept from the previous build of this process, each with what its rendering read.

The dependency index: for each page, its arguments (a digest of them and of the build's settings),
the templates it loaded (with a digest of each one's source) and the trace of its queries on the Site
(build_tools/render/tracking.py). A page is rendered again when any of these differs, and reused
otherwise: its Markdown would come out byte for byte the same. The generator's own code is not in
the index: a cache belongs to the code that filled it, and code that changes gets a new cache (the
plugin loads the changed code afresh; build_tools/glue/reload.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from typing import Any

import jinja2

from build_tools.render.tracking import Reads, Trace, TracedSite, Untracked


@dataclass
class Entry:
    """One page as the previous build made it, with what it was made from."""

    recipe: bytes  # digest of the page's arguments and the build's settings
    templates: dict[str, bytes]  # each template it loaded → digest of its source
    trace: Trace
    page: Any


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that tells which templates a page loads (includes and imports too)."""

    loaded: set[str] | None = None

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        template = super()._load_template(name, globals)
        if self.loaded is not None:
            self.loaded.add(name)
        return template


def template_sources(folder: Path) -> dict[str, bytes]:
    """Every template under a folder (by its name for Jinja) → a digest of its source."""
    return {
        path.relative_to(folder).as_posix(): blake2b(path.read_bytes(), digest_size=16).digest()
        for path in sorted(folder.rglob("*.j2"))
    }


@dataclass
class PageCache:
    """The dependency index and the pages it vouches for, from one build to the next in one process."""

    entries: dict[str, Entry] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # the last build's pages rendered afresh
    reused: list[str] = field(default_factory=list)  # and those taken from the previous build
    _templates: dict[str, bytes] = field(default_factory=dict)

    @contextmanager
    def build(self, site: Any, env: RecordingEnvironment, templates: Path) -> Iterator[BuildPages]:
        """One build's pages: those not rendered in it are forgotten afterwards (their page is gone)."""
        sources = template_sources(templates)
        if sources != self._templates and env.cache is not None:
            env.cache.clear()  # templates are compared by content, not only by their mtime as Jinja does
        self._templates = sources
        self.rendered, self.reused = [], []
        pages = BuildPages(self, Reads(site), env, sources)
        yield pages
        self.entries = pages.kept


@dataclass
class BuildPages:
    """The pages of one build: each reused from the cache or rendered with its reads recorded."""

    cache: PageCache
    reads: Reads
    env: RecordingEnvironment
    sources: dict[str, bytes]
    kept: dict[str, Entry] = field(default_factory=dict)

    @property
    def site(self) -> TracedSite:
        """The Site as pages read it, every query recorded."""
        return TracedSite(self.reads)

    def digest(self, value: Any) -> bytes | None:
        """A digest of a page's arguments, or None when they hold something no digest describes."""
        try:
            return self.reads.digests.of(value)
        except Untracked:
            return None

    def page(self, path: str, recipe: Any, render: Callable[[Any], Any]) -> Any:
        """The page at `path`: the previous build's when nothing it was made from changed, else rendered."""
        recipe_digest = self.digest(recipe)
        entry = self.cache.entries.get(path)
        if (
            entry is not None
            and recipe_digest is not None
            and entry.recipe == recipe_digest
            and all(self.sources.get(name) == digest for name, digest in entry.templates.items())
            and self.reads.unchanged(entry.trace)
        ):
            self.kept[path] = entry
            self.cache.reused.append(path)
            return entry.page
        self.env.loaded = loaded = set[str]()
        self.reads.start()
        try:
            page = render(self.site)
        finally:
            trace = self.reads.stop()
            self.env.loaded = None
        self.cache.rendered.append(path)
        if recipe_digest is not None and all(name in self.sources for name in loaded):
            templates = {name: self.sources[name] for name in sorted(loaded)}
            self.kept[path] = Entry(recipe_digest, templates, trace, page)
        return page
