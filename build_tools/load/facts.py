"""Load stage: find every fact file under content/ and parse it, recording problems as they come."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.load import safety
from build_tools.load.files import read_text
from build_tools.load.yamlload import Doc, load_yaml
from build_tools.model.models import KINDS
from build_tools.model.sources import canonical_text
from build_tools.problems import Collector, did_you_mean

# Files that may sit in content/ besides the fact files.
TEXT_SUFFIXES = {".txt"}
IGNORED_NAMES = {"README.md", ".gitkeep"}
# A source text may be longer than a fact file (a long report), but not without bound.
MAX_SOURCE_BYTES = 5_000_000


@dataclass
class RawFile:
    """A parsed fact file and the folder (kind) it belongs to."""

    kind: str
    doc: Doc


def discover(content_dir: Path, problems: Collector) -> list[tuple[str, Path]]:
    """Every fact file as (kind, path), sorted; misplaced files become problems."""
    found: list[tuple[str, Path]] = []
    for path in sorted(content_dir.rglob("*")):
        if safety.is_symlinked(content_dir, path):
            continue  # reported by safety.check_files; never read through a link
        if path.is_dir() or path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        parts = path.relative_to(content_dir).parts
        folder = parts[0] if len(parts) > 1 else ""
        if path.suffix == ".yml":
            problems.add(path, 1, 1, "fact files end in .yaml, not .yml", f"rename it to {path.stem}.yaml")
        elif path.suffix in TEXT_SUFFIXES and folder == "sources" and len(parts) == 2:
            continue
        elif path.suffix != ".yaml":
            problems.add(
                path,
                1,
                1,
                f"unexpected file in content/: {path.name}",
                "content/ holds .yaml fact files (and source .txt files in content/sources/)",
            )
        elif len(parts) != 2 or folder not in KINDS:
            suggestion = did_you_mean(folder, KINDS) if folder else ""
            problems.add(
                path,
                1,
                1,
                "file is in the wrong folder",
                f"move it into one of content/{{{', '.join(KINDS)}}}/" + (f"; {suggestion}" if suggestion else ""),
            )
        else:
            found.append((folder, path))
    return found


def load_content(content_dir: Path, problems: Collector) -> list[RawFile]:
    """Parse every fact file; a file that cannot be parsed is reported and kept with `doc.data` None."""
    if not content_dir.is_dir():
        problems.add(
            content_dir, 1, 1, "content folder not found", "run from the project root, or pass the content folder"
        )
        return []
    linked = safety.linked_folder(content_dir, problems.root)
    if linked is not None:
        problems.add(
            linked,
            1,
            1,
            f"the content folder is reached through a symbolic link ({problems.rel(linked)} → {linked.readlink()})",
            "make content/ a real folder of the project: replace the link by the folder it points to",
        )
        return []
    raw: list[RawFile] = []
    for kind, path in discover(content_dir, problems):
        doc = load_yaml(path, problems)
        # An unreadable file stays in the list with no data, so references to it are not reported twice.
        raw.append(RawFile(kind, doc if doc is not None else Doc(path, None)))
    safety.check_files(content_dir, raw, problems)
    return raw


def read_source_text(meta_path: Path, text_file: str, problems: Collector, line: int) -> str | None:
    """The text of a source, read from beside its metadata file, in its canonical form (model/sources.py)."""
    text_path = meta_path.parent / text_file
    if text_path.is_symlink():
        return None  # reported by safety.check_files; never read through a link
    if not text_path.exists() or text_path.parent != meta_path.parent:
        problems.add(
            meta_path,
            line,
            1,
            f"source text file '{text_file}' not found beside this file",
            "put the source's text in content/sources/ and name it in `text_file:`",
        )
        return None
    text = read_text(text_path, problems, MAX_SOURCE_BYTES, "a source text")
    if text is None:
        return None
    text = canonical_text(text)
    refused = safety.source_text_problems(text)
    for problem in refused:
        problems.add(text_path, *problem)
    return None if refused else text
