"""The two MkDocs builds the benchmark compares, and the generator-free project the second one needs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from build_tools.load.project import load_config

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_TOP_KEY = re.compile(r"^([A-Za-z_]+):")
# Top-level keys of mkdocs.yml the generator-free config replaces or drops.
_DROPPED = {"hooks", "watch", "nav", "plugins"}
GENERATOR_PLUGIN = "explainer"


def mkdocs_build(config: Path, site_dir: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """`mkdocs build --strict` of one config: (seconds, peak MB); raises when the build fails."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    wall, peak, result = _run_measured(args, config.parent, env)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build of {config} failed:\n{result.stderr[-3000:]}")
    return wall, peak


def _run_measured(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run a command; (wall seconds, its own peak memory in MB via wait4, result)."""
    out_path, err_path = cwd / ".bench-stdout", cwd / ".bench-stderr"
    with out_path.open("w") as out, err_path.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(args, code, out_path.read_text(), err_path.read_text())
    out_path.unlink()
    err_path.unlink()
    return wall, usage.ru_maxrss / 1024, result


def hand_written_nav(config_text: str) -> list[object]:
    """The `nav:` block of mkdocs.yml as data (it uses no custom tags)."""
    block = _blocks(config_text).get("nav", "")
    return (yaml.safe_load(block) or {}).get("nav", []) if block else []


def plain_plugins(config_text: str) -> list[object]:
    """mkdocs.yml's plugins with the generator switched to theme fixes only (`explainer: {generate: false}`)."""
    block = _blocks(config_text).get("plugins", "")
    plugins = (load_config(block) or {}).get("plugins") or [] if block else []  # `!ENV` values resolved
    out: list[object] = []
    for plugin in plugins:
        if plugin == GENERATOR_PLUGIN or (isinstance(plugin, dict) and GENERATOR_PLUGIN in plugin):
            options = plugin.get(GENERATOR_PLUGIN) or {} if isinstance(plugin, dict) else {}
            plugin = {GENERATOR_PLUGIN: {**options, "generate": False}}
        out.append(plugin)
    return out


def _blocks(config_text: str) -> dict[str, str]:
    """Top-level blocks of a YAML file by key, as text (comments stay with the block above)."""
    blocks: dict[str, str] = {}
    key = ""
    for line in config_text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            key = match.group(1)
        blocks[key] = blocks.get(key, "") + line
    return blocks


def plain_project(project: Path, out: Path, as_of: str) -> Path:
    """A copy of a project without the generator's hook: exported pages + docs/ in one docs_dir, nav from nav.json."""
    if out.exists():
        shutil.rmtree(out)
    export_dir = out.parent / f"{out.name}-export"
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "export", str(export_dir)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"export failed:\n{result.stderr[-3000:]}")
    shutil.copytree(project / "docs", out / "docs")
    nav = json.loads((export_dir / "nav.json").read_text(encoding="utf-8"))
    (export_dir / "nav.json").unlink()
    shutil.copytree(export_dir, out / "docs", dirs_exist_ok=True)
    shutil.rmtree(export_dir)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    blocks = _blocks(text)
    kept = "".join(body for key, body in blocks.items() if key not in _DROPPED)
    extra = f"  as_of: {json.dumps(as_of)}\n"
    kept = kept.replace("\nextra:\n", "\nextra:\n" + extra, 1) if "extra" in blocks else kept + "\nextra:\n" + extra
    full_nav = [*nav, *hand_written_nav(text)]
    # The plugin stays with `generate: false`: its theme fixes are part of the site's look, not of the generator.
    shutil.copytree(project / "build_tools", out / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    plugins = "\nplugins: " + json.dumps(plain_plugins(text)) + "\n"
    (out / "mkdocs.yml").write_text(kept + plugins + "\nnav: " + json.dumps(full_nav) + "\n", encoding="utf-8")
    return out / "mkdocs.yml"
