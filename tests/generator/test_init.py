"""`explainer init DIR` writes a minimal explainer that checks clean and builds strictly, with nothing of this
project's story."""

from __future__ import annotations

import datetime
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.tools.initproject import SOURCE_ID, STARTER, init_project
from tests.helpers import ROOT, cli, live_story_leaks, mkdocs_build, run_cli


def _init(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "init", str(target)],
        capture_output=True,
        text=True,
        cwd=target.parent,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site): a project written by `init` and built by the real strict MkDocs build."""
    tmp = tmp_path_factory.mktemp("init")
    project = tmp / "my-explainer"
    result = _init(project)
    assert result.returncode == 0, result.stderr
    assert "Wrote a sample explainer" in result.stdout
    build = mkdocs_build(project, tmp / "site")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return project, tmp / "site"


def test_the_new_project_checks_clean(built: tuple[Path, Path]) -> None:
    project, _ = built
    result = run_cli(project, "check")  # no --content: the project's own content/, not this checkout's
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK: 8 fact files"), result.stdout


def test_the_new_project_builds_every_page_kind(built: tuple[Path, Path]) -> None:
    _, site = built
    for page in (
        "index.html",
        "about/index.html",
        "actors/lantern/index.html",
        "disputes/dock/index.html",
        "timeline/index.html",
        "glossary/index.html",
        f"sources/{SOURCE_ID}/index.html",
        "facts.json",
    ):
        assert (site / page).is_file(), page
    assert "fictional" in (site / "index.html").read_text(encoding="utf-8")


def test_the_source_is_pinned_at_init_time(built: tuple[Path, Path]) -> None:
    project, _ = built
    meta = yaml.safe_load((project / "content/sources" / f"{SOURCE_ID}.yaml").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256((project / "content/sources" / f"{SOURCE_ID}.txt").read_bytes()).hexdigest()
    assert meta["retrieved"] == datetime.date.today().isoformat()
    assert (project / "schema" / "source.schema.json").is_file()  # the fact files' modelines point at it


def test_nothing_of_this_story_in_the_project_or_the_site(built: tuple[Path, Path]) -> None:
    """Neither the written project nor any built file names this project's story (its actors' names and ids,
    read from content/actors, and the names the templates once hard-coded).

    Material's own bundled assets, copied unchanged into every site, are not ours: a licence comment of
    a bundled library names Microsoft Corporation. Files identical to the theme's are skipped.
    """
    project, site = built
    assert live_story_leaks(project) == {}
    assert live_story_leaks(site, skip_vendor=True) == {}
    assert sum(1 for path in site.rglob("*.html")) > 10


def test_the_project_carries_no_history(built: tuple[Path, Path]) -> None:
    project, _ = built
    assert not (project / ".git").exists()
    assert not list(project.rglob("changes/*.yaml"))


@pytest.mark.parametrize("occupant", ["file", "folder"])
def test_a_non_empty_folder_is_refused(tmp_path: Path, occupant: str) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n") if occupant == "file" else (target / "sub").mkdir()
    result = cli(tmp_path, "init", str(target), own_project=False)
    assert result.returncode == 2
    assert "is not empty" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == (["notes.txt"] if occupant == "file" else ["sub"])


def test_the_console_script_fills_an_existing_empty_folder(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "explainer"
    if not script.is_file():
        pytest.skip("the package is not installed (no `explainer` script beside this Python)")
    target = tmp_path / "empty"
    target.mkdir()
    result = subprocess.run(
        [str(script), "init", str(target)], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (target / "mkdocs.yml").is_file()
    assert run_cli(target, "check").returncode == 0


def test_the_starter_theme_is_the_projects_own(tmp_path: Path) -> None:
    """One copy of the theme: the starter links to docs/, and `init` writes those files unchanged."""
    for part in ("overrides", "stylesheets", "javascripts"):
        link = STARTER / "docs" / part
        assert link.is_symlink() and link.resolve() == (ROOT / "docs" / part).resolve(), part
    init_project(tmp_path / "p")
    for part in ("overrides", "stylesheets", "javascripts"):
        for path in (ROOT / "docs" / part).rglob("*"):
            if path.is_file():
                written = tmp_path / "p" / "docs" / path.relative_to(ROOT / "docs")
                assert written.read_bytes() == path.read_bytes(), written


def test_the_new_project_warns_while_it_is_still_the_sample(built: tuple[Path, Path]) -> None:
    project, _ = built
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr  # the sample builds: warnings refuse nothing
    assert "mkdocs.yml:3:1: warning: `site_name` is still the sample's" in result.stderr
    assert "docs/about.md:1:1: warning: the About page is still the sample's" in result.stderr


def _fill(path: Path, values: dict[str, str]) -> None:
    """Replace `TODO:` placeholders of a stub with the value whose key starts them, as an editor would."""
    text = path.read_text(encoding="utf-8")
    for start, value in values.items():
        text, count = re.subn(rf'"TODO: {re.escape(start)}[^"\n]*"', value, text)
        assert count == 1, start
    path.write_text(text, encoding="utf-8")


def test_init_edit_check_then_the_strict_build_passes(tmp_path: Path) -> None:
    """A new user's first edit, with only the steps the README, the About page and the command name:
    their own source in place of the sample's, the site's name and About page. `check` catches the About
    page's link to the old source page before the strict build would, and says OK only when it passes."""
    project = tmp_path / "harbour"
    assert cli(tmp_path, "init", str(project), own_project=False).returncode == 0
    sources = project / "content" / "sources"
    text = (sources / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")  # stands in for the user's own text
    assert cli(project, "new", "source", "harbour-report").returncode == 0
    (sources / "harbour-report.txt").write_text(text, encoding="utf-8")
    _fill(
        sources / "harbour-report.yaml",
        {
            "the source's title": '"The harbour report"',
            "who published": "Harbour Gazette",
            "how the text reached us": "As published.",
            "the BCP 47 tag": "en",
            "the date as": '"2024-04"',
            "day, month": "month",
            "how the publication date": "Printed on the report.",
            "the day you copied": '"2024-05-02"',
        },
    )
    for suffix in (".yaml", ".txt"):
        (sources / f"{SOURCE_ID}{suffix}").unlink()
    for fact in (project / "content").rglob("*.yaml"):
        fact.write_text(fact.read_text(encoding="utf-8").replace(SOURCE_ID, "harbour-report"), encoding="utf-8")
    accepted = cli(project, "reverify", "harbour-report", "--accept")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"(?m)^site_name: .*$", 'site_name: "The harbour"', config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    about = project / "docs" / "about.md"
    about.write_text(f"# About\n\nFrom [the report](sources/{SOURCE_ID}.md).\n", encoding="utf-8")
    stale = cli(project, "check")
    assert stale.returncode == 1
    assert f"docs/about.md:3:19: error: link to 'sources/{SOURCE_ID}.md', which is no page or file of the site" in (
        stale.stderr
    )
    assert mkdocs_build(project, tmp_path / "refused").returncode == 1  # the strict build refuses it too
    about.write_text("# About\n\nFrom [the report](sources/harbour-report.md).\n", encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning left: the site is the user's own
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    assert (tmp_path / "site" / "sources" / "harbour-report" / "index.html").is_file()
