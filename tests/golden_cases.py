"""Golden error cases: a small valid project (golden/_base) plus one edit per case, and the exact report.

Each tests/golden/<case>.yaml holds `about:` (the mistake), edits to apply to the base project and
`expected:` (the exact report). Edits: `replace: {path: [[old, new], ...]}` changes text in a base
file; `files: {path: text | null | {text, encoding, pad_to}}` writes (or, for null, deletes) a file;
`moves: {path: new path}` moves a file or folder (the new path may lie outside the project, e.g.
../elsewhere); `symlinks: {path: target}` makes a symbolic link (a target starting with / is absolute, else
relative to the link's folder); `fifos: [path]` makes a named pipe.
Run `python -m tests.golden_cases` to print the actual report of every case whose expectation differs.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from build_tools.load.project import docs_rules
from build_tools.pipeline import publishable
from build_tools.problems import ContentError

GOLDEN = Path(__file__).resolve().parent / "golden"
BASE = GOLDEN / "_base"


def cases() -> list[Path]:
    """Every golden case file, sorted."""
    return sorted(GOLDEN.glob("*.yaml"))


def load_case(path: Path) -> dict[str, Any]:
    """A golden case (trusted test data, so plain safe_load)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(target: Path, spec: Any) -> None:
    if spec is None:
        target.unlink()
        return
    if isinstance(spec, str):
        spec = {"text": spec}
    data = spec["text"].encode(spec.get("encoding", "utf-8"))
    if "pad_to" in spec:  # a large file: the text, then comment lines up to the size
        line = b"# " + b"x" * 77 + b"\n"
        data += line * ((spec["pad_to"] - len(data)) // len(line) + 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def materialise(case: dict[str, Any], dst: Path) -> Path:
    """Copy the base project to `dst` and apply the case's edits; returns the project folder."""
    shutil.copytree(BASE, dst)
    for rel, pairs in (case.get("replace") or {}).items():
        target = dst / rel
        text = target.read_text(encoding="utf-8")
        for old, new in pairs:
            if old not in text:
                raise AssertionError(f"golden edit: {old!r} not in {rel}")
            text = text.replace(old, new, 1)
        target.write_text(text, encoding="utf-8")
    for rel, spec in (case.get("files") or {}).items():
        _write(dst / rel, spec)
    for rel, new in (case.get("moves") or {}).items():
        (dst / rel).rename(dst / new)
    for rel, target in (case.get("symlinks") or {}).items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).symlink_to(target)
    for rel in case.get("fifos") or []:
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(dst / rel)
    return dst


def report(project: Path) -> str:
    """What `check` says about a project: the problem report, or OK."""
    config = project / "mkdocs.yml"  # a project built for real: hand-written pages checked as its build checks them
    rules = docs_rules(config) if config.is_file() else None
    try:
        publishable(project / "content", project, project / "docs", rules)
    except ContentError as err:
        return err.report() + "\n"
    return "OK\n"


def main() -> int:
    """Print the actual report of each case that does not match its expectation."""
    import tempfile

    differ = 0
    for path in cases():
        case = load_case(path)
        with tempfile.TemporaryDirectory() as tmp:
            actual = report(materialise(case, Path(tmp) / "project"))
        if actual != case.get("expected"):
            differ += 1
            print(f"== {path.name}\n{actual}")
    print(f"{differ} of {len(cases())} cases differ", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
