"""No output cache; compiled page templates are kept on disk, checked by Jinja against their source."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from build_tools.render.markup import escape_attr
from build_tools.render.renderer import TEMPLATES, CompiledOnDisk
from tests.helpers import html_path, mkdocs_build, second_story


@pytest.mark.slow
def test_every_build_generates_and_no_output_is_cached(tmp_path: Path) -> None:
    """There is no output cache (it could serve stale pages under `mkdocs serve`): an edit shows at once."""
    project = second_story(tmp_path / "project")
    first = mkdocs_build(project, tmp_path / "site1")
    assert first.returncode == 0, first.stderr
    assert not (project / ".cache" / "generator").exists()
    assert not (project / "build_tools" / "cache.py").exists()
    page = "actors/osprey.md"
    fact = project / "content" / "actors" / "osprey.yaml"
    assert "Osprey Capital Group" not in html_path(tmp_path / "site1", page).read_text(encoding="utf-8")
    fact.write_text(
        fact.read_text(encoding="utf-8").replace("name: Osprey Capital Partners", "name: Osprey Capital Group", 1),
        encoding="utf-8",
    )
    second = mkdocs_build(project, tmp_path / "site2")
    assert second.returncode == 0, second.stderr
    assert "Osprey Capital Group" in html_path(tmp_path / "site2", page).read_text(encoding="utf-8")


def _environment_compiling_into(folder: Path) -> jinja2.Environment:
    """A fresh Jinja environment over the page templates, as a new process would have."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), bytecode_cache=CompiledOnDisk(folder))
    env.filters["html"] = escape_attr  # the templates' own filter, so they compile
    return env


def test_compiled_templates_are_kept_on_disk_and_an_unwritable_folder_is_skipped(tmp_path: Path) -> None:
    kept = tmp_path / "compiled"
    _environment_compiling_into(kept).get_template("actor.md.j2")
    stored = sorted(kept.iterdir())
    assert stored, "compiling a template stores its bytecode"
    second = _environment_compiling_into(kept)

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although its bytecode was stored")

    second.compile = compile_again  # type: ignore[method-assign]  # Jinja compiles only when no stored bytecode loads
    assert second.get_template("actor.md.j2").filename.endswith("actor.md.j2")
    assert sorted(kept.iterdir()) == stored, "a second process reads the stored bytecode instead of adding more"

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = _environment_compiling_into(blocked / "compiled")
    assert env.get_template("actor.md.j2").filename.endswith("actor.md.j2")


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    """Stored bytecode is used only for the same template source (Jinja compares a checksum of it)."""
    folder, compiled = tmp_path / "templates", tmp_path / "compiled"
    folder.mkdir()
    (folder / "t.j2").write_text("first", encoding="utf-8")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=CompiledOnDisk(compiled))
        return env.get_template("t.j2").render()

    assert render() == "first"
    (folder / "t.j2").write_text("second", encoding="utf-8")
    assert render() == "second"
