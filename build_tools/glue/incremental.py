"""How the plugin runs the generator: its output kept on disk, and under `mkdocs serve` the pages kept
in memory between rebuilds, with the generator's code loaded afresh when it changes.

- Every build first looks for its output under the digest of everything it is made from
  (build_tools/cache.py): an unchanged project is not validated or rendered again.
- Under `mkdocs serve` a save re-renders only the pages whose inputs changed (the dependency index,
  build_tools/render/pagecache.py), and the rebuilt output is stored for the next build.
- MkDocs loads the plugin once per `mkdocs serve`, so an edit to the generator's own code would
  otherwise go unnoticed until a restart. Before each rebuild the code's digest is compared with the
  loaded code's; when it differs, every generator module but this glue is loaded again from its
  file, with a fresh page cache. Edits to the glue itself (build_tools/glue/) take a restart, as
  any MkDocs plugin's do; the plugin says so.
"""

from __future__ import annotations

import importlib
import logging
import py_compile
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.explainer")

PACKAGE = Path(__file__).resolve().parent.parent
GLUE = "build_tools.glue"


def core(module: str) -> Any:
    """A generator module as currently loaded (`load.project`, `pipeline`…): after a reload, the new one."""
    return importlib.import_module(f"build_tools.{module}")


class Generator:
    """The generator as the plugin runs it, from one build to the next in one process."""

    def __init__(self) -> None:
        self.code: str | None = None  # digest of the code loaded in this process
        self.glue: str | None = None
        self.pages: Any = None  # the page cache of the loaded code (serve only)

    def output(self, project: Any, serving: bool) -> Any:
        """The generator's output for a project: stored, or generated (and stored); PluginError on problems."""
        cache = core("cache")
        code = cache.code_digest()
        if serving:
            code = self._fresh_code(code)
            cache = core("cache")
        settings = self._settings(project)
        key = cache.input_key(project.content, settings, code)
        # Under serve, the first build generates, to fill the page cache for the saves that follow.
        warm = not serving or (self.pages is not None and bool(self.pages.entries))
        stored = cache.load(project.cache, key) if warm else None
        if stored is not None:
            return stored
        problems = core("problems")
        pipeline = core("pipeline")  # pydantic and Jinja load only when something must be generated
        if serving and self.pages is None:
            self.pages = core("render.pagecache").PageCache()
        rendering = pipeline.Rendering(project.wording, project.cache)
        try:
            output = pipeline.generate_output(project.content, project.root, rendering, self.pages, project.docs_dir)
        except problems.ContentError as err:
            raise PluginError(f"content problems:\n{err.report()}") from None
        if cache.input_key(project.content, settings, cache.code_digest()) == key:  # nothing changed meanwhile
            cache.store(project.cache, key, output)
        return output

    def _settings(self, project: Any) -> tuple[Any, ...]:
        """What a run depends on besides the content and the code: options, build date, git history."""
        history = core("load.history")
        dated = (history.build_date(), history.load_history(project.content, project.root))
        # The hand-written pages' names: a new one may clash with a generated page (render/collisions.py).
        hand_written = tuple(core("load.docsfiles").hand_written(project.docs_dir))
        return (str(project.root), str(project.content), repr(project.wording), repr(dated), hand_written)

    def _fresh_code(self, code: str) -> str:
        """Load the generator's code again if its files changed since it was loaded; its digest."""
        glue = _glue_digest()
        if self.glue is not None and glue != self.glue:
            log.warning("The plugin's own code (build_tools/glue/) changed: restart `mkdocs serve` to use it.")
        self.glue = glue
        if self.code is None:
            self.code = code
        elif code != self.code:
            log.info("The generator's code changed: loading it again.")
            _reload_core()
            self.code, self.pages = code, None
        return code


def _glue_digest() -> str:
    from hashlib import blake2b

    hasher = blake2b(digest_size=16)
    for path in sorted((PACKAGE / "glue").glob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _reload_core() -> None:
    """Forget every generator module but the glue, so the next import reads each from its file.

    Python trusts a compiled module whose source has the same size and modification second; an edit
    that keeps both would load the old code. Each module is compiled again first, checked by its
    source's hash instead.
    """
    for name in [n for n in sys.modules if n.startswith("build_tools.") and not n.startswith(GLUE)]:
        module = sys.modules.pop(name)
        source = getattr(module, "__file__", None)
        if source and source.endswith(".py") and Path(source).is_file():
            py_compile.compile(source, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH, quiet=2)
    importlib.invalidate_caches()
