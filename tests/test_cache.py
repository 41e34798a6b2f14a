"""The generator's output cache: reused only while every input is unchanged."""

from __future__ import annotations

from pathlib import Path

import jinja2

from build_tools.markup import escape_attr
from build_tools.render import TEMPLATES, CompiledOnDisk
from tests.helpers import copy_project, html_path, mkdocs_build

REUSED = "reusing its generated pages"


def test_second_build_reuses_output_and_any_input_change_regenerates(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = mkdocs_build(project, tmp_path / "site1")
    assert first.returncode == 0, first.stderr
    assert REUSED not in first.stderr

    second = mkdocs_build(project, tmp_path / "site2")
    assert second.returncode == 0 and REUSED in second.stderr
    page = "actors/oracle.md"
    assert html_path(tmp_path / "site1", page).read_bytes() == html_path(tmp_path / "site2", page).read_bytes()

    template = project / "build_tools" / "templates" / "actor.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace('<aside class="infobox"', '<aside class="infobox template-edited"'), encoding="utf-8")
    third = mkdocs_build(project, tmp_path / "site3")
    assert third.returncode == 0 and REUSED not in third.stderr
    assert "template-edited" in html_path(tmp_path / "site3", page).read_text(encoding="utf-8")

    fact = project / "content" / "actors" / "oracle.yaml"
    fact.write_text(fact.read_text(encoding="utf-8").replace("name: Oracle", "name: Oracle Corporation", 1), encoding="utf-8")
    fourth = mkdocs_build(project, tmp_path / "site4")
    assert fourth.returncode == 0 and REUSED not in fourth.stderr
    assert "Oracle Corporation" in html_path(tmp_path / "site4", page).read_text(encoding="utf-8")


def test_cache_off_always_generates(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for run in range(2):
        result = mkdocs_build(project, tmp_path / f"site{run}", env={"FACTS_CACHE": "off"})
        assert result.returncode == 0 and REUSED not in result.stderr
    assert not (project / ".cache" / "generator").exists()


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
    assert _environment_compiling_into(kept).get_template("actor.md.j2").render is not None
    assert sorted(kept.iterdir()) == stored, "a second process reads the stored bytecode instead of adding more"

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = _environment_compiling_into(blocked / "compiled")
    assert env.get_template("actor.md.j2").filename.endswith("actor.md.j2")
