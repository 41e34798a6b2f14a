"""The `explainer` MkDocs plugin: the only module of build_tools that imports MkDocs.

Registered by entry point (pyproject.toml: `[project.entry-points."mkdocs.plugins"]`), so mkdocs.yml
says `plugins: [search, explainer]` and options are checked by MkDocs against ExplainerConfig:

    plugins:
      - search
      - explainer:
          content: content      # the facts folder, relative to mkdocs.yml (default: content)
          cache: .cache/explainer  # compiled page templates, relative to mkdocs.yml; "" for none
          wording:              # the site's own words: page titles, kickers, nav labels, tier headings
            stances: {title: Who backs what}   # keys and defaults: build_tools/model/wording.py
          quote_picker: serve   # the editors' quote picker on source pages: serve (only in the preview), always, never
          generate: true        # false: no generated pages, only the theme fixes (the benchmark's plain build)
          theme_fixes: true     # false: leave Material's markup as it is
          only_where_used:      # extra_css/extra_javascript entries loaded only where a page's HTML has this class
            stylesheets/relmap.css: relmap

`explainer check` and `explainer export` read the same options from mkdocs.yml (build_tools/load/project.py).

What it does, event by event:

- on_config runs the whole load → validate → render pipeline before MkDocs cleans or writes
  site_dir, so broken content aborts with a PluginError and the previous site stays as it was.
- on_files adds the rendered pages in memory (File.generated) and points each page's
  "Edit this page" link at the fact file it came from.
- The output is kept in the `cache` folder under a digest of all it is made from, so an unchanged
  project is not generated again; under serve only the pages whose inputs changed are rendered again,
  and changed generator code is loaded afresh (build_tools/glue/incremental.py). Compiled page
  templates are kept in the `cache` folder too (Jinja checks each against its template's source).
- on_serve keeps the last good site served when a save breaks the content, and polls faster.
- Under serve, MkDocs' conversion, search indexing and theme rendering of a page whose inputs did not
  change since the last rebuild are reused (build_tools/glue/skip.py).
- The editors' quote picker (docs/javascripts/quote-picker.js) is loaded on source pages as the
  `quote_picker` option says: `serve` (the default) only under `mkdocs serve`, `always`, or `never`;
  otherwise its files are left out of the build, so the published site never ships it.
- Theme fixes (build_tools/glue/theme.py): markup of Material's that the HTML standard forbids is removed
  from every page, and compiled theme templates are kept across the rebuilds of one process.

Warnings go to the `mkdocs.plugins.explainer` logger, so `mkdocs build --strict` fails on them.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from build_tools.glue.incremental import Generator, core
from build_tools.glue.skip import ServeMemo
from build_tools.glue.staging import StagedSite
from build_tools.glue.theme import fix_page_html
from build_tools.load.project import DEFAULT_CACHE, DEFAULT_CONTENT, Project
from build_tools.render.output import Output

log = logging.getLogger("mkdocs.plugins.explainer")

# The quote picker's files (under docs/); pages that load them carry `quote_picker` in their meta.
QUOTE_PICKER_FILES = ("javascripts/quote-picker.js", "stylesheets/quote-picker.css")
POLL_SECONDS = 0.1


class ExplainerConfig(base.Config):
    """The plugin's options in mkdocs.yml, type-checked by MkDocs."""

    content = c.Dir(exists=False, default=DEFAULT_CONTENT)  # relative to mkdocs.yml's folder
    cache = c.Type(str, default=DEFAULT_CACHE)  # relative to mkdocs.yml's folder; "" for none
    wording = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})  # checked by model/wording.py
    quote_picker = c.Choice(("serve", "always", "never"), default="serve")
    generate = c.Type(bool, default=True)
    theme_fixes = c.Type(bool, default=True)
    # extra_css / extra_javascript entries loaded only on pages whose HTML has an element of this class
    only_where_used = c.DictOfItems(c.Type(str), default={})


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process, not once per build.

    MkDocs makes a new Jinja environment for every build, so under `mkdocs serve` each rebuild
    compiled Material's templates again (about 0.4 s here). Jinja checks each entry against the
    template's source, so an edited override is still recompiled.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from memory, if this template was compiled before."""
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Remember a freshly compiled template."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def quote_picker_on(option: str, serving: bool) -> bool:
    """The editors' quote picker: `always`, `never`, or (`serve`) only under `mkdocs serve`."""
    return option == "always" or (option == "serve" and serving)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Facts → pages for MkDocs, plus the theme's markup fixes.

    It defines on_startup, so MkDocs keeps one instance for all the rebuilds of `mkdocs serve`.
    """

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.output: Output | None = None
        self.site = StagedSite()
        self.generator = Generator()  # the output cache, and under serve the page cache and fresh code
        self.memo = ServeMemo()  # under serve: MkDocs' work on pages that come out the same, reused
        self._all_assets: tuple[list[Any], list[Any]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is the live preview (`mkdocs serve`), where the quote picker is on."""
        self.serving = command == "serve"
        self.dirty = dirty

    def _project_root(self, config: MkDocsConfig) -> Path:
        """The folder of mkdocs.yml: git history and edit links are relative to it."""
        return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()

    def _project(self, config: MkDocsConfig) -> Project:
        """The project as the plugin's options describe it; wrong wording aborts with its line in mkdocs.yml."""
        options = {"content": self.config.content, "cache": self.config.cache, "wording": self.config.wording}
        projects = core("load.project")  # as currently loaded: serve reloads changed generator code
        try:
            return projects.project_from_options(self._project_root(config), options, config.docs_dir)
        except projects.ProjectError as err:
            raise PluginError(
                f"explainer options in mkdocs.yml:\n{core('problems').ContentError(err.problems).report()}"
            ) from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Generate every page from the facts; abort with every problem listed if any are found."""
        self.output = None
        if self.serving:
            self.memo.start(config)
        if not self.config.generate:
            return config
        project = self._project(config)
        if not project.content.is_dir():
            raise PluginError(f"explainer: content folder not found: {project.content} (plugin option `content`)")
        _pin_build_date(project.root)
        output = self.generator.output(project, self.serving)
        log.info(output.coverage)
        if output.uncited and config.strict:  # strict would fail after writing site_dir; fail before it instead
            # The same report as `explainer check`, which refuses uncited sentences too.
            raise PluginError(
                "source sentences no fact cites (strict build):\n"
                + core("problems").ContentError(output.uncited).report()
            )
        for problem in output.uncited:
            log.warning(f"uncited: {problem.format()}")
        for note in output.notes:  # for the editor to judge; they refuse nothing, so not at warning level
            log.info(note.format())
        self.output = output
        config.nav = [*output.nav, *(config.nav or [])]
        config.extra["as_of"] = output.as_of
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages; edit links of generated pages open their YAML file."""
        if not self.config.generate:
            return files
        output = self.output
        if output is None:
            raise PluginError("explainer: on_files ran without a successful on_config")
        root = self._project_root(config)
        docs_prefix = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        for file in files.documentation_pages():
            file.edit_uri = f"{docs_prefix}/{file.src_uri}"
        for path, page in output.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} clashes with a generated page; rename or remove docs/{path}")
            generated_file = File.generated(config, path, content=page.markdown)
            generated_file.edit_uri = page.source_file
            files.append(generated_file)
        for path, content in output.files.items():  # facts.json: every fact with its citations, for machines
            files.append(File.generated(config, path, content=content))
        if not quote_picker_on(self.config.quote_picker, self.serving):  # an editors' tool: not in the published site
            for path in QUOTE_PICKER_FILES:
                picker_file = files.get_file_from_path(path)
                if picker_file is not None:
                    files.remove(picker_file)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:
        """Source pages load the quote picker when it is on (docs/overrides/main.html adds its script and style)."""
        if (
            self.config.generate
            and quote_picker_on(self.config.quote_picker, self.serving)
            and page.file.src_uri.startswith("sources/")
        ):
            page.meta["quote_picker"] = True
        if self.serving:
            self.memo.convert(page, markdown, config, files)
        return markdown

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Reuse compiled theme templates across the builds of one process (serve's rebuilds)."""
        env.bytecode_cache = _COMPILED
        if self.serving:
            self.memo.theme(env, config)
            for plugin in config.plugins.values():  # Material's search plugin: its per-page entries
                if hasattr(plugin, "search_index"):
                    self.memo.index(plugin.search_index)
        return env

    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        """Leave out of this page the styles and scripts it does not use (the `only_where_used` option)."""
        self._all_assets = _keep_used_assets(config, self.config.only_where_used, page.content or "")
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str | None:
        """Remove theme markup the HTML standard forbids (see build_tools/glue/theme.py)."""
        if self._all_assets is not None:  # the next page starts from every asset again
            config.extra_css, config.extra_javascript = self._all_assets
            self._all_assets = None
        return fix_page_html(output) if self.config.theme_fixes else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The same fixes for pages built from a template alone (404.html)."""
        if self.config.theme_fixes and template_name.endswith(".html"):
            return fix_page_html(output_content)
        return output_content

    # A failed build never touches the previous site: MkDocs writes into a new folder (glue/staging.py).
    @event_priority(100)  # before other plugins' pre_build, so they see the new folder
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Point site_dir at a new folder beside it (not for --dirty, which updates the old one in place)."""
        if not self.dirty:
            self.site.begin(config, self._project(config))

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Put the new site in place of the old one."""
        self.site.finish()

    def on_build_error(self, *, error: Exception) -> None:
        """Drop the unfinished site; the previous one stays as it was."""
        self.site.discard()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """While serving, a failed rebuild keeps the last good site served instead of hanging the server."""
        build = server.builder

        def rebuild_or_keep() -> None:
            try:
                build()
            except Abort:  # the problems are already logged by MkDocs; site_dir was not touched
                log.error("Still serving the last good site; save a fixed file to rebuild.")

        server.builder = rebuild_or_keep
        _poll_faster(server, config)
        return server


def _pin_build_date(root: Path) -> None:
    """Date the build by the last commit unless SOURCE_DATE_EPOCH is set: same commit, same bytes."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = core("load.history").last_commit_epoch(root)
        if epoch is not None:  # no git: MkDocs falls back to today's date
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def _keep_used_assets(config: MkDocsConfig, only_where_used: dict[str, str], html: str) -> tuple[list[Any], list[Any]]:
    """Drop from config the page-scoped assets whose class this page's HTML never uses; return the full lists.

    Material writes a <link> or <script> for every entry of config.extra_css and extra_javascript on
    every page; the map's and the timeline's files are needed on one page each, and every page's first
    load pays for them. The lists are restored after the page (on_post_page).
    """
    unused = {
        path
        for path, css_class in only_where_used.items()
        if not re.search(r'class="(?:[^"]*\s)?' + re.escape(css_class) + r'[\s"]', html)
    }
    full = (list(config.extra_css), list(config.extra_javascript))
    config.extra_css = [path for path in full[0] if str(path) not in unused]
    config.extra_javascript = [script for script in full[1] if str(script) not in unused]
    return full


def _poll_faster(server: Any, config: MkDocsConfig) -> None:
    """Notice a saved file within 0.1 s instead of MkDocs' fixed 0.5 s polling interval.

    MkDocs 1.6 offers no setting for it, so the observer is replaced before it starts. Before
    `on_serve`, `mkdocs serve` has watched the docs folder, mkdocs.yml and, with --watch-theme, the
    theme's folders (mkdocs/commands/serve.py; `watch:` comes later): those are moved to the new
    observer with the server's public unwatch/watch, which refuse a path that was never watched.
    """
    import watchdog.observers.polling

    watched = []
    for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:
        try:
            server.unwatch(path)
        except KeyError:  # a theme folder without --watch-theme
            continue
        watched.append(path)
    server.observer = watchdog.observers.polling.PollingObserver(timeout=POLL_SECONDS)
    for path in watched:
        server.watch(path)
