"""A cache of the generator's output, keyed by a fingerprint of everything the output depends on.

When no input changed since the last successful run (the usual case for a rebuild under
`mkdocs serve` of an unrelated file, for a second build in CI, or for `export` after `build`), the
hook reads the pages back instead of validating and rendering again. The key covers the content
files, the generator's code and templates, the installed versions of the libraries it uses, the
Python version and the git commit (change dates come from history), so a stale hit cannot happen
short of editing files without changing their bytes. This module imports nothing heavy on purpose:
a hit never loads pydantic or Jinja.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_VERSION = 1
KEEP = 4  # entries kept; older ones are removed on store
_LIBRARIES = ("pydantic", "pydantic-core", "jinja2", "markupsafe", "pyyaml")


def fingerprint(content_dir: Path, code_dir: Path, project_root: Path) -> str:
    """A digest of every input of the generator."""
    digest = hashlib.sha256(f"v{CACHE_VERSION} {sys.version}".encode())
    for name in _LIBRARIES:
        digest.update(f"{name}=={_version(name)}\n".encode())
    digest.update(f"commit {_head(project_root)}\n".encode())
    # The pages show the build's date (the timeline's "today", what lies after the sources): an input too.
    digest.update(f"built {os.environ.get('SOURCE_DATE_EPOCH', '')} {dt.date.today().isoformat()}\n".encode())
    for folder, pattern in ((content_dir, "*"), (code_dir, "*.py"), (code_dir / "templates", "*")):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _head(project_root: Path) -> str:
    """HEAD's commit id (change dates on pages come from git history); empty without git."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project_root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def load(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The stored output for a fingerprint, or None."""
    path = cache_dir / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(cache_dir: Path, key: str, output: dict[str, Any]) -> None:
    """Store an output atomically and keep only the newest few entries; a cache that cannot be written is skipped."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(output, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, cache_dir / f"{key}.json")
        entries = sorted(cache_dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # the cache is an optimisation: a read-only or full disk must not fail the build
