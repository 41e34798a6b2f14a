"""The hand-written pages' links, checked by MkDocs itself as `mkdocs build --strict` checks them.

`explainer check` promises that what it passes, the strict build passes; the hand-written pages (docs/*.md,
such as about.md) are part of that build, and a link in them to a page that does not exist (the sample's
source page, once the sample source is replaced) fails it. So the command gives MkDocs the project's
config, its files and the generated pages in memory, builds the navigation, renders the hand-written pages
and the pages they link to with an anchor, and reports every warning MkDocs logs meanwhile: the same
checks (`validation:` in mkdocs.yml, at their levels), nothing written. Like plugin.py, this module may
import MkDocs; the core does not.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from build_tools.load.project import CONFIG_FILE, PLUGIN
from build_tools.problems import Problem

HINT = "fix the link (generated pages are e.g. sources/<source id>.md, actors/<actor id>.md), or remove it"
_LINK_IN = re.compile(r"^Doc file '(?P<file>[^']+)' contains (?:a|an \w+) link '(?P<link>[^']+)'")


class _Collect(logging.Handler):
    """Keeps the warnings (and errors) MkDocs logs, as the strict build counts them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler, propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # the messages are reported as problems, not printed as log lines
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def docs_problems(root: Path, pages: dict[str, str], nav: list[object]) -> list[Problem]:
    """What the strict build would say about the hand-written pages and the navigation, as problems."""
    with _warnings() as caught:
        try:
            config = load_config(config_file=str(root / CONFIG_FILE), strict=True)
        except (ConfigurationError, Abort) as err:  # the build stops there too
            errors = [m for m in caught.messages if m.startswith("Config value")] or [str(err)]
            return [
                Problem(CONFIG_FILE, 1, 1, message, "fix mkdocs.yml; `mkdocs build` stops there too")
                for message in errors
            ]
        _check_pages(config, pages, nav)
    docs = Path(config.docs_dir)
    return [_problem(root, docs, message) for message in caught.messages]


def _check_pages(config: MkDocsConfig, pages: dict[str, str], nav: list[object]) -> None:
    """Navigation, then each hand-written page rendered and its anchors checked, as `mkdocs build` does."""
    config.nav = [*nav, *(config.nav or [])]
    files = get_files(config)
    generated = set(pages)
    for path, markdown in pages.items():  # as the plugin adds them (File.generated, which needs a running plugin)
        file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        file.generated_by = PLUGIN
        file.content_string = markdown
        files.append(file)
    set_exclusions(files, config)
    get_navigation(files, config)
    written = [f for f in files.documentation_pages() if f.src_uri not in generated]
    for file in written:
        _render(file, config, files)
    targets = {target for file in written if file.page for target in file.page.links_to_anchors or {}}
    for target in targets:
        if target.page is None or target.page.present_anchor_ids is None:
            _render(target, config, files)
    for file in written:
        if file.page is not None:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def _render(file: File, config: MkDocsConfig, files: Files) -> None:
    page = file.page or Page(None, file, config)
    page.read_source(config)
    page.render(config, files)


def _problem(root: Path, docs: Path, message: str) -> Problem:
    """A MkDocs warning at the line of the link it names, in the hand-written page; else at mkdocs.yml."""
    found = _LINK_IN.match(message)
    if found is None:
        return Problem(CONFIG_FILE, 1, 1, message, "the strict build refuses this too")
    path = docs / found["file"]
    line, col = 1, 1
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        at = text.find(found["link"])
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            col = at - text.rfind("\n", 0, at)
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(shown, line, col, message, HINT)
