"""A failed `mkdocs build --strict` changes nothing: validation runs before MkDocs touches site_dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.load.project import DEFAULT_CACHE
from tests.helpers import SECOND_SOURCE, mkdocs_build, repin, run_cli, second_story

pytestmark = pytest.mark.slow  # every test builds the site at least twice


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, by relative path."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _built_once(tmp_path: Path) -> tuple[Path, Path, dict[str, tuple[bytes, int]]]:
    """A copy of the project, built once: (project, site folder, snapshot of the site)."""
    project = second_story(tmp_path / "project", generator=True)
    out = tmp_path / "site"
    first = mkdocs_build(project, out)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    assert "index.html" in before
    return project, out, before


def test_broken_content_leaves_previous_site_byte_identical(tmp_path: Path) -> None:
    """Build, break a fact file, build again into the same folder: error shown, folder untouched."""
    project, out, before = _built_once(tmp_path)
    actor = sorted((project / "content" / "actors").glob("*.yaml"))[0]
    lines = actor.read_text(encoding="utf-8").splitlines()
    id_line = next(i for i, line in enumerate(lines) if line.startswith("id: "))
    lines.insert(id_line + 1, lines[id_line])  # a duplicate key, which PyYAML would silently accept
    actor.write_text("\n".join(lines) + "\n", encoding="utf-8")

    second = mkdocs_build(project, out)
    assert second.returncode != 0
    rel = actor.relative_to(project).as_posix()
    assert f"{rel}:{id_line + 2}:1: error: duplicate key 'id' (first given on line {id_line + 1})" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert _snapshot(out) == before


def test_uncited_sentence_fails_strict_build_before_site_is_touched(tmp_path: Path) -> None:
    """An uncited source sentence fails `--strict` in on_config, naming its line; the site stays as it was."""
    project, out, before = _built_once(tmp_path)
    text_file = project / "content" / "sources" / f"{SECOND_SOURCE}.txt"
    text = text_file.read_text(encoding="utf-8").rstrip("\n")
    added = "Nobody cites this added sentence."
    text_file.write_text(f"{text}\n\n{added}\n", encoding="utf-8")
    repin(project, SECOND_SOURCE)
    line = text.count("\n") + 3

    second = mkdocs_build(project, out)
    assert second.returncode != 0
    assert "source sentences no fact cites (strict build):" in second.stderr
    paragraphs_before = text.count("\n\n") + 1  # the added sentence opens the next paragraph
    sentence_id = f"s{paragraphs_before + 1}-1"
    expected = (
        f"content/sources/{SECOND_SOURCE}.txt:{line}:1: error: sentence {sentence_id} is cited by no fact: {added}"
    )
    assert expected in second.stderr, second.stderr
    assert "hint: cite the sentence from a fact" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert _snapshot(out) == before

    report = run_cli(project, "check")  # `check` refuses what a strict build refuses, in the same words
    assert report.returncode == 1
    coverage = report.stdout.splitlines()[0]
    assert coverage.startswith("Source coverage: ") and "%)" in coverage and "100.0%" not in coverage
    hint = "    hint: cite the sentence from a fact (a `cite:` whose quote is taken from it)"
    assert f"{expected}\n{hint}\n" in report.stderr and f"{expected}\n{hint}\n" in second.stderr


def test_template_syntax_error_is_reported_at_its_line_before_the_site_is_touched(tmp_path: Path) -> None:
    """A broken page template fails the build at the template's line, with no traceback; the site stays as it was."""
    project, out, before = _built_once(tmp_path)
    template = project / "build_tools" / "templates" / "glossary.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    template.write_text("\n".join([*lines, "{% if %}"]) + "\n", encoding="utf-8")

    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert f"build_tools/templates/glossary.md.j2:{len(lines) + 1}:1: error: template error: " in result.stderr, (
        result.stderr
    )
    assert "hint: fix the template; content files are fine" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert _snapshot(out) == before


def test_template_runtime_error_is_reported_at_its_line_also_from_compiled_cache(tmp_path: Path) -> None:
    """A template that compiles but fails while rendering names its line, both when compiled and when read back
    compiled."""
    project, out, before = _built_once(tmp_path)
    template = project / "build_tools" / "templates" / "glossary.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    template.write_text("\n".join([*lines, "{{ no_such_value }}"]) + "\n", encoding="utf-8")

    for attempt in ("compiled now", "read back from .cache/explainer"):
        result = mkdocs_build(project, out)
        assert result.returncode != 0, attempt
        assert (
            f"build_tools/templates/glossary.md.j2:{len(lines) + 1}:1: error: "
            f"template error: 'no_such_value' is undefined" in result.stderr
        ), (attempt, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        assert _snapshot(out) == before
    assert any((project / DEFAULT_CACHE).iterdir())  # the plugin's default `cache` folder


def test_a_hand_written_page_that_clashes_fails_before_the_site_is_touched_and_check_refuses_it(
    tmp_path: Path,
) -> None:
    """docs/timeline/index.md would be built where the generated timeline goes: the build stops in on_config,
    before MkDocs cleans site_dir, and `check` refuses it with the same report."""
    project, out, before = _built_once(tmp_path)
    (project / "docs" / "timeline").mkdir()
    (project / "docs" / "timeline" / "index.md").write_text("# My own timeline\n", encoding="utf-8")
    expected = (
        "docs/timeline/index.md:1:1: error: hand-written docs/timeline/index.md clashes with the generated page "
        "timeline.md (both become timeline/index.html)"
    )
    result = mkdocs_build(project, out)
    assert result.returncode != 0 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert _snapshot(out) == before
    report = run_cli(project, "check")
    assert report.returncode == 1 and expected in report.stderr


def test_any_failure_after_mkdocs_cleans_leaves_the_previous_site(tmp_path: Path) -> None:
    """Failures MkDocs meets while writing (a warning under --strict, an error in a theme template) happen after
    it cleaned site_dir; the build writes into a new folder, so the previous site stays byte-identical."""
    project, out, before = _built_once(tmp_path)
    about = project / "docs" / "about.md"
    good_about = about.read_text(encoding="utf-8")
    about.write_text(good_about + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    warned = mkdocs_build(project, out)
    assert warned.returncode != 0 and "no-such-page.md" in warned.stderr
    assert _snapshot(out) == before
    about.write_text(good_about, encoding="utf-8")
    override = project / "docs" / "overrides" / "main.html"
    theme = override.read_text(encoding="utf-8")
    assert theme.count("{{ super() }}") >= 1
    override.write_text(
        theme.replace("{{ super() }}", "{{ super() }}{{ page.no_such_thing.at_all() }}"), encoding="utf-8"
    )
    broken = mkdocs_build(project, out)
    assert broken.returncode != 0
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []  # no half-built folder left


def test_a_successful_build_keeps_hidden_files_and_the_site_stays_readable(tmp_path: Path) -> None:
    """The new site replaces the old one whole, but keeps what MkDocs' own clean keeps (a deploy's .git)."""
    project, out, _ = _built_once(tmp_path)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / "stale.html").write_text("from an older build\n", encoding="utf-8")
    again = mkdocs_build(project, out)
    assert again.returncode == 0, again.stderr
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert out.stat().st_mode & 0o055 == 0o055  # others may read it, as a web server must


def test_site_dir_may_not_be_the_content_folder(tmp_path: Path) -> None:
    """MkDocs empties site_dir on every build; the plugin refuses one that is a folder of the project's own."""
    project = second_story(tmp_path / "project", generator=True)
    before = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*"))
    result = mkdocs_build(project, project / "content")
    assert result.returncode != 0 and "it is the content folder" in result.stderr, result.stderr
    assert sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*")) == before
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: content\n", encoding="utf-8")
    report = run_cli(project, "check")  # check fails where the build fails
    assert report.returncode == 1 and "site_dir: it is the content folder" in report.stderr, report.stderr
