"""Rebuilds under `mkdocs serve` keep nothing of earlier builds alive."""

from __future__ import annotations

import gc

import yaml

from build_tools.load.facts import load_content
from build_tools.problems import Collector
from tests.helpers import SECOND_STORY


def _live_yaml_nodes() -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, yaml.Node))


def test_loading_keeps_no_yaml_nodes_alive() -> None:
    content = SECOND_STORY / "content"
    load_content(content, Collector(SECOND_STORY))
    before = _live_yaml_nodes()
    for _ in range(3):
        raw_files = load_content(content, Collector(SECOND_STORY))
    assert len(raw_files) > 20, "the second story loads"
    assert _live_yaml_nodes() == before
