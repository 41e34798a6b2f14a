"""The synthetic corpus (from the second story): N copies with fresh ids, consistent references, quotes intact,
deterministic."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.model.sources import normalise
from build_tools.pipeline import check
from build_tools.tools.synth import cited_quotes, rename, synthesise, synthetic_text
from tests.helpers import SECOND_STORY, cli, run_cli, second_story

CONTENT = SECOND_STORY / "content"


def _digest(folder: Path) -> str:
    """One hash of every file's path and bytes under a folder."""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def _synthesise(scale: int, out: Path) -> int:
    """`synthesise` over the second story, its project parts (mkdocs.yml, docs, generator) beside it."""
    source = out.parent / f"{out.name}-source"
    if not source.exists():
        second_story(source)
    return synthesise(scale, out, CONTENT, source)


def test_scale_two_validates_with_every_fact_doubled(tmp_path: Path) -> None:
    real = check(CONTENT, SECOND_STORY)
    project = tmp_path / "p"
    count = _synthesise(2, project)
    site = check(project / "content", project)
    overviews = len(real.models("overview"))
    assert count == len(site.entities) == 2 * len(real.entities) - overviews
    for entity_id in real.entities:
        assert entity_id in site.entities
        if real.kind_of(entity_id) != "overview":
            assert f"{entity_id}-s2" in site.entities
    assert sum(1 for _ in site.citations()) == 2 * sum(1 for _ in real.citations()) - sum(
        1 for entity, _ in real.citations() if entity.kind == "overview"
    )
    cited, total = site.coverage()
    assert cited == total  # the synthetic sources hold only cited sentences (and headings)


def test_copies_cite_their_own_source_and_reference_their_own_copy(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _synthesise(3, project)
    site = check(project / "content", project)
    checked = 0
    for entity, citation in site.citations():
        for copy in ("-s2", "-s3"):
            if entity.id.endswith(copy):
                checked += 1
                assert citation.source.endswith(copy)
                assert citation.speaker is None or citation.speaker.endswith(copy)
    assert checked > 0
    for dispute in site.models("disputes"):
        if dispute.id.endswith("-s3"):
            assert all(party.endswith("-s3") for party in dispute.parties)


@pytest.mark.slow  # two fresh interpreters
def test_output_is_deterministic_across_processes(tmp_path: Path) -> None:
    """`synth` run twice, by processes with different hash seeds (sets iterate differently), writes the same bytes."""
    project = second_story(tmp_path / "second")
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "build_tools", "synth", "--scale", "3", str(tmp_path / seed)],
            capture_output=True,
            text=True,
            cwd=project,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "1" / "content" / "actors").glob("*-s3.yaml"))) == 8
    assert _digest(tmp_path / "1" / "content") == _digest(tmp_path / "2" / "content")


def test_scale_one_is_the_content_unchanged(tmp_path: Path) -> None:
    _synthesise(1, tmp_path / "p")
    assert _digest(tmp_path / "p" / "content") == _digest_without_hidden(CONTENT)


def _digest_without_hidden(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    ):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def test_rename_keeps_quotes_and_rewrites_links() -> None:
    data = {"id": "a", "text": "See [[a]] and [[b]] and [[zzz]].", "cite": [{"source": "s", "quote": "a"}], "to": ["b"]}
    renamed = rename(data, {"a": "a-s2", "b": "b-s2", "s": "s-s2"})
    assert renamed == {
        "id": "a-s2",
        "text": "See [[a-s2]] and [[b-s2]] and [[zzz]].",
        "cite": [{"source": "s-s2", "quote": "a"}],
        "to": ["b-s2"],
    }
    assert cited_quotes(renamed) == [("s-s2", "a")]


def test_synthetic_text_holds_every_quote_and_drops_uncited_sentences() -> None:
    text = "Heading here\n\nFirst sentence is cited. Second is not. Third is “cited” too.\n\nAll of this is dropped.\n"
    synthetic = synthetic_text(text, ["First sentence is cited.", 'Third is "cited" too'])
    assert synthetic == "Heading here\n\nFirst sentence is cited. Third is “cited” too.\n"
    for quote in ["First sentence is cited.", 'Third is "cited" too']:
        assert normalise(quote) in normalise(synthetic)


def test_cli_synth_writes_a_project(tmp_path: Path) -> None:
    project = second_story(tmp_path / "second")  # a project of its own: `synth` copies its content
    result = run_cli(project, "synth", "--scale", "2", str(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert "copies" in result.stdout
    # The project's own parts come along (the generator is the installed package, not a copy).
    assert (tmp_path / "p" / "mkdocs.yml").read_bytes() == (project / "mkdocs.yml").read_bytes()
    assert (tmp_path / "p" / "docs" / "overrides" / "main.html").is_file()
    assert cli(tmp_path / "p", "check").returncode == 0
    source = yaml.safe_load(
        next((tmp_path / "p" / "content" / "sources").glob("*-s2.yaml")).read_text(encoding="utf-8")
    )
    assert (tmp_path / "p" / "content" / "sources" / source["text_file"]).is_file()
    assert (tmp_path / "p" / "content" / "actors" / "osprey-s2.yaml").is_file()
    assert run_cli(project, "synth", "--scale", "0", str(tmp_path / "q")).returncode == 2


def test_references_to_the_one_overview_stay_its_own(tmp_path: Path) -> None:
    """Copies leave the overview out, so a copy's reference to it (a change note's `about:`) keeps its id."""
    source = second_story(tmp_path / "source")
    note = source / "content" / "changes" / "2025-04-20-board-quote.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("about: [", "about: [overview, ", 1), encoding="utf-8")
    assert "about: [overview, " in note.read_text(encoding="utf-8")
    out = tmp_path / "synth"
    synthesise(3, out, source / "content", source)
    copy = yaml.safe_load((out / "content" / "changes" / "2025-04-20-board-quote-s3.yaml").read_text("utf-8"))
    assert copy["about"][0] == "overview"
    check(out / "content", out)  # every reference resolves
