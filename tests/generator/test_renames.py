"""After a fact file is renamed (file and id), every report of the old id suggests the new one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.golden_cases import materialise
from tests.helpers import cli

HINT = "did you mean 'gamma-industries'? (beta.yaml was renamed to gamma-industries.yaml)"


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def _renamed(tmp_path: Path) -> Path:
    """The golden base in git, with actors/beta.yaml renamed to gamma-industries.yaml (id too), not yet committed."""
    project = materialise({}, tmp_path / "p")
    (project / "mkdocs.yml").write_text("site_name: Golden base\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    old = project / "content" / "actors" / "beta.yaml"
    new = old.with_name("gamma-industries.yaml")
    new.write_text(old.read_text(encoding="utf-8").replace("id: beta", "id: gamma-industries"), encoding="utf-8")
    old.unlink()
    return project


def _reports(project: Path) -> list[str]:
    result = cli(project, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines) if "'beta'" in line]


def test_an_uncommitted_rename_is_suggested_by_every_report(tmp_path: Path) -> None:
    """Five places name 'beta' (parties, a position, an event's actors, a figure's related, a fact link): all
    five reports suggest the new id, which no similarity of names would find."""
    hints = _reports(_renamed(tmp_path))
    assert len(hints) == 5 and all(HINT in hint for hint in hints), hints


def test_a_committed_rename_is_suggested_too(tmp_path: Path) -> None:
    project = _renamed(tmp_path)
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "rename")
    hints = _reports(project)
    assert len(hints) == 5 and all(HINT in hint for hint in hints), hints


def test_without_git_an_id_holding_the_old_one_is_suggested(tmp_path: Path) -> None:
    """Outside git, a new id whose words hold the old id's ('beta' → 'beta-holdings') is still found."""
    project = materialise({}, tmp_path / "p")
    (project / "mkdocs.yml").write_text("site_name: Golden base\n", encoding="utf-8")
    old = project / "content" / "actors" / "beta.yaml"
    old.with_name("beta-holdings-group.yaml").write_text(
        old.read_text(encoding="utf-8").replace("id: beta", "id: beta-holdings-group"), encoding="utf-8"
    )
    old.unlink()
    hints = _reports(project)
    assert len(hints) == 5 and all("did you mean 'beta-holdings-group'?" in hint for hint in hints), hints
