"""Reproducible builds: two clean builds of the same commit are byte-identical, every file."""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from build_tools.load.history import last_commit_epoch
from tests.helpers import ROOT, copy_project, mkdocs_build

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC: far from any real commit, so a date that leaks through shows


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _copy_with_history(dst: Path) -> Path:
    """The project at another path, with its git history, so both builds see the same commits."""
    copy_project(dst)
    if (ROOT / ".git").is_dir():
        shutil.copytree(ROOT / ".git", dst / ".git", symlinks=True)
    elif (ROOT / ".git").is_file():  # a git worktree: .git is a file naming the shared repository; clone it instead
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        clone = dst.parent / f"{dst.name}-clone"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(clone)], check=True)
        shutil.move(str(clone / ".git"), str(dst / ".git"))
        shutil.rmtree(clone)
        subprocess.run(
            ["git", "-C", str(dst), "reset", "-q", head], check=True
        )  # the index at HEAD; files stay the copy's
    return dst


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project built twice from clean: in place and from a copy elsewhere, with different hash seeds."""
    base = tmp_path_factory.mktemp("repro")
    first, second = base / "one", base / "two"
    result = mkdocs_build(ROOT, first, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    copy = _copy_with_history(base / "elsewhere" / "project")
    result = mkdocs_build(copy, second, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": "2"})
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
    assert sitemap.count("<lastmod>") > 30
    assert sitemap.count(f"<lastmod>{day.isoformat()}</lastmod>") == sitemap.count("<lastmod>")
    raw = (site / "sitemap.xml.gz").read_bytes()
    gzip_mtime = struct.unpack("<I", raw[4:8])[0]  # bytes 4-8 of a gzip header: the stored mtime
    assert gzip_mtime == int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_build_date_defaults_to_last_commit(tmp_path: Path) -> None:
    epoch = last_commit_epoch(ROOT)
    if epoch is None:
        pytest.skip("not a git checkout: the build date then is the day of the build")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # the hook must fill it in itself
    out = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    day = datetime.fromtimestamp(epoch, tz=UTC).date().isoformat()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<lastmod>{day}</lastmod>") == sitemap.count("<lastmod>") > 30
