"""MkDocs hook: thin glue between MkDocs events and the generator core (which imports no MkDocs).

- on_config runs the whole load → validate → render pipeline before MkDocs cleans or writes
  site_dir, so broken content aborts with a PluginError and the previous site stays as it was.
- on_files adds the rendered pages in memory (File.generated) and points each page's
  "Edit this page" link at the fact file it came from.
- Every build validates and renders again: there is no output cache, since under `mkdocs serve`
  this module is not reloaded after a .py edit and a cache keyed in it could serve stale pages.
  Compiled page templates are kept in .cache/templates (Jinja checks each against its template's
  source, as Python keeps __pycache__).
- on_serve keeps the last good site served when a save breaks the content, and polls faster.
- The editors' quote picker (docs/javascripts/quote-picker.js) is loaded on source pages under
  `mkdocs serve` or when QUOTE_PICKER=1 (QUOTE_PICKER=0 turns it off while serving); otherwise its
  files are left out of the build, so the published site never ships it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # MkDocs puts only this file's folder on sys.path, not the project
    sys.path.insert(0, str(_ROOT))

from build_tools import CONTENT_DIR, PROJECT_ROOT  # noqa: E402
from build_tools.history import last_commit_epoch  # noqa: E402
from build_tools.output import Output  # noqa: E402
from build_tools.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.facts")


class _Build:
    """What one build's on_config hands to its on_files."""

    output: Output | None = None
    serving: bool = False


# The quote picker's files (under docs/); pages that load them carry `quote_picker` in their meta.
QUOTE_PICKER_FILES = ("javascripts/quote-picker.js", "stylesheets/quote-picker.css")


def quote_picker_on() -> bool:
    """The editors' quote picker: on under `mkdocs serve` unless QUOTE_PICKER=0, else only with QUOTE_PICKER=1."""
    flag = os.environ.get("QUOTE_PICKER", "")
    return flag == "1" or (_Build.serving and flag != "0")


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this is the live preview (`mkdocs serve`), where the quote picker is on."""
    _Build.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate every page from the facts; abort with every problem listed if any are found."""
    _pin_build_date()
    _Build.output = None
    try:
        output = _generate()
    except ContentError as err:
        raise PluginError(f"content problems:\n{err.report()}") from None
    log.info(output.coverage)
    if output.uncited and config.strict:  # strict would fail after writing site_dir; fail before it instead
        # The same report as `python -m build_tools check`, which refuses uncited sentences too.
        raise PluginError("source sentences no fact cites (strict build):\n" + ContentError(output.uncited).report())
    for problem in output.uncited:
        log.warning(f"uncited: {problem.format()}")
    _Build.output = output
    config.nav = [*output.nav, *(config.nav or [])]
    config.extra["as_of"] = output.as_of
    return config


def _generate() -> Output:
    """The generator's output, validated and rendered on every build."""
    from build_tools.pipeline import generate_output  # pydantic and Jinja load only when needed

    return generate_output(CONTENT_DIR, PROJECT_ROOT)


def _pin_build_date() -> None:
    """Date the build (sitemap dates, gzip header) by the last commit unless SOURCE_DATE_EPOCH is set: same commit, same bytes."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(PROJECT_ROOT)
        if epoch is not None:  # no git: MkDocs falls back to today's date
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; edit links of generated pages open their YAML file."""
    output = _Build.output
    if output is None:
        raise PluginError("facts hook: on_files ran without a successful on_config")
    docs_prefix = Path(config.docs_dir).resolve().relative_to(PROJECT_ROOT).as_posix()
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
    if not quote_picker_on():  # an editors' tool: not in the published site
        for path in QUOTE_PICKER_FILES:
            picker_file = files.get_file_from_path(path)
            if picker_file is not None:
                files.remove(picker_file)
    return files


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Source pages load the quote picker when it is on (docs/overrides/main.html adds its script and style)."""
    if quote_picker_on() and page.file.src_uri.startswith("sources/"):
        page.meta["quote_picker"] = True
    return markdown


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """While serving, a failed rebuild keeps the last good site served instead of hanging the server."""
    build = server.builder

    def rebuild_or_keep() -> None:
        try:
            build()
        except Abort:  # the problems are already logged by MkDocs; site_dir was not touched
            log.error("Still serving the last good site; save a fixed file to rebuild.")

    server.builder = rebuild_or_keep
    _poll_faster(server)
    return server


POLL_SECONDS = 0.1


def _poll_faster(server: Any) -> None:
    """Notice a saved file within 0.1 s instead of MkDocs' fixed 0.5 s polling interval.

    MkDocs 1.6 offers no setting for it, so the observer is replaced before it starts and the
    paths MkDocs already watches are watched again by the new one (MkDocs adds `watch:` later).
    """
    import watchdog.observers.polling

    watched = list(server._watched_paths)
    for path in watched:
        server.unwatch(path)
    server.observer = watchdog.observers.polling.PollingObserver(timeout=POLL_SECONDS)
    for path in watched:
        server.watch(path)
