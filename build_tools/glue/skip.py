"""Under `mkdocs serve`: MkDocs' own work on a page that would come out the same, taken from the last rebuild.

Every rebuild of `mkdocs serve` converts every page's Markdown, indexes it for search and renders
it through the theme: most of a save's wait. Each of the three is a function of inputs that can be
compared; when they are the same as at a previous rebuild, the result is the same, so it is reused:

- Markdown → HTML (Page.render): the page's final Markdown, its addresses, the address of every
  file of the site (links are resolved against them), the Markdown settings and the log level.
  Its results (HTML, table of contents, title, anchors, links to anchors) are restored, and the
  warnings it logged are logged again.
- The search entries of a page (Material's search plugin): the page's HTML, table of contents,
  address, title, metadata and the search settings.
- The theme's HTML: the page as the theme reads it (HTML, table of contents, title, metadata,
  addresses, neighbours), the whole navigation, the configuration (mkdocs.yml's text, the
  environment, the nav and extras the plugins set) and the source of every theme template the
  previous rebuild loaded.

MkDocs still cleans the site folder, copies the static files, writes every page and the search
index, and builds the theme's own templates, as in any build. Plain `mkdocs build` never reuses any
of this: every build in its own process starts from nothing.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

Digest = bytes


def _digest(*parts: Any) -> Digest:
    return blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _toc(items: Any) -> list[Any]:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


def _nav(items: Any) -> list[Any]:
    found = []
    for item in items:
        children = getattr(item, "children", None)
        file = getattr(item, "file", None)
        found.append(
            (
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                file and file.src_uri,
                children and _nav(children),
            )
        )
    return found


class _Capture(logging.Handler):
    """Keeps the log records of one page's conversion, to log them again when it is reused."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


class _Kept:
    """Results by digest, kept from one rebuild to the next: those the last rebuild did not use are dropped."""

    def __init__(self) -> None:
        self._before: dict[Digest, Any] = {}
        self._now: dict[Digest, Any] = {}

    def get(self, key: Digest) -> Any:
        """The result kept under a digest, or None."""
        found = self._now.get(key, self._before.get(key))
        if found is not None:
            self._now[key] = found
        return found

    def put(self, key: Digest, value: Any) -> None:
        """Keep a result."""
        self._now[key] = value

    def roll(self) -> None:
        """A new rebuild begins: what the last one used is what can be reused."""
        self._before, self._now = self._now, {}


class ServeMemo:
    """What MkDocs made of each page at previous rebuilds, with the digests of what it was made from."""

    def __init__(self) -> None:
        self.converted, self.indexed, self.themed = _Kept(), _Kept(), _Kept()
        self.used_templates: set[str] = set()
        self.counts = {"converted": 0, "reused": 0, "themed": 0, "theme reused": 0}
        self._build: dict[str, Any] = {}

    # -- per build ---------------------------------------------------------------------------------

    def start(self, config: MkDocsConfig) -> None:
        """A new rebuild: forget its predecessor's per-build digests, keep the results it used."""
        self._build = {}
        self.counts = dict.fromkeys(self.counts, 0)
        for kept in (self.converted, self.indexed, self.themed):
            kept.roll()
        path = config.config_file_path
        config_text = Path(path).read_bytes() if path else b""
        self._build["config"] = _digest(config_text, sorted(os.environ.items()), config.site_url)

    def _files(self, files: Files) -> Digest:
        if "files" not in self._build:
            self._build["files"] = _digest(
                [(f.src_uri, f.dest_uri, f.url, str(f.inclusion), f.is_documentation_page()) for f in files]
            )
        return self._build["files"]

    # -- Markdown → HTML ---------------------------------------------------------------------------

    def convert(self, page: Any, markdown: str, config: MkDocsConfig, files: Files) -> None:
        """Arrange for the page's conversion to be reused, or kept when it runs."""
        pages_log = logging.getLogger("mkdocs.structure.pages")
        key = _digest(
            markdown,
            page.file.src_uri,
            page.file.dest_uri,
            page.file.url,
            self._files(files),
            repr(config["markdown_extensions"]),
            repr(config["mdx_configs"]),
            repr(config["validation"]),
            config["use_directory_urls"],
            pages_log.getEffectiveLevel(),
        )
        real_render = page.render
        found = self.converted.get(key)
        if found is not None:
            page.render = lambda config, files: self._restore(page, found, files)
            return

        def render_and_keep(config: MkDocsConfig, files: Files) -> None:
            capture = _Capture()
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.addHandler(capture)
            try:
                real_render(config, files)
            finally:
                mkdocs_log.removeHandler(capture)
            links = page.links_to_anchors
            self.converted.put(
                key,
                (
                    page.content,
                    copy.deepcopy(page.toc),
                    page._title_from_render,
                    set(page.present_anchor_ids or ()),
                    None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
                    capture.records,
                ),
            )
            self.counts["converted"] += 1

        page.render = render_and_keep

    def _restore(self, page: Any, found: tuple[Any, ...], files: Files) -> None:
        content, toc, title, anchors, links, records = found
        page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
        page.present_anchor_ids = set(anchors)
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(a) for uri, a in links.items()}
        for record in records:
            logging.getLogger(record.name).handle(record)
        self.counts["reused"] += 1

    # -- search entries ----------------------------------------------------------------------------

    def index(self, search_index: Any) -> None:
        """Reuse each page's search entries when the page is as it was (Material's search plugin)."""
        add = search_index.add_entry_from_context
        settings = repr(search_index.config)

        def add_or_reuse(page: Any) -> None:
            key = _digest(page.content, _toc(page.toc), page.url, page.title, page.meta, settings)
            found = self.indexed.get(key)
            if found is None:
                before = len(search_index.entries)
                add(page)
                self.indexed.put(key, copy.deepcopy(search_index.entries[before:]))
            else:
                search_index.entries.extend(copy.deepcopy(found))

        search_index.add_entry_from_context = add_or_reuse

    # -- theme -------------------------------------------------------------------------------------

    def theme(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """Reuse a page's theme HTML when the page, the nav, the config and the theme's templates are as they were."""
        loader = env.loader
        assert loader is not None
        used = self.used_templates
        real_get_source = loader.get_source

        def get_source(environment: jinja2.Environment, name: str) -> Any:
            used.add(name)
            return real_get_source(environment, name)

        loader.get_source = get_source  # type: ignore[method-assign,assignment]
        real_get_template = env.get_template

        def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
            template = real_get_template(name, parent, globals)
            page = getattr(config, "_current_page", None)
            if parent is None and page is not None and isinstance(template, jinja2.Template):
                return _Themed(template, self, lambda context: self._theme_key(env, name, context))
            return template

        env.get_template = get_template  # type: ignore[method-assign]

    def _theme_key(self, env: jinja2.Environment, name: str, context: Any) -> Digest:
        if self._build.get("theme", (None, -1))[1] != len(self.used_templates):  # first rebuild: the set grows
            loader = env.loader
            assert loader is not None
            sources: list[tuple[str, str | None]] = []
            for template in sorted(self.used_templates):
                try:
                    sources.append((template, loader.get_source(env, template)[0]))
                except jinja2.TemplateNotFound:
                    sources.append((template, None))
            self._build["theme"] = (_digest(sources), len(self.used_templates))
        if "nav" not in self._build:
            nav = context["nav"]
            self._build["nav"] = _digest(_nav(nav.items), [p.url for p in nav.pages])
        page = context["page"]
        neighbours = [(p.title, p.url) if p is not None else None for p in (page.previous_page, page.next_page)]
        return _digest(
            name,
            self._build["config"],
            self._build.get("files"),
            self._build["theme"][0],
            self._build["nav"],
            repr(context["config"]["nav"]),
            repr(context["config"]["extra"]),
            [str(s) for s in context["config"]["extra_css"]],
            [str(s) for s in context["config"]["extra_javascript"]],
            context["base_url"],
            page.content,
            _toc(page.toc),
            page.title,
            page.meta,
            page.url,
            page.file.src_uri,
            page.canonical_url,
            page.edit_url,
            neighbours,
        )


class _Themed:
    """A page's theme template: rendered, or its HTML from an earlier rebuild under the same inputs."""

    def __init__(self, template: jinja2.Template, memo: ServeMemo, key: Callable[[Any], Digest]) -> None:
        self._template, self._memo, self._key = template, memo, key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)

    def render(self, context: Any) -> str:
        """The page's HTML."""
        key = self._key(context)
        found = self._memo.themed.get(key)
        if found is None:
            found = self._template.render(context)
            self._memo.themed.put(key, found)
            self._memo.counts["themed"] += 1
        else:
            self._memo.counts["theme reused"] += 1
        return str(found)
