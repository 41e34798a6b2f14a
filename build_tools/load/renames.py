"""Fact files that were renamed, from git, so that a reference to the old id can suggest the new one.

Asked only when a reference names an unknown id (the error path), and only of git: renames committed in
the recent history of content/ and renames not yet committed (a file deleted from the working tree whose
text lives on in a new file of the same folder). Without git, or outside a repository, nothing is found.
"""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path, PurePosixPath

HISTORY = 200  # commits of content/ searched for renames
SIMILAR = 0.5  # share of lines a deleted file's last committed text and a new file must share to be a rename


class Renames:
    """Old id → new id, read from git the first time it is asked."""

    def __init__(self, content_dir: Path, root: Path) -> None:
        self.content_dir, self.root = content_dir, root
        self._found: dict[str, str] | None = None

    def new_id(self, old_id: str) -> str | None:
        """The id the file of `old_id` has now (following renames of renames), if git knows of one."""
        if self._found is None:
            self._found = self._read()
        seen, current = set(), old_id
        while current in self._found and current not in seen:
            seen.add(current)
            current = self._found[current]
        return current if current != old_id else None

    def _read(self) -> dict[str, str]:
        found: dict[str, str] = {}
        log = _git(self.root, "log", "-M", "--diff-filter=R", "--name-status", "--format=", f"-n{HISTORY}", "--", ".")
        for line in reversed(log.splitlines()):  # oldest first, so a later rename of the same id wins
            parts = line.split("\t")
            if len(parts) == 3 and parts[0].startswith("R"):
                found[_stem(parts[1])] = _stem(parts[2])
        found.update(self._uncommitted())
        return {old: new for old, new in found.items() if old != new}

    def _uncommitted(self) -> dict[str, str]:
        """Deleted tracked fact files paired with the most alike new (untracked or added) file of their folder."""
        deleted = _git(self.root, "ls-files", "--deleted", "--", str(self.content_dir)).splitlines()
        added = _git(self.root, "ls-files", "--others", "--exclude-standard", "--", str(self.content_dir)).splitlines()
        staged = _git(self.root, "diff", "--cached", "--name-only", "--diff-filter=A", "--", str(self.content_dir))
        added += staged.splitlines()
        found: dict[str, str] = {}
        for old in (path for path in deleted if path.endswith(".yaml")):
            before = _git(self.root, "show", f"HEAD:./{old}").splitlines()
            folder = PurePosixPath(old).parent
            scored = [
                (difflib.SequenceMatcher(None, before, _read(self.root / new).splitlines()).ratio(), new)
                for new in added
                if new.endswith(".yaml") and PurePosixPath(new).parent == folder
            ]
            best = max(scored, default=(0.0, ""))
            if best[0] >= SIMILAR:
                found[_stem(old)] = _stem(best[1])
        return found


def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _git(root: Path, *args: str) -> str:
    """A git command's output in the project (paths relative to it); empty when git is missing or fails."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""
