"""`check` fails wherever the build fails, and passes wherever it passes, run as a user runs them (every golden
case is compared in-process in test_publishable.py): for hand-written pages a strict build warns of, the real
`explainer check` and `mkdocs build --strict` agree; refusals that only rendered pages or docs/ show fail the
build with check's own report, before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.golden_cases import GOLDEN, load_case, materialise
from tests.helpers import ROOT, SECOND_STORY, THEME_PARTS, cli, mkdocs_build

pytestmark = pytest.mark.slow  # one real build per case

REFUSED = {
    name: load_case(GOLDEN / f"{name}.yaml")
    for name in (
        "docs-clash-page",
        "docs-clash-case",
        "anchor-figure-is-a-home-heading",
        "anchor-status-entry-is-another-entry",
        "name-term-claimed-twice",
        "date-event-after-source",
        "source-glued-no-space",
        "file-fifo-fact-file",
    )
}
# What a strict build warns of in hand-written pages (mkdocs.yml: omitted_files: warn; links not found: warn).
HAND_WRITTEN = {
    "link-to-no-page": {"files": {"docs/about.md": "# About\n\nRead [the source](sources/nowhere.md).\n"}},
    "link-in-code-ok": {"files": {"docs/about.md": "# About\n\n`[x](nowhere.md)`\n\n```\n[y](gone.md)\n```\n"}},
    "link-to-generated-page-ok": {
        "files": {"docs/about.md": "# About\n\nSee [the map](actors/index.md#relationship-map).\n"}
    },
    "link-to-no-anchor": {"files": {"docs/about.md": "# About\n\nSee [the timeline](timeline.md#top).\n"}},
    "link-within-the-page-ok": {
        "files": {"docs/about.md": "# About\n\n## Our sources\n\nSee [below](#our-sources).\n"}
    },
    "page-in-no-nav": {"files": {"docs/extra.md": "# Extra\n"}},
}
ALL = {**REFUSED, **HAND_WRITTEN}


def _buildable(case: dict[str, Any], folder: Path) -> Path:
    """A golden case as a whole project: the second story's mkdocs.yml, a plain about page, this checkout's theme."""
    folder.mkdir()
    (folder / "docs").mkdir()
    (folder / "docs" / "about.md").write_text("# About\n\nA site for the golden tests.\n", encoding="utf-8")
    project = materialise(case, folder / "p")
    shutil.copy2(SECOND_STORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(folder / "docs", project / "docs", dirs_exist_ok=True)
    for edit, text in (case.get("files") or {}).items():  # the case's own docs files win over the plain about page
        if edit.startswith("docs/") and isinstance(text, str):
            (project / edit).write_text(text, encoding="utf-8")
    for part in THEME_PARTS:
        shutil.copytree(ROOT / "docs" / part, project / "docs" / part, dirs_exist_ok=True)
    return project


@pytest.mark.parametrize("name", sorted(ALL))
def test_check_and_the_strict_build_agree(name: str, tmp_path: Path) -> None:
    project = _buildable(ALL[name], tmp_path / "case")
    check = cli(project, "check")
    result = mkdocs_build(project, tmp_path / "site")
    assert (check.returncode == 0) == (result.returncode == 0), (check.stderr, result.stderr[-3000:])
    assert (check.returncode == 0) == name.endswith("-ok"), check.stderr
    if name in REFUSED:  # refused by the generator in on_config, in check's words, before MkDocs writes
        first = check.stderr.splitlines()[0]
        assert first in result.stderr, (first, result.stderr[-3000:])
        assert not (tmp_path / "site").exists()
