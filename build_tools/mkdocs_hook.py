"""MkDocs hook: thin glue between MkDocs events and the generator core (which imports no MkDocs).

- on_config runs the whole load → validate → render pipeline before MkDocs cleans or writes
  site_dir, so broken content aborts with a PluginError and the previous site stays as it was.
- on_files adds the rendered pages in memory (File.generated) and points each page's
  "Edit this page" link at the fact file it came from.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # MkDocs puts only this file's folder on sys.path, not the project
    sys.path.insert(0, str(_ROOT))

from build_tools import CONTENT_DIR, PROJECT_ROOT  # noqa: E402
from build_tools.pipeline import Generated, coverage_report, generate  # noqa: E402
from build_tools.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.facts")


class _Build:
    """What one build's on_config hands to its on_files."""

    generated: Generated | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate every page from the facts; abort with every problem listed if any are found."""
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
    return files
