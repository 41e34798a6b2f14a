"""Rebuilds under `mkdocs serve` keep nothing of earlier builds alive."""

from __future__ import annotations

import gc

import yaml

from build_tools import CONTENT_DIR, PROJECT_ROOT
from build_tools.load.facts import load_content
from build_tools.problems import Collector


def _live_yaml_nodes() -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, yaml.Node))


def test_loading_keeps_no_yaml_nodes_alive() -> None:
    load_content(CONTENT_DIR, Collector(PROJECT_ROOT))
    before = _live_yaml_nodes()
    for _ in range(3):
        raw_files = load_content(CONTENT_DIR, Collector(PROJECT_ROOT))
    assert raw_files, "the real content loads"
    assert _live_yaml_nodes() == before
