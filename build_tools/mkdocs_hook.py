"""MkDocs hook: thin glue between MkDocs events and the generator core (which imports no MkDocs).

- on_config runs the whole load → validate → render pipeline before MkDocs cleans or writes
  site_dir, so broken content aborts with a PluginError and the previous site stays as it was.
- on_files adds the rendered pages in memory (File.generated) and points each page's
  "Edit this page" link at the fact file it came from.
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
from build_tools.pipeline import Generated, coverage_report, generate  # noqa: E402
from build_tools.problems import ContentError  # noqa: E402
from build_tools.render import page_target  # noqa: E402
from build_tools.structured import facts_json  # noqa: E402
from build_tools.theme import fix_page_html  # noqa: E402

log = logging.getLogger("mkdocs.plugins.facts")


class _Build:
    """What one build's on_config hands to its on_files."""

    generated: Generated | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate every page from the facts; abort with every problem listed if any are found."""
    _pin_build_date()
    try:
        generated = generate(CONTENT_DIR, PROJECT_ROOT)
    except ContentError as err:
        _Build.generated = None
        raise PluginError(f"content problems:\n{err.report()}") from None
    _Build.generated = generated
    log.info(coverage_report(generated.site).splitlines()[0])
    for source_id, sentence in generated.site.uncited():
        log.warning(f"uncited sentence {source_id}#{sentence.id}: {sentence.text}")
    config.nav = [*generated.nav, *(config.nav or [])]
    config.extra["as_of"] = generated.site.as_of().label()
    return config


def _pin_build_date() -> None:
    """Date the build (sitemap dates, gzip header) by the last commit unless SOURCE_DATE_EPOCH is set: same commit, same bytes."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(PROJECT_ROOT)
        if epoch is not None:  # no git: MkDocs falls back to today's date
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages; edit links of generated pages open their YAML file."""
    generated = _Build.generated
    if generated is None:
        raise PluginError("facts hook: on_files ran without a successful on_config")
    docs_prefix = Path(config.docs_dir).resolve().relative_to(PROJECT_ROOT).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs_prefix}/{file.src_uri}"
    for path, page in generated.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated page; rename or remove docs/{path}")
        generated_file = File.generated(config, path, content=page.markdown)
        generated_file.edit_uri = page.source_file
        files.append(generated_file)
    # Every fact with its citations, for machines; a static file at the site root.
    files.append(File.generated(config, "facts.json", content=facts_json(generated.site, page_target)))
    return files


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    """Remove theme markup the HTML standard forbids (see build_tools/theme.py)."""
    return fix_page_html(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same fixes for pages built from a template alone (404.html)."""
    return fix_page_html(output_content) if template_name.endswith(".html") else output_content


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """While serving, a failed rebuild keeps the last good site served instead of hanging the server."""
    build = server.builder

    def rebuild_or_keep() -> None:
        try:
            build()
        except Abort:  # the problems are already logged by MkDocs; site_dir was not touched
            log.error("Still serving the last good site; save a fixed file to rebuild.")

    server.builder = rebuild_or_keep
    return server
