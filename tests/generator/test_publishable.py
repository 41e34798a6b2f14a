"""One answer to "is it publishable": `check` fails exactly when `mkdocs build --strict` fails."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.golden_cases import GOLDEN, load_case, materialise, report
from tests.helpers import add_site_parts, cli, mkdocs_build, repin, run_cli

# The command-line route (`python -m build_tools check` and `mkdocs build --strict` as processes) on a
# few cases, one per stage; every case of the corpus is compared in-process below.
SUBSET = {
    "YAML syntax": ["syntax-unclosed-bracket"],
    "quote": ["quote-not-found"],
    "uncited": ["uncited-sentence"],
}

# The hand-written About page links to the real content's source page; the golden projects have
# another source, so their site gets a plain About page instead (the generated pages are unchanged).
ABOUT = "# About\n\nA test site built from the golden base project.\n"


def site_project(case: dict, dst: Path) -> Path:
    """A golden case as a whole buildable project: its content plus the generator, theme and config."""
    return add_site_parts(materialise(case, dst), ABOUT)


def _verdicts(case_path: Path, tmp: Path) -> tuple[str, int, int, str]:
    """(case, exit code of `check`, exit code of the strict build, both outputs) for one golden case."""
    project = site_project(load_case(case_path), tmp / case_path.stem)
    checked = run_cli(project, "check")
    built = mkdocs_build(project, tmp / f"{case_path.stem}-site")
    return case_path.stem, checked.returncode, built.returncode, checked.stderr + built.stderr


@pytest.mark.slow
def test_check_and_strict_build_commands_agree(tmp_path: Path) -> None:
    """The two commands, run as a user runs them, agree on a few cases and the clean base.

    A pass is exit 0 from both; a failure is exit 1 from `check` (never 2, a usage error) and
    non-zero from the build.
    """
    paths = [*(GOLDEN / f"{name}.yaml" for names in SUBSET.values() for name in names), None]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: _base_or_case(p, tmp_path), paths))
    disagree = [r for r in results if (r[1] == 0) != (r[2] == 0) or r[1] not in (0, 1)]
    assert not disagree, "\n\n".join(f"{name}: check {c}, build {b}\n{out}" for name, c, b, out in disagree)
    assert sum(1 for r in results if r[1] == 0) == 1, "only the clean base passes"


def _base_or_case(path: Path | None, tmp: Path) -> tuple[str, int, int, str]:
    """Verdicts for a golden case, or for the untouched base project when `path` is None."""
    if path is not None:
        return _verdicts(path, tmp)
    base = tmp / "base.yaml"
    base.write_text("about: the clean base\n", encoding="utf-8")
    return _verdicts(base, tmp)


def test_uncited_sentence_fails_check_at_its_line(tmp_path: Path) -> None:
    """An uncited source sentence makes `check` exit 1 naming the sentence's file, line and column."""
    case = {
        "replace": {
            "content/sources/mini.txt": [
                ["Widgets are what both companies sell.", "Widgets are what both companies sell.\n\nNobody cites me."]
            ]
        }
    }
    project = site_project(case, tmp_path / "p")
    repin(project, "mini")  # the text changed on purpose: pin it again, as `reverify --accept` would
    result = cli(project, "check")
    assert result.returncode == 1
    assert "content/sources/mini.txt:9:1: error: sentence s5-1 is cited by no fact: Nobody cites me.\n" in result.stderr
    assert "    hint: cite the sentence from a fact" in result.stderr
    assert "Source coverage: 5/6" in result.stdout and "OK" not in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def _strict_build_passes(project: Path, out: Path) -> bool:
    """MkDocs' own build function, strict, in this process (a whole build, as `mkdocs build --strict` runs it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        build(load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(out)))
    except MkDocsException:
        return False
    return True


@pytest.mark.slow
def test_check_and_strict_build_agree_on_every_golden_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case of the golden corpus: `check` reports OK exactly when the strict build succeeds.

    The builds run in this process (about 0.1 s a case instead of a second to start MkDocs), which
    works because the plugin takes its project from the `mkdocs.yml` it is given.
    """
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    cases_seen, disagree, passing = 0, [], 0
    for path in [*sorted(GOLDEN.glob("*.yaml")), None]:
        case = load_case(path) if path is not None else {}
        name = path.stem if path is not None else "clean base"
        project = site_project(case, tmp_path / name)
        checked = report(project) == "OK\n"
        monkeypatch.chdir(project)
        built = _strict_build_passes(project, tmp_path / f"{name}-site")
        cases_seen += 1
        passing += checked
        if checked != built:
            disagree.append(
                f"{name}: check {'OK' if checked else 'refuses'}, strict build {'passes' if built else 'fails'}"
            )
    assert cases_seen > 150 and passing > 10  # near misses and the base pass, the rest fail
    assert disagree == []
