"""Serve's rebuilds give what a clean build gives: random edits, then a byte-identical site.

`mkdocs serve` keeps the plugin between rebuilds: the output cache, the page cache, MkDocs' own work
on unchanged pages (build_tools/glue/skip.py) and the generator's code, loaded again when it changes.
A driver process (tests/serve_driver.py) rebuilds a copy of the second story as serve does after each
edit of a random sequence (a fact file, a template, the source text, the generator's own code, a
hand-written page, a theme override, a broken file); after each, a clean build of the same files in a
fresh process with no cache must give the same site, file for file and byte for byte (or both fail).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.generator.test_incremental import PLAIN_TEXT, Project, _edit_line
from tests.generator.test_incremental import apply as apply_content
from tests.helpers import ROOT, second_story

pytestmark = pytest.mark.slow

DRIVER = ROOT / "tests" / "serve_driver.py"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1745000000", "SITE_URL": "https://example.org/"}
KINDS = ["text", "template", "source", "code", "page", "theme", "break"]


class Served:
    """The driver process: one rebuild per request, like `mkdocs serve` after a save."""

    def __init__(self, project: Path, site: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(site)],
            cwd=project,
            env=ENV,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.first = self._answer()

    def _answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def rebuild(self) -> str:
        """Rebuild after an edit: `ok` or `failed`."""
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        """End the driver."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def clean_build(project: Path, work: Path) -> tuple[str, Path]:
    """The same files built from nothing: a fresh copy without the cache, in a fresh process."""
    copy, site = work / "clean", work / "clean-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(site), "--once"], cwd=copy, env=ENV, capture_output=True, text=True
    )
    return result.stdout.strip(), site


def differences(left: Path, right: Path) -> list[str]:
    """Files that are in one site only, or differ."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.diff_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def apply(project: Path, kind: str, pick: int, step: int) -> None:
    """One edit, as an editor (or a developer) would save it."""
    word = f"Edit{step}"
    content = Project(project)
    if kind in ("text", "source"):
        apply_content(content, kind, pick, step)
    elif kind == "template":
        templates = sorted((project / "build_tools" / "templates").rglob("*.j2"))
        target = templates[pick % len(templates)]
        target.write_text(target.read_text(encoding="utf-8") + f"\n{word}\n", encoding="utf-8")
    elif kind == "code":  # the generator's own code: every citation marker's label
        module = project / "build_tools" / "render" / "page.py"
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace('label = f"Source', f'label = f"{word} source', 1), encoding="utf-8")
    elif kind == "page":
        about = project / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + f"\n{word}.\n", encoding="utf-8")
    elif kind == "theme":
        override = project / "docs" / "overrides" / "main.html"
        text = override.read_text(encoding="utf-8")
        override.write_text(text.replace('content="en">', f'content="en"><meta name="edit" content="{word}">', 1))
    elif kind == "break":
        _edit_line(sorted(content.content.rglob("*.yaml"))[pick % 5], PLAIN_TEXT, 0, "[unclosed")


@pytest.fixture
def work(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("serve-incremental")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 100)), min_size=2, max_size=3))
def test_every_rebuild_under_serve_equals_a_clean_build(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    work = tmp_path_factory.mktemp("serve-incremental")
    project = second_story(work / "project", generator=True)
    served = Served(project, work / "site")
    try:
        assert served.first == "ok"
        for step, (kind, pick) in enumerate(edits, start=1):
            apply(project, kind, pick, step)
            status = served.rebuild()
            clean_status, clean_site = clean_build(project, work)
            assert status == clean_status, f"step {step} ({kind}): serve {status}, clean {clean_status}"
            if status == "ok":
                assert differences(work / "site", clean_site) == [], f"step {step} ({kind} {pick})"
    finally:
        served.close()
        shutil.rmtree(work, ignore_errors=True)


def test_a_generator_code_edit_reaches_the_served_site(tmp_path: Path) -> None:
    project = second_story(tmp_path / "project", generator=True)
    served = Served(project, tmp_path / "site")
    try:
        assert served.first == "ok"
        apply(project, "code", 0, 7)
        assert served.rebuild() == "ok"
        page = next((tmp_path / "site" / "actors").glob("*/index.html")).read_text(encoding="utf-8")
        assert 'aria-label="Edit7 source 1:' in page
    finally:
        served.close()
