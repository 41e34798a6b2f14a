"""Shared test configuration: the speed tiers.

`slow` marks what the fast tier (`make test-fast`, `pytest -m "not slow and not browser"`) leaves out:
real MkDocs builds and serves, the benchmark, the lock and install checks, the Zensical build and the
browser. A test is slow when it is marked so, or when it uses one of the fixtures below that build a
whole site; browser tests (`browser`) are slow too.

The property tests take their number of examples from a Hypothesis profile: `full` (the default, each
test's own number) or `fast` (HYPOTHESIS_PROFILE=fast, set by `make test-fast`: a few examples each).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("full", max_examples=10_000)  # a cap no test reaches: each keeps its own number
settings.register_profile("fast", max_examples=15)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))

# Fixtures that run at least one full `mkdocs build` (or serve), in tests/content and tests/generator.
BUILDING_FIXTURES = {
    "build_result",
    "built_site",
    "site_url",
    "built",
    "two_builds",
    "both_sites",
    "poisoned_site",
    "poisoned_url",
    "picker_site",
    "picker_url",
    "results",
    "serving",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that builds a site, or runs a browser, as slow."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BUILDING_FIXTURES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
