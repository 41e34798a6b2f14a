"""Fixtures for the tests of the live content: one real strict build of this checkout, shared."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_tools.pipeline import Generated, generate
from tests.helpers import CONTENT_DIR, ROOT, mkdocs_build


@pytest.fixture(scope="session")
def build_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The real project built with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="session")
def built_site(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """Folder of the built site."""
    return build_result[0]


@pytest.fixture(scope="session")
def generated() -> Generated:
    """The generator's in-memory output for the real content."""
    return generate(CONTENT_DIR, ROOT)
