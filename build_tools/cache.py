"""The generator's output kept on disk, under a digest of everything it is made from.

A repeated build of unchanged facts reads the previous output back instead of loading, validating
and rendering again (and without importing pydantic). The key covers every input of
`pipeline.generate_output`: each file under the content folder (its path and bytes), the
generator's code and templates (every file of the package), the versions of Python and of the
libraries that shape the output, the plugin's options, the build date and the git history of the
content. The output is a deterministic function of these (tests/generator/test_reproducible.py), so
an entry found under the same key is the output a fresh run would give. Entries are JSON (no code
runs when one is read); only successful runs are kept, and only the newest entry of a project.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from hashlib import blake2b
from importlib import metadata
from pathlib import Path
from typing import Any

from build_tools.problems import Problem
from build_tools.render.output import Output, PageOut

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("pydantic", "pydantic-core", "jinja2", "markupsafe", "pyyaml")
PREFIX = "output-"


def code_digest(package: Path = PACKAGE) -> str:
    """A digest of the generator's code and templates: every .py and .j2 file of the package (not the starter)."""
    hasher = blake2b(digest_size=16)
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.j2")]):
        if "starter" not in path.relative_to(package).parts:
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def _versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return f"python={sys.version};" + ";".join(found)


def input_key(content: Path, settings: Any, code: str) -> str:
    """The key of one run: the content folder's files, the code's digest and its settings (any repr-able value)."""
    hasher = blake2b(digest_size=20)
    hasher.update(f"{code}\0{_versions()}\0{settings!r}\0".encode())
    for path in sorted(content.rglob("*")):
        if path.is_file():
            hasher.update(path.relative_to(content).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def load(folder: Path | None, key: str) -> Output | None:
    """The output stored under this key, or None (none stored, or unreadable: then it is generated again)."""
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{PREFIX}{key}.json").read_text(encoding="utf-8"))
        return Output(
            pages={path: PageOut(**page) for path, page in data["pages"].items()},
            nav=data["nav"],
            files=data["files"],
            coverage=data["coverage"],
            uncited=[Problem(**problem) for problem in data["uncited"]],
            as_of=data["as_of"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path | None, key: str, output: Output) -> None:
    """Keep an output under its key (written whole, then renamed into place), replacing older ones of ours."""
    if folder is None:
        return
    target = folder / f"{PREFIX}{key}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(dataclasses.asdict(output), ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
        for old in folder.glob(f"{PREFIX}*.json"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a folder that cannot be written only costs generating again next time
