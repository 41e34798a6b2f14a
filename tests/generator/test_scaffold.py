"""`python -m build_tools new KIND ID` writes a commented stub that `check` refuses until every placeholder is
replaced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.load.placeholders import PREFIX
from build_tools.model.models import KINDS
from build_tools.tools.scaffold import FOLDERS
from tests.golden_cases import materialise, report
from tests.helpers import bare_project, cli

# Real values for two kinds' placeholders, keyed by the placeholder's text after `TODO: `.
_CITE = {
    "id of a source in content/sources/": "mini",
    "words copied exactly from that source's .txt file": "Widgets are what both companies sell.",
    "on-record, anonymous, reported or inferred": "reported",
}
FILLED = {
    "actor": {
        **_CITE,
        "person, organisation, product or project": "organisation",
        "the name the site always uses": "Gamma",
        "one neutral sentence saying who or what this is; "
        "[[other-id]] links another fact": "A company that sells widgets, like [[alpha]].",
    },
    "event": {
        **_CITE,
        "a short title for the event": "Widgets go on sale",
        "the date as YYYY-MM-DD, YYYY-MM, YYYY-summer or YYYY": "2025-03",
        "day, month, season or year, matching the value": "month",
        "what happened, in one neutral sentence": "Alpha and Beta sold widgets.",
        "id of an actor involved": "alpha",
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The golden base project, as a project of its own (with a mkdocs.yml) so the command uses its content."""
    dst = materialise({}, tmp_path / "p")
    bare_project(dst)
    return dst


def test_every_kind_has_a_stub() -> None:
    """`new` covers every content folder of the models' kind table."""
    assert sorted(FOLDERS.values()) == sorted(KINDS)


def _placeholder_lines(path: Path) -> set[int]:
    """Line numbers of a file holding a `TODO:` value (or, for a text file, a line starting with it)."""
    pattern = re.compile(rf'(^|: |\[|- )"?{re.escape(PREFIX)}')
    return {
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line.lstrip())
    }


@pytest.mark.parametrize("kind", list(FOLDERS))
def test_stub_fails_check_at_every_placeholder(project: Path, kind: str) -> None:
    """A fresh stub of any kind fails `check` (exit 1) with one problem at each placeholder's line, no other."""
    if kind == "overview":  # the site has exactly one overview: a new one replaces the base's
        (project / "content/overview/overview.yaml").unlink()
    result = cli(project, "new", kind, "fresh-one")
    assert result.returncode == 0, result.stderr
    stub = project / "content" / FOLDERS[kind] / "fresh-one.yaml"
    text = stub.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    written = [stub, stub.with_suffix(".txt")] if kind == "source" else [stub]
    checked = cli(project, "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    errors = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert all("is still a placeholder (TODO: …)" in line for line in errors), errors
    found = {(line.split(":")[0], int(line.split(":")[1])) for line in errors}
    expected = {(p.relative_to(project).as_posix(), n) for p in written for n in _placeholder_lines(p)}
    assert expected and found == expected


@pytest.mark.parametrize("kind", sorted(FILLED))
def test_filled_stub_passes(project: Path, kind: str) -> None:
    """Once each placeholder is replaced with a real value, `check` passes."""
    assert cli(project, "new", kind, "fresh-one").returncode == 0
    stub = project / "content" / FOLDERS[kind] / "fresh-one.yaml"
    text = stub.read_text(encoding="utf-8")
    for what, value in FILLED[kind].items():
        text = text.replace(f'"{PREFIX} {what}"', f'"{value}"')
    assert f'"{PREFIX}' not in text, "every placeholder is filled"
    stub.write_text(text, encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert report(project) == "OK\n"


def test_new_refuses_to_overwrite_or_bad_ids(project: Path) -> None:
    """An existing id (in any folder), a malformed id or a second overview is a usage error (exit 2); nothing is
    written."""
    before = (project / "content/actors/alpha.yaml").read_bytes()
    taken = cli(project, "new", "term", "alpha")
    assert taken.returncode == 2 and "already used" in taken.stderr
    assert not (project / "content/terms/alpha.yaml").exists()
    same_folder = cli(project, "new", "actor", "alpha")  # the one stub that would overwrite the existing file
    assert same_folder.returncode == 2 and "already used" in same_folder.stderr
    assert (project / "content/actors/alpha.yaml").read_bytes() == before
    bad = cli(project, "new", "actor", "Ilse Marrow")
    assert bad.returncode == 2 and "not a valid id" in bad.stderr
    second = cli(project, "new", "overview", "another")
    assert second.returncode == 2 and "one overview" in second.stderr
    assert not (project / "content/overview/another.yaml").exists()
    assert cli(project, "new", "nonsense", "x").returncode == 2


def test_new_source_is_pinned_by_reverify_accept(project: Path) -> None:
    """A source stub, once its text and metadata are in, gets its hash from `reverify --accept` (the hint its
    placeholder gives)."""
    assert cli(project, "new", "source", "fresh-one").returncode == 0
    meta = project / "content/sources/fresh-one.yaml"
    filled = {
        "title": '"Fresh"',
        "outlet": '"Someone"',
        "via": '"As published"',
        "language": "en",
        "  value": '"2025-01-02"',
        "  precision": "day",
        "published_basis": '"Dated on its page"',
        "retrieved": '"2025-01-03"',
    }
    lines = [
        next((f"{key}: {value}" for key, value in filled.items() if line.startswith(f"{key}:")), line)
        for line in meta.read_text(encoding="utf-8").splitlines()
    ]
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (project / "content/sources/fresh-one.txt").write_text("A fresh text that nothing cites yet.\n", encoding="utf-8")
    pinned = cli(project, "reverify", "fresh-one", "--accept")
    assert pinned.returncode == 0, pinned.stderr
    assert re.search(r"^sha256: [0-9a-f]{64}$", meta.read_text(encoding="utf-8"), re.M)
    checked = cli(project, "check")
    errors = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "content/sources/fresh-one.txt:1:1: error: sentence s1-1 is cited "
        "by no fact: A fresh text that nothing cites yet."
    ]
