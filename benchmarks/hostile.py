"""Measure how fast, and in how much memory, `python -m build_tools check` refuses hostile fact files.

Run: .venv/bin/python benchmarks/hostile.py
Each case puts one hostile file into a copy of the golden test project and runs the real command in a
fresh subprocess; wall time is measured around the subprocess, peak memory (ru_maxrss) inside it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "golden" / "_base"
TARGET = "content/terms/widget.yaml"
LIMIT_SECONDS, LIMIT_MB = 2.0, 200

_RUNNER = """
import json, resource, sys
from build_tools.tools.cli import main
code = main(sys.argv[1:])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"exit": code, "peak_mb": peak_kb / 1024}))
"""


def billion_laughs() -> bytes:
    """The classic alias expansion bomb: 9 levels of 9 aliases (10^9 'lol's if expanded)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def deep_nesting(levels: int = 10_000) -> bytes:
    """A value nested 10,000 lists deep."""
    return b"id: widget\nterm: " + b"[" * levels + b"]" * levels + b"\n"


def huge_file(size: int = 50_000_000) -> bytes:
    """A 50 MB fact file (a valid start, then a very long text value); see `write_case` for how it is written."""
    return b"id: widget\nterm: Widget\nnote: " + b"x" * (size - 30) + b"\n"


def write_case(target: Path, make: object) -> int:
    """Write a hostile file in 1 MB pieces, so this process stays small.

    Linux carries the parent's peak RSS into a vfork-ed child's ru_maxrss, so a parent that held the
    50 MB file would inflate the child's figure.
    """
    if make is huge_file:
        with target.open("wb") as out:
            out.write(b"id: widget\nterm: Widget\nnote: ")
            for _ in range(50):
                out.write(b"x" * 1_000_000)
            out.write(b"\n")
        return target.stat().st_size
    target.write_bytes(make())  # type: ignore[operator]
    return target.stat().st_size


CASES = {"billion laughs": billion_laughs, "10,000-level nesting": deep_nesting, "50 MB file": huge_file}


def measure(name: str, make: object) -> dict[str, Any]:
    """Run `check` on the base project with one hostile file; return exit code, seconds, peak MB, message."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(BASE, project)
        size = write_case(project / TARGET, make)
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", _RUNNER, "--content", str(project / "content"), "check"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        seconds = time.perf_counter() - started
    stats = json.loads(run.stdout.strip().splitlines()[-1])
    message = next((line for line in run.stderr.splitlines() if ": error: " in line), run.stderr.strip())
    return {
        "case": name,
        "bytes": size,
        "exit": stats["exit"],
        "seconds": round(seconds, 3),
        "peak_mb": round(stats["peak_mb"], 1),
        "message": message.split(": error: ", 1)[-1],
    }


def main() -> int:
    """Print one line per case; exit 1 if any case is accepted, slow or memory-hungry."""
    baseline = measure("baseline (valid project)", lambda: (BASE / TARGET).read_bytes())
    print(json.dumps(baseline))
    failed = False
    for name, make in CASES.items():
        result = measure(name, make)
        print(json.dumps(result))
        failed |= result["exit"] != 1 or result["seconds"] >= LIMIT_SECONDS or result["peak_mb"] >= LIMIT_MB
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
