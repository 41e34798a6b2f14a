"""The repository itself: nothing that .gitignore ignores is tracked (build output such as *.egg-info stays out)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import ROOT


def tracked_but_ignored(repository: Path) -> list[str]:
    """Files git tracks although .gitignore (or .git/info/exclude) matches them."""
    result = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard", "-z"],
        cwd=repository,
        capture_output=True,
        check=True,
    )
    return [name for name in result.stdout.decode("utf-8").split("\0") if name]


def test_nothing_ignored_is_tracked() -> None:
    assert tracked_but_ignored(ROOT) == []


def test_the_check_finds_a_tracked_ignored_file(tmp_path: Path) -> None:
    """The same check in a repository where an ignored file was force-added reports it."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text("*.egg-info/\n", encoding="utf-8")
    (tmp_path / "pkg.egg-info").mkdir()
    (tmp_path / "pkg.egg-info" / "PKG-INFO").write_text("Name: pkg\n", encoding="utf-8")
    git("add", ".gitignore")
    assert tracked_but_ignored(tmp_path) == []
    git("add", "-f", "pkg.egg-info/PKG-INFO")
    assert tracked_but_ignored(tmp_path) == ["pkg.egg-info/PKG-INFO"]
