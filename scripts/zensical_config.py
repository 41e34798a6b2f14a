"""Write the Zensical config for the exported pages: the project's mkdocs.yml settings, the explainer plugin removed.

Usage: python scripts/zensical_config.py OUT   (OUT/export holds `python -m build_tools export` output)
Result: OUT/docs (exported pages + hand-written docs/) and OUT/mkdocs.yml (nav from OUT/export/nav.json).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    """Reads MkDocs' `!ENV [NAME, default]` tags as the variable's value or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if v in os.environ), default)


_Loader.add_constructor("!ENV", _env)


GENERATOR_PLUGIN = "explainer"  # build_tools/glue/plugin.py: Zensical runs no MkDocs plugins, the export replaces it


def _without_generator(plugins: list[Any]) -> list[Any]:
    """mkdocs.yml's plugins minus the generator (listed as a name or as a one-key mapping with options)."""
    return [p for p in plugins if p != GENERATOR_PLUGIN and not (isinstance(p, dict) and GENERATOR_PLUGIN in p)]


def zensical_config(settings: dict[str, Any], exported_nav: list[Any]) -> dict[str, Any]:
    """The MkDocs settings for a plugin-free build: generated pages first in the nav, no generator, hooks or watch."""
    config = {k: v for k, v in settings.items() if k not in ("hooks", "watch")}
    if "plugins" in config:
        config["plugins"] = _without_generator(config["plugins"] or [])
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = [*exported_nav, *(settings.get("nav") or [])]
    return config


def main(out: Path) -> int:
    """Assemble OUT/docs and write OUT/mkdocs.yml."""
    settings = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    export = out / "export"
    nav = json.loads((export / "nav.json").read_text(encoding="utf-8"))
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(export, docs, ignore=shutil.ignore_patterns("nav.json"))
    shutil.copytree(ROOT / settings.get("docs_dir", "docs"), docs, dirs_exist_ok=True)
    config = zensical_config(settings, nav)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]).resolve()))
