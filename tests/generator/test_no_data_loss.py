"""No command deletes a file it did not write: `export` and `synth` refuse the project's own folders and any
folder holding files they did not write; they replace only an empty folder or their own earlier output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from build_tools.tools.outdir import MARKER
from tests.helpers import cli, git_commit_all, run_cli, second_story, tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The second story as a git checkout of its own, as a new user would have it."""
    return git_commit_all(second_story(tmp_path / "story"))


@pytest.mark.parametrize(
    "target,reason",
    [
        (".", "it is the project folder"),
        ("docs", "it is the docs folder"),
        ("content", "it is the content folder"),
        ("content/actors", "it lies inside the content folder"),
        ("docs/exported", "it lies inside the docs folder"),
        (".git", "it is the git folder"),
        ("..", "it holds the project folder"),
    ],
)
def test_export_refuses_the_projects_own_folders(project: Path, target: str, reason: str) -> None:
    """`export` into the checkout, its content or its docs (or around them) writes and deletes nothing (exit 2)."""
    parent_before, before = tree_digest(project.parent), tree_digest(project)
    result = cli(project, "export", target)
    assert result.returncode == 2, result.stdout
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(project) == before and tree_digest(project.parent) == parent_before


def test_export_refuses_a_folder_with_files_it_did_not_write(project: Path, tmp_path: Path) -> None:
    """A non-empty folder (here a notes folder beside the project) is refused and left as it was."""
    notes = tmp_path / "notes"
    (notes / "deep").mkdir(parents=True)
    (notes / "deep" / "todo.md").write_text("my notes\n", encoding="utf-8")
    before = tree_digest(notes)
    result = cli(project, "export", str(notes))
    assert result.returncode == 2
    assert "it holds deep/todo.md, which explainer did not write" in result.stderr
    assert tree_digest(notes) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-written folder left


def test_export_refuses_a_link_to_the_project(project: Path, tmp_path: Path) -> None:
    """A symbolic link that leads to the project is the project."""
    (tmp_path / "link").symlink_to(project)
    before = tree_digest(project)
    result = cli(project, "export", str(tmp_path / "link"))
    assert result.returncode == 2 and "it is the project folder" in result.stderr
    assert tree_digest(project) == before


def test_export_replaces_only_its_own_unchanged_output(project: Path, tmp_path: Path) -> None:
    """Into an empty folder, then again into its own output (replaced whole); an added or edited file stops it."""
    out = tmp_path / "out"
    out.mkdir()
    assert cli(project, "export", str(out)).returncode == 0
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert "index.md" in marker["files"] and "nav.json" in marker["files"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())  # readable as a folder the user made
    assert cli(project, "export", str(out)).returncode == 0  # its own output: replaced
    (out / "index.md").write_text("edited by hand\n", encoding="utf-8")
    edited = cli(project, "export", str(out))
    assert edited.returncode == 2 and "it holds index.md" in edited.stderr
    assert (out / "index.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert cli(project, "export", str(tmp_path / "out2")).returncode == 0
    (tmp_path / "out2" / "extra.txt").write_text("mine\n", encoding="utf-8")
    added = cli(project, "export", str(tmp_path / "out2"))
    assert added.returncode == 2 and "it holds extra.txt" in added.stderr
    assert (tmp_path / "out2" / "extra.txt").read_text(encoding="utf-8") == "mine\n"


def test_export_of_broken_content_leaves_the_previous_output(project: Path, tmp_path: Path) -> None:
    """Content that fails validation writes nothing: the previous export stays, byte for byte."""
    out = tmp_path / "out"
    assert cli(project, "export", str(out)).returncode == 0
    before = tree_digest(out)
    actor = sorted((project / "content" / "actors").glob("*.yaml"))[0]
    actor.write_text(actor.read_text(encoding="utf-8").replace("kind: ", "kind: nonsense-", 1), encoding="utf-8")
    assert cli(project, "export", str(out)).returncode == 1
    assert tree_digest(out) == before


@pytest.mark.parametrize("target", [".", "docs", "content"])
def test_synth_refuses_the_projects_own_folders(project: Path, target: str) -> None:
    """`synth` (which replaces its output folder) refuses the checkout and its folders too."""
    before = tree_digest(project)
    result = cli(project, "synth", "--scale", "1", target)
    assert result.returncode == 2 and "will not write to" in result.stderr
    assert tree_digest(project) == before


def test_export_exit_code_in_a_real_process(project: Path) -> None:
    """The refusal is a usage error of the real command: exit 2, one line, no traceback."""
    before = tree_digest(project)
    result = run_cli(project, "export", ".")
    assert result.returncode == 2 and result.stderr.startswith("error: `export` will not write to ")
    assert "Traceback" not in result.stderr and tree_digest(project) == before


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
