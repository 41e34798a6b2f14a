"""JSON Schema for editors: committed files match the models, and the fixtures' fact files validate against them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from build_tools.load.facts import discover
from build_tools.load.yamlload import load_yaml
from build_tools.model.schema import GENERATED, modeline, render_schemas, schema_file
from build_tools.problems import Collector
from tests.golden_cases import BASE
from tests.helpers import FIXTURES, ROOT, SECOND_STORY, cli, run_cli

SCHEMA_DIR = ROOT / "schema"
# Every fact file of the test projects: the golden base, the news-moves-on fixture and the second story.
FACT_FILES = [
    (kind, path)
    for project in (BASE, FIXTURES / "news-moves-on", SECOND_STORY)
    for kind, path in discover(project / "content", Collector(project))
]


def test_committed_schema_matches_models() -> None:
    """schema/*.json is exactly what `python -m build_tools schema` writes today."""
    rendered = render_schemas()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == rendered, "schema/ is stale: run `python -m build_tools schema`"


def test_schema_command_writes_the_committed_files_and_checks(tmp_path: Path) -> None:
    """`schema` writes exactly the committed files into the project's schema/ (the folder of the nearest
    mkdocs.yml, also from a subfolder); `schema --check` exits 1 on a stale file and 0 after a rewrite.
    A file of the same name that `schema` did not write is never replaced (exit 2, nothing written)."""
    committed = {p.name: p.read_bytes() for p in SCHEMA_DIR.glob("*.schema.json")}
    assert len(committed) == 9
    project = tmp_path / "p"
    (project / "schema").mkdir(parents=True)
    (project / "content" / "actors").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: p\n", encoding="utf-8")
    shutil.copytree(ROOT / "build_tools", project / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "schema" / "actor.schema.json").write_text("{}\n", encoding="utf-8")  # someone's own file
    refused = cli(project, "schema")
    assert refused.returncode == 2 and "actor.schema.json, which `schema` did not write" in refused.stderr
    assert (project / "schema" / "actor.schema.json").read_text(encoding="utf-8") == "{}\n"
    assert not (project / "schema" / "event.schema.json").exists()
    stale = {"$comment": GENERATED, "title": "an older version"}
    (project / "schema" / "actor.schema.json").write_text(json.dumps(stale), encoding="utf-8")
    (project / "schema" / "gone.schema.json").write_text(json.dumps(stale), encoding="utf-8")  # a kind since removed
    (project / "schema" / "mine.schema.json").write_text("{}\n", encoding="utf-8")  # not ours: kept
    assert run_cli(project, "schema", "--check").returncode == 1
    assert cli(project / "content" / "actors", "schema", own_project=False).returncode == 0
    assert not (project / "content" / "actors" / "schema").exists()
    assert run_cli(project, "schema", "--check").returncode == 0
    assert (project / "schema" / "mine.schema.json").read_text(encoding="utf-8") == "{}\n"
    written = {
        p.name: p.read_bytes() for p in (project / "schema").glob("*.schema.json") if p.name != "mine.schema.json"
    }
    assert written == committed


@pytest.mark.parametrize(
    "kind,path", FACT_FILES, ids=[p.relative_to(FIXTURES.parent).as_posix() for _, p in FACT_FILES]
)
def test_fixture_file_validates_against_its_schema(kind: str, path: Path) -> None:
    """Every fact file points at its schema and passes it under an independent validator."""
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline(kind), "first line must point the YAML language server at the schema"
    doc = load_yaml(path, Collector(ROOT))
    assert doc is not None
    schema = json.loads((SCHEMA_DIR / schema_file(kind)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc.data)]
    assert errors == []


def test_schema_rejects_a_typo() -> None:
    """The schema forbids unknown fields, so an editor flags a misspelt field as it is typed."""
    schema = json.loads((SCHEMA_DIR / "term.schema.json").read_text(encoding="utf-8"))
    bad = {"id": "x", "term": "X", "defintion": {"text": "t", "cite": []}}
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(bad)]
    assert any("defintion" in m for m in messages)
    assert any("'definition' is a required property" in m for m in messages)
