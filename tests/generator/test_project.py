"""The project: found from mkdocs.yml like git finds its repository, with the plugin's options read from it,
so the command and the build agree on the content folder, the cache and the site's wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.load.project import (
    DEFAULT_CACHE,
    ProjectError,
    find_root,
    plugin_options,
    read_project,
)
from build_tools.model.vocab import TIERS
from build_tools.model.wording import DEFAULT_WORDING, PAGES
from tests.helpers import cli, mkdocs_build, parse, second_story

CONFIG = """site_name: !ENV [SITE_NAME, "A test"]
site_url: !ENV SITE_URL_UNSET
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - explainer:
      content: facts
      cache: ""
      wording:
        stances: {title: Who backs which bid}
        main: {heading: The main battles}
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    return folder


def test_options_are_read_past_mkdocs_tags(tmp_path: Path) -> None:
    """`!ENV` and `!!python/name:` (used by many real mkdocs.yml files) do not stop the command reading options."""
    root = _write(tmp_path / "p", CONFIG)
    options = plugin_options(root / "mkdocs.yml")
    assert options == {
        "content": "facts",
        "cache": "",
        "wording": {"stances": {"title": "Who backs which bid"}, "main": {"heading": "The main battles"}},
    }
    project = read_project(root)
    assert project.content == root / "facts" and project.cache is None
    assert project.wording.page("stances").title == "Who backs which bid"
    assert project.wording.page("stances").kicker == PAGES["stances"].kicker  # fields not named keep their default
    assert project.wording.tiers["main"].heading == "The main battles"
    assert project.wording.tiers["flashpoint"] == TIERS["flashpoint"]


def test_defaults_without_options_and_with_the_mapping_form(tmp_path: Path) -> None:
    bare = read_project(_write(tmp_path / "bare", "site_name: x\nplugins:\n  - search\n  - explainer\n"))
    assert bare.content == tmp_path / "bare" / "content"
    assert bare.cache == tmp_path / "bare" / DEFAULT_CACHE
    assert bare.wording == DEFAULT_WORDING
    mapping = _write(tmp_path / "map", "site_name: x\nplugins:\n  search: {}\n  explainer: {content: facts}\n")
    assert read_project(mapping).content == mapping / "facts"


WRONG_WORDING = """site_name: x
plugins:
  - explainer:
      wording:
        {key}: {{{field}: "{text}"}}
  - search
stances: not the plugin's
"""


@pytest.mark.parametrize(
    "key,field,text,message,hint",
    [
        ("stance", "title", "x", "wording: no page or tier 'stance'; did you mean 'stances'?", "use one of: home, "),
        ("timelines", "title", "x", "no page or tier 'timelines'; did you mean 'timeline'?", "flashpoint"),
        ("stances", "heading", "x", "wording.stances: no field 'heading'", "stances takes: title, kicker, nav, "),
        ("main", "titel", "x", "no field 'titel'", "main takes: heading, one, positions, index"),
        ("glossary", "title", "  ", "wording.glossary.title: expected a non-empty text", "write the words"),
    ],
)
def test_wrong_wording_is_refused_at_its_line(
    tmp_path: Path, key: str, field: str, text: str, message: str, hint: str
) -> None:
    config = WRONG_WORDING.format(key=key, field=field, text=text)
    root = _write(tmp_path / "p", config)
    with pytest.raises(ProjectError) as caught:
        read_project(root)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.col) == ("mkdocs.yml", 5, 1)
    assert message in problem.message and hint in problem.hint


def test_every_wrong_key_is_reported_at_once_each_at_its_line(tmp_path: Path) -> None:
    config = (
        "plugins:\n  - explainer:\n      wording:\n        stance: {title: x}\n\n        main:\n          headin: y\n"
    )
    with pytest.raises(ProjectError) as caught:
        read_project(_write(tmp_path / "p", config))
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "wording: no page or tier 'stance'; did you mean 'stances'?"),
        (6, "wording.main: no field 'headin'; did you mean 'heading'?"),
    ]


def test_the_root_is_the_nearest_mkdocs_yml_above(tmp_path: Path) -> None:
    root = _write(tmp_path / "outer", "site_name: x\n")
    inner = root / "content" / "actors"
    inner.mkdir(parents=True)
    assert find_root(inner) == root.resolve()
    assert find_root(tmp_path) is None


def test_the_command_works_from_a_subfolder_and_refuses_outside_a_project(tmp_path: Path) -> None:
    project = second_story(tmp_path / "story")
    result = cli(project / "content" / "actors", "check", own_project=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK:")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = cli(outside, "check", own_project=False)
    assert result.returncode == 2
    assert "no mkdocs.yml in" in result.stderr and "explainer init" in result.stderr


def test_the_command_uses_the_plugin_options_of_the_project(tmp_path: Path) -> None:
    """A project whose facts live in `facts/` (plugin option `content`) checks clean, and export uses its wording."""
    project = second_story(tmp_path / "story")
    (project / "content").rename(project / "facts")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - explainer\n" in config
    options = "  - explainer:\n      content: facts\n      wording:\n        stances: {title: Who backs which bid}\n"
    # MkDocs itself refuses to watch a folder that is not there: `watch:` follows the facts too.
    config = config.replace("watch:\n  - content\n", "watch:\n  - facts\n")
    (project / "mkdocs.yml").write_text(config.replace("  - explainer\n", options), encoding="utf-8")
    assert cli(project, "check", own_project=False).returncode == 0
    assert cli(project, "export", str(tmp_path / "out"), own_project=False).returncode == 0
    stances = (tmp_path / "out" / "stances.md").read_text(encoding="utf-8")
    assert 'title: "Who backs which bid"' in stances
    home = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "<strong>Who backs which bid</strong>" in home and "Who stands where" not in home


def test_a_wrong_option_in_mkdocs_yml_fails_the_command_at_its_line(tmp_path: Path) -> None:
    project = second_story(tmp_path / "story")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    options = "  - explainer:\n      wording:\n        stance: {title: x}\n"
    (project / "mkdocs.yml").write_text(config.replace("  - explainer\n", options), encoding="utf-8")
    written = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = written.index("      wording:") + 1
    result = cli(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"mkdocs.yml:{line + 1}:1: error: wording: no page or tier 'stance'; did you mean")


def test_a_bare_facts_folder_outside_any_project_still_checks(tmp_path: Path) -> None:
    """`--content DIR` with no mkdocs.yml above it: the folder's parent stands for the project, defaults apply."""
    project = second_story(tmp_path / "story")
    facts = tmp_path / "loose" / "content"
    shutil.copytree(project / "content", facts)
    shutil.copytree(project / "schema", tmp_path / "loose" / "schema")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = cli(outside, "--content", str(facts), "check", own_project=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_build_takes_its_wording_and_cache_from_the_plugin_options(tmp_path: Path) -> None:
    """The real strict build: configured titles reach the page, its nav label, the links to it and the tier
    headings; compiled templates go to the configured folder; a wrong key fails before the site is touched."""
    project = second_story(tmp_path / "story")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    options = (
        "  - explainer:\n      cache: build/compiled\n      wording:\n"
        "        stances: {title: Who backs which bid, kicker: Side by side}\n"
        "        main: {heading: The main battles, one: Main battle}\n"
    )
    (project / "mkdocs.yml").write_text(config.replace("  - explainer\n", options), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    stances = parse(site / "stances" / "index.html")
    assert stances.text_by_id["who-backs-which-bid"].strip().rstrip("\u00b6") == "Who backs which bid"
    stances_html = (site / "stances" / "index.html").read_text(encoding="utf-8")
    assert '<p class="kicker">Side by side</p>' in stances_html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<strong>Who backs which bid</strong>" in home and "The main battles" in home
    assert "Who stands where" not in home and "The main fights" not in home
    assert '<p class="kicker">Main battle</p>' in (site / "disputes" / "price" / "index.html").read_text(
        encoding="utf-8"
    )
    assert list((project / "build" / "compiled").glob("*.cache")), "compiled templates are kept where configured"
    assert not (project / DEFAULT_CACHE).exists()

    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "mkdocs.yml").write_text(config.replace("  - explainer\n", options.replace("stances:", "stance:")))
    broken = mkdocs_build(project, site)
    assert broken.returncode == 1
    assert "mkdocs.yml:" in broken.stderr and "no page or tier 'stance'" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "option,value",
    [("content", "[facts]"), ("cache", "3"), ("wording", "Who backs what"), ("wording", "{stances: Who}")],
)
def test_an_option_of_the_wrong_type_fails_the_command_cleanly(tmp_path: Path, option: str, value: str) -> None:
    """MkDocs types the options for the build; the command, reading them itself, refuses the same wrong types
    at the option's line."""
    project = second_story(tmp_path / "story")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    options = f"  - explainer:\n      {option}: {value}\n"
    (project / "mkdocs.yml").write_text(config.replace("  - explainer\n", options), encoding="utf-8")
    line = config[: config.index("  - explainer\n")].count("\n") + 2  # the line under `- explainer:`
    result = cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"mkdocs.yml:{line}:1: error: plugin option `{option}`: expected "), result.stderr
