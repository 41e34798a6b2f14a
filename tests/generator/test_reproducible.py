"""Reproducible builds: two clean builds of the same commit are byte-identical, every file (on the second story)."""

from __future__ import annotations

import gzip
import os
import struct
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from build_tools.load.history import last_commit_epoch
from tests.helpers import mkdocs_build, second_story

pytestmark = pytest.mark.slow  # full builds

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC: far from the commit below, so a date that leaks through shows
COMMITTED = 1746014400  # 2025-04-30 12:00 UTC: the fixture repository's one commit


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000",
        "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second story in a git repository of its own, committed once at COMMITTED."""
    project = second_story(tmp_path_factory.mktemp("repro") / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "The second story")
    return project


@pytest.fixture(scope="module")
def two_builds(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project built twice from clean: in place and from a clone elsewhere, with different hash seeds."""
    base = tmp_path_factory.mktemp("repro-sites")
    first, second = base / "one", base / "two"
    result = mkdocs_build(repo, first, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    clone = base / "elsewhere" / "project"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    result = mkdocs_build(clone, second, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "2"})
    assert result.returncode == 0, result.stderr
    return first, second


def test_two_clean_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (_files(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    for expected in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "index.html", "changes/index.html"):
        assert expected in first


def test_build_date_comes_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    day = datetime.fromtimestamp(EPOCH, tz=UTC).date()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") > 10
    assert sitemap.count(f"<lastmod>{day.isoformat()}</lastmod>") == sitemap.count("<lastmod>")
    raw = (site / "sitemap.xml.gz").read_bytes()
    gzip_mtime = struct.unpack("<I", raw[4:8])[0]  # bytes 4-8 of a gzip header: the stored mtime
    assert gzip_mtime == int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_build_date_defaults_to_last_commit(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert last_commit_epoch(repo) == COMMITTED
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the plugin must fill it in itself
    out = tmp_path / "site"
    build = mkdocs_build(repo, out)
    assert build.returncode == 0, build.stderr
    day = datetime.fromtimestamp(COMMITTED, tz=UTC).date().isoformat()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<lastmod>{day}</lastmod>") == sitemap.count("<lastmod>") > 10
