"""Golden error corpus: every kind of editor mistake gives its own exact message at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_cases import BASE, cases, load_case, materialise, report
from tests.helpers import bare_project, cli, run_cli, tree_digest

CASES = cases()


def test_corpus_is_large_enough() -> None:
    """At least 150 cases, among them near misses (legitimate input close to a refused one) that pass."""
    assert len(CASES) >= 150
    near_misses = [p for p in CASES if load_case(p)["expected"] == "OK\n"]
    assert len(near_misses) >= 15


def test_base_project_is_clean(tmp_path: Path) -> None:
    """The cases' starting point validates, so each case's report comes from its own edit only."""
    assert report(materialise({}, tmp_path / "p")) == "OK\n"


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(case_path: Path, tmp_path: Path) -> None:
    """The exact report (message, line, column, hint, count) of one broken input."""
    case = load_case(case_path)
    assert report(materialise(case, tmp_path / "p")) == case["expected"]


def test_every_message_is_distinct() -> None:
    """Each mistake kind has its own wording, not one generic error."""
    firsts = {}
    for path in CASES:
        expected = load_case(path)["expected"]
        if expected == "OK\n":
            continue  # a near miss that must still pass
        first = expected.splitlines()[0].split(": error: ", 1)[1]
        firsts.setdefault(first.split("'")[0], path.stem)
    assert len(firsts) >= 35


def _cli_project(tmp_path: Path) -> Path:
    """The golden base as a project of its own (a mkdocs.yml beside content/), so the command uses its content."""
    project = tmp_path / "p"
    materialise({}, project)
    bare_project(project)
    return project


def test_check_exit_codes(tmp_path: Path) -> None:
    """`check` exits 0 when clean, 1 with problems (listed on stderr, no traceback), 2 for usage errors."""
    project = _cli_project(tmp_path)
    clean = run_cli(project, "check")
    assert clean.returncode == 0, clean.stderr
    assert "OK:" in clean.stdout
    (project / "content/terms/widget.yaml").write_text("id: widget\nterm: [unclosed\n", encoding="utf-8")
    broken = run_cli(project, "check")
    assert broken.returncode == 1
    assert "content/terms/widget.yaml:2:7: error: YAML syntax error: a [list] is not closed" in broken.stderr
    assert "Traceback" not in broken.stderr + broken.stdout
    assert cli(project, "no-such-command").returncode == 2  # usage errors: the same code path, in this process
    missing = cli(project, "--content", "nowhere", "check")
    assert missing.returncode == 2
    assert "content folder not found" in missing.stderr and "Traceback" not in missing.stderr


def test_cases_never_modify_the_base(tmp_path: Path) -> None:
    """Cases work on copies: after the cases that write, delete or link files, the base is intact."""
    before = tree_digest(BASE)
    writing = [path for path in CASES if load_case(path).get("files") or load_case(path).get("symlinks")]
    assert len(writing) > 30
    for path in writing:
        materialise(load_case(path), tmp_path / path.stem)
    assert tree_digest(BASE) == before
