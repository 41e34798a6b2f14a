"""Fixtures for the generator's tests: the second-story fixture (tests/fixtures/second-story), never the live content.

`built_site`, `build_result` and `generated` have the same names as in tests/content, but here they are
the fictional bidding war, built by the real `mkdocs build --strict`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_tools.pipeline import Generated, generate
from tests.helpers import mkdocs_build, second_story


@pytest.fixture(scope="session")
def second_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the second-story project (content, mkdocs.yml, about page, theme), shared read-only."""
    return second_story(tmp_path_factory.mktemp("second") / "project")


@pytest.fixture(scope="session")
def build_result(
    second_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The second story built with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("second-site") / "site"
    result = mkdocs_build(second_project, out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="session")
def built_site(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """Folder of the second story's built site."""
    return build_result[0]


@pytest.fixture(scope="session")
def generated(second_project: Path) -> Generated:
    """The generator's in-memory output for the second story."""
    return generate(second_project / "content", second_project)
