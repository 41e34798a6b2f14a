"""Change history of the facts, read from `git log` of content/: pure parsing, no MkDocs import.

Without git, or outside a git repository, the history is empty and pages say nothing about dates.
Files never committed have no history either: their pages show no "last changed" line.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from build_tools.model.dates import MONTHS

# Record and field separators keep commit subjects (any text) apart from the fields around them.
_RECORD, _FIELD = "\x1e", "\x1f"
LOG_FORMAT = f"{_RECORD}%H{_FIELD}%ct{_FIELD}%s"
STATUS_WORD = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}
# Pages that gather a whole kind of facts: newest change among these content folders.
PAGE_FOLDERS = {
    "home": ("overview", "figures", "questions"),
    "actors": ("actors",),
    "timeline": ("events",),
    "glossary": ("terms",),
    "stances": ("disputes", "questions"),
}


@dataclass(frozen=True)
class Change:
    """One fact file touched by one commit."""

    commit: str
    timestamp: int
    subject: str
    path: str  # relative to the project root, e.g. content/actors/jane-doe.yaml
    status: str  # added, changed or removed

    @property
    def date(self) -> str:
        """The commit's date (UTC) in ISO form."""
        return datetime.fromtimestamp(self.timestamp, tz=UTC).date().isoformat()

    @property
    def label(self) -> str:
        """The commit's date for readers, e.g. "24 November 2026"."""
        day = datetime.fromtimestamp(self.timestamp, tz=UTC)
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not strftime: month names follow the locale

    @property
    def entity(self) -> str:
        """The id of the fact the file holds (its file name without extension)."""
        return PurePosixPath(self.path).stem


@dataclass(frozen=True)
class History:
    """Every change to content/, newest first, with each file's newest change."""

    changes: tuple[Change, ...] = ()
    latest: dict[str, Change] = field(default_factory=dict)
    folder: str = "content"  # the content folder, relative to the project root

    def last_of(self, paths: list[str]) -> Change | None:
        """The newest change among these files, or None when none was ever committed."""
        found = [self.latest[p] for p in paths if p in self.latest]
        return max(found, key=_order) if found else None

    def newest_under(self, folders: list[str]) -> Change | None:
        """The newest change to a file in any of these folders (paths like content/actors)."""
        prefixes = tuple(f.rstrip("/") + "/" for f in folders)
        return self.last_of([p for p in self.latest if p.startswith(prefixes)])


def _order(change: Change) -> tuple[int, str, str]:
    """Sort key: time, then commit and path, so ties resolve the same way on every run."""
    return (change.timestamp, change.commit, change.path)


def parse_log(text: str, folder: str = "content") -> History:
    """Parse `git log --name-status --no-renames --format=LOG_FORMAT` output into a History."""
    changes: list[Change] = []
    for record in text.split(_RECORD)[1:]:
        header, _, files = record.partition("\n")
        commit, timestamp, subject = header.split(_FIELD, 2)
        for line in files.splitlines():
            status, _, path = line.partition("\t")
            if path:
                changes.append(Change(commit, int(timestamp), subject, path, STATUS_WORD.get(status[:1], "changed")))
    # git lists commits newest first by commit time already; sort again so equal times stay stable.
    changes.sort(key=lambda c: (-c.timestamp, c.commit, c.path))
    latest: dict[str, Change] = {}
    for change in changes:
        latest.setdefault(change.path, change)
    return History(tuple(changes), latest, folder)


def _git(project_root: Path, *args: str) -> str | None:
    """Output of a git command run in project_root, or None when git or the repository is missing."""
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"}
    try:
        result = subprocess.run(
            ["git", "-C", str(project_root), *args], capture_output=True, text=True, env=env, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def load_history(content_dir: Path, project_root: Path) -> History:
    """The git history of content_dir, with paths relative to project_root; empty without git."""
    try:
        folder = content_dir.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return History()  # content outside the project: its paths would not match the pages' files
    text = _git(
        project_root, "log", "--no-renames", "--name-status", "--relative", f"--format={LOG_FORMAT}", "--", folder
    )
    return parse_log(text, folder) if text else History(folder=folder)


def last_commit_epoch(project_root: Path) -> int | None:
    """Commit time of HEAD (seconds since the epoch), or None without git."""
    text = _git(project_root, "log", "-1", "--format=%ct")
    return int(text.strip()) if text and text.strip().isdigit() else None


def page_change(history: History | None, kind: str, source_file: str | None) -> Change | None:
    """When the facts a page is built from last changed: its own file, or the newest of its kind."""
    if history is None:
        return None
    if kind in PAGE_FOLDERS:
        folders = [f"{history.folder}/{name}" for name in PAGE_FOLDERS[kind]]
        return history.newest_under(folders)
    if not source_file:
        return None
    files = [source_file]
    if kind == "source":  # a source page shows the metadata and the text beside it
        files.append(str(PurePosixPath(source_file).with_suffix(".txt")))
    return history.last_of(files)


def build_date() -> date:
    """The day the build stands at: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.date()
