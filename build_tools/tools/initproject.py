"""`explainer init DIR`: write a minimal working explainer into an empty (or new) folder.

The starter lives in build_tools/starter/ (package data, so it is there when the package is installed):
a fictional sample source about two made-up organisations, facts citing it, mkdocs.yml, about.md and
the theme files (overrides, stylesheets, scripts). The source's metadata is pinned at init time: its
`sha256:` is computed from the text and `retrieved:` is today. The JSON Schemas the fact files point at
are written into schema/.

The theme files are this project's own: the starter's docs/{overrides,stylesheets,javascripts} are links
to docs/, so there is one copy, written unchanged (they name no story: sides are styled by position).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from build_tools.load.pins import file_sha256

STARTER = Path(__file__).resolve().parent.parent / "starter"
SOURCE_ID = "example-story"


class InitError(Exception):
    """The folder cannot take a new project (not empty, or a file); a usage error."""


def init_project(target: Path, today: datetime.date | None = None) -> list[Path]:
    """Write the starter into `target` (created if missing); refuse a non-empty folder. Return the files written."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; `init` only writes into an empty or new folder")
    from build_tools.model.schema import write_schemas  # pydantic loads only when needed

    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STARTER, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))  # links followed
    meta = target / "content" / "sources" / f"{SOURCE_ID}.yaml"
    digest = file_sha256(meta.parent / f"{SOURCE_ID}.txt")
    day = (today or datetime.date.today()).isoformat()
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("{today}", day).replace("{sha256}", digest), encoding="utf-8"
    )
    write_schemas(target / "schema")
    return sorted(path for path in target.rglob("*") if path.is_file())
