"""The output cache on disk (build_tools/cache.py): its key moves with every input; it gives back what was stored."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from build_tools import cache
from build_tools.pipeline import generate_output
from tests.helpers import SECOND_STORY


def test_the_key_changes_with_any_content_file_the_code_or_the_settings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SECOND_STORY / "content", content)
    code = cache.code_digest()
    key = cache.input_key(content, ("settings",), code)
    assert cache.input_key(content, ("settings",), code) == key, "the same inputs give the same key"
    assert cache.input_key(content, ("other",), code) != key
    assert cache.input_key(content, ("settings",), "other code") != key
    for path in [*sorted(content.rglob("*.yaml"))[:3], *sorted(content.rglob("*.txt"))]:
        original = path.read_bytes()
        path.write_bytes(original + b" ")
        assert cache.input_key(content, ("settings",), code) != key, path
        path.write_bytes(original)
    (content / "notes.md").write_text("a file the loader may not even read", encoding="utf-8")
    assert cache.input_key(content, ("settings",), code) != key


def test_the_code_digest_covers_code_and_templates(tmp_path: Path) -> None:
    package = tmp_path / "build_tools"
    (package / "templates").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    (package / "templates" / "page.md.j2").write_text("{{ x }}\n", encoding="utf-8")
    before = cache.code_digest(package)
    (package / "templates" / "page.md.j2").write_text("{{ x }}!\n", encoding="utf-8")
    after_template = cache.code_digest(package)
    (package / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert len({before, after_template, cache.code_digest(package)}) == 3


def test_a_stored_output_comes_back_equal_and_replaces_the_older_one(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SECOND_STORY / "content", project / "content")
    output = generate_output(project / "content", project)
    folder = tmp_path / "cache"
    assert cache.load(folder, "k1") is None
    cache.store(folder, "k1", output)
    assert dataclasses.asdict(cache.load(folder, "k1")) == dataclasses.asdict(output)  # type: ignore[arg-type]
    cache.store(folder, "k2", output)
    assert cache.load(folder, "k1") is None and cache.load(folder, "k2") is not None
    (folder / "notes.txt").write_text("not ours", encoding="utf-8")
    cache.store(folder, "k3", output)
    assert (folder / "notes.txt").exists(), "only the cache's own entries are replaced"
    (folder / "output-k3.json").write_text("{broken", encoding="utf-8")
    assert cache.load(folder, "k3") is None, "an unreadable entry means generating again"
