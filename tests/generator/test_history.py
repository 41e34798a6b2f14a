"""Change history from git: parsing, per-page "last changed" lines, the "What changed" page, no-git fallback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from build_tools.load.history import History, last_commit_epoch, load_history, page_change, parse_log
from build_tools.pipeline import generate
from tests.helpers import html_path, mkdocs_build, second_story

DAY1, DAY2 = 1735732800, 1741262400  # 2025-01-01 12:00 UTC, 2025-03-06 12:00 UTC


def _git(repo: Path, *args: str, when: int | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project in its own git repository: everything on DAY1, then one actor edited on DAY2."""
    project = second_story(tmp_path_factory.mktemp("history") / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "First facts", when=DAY1)
    actor = project / "content" / "actors" / "brightwater.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Review Brightwater <facts> & [links]", when=DAY2)
    return project


def test_parse_log_keeps_subjects_with_any_text() -> None:
    text = (
        "\x1eb2\x1f200\x1fFix: a|b \x1f odd\n\nM\tcontent/actors/a.yaml\nD\tcontent/terms/t.yaml\n"
        "\x1ea1\x1f100\x1fFirst\n\nA\tcontent/actors/a.yaml\nA\tcontent/terms/t.yaml\n"
    )
    history = parse_log(text)
    assert [(c.commit, c.path, c.status) for c in history.changes] == [
        ("b2", "content/actors/a.yaml", "changed"),
        ("b2", "content/terms/t.yaml", "removed"),
        ("a1", "content/actors/a.yaml", "added"),
        ("a1", "content/terms/t.yaml", "added"),
    ]
    assert history.changes[0].subject == "Fix: a|b \x1f odd"
    assert history.latest["content/actors/a.yaml"].commit == "b2"
    assert history.last_of(["content/missing.yaml"]) is None


def test_load_history_reads_real_git(repo: Path) -> None:
    history = load_history(repo / "content", repo)
    assert history.latest["content/actors/brightwater.yaml"].timestamp == DAY2
    assert history.latest["content/actors/osprey.yaml"].timestamp == DAY1
    assert history.latest["content/actors/brightwater.yaml"].subject == "Review Brightwater <facts> & [links]"
    assert all(path.startswith("content/") for path in history.latest)
    newest, oldest = history.changes[0], history.changes[-1]
    assert (newest.date, newest.subject) == ("2025-03-06", "Review Brightwater <facts> & [links]")
    assert (oldest.date, oldest.subject) == ("2025-01-01", "First facts")
    assert last_commit_epoch(repo) == DAY2


def test_page_change_picks_own_file_or_newest_of_kind(repo: Path) -> None:
    history = load_history(repo / "content", repo)
    assert page_change(history, "actor", "content/actors/brightwater.yaml").label == "6 March 2025"
    assert page_change(history, "actor", "content/actors/osprey.yaml").label == "1 January 2025"
    assert page_change(history, "actors", None).timestamp == DAY2  # the index: newest actor
    assert page_change(history, "timeline", None).timestamp == DAY1
    assert page_change(history, "changes", None) is None
    assert page_change(None, "actor", "content/actors/brightwater.yaml") is None


def test_pages_show_last_change_and_what_changed(repo: Path) -> None:
    pages = generate(repo / "content", repo).pages
    assert '<time datetime="2025-03-06">6 March 2025</time>' in pages["actors/brightwater.md"].markdown
    assert '<time datetime="2025-01-01">1 January 2025</time>' in pages["actors/osprey.md"].markdown
    assert '<time datetime="2025-03-06">' in pages["actors/index.md"].markdown
    assert '<time datetime="2025-01-01">' in pages["timeline.md"].markdown
    changes = pages["changes.md"].markdown
    # "What changed" is written for readers from content/changes: no commit subjects, hashes or file paths.
    assert "Review Brightwater" not in changes and "First facts" not in changes and "content/" not in changes
    notes = sorted((repo / "content" / "changes").glob("*.yaml"))
    assert notes and changes.count('<li class="change change-') == len(notes)
    assert '<span class="change-kind">Correction</span>' in changes


@pytest.mark.slow
def test_built_site_shows_dates_and_history(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = mkdocs_build(repo, out)
    assert result.returncode == 0, result.stderr
    actor = html_path(out, "actors/brightwater.md").read_text(encoding="utf-8")
    assert '<p class="last-changed">Facts last edited <time datetime="2025-03-06">6 March 2025</time> · ' in actor
    assert 'href="../../changes/"' in actor
    changes = html_path(out, "changes.md").read_text(encoding="utf-8")
    assert "Review Brightwater" not in changes and "Correction" in changes
    assert ">What changed<" in html_path(out, "index.md").read_text(encoding="utf-8")  # in the navigation


def test_without_git_pages_say_nothing_about_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = second_story(tmp_path / "nogit")
    assert load_history(project / "content", project) == History(folder="content")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # git itself missing: no error either
    assert last_commit_epoch(project) is None
    pages = generate(project / "content", project).pages
    assert not any("last edited" in page.markdown for page in pages.values())


def test_content_outside_project_has_no_history(repo: Path, tmp_path: Path) -> None:
    assert load_history(tmp_path, repo).changes == ()
