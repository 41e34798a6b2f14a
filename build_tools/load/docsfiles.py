"""The project's hand-written files: what MkDocs would build from docs_dir, and where (no pydantic, no Jinja).

Read by the collision rules (render/collisions.py) and by the plugin's output cache, whose key must change
when a hand-written page appears that could clash with a generated one, without loading the generator.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})  # MkDocs' documentation pages


def built_path(src: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes a file of docs_dir (mkdocs/structure/files.py, File.dest_uri), compared case-folded:
    on Windows and macOS two names differing in case are one file."""
    path = PurePosixPath(src)
    if path.suffix.lower() not in MARKDOWN_SUFFIXES:
        return src.casefold()
    name = "index" if path.stem in ("index", "README") else path.stem
    if not directory_urls or name == "index":
        return (path.parent / f"{name}.html").as_posix().casefold()
    return (path.parent / name / "index.html").as_posix().casefold()


def hand_written(docs_dir: Path) -> Iterator[str]:
    """Every file of docs_dir MkDocs would build (hidden ones left out, as MkDocs leaves them), as POSIX paths."""
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield (Path(folder) / name).relative_to(docs_dir).as_posix()
