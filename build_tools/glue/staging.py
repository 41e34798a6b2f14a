"""A build writes into a fresh folder beside site_dir, which replaces site_dir only when the build succeeded.

MkDocs cleans site_dir before it gathers the pages (mkdocs/commands/build.py: on_config, on_pre_build,
clean, on_files, …, on_post_build, then the strict check), so any failure after the clean (a clashing page,
a theme error, a warning under --strict) would leave the previous site half gone. The plugin points
site_dir at a new folder in `on_pre_build`; its last `on_post_build` puts that folder in place when no
warning counts against a strict build; `on_build_error` (any failure, the strict abort included) removes
it. Files and folders whose names start with a dot in the old site_dir (a `.git` of a deploy checkout) are
kept, as MkDocs' own clean keeps them. `mkdocs serve` serves the same path throughout: the new folder is
renamed into place. A `--dirty` build updates site_dir in place (it needs the old files), so it is not staged.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from build_tools.load.project import Project, replaces_own_folder


class StagedSite:
    """The site folder of one build: where MkDocs writes, and where it goes on success."""

    def __init__(self) -> None:
        self.config: MkDocsConfig | None = None  # the build's config, whose site_dir is pointed at the new folder
        self.final: str | None = None  # site_dir as configured
        self.target: Path | None = None  # the folder it names, links resolved
        self.staging: Path | None = None

    def begin(self, config: MkDocsConfig, project: Project) -> None:
        """Point site_dir at a new empty folder beside it; refuse a site_dir that is one of the project's own."""
        self.discard()  # a previous build of this process that never finished
        final = Path(config.site_dir).resolve()  # a linked site_dir: its target is replaced, the link stays
        why = replaces_own_folder(final, project)
        if why is None and final.exists() and not final.is_dir():
            why = "it is a file"
        if why is not None:
            raise PluginError(f"site_dir {final}: {why}; MkDocs replaces site_dir on every build, so choose another")
        final.parent.mkdir(parents=True, exist_ok=True)
        self.config, self.final, self.target = config, config.site_dir, final
        self.staging = final.parent / f".{final.name}.building-{uuid.uuid4().hex[:12]}"
        self.staging.mkdir()  # not mkdtemp, whose folder only its owner may read: a web server must read the site
        config.site_dir = str(self.staging)

    def finish(self) -> None:
        """Put the new site in place, unless a strict build is about to abort on a warning (then on_build_error)."""
        if self.staging is None or self.target is None or _strict_warnings():
            return
        final, staging = self.target, self.staging
        if not final.is_dir():
            staging.rename(final)
        else:
            try:
                old = final.parent / f".{final.name}.old-{uuid.uuid4().hex[:12]}"
                final.rename(old)
            except OSError:  # on Windows a folder in use (a server reading it) cannot be renamed
                _move_contents(staging, final)
            else:
                _keep_hidden(old, staging)
                staging.rename(final)
                shutil.rmtree(old)
        self.staging = None
        self.discard()

    def discard(self) -> None:
        """Drop the unfinished new site and give the config its site_dir back; site_dir is as the last good
        build left it."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        if self.config is not None and self.final is not None:
            self.config.site_dir = self.final
        self.config = self.final = self.target = self.staging = None


def _keep_hidden(old: Path, new: Path) -> None:
    """Move the old site's hidden entries (a deploy's .git) into the new one, as MkDocs' clean keeps them."""
    for kept in old.iterdir():
        if kept.name.startswith(".") and not (new / kept.name).exists():
            kept.rename(new / kept.name)


def _move_contents(staging: Path, final: Path) -> None:
    """Replace the site folder's contents, not the folder: MkDocs' own clean, then the new files moved in."""
    for entry in final.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        entry.rename(final / entry.name)
    staging.rmdir()


def _strict_warnings() -> bool:
    """Whether MkDocs has counted a warning for --strict (it aborts right after the last on_post_build)."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts() for handler in logging.getLogger("mkdocs").handlers
    )
