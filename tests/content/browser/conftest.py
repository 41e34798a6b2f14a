"""Browser fixtures: the real build served on 127.0.0.1, Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM_ARGS, ROOT, serve

CHROMIUM = Path("/usr/bin/chromium")
NODE_TOOLS = ROOT / "tests" / "js" / "node_modules"
AXE = NODE_TOOLS / "axe-core" / "axe.min.js"
VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
# One page of each generated type, plus the two index pages that hold the map and the lists.
PAGE_TYPES = {
    "home": "",
    "actor": "actors/sam-altman/",
    "actors-map": "actors/",
    "dispute": "disputes/strawberry-handover/",
    "agi": "questions/agi/",
    "timeline": "timeline/",
    "sources": "sources/wsj-drift-2025/",
    "glossary": "glossary/",
    "stances": "stances/",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def require(available: bool, what: str) -> None:
    """Skip when a tool is missing locally; under CI (CI=true) the setup script installs it, so fail."""
    if available:
        return
    message = f"{what} is missing; run ./scripts/setup.sh dev"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served by Python's http.server on a free local port."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, once per module: Playwright's sync API allows one instance at a time,
    and other test modules start their own."""
    require(CHROMIUM.is_file(), "Debian's chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def axe_script() -> Path:
    """axe-core, installed from tests/js/package-lock.json."""
    require(AXE.is_file(), "axe-core (tests/js/node_modules)")
    return AXE


@pytest.fixture()
def vnu_jar() -> Path:
    """The Nu HTML checker and a Java runtime to run it."""
    require(VNU.is_file(), "vnu-jar (tests/js/node_modules)")
    require(shutil.which("java") is not None, "a Java runtime (for vnu-jar)")
    return VNU


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Folder for the screenshots of each page type (gitignored test artifacts)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
