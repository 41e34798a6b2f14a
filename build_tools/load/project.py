"""The project: the folder of its mkdocs.yml and the `explainer` plugin's options there.

The plugin gets its options from MkDocs (glue/plugin.py, typed by ExplainerConfig); the command reads
the same options from the same file here, without importing MkDocs, so `explainer check` and
`explainer export` use the content folder, cache and wording the build uses. Both turn the options
into a Project with `project_from_options`, which holds the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.model.wording import DEFAULT_WORDING, Wording, WordingError
from build_tools.problems import Problem

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "explainer"
# The plugin's options and their defaults (ExplainerConfig declares the same names with these values).
DEFAULT_CONTENT = "content"
DEFAULT_CACHE = ".cache/explainer"  # compiled page templates; "" keeps them in memory only
DEFAULT_DOCS = "docs"  # MkDocs' `docs_dir`: the hand-written pages, styles and theme overrides


@dataclass(frozen=True)
class Project:
    """Where one explainer's files are and how its site words itself."""

    root: Path  # the folder of mkdocs.yml: paths in messages and edit links are relative to it
    content: Path
    cache: Path | None
    wording: Wording = DEFAULT_WORDING
    docs: Path | None = None  # MkDocs' docs_dir (hand-written pages); None: the project's docs/

    @property
    def docs_dir(self) -> Path:
        """The folder of hand-written pages (MkDocs' `docs_dir`)."""
        return self.docs if self.docs is not None else self.root / DEFAULT_DOCS

    def own_folders(self) -> list[tuple[str, Path, bool]]:
        """The folders no command may replace, as (name, path, whether a folder inside it is refused too)."""
        return [
            ("the project folder", self.root, False),
            ("the content folder", self.content, True),
            ("the docs folder", self.docs_dir, True),
            ("the git folder", self.root / ".git", True),
        ]


@dataclass(frozen=True)
class DocsRules:
    """What a strict build checks of the hand-written pages in docs_dir, from MkDocs' settings in mkdocs.yml."""

    nav: frozenset[str] | None = None  # pages the nav lists; None: no nav, so no page is left out of it
    omitted_warn: bool = False  # validation omitted_files: warn (a page in no nav entry fails --strict)
    links_warn: bool = True  # validation links not_found: warn (MkDocs' default)
    anchors_warn: bool = False  # validation anchors: warn (a link to an id the page does not have)
    ignored: tuple[str, ...] = ()  # exclude_docs patterns (gitignore-style)
    not_in_nav: tuple[str, ...] = ()


def docs_rules(config_file: Path) -> DocsRules:
    """The hand-written pages' rules of a mkdocs.yml (MkDocs' defaults for what it leaves out)."""
    config = load_config(config_file.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        return DocsRules()
    validation = _mapping(config.get("validation"))
    nav_levels, link_levels = _mapping(validation.get("nav")), _mapping(validation.get("links"))
    omitted = nav_levels.get("omitted_files", validation.get("omitted_files", "info"))
    not_found = link_levels.get("not_found", validation.get("not_found", "warn"))
    anchors = link_levels.get("anchors", validation.get("anchors", "info"))
    nav = config.get("nav")
    return DocsRules(
        nav=frozenset(_nav_pages(nav)) if nav is not None else None,
        omitted_warn=omitted == "warn",
        links_warn=not_found == "warn",
        anchors_warn=anchors == "warn",
        ignored=tuple(_lines(config.get("exclude_docs"))),
        not_in_nav=tuple(_lines(config.get("not_in_nav"))),
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _nav_pages(nav: Any) -> list[str]:
    """Every page path a `nav:` names (titles and external links left out)."""
    if isinstance(nav, str):
        return [nav] if "://" not in nav else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    return []


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else []


class ProjectError(Exception):
    """mkdocs.yml cannot be read, or the plugin's options are wrong; carries each problem at its line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a mkdocs.yml, as git finds its repository."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def project_from_options(root: Path, options: Mapping[str, Any], docs_dir: str | Path = DEFAULT_DOCS) -> Project:
    """A Project from the plugin's options (any left out take their defaults); wrong ones raise ProjectError.

    `docs_dir` is MkDocs' own setting (relative to `root`, or absolute as MkDocs gives it to the plugin)."""
    _require_types(root, options)
    content = root / str(options.get("content") or DEFAULT_CONTENT)
    cache_option = options.get("cache", DEFAULT_CACHE)
    try:
        wording = DEFAULT_WORDING.with_overrides(options.get("wording") or {})
    except WordingError as err:
        raise ProjectError(
            [
                Problem(CONFIG_FILE, _option_line(root / CONFIG_FILE, "wording", p.key), 1, p.message, p.hint)
                for p in err.problems
            ]
        ) from None
    return Project(root, content, root / cache_option if cache_option else None, wording, root / docs_dir)


def _require_types(root: Path, options: Mapping[str, Any]) -> None:
    """The options' shapes, as ExplainerConfig types them for the build (the command reads them without MkDocs)."""
    wording = options.get("wording")
    wrong = [
        (name, "a text (a folder relative to mkdocs.yml)")
        for name in ("content", "cache")
        if name in options and not isinstance(options[name], str)
    ]
    if wording is not None and not (
        isinstance(wording, Mapping) and all(isinstance(v, Mapping) for v in wording.values())
    ):
        wrong.append(("wording", "a mapping of page or tier to its words, e.g. {stances: {title: Who backs what}}"))
    if wrong:
        raise ProjectError(
            [
                Problem(
                    CONFIG_FILE,
                    _option_line(root / CONFIG_FILE, name),
                    1,
                    f"plugin option `{name}`: expected {what}",
                    f"fix `{name}:` under `- {PLUGIN}:` in plugins",
                )
                for name, what in wrong
            ]
        )


def read_project(root: Path) -> Project:
    """The project whose mkdocs.yml is in `root`, with the plugin's options and MkDocs' `docs_dir` from it."""
    docs_dir = setting(root / CONFIG_FILE, "docs_dir")
    return project_from_options(
        root, plugin_options(root / CONFIG_FILE), docs_dir if isinstance(docs_dir, str) and docs_dir else DEFAULT_DOCS
    )


def site_dir_problem(project: Project) -> Problem | None:
    """A `site_dir` in mkdocs.yml that MkDocs would empty although it is one of the project's own folders (the
    plugin refuses it before building: glue/staging.py), so `check` refuses it too."""
    config_file = project.root / CONFIG_FILE
    if not config_file.is_file():
        return None
    site_dir = setting(config_file, "site_dir")
    why = replaces_own_folder(project.root / (site_dir if isinstance(site_dir, str) and site_dir else "site"), project)
    if why is None:
        return None
    line = next(
        (
            n
            for n, text in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1)
            if text.startswith("site_dir:")
        ),
        1,
    )
    return Problem(
        CONFIG_FILE,
        line,
        1,
        f"site_dir: {why}; MkDocs empties site_dir on every build",
        "choose another folder, e.g. site",
    )


def replaces_own_folder(target: Path, project: Project) -> str | None:
    """Why generated output may not replace `target`: it is, holds, or (for content/, docs/, .git) lies in one
    of the project's own folders. None when it may."""
    real = target.resolve()
    for name, folder, inside_refused in project.own_folders():
        own = folder.resolve()
        if real == own:
            return f"it is {name}"
        if real in own.parents:
            return f"it holds {name} ({own})"
        if inside_refused and own in real.parents:
            return f"it lies inside {name} ({own})"
    return None


def load_config(config_text: str) -> Any:
    """A mkdocs.yml's settings as data (`!ENV` resolved, other tags as plain values); ProjectError if not YAML."""
    try:
        return yaml.load(config_text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProjectError(
            [Problem(CONFIG_FILE, line, col, f"mkdocs.yml is not valid YAML: {err.problem}", "fix the YAML syntax")]
        ) from None


def setting(config_file: Path, key: str) -> Any:
    """One top-level setting of a mkdocs.yml (None when it is not set)."""
    config = load_config(config_file.read_text(encoding="utf-8"))
    return config.get(key) if isinstance(config, dict) else None


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The `explainer` plugin's options in a mkdocs.yml; empty when it lists the plugin without options."""
    config = load_config(config_file.read_text(encoding="utf-8"))
    plugins = config.get("plugins") if isinstance(config, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else [_entry(p) for p in plugins or []]
    for name, options in entries:
        if name == PLUGIN:
            return dict(options) if isinstance(options, dict) else {}
    return {}


def _entry(plugin: Any) -> tuple[str, Any]:
    """A `plugins:` list item, `name` or `{name: options}`, as (name, options)."""
    if isinstance(plugin, dict) and len(plugin) == 1:
        return next(iter(plugin.items()))
    return str(plugin), {}


def _option_line(config_file: Path, option: str, key: str | None = None) -> int:
    """The line of `key` under the plugin's `option` in mkdocs.yml (of the option itself without a key, or when
    the key is written inline), 1 when neither is found. A search of the text: the YAML loader keeps no lines."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    start = next((n for n, text in enumerate(lines) if text.strip().startswith(f"{option}:")), None)
    if start is None or key is None:
        return 1 if start is None else start + 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    for n in range(start + 1, len(lines)):
        text = lines[n].strip()
        if text and not text.startswith("#") and len(lines[n]) - len(lines[n].lstrip()) <= indent:
            break  # the option's block has ended
        if text.startswith(f"{key}:"):
            return n + 1
    return start + 1


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml read as MkDocs reads it, as far as we need: `!ENV` resolved, other tags as plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default (MkDocs' rule)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]  # the only other node kind


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _plain)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)
