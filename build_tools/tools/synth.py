"""Synthetic corpus for benchmarks: N copies of the real content with fresh ids, as a full project folder.

`python -m build_tools synth --scale N OUT` writes OUT as a complete project (mkdocs.yml, docs/, build_tools/,
schema/ copied; content/ synthesised): the explainer plugin reads the content folder beside mkdocs.yml, and
`python -m mkdocs` run in OUT imports OUT's own build_tools/. Copy 1 is the real content unchanged. Copy k ≥ 2
renames every id `x` to `x-sk` and rewrites every reference to it (id fields and `[[x]]` links in prose), and
marks every name, title and glossary term as its own (`Name (copy k)`: names are unique across files);
quotes are never touched. Each copy gets its own synthetic source `<source>-sk`: the real source's headings
and the sentences that copy's quotes touch, in order, so its text contains every quote the copy cites and
nothing uncited (a strict build fails on uncited sentences). Copies k ≥ 2 leave out the overview: the site has
exactly one home page. The output is deterministic for a given N (sorted walk, no clocks, no randomness).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from build_tools.load.pins import file_sha256
from build_tools.load.project import Project
from build_tools.model.sources import SourceText
from build_tools.tools.outdir import replace_folder
from build_tools.validate.checks import REFERENCES

PROJECT_PARTS = ("mkdocs.yml", "docs", "build_tools", "schema")
_LINK = re.compile(r"\[\[([^\[\]\s]+)\]\]")
# Fields that hold ids: the reference fields validation checks, and `id`. Other fields (a term's
# `also:` words, quotes) may hold a word that happens to be an id and must stay as they are.
_ID_KEYS = {"id"} | {field for _, field in REFERENCES}
_SINGLETON_KINDS = {"overview"}
_NAME_KEYS = {"name", "term", "also", "title"}  # names that must be unique across files (validate/rules.py)
MAX_SCALE = 1000  # copies: the benchmark's largest is 100; more would fill the disk rather than measure anything


class _Dumper(yaml.SafeDumper):
    """Plain YAML: no anchors or aliases (the loader refuses them), unicode kept."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


_Dumper.add_representer(str, _str_presenter)


def fact_files(content_dir: Path) -> list[tuple[str, Path]]:
    """Every fact file (kind, path) of a content folder, sorted."""
    return sorted((path.parent.name, path) for path in content_dir.glob("*/*.yaml"))


def collect_ids(content_dir: Path) -> set[str]:
    """Every entity id declared in the content folder."""
    ids: set[str] = set()
    for _, path in fact_files(content_dir):
        data = _load(path)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
    return ids


def rename(data: Any, mapping: dict[str, str], key: str = "") -> Any:
    """A copy of parsed YAML with ids (in id fields, and `[[id]]` links in prose) renamed; quotes untouched."""
    if isinstance(data, dict):
        return {k: rename(v, mapping, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [rename(item, mapping, key) for item in data]
    if not isinstance(data, str) or key == "quote":
        return data
    if key in _ID_KEYS:
        return mapping.get(data, data)
    return _LINK.sub(lambda match: f"[[{mapping.get(match.group(1), match.group(1))}]]", data)


def rename_names(data: Any, suffix: str, key: str = "") -> Any:
    """A copy of parsed YAML with every name, title and term marked as a copy's (names are unique across files)."""
    if isinstance(data, dict):
        return {k: rename_names(v, suffix, str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [rename_names(item, suffix, key) for item in data]
    return f"{data}{suffix}" if isinstance(data, str) and key in _NAME_KEYS else data


def cited_quotes(data: Any) -> list[tuple[str, str]]:
    """Every (source id, quote) cited anywhere in parsed YAML."""
    if isinstance(data, dict):
        own = (
            [(data["source"], data["quote"])]
            if isinstance(data.get("quote"), str) and isinstance(data.get("source"), str)
            else []
        )
        return own + [pair for value in data.values() for pair in cited_quotes(value)]
    if isinstance(data, list):
        return [pair for item in data for pair in cited_quotes(item)]
    return []


def synthetic_text(text: str, quotes: list[str]) -> str:
    """The headings of a text and the sentences the quotes touch, in their paragraphs and order."""
    index = SourceText(None, text)  # type: ignore[arg-type]  # locating quotes needs no metadata
    kept = {sentence.id for quote in quotes if (located := index.locate(quote)) for sentence in located.sentences}
    paragraphs: dict[int, list[str]] = {}
    for sentence in index.sentences:
        if sentence.heading or sentence.id in kept:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
    return "\n\n".join(" ".join(parts) for parts in paragraphs.values()) + "\n"


def write_copy(content_dir: Path, out_content: Path, ids: set[str], copy: int) -> int:
    """Write copy number `copy` (≥ 2) of the content; returns the number of fact files written."""
    suffix = f"-s{copy}"
    all_files = [(kind, path, _load(path)) for kind, path in fact_files(content_dir)]
    # A copy refers to the one overview by its own id: only what is copied is renamed.
    singletons = {data.get("id") for kind, _, data in all_files if kind in _SINGLETON_KINDS and isinstance(data, dict)}
    mapping = {entity_id: entity_id + suffix for entity_id in ids - singletons}
    files = [(kind, path, data) for kind, path, data in all_files if kind not in _SINGLETON_KINDS]
    quotes: dict[str, list[str]] = {}
    for _, _, data in files:
        for source_id, quote in cited_quotes(data):
            quotes.setdefault(source_id, []).append(quote)
    for kind, path, data in files:
        renamed = rename_names(rename(data, mapping), f" {copy}")
        if kind == "sources":
            text_file = Path(data["text_file"])
            renamed["text_file"] = f"{text_file.stem}{suffix}{text_file.suffix}"
            renamed["title"] = f"{data['title']} (synthetic copy {copy})"
            text = (path.parent / text_file).read_text(encoding="utf-8")
            text_path = out_content / kind / renamed["text_file"]
            text_path.write_text(synthetic_text(text, quotes.get(data["id"], [])), encoding="utf-8")
            renamed["sha256"] = file_sha256(text_path)  # the copy is a new text: pin it
        target = out_content / kind / f"{path.stem}{suffix}.yaml"
        target.write_text(
            yaml.dump(renamed, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    return len(files)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def synthesise(scale: int, out: Path, content_dir: Path, project_root: Path, project: Project | None = None) -> int:
    """Write a project folder holding `scale` copies of a project's content; returns the number of fact files.

    `out` is replaced only when it is new, empty or an earlier synth's output (tools/outdir.py); `project`
    (by default the one at project_root, with content_dir) names the folders it must never replace."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    own = project or Project(project_root, content_dir, None)

    def fill(folder: Path) -> int:
        for part in PROJECT_PARTS:
            src = project_root / part
            if src.is_dir():
                shutil.copytree(src, folder / part, ignore=shutil.ignore_patterns("__pycache__", "site"))
            elif src.exists():
                shutil.copy2(src, folder / part)
        out_content = folder / "content"
        shutil.copytree(content_dir, out_content, ignore=shutil.ignore_patterns("README.md", ".*"))
        total = len(fact_files(out_content))
        ids = collect_ids(content_dir)
        for copy in range(2, scale + 1):
            total += write_copy(content_dir, out_content, ids, copy)
        return total

    return replace_folder(out, fill, own, "synth")
