"""Output folders the commands replace (`export`, `synth`): never over a file the command did not write.

A command writes its whole output into a new folder beside the target, then puts it in place. It replaces
an existing target only when that folder is empty, or holds exactly what an earlier run wrote there: the
marker file `.explainer-output` lists every file written with its SHA-256, so a file added or edited since
is noticed and the target is refused. A target that is, holds or lies in one of the project's own folders
(the project itself, content/, docs/, .git) is refused whatever it holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from build_tools.load.project import Project, replaces_own_folder

MARKER = ".explainer-output"
T = TypeVar("T")


class OutputRefused(Exception):
    """The target folder cannot be replaced: nothing was written or deleted (a usage error, exit 2)."""


def replace_folder(target: Path, fill: Callable[[Path], T], project: Project, command: str) -> T:
    """Run `fill(folder)` on a new folder beside `target`, then put it in place of `target`; return what fill returns.

    Refuses (OutputRefused, before writing anything) a target the command may not replace. A failure
    while filling leaves `target` as it was.
    """
    target = Path(os.path.abspath(target))
    refuse_target(target, project, command)
    real = target.resolve()
    real.parent.mkdir(parents=True, exist_ok=True)
    staging = real.parent / f".{real.name}.writing-{uuid.uuid4().hex[:12]}"
    staging.mkdir()  # not mkdtemp, whose folder only its owner may read
    try:
        result = fill(staging)
        _write_marker(staging, command)
        refuse_target(target, project, command)  # again: files may have been added while this one was written
        _swap(staging, real)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def refuse_target(target: Path, project: Project, command: str) -> None:
    """Raise OutputRefused when `command` may not replace `target` (called again before the swap)."""
    why = replaces_own_folder(target, project)
    if why is not None:
        raise OutputRefused(
            f"`{command}` will not write to {target}: {why}, and it replaces its output folder whole; "
            "name a new or empty folder, e.g. build/export"
        )
    if target.is_symlink() and not target.exists():
        raise OutputRefused(f"`{command}` will not write to {target}: it is a broken symbolic link")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputRefused(f"`{command}` will not write to {target}: it is a file, not a folder")
    foreign = next(foreign_files(target.resolve()), None)
    if foreign is not None:
        raise OutputRefused(
            f"`{command}` will not replace {target}: it holds {foreign}, which explainer did not write "
            f"(or which was changed since); `{command}` writes only into a new or empty folder, or one it wrote "
            "before. Name another folder, or move those files away yourself"
        )


def foreign_files(folder: Path) -> Iterator[str]:
    """Files under `folder` that no earlier run wrote as they are now (relative paths); empty folders are fine."""
    written = _marked(folder)
    for path in _entries(folder):
        rel = path.relative_to(folder).as_posix()
        if rel == MARKER and written is not None:
            continue
        if path.is_symlink() or not path.is_file() or written is None or written.get(rel) != _sha256(path):
            yield rel


def _entries(folder: Path) -> Iterator[Path]:
    """Every file, link or other non-folder entry under `folder`, links not followed."""
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(files) + sorted(d for d in dirs if (Path(parent) / d).is_symlink()):
            yield Path(parent) / name


def _marked(folder: Path) -> dict[str, str] | None:
    """The files an earlier run wrote into `folder` (path → SHA-256), or None when it carries no valid marker."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    return {str(k): v for k, v in files.items()}


def _write_marker(folder: Path, command: str) -> None:
    files = {path.relative_to(folder).as_posix(): _sha256(path) for path in _entries(folder) if path.is_file()}
    marker = {"written_by": f"explainer {command}", "files": dict(sorted(files.items()))}
    (folder / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _swap(staging: Path, real: Path) -> None:
    """Put the new folder in place; the old one (checked: empty, or all ours) is moved aside, then removed."""
    if not real.exists():
        staging.rename(real)
        return
    old = real.parent / f".{real.name}.old-{uuid.uuid4().hex[:12]}"
    real.rename(old)
    staging.rename(real)
    shutil.rmtree(old)
