"""Problems found in content, collected and reported all at once as `path:line:col: error: …`."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with where it is and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    level: str = "error"  # or "warning": reported, but nothing is refused for it

    def format(self) -> str:
        """Render as `path:line:col: error: message` (or `warning:`), with the hint on the next line."""
        head = f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head


class ContentError(Exception):
    """Raised once, after validation, with every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per entry, then a count."""
        lines = [p.format() for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


@dataclass
class Collector:
    """Gathers problems during a validation pass so they can be reported together."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        """Path as shown to the editor: relative to the project root when possible."""
        # The path as written first, so that a symbolic link is named by where it sits, not where it points.
        for candidate, root in (
            (Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
            (path.resolve(), self.root.resolve()),
        ):
            try:
                return candidate.relative_to(root).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def add(self, path: Path, line: int, col: int, message: str, hint: str = "") -> None:
        """Record one problem at a 1-based line and column."""
        self.problems.append(Problem(self.rel(path), line, col, message, hint))

    def raise_if_any(self) -> None:
        """Abort once, with everything found so far."""
        if self.problems:
            raise ContentError(self.problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A `did you mean …?` suffix when one clear best match exists, else an empty string.

    Two candidates about as close as each other (`alpha-one`, `alpha-two` for `alpha`) give no
    suggestion: guessing between them would send the editor to the wrong one half the time.
    """
    scored = sorted(
        ((difflib.SequenceMatcher(None, word, choice).ratio(), choice) for choice in set(choices)),
        reverse=True,
    )
    scored = [(score, choice) for score, choice in scored if score >= 0.6]
    if not scored or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05):
        return ""
    return f"did you mean '{scored[0][1]}'?"
