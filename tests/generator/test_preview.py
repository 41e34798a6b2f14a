"""Live preview: `mkdocs serve` picks up a saved YAML file, survives a broken one, and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import second_story

WAIT_SECONDS = 90  # a generous ceiling for a 2-core machine; the test returns as soon as it sees the change


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _until(condition: Callable[[], bool], what: str) -> None:
    """Poll until the condition holds; fail (not hang) after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def serving(tmp_path: Path):
    """A copy of the second-story project served by the real `mkdocs serve` on a free localhost port."""
    project = second_story(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", tmp_path / "serve.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_save_broken_save_fixed(serving: tuple[Path, str, Path]) -> None:
    """A good save shows up; a broken save is reported and the last good page stays; a fix recovers."""
    project, base, log_path = serving
    actor = sorted((project / "content" / "actors").glob("*.yaml"))[0]
    url = f"{base}actors/{actor.stem}/"
    _until(lambda: "<html" in _fetch(url), "the first build")
    original = actor.read_text(encoding="utf-8")

    actor.write_text(
        original.replace("\nrole:\n  text: ", "\nrole:\n  text: Preview-marker-one. ", 1), encoding="utf-8"
    )
    _until(lambda: "Preview-marker-one." in _fetch(url), "the edited page")

    actor.write_text(original.replace("\nrole:\n", "\nrole: [unclosed\n", 1), encoding="utf-8")
    rel = actor.relative_to(project).as_posix()
    _until(
        lambda: (
            f"{rel}:" in log_path.read_text(encoding="utf-8")
            and "error: YAML syntax error" in log_path.read_text(encoding="utf-8")
        ),
        "the error in the terminal",
    )
    time.sleep(1)  # give a (wrong) rebuild the chance to replace the page
    assert "Preview-marker-one." in _fetch(url), "the last good page is still served"

    actor.write_text(
        original.replace("\nrole:\n  text: ", "\nrole:\n  text: Preview-marker-two. ", 1), encoding="utf-8"
    )
    _until(lambda: "Preview-marker-two." in _fetch(url), "recovery after the fix")
    assert "Traceback" not in log_path.read_text(encoding="utf-8")
