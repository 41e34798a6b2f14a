"""The incremental path gives what a clean run gives: random edits, then byte-identical output.

The generator's page cache (build_tools/render/pagecache.py) reuses a page when nothing its rendering
read has changed. After every edit of a random sequence (fact files, templates, the source text, a
broken file and its repair) the output through the cache must equal a fresh run's, byte for byte,
or both must fail with the same report. tests/generator/test_serve_incremental.py does the same
through `mkdocs serve`'s rebuilds, with generator code edits too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.pipeline import Rendering, generate_output
from build_tools.problems import ContentError
from build_tools.render.pagecache import PageCache
from build_tools.render.renderer import TEMPLATES
from tests.helpers import SECOND_SOURCE, SECOND_STORY

# A plain one-line prose value (`text: …`, not a block scalar), where a word can be added.
PLAIN_TEXT = re.compile(r"^(\s*(?:- )?text: )(?![>|])(\S.*)$", re.M)
NAMED = re.compile(r"^((?:name|title|term): )(\S.*)$", re.M)
EDIT_KINDS = ["text", "name", "template", "template-comment", "source", "new-event", "break", "restore"]


@dataclasses.dataclass
class Project:
    """A copy of the second story's content and of the page templates, edited step by step."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def facts(self) -> list[Path]:
        return sorted(p for p in self.content.rglob("*.yaml") if p.parent.name != "sources")

    def restore(self) -> None:
        shutil.rmtree(self.content)
        shutil.copytree(SECOND_STORY / "content", self.content)
        shutil.rmtree(self.templates)
        shutil.copytree(TEMPLATES, self.templates)


def make_project(root: Path) -> Project:
    shutil.copytree(SECOND_STORY / "content", root / "content")
    shutil.copytree(TEMPLATES, root / "templates")
    return Project(root)


def _edit_line(path: Path, pattern: re.Pattern[str], pick: int, word: str) -> None:
    text = path.read_text(encoding="utf-8")
    matches = list(pattern.finditer(text))
    if not matches:
        return
    match = matches[pick % len(matches)]
    value = match.group(2)
    if value.startswith('"') and value.endswith('"'):
        value = value[:-1] + f' {word}"'
    elif not value.startswith(("'", "[", "{")):
        value = f"{value} {word}"
    text = text[: match.start(2)] + value + text[match.end(2) :]
    path.write_text(text, encoding="utf-8")


def apply(project: Project, kind: str, pick: int, step: int) -> None:
    """One edit of the given kind; `pick` chooses the file and place, `step` makes the words new."""
    word = f"Edit{step}"
    facts = project.facts()
    if kind == "text":
        _edit_line(facts[pick % len(facts)], PLAIN_TEXT, pick // len(facts), word)
    elif kind == "name":
        _edit_line(facts[pick % len(facts)], NAMED, 0, word)
    elif kind in ("template", "template-comment"):
        templates = sorted(project.templates.rglob("*.j2"))
        target = templates[pick % len(templates)]
        added = f"\n{word}\n" if kind == "template" else f"{{# {word} #}}\n"
        target.write_text(target.read_text(encoding="utf-8") + added, encoding="utf-8")
    elif kind == "source":  # a new last sentence, and the pin updated to the edited text
        sources = project.content / "sources"
        text_file = sources / f"{SECOND_SOURCE}.txt"
        text = text_file.read_text(encoding="utf-8").rstrip("\n") + f" The mill added a new line {word}.\n"
        text_file.write_text(text, encoding="utf-8")
        meta = sources / f"{SECOND_SOURCE}.yaml"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        meta.write_text(re.sub(r"(?m)^sha256: \w+$", f"sha256: {digest}", meta.read_text(encoding="utf-8")))
    elif kind == "new-event":  # a copy of an event under a new id
        events = sorted((project.content / "events").glob("*.yaml"))
        original = events[pick % len(events)]
        new_id = f"{original.stem}-{word.lower()}"
        text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", original.read_text(encoding="utf-8"))
        (original.parent / f"{new_id}.yaml").write_text(text.replace("\ntitle: ", f"\ntitle: {word} ", 1))
    elif kind == "break":
        target = facts[pick % len(facts)]
        target.write_text(target.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    elif kind == "restore":
        project.restore()


def outcome(project: Project, cache: PageCache | None) -> Any:
    """The output as plain data, or the report of the problems that stopped it."""
    rendering = Rendering(templates=project.templates)
    try:
        return dataclasses.asdict(generate_output(project.content, project.root, rendering, cache))
    except ContentError as err:
        return ("problems", err.report())


@pytest.mark.slow  # 30 sequences of up to 6 edits, two runs each: about 20 s
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(EDIT_KINDS), st.integers(min_value=0, max_value=200)), max_size=6))
def test_every_step_through_the_page_cache_equals_a_clean_run(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    project = make_project(tmp_path_factory.mktemp("incremental"))
    cache = PageCache()
    assert outcome(project, cache) == outcome(project, None)
    for step, (kind, pick) in enumerate(edits, start=1):
        apply(project, kind, pick, step)
        incremental, clean = outcome(project, cache), outcome(project, None)
        assert incremental == clean, f"step {step}: {kind} {pick}"


def test_an_edit_renders_only_the_pages_that_read_what_changed(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    cache = PageCache()
    first = outcome(project, cache)
    assert sorted(cache.rendered) == sorted(first["pages"]) and cache.reused == []
    outcome(project, cache)
    assert cache.rendered == [], "nothing changed: every page is reused"
    event = project.content / "events" / "osprey-study.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1))
    outcome(project, cache)
    assert "timeline.md" in cache.rendered and "glossary.md" in cache.reused
    assert 0 < len(cache.rendered) < len(first["pages"]) / 2, cache.rendered
    template = project.templates / "glossary.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    outcome(project, cache)
    assert cache.rendered == ["glossary.md"]
