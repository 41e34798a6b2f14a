"""The package: the `explainer` MkDocs plugin found by entry point, its typed options, the console command,
and a generator core that imports no MkDocs."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT


def _mkdocs_settings() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _plugin_names(plugins: list[str | dict]) -> list[str]:
    """Names in a `plugins:` list, whose items are a name or a one-key mapping of a name to its options."""
    return [p if isinstance(p, str) else next(iter(p)) for p in plugins]


def test_plugin_is_registered_by_entry_point() -> None:
    found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="mkdocs.plugins")}
    assert found.get("explainer") == "build_tools.glue.plugin:ExplainerPlugin"


def test_mkdocs_yml_uses_the_plugin_and_no_hooks() -> None:
    settings = _mkdocs_settings()
    assert "hooks" not in settings
    assert _plugin_names(settings["plugins"]) == ["search", "explainer"]


def test_plugin_options_are_typed(tmp_path: Path) -> None:
    from build_tools.glue.plugin import ExplainerPlugin

    config_file = tmp_path / "mkdocs.yml"
    plugin = ExplainerPlugin()
    errors, warnings = plugin.load_config({}, str(config_file))
    assert not errors and not warnings
    assert plugin.config.content == str(tmp_path / "content") and plugin.config.generate and plugin.config.theme_fixes
    errors, _ = ExplainerPlugin().load_config({"generate": "yes"}, str(config_file))
    assert [name for name, _ in errors] == ["generate"]
    _, warnings = ExplainerPlugin().load_config({"contnet": "facts"}, str(config_file))
    assert [name for name, _ in warnings] == ["contnet"]
    assert (plugin.config.cache, plugin.config.wording, plugin.config.quote_picker) == (".cache/explainer", {}, "serve")
    for wrong in ({"cache": 3}, {"wording": {"stances": "Who"}}, {"wording": ["stances"]}, {"quote_picker": "yes"}):
        errors, _ = ExplainerPlugin().load_config(wrong, str(config_file))
        assert [name for name, _ in errors] == list(wrong), wrong
    errors, _ = ExplainerPlugin().load_config({"wording": {"stances": {"title": "Who"}}}, str(config_file))
    assert not errors


def test_core_imports_no_mkdocs() -> None:
    code = (
        "import sys, build_tools.tools.cli, build_tools.pipeline, build_tools.tools.export, build_tools.glue.theme;"
        "sys.exit('mkdocs' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_console_command_runs_the_cli() -> None:
    command = Path(sys.executable).parent / "explainer"
    assert command.is_file(), "run ./scripts/setup.sh: it installs the package (pyproject.toml) editable"
    result = subprocess.run([str(command), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("usage: explainer ")
    for name in ("check", "new", "export", "schema", "reverify", "bench"):
        assert name in result.stdout


def test_zensical_config_drops_the_generator_plugin() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from zensical_config import zensical_config
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    config = zensical_config({"plugins": ["search", {"explainer": {"content": "facts"}}], "watch": ["content"]}, [])
    assert config["plugins"] == ["search"] and "watch" not in config
    assert zensical_config(_mkdocs_settings(), [])["plugins"] == ["search"]
