"""Lock files stay in step with the declared dependencies: re-resolving each .in gives the same pins."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # uv resolves, pip installs into fresh venvs

LOCKS = {
    "requirements.in": "requirements.lock",
    "requirements-dev.in": "requirements-dev.lock",
    "requirements-zensical.in": "requirements-zensical.lock",
}
OPTIONS = ["--generate-hashes", "--python-version", "3.11"]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def uv() -> str:
    """The uv installed from the dev lock (beside this Python), else the one on PATH."""
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.is_file() else shutil.which("uv")
    assert found, "uv is missing: run ./scripts/setup.sh dev (it is in requirements-dev.lock)"
    return found


def pins(lock_text: str) -> dict[str, str]:
    """Package → version of every `name==version` line, names normalised."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in _PIN.findall(lock_text)}


def recompiled(project: Path, in_name: str, lock_name: str, tmp: Path) -> dict[str, str]:
    """Pins uv resolves now for `in_name`, preferring the current lock's versions as pip-compile does."""
    out = tmp / lock_name
    shutil.copy2(project / lock_name, out)  # an existing output file is uv's preference: no needless upgrades
    result = subprocess.run(
        [uv(), "pip", "compile", in_name, *OPTIONS, "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return pins(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("in_name", sorted(LOCKS))
def test_lock_is_fresh(in_name: str, tmp_path: Path) -> None:
    lock_name = LOCKS[in_name]
    lock_text = (ROOT / lock_name).read_text(encoding="utf-8")
    assert f"uv pip compile {in_name} --generate-hashes --python-version 3.11 -o {lock_name}" in lock_text
    assert "--hash=sha256:" in lock_text
    current = pins(lock_text)
    assert current == recompiled(ROOT, in_name, lock_name, tmp_path), (
        f"{lock_name} is stale: regenerate it with `uv pip compile {in_name} {' '.join(OPTIONS)} -o {lock_name}`"
    )


def test_a_stale_lock_is_caught(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("requirements.in", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    with (project / "requirements.in").open("a", encoding="utf-8") as declared:
        declared.write("six==1.17.0\n")  # declared, but not in the lock
    current = pins((project / "requirements.lock").read_text(encoding="utf-8"))
    fresh = recompiled(project, "requirements.in", "requirements.lock", tmp_path)
    assert "six" not in current
    assert fresh["six"] == "1.17.0"
    assert {k: v for k, v in fresh.items() if k != "six"} == current  # nothing else moved


def _fresh_install(tmp: Path, lock: Path) -> subprocess.CompletedProcess[str]:
    """`pip install --require-hashes -r lock` into a new, empty virtual environment."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    return subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",  # bytecode is not what this checks, and compiling every installed module takes seconds
            "--require-hashes",
            "-r",
            str(lock),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def site_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding requirements.lock, installed with hash checking."""
    tmp = tmp_path_factory.mktemp("site-venv")
    result = _fresh_install(tmp, ROOT / "requirements.lock")
    assert result.returncode == 0, result.stderr
    return tmp / "venv"


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        # Only the venv's own packages: no PYTHONPATH (scripts/generator_tests.sh sets one to its copy).
        env={**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_site_lock_installs_with_hash_checking_into_a_fresh_venv(site_venv: Path) -> None:
    version = _run(site_venv / "bin" / "python", "-m", "mkdocs", "--version", cwd=site_venv)
    assert "1.6.1" in version.stdout


def test_the_package_installed_from_a_wheel_gives_the_command_and_the_plugin(site_venv: Path, tmp_path: Path) -> None:
    """A real install, not the editable checkout: the wheel carries the templates and the starter, `init`, `check`
    and the strict build run from the installed files, and nothing is written inside the installed package
    (compiled templates go to the project's cache folder, schemas to its schema/)."""
    source = tmp_path / "source"  # the files the wheel is built from; building in the checkout would leave build/
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "build_tools", source / "build_tools", symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "docs", source / "docs")  # the starter's theme links point here
    python = site_venv / "bin" / "python"
    wheel = _run(
        python,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        tmp_path / "w",
        source,
        cwd=tmp_path,
    )
    assert wheel.returncode == 0, wheel.stderr
    (built,) = (tmp_path / "w").glob("explainer_generator-*.whl")
    install = _run(
        python, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", built, cwd=tmp_path
    )
    assert install.returncode == 0, install.stderr
    package = Path(
        _run(python, "-c", "import build_tools; print(build_tools.__file__)", cwd=tmp_path).stdout.strip()
    ).parent
    assert package.is_relative_to(site_venv), package
    installed = {p for p in package.parent.rglob("*") if "__pycache__" not in p.parts}

    assert _run(site_venv / "bin" / "explainer", "init", "mine", cwd=tmp_path).returncode == 0
    project = tmp_path / "mine"
    check = _run(site_venv / "bin" / "explainer", "check", cwd=project / "content")
    assert check.returncode == 0 and check.stdout.splitlines()[-1].startswith("OK:"), check.stderr
    assert _run(site_venv / "bin" / "explainer", "schema", cwd=project).returncode == 0
    build = _run(site_venv / "bin" / "mkdocs", "build", "--strict", cwd=project)
    assert build.returncode == 0 and "WARNING" not in build.stderr, build.stderr
    assert (project / "site" / "index.html").is_file() and any((project / ".cache" / "explainer").iterdir())
    assert {p for p in package.parent.rglob("*") if "__pycache__" not in p.parts} == installed


@pytest.mark.parametrize(("mode", "lock"), [("site", "requirements.lock"), ("dev", "requirements-dev.lock")])
def test_setup_script_stops_at_a_wrong_hash(tmp_path: Path, mode: str, lock: str) -> None:
    """`scripts/setup.sh MODE`, run in a copy whose lock holds one package with wrong hashes, installs nothing and
    fails.

    The lock is cut down to that one package (the real lock's entry, every hash replaced), so pip stops after one
    download instead of fetching everything first; the declared `.in` files are there too, so a script that
    installed from them instead of the lock would succeed and be caught.
    """
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    for name in ("requirements.in", "requirements-dev.in", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    text = (ROOT / lock).read_text(encoding="utf-8")
    block = re.search(r"^markdown==.*?(?=^\S)", text, re.MULTILINE | re.DOTALL)
    assert block and "--hash=sha256:" in block.group(0)
    wrong = re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, block.group(0))  # every file of the package
    (tmp_path / lock).write_text(wrong, encoding="utf-8")
    result = subprocess.run(
        [str(tmp_path / "scripts" / "setup.sh"), mode], capture_output=True, text=True, cwd=tmp_path, timeout=600
    )
    assert result.returncode != 0
    assert "DO NOT MATCH THE HASHES" in result.stderr
    assert not list((tmp_path / ".venv").glob("lib/python*/site-packages/markdown"))
    assert not list((tmp_path / ".venv").glob(".installed-*"))
