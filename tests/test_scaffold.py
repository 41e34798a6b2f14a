"""`python -m build_tools new KIND ID` writes a valid, commented stub and never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.scaffold import FOLDERS, PLACEHOLDER_QUOTE
from tests.golden_cases import materialise, report
from tests.helpers import ROOT, run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The golden base project with the generator beside it."""
    dst = materialise({}, tmp_path / "p")
    shutil.copytree(ROOT / "build_tools", dst / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    return dst


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_stub_passes_everything_but_the_placeholder_quote(project: Path, kind: str) -> None:
    """The only problems in a fresh stub are its placeholder quotes."""
    result = run_cli(project, "new", kind, "fresh-one")
    assert result.returncode == 0, result.stderr
    stub = project / "content" / FOLDERS[kind] / "fresh-one.yaml"
    text = stub.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    assert "# " in text.split("\n", 1)[1], "the stub explains its fields in comments"
    lines = [line for line in report(project).splitlines() if ": error: " in line]
    assert lines and all(line.endswith("error: quote is still the placeholder written by `new`") for line in lines)
    stub.write_text(text.replace(PLACEHOLDER_QUOTE, "Alpha and Beta signed a deal"), encoding="utf-8")
    assert report(project) == "OK\n"


def test_new_refuses_to_overwrite_or_bad_ids(project: Path) -> None:
    """An existing id (in any folder) or a malformed id is a usage error (exit 2); nothing is written."""
    before = (project / "content/actors/alpha.yaml").read_bytes()
    taken = run_cli(project, "new", "term", "alpha")
    assert taken.returncode == 2 and "already used" in taken.stderr
    assert not (project / "content/terms/alpha.yaml").exists()
    assert (project / "content/actors/alpha.yaml").read_bytes() == before
    bad = run_cli(project, "new", "actor", "Sam Altman")
    assert bad.returncode == 2 and "not a valid id" in bad.stderr
    assert run_cli(project, "new", "source", "x").returncode == 2
