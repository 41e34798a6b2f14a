"""The GitHub Actions workflows: valid by an independent schema checker, and doing what the README promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECKER = Path(sys.executable).parent / "check-jsonschema"
PINNED = re.compile(r"^actions/[a-z-]+@v\d+\.\d+\.\d+$")


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema with SchemaStore's GitHub workflow schema (vendored in the package: no network)."""
    return subprocess.run(
        [str(CHECKER), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(name: str) -> dict[Any, Any]:
    """A workflow file as data; YAML 1.1 reads the key `on` as True, so it is put back."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[Any, Any]) -> str:
    """All shell lines of a workflow, joined."""
    return "\n".join(step.get("run", "") for step in steps(workflow))


def test_workflows_validate() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "pages.yml"]
    result = check(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (WORKFLOWS / "pages.yml").read_text(encoding="utf-8").replace("pages: write", "pages: publish"),
        encoding="utf-8",
    )
    assert check(broken).returncode != 0


def test_every_action_is_pinned_to_a_version() -> None:
    for name in ("ci.yml", "pages.yml"):
        uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
        assert uses and all(PINNED.match(u) for u in uses), uses


def test_pull_requests_check_build_and_test_everything() -> None:
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    checkout = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    shell = runs(ci)
    assert re.search(r"apt-get install .*\bchromium\b", shell)
    order = ["./scripts/setup.sh dev", "-m build_tools check", "-m mkdocs build --strict", "make test"]
    positions = [shell.index(command) for command in order]
    assert positions == sorted(positions)


def test_a_windows_checkout_checks_and_builds_strictly() -> None:
    """The Windows job checks out with core.autocrlf=true (Git for Windows' default), sets up from the hash-checked
    lock, then runs `check` and the strict build, in that order (the job cannot run here: its shape is checked)."""
    ci = load("ci.yml")
    windows = [job for job in ci["jobs"].values() if str(job.get("runs-on", "")).startswith("windows-")]
    assert len(windows) == 1
    job = windows[0]
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in job["steps"]]
    checkout = names.index("actions/checkout")
    assert any("core.autocrlf true" in name for name in names[:checkout]), names
    shell = "\n".join(step.get("run", "") for step in job["steps"])
    order = ["--require-hashes -r requirements.lock", "-m build_tools check", "-m mkdocs build --strict"]
    positions = [shell.index(command) for command in order]
    assert positions == sorted(positions)
    assert " -q" not in shell.split("mkdocs build --strict")[1].split("\n")[0]  # strict with -q ignores warnings


def test_main_deploys_to_pages_with_least_privilege() -> None:
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert (
        next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))["with"]["fetch-depth"] == 0
    )
    assert "./scripts/setup.sh site" in runs(pages) and "mkdocs build --strict" in runs(pages)
