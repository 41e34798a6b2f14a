"""Rebuilds a project as `mkdocs serve` does, on request: one process, the plugins kept between builds.

Run in the project's folder: `python tests/serve_driver.py SITE_DIR [--once]`. The project's own
build_tools/ (copied beside its mkdocs.yml) is imported before the installed one, so its generator
code can be edited. Each line read from stdin asks for a rebuild (as serve's does after a save);
each answer is one line: `ok` or `failed`. With --once it builds once and exits (a clean build).
"""

from __future__ import annotations

import logging
import os
import sys

sys.path.insert(0, os.getcwd())

from mkdocs.commands.build import build  # after the project folder is first on the path
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

SERVE_URL = "http://127.0.0.1:8000/"


def rebuild(site_dir: str) -> str:
    """One build as serve's builder runs it: the config read again, the same plugin instances."""
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    config.site_url = SERVE_URL
    try:
        build(config, serve_url=SERVE_URL)
    except Abort:
        return "failed"
    return "ok"


def main() -> None:
    """Build once, then once per line of stdin (or only once with --once)."""
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    site_dir = sys.argv[1]
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    print(rebuild(site_dir), flush=True)
    if "--once" in sys.argv:
        return
    for _ in sys.stdin:
        print(rebuild(site_dir), flush=True)


if __name__ == "__main__":
    main()
