"""MkDocs hook for the theme alone: removes markup of Material's that the HTML standard forbids.

Kept apart from the generator's hook (mkdocs_hook.py) because it belongs to the theme, not to the
facts: a build of exported Markdown without the generator still uses it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # MkDocs puts only this file's folder on sys.path, not the project
    sys.path.insert(0, str(_ROOT))

from build_tools.theme import fix_page_html  # noqa: E402


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


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: object) -> jinja2.Environment:
    """Reuse compiled theme templates across the builds of one process (serve's rebuilds)."""
    env.bytecode_cache = _COMPILED
    return env


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    """Remove theme markup the HTML standard forbids (see build_tools/theme.py)."""
    return fix_page_html(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same fixes for pages built from a template alone (404.html)."""
    return fix_page_html(output_content) if template_name.endswith(".html") else output_content
