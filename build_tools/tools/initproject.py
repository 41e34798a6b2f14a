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
from build_tools.load.project import CONFIG_FILE, load_config
from build_tools.problems import Problem

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


def sample_leftovers(root: Path) -> list[Problem]:
    """Warnings for what `init` wrote that still reads as the sample's: the site's name and the About page.

    They build fine, so they are warnings: the command says so until the project has its own.
    """
    found = []
    ours = load_config((root / CONFIG_FILE).read_text(encoding="utf-8")) if (root / CONFIG_FILE).is_file() else {}
    sample = load_config((STARTER / CONFIG_FILE).read_text(encoding="utf-8"))
    name = ours.get("site_name") if isinstance(ours, dict) else None
    if name and name == sample.get("site_name"):
        found.append(
            Problem(
                CONFIG_FILE,
                _line_of(root / CONFIG_FILE, "site_name:"),
                1,
                f"`site_name` is still the sample's ({name!r})",
                "give the site its own name in mkdocs.yml (and `site_description`)",
                "warning",
            )
        )
    about = root / "docs" / "about.md"
    if about.is_file() and about.read_bytes() == (STARTER / "docs" / "about.md").read_bytes():
        found.append(
            Problem(
                "docs/about.md",
                1,
                1,
                "the About page is still the sample's",
                "say what your explainer covers and what it rests on in docs/about.md",
                "warning",
            )
        )
    return found


def _line_of(path: Path, start: str) -> int:
    """The first line of a file that starts with `start` (1 when none does)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n + 1 for n, line in enumerate(lines) if line.startswith(start)), 1)
