"""Line ends and byte order marks are not content: a Windows checkout builds the same site as any other.

Git for Windows checks files out with CRLF line ends (core.autocrlf=true) unless .gitattributes says
otherwise; editors may save a byte order mark. Source texts are read in their canonical form (LF, no
leading BOM, NFC) before they are pinned, split and searched, and fact files are read the same with CRLF
or a BOM as without.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from build_tools.pipeline import generate_output
from tests.helpers import ROOT, SECOND_SOURCE, cli, mkdocs_build, second_story


def _rewrite(folder: Path, convert: str) -> int:
    """Rewrite every .yaml and .txt file under `folder` with CRLF (`crlf`), CR (`cr`) line ends, or a BOM too."""
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".yaml", ".txt") or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8")
        ending = "\r" if convert == "cr" else "\r\n"
        converted = text.replace("\n", ending)
        path.write_bytes((("\ufeff" if convert == "crlf+bom" else "") + converted).encode("utf-8"))
        count += 1
    return count


@pytest.mark.parametrize("convert", ["crlf", "crlf+bom", "cr"])
def test_line_ends_and_bom_change_nothing_generated(tmp_path: Path, convert: str) -> None:
    """Every fact file and source text saved with other line ends (and a BOM): same pins, same pages, same
    facts.json, same report."""
    plain = second_story(tmp_path / "plain")
    windows = second_story(tmp_path / "windows")
    assert _rewrite(windows / "content", convert) > 20
    text = (windows / "content" / "sources" / f"{SECOND_SOURCE}.txt").read_bytes()
    assert (b"\r\n" in text) == convert.startswith("crlf")
    expected = generate_output(plain / "content", plain)
    actual = generate_output(windows / "content", windows)
    assert actual.pages.keys() == expected.pages.keys()
    for path, page in expected.pages.items():
        assert actual.pages[path].markdown == page.markdown, path
    assert actual.files == expected.files and actual.coverage == expected.coverage
    assert cli(windows, "check").returncode == 0


def test_reverify_accept_keeps_the_files_line_ends(tmp_path: Path) -> None:
    """`reverify --accept` in a CRLF checkout rewrites the `sha256:` value and keeps every line's CRLF."""
    project = second_story(tmp_path / "p")
    _rewrite(project / "content", "crlf")
    text_file = project / "content" / "sources" / f"{SECOND_SOURCE}.txt"
    text_file.write_bytes(text_file.read_bytes().replace(b"\r\n\r\n", b"\r\n\r\nA new heading\r\n\r\n", 1))
    meta = project / "content" / "sources" / f"{SECOND_SOURCE}.yaml"
    result = cli(project, "reverify", SECOND_SOURCE, "--accept")
    assert result.returncode == 0, result.stdout + result.stderr
    data = meta.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 10
    assert cli(project, "check").returncode == 0


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _repository(folder: Path, *, attributes: bool) -> Path:
    """The second story committed to a git repository, with this checkout's .gitattributes or without."""
    second_story(folder)
    if attributes:
        (folder / ".gitattributes").write_bytes((ROOT / ".gitattributes").read_bytes())
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "story")
    return folder


def _clone(repository: Path, target: Path, autocrlf: bool) -> Path:
    _git(repository.parent, "clone", "-q", "-c", f"core.autocrlf={str(autocrlf).lower()}", str(repository), str(target))
    return target


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_an_autocrlf_clone_builds_byte_identically(tmp_path: Path) -> None:
    """Cloned as Git for Windows clones (core.autocrlf=true), the project builds the same site, every byte.

    With this repository's .gitattributes every file is checked out with LF. Without it, the content
    really is CRLF, and still every page and facts.json come out the same: only the stylesheets and
    scripts copied unchanged from docs/ (and the theme's overrides) differ."""
    env = {"SOURCE_DATE_EPOCH": "1750000000"}
    repository = _repository(tmp_path / "repo", attributes=True)
    sites = {}
    for name, autocrlf in (("normal", False), ("windows", True)):
        clone = _clone(repository, tmp_path / name, autocrlf)
        result = mkdocs_build(clone, tmp_path / f"site-{name}", env=env)
        assert result.returncode == 0, result.stderr
        sites[name] = _files(tmp_path / f"site-{name}")
    assert sites["windows"] == sites["normal"]

    bare = _clone(_repository(tmp_path / "repo-bare", attributes=False), tmp_path / "bare-windows", True)
    assert b"\r\n" in (bare / "content" / "sources" / f"{SECOND_SOURCE}.txt").read_bytes()
    assert cli(bare, "check").returncode == 0
    result = mkdocs_build(bare, tmp_path / "site-bare", env=env)
    assert result.returncode == 0, result.stderr
    bare_site = _files(tmp_path / "site-bare")
    assert bare_site.keys() == sites["normal"].keys()
    differ = sorted(path for path, data in bare_site.items() if data != sites["normal"][path])
    files = [p for p in (bare / "docs").rglob("*") if p.is_file()]
    copied = {p.relative_to(bare / "docs").as_posix() for p in files}
    copied |= {
        p.relative_to(bare / "docs" / "overrides").as_posix() for p in files if "overrides" in p.parts
    }  # theme files
    assert differ and all(path in copied and not path.endswith(".html") for path in differ), differ
    assert os.path.exists(tmp_path / "site-bare" / "facts.json")
